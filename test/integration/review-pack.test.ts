// Evidence packs over real HTTP: the zip is unzipped here and every file is checked against the
// SHA-256 in manifest.json and in SHA256SUMS; the original photo bytes come back unchanged.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { auditLog } from '../../server/db/schema/index.js';
import { bearer, signedInUser } from '../fixtures/factories.js';
import { minutesAfter, photoBytes, pushVisit, reviewCollector, type ReviewCollector, sha256, uploadPhoto } from '../fixtures/review.js';
import { listen } from '../fixtures/sync/collector.js';
import { createTestContext, type TestContext } from '../helper.js';

let context: TestContext;
let base: string;
let supervisor: string;
let collector: ReviewCollector;
const ten = '2026-11-23T02:00:00.000Z';
const door = photoBytes(71, 30_000);
const kitchen = photoBytes(72, 50_000);
const missing = photoBytes(73, 10_000);
let firstVisit: string;
let secondVisit: string;

beforeAll(async () => {
  context = await createTestContext();
  base = await listen(context);
  supervisor = (await signedInUser(context.app, context.database.db, 'supervisor')).token;
  collector = await reviewCollector(context, 1);
  firstVisit = await pushVisit(context, collector, 0, {
    at: ten,
    photos: [
      { bytes: door, takenAt: minutesAfter(ten, 2) },
      { bytes: kitchen, takenAt: minutesAfter(ten, 10) },
      { bytes: missing, takenAt: minutesAfter(ten, 12) },
    ],
  });
  await uploadPhoto(base, collector.token, door, firstVisit);
  await uploadPhoto(base, collector.token, kitchen, firstVisit);
  secondVisit = await pushVisit(context, collector, 0, {
    at: minutesAfter(ten, 180),
    photos: [{ bytes: door, takenAt: minutesAfter(ten, 182) }],
  });
  await context.app.inject({
    method: 'POST',
    url: `/api/review/visits/${firstVisit}/verdict`,
    headers: bearer(supervisor),
    payload: { verdict: 'reject', reason: '照片与另一次外访重复' },
  });
  await context.app.inject({
    method: 'POST',
    url: '/api/review/complaints',
    headers: bearer(supervisor),
    payload: { visitId: firstVisit, source: 'debtor', channel: 'phone', body: '外访员态度恶劣，在邻居面前大声喧哗' },
  });
});
afterAll(async () => context?.close());

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(bytes, { lazyEntries: true }, (error, zip?: ZipFile) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (failure, stream) => {
          if (failure || !stream) return reject(failure ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

interface Manifest {
  format: string;
  subject: { type: string; id: string };
  generatedBy: { name: string };
  files: { path: string; sha256: string; sizeBytes: number }[];
  missing: { sha256: string }[];
}

async function download(path: string) {
  const response = await fetch(`${base}${path}`, { headers: bearer(supervisor) });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes };
}

/** Every file but the manifest and SHA256SUMS is listed in the manifest; every listed hash and size matches its bytes; SHA256SUMS covers all. */
function verify(files: Map<string, Buffer>): Manifest {
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
  expect(manifest.files.map((f) => f.path).sort()).toEqual(
    [...files.keys()].filter((p) => p !== 'manifest.json' && p !== 'SHA256SUMS').sort(),
  );
  for (const file of manifest.files) {
    expect(sha256(files.get(file.path)!), file.path).toBe(file.sha256);
    expect(files.get(file.path)!.length).toBe(file.sizeBytes);
  }
  const sums = files.get('SHA256SUMS')!.toString('utf8').trim().split('\n');
  expect(sums).toHaveLength(files.size - 1);
  for (const line of sums) {
    const [hash, path] = line.split('  ') as [string, string];
    expect(sha256(files.get(path)!), path).toBe(hash);
  }
  return manifest;
}

describe('evidence packs', () => {
  it('of a visit: original photos, the record, the review history and complaints, every hash verified', async () => {
    const { response, bytes } = await download(`/api/review/visits/${firstVisit}/evidence-pack`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="evidence-visit-.+\.zip"$/);
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const files = await unzip(bytes);
    const manifest = verify(files);
    expect(manifest).toMatchObject({ format: 'field-visits-evidence-pack/1', subject: { type: 'visit', id: firstVisit } });
    const folder = `visits/${firstVisit}`;
    expect(files.get(`${folder}/photos/${sha256(door)}.jpg`)!.equals(door)).toBe(true);
    expect(files.get(`${folder}/photos/${sha256(kitchen)}.jpg`)!.equals(kitchen)).toBe(true);
    // Listed by the visit but never uploaded: named in the manifest, not invented.
    expect(manifest.missing.map((m) => m.sha256)).toEqual([sha256(missing)]);
    const record = JSON.parse(files.get(`${folder}/visit.json`)!.toString('utf8')) as {
      visit: { id: string; notes: string };
      photos: unknown[];
      timeline: unknown[];
    };
    expect(record.visit).toMatchObject({ id: firstVisit, notes: '本人在家，称近期失业' });
    expect(record.photos).toHaveLength(3);
    const history = JSON.parse(files.get(`${folder}/review-history.json`)!.toString('utf8')) as {
      status: string;
      history: { reason: string }[];
    };
    expect(history).toMatchObject({ status: 'rejected', history: [{ reason: '照片与另一次外访重复' }] });
    const complaints = JSON.parse(files.get(`${folder}/complaints.json`)!.toString('utf8')) as { body: string }[];
    expect(complaints.map((c) => c.body)).toEqual(['外访员态度恶劣，在邻居面前大声喧哗']);
    const caseJson = JSON.parse(files.get('case.json')!.toString('utf8')) as { debtorIdNumberMasked: string; debtorIdNumber?: string };
    expect(caseJson.debtorIdNumberMasked).toContain('*');
    expect(caseJson.debtorIdNumber).toBeUndefined();
    expect(files.has('README.txt')).toBe(true);
    const [audited] = await context.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.evidence_pack'), eq(auditLog.subjectId, firstVisit)));
    expect(audited?.detail).toMatchObject({ visitIds: [firstVisit], missing: 1 });
  });

  it('of a case: every visit of the case, each in its own folder', async () => {
    const caseId = collector.cases[0]!.caseId;
    const { response, bytes } = await download(`/api/review/cases/${caseId}/evidence-pack`);
    expect(response.status).toBe(200);
    const files = await unzip(bytes);
    const manifest = verify(files);
    expect(manifest.subject).toEqual({ type: 'case', id: caseId });
    expect(files.get(`visits/${secondVisit}/photos/${sha256(door)}.jpg`)!.equals(door)).toBe(true);
    expect([...files.keys()].filter((p) => p.endsWith('/visit.json')).sort()).toEqual(
      [`visits/${firstVisit}/visit.json`, `visits/${secondVisit}/visit.json`].sort(),
    );
  });

  it('answers 404 for what does not exist and 400 for what is not an id', async () => {
    expect((await download('/api/review/visits/0190d5c4-0000-7000-8000-000000000000/evidence-pack')).response.status).toBe(404);
    expect((await download('/api/review/cases/0190d5c4-0000-7000-8000-000000000000/evidence-pack')).response.status).toBe(404);
    expect((await download('/api/review/cases/nope/evidence-pack')).response.status).toBe(400);
  });
});
