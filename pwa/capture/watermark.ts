// The visible watermark stamped on every visit photo, like the watermark cameras collectors in China use:
// a semi-transparent band at the bottom with the time (in the case's zone), the position and its accuracy,
// the case number and the collector. Text is built here as plain strings; drawing is in watermark-draw.ts.

export interface PhotoStamp {
  /** When the photo was taken (ISO 8601); the device clock at capture when not given. */
  takenAt?: string;
  /** The case's zone (the debtor's local time), never the device's. */
  timeZone: string;
  position?: { latitude: number; longitude: number; accuracyM: number } | null;
  caseNumber: string;
  collectorName: string;
}

export interface WatermarkText {
  /** Large, like the cameras' clock: "15:47". */
  time: string;
  /** "2026-11-23 星期一 UTC+08:00" */
  date: string;
  lines: string[];
}

const weekdays = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function watermarkText(stamp: PhotoStamp, takenAt: string): WatermarkText {
  const parts = zonedParts(new Date(takenAt), stamp.timeZone);
  return {
    time: `${parts.hour}:${parts.minute}`,
    date: `${parts.year}-${parts.month}-${parts.day} ${weekdays[parts.weekday] ?? ''} ${parts.offset}`,
    lines: [`案件 ${stamp.caseNumber} · 外访员 ${stamp.collectorName}`, positionLine(stamp.position ?? null)],
  };
}

export function positionLine(position: PhotoStamp['position']): string {
  if (!position) return '位置 未获取到定位';
  // Five decimals is about a metre: finer than any phone's fix, coarse enough to read.
  const latitude = position.latitude.toFixed(5);
  const longitude = position.longitude.toFixed(5);
  return `纬度 ${latitude}° 经度 ${longitude}° 精度 ±${Math.round(position.accuracyM)} m`;
}

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  weekday: number;
  offset: string;
}

function zonedParts(date: Date, timeZone: string): ZonedParts {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
    timeZoneName: 'longOffset',
  });
  const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(date).find((item) => item.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  // "GMT+08:00" → "UTC+08:00"; plain "GMT" is UTC itself.
  const zone = part('timeZoneName');
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    weekday,
    offset: zone === 'GMT' ? 'UTC+00:00' : zone.replace('GMT', 'UTC'),
  };
}
