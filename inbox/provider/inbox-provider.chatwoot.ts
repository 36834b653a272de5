// InboxProvider on Chatwoot's Application API (/api/v1/accounts/{account_id}/…), with axios.
// Paths and payloads follow Chatwoot's published OpenAPI (vendored subset in
// inbox/chatwoot/spec/); the response shapes follow what Chatwoot's controllers render, which
// the published spec describes only loosely, so each is read defensively (wire.ts).
import { createHmac } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { errorForStatus, ProviderNotFoundError, ProviderValidationError } from './errors.js';
import type {
  CannedResponse,
  ContactInput,
  ConversationFilter,
  ConversationStatus,
  InboxProvider,
  NewConversation,
  NewMessage,
  Priority,
  ProviderAgent,
  ProviderContact,
  ProviderConversation,
  ProviderInbox,
  ProviderMessage,
  ProviderTeam,
} from './inbox-provider.js';
import { multipartBody } from './multipart.js';
import { DEFAULT_RETRY, isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry.js';
import {
  asArray,
  readAgent,
  readCanned,
  readContact,
  readConversation,
  readInbox,
  readMessage,
  readTeam,
  type Wire,
} from './wire.js';

export interface ChatwootProviderOptions {
  baseUrl: string;
  apiAccessToken: string;
  accountId: number;
  /** The API-channel inbox where members' conversations live. */
  inboxId: number;
  /** The inbox's HMAC token: contacts carry identifier_hash = HMAC-SHA256(identifier). */
  hmacToken?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export function identifierHash(identifier: string, hmacToken: string): string {
  return createHmac('sha256', hmacToken).update(identifier).digest('hex');
}

export class ChatwootProvider implements InboxProvider {
  private readonly http: AxiosInstance;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly account: string;

  constructor(private readonly options: ChatwootProviderOptions) {
    if (!options.apiAccessToken) throw new Error('chatwoot: apiAccessToken is required');
    if (!Number.isInteger(options.accountId) || options.accountId <= 0)
      throw new Error('chatwoot: accountId must be a positive integer');
    if (!Number.isInteger(options.inboxId) || options.inboxId <= 0)
      throw new Error('chatwoot: inboxId must be a positive integer');
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.account = `/api/v1/accounts/${options.accountId}`;
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      headers: { api_access_token: options.apiAccessToken, accept: 'application/json' },
      // Statuses are ours to judge (retry or typed error), not axios's.
      validateStatus: () => true,
      // Arrays as labels[]=a&labels[]=b, as Rails reads them.
      paramsSerializer: { indexes: false },
    });
  }

  // ---- contacts ----

  async upsertContact(input: ContactInput): Promise<ProviderContact> {
    const found = await this.findByIdentifier(input.identifier);
    if (found?.sourceId) return found;
    if (found) {
      // Known contact without a place in our inbox: Chatwoot adds one when the contact is
      // updated with it; the conversation create below needs its source id.
      return found;
    }
    const body: Wire = {
      inbox_id: this.options.inboxId,
      name: input.name,
      identifier: input.identifier,
      ...(input.email ? { email: input.email } : {}),
      ...(input.customAttributes ? { custom_attributes: input.customAttributes } : {}),
      ...(this.options.hmacToken
        ? { identifier_hash: identifierHash(input.identifier, this.options.hmacToken) }
        : {}),
    };
    try {
      const data = await this.call<Wire>('post', `${this.account}/contacts`, { data: body });
      const payload = (data['payload'] ?? data) as Wire;
      const contact = readContact((payload['contact'] ?? payload) as Wire, this.options.inboxId);
      const contactInbox = payload['contact_inbox'] as Wire | undefined;
      const sourceId = typeof contactInbox?.['source_id'] === 'string' ? contactInbox['source_id'] : null;
      return { ...contact, sourceId: sourceId ?? contact.sourceId };
    } catch (err) {
      // Two hub nodes creating the same member at once: the loser finds the winner's contact.
      if (err instanceof ProviderValidationError) {
        const again = await this.findByIdentifier(input.identifier);
        if (again) return again;
      }
      throw err;
    }
  }

  async searchContacts(q: string): Promise<ProviderContact[]> {
    const data = await this.call<Wire>('get', `${this.account}/contacts/search`, { params: { q } });
    return asArray(data['payload']).map((c) => readContact(c, this.options.inboxId));
  }

  async getContact(id: number): Promise<ProviderContact> {
    const data = await this.call<Wire>('get', `${this.account}/contacts/${id}`);
    return readContact((data['payload'] ?? data) as Wire, this.options.inboxId);
  }

  async deleteContact(id: number): Promise<void> {
    try {
      await this.call('delete', `${this.account}/contacts/${id}`);
    } catch (err) {
      if (!(err instanceof ProviderNotFoundError)) throw err;
    }
  }

  private async findByIdentifier(identifier: string): Promise<ProviderContact | undefined> {
    return (await this.searchContacts(identifier)).find((c) => c.identifier === identifier);
  }

  // ---- conversations ----

  async createConversation(input: NewConversation): Promise<{ id: number }> {
    const data = await this.call<Wire>('post', `${this.account}/conversations`, {
      data: {
        source_id: input.sourceId,
        inbox_id: this.options.inboxId,
        contact_id: input.contactId,
        ...(input.status ? { status: input.status } : {}),
        ...(input.customAttributes ? { custom_attributes: input.customAttributes } : {}),
      },
    });
    const id = data['id'];
    if (typeof id !== 'number')
      throw new ProviderValidationError(
        'chatwoot: conversation without id',
        'POST /conversations',
        200,
        false,
      );
    return { id };
  }

  async listConversations(filter: ConversationFilter = {}): Promise<ProviderConversation[]> {
    const data = await this.call<Wire>('get', `${this.account}/conversations`, {
      params: {
        status: filter.status,
        assignee_type: filter.assigneeType,
        inbox_id: filter.inboxId,
        team_id: filter.teamId,
        labels: filter.labels,
        q: filter.q,
        page: filter.page,
      },
    });
    const inner = (data['data'] ?? data) as Wire;
    return asArray(inner['payload']).map(readConversation);
  }

  async getConversation(id: number): Promise<ProviderConversation> {
    return readConversation(await this.call<Wire>('get', `${this.account}/conversations/${id}`));
  }

  async setStatus(id: number, status: ConversationStatus, snoozedUntil?: Date): Promise<void> {
    await this.call('post', `${this.account}/conversations/${id}/toggle_status`, {
      data: {
        status,
        // Chatwoot reads snoozed_until as Unix seconds.
        ...(status === 'snoozed' && snoozedUntil
          ? { snoozed_until: Math.floor(snoozedUntil.getTime() / 1000) }
          : {}),
      },
    });
  }

  async setPriority(id: number, priority: Priority): Promise<void> {
    await this.call('post', `${this.account}/conversations/${id}/toggle_priority`, { data: { priority } });
  }

  async assign(id: number, to: { agentId: number } | { teamId: number }): Promise<void> {
    await this.call('post', `${this.account}/conversations/${id}/assignments`, {
      data: 'agentId' in to ? { assignee_id: to.agentId } : { team_id: to.teamId },
    });
  }

  async setLabels(id: number, labels: string[]): Promise<string[]> {
    const data = await this.call<Wire>('post', `${this.account}/conversations/${id}/labels`, {
      data: { labels },
    });
    return asArray<string>(data['payload']).filter((l) => typeof l === 'string');
  }

  async setCustomAttributes(id: number, attributes: Record<string, unknown>): Promise<void> {
    await this.call('post', `${this.account}/conversations/${id}/custom_attributes`, {
      data: { custom_attributes: attributes },
    });
  }

  // ---- messages ----

  async listMessages(conversationId: number, page: { before?: number } = {}): Promise<ProviderMessage[]> {
    const data = await this.call<Wire>('get', `${this.account}/conversations/${conversationId}/messages`, {
      params: page.before === undefined ? {} : { before: page.before },
    });
    return asArray(data['payload']).map((m) => readMessage(m, conversationId));
  }

  async createMessage(conversationId: number, message: NewMessage): Promise<ProviderMessage> {
    const url = `${this.account}/conversations/${conversationId}/messages`;
    if (message.attachments?.length) {
      // With files: the multipart form Chatwoot's spec documents for this operation, the ids
      // as fields beside the content (read by the same message builder as in JSON).
      const form = multipartBody(
        [
          ['content', message.content],
          ['message_type', message.kind === 'incoming' ? 'incoming' : 'outgoing'],
          ['private', String(message.kind === 'note')],
          ['content_type', 'text'],
          ['source_id', message.sourceId],
          ['echo_id', message.sourceId],
        ],
        message.attachments.map((f) => ({ field: 'attachments[]', ...f, open: () => f.open() })),
      );
      const data = await this.call<Wire>('post', url, {
        data: form.stream,
        headers: { 'content-type': form.contentType, 'content-length': String(form.length) },
        retries: 0, // as below: the body is a stream, and a create is never repeated here
      });
      return readMessage(data, conversationId);
    }
    const data = await this.call<Wire>('post', url, {
      data: {
        content: message.content,
        message_type: message.kind === 'incoming' ? 'incoming' : 'outgoing',
        private: message.kind === 'note',
        content_type: 'text',
        // Accepted by Chatwoot's message builder (not in the published schema, which allows
        // extra fields); it comes back in webhooks, which is how echoes are recognised.
        source_id: message.sourceId,
        echo_id: message.sourceId,
      },
      // Never retried here: the sync job retries after checking it did not land (outbound.ts).
      retries: 0,
    });
    return readMessage(data, conversationId);
  }

  // ---- directory ----

  async listInboxes(): Promise<ProviderInbox[]> {
    const data = await this.call<Wire>('get', `${this.account}/inboxes`);
    return asArray(data['payload']).map(readInbox);
  }

  async listAgents(): Promise<ProviderAgent[]> {
    return asArray(await this.call<unknown>('get', `${this.account}/agents`)).map(readAgent);
  }

  async listTeams(): Promise<ProviderTeam[]> {
    return asArray(await this.call<unknown>('get', `${this.account}/teams`)).map(readTeam);
  }

  async listTeamMembers(teamId: number): Promise<ProviderAgent[]> {
    return asArray(await this.call<unknown>('get', `${this.account}/teams/${teamId}/team_members`)).map(
      readAgent,
    );
  }

  async listCannedResponses(): Promise<CannedResponse[]> {
    return asArray(await this.call<unknown>('get', `${this.account}/canned_responses`)).map(readCanned);
  }

  // ---- transport ----

  private async call<T = unknown>(
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    url: string,
    config: Pick<AxiosRequestConfig, 'data' | 'params'> & {
      retries?: number;
      headers?: Record<string, string>;
    } = {},
  ): Promise<T> {
    const operation = `${method.toUpperCase()} ${url.replace(this.account, '')}`;
    const retries = config.retries ?? this.retry.retries;
    for (let attempt = 0; ; attempt++) {
      let response: AxiosResponse | undefined;
      try {
        response = await this.http.request({
          method,
          url,
          data: config.data,
          params: config.params,
          ...(config.headers && { headers: config.headers }),
        });
      } catch {
        response = undefined; // no answer: timeout, refused, reset
      }
      const status = response?.status;
      if (status !== undefined && status >= 200 && status < 300) return (response?.data ?? {}) as T;
      if (attempt < retries && isRetryableStatus(status)) {
        const retryAfter = response?.headers['retry-after'] as string | undefined;
        await this.sleep(retryDelayMs(this.retry, attempt + 1, retryAfter));
        continue;
      }
      throw errorForStatus(status, operation, trimDetail(response?.data));
    }
  }
}

function trimDetail(data: unknown): string | undefined {
  if (data === undefined || data === '') return undefined;
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
