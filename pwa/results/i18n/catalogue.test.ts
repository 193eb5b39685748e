import { describe, expect, it } from 'vitest';
import { resultsEn } from './en.js';
import { resultsZhCN } from './zh-CN.js';

function shape(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}:${typeof value}`];
  return Object.entries(value)
    .flatMap(([key, inner]) => shape(inner, path ? `${path}.${key}` : key))
    .sort();
}

describe('the results page’s messages', () => {
  it('English has exactly the keys of zh-CN', () => {
    expect(shape(resultsEn)).toEqual(shape(resultsZhCN));
  });
});
