// The one door between the visit form and the photo pipeline. Today it passes the camera file's bytes
// through unchanged; the capture pipeline (pwa/capture: resize, compress, watermark, hash in a worker)
// replaces the body of preparePhoto when it lands, and nothing else in the form changes.
import type { Position } from '../../../shared/schemas/sync.js';
import type { PhotoInput } from '../../sync/index.js';

export const maxPhotoBytes = 20 * 1024 * 1024;
const acceptedTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
type AcceptedType = (typeof acceptedTypes)[number];

/** What the watermark will carry (time, place, case, collector), and what the record keeps. */
export interface PhotoStampInput {
  takenAt: string;
  position: Position | null;
  caseNumber: string;
  collectorName: string;
}

export type PhotoProblem = 'tooLarge' | 'wrongType';

export function photoProblem(file: Pick<File, 'size' | 'type'>): PhotoProblem | null {
  if (!acceptedTypes.includes(file.type as AcceptedType)) return 'wrongType';
  if (file.size === 0 || file.size > maxPhotoBytes) return 'tooLarge';
  return null;
}

export async function preparePhoto(file: File, stamp: PhotoStampInput): Promise<PhotoInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    bytes,
    contentType: file.type as AcceptedType,
    takenAt: stamp.takenAt,
    ...(stamp.position ? { position: stamp.position } : {}),
  };
}
