// Each evidence flag said in words with its figures, in both languages: the review page shows it and
// the evidence pack keeps it beside the numbers, so a reader needs no code table.
import type { AddressKind } from './cases.js';
import type { EvidenceFlag } from './schemas/evidence.js';

export type ReviewLocale = 'zh-CN' | 'en';

const addressZh: Record<AddressKind, string> = { home: '家庭住址', work: '单位地址', other: '目标地址' };
const addressEn: Record<AddressKind, string> = { home: 'home address', work: 'work address', other: 'target address' };

function figure(details: EvidenceFlag['details'], key: string): number | null {
  const value = details[key];
  return typeof value === 'number' ? value : null;
}

function durationZh(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} 分钟` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  const minutes = Math.round(s / 60);
  return minutes % 60 === 0 ? `${minutes / 60} 小时` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`;
}

function durationEn(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const minutes = Math.round(s / 60);
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One flag in words, e.g. "签到点距家庭住址 420 米（允许 150 米）；定位精度 35 米". */
export function explainFlag(flag: EvidenceFlag, locale: ReviewLocale, addressKind: AddressKind = 'home'): string {
  const d = flag.details;
  const zh = locale === 'zh-CN';
  switch (flag.code) {
    case 'far_from_address': {
      const distance = figure(d, 'distanceM') ?? 0;
      const radius = figure(d, 'radiusM');
      const accuracy = figure(d, 'accuracyM');
      if (zh)
        return `签到点距${addressZh[addressKind]} ${distance} 米${radius === null ? '' : `（允许 ${radius} 米）`}${accuracy === null ? '' : `；定位精度 ${accuracy} 米`}`;
      return `Check-in ${distance} m from the ${addressEn[addressKind]}${radius === null ? '' : ` (allowed: ${radius} m)`}${accuracy === null ? '' : `; GPS accuracy ${accuracy} m`}`;
    }
    case 'poor_gps_accuracy': {
      const accuracy = figure(d, 'accuracyM') ?? 0;
      const limit = figure(d, 'limitM');
      if (zh) return `签到定位精度 ${accuracy} 米${limit === null ? '' : `，差于要求的 ${limit} 米`}，位置不可靠`;
      return `Check-in GPS accuracy ${accuracy} m${limit === null ? '' : `, worse than the ${limit} m required`}: the position is unreliable`;
    }
    case 'device_clock_skew': {
      const skew = figure(d, 'skewS') ?? 0;
      const limit = figure(d, 'limitS');
      if (zh)
        return `手机时钟比服务器${skew >= 0 ? '快' : '慢'} ${durationZh(skew)}${limit === null ? '' : `（允许 ${durationZh(limit)}）`}，手机上的时间不可全信`;
      return `The phone's clock was ${durationEn(skew)} ${skew >= 0 ? 'ahead of' : 'behind'} the server's${limit === null ? '' : ` (allowed: ${durationEn(limit)})`}; its times cannot be fully trusted`;
    }
    case 'photo_outside_visit': {
      const photos = figure(d, 'photos') ?? 1;
      if (zh) return `${photos} 张照片的拍摄时间在签到之前或签出之后（超出宽限时间）`;
      return `${plural(photos, 'photo was', 'photos were')} taken before check-in or after check-out (beyond the grace time)`;
    }
    case 'impossible_travel': {
      const km = figure(d, 'distanceKm') ?? 0;
      const minutes = figure(d, 'minutes') ?? 0;
      const speed = figure(d, 'speedKmh') ?? 0;
      if (zh) return `距上一次签到 ${km} 公里，仅隔 ${minutes} 分钟，相当于时速 ${speed} 公里，实际无法到达`;
      return `${km} km from the previous check-in only ${plural(minutes, 'minute', 'minutes')} earlier: ${speed} km/h, not a possible journey`;
    }
    case 'duplicate_photo': {
      const photos = figure(d, 'photos') ?? 1;
      if (zh) return `${photos} 张照片与另一次外访的照片完全相同（SHA-256 一致），疑似重复使用`;
      return `${plural(photos, 'photo is', 'photos are')} identical to photos of another visit (same SHA-256): possibly reused`;
    }
    case 'missing_check_in':
      return zh ? '有外访记录，但没有签到定位' : 'A visit record without a GPS check-in';
  }
}

/** Both languages at once, for the API and the evidence pack. */
export function explainFlagBoth(flag: EvidenceFlag, addressKind: AddressKind): { 'zh-CN': string; en: string } {
  return { 'zh-CN': explainFlag(flag, 'zh-CN', addressKind), en: explainFlag(flag, 'en', addressKind) };
}
