// Who sees whose collectors (DISPATCH_TEAM_SCOPE), decided in one place: the HTTP checks and
// the socket rooms both ask these functions.
import type { Role } from '../../shared/roles.js';

export const dispatchTeamScopes = ['all', 'team'] as const;
export type DispatchTeamScope = (typeof dispatchTeamScopes)[number];

interface Viewer {
  role: Role;
  teamId: string | null;
}

/** The team whose collectors `viewer` may see and plan, or null when they may see everyone's. */
export function visibleTeam(viewer: Viewer, scope: DispatchTeamScope): string | null {
  if (scope === 'all') return null;
  // Admins oversee every team; staff without a team coordinate across teams.
  if (viewer.role !== 'dispatcher' && viewer.role !== 'supervisor') return null;
  return viewer.teamId;
}

export const everyTeamRoom = 'dispatch:all';
const teamRoom = (teamId: string) => `dispatch:team:${teamId}`;

/** The room a staff socket joins to hear about collectors' days; collectors join none. */
export function watchRoom(viewer: Viewer, scope: DispatchTeamScope): string | undefined {
  if (viewer.role !== 'dispatcher' && viewer.role !== 'supervisor' && viewer.role !== 'admin') return undefined;
  const team = visibleTeam(viewer, scope);
  return team === null ? everyTeamRoom : teamRoom(team);
}

/** Rooms that hear about collectors of these teams (null: a collector without a team). */
export function watcherRooms(teamIds: Iterable<string | null>): string[] {
  const rooms = new Set([everyTeamRoom]);
  for (const team of teamIds) if (team !== null) rooms.add(teamRoom(team));
  return [...rooms];
}

/** Every staff room: unassigned cases show on every dispatcher's map whatever their team. */
export const allWatcherRooms = ['role:dispatcher', 'role:supervisor', 'role:admin'];
