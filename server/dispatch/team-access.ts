// Refusals for a dispatcher or supervisor limited to their team (DISPATCH_TEAM_SCOPE=team).
import type { Executor } from '../db/client.js';
import { DomainError } from '../http/errors.js';
import { casesOutsideTeam, teamsOf } from './team.repository.js';

/**
 * The teams of these collectors; refuses (403) when `team` is set and one of them is in another
 * team. Unknown ids are left to the caller's own checks.
 */
export async function requireOwnTeamCollectors(
  db: Executor,
  team: string | null,
  collectorIds: readonly string[],
  refusal: (outside: number) => string,
): Promise<Map<string, string | null>> {
  const teams = await teamsOf(db, collectorIds);
  const outside = team === null ? 0 : [...teams.values()].filter((other) => other !== team).length;
  if (outside > 0) throw new DomainError(403, refusal(outside));
  return teams;
}

/** Refuses (403) when `team` is set and some of these cases are held by another team's collectors. */
export async function requireOwnTeamCases(db: Executor, team: string | null, caseIds: readonly string[]): Promise<void> {
  const outside = await casesOutsideTeam(db, team, caseIds);
  if (outside > 0) {
    throw new DomainError(
      403,
      `${outside === 1 ? 'One of these cases is' : `${outside} of these cases are`} held by another team’s collector. Leave them to that team’s dispatcher, or ask one who sees every team.`,
    );
  }
}

export const otherTeamsPlan = () =>
  'This plan includes collectors of another team. Only a dispatcher who sees every team, or an administrator, can open or change it.';

export const otherTeamsCollectors = (outside: number) =>
  `You plan only your own team’s collectors, and ${outside === 1 ? 'one of those chosen is' : `${outside} of those chosen are`} in another team. Choose your team’s collectors, or ask a dispatcher who sees every team.`;
