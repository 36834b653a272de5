// Who gets a conversation: the assignment policies of an inbox, as a pure function of the
// agents (availability, load, teams) and the conversation (team, language). Availability comes
// from Chatwoot's agent presence (availability_status): only `online` agents are candidates;
// agents at capacity are passed over. Skills and languages are teams: a conversation that names
// a team, or whose language has a team (named `lang-<code>`), goes to that team's members.

export type RoutingPolicy = 'round_robin' | 'fewest_open' | 'none';

export interface AgentState {
  id: number;
  availability: string;
  openCount: number;
  teamIds: readonly number[];
}

export interface RoutingRequest {
  teamId?: number | null;
  language?: string | null;
  /** Agents not to pick (the one who just went offline or breached an SLA). */
  exclude?: readonly number[];
}

export interface RoutingContext {
  policy: RoutingPolicy;
  capacity: number;
  /** Team id per language code, from teams named `lang-<code>`. */
  languageTeams: ReadonlyMap<string, number>;
  /** A counter that grows by one per round-robin pick (kept in Redis across processes). */
  cursor: number;
}

export function eligibleAgents(
  agents: readonly AgentState[],
  request: RoutingRequest,
  ctx: RoutingContext,
): AgentState[] {
  const team =
    request.teamId ?? (request.language ? ctx.languageTeams.get(request.language.toLowerCase()) : undefined);
  return agents
    .filter((a) => a.availability === 'online')
    .filter((a) => a.openCount < ctx.capacity)
    .filter((a) => !(request.exclude ?? []).includes(a.id))
    .filter((a) => team === undefined || team === null || a.teamIds.includes(team))
    .sort((a, b) => a.id - b.id);
}

/** The agent to assign, or null when nobody fits (the conversation waits, unassigned). */
export function pickAgent(
  agents: readonly AgentState[],
  request: RoutingRequest,
  ctx: RoutingContext,
): number | null {
  if (ctx.policy === 'none') return null;
  const candidates = eligibleAgents(agents, request, ctx);
  if (candidates.length === 0) return null;
  if (ctx.policy === 'fewest_open') {
    const least = Math.min(...candidates.map((a) => a.openCount));
    return candidates.find((a) => a.openCount === least)?.id ?? null;
  }
  return candidates[ctx.cursor % candidates.length]?.id ?? null;
}

export function languageTeams(teams: readonly { id: number; name: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of teams) {
    const m = /^lang-([a-z]{2,8})$/i.exec(t.name.trim());
    if (m?.[1]) map.set(m[1].toLowerCase(), t.id);
  }
  return map;
}
