import { describe, expect, it } from 'vitest';
import { bucketFor, maskIdNumber } from './cases.js';

describe('bucketFor', () => {
  it.each([
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3+'],
    [400, 'M3+'],
  ])('puts %i days past due in %s', (days, bucket) => {
    expect(bucketFor(days)).toBe(bucket);
  });
});

describe('maskIdNumber', () => {
  it('keeps the region prefix and the last four only', () => {
    expect(maskIdNumber('210102198001011234')).toBe('210***********1234');
  });
  it('hides short numbers entirely', () => {
    expect(maskIdNumber('123456')).toBe('******');
  });
});
