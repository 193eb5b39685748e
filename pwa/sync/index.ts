// The client sync engine's public face: what the collector app imports. In short:
//   const engine = await openSyncEngine({ userId, transport: { baseUrl: '', getToken } });
//   const stop = startSyncTriggers({ requestSync: engine.requestSync, nudges: { baseUrl: '', getToken } });
//   await engine.recordCheckIn(...);  // resolves once stored with its outbox entry: say "saved"
//   engine.subscribe((progress) => ...);  // pending items and bytes, photos received, failures
export { openSyncEngine, type SyncEngine, type SyncEngineOptions, type SyncOutcome } from './engine.js';
export { startSyncTriggers, registerBackgroundSync, backgroundSyncTag, type TriggerOptions } from './triggers.js';
export { createTransport, type Transport, type TransportOptions } from './transport.js';
export { systemClock, type Clock } from './clock.js';
export {
  RecordingError,
  type CheckInInput,
  type VisitRecordInput,
  type CheckOutInput,
  type NoteInput,
  type PhotoInput,
  type SosInput,
  type VisitAudioInput,
} from './recorder.js';
export type { SyncProgress, SyncPhase, VisitPhotoProgress, VisitAudioProgress, PermanentFailure } from './progress.js';
export { syncDatabaseName } from './database.js';
export { requestPersistentStorage } from './storage.js';
