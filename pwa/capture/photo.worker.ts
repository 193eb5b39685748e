// The photo worker: decoding, resizing and compressing a 12-megapixel photo takes the main thread
// hundreds of milliseconds on a mid-range phone, so it happens here, on an OffscreenCanvas.
import type { PhotoRequest, PhotoResponse } from './photo-messages.js';
import { offscreenSurface, preparePhotoWith } from './pipeline.js';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<PhotoRequest>) => {
  const { id, file, stamp, takenAt } = event.data;
  preparePhotoWith(file, stamp, takenAt, offscreenSurface).then(
    (photo) => {
      const response: PhotoResponse = { id, ok: true, photo };
      // Transferred, not copied: the bytes leave the worker.
      self.postMessage(response, [photo.bytes.buffer]);
    },
    (error: unknown) => {
      const response: PhotoResponse = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
      self.postMessage(response);
    },
  );
});
