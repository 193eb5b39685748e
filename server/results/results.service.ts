// Team results: who may see which teams, the range in the business zone, and the answer's shape.
import { bucketStarts } from '../../shared/periods.js';
import type { Role } from '../../shared/roles.js';
import type { ResultFigures, ResultRow, ResultsQuery, ResultsResponse } from '../../shared/schemas/results.js';
import type { Database, Executor } from '../db/client.js';
import { type DispatchTeamScope, visibleTeam } from '../dispatch/team-scope.js';
import { DomainError } from '../http/errors.js';
import { refreshResultsRollup } from './rollup.repository.js';
import { collectorTeam, type ResultsRecord, resultsOf, teamExists } from './results.repository.js';

interface Viewer {
  role: Role;
  teamId: string | null;
}

export interface ResultsOptions {
  /** The business time zone: days, weeks and months begin at its midnight. */
  timeZone: string;
  teamScope: DispatchTeamScope;
}

const otherTeam = () =>
  new DomainError(
    403,
    'You see the results of your own team only. Choose your team, or ask an administrator for the other team’s figures.',
  );

/** The team and collector to report on, after the viewer's team scope and the ids are checked. */
async function resolveFilter(db: Executor, viewer: Viewer, query: ResultsQuery, scope: DispatchTeamScope) {
  const ownTeam = visibleTeam(viewer, scope);
  if (ownTeam !== null && query.teamId !== undefined && query.teamId !== ownTeam) throw otherTeam();
  if (query.teamId !== undefined && !(await teamExists(db, query.teamId))) {
    throw new DomainError(404, 'No team has this id. Choose a team from the list.');
  }
  if (query.collectorId !== undefined) {
    const collector = await collectorTeam(db, query.collectorId);
    if (!collector) throw new DomainError(404, 'No collector has this id. Choose a collector from the list.');
    if (ownTeam !== null && collector.teamId !== ownTeam) throw otherTeam();
    if (query.teamId !== undefined && collector.teamId !== query.teamId) {
      throw new DomainError(400, 'This collector is not in the chosen team. Choose the collector’s own team, or no team.');
    }
  }
  return { teamId: query.teamId ?? ownTeam, collectorId: query.collectorId ?? null };
}

function figures(record: ResultsRecord): ResultFigures {
  return {
    planned: record.planned,
    done: record.done,
    contacts: record.contacts,
    contactRate: record.contact_rate,
    promises: record.promises,
    promiseRate: record.promise_rate,
    promisesDue: record.promises_due,
    promisesKept: record.promises_kept,
    keptRate: record.kept_rate,
    amountPromised: record.amount_promised,
    amountRecovered: record.amount_recovered,
    outstanding: record.outstanding,
    recoveryRate: record.recovery_rate,
    evidenceAccepted: record.evidence_accepted,
    evidenceRejected: record.evidence_rejected,
    anomalies: record.anomalies,
    avgOnSiteSeconds: record.avg_on_site_s,
    travelSecondsPerStop: record.travel_s_per_stop,
    travelMetresPerStop: record.travel_m_per_stop,
  };
}

export async function teamResults(db: Database, viewer: Viewer, query: ResultsQuery, options: ResultsOptions): Promise<ResultsResponse> {
  const { teamId, collectorId } = await resolveFilter(db, viewer, query, options.teamScope);
  await refreshResultsRollup(db, options.timeZone);
  const records = await resultsOf(db, {
    period: query.period,
    groupBy: query.groupBy,
    from: query.from,
    to: query.to,
    timeZone: options.timeZone,
    teamId,
    collectorId,
  });
  const total = records.find((record) => record.level === 'total');
  const rows: ResultRow[] = records
    .filter((record) => record.level === 'cell')
    .map((record) => ({
      bucket: record.bucket ?? query.from,
      teamId: record.team_id,
      teamName: record.team_name,
      collectorId: record.collector_id,
      collectorName: record.collector_name,
      ...figures(record),
    }));
  if (!total) throw new Error('the results query answered no totals row');
  return {
    period: query.period,
    groupBy: query.groupBy,
    from: query.from,
    to: query.to,
    timeZone: options.timeZone,
    buckets: bucketStarts(query.from, query.to, query.period),
    rows,
    bucketTotals: records
      .filter((record) => record.level === 'bucket')
      .map((record) => ({ bucket: record.bucket ?? query.from, ...figures(record) })),
    totals: figures(total),
  };
}
