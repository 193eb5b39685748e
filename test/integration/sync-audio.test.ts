// A visit's audio recording on the real server: announced by a 'visit.audio' mutation, uploaded over
// the same tus path as photos, verified by hash, and counted in the visit's "received" state.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitEvidence } from '../../shared/schemas/evidence.js';
import type { MutationInput, PhotoStatusResponse, PushResponse } from '../../shared/schemas/sync.js';
import { maxAudioBytes, maxPhotoBytes } from '../../shared/sync-limits.js';
import { bearer, signedInUser } from '../fixtures/factories.js';
import { webm as webmBytes } from '../fixtures/media.js';
import { checkIn, checkOut, push, record, sha256, tusMetadata } from '../fixtures/sync.js';
import { listen, seedCollector, type SeededCollector } from '../fixtures/sync/collector.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let base: string;
let collector: SeededCollector;
let stranger: SeededCollector;
let supervisor: string;

beforeAll(async () => {
  context = await createTestContext();
  base = await listen(context);
  [collector, stranger] = [await seedCollector(context, 2), await seedCollector(context, 1)];
  supervisor = (await signedInUser(context.app, context.database.db, 'supervisor')).token;
});
afterAll(async () => context?.close());

const tus = { 'tus-resumable': '1.0.0' };

/** A WebM recording's bytes, distinct per seed. */
const webm = (seed: number, size: number) => webmBytes(seed, size);

function audioMutation(visitId: string, caseId: string, bytes: Buffer, extra: Record<string, unknown> = {}): MutationInput {
  return {
    id: uuidv7(),
    type: 'visit.audio',
    createdAt: '2026-11-23T02:31:00.000Z',
    visitId,
    caseId,
    audio: {
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      contentType: 'audio/webm',
      durationS: 1800,
      startedAt: '2026-11-23T02:00:00.000Z',
      complete: true,
      ...extra,
    },
  };
}

async function pushAs(token: string, mutations: unknown[]): Promise<PushResponse> {
  const response = await context.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(token), payload: push(mutations) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PushResponse>();
}

async function createUpload(size: number, metadata: Record<string, string>, token = collector.token) {
  const response = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: { ...tus, ...bearer(token), 'upload-length': String(size), 'upload-metadata': tusMetadata(metadata) },
  });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

