import { describe, expect, it } from 'vitest';
import {
  absentAgents,
  availabilityOf,
  languageTeams,
  parseAgentUsers,
  pickAgent,
  type AgentState,
  type RoutingContext,
} from './routing.js';

const agents: AgentState[] = [
  { id: 1, availability: 'online', openCount: 3, teamIds: [10] },
  { id: 2, availability: 'online', openCount: 1, teamIds: [10, 20] },
  { id: 3, availability: 'offline', openCount: 0, teamIds: [20] },
  { id: 4, availability: 'online', openCount: 5, teamIds: [20] },
  { id: 5, availability: 'busy', openCount: 0, teamIds: [] },
];
const ctx = (over: Partial<RoutingContext> = {}): RoutingContext => ({
  policy: 'round_robin',
  capacity: 5,
  languageTeams: new Map([['de', 20]]),
  cursor: 0,
  ...over,
});

describe('routing', () => {
  it('round robin cycles over the available agents under capacity, in a stable order', () => {
    const picks = [0, 1, 2, 3].map((cursor) => pickAgent(agents, {}, ctx({ cursor })));
    expect(picks).toEqual([1, 2, 1, 2]); // 3 offline, 4 at capacity, 5 busy
  });

  it('fewest open picks the least loaded agent', () => {
    expect(pickAgent(agents, {}, ctx({ policy: 'fewest_open' }))).toBe(2);
  });

  it('routes by team, and by language through its lang-<code> team', () => {
    expect(pickAgent(agents, { teamId: 20 }, ctx({ cursor: 7 }))).toBe(2);
    expect(pickAgent(agents, { language: 'DE' }, ctx({ policy: 'fewest_open' }))).toBe(2);
    expect(
      languageTeams([
        { id: 7, name: 'lang-fr' },
        { id: 8, name: 'Billing' },
      ]),
    ).toEqual(new Map([['fr', 7]]));
  });

  it('excludes agents (an offline one, for reassignment) and answers null when nobody fits', () => {
    expect(pickAgent(agents, { exclude: [1] }, ctx())).toBe(2);
    expect(pickAgent(agents, { exclude: [1, 2] }, ctx())).toBeNull();
    expect(pickAgent(agents, {}, ctx({ policy: 'none' }))).toBeNull();
    expect(pickAgent(agents, {}, ctx({ capacity: 1 }))).toBeNull();
  });

  it('reads mapped agents from the hub presence, and the others from Chatwoot', () => {
    const users = parseAgentUsers(' 1=ada, 2=grace ,7=x_y-z');
    expect(users).toEqual(
      new Map([
        [1, 'ada'],
        [2, 'grace'],
        [7, 'x_y-z'],
      ]),
    );
    expect(parseAgentUsers('')).toEqual(new Map());
    const online = new Set(['ada']);
    // Chatwoot says offline, the hub has a connection: online.
    expect(availabilityOf({ id: 1, availability: 'offline' }, users, online)).toBe('online');
    // Chatwoot says online, no hub connection: offline (presence wins for mapped agents).
    expect(availabilityOf({ id: 2, availability: 'online' }, users, online)).toBe('offline');
    // Not mapped: Chatwoot's availability_status, whatever it is.
    expect(availabilityOf({ id: 3, availability: 'busy' }, users, online)).toBe('busy');
  });

  it('counts an agent absent only after the grace period, and forgets one who came back', () => {
    const now = 100_000;
    const grace = 60_000;
    // Agent 3 is offline and newly seen: recorded now, not absent yet.
    const first = absentAgents(agents, new Map(), now, grace);
    expect(first.absent).toEqual([]);
    expect(first.since).toEqual(
      new Map([
        [3, now],
        [5, now],
      ]),
    );
    // Still offline a grace period later: absent (busy counts as not available, like offline).
    expect(absentAgents(agents, first.since, now + grace, grace).absent).toEqual([3, 5]);
    // Agent 3 came back online: dropped from the record, never absent.
    const back = agents.map((a) => (a.id === 3 ? { ...a, availability: 'online' } : a));
    const again = absentAgents(back, first.since, now + grace, grace);
    expect(again.absent).toEqual([5]);
    expect(again.since.has(3)).toBe(false);
    // No grace: absent at once.
    expect(absentAgents(agents, new Map(), now, 0).absent).toEqual([3, 5]);
  });
});
