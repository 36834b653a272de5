// Routing with its inputs gathered: agents and their presence from Chatwoot, team membership,
// each agent's open conversations from the hub's own records, and a round-robin cursor in Redis
// shared by every worker. Used when a conversation first reaches Chatwoot, when an SLA breach
// escalates, and by the reconciliation job when an assigned agent has gone offline.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Redis } from '../../storage/redis.js';
import type { InboxKeys } from '../keys.js';
import type { InboxProvider } from '../provider/inbox-provider.js';
import { supportConversations, type SupportConversation } from '../store/models.js';
import { languageTeams, pickAgent, type AgentState, type RoutingPolicy } from './routing.js';

export interface RouterDeps {
  connection: Connection;
  redis: Redis;
  keys: InboxKeys;
  provider: InboxProvider;
  inboxId: number;
  policy: RoutingPolicy;
  capacity: number;
  log: Logger;
}

export class Router {
  constructor(private readonly deps: RouterDeps) {}

  /** Agents as routing sees them, with their live availability. */
  async agents(): Promise<AgentState[]> {
    const [agents, teams, open] = await Promise.all([
      this.deps.provider.listAgents(),
      this.deps.provider.listTeams(),
      supportConversations(this.deps.connection)
        .find({ status: { $in: ['open', 'pending'] }, assigneeId: { $ne: null } }, { assigneeId: 1 })
        .lean(),
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
      availability: a.availability,
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
    await this.deps.provider.assign(cwId, { agentId });
    await supportConversations(this.deps.connection).updateOne(
      { _id: conversation._id },
      { $set: { assigneeId: agentId, updatedAt: new Date() } },
    );
    return agentId;
  }

  /** Open conversations whose agent is no longer online go to someone who is. */
  async reassignFromOffline(): Promise<number> {
    const agents = await this.agents();
    const offline = agents.filter((a) => a.availability !== 'online').map((a) => a.id);
    if (offline.length === 0) return 0;
    const stranded = await supportConversations(this.deps.connection)
      .find({ status: { $in: ['open', 'pending'] }, assigneeId: { $in: offline } })
      .limit(100)
      .lean<SupportConversation[]>();
    let moved = 0;
    for (const c of stranded) if ((await this.assign(c, offline)) !== null) moved++;
    return moved;
  }
}
