// A contract test double of Chatwoot: a real HTTP server implementing the Application API
// endpoints Hubbub uses, with in-memory state. Every request is checked against Chatwoot's
// published OpenAPI (chatwoot-spec.ts) and answered 4xx when it does not conform; what is
// rendered follows Chatwoot's controllers. State changes send webhooks signed the way Chatwoot
// signs them: X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">, with
// X-Chatwoot-Timestamp (Unix seconds) and X-Chatwoot-Delivery (a unique id per delivery).
// Messages may carry files (multipart `attachments[]` in, `attachments` with `data_url` out),
// served from blob links on the double's own host (chatwoot-double-files.ts).
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  agentJson,
  contactJson,
  conversationJson,
  MESSAGE_TYPE_NAMES,
  messageJson,
  type Agent,
  type Contact,
  type Conversation,
  type Delivery,
  type DoubleOptions,
  type DoubleFile,
  type DoubleState,
  type Json,
  type Message,
  type RecordedRequest,
} from './chatwoot-double-model.js';
import { WebhookSender } from './chatwoot-double-webhooks.js';
import { attachmentJson, readForm, serveBlob, type ReceivedFile } from './chatwoot-double-files.js';
import { ChatwootSpec, type FormBody } from './chatwoot-spec.js';

/** Messages per page of a conversation's message list, as Chatwoot pages them. */
const MESSAGES_PAGE = 20;

export type { Delivery, DoubleOptions, DoubleState, RecordedRequest } from './chatwoot-double-model.js';

export class ChatwootDouble {
  readonly requests: RecordedRequest[] = [];
  readonly contacts: Contact[] = [];
  readonly conversations: Conversation[] = [];
  readonly messages: Message[] = [];
  private readonly spec = new ChatwootSpec();
  private readonly server: Server;
  private nextId = 100;
  private outage: 'none' | 'refuse' | 'error' = 'none';
  private failures: { status: number; retryAfter?: string }[] = [];
  private readonly losing = new Set<string>();
  private readonly webhooks: WebhookSender;
  private readonly availability = new Map<number, string>();
  /** Paths of the blob links and files requested (what the hub fetched). */
  readonly blobRequests: string[] = [];
  url = '';

  private constructor(readonly options: DoubleOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.webhooks = new WebhookSender(options);
  }

