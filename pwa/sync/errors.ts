// How a failed exchange with the server is classified decides what the syncer does next.

/** Worth retrying after a pause: the network failed, timed out, or the server had a bad moment. */
export class TransientSyncError extends Error {
  override name = 'TransientSyncError';
}

/** The session has ended (401): stop and ask the person to sign in again. Nothing is dropped. */
export class SignedOutError extends Error {
  override name = 'SignedOutError';
  constructor() {
    super('Signed out: sign in again to send what is waiting on this device.');
  }
}

/** The server refused the request itself (4xx): retrying the same request cannot help. */
export class RefusedRequestError extends Error {
  override name = 'RefusedRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}
