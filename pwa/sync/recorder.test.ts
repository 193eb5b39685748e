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

  it('refuses input the shared schema refuses and writes nothing', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    await expect(recorder.recordCheckIn(checkInInput({ position: { lat: 120, lng: 10, accuracyM: 5 } }))).rejects.toThrow(RecordingError);
    await expect(recorder.addNote({ caseId, body: '   ' })).rejects.toThrow(/body/);
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('visits')).toBe(0);
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
