import { describe, expect, it } from 'vitest';
import { positionLine, watermarkText, type PhotoStamp } from './watermark.js';

const stamp: PhotoStamp = {
  timeZone: 'Asia/Shanghai',
  position: { latitude: 41.791234, longitude: 123.404567, accuracyM: 12.4 },
  caseNumber: 'SJXF-2026-000123',
  collectorName: '外访员1号',
};

describe('watermark text', () => {
  it('shows the time in the case zone, not the device zone or UTC', () => {
    const text = watermarkText(stamp, '2026-11-23T07:47:31.000Z');
    expect(text.time).toBe('15:47');
    expect(text.date).toBe('2026-11-23 星期一 UTC+08:00');
    expect(text.lines).toEqual(['案件 SJXF-2026-000123 · 外访员 外访员1号', '纬度 41.79123° 经度 123.40457° 精度 ±12 m']);
  });

  it('crosses midnight by the case zone', () => {
    const text = watermarkText(stamp, '2026-11-22T16:05:00.000Z');
    expect(text.time).toBe('00:05');
    expect(text.date).toBe('2026-11-23 星期一 UTC+08:00');
    const utc = watermarkText({ ...stamp, timeZone: 'UTC' }, '2026-11-22T16:05:00.000Z');
    expect(utc.date).toBe('2026-11-22 星期日 UTC+00:00');
  });

  it('says when there was no position fix', () => {
    expect(positionLine(null)).toBe('位置 未获取到定位');
    expect(watermarkText({ ...stamp, position: null }, '2026-11-23T07:47:31.000Z').lines[1]).toBe('位置 未获取到定位');
  });

  it('keeps the sign of southern and western coordinates', () => {
    expect(positionLine({ latitude: -33.8688, longitude: -70.6693, accuracyM: 5 })).toBe('纬度 -33.86880° 经度 -70.66930° 精度 ±5 m');
  });
});
