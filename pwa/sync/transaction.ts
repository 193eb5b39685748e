// All-or-nothing writes: a transaction whose work fails part-way is aborted rather than left to
// auto-commit what it had done so far, and its completion is always observed.

interface Transaction {
  done: Promise<void>;
  abort(): void;
}

/** Runs `work` in `tx` and resolves once the transaction has committed. */
export async function committed<T>(tx: Transaction, work: () => Promise<T>): Promise<T> {
  const done = tx.done;
  // Observed at once: an abort must not surface as an unhandled rejection while work still runs.
  done.catch(() => undefined);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by IndexedDB itself.
    }
    throw error;
  }
  await done;
  return result;
}
