import { describe, expect, it } from 'vitest';
import { afterSignIn, allows, homeFor, signInPath } from './navigation.js';
import { matchRoute } from './router.js';

const caseId = '0193a7e2-8f1c-7b3d-9e2a-4c5d6e7f8a9b';

describe('routes', () => {
  it('matches the app paths and nothing else', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/sign-in')).toEqual({ name: 'signIn' });
    expect(matchRoute('/cases/')).toEqual({ name: 'cases' });
    expect(matchRoute(`/cases/${caseId}`)).toEqual({ name: 'case', id: caseId });
    expect(matchRoute('/cases/not-an-id')).toEqual({ name: 'notFound' });
    expect(matchRoute('/users')).toEqual({ name: 'users' });
    expect(matchRoute('/import')).toEqual({ name: 'import' });
    expect(matchRoute('/dispatch')).toEqual({ name: 'dispatch' });
    expect(matchRoute('/api/cases')).toEqual({ name: 'notFound' });
    expect(matchRoute(`/cases/${caseId}/check-in`)).toEqual({ name: 'checkIn', caseId });
    expect(matchRoute(`/visits/${caseId}`)).toEqual({ name: 'visit', id: caseId });
    expect(matchRoute('/sync')).toEqual({ name: 'sync' });
    expect(matchRoute('/review')).toEqual({ name: 'reviewQueue' });
    expect(matchRoute(`/review/visits/${caseId}`)).toEqual({ name: 'reviewVisit', id: caseId });
    expect(matchRoute('/review/visits/nope')).toEqual({ name: 'notFound' });
    expect(matchRoute('/risk')).toEqual({ name: 'risk' });
  });
});

describe('where each role goes', () => {
  it('starts admins on users, dispatchers on the console, supervisors on the review queue and collectors on cases', () => {
    expect(homeFor('admin')).toBe('/users');
    expect(homeFor('collector')).toBe('/cases');
    expect(homeFor('dispatcher')).toBe('/dispatch');
    expect(homeFor('supervisor')).toBe('/review');
  });

  it('keeps user administration to admins', () => {
    expect(allows('admin', { name: 'users' })).toBe(true);
    expect(allows('dispatcher', { name: 'users' })).toBe(false);
    expect(allows('collector', { name: 'case', id: caseId })).toBe(true);
    expect(allows('dispatcher', { name: 'import' })).toBe(true);
    expect(allows('dispatcher', { name: 'dispatch' })).toBe(true);
    expect(allows('admin', { name: 'dispatch' })).toBe(true);
    expect(allows('supervisor', { name: 'dispatch' })).toBe(false);
    expect(allows('collector', { name: 'dispatch' })).toBe(false);
    expect(allows('collector', { name: 'import' })).toBe(false);
    expect(allows('supervisor', { name: 'import' })).toBe(false);
    // The field screens work on the collector's own device store; no other role has one.
    expect(allows('collector', { name: 'checkIn', caseId })).toBe(true);
    expect(allows('collector', { name: 'sync' })).toBe(true);
    expect(allows('dispatcher', { name: 'visit', id: caseId })).toBe(false);
    // Evidence review is for supervisors and admins.
    expect(allows('supervisor', { name: 'reviewVisit', id: caseId })).toBe(true);
    expect(allows('admin', { name: 'reviewQueue' })).toBe(true);
    expect(allows('dispatcher', { name: 'reviewQueue' })).toBe(false);
    expect(allows('collector', { name: 'reviewVisit', id: caseId })).toBe(false);
    // So is risk monitoring.
    expect(allows('supervisor', { name: 'risk' })).toBe(true);
    expect(allows('admin', { name: 'risk' })).toBe(true);
    expect(allows('dispatcher', { name: 'risk' })).toBe(false);
    expect(allows('collector', { name: 'risk' })).toBe(false);
    expect(matchRoute('/results')).toEqual({ name: 'results' });
    expect(allows('supervisor', { name: 'results' })).toBe(true);
    expect(allows('admin', { name: 'results' })).toBe(true);
    expect(allows('dispatcher', { name: 'results' })).toBe(false);
    expect(allows('collector', { name: 'results' })).toBe(false);
  });

  it('returns to where the session ended, only inside the app and only where the role may go', () => {
    expect(afterSignIn('collector', `/cases/${caseId}`)).toBe(`/cases/${caseId}`);
    expect(afterSignIn('dispatcher', '/cases?bucket=M1')).toBe('/cases?bucket=M1');
    expect(afterSignIn('collector', '/users')).toBe('/cases');
    expect(afterSignIn('admin', '//evil.example/users')).toBe('/users');
    expect(afterSignIn('admin', 'https://evil.example/')).toBe('/users');
    expect(afterSignIn('admin', null)).toBe('/users');
  });

  it('remembers the page only when the session ended, not on a deliberate sign-out', () => {
    expect(signInPath('sessionEnded', `/cases/${caseId}`)).toBe(`/sign-in?next=${encodeURIComponent(`/cases/${caseId}`)}`);
    expect(signInPath('signedOut', '/cases')).toBe('/sign-in');
    expect(signInPath('sessionEnded', '/')).toBe('/sign-in');
    expect(signInPath(null, '/cases')).toBe('/sign-in');
  });
});
