// The contract double's Chatwoot-side records: contacts, conversations, messages and their files,
// and agents' availability, changed as Chatwoot's controllers change them, each change sending the
// webhook Chatwoot sends (chatwoot-double-webhooks.ts), and rendered as Chatwoot renders them.
import { createHmac, randomUUID } from 'node:crypto';
import {
  agentJson,
  contactJson,
  conversationJson,
  MESSAGE_TYPE_NAMES,
  messageJson,
  type Agent,
  type Contact,
  type Conversation,
  type DoubleFile,
  type DoubleOptions,
  type DoubleState,
  type Json,
  type Message,
} from './chatwoot-double-model.js';
import type { WebhookSender } from './chatwoot-double-webhooks.js';
import { attachmentJson } from './chatwoot-double-files.js';
import type { ChatwootSpec } from './chatwoot-spec.js';

export class ChatwootRecords {
  readonly contacts: Contact[] = [];
  readonly conversations: Conversation[] = [];
  readonly messages: Message[] = [];
  /** Agents' presence as Chatwoot reports it, by agent id. */
  readonly availability = new Map<number, string>();
  private nextId = 100;

  constructor(
    readonly options: DoubleOptions,
    private readonly webhooks: WebhookSender,
    private readonly spec: ChatwootSpec,
    /** The double's own URL, where files' blob links point (known once it listens). */
    private readonly baseUrl: () => string,
  ) {}

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

  createContact(body: Json): Json {
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

  createConversation(body: Json): Json {
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

  addMessage(conversationId: number, m: Omit<Message, 'id' | 'conversationId' | 'createdAt'>): Message {
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
    const list = m.attachments.map((f) => attachmentJson(f, m.id, this.options.accountId, this.baseUrl()));
    for (const entry of list) {
      const errors = this.spec.attachmentErrors(entry);
      if (errors.length > 0)
        throw new Error(`chatwoot double: its attachment JSON breaks the spec: ${errors.join('; ')}`);
    }
    return { attachments: list };
  }

  messageJson(m: Message): Json {
    return { ...messageJson(m), ...this.attachmentsJson(m) };
  }

  file(f: {
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

  files(): DoubleFile[] {
    return this.messages.flatMap((m) => m.attachments ?? []);
  }

  emitStatus(c: Conversation, previous: string): void {
    c.updatedAt = Date.now() / 1000;
    const changed = [{ status: { previous_value: previous, current_value: c.status } }];
    this.emit('conversation_status_changed', { ...this.conversationJson(c), changed_attributes: changed });
    this.emit('conversation_updated', { ...this.conversationJson(c), changed_attributes: changed });
  }

  emitUpdated(c: Conversation, change: Json): void {
    c.updatedAt = Date.now() / 1000;
    this.emit('conversation_updated', { ...this.conversationJson(c), changed_attributes: [change] });
  }

  /** Sends webhooks one after another, in the order of the changes, as Chatwoot's job queue does per conversation. */
  emit(event: string, data: Json): void {
    this.webhooks.send(event, data);
  }

  // ---- rendering (chatwoot-double-model.ts), with this double's related records ----

  contactJson(c: Contact): Json {
    return contactJson(c, this.options.inboxId);
  }

  conversationJson(c: Conversation): Json {
    return conversationJson(c, {
      contact: this.contact(c.contactId),
      assignee: c.assigneeId === null ? null : this.agentJson(this.agent(c.assigneeId)),
      team: (this.options.teams ?? []).find((t) => t.id === c.teamId),
      inboxId: this.options.inboxId,
    });
  }

  agentJson(a: Agent): Json {
    return agentJson(a, this.availability.get(a.id));
  }

  /** The agent whose access token Hubbub uses: the first one. */
  tokenUser(): { id: number; name: string; type: 'user' } {
    const first = (this.options.agents ?? [{ id: 1, name: 'Agent One' }])[0] ?? { id: 1, name: 'Agent One' };
    return { id: first.id, name: first.name, type: 'user' };
  }

  agent(id: number): { id: number; name: string; email?: string } {
    const agent = (this.options.agents ?? [{ id: 1, name: 'Agent One' }]).find((a) => a.id === id);
    if (!agent) throw Object.assign(new Error('User not found'), { status: 404 });
    return agent;
  }

  /** Chatwoot destroys a contact's conversations, and their messages, with it. */
  deleteContact(id: number): void {
    const contact = this.contact(id);
    const gone = new Set(this.conversations.filter((c) => c.contactId === id).map((c) => c.id));
    const keep = <T>(list: T[], kept: (x: T) => boolean) => list.splice(0, list.length, ...list.filter(kept));
    keep(this.messages, (m) => !gone.has(m.conversationId));
    keep(this.conversations, (c) => !gone.has(c.id));
    keep(this.contacts, (c) => c !== contact);
  }

  contact(id: number): Contact {
    const contact = this.contacts.find((c) => c.id === id);
    if (!contact) throw Object.assign(new Error('Contact not found'), { status: 404 });
    return contact;
  }

  conversation(id: number): Conversation {
    const c = this.conversations.find((x) => x.id === id);
    if (!c) throw Object.assign(new Error('Conversation not found'), { status: 404 });
    return c;
  }
}
