// What the page and the photo worker say to each other.
import type { PreparedPhoto } from './pipeline.js';
import type { PhotoStamp } from './watermark.js';

export interface PhotoRequest {
  id: number;
  file: Blob;
  stamp: PhotoStamp;
  takenAt: string;
}

export type PhotoResponse = { id: number; ok: true; photo: PreparedPhoto } | { id: number; ok: false; error: string };
