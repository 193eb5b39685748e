import { describe, expect, it } from 'vitest';
import { buildTimeline, decisionRefusal, reviewStatusOf, riskOf } from './review.rules.js';

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00.000Z`);

describe('review rules', () => {
  it('takes the worst severity as the visit’s risk', () => {
    expect(riskOf([])).toBe('none');
    expect(riskOf([{ severity: 'info' }, { severity: 'warning' }])).toBe('warning');
    expect(riskOf([{ severity: 'warning' }, { severity: 'high' }, { severity: 'info' }])).toBe('high');
  });

  it('reads a visit without an evidence verdict as pending', () => {
    expect(reviewStatusOf(undefined)).toBe('pending');
    expect(reviewStatusOf('approved')).toBe('pending');
    expect(reviewStatusOf('revisit')).toBe('revisit');
  });

  it('orders the timeline by the phone’s clock, the plan first, and keeps the server’s receive times', () => {
    const timeline = buildTimeline({
      plannedArrival: at('01:50'),
      checkIn: { at: at('02:00'), receivedAt: at('02:40') },
      photos: [
        { sha256: 'b', takenAt: at('02:10'), receivedAt: at('02:41') },
        { sha256: 'a', takenAt: at('02:00'), receivedAt: null },
      ],
      record: { at: at('02:20'), receivedAt: at('02:40') },
      audio: [],
      checkOut: { at: at('02:30'), receivedAt: at('02:40') },
    });
    expect(timeline.map((e) => [e.kind, e.ref])).toEqual([
      ['planned_arrival', null],
      ['check_in', null],
      ['photo', 'a'],
      ['photo', 'b'],
      ['record', null],
      ['check_out', null],
    ]);
    expect(timeline[1]).toEqual({
      kind: 'check_in',
      deviceAt: '2026-11-23T02:00:00.000Z',
      serverAt: '2026-11-23T02:40:00.000Z',
      ref: null,
    });
  });

  it('never lets the visit’s own collector decide, and changes a decision only when named', () => {
    const standing = { id: 's1', decision: 'accepted', reviewerName: '主管甲', decidedAt: at('03:00') };
    const base = { deciderId: 'u1', collectorId: 'c1', what: 'verdict' as const };
    expect(decisionRefusal({ ...base, standing: undefined, replaces: undefined })).toBeNull();
    expect(decisionRefusal({ ...base, deciderId: 'c1', standing: undefined, replaces: undefined })?.status).toBe(403);
    expect(decisionRefusal({ ...base, standing, replaces: undefined })).toMatchObject({
      status: 409,
      message: expect.stringContaining('s1') as string,
    });
    expect(decisionRefusal({ ...base, standing, replaces: 's1' })).toBeNull();
    expect(decisionRefusal({ ...base, standing, replaces: 'old' })?.status).toBe(409);
    expect(decisionRefusal({ ...base, standing: undefined, replaces: 's1' })?.status).toBe(409);
  });
});
