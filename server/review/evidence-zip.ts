// Writes an evidence pack as a zip streamed to the client (yazl): stored, not compressed, so its size
// is known before the first byte (Content-Length, a download with progress) and the photos are
// read from the store as the client reads, never held whole in memory. Every file's SHA-256 is
// known in advance (the store is content-addressed) and listed in manifest.json and SHA256SUMS;
// a stored file whose bytes no longer match their hash breaks the download rather than slip in.
import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';

export interface BufferEntry {
  path: string;
  bytes: Buffer;
}

export interface StoredEntry {
  path: string;
  sha256: string;
  sizeBytes: number;
  open: () => Readable;
}

export interface PackedFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Passes bytes through and fails at the end when they do not hash to `expected`. */
function verifying(expected: string, path: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(actual === expected ? null : new Error(`${path}: stored bytes hash to ${actual}, not ${expected}`));
    },
  });
}

/** The `sha256sum -c` format: hash, two spaces, path. */
export function sha256sums(files: readonly PackedFile[]): string {
  return files.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}

/**
 * The zip of `documents` and `stored` files, then manifest.json (listing every file above it) and
 * SHA256SUMS (every file, the manifest included). Answers the stream and its exact size.
 */
export function evidenceZip(
  documents: BufferEntry[],
  stored: StoredEntry[],
  manifestOf: (files: PackedFile[]) => unknown,
  at: Date,
): { stream: Readable; sizeBytes: number; files: PackedFile[] } {
  const zip = new ZipFile();
  const options = { compress: false, mtime: at };
  const files: PackedFile[] = [];
  for (const document of documents) {
    zip.addBuffer(document.bytes, document.path, options);
    files.push({ path: document.path, sha256: sha256Of(document.bytes), sizeBytes: document.bytes.length });
  }
  for (const entry of stored) {
    // Lazily: a file is opened only when the client has read everything before it.
    zip.addReadStreamLazy(entry.path, { ...options, size: entry.sizeBytes }, (callback) => {
      const source = entry.open();
      const checked = verifying(entry.sha256, entry.path);
      source.on('error', (error) => checked.destroy(error));
      callback(null, source.pipe(checked));
    });
    files.push({ path: entry.path, sha256: entry.sha256, sizeBytes: entry.sizeBytes });
  }
  const manifest = Buffer.from(`${JSON.stringify(manifestOf(files), null, 2)}\n`);
  zip.addBuffer(manifest, 'manifest.json', options);
  const listed = [...files, { path: 'manifest.json', sha256: sha256Of(manifest), sizeBytes: manifest.length }];
  zip.addBuffer(Buffer.from(sha256sums(listed)), 'SHA256SUMS', options);
  let sizeBytes = -1;
  // @types/yazl leaves out the size yazl hands this callback (called during end(): no addFile entries).
  const end = zip.end.bind(zip) as (options: undefined, sized: (size: number) => void) => void;
  end(undefined, (size) => {
    sizeBytes = size;
  });
  return { stream: zip.outputStream as Readable, sizeBytes, files: listed };
}