const patch = (location: string, bytes: Uint8Array, offset: number) =>
  fetch(`${base}${location}`, {
    method: 'PATCH',
    headers: { ...tus, ...bearer(collector.token), 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
    body: bytes as Uint8Array<ArrayBuffer>,
  });

const audioStatus = async (visitId: string) =>
  (await context.app.inject({ url: `/api/sync/photos?visitIds=${visitId}`, headers: bearer(collector.token) })).json<PhotoStatusResponse>()
    .visits[0];

const evidence = (visitId: string, token: string) => context.app.inject({ url: `/api/visits/${visitId}`, headers: bearer(token) });

/** A checked-in, recorded and checked-out visit of the collector's first case. */
async function visit(): Promise<{ visitId: string; caseId: string }> {
  const { caseId, addressId } = collector.cases[0]!;
  const arrive = checkIn(caseId, addressId);
  const visitId = (arrive as { visitId: string }).visitId;
  const answers = await pushAs(collector.token, [arrive, record(caseId, addressId, visitId), checkOut(caseId, visitId)]);
  expect(answers.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  return { visitId, caseId };
}

describe('visit audio', () => {
  it('is missing until its upload arrives; a damaged upload is refused; only the collector and staff may fetch it', async () => {
    const { visitId, caseId } = await visit();
    const bytes = webm(31, 700_000);
    const [announced] = (await pushAs(collector.token, [audioMutation(visitId, caseId, bytes)])).results;
    expect(announced).toMatchObject({ status: 'applied' });
    expect(await audioStatus(visitId)).toEqual({
      visitId,
      expected: 0,
      received: 0,
      missing: [],
      audio: { expected: 1, received: 0, missing: [sha256(bytes)] },
    });
    expect((await evidence(visitId, supervisor)).json<VisitEvidence>().audio).toEqual([
      expect.objectContaining({
        sha256: sha256(bytes),
        sizeBytes: bytes.length,
        contentType: 'audio/webm',
        durationS: 1800,
        complete: true,
        arrived: false,
      }),
    ]);

    // Damaged on the way: refused when the last byte arrives, nothing kept.
    const damaged = Buffer.from(bytes);
    damaged[500_000] = damaged[500_000]! ^ 0xff;
    const first = await createUpload(bytes.length, { sha256: sha256(bytes), contentType: 'audio/webm', visitId });
    expect(first.status, first.body).toBe(201);
    expect((await patch(first.location!, damaged, 0)).status).toBe(460);
    expect((await audioStatus(visitId))?.audio.received).toBe(0);

    // In 256 KB chunks, as the engine sends it; resumed from the offset the server holds.
    const upload = await createUpload(bytes.length, { sha256: sha256(bytes), contentType: 'audio/webm', visitId });
    for (let offset = 0; offset < bytes.length; offset += 256 * 1024) {
      const response = await patch(upload.location!, bytes.subarray(offset, offset + 256 * 1024), offset);
      expect(response.status).toBe(204);
    }
    expect(await audioStatus(visitId)).toMatchObject({ audio: { expected: 1, received: 1, missing: [] } });
    expect((await evidence(visitId, supervisor)).json<VisitEvidence>().audio[0]?.arrived).toBe(true);

    const fetchAs = (token: string) => fetch(`${base}/api/photos/${sha256(bytes)}`, { headers: bearer(token) });
    const mine = await fetchAs(collector.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('audio/webm');
    expect(sha256(Buffer.from(await mine.arrayBuffer()))).toBe(sha256(bytes));
    expect((await fetchAs(supervisor)).status).toBe(200);
    expect((await fetchAs(stranger.token)).status).toBe(404);
    expect((await evidence(visitId, stranger.token)).statusCode).toBe(404);
  });

  it('lists a piece once however often it is announced, and keeps several pieces of one visit', async () => {
    const { visitId, caseId } = await visit();
    const [a, b] = [webm(41, 2_000), webm(42, 3_000)];
    const announce = audioMutation(visitId, caseId, a, { complete: false, durationS: 600 });
    const answers = await pushAs(collector.token, [
      announce,
      announce,
      audioMutation(visitId, caseId, a),
      audioMutation(visitId, caseId, b),
    ]);
    expect(answers.results.map((r) => [r.status, r.replayed])).toEqual([
      ['applied', false],
      ['applied', true],
      ['applied', false],
      ['applied', false],
    ]);
    const listed = (await evidence(visitId, collector.token)).json<VisitEvidence>().audio;
    expect(listed.map((piece) => [piece.sha256, piece.complete])).toEqual([
      [sha256(a), false],
      [sha256(b), true],
    ]);
  });

  it('refuses audio for a visit the server has not seen, of a type the recorder does not make, or another collector’s visit', async () => {
    const { visitId, caseId } = await visit();
    const bytes = webm(51, 1_000);
    const [unknown, wav, tooLong, notTheirs] = (
      await pushAs(collector.token, [
        audioMutation(uuidv7(), caseId, bytes),
        audioMutation(visitId, caseId, bytes, { contentType: 'audio/wav' }),
        audioMutation(visitId, caseId, bytes, { durationS: 48 * 3600 }),
        audioMutation(visitId, stranger.cases[0]!.caseId, bytes),
      ])
    ).results;
    expect(unknown).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/has not seen/) });
    expect(wav).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/contentType/) });
    expect(tooLong).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/durationS/) });
    expect(notTheirs).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no longer assigned/) });
    expect((await evidence(visitId, collector.token)).json<VisitEvidence>().audio).toEqual([]);
  });

  it('answers 4xx to an upload of the wrong type or above its size limit', async () => {
    const sha = sha256(webm(61, 100));
    expect((await createUpload(100, { sha256: sha, contentType: 'audio/wav' })).status).toBe(400);
    expect((await createUpload(100, { sha256: sha, contentType: 'video/webm' })).status).toBe(400);
    expect((await createUpload(maxAudioBytes + 1, { sha256: sha, contentType: 'audio/webm' })).status).toBe(413);
    // A photo has its own, smaller limit under the same path.
    const photo = await createUpload(maxPhotoBytes + 1, { sha256: sha, contentType: 'image/jpeg' });
    expect([photo.status, photo.body]).toEqual([413, expect.stringMatching(/image\/jpeg/)]);
    expect((await createUpload(maxPhotoBytes + 1, { sha256: sha, contentType: 'audio/mp4' })).status).toBe(201);
  });
});
