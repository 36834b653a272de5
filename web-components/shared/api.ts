// The widgets' REST client: the hub's HTTP API (docs/openapi.json) with the host page's token.
// Errors carry the API's stable code, so widgets react to `forbidden` or `not_found` by code.
// Answer types come from the client generated from docs/openapi.json where the widgets use them
// as the API gives them (type-only: nothing of the client enters the bundles). Messages and cases
// stay hand-written: the widgets also take them from live events, outside the HTTP API's schema.
import type {
  GetCommunityBySlugResponse,
  ListAuditResponse,
  ListChannelsResponse,
  UnreadCountsResponse,
} from '../../realtime/client/api/hub-api.js';

/** Returns a current marketplace token (JWT); called before every request and connection. */
export type TokenProvider = () => string | Promise<string>;

export interface ApiMessage {
  id: string;
  channelId: string;
  offset: number;
  /** `picture`: the author's profile picture when they wrote it (https), when they had one. */
  author: { id: string; name: string; picture?: string | undefined };
  body: string;
  replyToId: string | null;
  threadId: string | null;
  mentions: { userIds: string[]; roleIds: string[]; everyone: boolean };
  reactions: { emoji: string; count: number; me: boolean }[];
  pinned: boolean;
  editedAt: number | null;
  deleted: boolean;
  /** Held by moderation: its text is withheld from most members; the widgets do not list it. */
  hidden?: boolean;
  /** Its files (absent or `[]` when none); links from `…/messages/{id}/attachments`. */
  attachments?: ApiAttachment[];
  createdAt: number;
}

export type ApiCommunity = GetCommunityBySlugResponse;

/** A file of a message as publications and history describe it (no links). */
export interface ApiAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export type ApiChannel = ListChannelsResponse['items'][number];

export type ApiUnread = UnreadCountsResponse['items'][number];

