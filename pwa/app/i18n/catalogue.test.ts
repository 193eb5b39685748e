import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { parseLocale } from './i18n.js';
import { zhCN } from './zh-CN.js';

function shape(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}:${typeof value}`];
  return Object.entries(value)
    .flatMap(([key, inner]) => shape(inner, path ? `${path}.${key}` : key))
    .sort();
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('message catalogues', () => {
  it('English has exactly the keys of zh-CN, of the same kinds', () => {
    expect(shape(en)).toEqual(shape(zhCN));
  });

  it('has no empty message', () => {
    for (const text of [...strings(zhCN), ...strings(en)]) expect(text.trim()).not.toBe('');
  });

  it('falls back to zh-CN for anything but a known locale', () => {
    expect(parseLocale('en')).toBe('en');
    expect(parseLocale('zh-CN')).toBe('zh-CN');
    expect(parseLocale('fr')).toBe('zh-CN');
    expect(parseLocale(null)).toBe('zh-CN');
  });
});
