import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import type { PhotoStatusResponse } from '../../shared/schemas/sync.js';
import { cases, photos } from '../../server/db/schema/index.js';
import { assignCases } from '../../server/dispatch/assignment.repository.js';
import { keyOf } from '../../server/evidence/photo-store.js';
import { bearer, caseRow, createCreditor, signedInUser } from '../fixtures/factories.js';
import { checkIn, photoBytes, push, record, sha256, tusMetadata } from '../fixtures/sync.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let base: string;
let collector: { token: string; id: string };
let stranger: string;
let supervisor: string;

beforeAll(async () => {
  context = await createTestContext();
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  const address = context.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const db = context.database.db;
  const user = await signedInUser(context.app, db, 'collector');
  collector = { token: user.token, id: user.user.id };
  stranger = (await signedInUser(context.app, db, 'collector')).token;
  supervisor = (await signedInUser(context.app, db, 'supervisor')).token;
});
afterAll(async () => context?.close());

const tus = { 'tus-resumable': '1.0.0' };

async function createUpload(bytes: Buffer, token = collector.token, metadata: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: { ...tus, ...bearer(token), 'upload-length': String(bytes.length), 'upload-metadata': tusMetadata({ sha256: sha256(bytes), contentType: 'image/jpeg', ...metadata }) },
  });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

const patch = (location: string, bytes: Uint8Array, offset: number, token = collector.token) =>
  fetch(`${base}${location}`, {
    method: 'PATCH',
    headers: { ...tus, ...bearer(token), 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
    body: bytes as Uint8Array<ArrayBuffer>,
  });

const offsetOf = async (location: string) => {
  const response = await fetch(`${base}${location}`, { method: 'HEAD', headers: { ...tus, ...bearer(collector.token) } });
  return { status: response.status, offset: Number(response.headers.get('upload-offset')) };
};

/** Sends the first `cut` bytes and then drops the connection, like a phone losing signal mid-upload. */
async function patchAndCut(location: string, bytes: Buffer, cut: number) {
  const controller = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    start(stream) {
      stream.enqueue(bytes.subarray(0, cut));
      setTimeout(() => controller.abort(), 150);
    },
  });
  await fetch(`${base}${location}`, {
    method: 'PATCH',
    headers: { ...tus, ...bearer(collector.token), 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    body,
    signal: controller.signal,
    duplex: 'half',
  } as RequestInit).catch(() => undefined);
}

describe('photo uploads', () => {
  it('resumes after a cut at a random byte, sending only the missing part, and keeps the bytes by hash', async () => {
    const bytes = photoBytes(7, 300_000);
    const created = await createUpload(bytes);
    expect(created.status, created.body).toBe(201);
    const cut = 1 + Math.floor(Math.random() * (bytes.length - 2));
    await patchAndCut(created.location!, bytes, cut);
    const { offset } = await offsetOf(created.location!);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(cut);
    const rest = await patch(created.location!, bytes.subarray(offset), offset);
    expect(rest.status).toBe(204);
    const stored = readFileSync(join(context.config.dataDir, 'photos', keyOf(sha256(bytes))));
    expect(sha256(stored)).toBe(sha256(bytes));
    const [row] = await context.database.db.select().from(photos).where(eq(photos.sha256, sha256(bytes)));
    expect(row).toMatchObject({ sizeBytes: bytes.length, contentType: 'image/jpeg', uploadedBy: collector.id });
  });

  it('refuses a corrupted upload with 460 and keeps nothing of it', async () => {
    const bytes = photoBytes(8, 50_000);
    const created = await createUpload(bytes);
    const damaged = Buffer.from(bytes);
    damaged[20_000] = damaged[20_000]! ^ 0xff;
    expect((await patch(created.location!, damaged.subarray(0, 25_000), 0)).status).toBe(204);
    const final = await patch(created.location!, damaged.subarray(25_000), 25_000);
    expect(final.status).toBe(460);
    expect(await final.text()).toMatch(/damaged/);
    expect(existsSync(join(context.config.dataDir, 'photos', keyOf(sha256(bytes))))).toBe(false);
    expect(await context.database.db.select().from(photos).where(eq(photos.sha256, sha256(bytes)))).toHaveLength(0);
    expect((await offsetOf(created.location!)).status).toBe(404);
  });

  it('refuses bad metadata, oversized uploads, other people and other roles', async () => {
    const bytes = photoBytes(9, 1000);
    expect((await createUpload(bytes, collector.token, { sha256: 'nothex' })).status).toBe(400);
    expect((await createUpload(bytes, collector.token, { contentType: 'application/x-msdownload' })).status).toBe(400);
    const huge = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: { ...tus, ...bearer(collector.token), 'upload-length': String(50 * 1024 * 1024), 'upload-metadata': tusMetadata({ sha256: sha256(bytes), contentType: 'image/jpeg' }) },
    });
    expect(huge.status).toBe(413);
    expect((await createUpload(bytes, supervisor)).status).toBe(403);
    const mine = await createUpload(bytes);
    expect((await patch(mine.location!, bytes, 0, stranger)).status).toBe(404);
    expect((await fetch(`${base}/api/uploads`, { method: 'POST', headers: { ...tus, 'upload-length': '10' } })).status).toBe(401);
  });

  it('says which photos of a visit have arrived, and serves them to whoever may see them', async () => {
    const db = context.database.db;
    const dispatcher = await signedInUser(context.app, db, 'dispatcher');
    const creditor = (await createCreditor(db)).code;
    await context.app.inject({ method: 'POST', url: '/api/cases/import', headers: bearer(dispatcher.token), payload: [caseRow(creditor, 'PHOTO-1')] });
    const [target] = await db.select({ id: cases.id }).from(cases).where(eq(cases.externalId, 'PHOTO-1'));
    await assignCases(db, [target!.id], collector.id);
    const detail = (await context.app.inject({ url: `/api/cases/${target!.id}`, headers: bearer(collector.token) })).json<CaseDetail>();
    const addressId = detail.addresses[0]!.id;
    const [first, second] = [photoBytes(21, 2000), photoBytes(22, 2000)];
    const arrive = checkIn(target!.id, addressId);
    const visitId = (arrive as { visitId: string }).visitId;
    const listed = [first, second].map((b) => ({ sha256: sha256(b), sizeBytes: b.length, takenAt: '2026-11-23T02:05:00.000Z' }));
    await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(collector.token), payload: push([arrive, record(target!.id, addressId, visitId, { photos: listed })]) });

    const status = async () =>
      (await context.app.inject({ url: `/api/sync/photos?visitIds=${visitId}`, headers: bearer(collector.token) })).json<PhotoStatusResponse>().visits[0];
    expect(await status()).toMatchObject({ expected: 2, received: 0 });
    const upload = await createUpload(first);
    await patch(upload.location!, first, 0);
    expect(await status()).toEqual({ visitId, expected: 2, received: 1, missing: [sha256(second)], audio: { expected: 0, received: 0, missing: [] } });

    const head = (token: string) => fetch(`${base}/api/photos/${sha256(first)}`, { method: 'HEAD', headers: bearer(token) });
    expect((await head(collector.token)).status).toBe(200);
    expect((await head(supervisor)).status).toBe(200);
    expect((await head(stranger)).status).toBe(404);
    const served = await fetch(`${base}/api/photos/${sha256(first)}`, { headers: bearer(supervisor) });
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(first));
    expect((await fetch(`${base}/api/photos/${sha256(second)}`, { method: 'HEAD', headers: bearer(collector.token) })).status).toBe(404);
  });
});
