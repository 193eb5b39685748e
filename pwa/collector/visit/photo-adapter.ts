// The one door between the visit form and the photo pipeline (pwa/capture: resize to 1600 px, watermark,
// compress, hash, in a worker). A photo starts its preparation as soon as it is chosen, so saving the
// visit only waits for what is not done yet.
import type { Position } from '../../../shared/schemas/sync.js';
import { preparePhoto as capturePhoto } from '../../capture/photo.js';
import type { PhotoInput } from '../../sync/index.js';

export const maxPhotoBytes = 20 * 1024 * 1024;

/** What the watermark carries (time, place, case, collector), in the case's zone. */
export interface PhotoStampInput {
  takenAt: string;
  timeZone: string;
  position: Position | null;
  caseNumber: string;
  collectorName: string;
}

export type PhotoProblem = 'tooLarge' | 'wrongType';

/** Camera files are images of some kind; the pipeline re-encodes whatever the browser can decode as JPEG. */
export function photoProblem(file: Pick<File, 'size' | 'type'>): PhotoProblem | null {
  if (!file.type.startsWith('image/')) return 'wrongType';
  if (file.size === 0 || file.size > maxPhotoBytes) return 'tooLarge';
  return null;
}

export async function preparePhoto(file: Blob, stamp: PhotoStampInput): Promise<PhotoInput> {
  const prepared = await capturePhoto(file, {
    takenAt: stamp.takenAt,
    timeZone: stamp.timeZone,
    position: stamp.position ? { latitude: stamp.position.lat, longitude: stamp.position.lng, accuracyM: stamp.position.accuracyM } : null,
    caseNumber: stamp.caseNumber,
    collectorName: stamp.collectorName,
  });
  return {
    bytes: prepared.bytes,
    contentType: prepared.contentType,
    takenAt: prepared.takenAt,
    ...(stamp.position ? { position: stamp.position } : {}),
  };
}
