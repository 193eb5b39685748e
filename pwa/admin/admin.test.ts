import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../../shared/schemas/users.js';
import { ApiRequestError } from '../app/api.js';
import { fieldIssues } from './field-issues.js';
import { sortUsers } from './sort-users.js';

function user(username: string, role: UserSummary['role']): UserSummary {
  return { id: username, username, displayName: username, role, teamId: null, disabled: false, createdAt: '2026-11-23T00:00:00.000Z' };
}

describe('user list order', () => {
  it('lists staff first, then collectors in numeric order', () => {
    const sorted = sortUsers([
      user('collector10', 'collector'),
      user('collector2', 'collector'),
      user('supervisor', 'supervisor'),
      user('admin', 'admin'),
      user('dispatcher', 'dispatcher'),
    ]);
    expect(sorted.map((u) => u.username)).toEqual(['admin', 'dispatcher', 'supervisor', 'collector2', 'collector10']);
  });
});

describe('field issues', () => {
  it("puts the server's validation messages beside the fields they name", () => {
    const error = new ApiRequestError(400, 'Invalid request.', [
      { path: 'body.username', message: 'Use lower-case letters' },
      { path: 'body.password', message: 'Use at least 8 characters' },
      { path: 'body.username', message: 'second message' },
      { path: 'body.unknown', message: 'ignored' },
    ]);
    expect(fieldIssues(error, ['username', 'password', 'displayName'] as const)).toEqual({
      username: 'Use lower-case letters',
      password: 'Use at least 8 characters',
    });
    expect(fieldIssues(new Error('x'), ['username'] as const)).toEqual({});
  });
});
