// Live alerts for supervisors beside the SOS: a visit still on site long past its expected duration
// (a periodic check), and a check-in flagged high risk as it arrives (the visits NOTIFY). Each is
// claimed once per visit in the database, so with several instances exactly one speaks, through
// the adapter, to the supervisors and admins watching the collector's team.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ReviewAlertSignal } from '../../shared/events.js';
import type { Database, DatabaseHandle } from '../db/client.js';
import { watcherRooms } from '../dispatch/team-scope.js';
import { newId } from '../ids.js';
import { visitsChannel } from '../realtime/dispatch-signals.js';
import { alertSubjects, claimAlerts, highRiskVisitIds, overdueVisitIds, type ReviewAlertKind } from './review-alerts.repository.js';

export interface ReviewAlertOptions {
  /** A visit checked in this many minutes ago and not checked out is overdue. */
  overdueMinutes: number;
  checkIntervalS: number;
}

/** Older open visits are forgotten check-outs, not people in trouble: no alert. */
const lookbackMs = 24 * 3_600_000;
/** A push's visits carry updated_at of the push; anything older was judged on an earlier arrival. */
const arrivalWindowMs = 10 * 60_000;

type Subject = Awaited<ReturnType<typeof alertSubjects>>[number];

export function alertSignal(alert: { id: string; kind: ReviewAlertKind; raisedAt: Date }, subject: Subject): ReviewAlertSignal {
  const highCodes = subject.evidenceFlags.filter((flag) => flag.severity === 'high').map((flag) => flag.code);
  return {
    alertId: alert.id,
    kind: alert.kind,
    visitId: subject.visitId,
    caseId: subject.caseId,
    collectorId: subject.collectorId,
    collectorName: subject.collectorName,
    checkedInAt: subject.checkedInAt?.toISOString() ?? null,
    minutesOnSite:
      alert.kind === 'overdue_visit' && subject.checkedInAt
        ? Math.floor((alert.raisedAt.getTime() - subject.checkedInAt.getTime()) / 60_000)
        : null,
    codes: alert.kind === 'high_risk_check_in' ? highCodes : [],
    raisedAt: alert.raisedAt.toISOString(),
  };
}

/** Claims alerts of one kind for these visits; answers the signals this caller won, with the collector's team. */
async function claim(
  db: Database,
  kind: ReviewAlertKind,
  visitIds: string[],
  now: Date,
): Promise<{ signal: ReviewAlertSignal; teamId: string | null }[]> {
  const won = await claimAlerts(
    db,
    visitIds.map((visitId) => ({ id: newId(), visitId, kind, raisedAt: now })),
  );
  const subjects = new Map(
    (
      await alertSubjects(
        db,
        won.map((row) => row.visit_id),
      )
    ).map((s) => [s.visitId, s]),
  );
  return won.flatMap((row) => {
    const subject = subjects.get(row.visit_id);
    return subject ? [{ signal: alertSignal({ id: row.id, kind, raisedAt: now }, subject), teamId: subject.teamId }] : [];
  });
}

export function raiseOverdueAlerts(db: Database, now: Date, overdueMinutes: number) {
  return overdueVisitIds(db, new Date(now.getTime() - overdueMinutes * 60_000), new Date(now.getTime() - lookbackMs), 200).then((ids) =>
    claim(db, 'overdue_visit', ids, now),
  );
}

export function raiseHighRiskAlerts(db: Database, collectorId: string, caseIds: string[], now: Date) {
  return highRiskVisitIds(db, collectorId, caseIds, new Date(now.getTime() - arrivalWindowMs)).then((ids) =>
    claim(db, 'high_risk_check_in', ids, now),
  );
}

const visitsNotice = z.object({ collectorId: z.uuid(), caseIds: z.array(z.uuid()) });

export async function registerReviewAlerts(app: FastifyInstance, database: DatabaseHandle, options: ReviewAlertOptions): Promise<void> {
  const emit = (alerts: { signal: ReviewAlertSignal; teamId: string | null }[]) => {
    // The staff rooms of the collector's team, less the dispatchers: these are the supervisors' to act on.
    for (const { signal, teamId } of alerts)
      app.realtime
        .to(watcherRooms([teamId]))
        .except('role:dispatcher')
        .emit('review:alert', signal);
  };
  const failed = (what: string) => (error: unknown) => app.log.error({ err: error }, `could not raise ${what} alerts`);
  // Closing waits for checks under way, so none queries a database that is being closed.
  const underWay = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    underWay.add(work);
    void work.finally(() => underWay.delete(work));
    return work;
  };

  const stopVisits = await database.listen(visitsChannel, (payload) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const notice = visitsNotice.safeParse(parsed);
    if (!notice.success) return;
    void track(
      raiseHighRiskAlerts(database.db, notice.data.collectorId, notice.data.caseIds, new Date()).then(emit, failed('high-risk check-in')),
    );
  });

  let checking = false;
  const check = () => {
    // A slow check is never overlapped by the next tick.
    if (checking) return;
    checking = true;
    void track(
      raiseOverdueAlerts(database.db, new Date(), options.overdueMinutes)
        .then(emit, failed('overdue visit'))
        .finally(() => {
          checking = false;
        }),
    );
  };
  const timer = setInterval(check, options.checkIntervalS * 1000);
  timer.unref();

  app.addHook('preClose', async () => {
    clearInterval(timer);
    await stopVisits();
    await Promise.all(underWay);
  });
}
