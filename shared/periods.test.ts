import { describe, expect, it } from 'vitest';
import { addDays, bucketEnd, bucketOf, bucketStarts, daysBetween, localDate, nextBucket } from './periods.js';

describe('result periods', () => {
  it('puts a date in its day, its Monday-first week and its month', () => {
    expect(bucketOf('2026-10-01', 'day')).toBe('2026-10-01');
    // 1 October 2026 is a Thursday: its week began on Monday 28 September.
    expect(bucketOf('2026-10-01', 'week')).toBe('2026-09-28');
    expect(bucketOf('2026-09-28', 'week')).toBe('2026-09-28');
    expect(bucketOf('2026-10-04', 'week')).toBe('2026-09-28'); // Sunday ends the week
    expect(bucketOf('2026-10-05', 'week')).toBe('2026-10-05');
    expect(bucketOf('2026-10-31', 'month')).toBe('2026-10-01');
  });

  it('crosses month and year ends and leap days', () => {
    expect(bucketOf('2027-01-01', 'week')).toBe('2026-12-28');
    expect(nextBucket('2026-12-01', 'month')).toBe('2027-01-01');
    expect(nextBucket('2028-02-01', 'month')).toBe('2028-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-10-05', '2026-10-01')).toBe(-4);
  });

  it('lists every bucket touching a range, the first one cut by it', () => {
    expect(bucketStarts('2026-09-30', '2026-10-02', 'day')).toEqual(['2026-09-30', '2026-10-01', '2026-10-02']);
    expect(bucketStarts('2026-09-30', '2026-10-05', 'week')).toEqual(['2026-09-28', '2026-10-05']);
    expect(bucketStarts('2026-09-30', '2026-11-01', 'month')).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(bucketStarts('2026-10-01', '2026-10-01', 'month')).toEqual(['2026-10-01']);
    expect(bucketEnd('2026-09-28', 'week', '2026-12-31')).toBe('2026-10-04');
    expect(bucketEnd('2026-10-01', 'month', '2026-10-15')).toBe('2026-10-15');
  });

  it('reads today in the business zone, not UTC', () => {
    expect(localDate(new Date('2026-11-23T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-23T17:00:00Z'), 'UTC')).toBe('2026-11-23');
  });
});
