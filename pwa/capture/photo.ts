// preparePhoto(file, stamp): a camera photo made ready for the sync engine, off the main thread when the
// browser has OffscreenCanvas (see pipeline.ts for the steps), on it otherwise.
import type { PhotoRequest, PhotoResponse } from './photo-messages.js';
import { documentSurface, preparePhotoWith, type PreparedPhoto } from './pipeline.js';
import type { PhotoStamp } from './watermark.js';

export type { PreparedPhoto } from './pipeline.js';
export type { PhotoStamp } from './watermark.js';

export function preparePhoto(file: Blob, stamp: PhotoStamp): Promise<PreparedPhoto> {
  const takenAt = stamp.takenAt ?? new Date().toISOString();
  if (!canUseWorker()) return preparePhotoWith(file, stamp, takenAt, documentSurface);
  // A worker that fails (no 2D context in workers, a crash) must not cost the collector the photo.
  return inWorker({ file, stamp, takenAt }).catch(() => preparePhotoWith(file, stamp, takenAt, documentSurface));
}

function canUseWorker(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && 'convertToBlob' in OffscreenCanvas.prototype;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (photo: PreparedPhoto) => void; reject: (error: Error) => void }>();

function photoWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./photo.worker.ts', import.meta.url), { type: 'module', name: 'photo' });
  created.addEventListener('message', (event: MessageEvent<PhotoResponse>) => {
    const response = event.data;
    const pending = waiting.get(response.id);
    waiting.delete(response.id);
    if (!pending) return;
    if (response.ok) pending.resolve(response.photo);
    else pending.reject(new Error(response.error));
  });
  created.addEventListener('error', (event) => {
    // The worker is gone: fail what it held (each falls back to the main thread) and start afresh next time.
    for (const pending of waiting.values()) pending.reject(new Error(event.message || 'The photo worker failed.'));
    waiting.clear();
    created.terminate();
    if (worker === created) worker = null;
  });
  worker = created;
  return created;
}

function inWorker(request: Omit<PhotoRequest, 'id'>): Promise<PreparedPhoto> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    try {
      photoWorker().postMessage({ id, ...request } satisfies PhotoRequest);
    } catch (error) {
      waiting.delete(id);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
