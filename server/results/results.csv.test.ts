import { describe, expect, it } from 'vitest';
import { csvField, yuan } from './results.csv.js';

describe('results CSV fields', () => {
  it('writes fen as yuan without float rounding', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(100_505)).toBe('1005.05');
    expect(yuan(123_456_789_012)).toBe('1234567890.12');
  });

  it('quotes what must be quoted and defuses formulas', () => {
    expect(csvField('一组')).toBe('一组');
    expect(csvField('A, B')).toBe('"A, B"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@sum')).toBe("'@sum");
  });
});
