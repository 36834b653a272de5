// The names <hub-inbox> shows for ids: the inbox's agents (GET /support/agents, loaded once;
// "Agent 2" until they are known, or when Chatwoot does not answer) and the conversations'
// communities (read from the API when the agent may, else from the member panel's context,
// which names the member's communities; the id when neither knows it).
import type { ReactiveControllerHost } from 'lit';
import type { HubApi } from '../shared/api.js';
import type { I18n } from '../shared/i18n/i18n.js';
import type { ApiSupportAgent, ApiSupportConversation, SupportApi } from '../shared/support-api.js';
import type { MemberPanelController } from './member-panel.js';

export class InboxNames {
  /** The inbox's agents by name; empty until known, or without Chatwoot (then assignment is by id). */
  agents: ApiSupportAgent[] = [];
  /** Community names by id; the id itself while being read or when the agent may not read it. */
  private communities = new Map<string, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly i18n: () => I18n,
    private readonly panel: MemberPanelController,
  ) {}

  async loadAgents(support: SupportApi | undefined): Promise<void> {
    try {
      this.agents = (await support?.agents()) ?? [];
      this.host.requestUpdate();
    } catch {
      // Chatwoot unreachable: assignees show as "Agent 2", assignment is by id.
    }
  }

  /** An assignee by name, or by id until the agents are known. */
  readonly agentName = (id: number): string =>
    this.agents.find((a) => a.id === id)?.name ?? this.i18n().t('inbox.agentN', { id: String(id) });

  /** Reads the names of the conversations' communities not asked for yet. */
  resolve(api: HubApi | undefined, conversations: readonly ApiSupportConversation[]): void {
    for (const id of new Set(conversations.map((c) => c.communityId)))
      if (id && !this.communities.has(id)) void this.resolveCommunity(api, id);
  }

  /** The conversation's community by name; undefined when nothing knows it. */
  communityName(c: ApiSupportConversation): string | undefined {
    if (!c.communityId) return undefined;
    const read = this.communities.get(c.communityId);
    if (read && read !== c.communityId) return read;
    return this.panel.communityName(c.id, c.communityId);
  }

  private async resolveCommunity(api: HubApi | undefined, id: string): Promise<void> {
    this.communities.set(id, id);
    try {
      const community = await api?.community(id);
      if (community) this.communities.set(id, community.name);
      this.host.requestUpdate();
    } catch {
      // Not visible to this agent: the id is shown instead.
    }
  }
}
