// Which audio format to record in, and how the sync engine's schema names it.
import { isAudioContentType, type AudioContentType } from '../../shared/sync-limits.js';

export type { AudioContentType } from '../../shared/sync-limits.js';

/** Opus in WebM (Chrome, Firefox, Android), Opus in Ogg (older Firefox), AAC in MP4 (Safari). */
export const preferredAudioTypes = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/mp4;codecs=mp4a.40.2',
  'audio/mp4',
  'audio/webm',
];

/**
 * Speech at 16 kbit/s Opus stays clear; a 30-minute visit is then ~3.6 MB, two minutes on a 250 kbit/s
 * 3G link. (MediaRecorder treats it as a target; Safari's AAC ends up higher.)
 */
export const audioBitsPerSecond = 16_000;

export function pickAudioType(isTypeSupported: (type: string) => boolean): string | null {
  return preferredAudioTypes.find((type) => isTypeSupported(type)) ?? null;
}

/** "audio/webm;codecs=opus" → "audio/webm"; null for a format the server does not take. */
export function audioContentType(mimeType: string): AudioContentType | null {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return isAudioContentType(base) ? base : null;
}
