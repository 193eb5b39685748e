// How stored photo and audio bytes are served: as what they were found to be on arrival, never
// sniffed by the browser, never able to run anything even when opened on their own, kept out of
// shared and on-disk caches (they show debtors' homes and voices).
import { evidenceContentSecurityPolicy } from '../http/security-headers.js';

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
};

/** Bytes stored before content checks existed may carry another declared type; they are served as bytes. */
const servedType = (contentType: string) => (contentType in extensions ? contentType : 'application/octet-stream');

export function evidenceHeaders(photo: { sha256: string; contentType: string; sizeBytes: number }): Record<string, string | number> {
  const type = servedType(photo.contentType);
  // The name is made of the hash alone: nothing a device sent reaches the header.
  const filename = `${photo.sha256.slice(0, 16)}.${extensions[type] ?? 'bin'}`;
  return {
    'content-type': type,
    'content-length': photo.sizeBytes,
    'content-disposition': `inline; filename="${filename}"`,
    'content-security-policy': evidenceContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}
