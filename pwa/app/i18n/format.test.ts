import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatDate, formatDateTime, formatMoney, yuanToFen } from './format.js';

describe('money', () => {
  it('shows fen as yuan in either language', () => {
    expect(formatMoney(1_301_335, 'zh-CN')).toBe('¥13,013.35');
    expect(formatMoney(1_301_335, 'en')).toBe('¥13,013.35');
    expect(formatMoney(0, 'zh-CN')).toBe('¥0.00');
  });

  it('reads typed yuan exactly, without floating point', () => {
    expect(yuanToFen('1200')).toBe(120_000);
    expect(yuanToFen('1,200.5')).toBe(120_050);
    expect(yuanToFen('￥0.29')).toBe(29);
    expect(yuanToFen(' 88.')).toBe(8_800);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });

  it('writes fen back as plain yuan for a form field', () => {
    expect(fenToYuanText(120_000)).toBe('1200');
    expect(fenToYuanText(120_050)).toBe('1200.50');
    expect(fenToYuanText(29)).toBe('0.29');
    for (const fen of [0, 1, 99, 100, 12_345_678]) expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
  });
});

describe('times', () => {
  it('shows times in Asia/Shanghai by default, whatever the device zone', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(formatDateTime('2026-11-23T16:30:00.000Z', 'zh-CN')).toBe('2026/11/24 00:30');
    expect(formatDate('2026-11-23T16:30:00.000Z', 'zh-CN')).toBe('2026/11/24');
    expect(formatDateTime('2026-11-23T16:30:00.000Z', 'en')).toBe('2026-11-24 00:30');
    expect(formatDate('2026-11-23T16:30:00.000Z', 'en')).toBe('2026-11-24');
  });

  it("uses the case's own zone when it has one", () => {
    expect(formatDateTime('2026-11-23T16:30:00.000Z', 'zh-CN', 'Asia/Urumqi')).toBe('2026/11/23 22:30');
  });
});
