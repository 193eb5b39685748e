// The sync protocol's fixed figures, apart from the zod schemas that enforce them, so the PWA can
// use them without pulling zod into its bundle (the device imports schema types only).

export const syncProtocolVersion = 1;
export const maxMutationsPerPush = 200;
export const uploadsPath = '/api/uploads';

export const photoContentTypes = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type PhotoContentType = (typeof photoContentTypes)[number];

/** What the visit recorder produces: Opus in WebM (Chrome, Firefox, Android) or Ogg (older Firefox), AAC in MP4 (Safari). */
export const audioContentTypes = ['audio/webm', 'audio/ogg', 'audio/mp4'] as const;
export type AudioContentType = (typeof audioContentTypes)[number];

export const maxPhotoBytes = 20 * 1024 * 1024;
/**
 * 16 kbit/s Opus is ~7 MB an hour; Safari's AAC can be eight times that. 64 MiB holds over an hour
 * of the worst case and still fits a phone's memory when the recording is assembled and hashed.
 */
export const maxAudioBytes = 64 * 1024 * 1024;
/** A visit recording of more than eight hours is not a visit. */
export const maxAudioDurationS = 8 * 3600;
/** Pieces of one visit's recording (one per app start during the visit, when the app was closed mid-visit). */
export const maxAudioPerVisit = 20;

export function isAudioContentType(type: string): type is AudioContentType {
  return (audioContentTypes as readonly string[]).includes(type);
}
