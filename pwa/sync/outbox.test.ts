import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../../shared/schemas/sync.js';
import { caseId, checkInInput, freshDevice, manualClock, photo, visitRecordInput } from '../../test/fixtures/sync/device.js';
import { acknowledge, countPending, failedEntries, oldestPending, pendingBatch } from './outbox.js';
import { createRecorder } from './recorder.js';

const at = '2026-11-20T03:00:00.000Z';
const result = (id: string, status: MutationResult['status'], extra: Partial<MutationResult> = {}): MutationResult => ({
  id,
  status,
  replayed: false,
  receivedAt: at,
  ...extra,
});

describe('outbox', () => {
  it('removes acknowledged entries, marks their records synced and releases the photos of a recorded visit', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const { visitId } = await recorder.recordCheckIn(checkInInput());
    const { photoHashes } = await recorder.recordVisit(visitRecordInput(visitId, { photos: [photo(800)] }));
    const sent = await pendingBatch(db, 200);
    const summary = await acknowledge(
      db,
      sent,
      sent.map((entry, index) => result(entry.mutation.id, 'applied', { replayed: index === 0 })),
      at,
    );

    expect(summary).toEqual({ applied: 2, failed: 0, unanswered: 0 });
    expect(await countPending(db)).toBe(0);
    const visit = await db.get('visits', visitId);
    expect([visit?.checkIn?.state, visit?.record?.state]).toEqual(['synced', 'synced']);
    expect((await db.get('photos', photoHashes[0] ?? ''))?.state).toBe('pending');
  });

  it('marks a refused mutation failed with its reason without blocking the ones behind it', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    const first = await recorder.recordCheckIn(checkInInput());
    const note = await recorder.addNote({ caseId, body: '第二条' });
    const second = await recorder.recordCheckIn(checkInInput());
    const { photoHashes } = await recorder.recordVisit(visitRecordInput(first.visitId, { photos: [photo(300)] }));
    const sent = await pendingBatch(db, 200);
    const [checkIn, noteEntry, , record] = sent;

    // Only the first check-in and the note are answered: refused and in conflict; the rest stay pending.
    await acknowledge(
      db,
      sent,
      [
        result(checkIn?.mutation.id ?? '', 'rejected', { reason: 'Outside visiting hours (08:00–21:00)' }),
        result(noteEntry?.mutation.id ?? '', 'conflict'),
      ],
      at,
    );
    const failures = await failedEntries(db);
    expect(failures.map((entry) => [entry.mutation.id, entry.failure?.status, entry.failure?.reason])).toEqual([
      [first.mutationId, 'rejected', 'Outside visiting hours (08:00–21:00)'],
      [note.mutationId, 'conflict', expect.stringContaining('already used')],
    ]);
    expect((await pendingBatch(db, 200)).map((entry) => entry.mutation.id)).toEqual([second.mutationId, record?.mutation.id]);
    expect((await oldestPending(db))?.mutation.id).toBe(second.mutationId);
    expect((await db.get('visits', first.visitId))?.checkIn?.state).toBe('failed');
    expect((await db.get('notes', note.noteId))?.state).toBe('failed');

    // A refused record keeps its photos on the device, held back from upload.
    await acknowledge(db, [record!], [result(record?.mutation.id ?? '', 'rejected', { reason: 'Case no longer assigned to you' })], at);
    expect((await db.get('photos', photoHashes[0] ?? ''))?.state).toBe('held');
    expect(await db.count('photoBytes')).toBe(1);
  });

  it('ignores answers for entries another syncer already settled', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    await recorder.recordCheckIn(checkInInput());
    const sent = await pendingBatch(db, 200);
    const results = sent.map((entry) => result(entry.mutation.id, 'applied'));
    await acknowledge(db, sent, results, at);
    expect(await acknowledge(db, sent, results, at)).toEqual({ applied: 0, failed: 0, unanswered: 0 });
  });

  it('hands out at most the batch limit, oldest first', async () => {
    const { db } = await freshDevice();
    const recorder = createRecorder(db, manualClock());
    for (let i = 0; i < 5; i += 1) await recorder.addNote({ caseId, body: `note ${i}` });
    const batch = await pendingBatch(db, 3);
    expect(batch.map((entry) => entry.mutation.type === 'note.add' && entry.mutation.body)).toEqual(['note 0', 'note 1', 'note 2']);
  });
});
