import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mutation as mutationSchema, uuidv7 } from '../../shared/schemas/sync.js';
import { caseId, checkInInput, freshDevice, manualClock, photo, visitRecordInput } from '../../test/fixtures/sync/device.js';
import { createRecorder, RecordingError } from './recorder.js';
import { pendingBatch } from './outbox.js';

describe('recorder', () => {
  it('writes a check-in and its outbox entry together, with device-made UUIDv7 ids', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const { visitId, mutationId } = await recorder.recordCheckIn(checkInInput());

    expect(uuidv7.safeParse(visitId).success).toBe(true);
    expect(uuidv7.safeParse(mutationId).success).toBe(true);
    const visit = await db.get('visits', visitId);
    expect(visit?.checkIn?.state).toBe('pending');
    const [entry] = await pendingBatch(db, 10);
    expect(entry?.mutation).toMatchObject({
      id: mutationId,
      type: 'visit.checkIn',
      visitId,
      caseId,
      checkedInAt: '2026-11-20T02:00:00.000Z',
    });
    expect(mutationSchema.safeParse(entry?.mutation).success).toBe(true);
  });

  it('stores photo bytes as ArrayBuffers keyed by their SHA-256, waiting until the record is acknowledged', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const { visitId } = await recorder.recordCheckIn(checkInInput());
    const shots = [photo(3000), photo(1500)];
    const { photoHashes } = await recorder.recordVisit(visitRecordInput(visitId, { photos: shots }));

    expect(photoHashes).toEqual(
      shots.map((shot) =>
        createHash('sha256')
          .update(shot.bytes as Uint8Array)
          .digest('hex'),
      ),
    );
    const stored = await db.get('photoBytes', photoHashes[0] ?? '');
    expect(stored?.bytes).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(stored?.bytes ?? new ArrayBuffer(0))).toEqual(shots[0]?.bytes);
    const meta = await db.get('photos', photoHashes[1] ?? '');
    expect(meta).toMatchObject({ sizeBytes: 1500, state: 'waiting', visitIds: [visitId] });

    const entries = await pendingBatch(db, 10);
    expect(entries.map((entry) => entry.mutation.type)).toEqual(['visit.checkIn', 'visit.record']);
    const record = entries[1]?.mutation;
    expect(record?.type === 'visit.record' && record.photos.map((p) => p.sha256)).toEqual(photoHashes);
  });

  it('keeps the order of recording in the outbox across visits and notes', async () => {
    const { db } = await freshDevice();
    const clock = manualClock();
    const recorder = createRecorder(db, clock);
    const first = await recorder.recordCheckIn(checkInInput());
    clock.advance(1000);
    await recorder.addNote({ caseId, body: '邻居说已搬走' });
    await recorder.recordVisit(visitRecordInput(first.visitId));
    await recorder.recordCheckOut({ visitId: first.visitId, caseId });
    const types = (await pendingBatch(db, 10)).map((entry) => entry.mutation.type);
    expect(types).toEqual(['visit.checkIn', 'note.add', 'visit.record', 'visit.checkOut']);
  });

  it('writes every mutation as the shared schema (the server) accepts it, though the device does not load the schema', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const { visitId } = await recorder.recordCheckIn(checkInInput());
    await recorder.recordVisit(
      visitRecordInput(visitId, { photos: [photo(800)], promiseToPay: { amount: 50_000, dueDate: '2026-12-01' } }),
    );
    await recorder.recordCheckOut({ visitId, caseId, position: { lat: 41.79, lng: 123.4, accuracyM: 20 } });
    await recorder.recordVisitAudio({
      visitId,
      caseId,
      bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]),
      contentType: 'audio/webm',
      durationS: 1234.56,
      startedAt: '2026-11-20T02:00:00.000Z',
      complete: true,
    });
    await recorder.addNote({ caseId, body: '  邻居说已搬走  ' });
    await recorder.raiseSos({ note: '对方情绪激动' });
    const entries = await pendingBatch(db, 10);
    expect(entries.map((entry) => entry.mutation.type)).toEqual([
      'visit.checkIn',
      'visit.record',
      'visit.checkOut',
      'visit.audio',
      'note.add',
      'sos.raise',
    ]);
    for (const entry of entries) expect(mutationSchema.safeParse(entry.mutation).error).toBeUndefined();
  });

  it('refuses a blank note and writes nothing', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    await expect(recorder.addNote({ caseId, body: '   ' })).rejects.toThrow(RecordingError);
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('notes')).toBe(0);
  });

  it('refuses a second outcome or a check-out of an unknown visit, leaving the outbox as it was', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const { visitId } = await recorder.recordCheckIn(checkInInput());
    await recorder.recordVisit(visitRecordInput(visitId, { photos: [photo(500)] }));
    await expect(recorder.recordVisit(visitRecordInput(visitId, { photos: [photo(600)] }))).rejects.toThrow(/already/);
    await expect(recorder.recordCheckOut({ visitId: '0193a0b4-8a6e-7c3d-9f10-000000000000', caseId })).rejects.toThrow(/No such visit/);
    expect(await db.count('outbox')).toBe(2);
    expect(await db.count('photos')).toBe(1);
  });

  it('queues an SOS as an outbox entry of its own', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const { sosId, mutationId } = await recorder.raiseSos({ position: { lat: 41.7, lng: 123.3, accuracyM: 30 }, note: '对方情绪激动' });
    const [entry] = await pendingBatch(db, 10);
    expect(entry?.mutation).toMatchObject({ id: mutationId, type: 'sos.raise', sosId, note: '对方情绪激动' });
  });

  it('accepts an outcome recorded before any check-in', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const visitId = '0193a0b4-8a6e-7c3d-9f10-0000000000aa';
    await recorder.recordVisit(visitRecordInput(visitId));
    expect((await db.get('visits', visitId))?.record?.state).toBe('pending');
  });
});