  static async start(options: DoubleOptions, port = 0): Promise<ChatwootDouble> {
    const double = new ChatwootDouble(options);
    await double.listen(port);
    return double;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve) =>
      this.server.listen(port, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      }),
    );
  }

  /** Every webhook queued so far, with the status its receiver answered. */
  get deliveries(): Delivery[] {
    return this.webhooks.deliveries;
  }

  async close(): Promise<void> {
    await this.webhooks.flush();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The double's Chatwoot-side state, so the development server (scripts/chatwoot-dev.ts) keeps it across restarts. */
  snapshot(): DoubleState {
    return {
      contacts: this.contacts,
      conversations: this.conversations,
      messages: this.messages,
      nextId: this.nextId,
    };
  }

  /** Restores a snapshot into a fresh double; ids continue after the largest one restored. */
  load(state: DoubleState): void {
    this.contacts.push(...state.contacts);
    this.conversations.push(...state.conversations);
    this.messages.push(...state.messages);
    this.nextId = Math.max(this.nextId, state.nextId);
  }

  /** `refuse`: connections are cut without an answer; `error`: every request gets 503. */
  setOutage(mode: 'none' | 'refuse' | 'error'): void {
    this.outage = mode;
  }

  /** The next requests get these statuses (with Retry-After when given), in order. */
  failNext(...failures: { status: number; retryAfter?: string }[]): void {
    this.failures.push(...failures);
  }

  /** The next call of this operation is carried out, and its answer lost (the connection drops). */
  loseNextAnswer(operationId: string): void {
    this.losing.add(operationId);
  }

  /** An agent's presence as Chatwoot reports it (`online`, `busy`, `offline`). */
  setAvailability(agentId: number, status: string): void {
    this.availability.set(agentId, status);
  }

  /** Whether webhooks carry X-Chatwoot-Delivery (Chatwoot sends it only when available). */
  setDeliveryIds(on: boolean): void {
    this.webhooks.withDeliveryIds = on;
  }

  setWebhookUrl(url: string): void {
    this.options.webhookUrl = url;
  }

  /** Requests that did not conform to the published OpenAPI. */
  violations(): RecordedRequest[] {
    return this.requests.filter((r) => r.violation);
  }

  // ---- what an agent does in Chatwoot's dashboard ----

  agentReply(conversationId: number, content: string, agentId = 1, isPrivate = false): Message {
    const agent = this.agent(agentId);
    return this.addMessage(conversationId, {
      content,
      messageType: 1,
      private: isPrivate,
      sourceId: null,
      sender: { id: agent.id, name: agent.name, type: 'user' },
    });
  }

  /**
   * An agent's reply with files, as when sent from the dashboard. A file's `redirectTo` makes its
   * blob link redirect there; its `dataUrl` replaces the webhook's `data_url`.
   */
  agentReplyWithFiles(
    conversationId: number,
    content: string,
    files: { name: string; contentType: string; bytes: Uint8Array; redirectTo?: string; dataUrl?: string }[],
    agentId = 1,
  ): Message {
    const agent = this.agent(agentId);
    return this.addMessage(conversationId, {
      content,
      messageType: 1,
      private: false,
      sourceId: null,
      sender: { id: agent.id, name: agent.name, type: 'user' },
      attachments: files.map((f) => this.file(f)),
    });
  }

  agentTyping(conversationId: number, on: boolean, agentId = 1): void {
    const conversation = this.conversation(conversationId);
    const agent = this.agent(agentId);
    this.emit(on ? 'conversation_typing_on' : 'conversation_typing_off', {
      conversation: this.conversationJson(conversation),
      user: { id: agent.id, name: agent.name, type: 'user' },
      is_private: false,
    });
  }

  agentSetStatus(conversationId: number, status: string): void {
    const c = this.conversation(conversationId);
    const previous = c.status;
    c.status = status;
    this.emitStatus(c, previous);
  }

  agentAssign(conversationId: number, agentId: number | null): void {
    const c = this.conversation(conversationId);
    const previous = c.assigneeId;
    c.assigneeId = agentId;
    this.emitUpdated(c, { assignee_id: { previous_value: previous, current_value: agentId } });
  }

  /** An agent sets the priority in the dashboard (null: none). */
  agentSetPriority(conversationId: number, priority: string | null): void {
    const c = this.conversation(conversationId);
    const previous = c.priority;
    c.priority = priority;
    this.emitUpdated(c, { priority: { previous_value: previous, current_value: priority } });
  }

  agentLabel(conversationId: number, labels: string[]): void {
    const c = this.conversation(conversationId);
    const previous = c.labels;
    c.labels = labels;
    this.emitUpdated(c, { label_list: { previous_value: previous, current_value: labels } });
  }

  /** Posts a raw webhook body (for tests of forged, stale and replayed deliveries). */
  deliver(body: string, headers: Record<string, string>): Promise<number> {
    return this.webhooks.deliver(body, headers);
  }

  /** Headers signing `body` as Chatwoot would. */
  sign(body: string, timestampS?: number, deliveryId?: string): Record<string, string> {
    return this.webhooks.sign(body, timestampS, deliveryId);
  }

  /** Waits until every webhook sent so far has been answered. */
  flushWebhooks(): Promise<void> {
    return this.webhooks.flush();
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.outage === 'refuse') {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://double');
    const method = req.method ?? 'GET';
    if (method === 'GET' && serveBlob(url.pathname, this.files(), res)) {
      this.blobRequests.push(url.pathname);
      return;
    }
    const record: RecordedRequest = { method, path: url.pathname, body: undefined, status: 0 };
    this.requests.push(record);
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (this.outage === 'error') return reply(503, { error: 'maintenance' });
    const failure = this.failures.shift();
    if (failure) {
      return reply(
        failure.status,
        { error: 'injected' },
        failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
      );
    }
    if (req.headers['api_access_token'] !== this.options.apiAccessToken) {
      return reply(401, { errors: ['You need to sign in or sign up before continuing.'] });
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let form: FormBody | undefined;
    let files: ReceivedFile[] = [];
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      try {
        ({ form, files } = await readForm(req.headers, Buffer.concat(chunks)));
      } catch (err) {
        record.violation = `malformed multipart body: ${(err as Error).message}`;
        return reply(400, { error: record.violation });
      }
    } else if (raw) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        record.violation = 'body without content-type application/json';
        return reply(415, { error: record.violation });
      }
      try {
        body = JSON.parse(raw);
      } catch {
        record.violation = 'body is not JSON';
        return reply(400, { error: record.violation });
      }
    }
    const checked = this.spec.check(method, url.pathname, url.searchParams, body, form);
    if ('status' in checked) {
      record.body = body ?? form;
      record.violation = checked.message;
      return reply(checked.status, { error: checked.message });
    }
    // A form's fields typed as the spec says (its files by name).
    if (checked.body) body = checked.body;
    record.body = body;
    record.operationId = checked.operation.operationId;
    if (Number(checked.params['account_id']) !== this.options.accountId)
      return reply(404, { error: 'account' });
    try {
      const [status, out] = this.route(
        checked.operation.operationId,
        checked.params,
        url.searchParams,
        (body ?? {}) as Json,
        files,
      );
      if (this.losing.delete(checked.operation.operationId)) {
        record.status = status;
        req.socket.destroy(); // done, but the answer never arrives
        return;
      }
      reply(status, out);
    } catch (err) {
      reply((err as { status?: number }).status ?? 500, { error: (err as Error).message });
    }
  }

  private route(
    op: string,
    p: Record<string, string>,
    q: URLSearchParams,
    body: Json,
    files: ReceivedFile[] = [],
  ): [number, unknown] {
    const convId = Number(p['conversation_id']);
    switch (op) {
      case 'contactCreate':
        return [200, this.createContact(body)];
      case 'contactSearch': {
        const term = (q.get('q') ?? '').toLowerCase();
        const found = this.contacts.filter((c) =>
          [c.name, c.identifier ?? '', c.email ?? ''].some((v) => v.toLowerCase().includes(term)),
        );
        return [
          200,
          { meta: { count: found.length, current_page: 1 }, payload: found.map((c) => this.contactJson(c)) },
        ];
      }
      case 'contactDetails':
        return [200, { payload: this.contactJson(this.contact(Number(p['id']))) }];
      case 'contactDelete':
        this.deleteContact(Number(p['id']));
        return [200, {}];
      case 'newConversation':
        return [200, this.createConversation(body)];
      case 'conversationList': {
        const status = q.get('status') ?? 'open';
        const labels = [...q.getAll('labels'), ...q.getAll('labels[]')];
        const list = this.conversations.filter(
          (c) =>
            (status === 'all' || c.status === status) &&
            (!q.get('team_id') || c.teamId === Number(q.get('team_id'))) &&
            labels.every((l) => c.labels.includes(l)),
        );
        return [
          200,
          { data: { meta: { all_count: list.length }, payload: list.map((c) => this.conversationJson(c)) } },
        ];
      }
      case 'get-details-of-a-conversation':
        return [200, this.conversationJson(this.conversation(convId))];
      case 'toggle-status-of-a-conversation': {
        const c = this.conversation(convId);
        const previous = c.status;
        c.status = String(body['status']);
        c.snoozedUntil =
          c.status === 'snoozed' && typeof body['snoozed_until'] === 'number' ? body['snoozed_until'] : null;
        if (previous !== c.status) this.emitStatus(c, previous);
        return [
          200,
          { meta: {}, payload: { success: true, current_status: c.status, conversation_id: c.id } },
        ];
      }
      case 'toggle-priority-of-a-conversation': {
        const c = this.conversation(convId);
        const previous = c.priority;
        c.priority = body['priority'] === 'none' ? null : String(body['priority']);
        this.emitUpdated(c, { priority: { previous_value: previous, current_value: c.priority } });
        return [200, undefined];
      }
      case 'assign-a-conversation': {
        const c = this.conversation(convId);
        if (typeof body['assignee_id'] === 'number') {
          const agent = this.agent(body['assignee_id']);
          const previous = c.assigneeId;
          c.assigneeId = agent.id;
          this.emitUpdated(c, { assignee_id: { previous_value: previous, current_value: agent.id } });
          return [200, this.agentJson(agent)];
        }
        if (typeof body['team_id'] === 'number') {
          const team = (this.options.teams ?? []).find((t) => t.id === body['team_id']);
          if (!team) throw Object.assign(new Error('team not found'), { status: 404 });
          const previous = c.teamId;
          c.teamId = team.id;
          this.emitUpdated(c, { team_id: { previous_value: previous, current_value: team.id } });
          return [200, { id: team.id, name: team.name }];
        }
        return [200, undefined];
      }
      case 'list-all-labels-of-a-conversation':
        return [200, { payload: this.conversation(convId).labels }];
      case 'conversation-add-labels': {
        const c = this.conversation(convId);
        const previous = c.labels;
        c.labels = [...new Set((body['labels'] as string[]).map(String))];
        this.emitUpdated(c, { label_list: { previous_value: previous, current_value: c.labels } });
        return [200, { payload: c.labels }];
      }
      case 'update-custom-attributes-of-a-conversation': {
        const c = this.conversation(convId);
        c.custom_attributes = { ...c.custom_attributes, ...(body['custom_attributes'] as Json) };
        this.emitUpdated(c, {});
        return [200, { custom_attributes: c.custom_attributes }];
      }
      case 'list-all-messages': {
        // Chatwoot's MessageFinder: the newest MESSAGES_PAGE, or the MESSAGES_PAGE before the
        // message id `before`, oldest first.
        this.conversation(convId);
        const before = q.get('before') === null ? Infinity : Number(q.get('before'));
        const older = this.messages.filter((m) => m.conversationId === convId && m.id < before);
        return [200, { meta: {}, payload: older.slice(-MESSAGES_PAGE).map((m) => this.messageJson(m)) }];
      }
      case 'create-a-new-message-in-a-conversation': {
        const c = this.conversation(convId);
        const contact = this.contact(c.contactId);
        const incoming = body['message_type'] === 'incoming';
        const m = this.addMessage(convId, {
          content: typeof body['content'] === 'string' ? body['content'] : '',
          attachments: files.filter((f) => f.field === 'attachments[]').map((f) => this.file(f)),
          messageType: incoming ? 0 : 1,
          private: body['private'] === true,
          sourceId:
            typeof body['source_id'] === 'string'
              ? body['source_id']
              : typeof body['echo_id'] === 'string'
                ? body['echo_id']
                : null,
          sender: incoming ? { id: contact.id, name: contact.name, type: 'contact' } : this.tokenUser(),
        });
        // As Chatwoot does: the contact writing in a resolved or snoozed conversation reopens it.
        if (incoming && (c.status === 'resolved' || c.status === 'snoozed')) {
          const previous = c.status;
          c.status = 'open';
          c.snoozedUntil = null;
          this.emitStatus(c, previous);
        }
        return [200, this.messageJson(m)];
      }
      case 'listAllInboxes':
        return [
          200,
          { payload: [{ id: this.options.inboxId, name: 'Support', channel_type: 'Channel::Api' }] },
        ];
      case 'get-account-agents':
        return [200, (this.options.agents ?? []).map((a) => this.agentJson(a))];
      case 'list-all-teams':
        return [
          200,
          (this.options.teams ?? []).map((t) => ({ id: t.id, name: t.name, allow_auto_assign: false })),
        ];
      case 'get-team-members': {
        const team = (this.options.teams ?? []).find((t) => t.id === Number(p['team_id']));
        if (!team) throw Object.assign(new Error('team not found'), { status: 404 });
        return [200, team.members.map((id) => this.agentJson(this.agent(id)))];
      }
      case 'get-account-canned-response':
        return [200, [{ id: 1, short_code: 'hello', content: 'Hello! How can we help?' }]];
      default:
        throw Object.assign(new Error(`${op} is not implemented by the double`), { status: 501 });
    }
  }

  // ---- state ----

  private createContact(body: Json): Json {
    if (Number(body['inbox_id']) !== this.options.inboxId)
      throw Object.assign(new Error('Inbox not found'), { status: 404 });
    const identifier = typeof body['identifier'] === 'string' ? body['identifier'] : null;
    if (identifier && this.contacts.some((c) => c.identifier === identifier)) {
      throw Object.assign(new Error('Identifier has already been taken'), { status: 422 });
    }
    if (this.options.hmacToken && identifier) {
      const expected = createHmac('sha256', this.options.hmacToken).update(identifier).digest('hex');
      if (body['identifier_hash'] !== expected)
        throw Object.assign(new Error('identifier_hash does not match'), { status: 401 });
    }
    const contact: Contact = {
      id: this.nextId++,
      name: String(body['name'] ?? ''),
      identifier,
      email: typeof body['email'] === 'string' ? body['email'] : null,
      sourceId: randomUUID(),
      custom_attributes: (body['custom_attributes'] as Json | undefined) ?? {},
    };
    this.contacts.push(contact);
    this.emit('contact_created', this.contactJson(contact));
    return {
      payload: {
        contact: this.contactJson(contact),
        contact_inbox: { source_id: contact.sourceId, inbox: { id: this.options.inboxId } },
      },
    };
  }

  private createConversation(body: Json): Json {
    if (Number(body['inbox_id']) !== this.options.inboxId)
      throw Object.assign(new Error('Inbox not found'), { status: 404 });
    const contact = this.contacts.find(
      (c) => c.sourceId === body['source_id'] && (!body['contact_id'] || c.id === body['contact_id']),
    );
    if (!contact) throw Object.assign(new Error('Contact inbox not found'), { status: 422 });
    const now = Math.floor(Date.now() / 1000);
    const c: Conversation = {
      id: this.nextId++,
      contactId: contact.id,
      status: typeof body['status'] === 'string' ? body['status'] : 'open',
      priority: null,
      assigneeId: typeof body['assignee_id'] === 'number' ? body['assignee_id'] : null,
      teamId: typeof body['team_id'] === 'number' ? body['team_id'] : null,
      labels: [],
      custom_attributes: (body['custom_attributes'] as Json | undefined) ?? {},
      snoozedUntil: null,
      createdAt: now,
      lastActivityAt: now,
    };
    this.conversations.push(c);
    this.emit('conversation_created', this.conversationJson(c));
    return {
      id: c.id,
      account_id: this.options.accountId,
      inbox_id: this.options.inboxId,
      ...this.conversationJson(c),
    };
  }

  private addMessage(
    conversationId: number,
    m: Omit<Message, 'id' | 'conversationId' | 'createdAt'>,
  ): Message {
    const c = this.conversation(conversationId);
    const message: Message = {
      ...m,
      id: this.nextId++,
      conversationId,
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.messages.push(message);
    c.lastActivityAt = message.createdAt;
    this.emit('message_created', {
      id: message.id,
      content: message.content,
      created_at: new Date(message.createdAt * 1000).toISOString(),
      message_type: MESSAGE_TYPE_NAMES[message.messageType],
      content_type: 'text',
      content_attributes: {},
      source_id: message.sourceId,
      private: message.private,
      sender: message.sender,
      conversation: this.conversationJson(c),
      account: { id: this.options.accountId, name: 'Marketplace' },
      inbox: { id: this.options.inboxId, name: 'Support' },
      ...this.attachmentsJson(message),
    });
    return message;
  }

  /** A message's `attachments` as Chatwoot renders them (none: no key), each checked against the spec. */
  private attachmentsJson(m: Message): { attachments?: Json[] } {
    if (!m.attachments?.length) return {};
    const list = m.attachments.map((f) => attachmentJson(f, m.id, this.options.accountId, this.url));
    for (const entry of list) {
      const errors = this.spec.attachmentErrors(entry);
      if (errors.length > 0)
        throw new Error(`chatwoot double: its attachment JSON breaks the spec: ${errors.join('; ')}`);
    }
    return { attachments: list };
  }

  private messageJson(m: Message): Json {
    return { ...messageJson(m), ...this.attachmentsJson(m) };
  }

  private file(f: {
    name: string;
    contentType: string;
    bytes: Uint8Array;
    redirectTo?: string;
    dataUrl?: string;
  }): DoubleFile {
    return {
      id: this.nextId++,
      name: f.name,
      contentType: f.contentType,
      base64: Buffer.from(f.bytes).toString('base64'),
      token: randomUUID(),
      ...(f.redirectTo && { redirectTo: f.redirectTo }),
      ...(f.dataUrl && { dataUrl: f.dataUrl }),
    };
  }

  private files(): DoubleFile[] {
    return this.messages.flatMap((m) => m.attachments ?? []);
  }

  private emitStatus(c: Conversation, previous: string): void {
    c.updatedAt = Date.now() / 1000;
    const changed = [{ status: { previous_value: previous, current_value: c.status } }];
    this.emit('conversation_status_changed', { ...this.conversationJson(c), changed_attributes: changed });
    this.emit('conversation_updated', { ...this.conversationJson(c), changed_attributes: changed });
  }

  private emitUpdated(c: Conversation, change: Json): void {
    c.updatedAt = Date.now() / 1000;
    this.emit('conversation_updated', { ...this.conversationJson(c), changed_attributes: [change] });
  }

  /** Sends webhooks one after another, in the order of the changes, as Chatwoot's job queue does per conversation. */
  private emit(event: string, data: Json): void {
    this.webhooks.send(event, data);
  }

  // ---- rendering (chatwoot-double-model.ts), with this double's related records ----

  private contactJson(c: Contact): Json {
    return contactJson(c, this.options.inboxId);
  }

  private conversationJson(c: Conversation): Json {
    return conversationJson(c, {
      contact: this.contact(c.contactId),
      assignee: c.assigneeId === null ? null : this.agentJson(this.agent(c.assigneeId)),
      team: (this.options.teams ?? []).find((t) => t.id === c.teamId),
      inboxId: this.options.inboxId,
    });
  }

  private agentJson(a: Agent): Json {
    return agentJson(a, this.availability.get(a.id));
  }

  /** The agent whose access token Hubbub uses: the first one. */
  private tokenUser(): { id: number; name: string; type: 'user' } {
    const first = (this.options.agents ?? [{ id: 1, name: 'Agent One' }])[0] ?? { id: 1, name: 'Agent One' };
    return { id: first.id, name: first.name, type: 'user' };
  }

  private agent(id: number): { id: number; name: string; email?: string } {
    const agent = (this.options.agents ?? [{ id: 1, name: 'Agent One' }]).find((a) => a.id === id);
    if (!agent) throw Object.assign(new Error('User not found'), { status: 404 });
    return agent;
  }

  /** Chatwoot destroys a contact's conversations, and their messages, with it. */
  private deleteContact(id: number): void {
    const contact = this.contact(id);
    const gone = new Set(this.conversations.filter((c) => c.contactId === id).map((c) => c.id));
    const keep = <T>(list: T[], kept: (x: T) => boolean) => list.splice(0, list.length, ...list.filter(kept));
    keep(this.messages, (m) => !gone.has(m.conversationId));
    keep(this.conversations, (c) => !gone.has(c.id));
    keep(this.contacts, (c) => c !== contact);
  }

  private contact(id: number): Contact {
    const contact = this.contacts.find((c) => c.id === id);
    if (!contact) throw Object.assign(new Error('Contact not found'), { status: 404 });
    return contact;
  }

  private conversation(id: number): Conversation {
    const c = this.conversations.find((x) => x.id === id);
    if (!c) throw Object.assign(new Error('Conversation not found'), { status: 404 });
    return c;
  }
}
