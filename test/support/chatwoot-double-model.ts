// The contract double's records of Chatwoot's data, and their JSON as Chatwoot's jbuilder views
// render it (test/support/chatwoot-double.ts serves and changes them).

export type Json = Record<string, unknown>;

/** A message's file (served and rendered by chatwoot-double-files.ts). */
export interface DoubleFile {
  id: number;
  name: string;
  contentType: string;
  /** The bytes, base64 (so a snapshot of the double's state stays JSON). */
  base64: string;
  token: string;
  /** Where its blob link redirects instead of to its bytes. */
  redirectTo?: string;
  /** Its `data_url` when not the double's own blob link. */
  dataUrl?: string;
}

export interface DoubleOptions {
  apiAccessToken: string;
  accountId: number;
  inboxId: number;
  /** When set, a contact's identifier_hash must equal HMAC-SHA256(identifier, hmacToken). */
  hmacToken?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  agents?: { id: number; name: string; email?: string }[];
  teams?: { id: number; name: string; members: number[] }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationId?: string;
  body: unknown;
  status: number;
  violation?: string;
}

export interface Delivery {
  id: string;
  body: string;
  headers: Record<string, string>;
  status?: number;
}

export interface Contact {
  id: number;
  name: string;
  identifier: string | null;
  email: string | null;
  sourceId: string;
  custom_attributes: Json;
}

export interface Conversation {
  id: number;
  contactId: number;
  status: string;
  priority: string | null;
  assigneeId: number | null;
  teamId: number | null;
  labels: string[];
  custom_attributes: Json;
  snoozedUntil: number | null;
  createdAt: number;
  lastActivityAt: number;
  /** Unix seconds with a fraction, as Chatwoot's `updated_at` in webhooks. */
  updatedAt?: number;
}

export interface Message {
  /** Its files (chatwoot-double-files.ts). */
  attachments?: DoubleFile[];
  id: number;
  conversationId: number;
  content: string;
  messageType: 0 | 1 | 2;
  private: boolean;
  sourceId: string | null;
  sender: { id: number; name: string; type: 'contact' | 'user' };
  createdAt: number;
}

export interface DoubleState {
  contacts: Contact[];
  conversations: Conversation[];
  messages: Message[];
  nextId: number;
}

export const MESSAGE_TYPE_NAMES = ['incoming', 'outgoing', 'activity'] as const;

export type Agent = { id: number; name: string; email?: string };

export function contactJson(c: Contact, inboxId: number): Json {
  return {
    id: c.id,
    name: c.name,
    identifier: c.identifier,
    email: c.email,
    custom_attributes: c.custom_attributes,
    contact_inboxes: [{ source_id: c.sourceId, inbox: { id: inboxId, channel_type: 'Channel::Api' } }],
  };
}

export function conversationJson(
  c: Conversation,
  related: {
    contact: Contact;
    assignee: Json | null;
    team: { id: number; name: string } | undefined;
    inboxId: number;
  },
): Json {
  const { contact, assignee, team } = related;
  return {
    id: c.id,
    inbox_id: related.inboxId,
    status: c.status,
    priority: c.priority,
    labels: c.labels,
    custom_attributes: c.custom_attributes,
    snoozed_until: c.snoozedUntil,
    created_at: c.createdAt,
    last_activity_at: c.lastActivityAt,
    updated_at: c.updatedAt ?? c.createdAt,
    contact_inbox: { source_id: contact.sourceId },
    meta: {
      sender: { id: contact.id, name: contact.name, identifier: contact.identifier, type: 'contact' },
      assignee,
      team: team ? { id: team.id, name: team.name } : null,
      channel: 'Channel::Api',
    },
  };
}

export function messageJson(m: Message): Json {
  return {
    id: m.id,
    content: m.content,
    conversation_id: m.conversationId,
    message_type: m.messageType,
    content_type: 'text',
    private: m.private,
    source_id: m.sourceId,
    created_at: m.createdAt,
    sender: m.sender,
  };
}

export function agentJson(a: Agent, availability: string | undefined): Json {
  return {
    id: a.id,
    name: a.name,
    available_name: a.name,
    email: a.email ?? `agent${a.id}@example.test`,
    role: 'agent',
    availability_status: availability ?? 'online',
  };
}
