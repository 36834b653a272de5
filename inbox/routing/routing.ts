// Who gets a conversation: the assignment policies of an inbox, as a pure function of the
// agents (availability, load, teams) and the conversation (team, language). Availability comes
// from the hub's presence for agents mapped to hub users (HUB_INBOX_AGENT_USERS: online while
// they hold a connection to any node), and from Chatwoot's availability_status for the others:
// only `online` agents are candidates; agents at capacity are passed over. Skills and languages are teams: a conversation that names
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

/** Chatwoot agent id -> marketplace user id, from `1=ada, 2=grace` (HUB_INBOX_AGENT_USERS). */
export function parseAgentUsers(spec: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const pair of spec.split(',')) {
    const m = /^\s*(\d+)=([A-Za-z0-9_-]{1,64})\s*$/.exec(pair);
    if (m?.[1] && m[2]) map.set(Number(m[1]), m[2]);
  }
  return map;
}

/**
 * An agent's availability for routing: `online` or `offline` from the hub's presence when the
 * agent is a hub user, else what Chatwoot reports (`online`, `busy`, `offline`).
 */
export function availabilityOf(
  agent: { id: number; availability: string },
  agentUsers: ReadonlyMap<number, string>,
  onlineUsers: ReadonlySet<string>,
): string {
  const userId = agentUsers.get(agent.id);
  if (userId === undefined) return agent.availability;
  return onlineUsers.has(userId) ? 'online' : 'offline';
}

/**
 * Agents gone long enough for their conversations to move: offline since at least `graceMs`
 * (so a page reload or a brief network loss is not a departure). `since` is the new record of
 * when each offline agent was first seen offline; agents back online drop out of it.
 */
export function absentAgents(
  agents: readonly AgentState[],
  offlineSince: ReadonlyMap<number, number>,
  now: number,
  graceMs: number,
): { absent: number[]; since: Map<number, number> } {
  const since = new Map<number, number>();
  const absent: number[] = [];
  for (const a of agents) {
    if (a.availability === 'online') continue;
    const from = offlineSince.get(a.id) ?? now;
    since.set(a.id, from);
    if (now - from >= graceMs) absent.push(a.id);
  }
  return { absent: absent.sort((x, y) => x - y), since };
}
