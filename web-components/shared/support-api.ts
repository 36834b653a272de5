// The support inbox's REST calls for <hub-inbox> (tag `support` in docs/openapi.json), over the
// widgets' HubApi: the agents' conversation list and view, replies and private notes (with the
// ids of files uploaded through support-files.ts's route), status and snooze, assignment,
// priority, labels, canned responses, the agents' names.
import type { SupportConversationView, SupportMessageView } from '../../protocol/index.js';
import type { HubApi } from './api.js';

export const SUPPORT_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const SUPPORT_PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type SupportPriority = (typeof SUPPORT_PRIORITIES)[number];
/** Which conversations the list shows: assigned to the agent, to nobody, or all of them. */
export const INBOX_VIEWS = ['mine', 'unassigned', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export type ApiSupportConversation = SupportConversationView;

export type ApiSupportMessage = SupportMessageView & {
  /** A private note (agents only); absent on messages returned by a write. */
  private?: boolean;
};

export interface ApiCannedResponse {
  id: number;
  shortCode: string;
  content: string;
}

/** A support agent (a Chatwoot agent): the id of a conversation's `assigneeId`, and a name. */
export interface ApiSupportAgent {
  id: number;
  name: string;
  availability: string;
}

export interface InboxFilters {
  view: InboxView;
  /** The agent's Chatwoot id, needed by the `mine` view. */
  agentId?: number;
  status?: SupportStatus | 'all';
  label?: string;
}

/** The query of the list call for these filters; `mine` without an agent id lists everything. */
export function inboxQuery(filters: InboxFilters): URLSearchParams {
  const query = new URLSearchParams({ status: filters.status ?? 'all' });
  if (filters.view === 'mine' && filters.agentId) query.set('assigneeId', String(filters.agentId));
  if (filters.view === 'unassigned') query.set('unassigned', 'true');
  if (filters.label) query.set('label', filters.label);
  return query;
}

export class SupportApi {
  constructor(private readonly api: HubApi) {}

  conversations(filters: InboxFilters): Promise<ApiSupportConversation[]> {
    return this.api
      .request<{ items: ApiSupportConversation[] }>(
        'GET',
        `/support/conversations?${inboxQuery(filters).toString()}`,
      )
      .then((r) => r.items);
  }

  conversation(id: string): Promise<{ conversation: ApiSupportConversation; messages: ApiSupportMessage[] }> {
    return this.api.request('GET', `/support/conversations/${id}`);
  }

  /** `attachments`: ids of the agent's uploads to this conversation (the text may then be empty). */
  write(
    id: string,
    content: string,
    isPrivate: boolean,
    attachments: string[] = [],
  ): Promise<ApiSupportMessage> {
    return this.api.request('POST', `/support/conversations/${id}/messages`, {
      content,
      ...(isPrivate ? { private: true } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
  }

  setStatus(id: string, status: SupportStatus, snoozedUntil?: Date): Promise<ApiSupportConversation> {
    return this.api.request('POST', `/support/conversations/${id}/status`, {
      status,
      ...(snoozedUntil ? { snoozedUntil: snoozedUntil.toISOString() } : {}),
    });
  }

  assign(id: string, to: { agentId: number } | { teamId: number }): Promise<ApiSupportConversation> {
    return this.api.request('POST', `/support/conversations/${id}/assignment`, to);
  }

  setPriority(id: string, priority: SupportPriority): Promise<ApiSupportConversation> {
    return this.api.request('POST', `/support/conversations/${id}/priority`, { priority });
  }

  setLabels(id: string, labels: string[]): Promise<ApiSupportConversation> {
    return this.api.request('PUT', `/support/conversations/${id}/labels`, { labels });
  }

  agents(): Promise<ApiSupportAgent[]> {
    return this.api.request<{ items: ApiSupportAgent[] }>('GET', '/support/agents').then((r) => r.items);
  }

  cannedResponses(): Promise<ApiCannedResponse[]> {
    return this.api
      .request<{ items: ApiCannedResponse[] }>('GET', '/support/canned-responses')
      .then((r) => r.items);
  }
}
