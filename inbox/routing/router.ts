// Routing with its inputs gathered: agents from Chatwoot, their availability from the hub's
// presence (agents mapped to hub users) or Chatwoot's (the others), team membership, each
// agent's open conversations from the hub's own records, and a round-robin cursor in Redis
// shared by every worker. Used when a conversation first reaches Chatwoot, when an SLA breach
// escalates, and by the periodic availability check (and reconciliation) when an assigned agent
// has been offline longer than the grace period.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { RedisClient } from '../../storage/redis.js';
import type { InboxKeys } from '../keys.js';
import type { InboxProvider } from '../provider/inbox-provider.js';
import { supportConversations, updateConversation, type SupportConversation } from '../store/models.js';
import type { AgentPresence } from './agent-presence.js';
import {
  absentAgents,
  availabilityOf,
  languageTeams,
  pickAgent,
  type AgentState,
  type RoutingPolicy,
} from './routing.js';

export interface RouterDeps {
  connection: Connection;
  redis: RedisClient;
  keys: InboxKeys;
  provider: InboxProvider;
  inboxId: number;
  policy: RoutingPolicy;
  capacity: number;
  log: Logger;
  /** Chatwoot agent id -> hub user id: these agents' availability comes from `presence`. */
  agentUsers?: ReadonlyMap<number, string>;
  presence?: AgentPresence;
  /** How long an agent must have been offline before their conversations move (default 0). */
  offlineGraceMs?: number;
  now?: () => number;
}

export class Router {
  constructor(private readonly deps: RouterDeps) {}

  /** Agents as routing sees them, with their live availability. */
  async agents(): Promise<AgentState[]> {
    const users = this.deps.agentUsers ?? new Map<number, string>();
    const [agents, teams, open, onlineUsers] = await Promise.all([
      this.deps.provider.listAgents(),
      this.deps.provider.listTeams(),
      supportConversations(this.deps.connection)
        .find({ status: { $in: ['open', 'pending'] }, assigneeId: { $ne: null } }, { assigneeId: 1 })
        .lean(),
      this.deps.presence && users.size
        ? this.deps.presence.online([...new Set(users.values())])
        : new Set<string>(),
    ]);
    const teamsOf = new Map<number, number[]>();
    for (const team of teams) {
      for (const member of await this.deps.provider.listTeamMembers(team.id)) {
        teamsOf.set(member.id, [...(teamsOf.get(member.id) ?? []), team.id]);
      }
    }
    const load = new Map<number, number>();
    for (const c of open) if (c.assigneeId != null) load.set(c.assigneeId, (load.get(c.assigneeId) ?? 0) + 1);
    return agents.map((a) => ({
      id: a.id,
      availability: availabilityOf(a, users, onlineUsers),
      openCount: load.get(a.id) ?? 0,
      teamIds: teamsOf.get(a.id) ?? [],
    }));
  }

  /** Assigns the conversation by the inbox's policy; returns the agent, or null when nobody fits. */
  async assign(conversation: SupportConversation, exclude: number[] = []): Promise<number | null> {
    const cwId = conversation.chatwootConversationId;
    if (this.deps.policy === 'none' || cwId == null) return null;
    const [agents, teams] = await Promise.all([this.agents(), this.deps.provider.listTeams()]);
    const cursor = (await this.deps.redis.incr(this.deps.keys.roundRobin(this.deps.inboxId))) - 1;
    const agentId = pickAgent(
      agents,
      { teamId: conversation.teamId, language: conversation.language, exclude },
      { policy: this.deps.policy, capacity: this.deps.capacity, languageTeams: languageTeams(teams), cursor },
    );
    if (agentId === null) {
      this.deps.log.info({ conversation: conversation._id.toHexString() }, 'inbox: no agent available');
      return null;
    }
    // Before the call: Chatwoot's events from before the assignment are stale once it is stored.
    const at = new Date();
    await this.deps.provider.assign(cwId, { agentId });
    await updateConversation(
      this.deps.connection,
      conversation._id,
      {},
      {
        $set: { assigneeId: agentId, updatedAt: at, hubChangedAt: at },
      },
    );
    return agentId;
  }

  /**
   * Open conversations of agents offline for longer than the grace period go to someone who is
   * online. When each agent was first seen offline is kept in Redis, so every worker (and a
   * restarted one) agrees on how long they have been away.
   */
  async reassignFromOffline(): Promise<number> {
    const agents = await this.agents();
    const key = this.deps.keys.agentOfflineSince(this.deps.inboxId);
    const stored = await this.deps.redis.hgetall(key);
    const known = new Map(Object.entries(stored).map(([id, ms]) => [Number(id), Number(ms)]));
    const now = (this.deps.now ?? Date.now)();
    const { absent, since } = absentAgents(agents, known, now, this.deps.offlineGraceMs ?? 0);
    const tx = this.deps.redis.multi().del(key);
    if (since.size) tx.hset(key, Object.fromEntries([...since].map(([id, ms]) => [String(id), String(ms)])));
    await tx.exec();
    if (absent.length === 0) return 0;
    const stranded = await supportConversations(this.deps.connection)
      .find({ status: { $in: ['open', 'pending'] }, assigneeId: { $in: absent } })
      .limit(100)
      .lean<SupportConversation[]>();
    let moved = 0;
    for (const c of stranded) if ((await this.assign(c, absent)) !== null) moved++;
    if (moved) this.deps.log.info({ absent, moved }, 'inbox: reassigned the conversations of absent agents');
    return moved;
  }
}
