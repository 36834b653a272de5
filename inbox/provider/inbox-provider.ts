// The InboxProvider seam: the support desk Hubbub keeps in sync (Chatwoot). One implementation
// talks to Chatwoot's Application API (inbox-provider.chatwoot.ts); tests run it against the
// contract double in test/support/chatwoot-double.ts, which validates every request against
// Chatwoot's published OpenAPI.
//
// Guarantees every implementation gives:
// - transient failures (429, 5xx, network) are retried with exponential backoff, honouring
//   Retry-After, up to a bound; what is left surfaces as a typed ProviderError (errors.ts);
// - nothing is retried that is not safe to retry: creating a message is retried only by the
//   caller (the sync job), which first looks the message up by its source id (see outbound.ts);
// - ids are the provider's numeric ids; Hubbub's own ids travel as `identifier` (contacts) and
//   `source_id` / `echo_id` (messages), which is how echoes are recognised.

import type { Readable } from 'node:stream';

export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved', 'snoozed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type MessageKind = 'incoming' | 'outgoing' | 'note';

export interface ProviderContact {
  id: number;
  name: string;
  identifier: string | null;
  email?: string | null;
  /** The contact's source id in the configured inbox, when it has one there. */
  sourceId: string | null;
}

export interface ProviderConversation {
  id: number;
  inboxId: number;
  status: ConversationStatus;
  priority: Priority;
  assigneeId: number | null;
  teamId: number | null;
  labels: string[];
  contactId: number | null;
  customAttributes: Record<string, unknown>;
  snoozedUntil: number | null;
  /** Unix seconds. */
  lastActivityAt: number | null;
}

export interface ProviderMessage {
  id: number;
  conversationId: number;
  content: string;
  kind: MessageKind;
  /** The id the writer gave (Hubbub's message id for messages Hubbub wrote). */
  sourceId: string | null;
  senderName: string | null;
  senderId: number | null;
  /** Unix seconds. */
  createdAt: number;
}

export interface ProviderAgent {
  id: number;
  name: string;
  email: string;
  availability: string;
  role: string;
}

export interface ProviderTeam {
  id: number;
  name: string;
}

export interface ProviderInbox {
  id: number;
  name: string;
  channelType: string;
}

export interface CannedResponse {
  id: number;
  shortCode: string;
  content: string;
}

export interface ConversationFilter {
  status?: ConversationStatus | 'all';
  assigneeType?: 'me' | 'unassigned' | 'all' | 'assigned';
  inboxId?: number;
  teamId?: number;
  labels?: string[];
  q?: string;
  page?: number;
}

export interface ContactInput {
  /** The marketplace user id. */
  identifier: string;
  name: string;
  email?: string;
  customAttributes?: Record<string, unknown>;
}

export interface NewConversation {
  contactId: number;
  /** The contact's source id in the inbox (the API channel's own id for the contact). */
  sourceId: string;
  customAttributes?: Record<string, unknown>;
  status?: 'open' | 'pending';
}

/** A file sent with a message: its description, and its bytes streamed when sent. */
export interface OutgoingFile {
  name: string;
  contentType: string;
  /** Exactly the bytes `open` streams. */
  size: number;
  open(): Promise<Readable>;
}

export interface NewMessage {
  content: string;
  kind: MessageKind;
  /** Hubbub's id of the message, for echo suppression and idempotent retries. */
  sourceId: string;
  /** Its files (Chatwoot: a multipart/form-data create with `attachments[]`). */
  attachments?: OutgoingFile[];
}

export interface InboxProvider {
  /** The contact identified by the marketplace user id, created when missing. */
  upsertContact(input: ContactInput): Promise<ProviderContact>;
  searchContacts(q: string): Promise<ProviderContact[]>;
  getContact(id: number): Promise<ProviderContact>;
  /** Deletes the contact, with its conversations and their messages (erasure); gone already is fine. */
  deleteContact(id: number): Promise<void>;

  createConversation(input: NewConversation): Promise<{ id: number }>;
  listConversations(filter?: ConversationFilter): Promise<ProviderConversation[]>;
  getConversation(id: number): Promise<ProviderConversation>;
  setStatus(id: number, status: ConversationStatus, snoozedUntil?: Date): Promise<void>;
  setPriority(id: number, priority: Priority): Promise<void>;
  assign(id: number, to: { agentId: number } | { teamId: number }): Promise<void>;
  /** Replaces the conversation's labels. */
  setLabels(id: number, labels: string[]): Promise<string[]>;
  setCustomAttributes(id: number, attributes: Record<string, unknown>): Promise<void>;

  /**
   * One page of a conversation's messages, oldest first, as Chatwoot pages them: the newest ones,
   * or with `before` (a message id) those just before it; an empty page past the first message.
   */
  listMessages(conversationId: number, page?: { before?: number }): Promise<ProviderMessage[]>;
  createMessage(conversationId: number, message: NewMessage): Promise<ProviderMessage>;

  listInboxes(): Promise<ProviderInbox[]>;
  listAgents(): Promise<ProviderAgent[]>;
  listTeams(): Promise<ProviderTeam[]>;
  listTeamMembers(teamId: number): Promise<ProviderAgent[]>;
  listCannedResponses(): Promise<CannedResponse[]>;
}
