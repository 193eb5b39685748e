// Resumable photo and visit-recording uploads over tus 1.0 (@tus/server): after a cut only the
// missing part is sent; on completion the SHA-256 made on the phone is verified, and the bytes judged by
// their content (type, pixel count), before they are kept. A refused upload leaves nothing behind.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { photoUploadMetadata } from '../../shared/schemas/sync.js';
import { isAudioContentType, maxAudioBytes, maxPhotoBytes, uploadsPath } from '../../shared/sync-limits.js';
import { currentSession } from '../auth/auth.plugin.js';
import type { Database } from '../db/client.js';
import { checkUploadedContent } from './content-check.js';
import type { PhotoStore } from './photo-store.js';
import { insertPhoto } from './photos.repository.js';

/** tus's own answer for a checksum that does not match (checksum extension). */
const checksumMismatch = 460;

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** tus answers a thrown error's `status_code` and `body`. */
class UploadRefusal extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}
const refusal = (status: number, message: string) => new UploadRefusal(status, message);

export async function uploadsRoutes(app: FastifyInstance, options: { db: Database; dataDir: string; photoStore: PhotoStore }) {
  const directory = join(options.dataDir, 'uploads');
  const datastore = new FileStore({ directory });
  const uploaders = new WeakMap<IncomingMessage, SessionUser>();
  const uploaderOf = (request: Request): SessionUser | undefined => {
    const node = (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    return node ? uploaders.get(node) : undefined;
  };

  const tus = new Server({
    path: uploadsPath,
    datastore,
    // The larger of the two limits; a photo's own is applied when the upload is created.
    maxSize: Math.max(maxPhotoBytes, maxAudioBytes),
    relativeLocation: true,
    respectForwardedHeaders: true,
    async onUploadCreate(request, upload) {
      const user = uploaderOf(request);
      if (!user) throw refusal(401, 'Sign in again to upload.');
      const metadata = photoUploadMetadata.safeParse({
        sha256: upload.metadata?.sha256 ?? undefined,
        contentType: upload.metadata?.contentType ?? undefined,
        ...(upload.metadata?.visitId ? { visitId: upload.metadata.visitId } : {}),
        ...(upload.metadata?.filename ? { filename: upload.metadata.filename } : {}),
      });
      if (!metadata.success) {
        const issue = metadata.error.issues[0];
        throw refusal(400, `Upload-Metadata ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'is invalid'}`);
      }
      const limit = isAudioContentType(metadata.data.contentType) ? maxAudioBytes : maxPhotoBytes;
      // Without a declared length the limit could only be applied late, after bytes were sent.
      if (upload.size === undefined) throw refusal(400, 'Send Upload-Length: the size must be known when the upload starts.');
      if (upload.size > limit) throw refusal(413, `This file is ${upload.size} bytes; at most ${limit} are accepted for ${metadata.data.contentType}.`);
      return { metadata: { ...upload.metadata, ownerId: user.id } };
    },
    async onUploadFinish(_request, upload: Upload) {
      const path = join(directory, upload.id);
      const expected = upload.metadata?.sha256 ?? '';
      const actual = await sha256OfFile(path);
      if (actual !== expected) {
        await datastore.remove(upload.id);
        throw refusal(checksumMismatch, 'The file arrived damaged: its SHA-256 does not match. Send it again from the start.');
      }
      const verdict = await checkUploadedContent(path, upload.size ?? 0, upload.metadata?.contentType ?? '');
      if (!verdict.ok) {
        await datastore.remove(upload.id);
        throw refusal(verdict.status, verdict.message);
      }
      const storageKey = await options.photoStore.put(actual, path);
      await insertPhoto(options.db, {
        sha256: actual,
        sizeBytes: upload.size ?? 0,
        // What the bytes are, which is what they are served as.
        contentType: verdict.contentType,
        storageKey,
        uploadedBy: upload.metadata?.ownerId ?? '',
      });
      // The bytes now live in the photo store; drop what is left of the upload (its info file, which
      // names the uploader and the visit: FileStore.remove would stop at the moved file and keep it).
      await datastore.configstore.delete(upload.id).catch(() => undefined);
      return {};
    },
  });

  // tus reads the raw body itself.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const user = currentSession(request).user;
    const uploadId = (request.params as { id?: string }).id;
    if (uploadId !== undefined) {
      // Someone else's upload is simply not there.
      const upload = await datastore.getUpload(uploadId).catch(() => undefined);
      if (upload?.metadata?.ownerId !== user.id) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'Upload not found' });
    }
    uploaders.set(request.raw, user);
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  const hidden = { schema: { hide: true } } as const;
  app.post(uploadsPath, hidden, handle);
  for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) app.route({ method, url: `${uploadsPath}/:id`, ...hidden, handler: handle });
}
