/** The input cannot be recorded, or contradicts what is already recorded on the device. */
export class RecordingError extends Error {
  override name = 'RecordingError';
}
