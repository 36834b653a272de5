import { describe, expect, it } from 'vitest';
import { languageTeams, pickAgent, type AgentState, type RoutingContext } from './routing.js';

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
});
