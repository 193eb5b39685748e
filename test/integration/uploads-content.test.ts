// Uploads are judged by their bytes: size caps (413), type by content whatever the name or declared
// type (415), pixel caps against decompression bombs (422); a refused upload leaves no file in the
// store, nothing in the uploads folder and no row. What is kept is served with safe headers.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPhotoBytes } from '../../shared/sync-limits.js';
import { photos } from '../../server/db/schema/index.js';
import { keyOf } from '../../server/evidence/photo-store.js';
import { bearer, signedInUser } from '../fixtures/factories.js';
import { jpeg, png, pngClaiming, webm } from '../fixtures/media.js';
import { sha256, tusMetadata } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let base: string;
let token: string;

beforeAll(async () => {
  context = await createTestContext();
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  const address = context.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  token = (await signedInUser(context.app, context.database.db, 'collector')).token;
});
afterAll(async () => context?.close());

const tus = { 'tus-resumable': '1.0.0' };

/** Creates the upload and sends every byte in one PATCH, as the app does for a small photo. */
async function upload(bytes: Buffer, metadata: { contentType: string; filename?: string }, length = bytes.length) {
  const created = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: {
      ...tus,
      ...bearer(token),
      'upload-length': String(length),
      'upload-metadata': tusMetadata({ sha256: sha256(bytes), ...metadata }),
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) return { status: created.status, body: await created.text() };
  const sent = await fetch(`${base}${location}`, {
    method: 'PATCH',
    headers: { ...tus, ...bearer(token), 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    body: new Uint8Array(bytes),
  });
  return { status: sent.status, body: await sent.text() };
}

/** Where a kept upload would be: its row, its file in the store, and what is left in the uploads folder. */
async function traces(bytes: Buffer) {
  const hash = sha256(bytes);
  const rows = await context.database.db.select().from(photos).where(eq(photos.sha256, hash));
  const uploadsDir = join(context.config.dataDir, 'uploads');
  return {
    rows: rows.length,
    stored: existsSync(join(context.config.dataDir, 'photos', keyOf(hash))),
    leftInUploads: existsSync(uploadsDir) ? readdirSync(uploadsDir).length : 0,
  };
}
const nothing = { rows: 0, stored: false, leftInUploads: 0 };

const served = (bytes: Buffer) => fetch(`${base}/api/photos/${sha256(bytes)}`, { headers: bearer(token) });

describe('uploads are judged by their content', () => {
  it('keeps a real JPEG and serves it with safe headers (the control: traces finds what was kept)', async () => {
    const photo = jpeg({ width: 640, height: 480, seed: 11, size: 20_000 });
    expect(await upload(photo, { contentType: 'image/jpeg', filename: 'door.jpg' })).toMatchObject({ status: 204 });
    expect(await traces(photo)).toEqual({ rows: 1, stored: true, leftInUploads: 0 });

    const response = await served(photo);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(photo)).toBe(true);
    expect(
      Object.fromEntries(
        [
          'content-type',
          'x-content-type-options',
          'content-disposition',
          'content-security-policy',
          'cache-control',
          'cross-origin-resource-policy',
        ].map((h) => [h, response.headers.get(h)]),
      ),
    ).toEqual({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${sha256(photo).slice(0, 16)}.jpg"`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      'cross-origin-resource-policy': 'same-origin',
    });
  });

  it('stores a real PNG declared as a JPEG as what it is, and serves it so', async () => {
    const photo = png({ width: 40, height: 30, seed: 12 });
    expect(await upload(photo, { contentType: 'image/jpeg' })).toMatchObject({ status: 204 });
    const response = await served(photo);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${sha256(photo).slice(0, 16)}.png"`);
  });

  it('keeps a WebM recording and serves it as audio', async () => {
    const recording = webm(13, 5_000);
    expect(await upload(recording, { contentType: 'audio/webm' })).toMatchObject({ status: 204 });
    expect((await served(recording)).headers.get('content-type')).toBe('audio/webm');
  });

  const refused: [string, Buffer, { contentType: string; filename?: string }, number, RegExp][] = [
    [
      'an HTML page named .jpg',
      Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'),
      { contentType: 'image/jpeg', filename: 'door.jpg' },
      415,
      /not a JPEG, PNG or WebP photo/,
    ],
    [
      'an SVG with a script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="10" height="10"/></svg>'),
      { contentType: 'image/png', filename: 'x.png' },
      415,
      /not a JPEG, PNG or WebP photo/,
    ],
    [
      'a PNG header claiming 100,000 × 100,000 pixels',
      pngClaiming(100_000, 100_000),
      { contentType: 'image/png' },
      422,
      /100000 × 100000 pixels/,
    ],
    [
      'a JPEG 13,000 pixels wide (under 50 megapixels, over the side)',
      jpeg({ width: 13_000, height: 100, seed: 14 }),
      { contentType: 'image/jpeg' },
      422,
      /13000 × 100 pixels/,
    ],
    [
      'a JPEG of 8,000 × 7,000 (56 megapixels)',
      jpeg({ width: 8_000, height: 7_000, seed: 15 }),
      { contentType: 'image/jpeg' },
      422,
      /50 megapixels/,
    ],
    [
      'a JPEG with an HTML page after its end (a polyglot)',
      Buffer.concat([jpeg({ seed: 16 }), Buffer.from('<html><script>alert(1)</script></html>')]),
      { contentType: 'image/jpeg' },
      415,
      /data after the end of the image/,
    ],
    [
      'a GIF that is also JavaScript (a polyglot)',
      Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1);//;'),
      { contentType: 'image/jpeg' },
      415,
      /content is image\/gif/,
    ],
    ['a photo declared as a recording', jpeg({ seed: 17 }), { contentType: 'audio/webm' }, 415, /not a WebM, Ogg or MP4 recording/],
    ['a recording declared as a photo', webm(18, 2_000), { contentType: 'image/webp' }, 415, /not a JPEG, PNG or WebP photo/],
  ];
  it.each(refused)('refuses %s and stores nothing', async (_what, bytes, metadata, status, message) => {
    const answer = await upload(bytes, metadata);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatch(message);
    expect(await traces(bytes)).toEqual(nothing);
    expect((await served(bytes)).status).toBe(404);
  });

  it('keeps a JPEG whose comment holds a script, but serves it where nothing in it can run', async () => {
    const photo = jpeg({ seed: 19, comment: Buffer.from('<html><script>alert(document.domain)</script></html>') });
    expect(await upload(photo, { contentType: 'image/jpeg', filename: 'x.html' })).toMatchObject({ status: 204 });
    const response = await served(photo);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="[0-9a-f]{16}\.jpg"$/);
  });
});

