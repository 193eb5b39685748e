// Content-addressed storage for photo and audio bytes: the key is the SHA-256 made on the
// phone, so the same photo is stored once. A folder under DATA_DIR by default; an
// S3-compatible store can stand behind the same interface.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface PhotoStore {
  /** Moves (or copies) the verified file at `sourcePath` into the store; returns its key. */
  put(sha256: string, sourcePath: string): Promise<string>;
  has(sha256: string): Promise<boolean>;
  open(key: string): Readable;
  /** Deletes the bytes under `key` (retention); a key already gone is not an error. */
  remove(key: string): Promise<void>;
}

export function keyOf(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function folderPhotoStore(root: string): PhotoStore {
  return {
    async put(sha256, sourcePath) {
      const key = keyOf(sha256);
      const target = join(root, key);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(sourcePath, target);
      } catch {
        // Another file system (or a concurrent arrival of the same photo): copy instead.
        await copyFile(sourcePath, target);
      }
      return key;
    },
    async has(sha256) {
      try {
        await stat(join(root, keyOf(sha256)));
        return true;
      } catch {
        return false;
      }
    },
    open: (key) => createReadStream(join(root, key)),
    remove: (key) => rm(join(root, key), { force: true }),
  };
}
