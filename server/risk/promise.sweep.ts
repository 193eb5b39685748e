// A broken promise is the absence of an event (no payment by the due date), so only a clock can
// notice it: each server instance sweeps now and then. Signal ids derive from the promise's visit,
// so instances sweeping at once, or a sweep repeated, raise each broken promise once.
import { signalId } from './risk.assess.js';
import { brokenPromise, isPromiseBroken, type RiskRules } from './risk.rules.js';
import type { Executor } from '../db/client.js';
import { openPromisesDueBy, writeBrokenPromises } from './promises.repository.js';

const batch = 500;
/** Local midnight is at most 14 hours ahead of UTC midnight (UTC+14): a cut-off that fits every zone. */
const widestZoneMs = 14 * 3_600_000;

function shiftDate(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Raises promise_broken for every open promise whose due date has ended in its case's zone; answers how many. */
export async function sweepBrokenPromises(db: Executor, rules: RiskRules, deliver: boolean, now = new Date()): Promise<number> {
  const lastDueOn = shiftDate(new Date(now.getTime() + widestZoneMs).toISOString().slice(0, 10), -1 - rules.promiseGraceDays);
  const level = rules.levelFloorBySignal.promise_broken ?? 'high';
  let raised = 0;
  let after: { dueOn: string; id: string } | null = null;
  for (;;) {
    const due = await openPromisesDueBy(db, lastDueOn, after, batch);
    const last = due.at(-1);
    if (!last) return raised;
    after = { dueOn: last.dueOn, id: last.signalId };
    const broken = due
      .filter((p) => isPromiseBroken(p.dueOn, p.timeZone, now, rules))
      .map((p) => {
        const signal = brokenPromise(p.dueOn, p.amount);
        return {
          promiseSignalId: p.signalId,
          id: signalId(p.visitId, 'promise_broken'),
          caseId: p.caseId,
          visitId: p.visitId,
          severity: signal.severity,
          reason: signal.reason,
          findings: JSON.stringify(signal.findings),
          dueOn: p.dueOn,
        };
      });
    raised += await writeBrokenPromises(db, broken, level, deliver);
    if (due.length < batch) return raised;
  }
}
