import { describe, expect, it } from 'vitest';
import { everyTeamRoom, visibleTeam, watcherRooms, watchRoom } from './team-scope.js';

const teamA = '01a20000-0000-7000-8000-00000000000a';
const teamB = '01a20000-0000-7000-8000-00000000000b';

describe('team scope', () => {
  it('lets everyone see every team by default', () => {
    expect(visibleTeam({ role: 'dispatcher', teamId: teamA }, 'all')).toBeNull();
    expect(watchRoom({ role: 'supervisor', teamId: teamA }, 'all')).toBe(everyTeamRoom);
  });

  it('limits dispatchers and supervisors with a team to it when teams are restricted', () => {
    expect(visibleTeam({ role: 'dispatcher', teamId: teamA }, 'team')).toBe(teamA);
    expect(visibleTeam({ role: 'supervisor', teamId: teamB }, 'team')).toBe(teamB);
    expect(watchRoom({ role: 'dispatcher', teamId: teamA }, 'team')).toBe(`dispatch:team:${teamA}`);
  });

  it('leaves admins and staff without a team unrestricted', () => {
    expect(visibleTeam({ role: 'admin', teamId: teamA }, 'team')).toBeNull();
    expect(visibleTeam({ role: 'dispatcher', teamId: null }, 'team')).toBeNull();
    expect(watchRoom({ role: 'admin', teamId: teamA }, 'team')).toBe(everyTeamRoom);
  });

  it('keeps collectors out of the watchers’ rooms', () => {
    expect(watchRoom({ role: 'collector', teamId: teamA }, 'all')).toBeUndefined();
    expect(watchRoom({ role: 'collector', teamId: teamA }, 'team')).toBeUndefined();
  });

  it('tells the unrestricted watchers and each team concerned, once', () => {
    expect(watcherRooms([teamA, null, teamA, teamB]).sort()).toEqual(
      [everyTeamRoom, `dispatch:team:${teamA}`, `dispatch:team:${teamB}`].sort(),
    );
    expect(watcherRooms([null])).toEqual([everyTeamRoom]);
  });
});