describe('size caps', () => {
  it('answers 413 to a photo larger than the cap before any byte is sent, and stores nothing', async () => {
    const photo = jpeg({ seed: 20, size: 4_000 });
    const answer = await upload(photo, { contentType: 'image/jpeg' }, maxPhotoBytes + 1);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/at most 20971520 are accepted/);
    expect(await traces(photo)).toEqual(nothing);
  });

  it('answers 413 to a body longer than the upload it was declared for, and keeps nothing of it', async () => {
    const photo = jpeg({ seed: 21, size: 4_000 });
    const longer = Buffer.concat([photo, Buffer.alloc(4_000, 0x41)]);
    const created = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        ...tus,
        ...bearer(token),
        'upload-length': String(photo.length),
        'upload-metadata': tusMetadata({ sha256: sha256(photo), contentType: 'image/jpeg' }),
      },
    });
    const location = created.headers.get('location') ?? '';
    const sent = await fetch(`${base}${location}`, {
      method: 'PATCH',
      headers: { ...tus, ...bearer(token), 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      body: new Uint8Array(longer),
    });
    expect(sent.status).toBe(413);
    // Refused before a byte was written; the (empty) upload is the client's to delete or resume.
    const head = await fetch(`${base}${location}`, { method: 'HEAD', headers: { ...tus, ...bearer(token) } });
    expect(head.headers.get('upload-offset')).toBe('0');
    await fetch(`${base}${location}`, { method: 'DELETE', headers: { ...tus, ...bearer(token) } });
    expect(await traces(photo)).toEqual(nothing);
  });
});
