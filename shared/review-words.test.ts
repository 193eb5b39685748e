import { describe, expect, it } from 'vitest';
import { explainFlag } from './review-words.js';

describe('evidence flags in words', () => {
  it('says where the check-in was and how sure the fix was, in both languages', () => {
    const flag = {
      code: 'far_from_address' as const,
      severity: 'warning' as const,
      details: { distanceM: 420, radiusM: 150, accuracyM: 35 },
    };
    expect(explainFlag(flag, 'zh-CN')).toBe('签到点距家庭住址 420 米（允许 150 米）；定位精度 35 米');
    expect(explainFlag(flag, 'en', 'work')).toBe('Check-in 420 m from the work address (allowed: 150 m); GPS accuracy 35 m');
  });

  it('gives travel, clock and photo figures', () => {
    expect(
      explainFlag({ code: 'impossible_travel', severity: 'high', details: { speedKmh: 132, distanceKm: 11, minutes: 5 } }, 'zh-CN'),
    ).toBe('距上一次签到 11 公里，仅隔 5 分钟，相当于时速 132 公里，实际无法到达');
    expect(explainFlag({ code: 'device_clock_skew', severity: 'warning', details: { skewS: -725, limitS: 300 } }, 'en')).toBe(
      "The phone's clock was 12 min 5 s behind the server's (allowed: 5 min); its times cannot be fully trusted",
    );
    expect(explainFlag({ code: 'duplicate_photo', severity: 'high', details: { photos: 1, otherVisitId: 'x' } }, 'en')).toBe(
      '1 photo is identical to photos of another visit (same SHA-256): possibly reused',
    );
    expect(explainFlag({ code: 'missing_check_in', severity: 'warning', details: {} }, 'zh-CN')).toBe('有外访记录，但没有签到定位');
  });
});