export const CASE_ACTIONS = ['approve', 'remove', 'warn', 'timeout', 'kick', 'ban'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_SOURCES = ['report', 'automod', 'scoring'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export interface ApiCase {
  id: string;
  communityId: string;
  channelId: string;
  messageId: string;
  authorId: string;
  source: CaseSource;
  /** `attachmentId`: the file a report is about (null or absent: the whole message). */
  flags: { by: string; reason: string; at: number; attachmentId?: string | null }[];
  scores: Record<string, unknown>;
  status: CaseStatus;
  claimedBy: string | null;
  claimedAt: number | null;
  decision: { action: CaseAction; reason: string; by: string; at: number; durationS: number | null } | null;
  appeal: { by: string; reason: string; at: number; status: string } | null;
  createdAt: number;
  updatedAt: number;
}

/** A message's file with signed links for the caller (paths on the hub's endpoint). */
export interface ApiLinkedAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  url: string;
  thumbnailUrl: string | null;
}

export interface ApiCaseDetail {
  case: ApiCase;
  message: ApiMessage | null;
  context: { before: ApiMessage[]; after: ApiMessage[] } | null;
  /** The message's files, linked for the moderator. */
  attachments?: ApiLinkedAttachment[];
  history?: {
    total: number;
    undecided: number;
    decisions: Record<CaseAction, number>;
    overturned: number;
  };
}

/** An audit entry as the moderation widget shows it (the hash chain's fields left out). */
export type ApiAuditEntry = Omit<ListAuditResponse['items'][number], 'prevHash' | 'hash'>;

/** A failed API call: the API's error code (or `network`) and its message. */
export class HubApiError extends Error {
  override readonly name = 'HubApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class HubApi {
  /** Both public: the lazy upload chunk posts files with XMLHttpRequest (for its progress). */
  constructor(
    readonly endpoint: string,
    readonly token: TokenProvider,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}/api/v1${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new HubApiError('network', err instanceof Error ? err.message : String(err), 0);
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      throw new HubApiError(
        error?.code ?? 'internal',
        error?.message ?? response.statusText,
        response.status,
      );
    }
    return json as T;
  }

  community(idOrSlug: string): Promise<ApiCommunity> {
    return /^[0-9a-f]{24}$/.test(idOrSlug)
      ? this.request<{ items: ApiCommunity[] }>('GET', '/communities').then((r) => {
          const found = r.items.find((c) => c.id === idOrSlug);
          if (!found) throw new HubApiError('not_found', 'No such community.', 404);
          return found;
        })
      : this.request('GET', `/communities/by-slug/${encodeURIComponent(idOrSlug)}`);
  }

  channels(communityId: string): Promise<ApiChannel[]> {
    return this.request<{ items: ApiChannel[] }>('GET', `/communities/${communityId}/channels`).then(
      (r) => r.items,
    );
  }

  unread(communityId: string): Promise<ApiUnread[]> {
    return this.request<{ items: ApiUnread[] }>('GET', `/communities/${communityId}/unread`).then(
      (r) => r.items,
    );
  }

  messages(
    channelId: string,
    before?: number,
    limit = 50,
  ): Promise<{ items: ApiMessage[]; nextBefore: number | null }> {
    const query = new URLSearchParams({
      limit: String(limit),
      ...(before ? { before: String(before) } : {}),
    });
    return this.request('GET', `/channels/${channelId}/messages?${query.toString()}`);
  }

  markRead(channelId: string, offset: number): Promise<{ lastReadOffset: number }> {
    return this.request('PUT', `/channels/${channelId}/read`, { offset });
  }

  edit(channelId: string, messageId: string, body: string): Promise<ApiMessage> {
    return this.request('PATCH', `/channels/${channelId}/messages/${messageId}`, { body });
  }

  remove(channelId: string, messageId: string): Promise<unknown> {
    return this.request('DELETE', `/channels/${channelId}/messages/${messageId}`);
  }

  react(channelId: string, messageId: string, emoji: string, on: boolean): Promise<unknown> {
    const path = `/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;
    return this.request(on ? 'PUT' : 'DELETE', path);
  }

  pin(channelId: string, messageId: string, on: boolean): Promise<unknown> {
    return this.request(on ? 'PUT' : 'DELETE', `/channels/${channelId}/pins/${messageId}`);
  }

  startThread(
    channelId: string,
    messageId: string,
    name: string,
  ): Promise<{ threadId: string; channel: string }> {
    return this.request('POST', `/channels/${channelId}/messages/${messageId}/thread`, { name });
  }

  report(channelId: string, messageId: string, reason: string): Promise<unknown> {
    return this.request('POST', `/channels/${channelId}/messages/${messageId}/report`, { reason });
  }

  cases(
    communityId: string,
    filters: { status?: CaseStatus; source?: CaseSource; before?: string },
  ): Promise<{ items: ApiCase[]; nextBefore: string | null }> {
    const query = new URLSearchParams({ limit: '50' });
    for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
    return this.request('GET', `/communities/${communityId}/cases?${query.toString()}`);
  }

  caseDetail(caseId: string): Promise<ApiCaseDetail> {
    return this.request('GET', `/cases/${caseId}`);
  }

  claim(caseId: string, claim: boolean): Promise<{ case: ApiCase }> {
    return this.request('POST', `/cases/${caseId}/${claim ? 'claim' : 'unclaim'}`);
  }

  decide(caseId: string, action: CaseAction, reason: string, durationS?: number): Promise<{ case: ApiCase }> {
    return this.request('POST', `/cases/${caseId}/decision`, {
      action,
      reason,
      ...(durationS ? { durationS } : {}),
    });
  }

  audit(
    communityId: string,
    before?: number,
  ): Promise<{ items: ApiAuditEntry[]; nextBefore: number | null }> {
    const query = new URLSearchParams({ limit: '100', ...(before ? { before: String(before) } : {}) });
    return this.request('GET', `/communities/${communityId}/audit?${query.toString()}`);
  }
}
