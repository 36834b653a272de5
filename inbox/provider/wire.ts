// Reading Chatwoot's JSON: its controllers render ids as numbers, times as Unix seconds, and
// message types as numbers in REST answers (0 incoming, 1 outgoing, 2 activity, 3 template)
// but as names in webhooks. Everything is read defensively: a missing field gets a neutral value.
import type {
  CannedResponse,
  ConversationStatus,
  MessageKind,
  Priority,
  ProviderAgent,
  ProviderContact,
  ProviderConversation,
  ProviderInbox,
  ProviderMessage,
  ProviderTeam,
} from './inbox-provider.js';
import { CONVERSATION_STATUSES, PRIORITIES } from './inbox-provider.js';

export type Wire = Record<string, unknown>;

export function asArray<T = Wire>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Wire => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Wire) : {});

export function readContact(c: Wire, inboxId: number): ProviderContact {
  const inbox = asArray(c['contact_inboxes']).find((ci) => num(obj(ci['inbox'])['id']) === inboxId);
  return {
    id: num(c['id']) ?? 0,
    name: str(c['name']) ?? '',
    identifier: str(c['identifier']),
    email: str(c['email']),
    sourceId: inbox ? str(inbox['source_id']) : null,
  };
}

export function readStatus(v: unknown): ConversationStatus {
  return CONVERSATION_STATUSES.includes(v as ConversationStatus) ? (v as ConversationStatus) : 'open';
}

export function readPriority(v: unknown): Priority {
  return PRIORITIES.includes(v as Priority) ? (v as Priority) : 'none';
}

export function readConversation(c: Wire): ProviderConversation {
  const meta = obj(c['meta']);
  const assignee = obj(meta['assignee']);
  const team = obj(meta['team']);
  return {
    id: num(c['id']) ?? num(c['display_id']) ?? 0,
    inboxId: num(c['inbox_id']) ?? 0,
    status: readStatus(c['status']),
    priority: readPriority(c['priority']),
    assigneeId: num(c['assignee_id']) ?? num(assignee['id']),
    teamId: num(c['team_id']) ?? num(team['id']),
    labels: asArray<string>(c['labels']).filter((l) => typeof l === 'string'),
    contactId: num(c['contact_id']) ?? num(obj(meta['sender'])['id']),
    customAttributes: obj(c['custom_attributes']),
    snoozedUntil: num(c['snoozed_until']),
    lastActivityAt: num(c['last_activity_at']),
  };
}

export function readMessageKind(type: unknown, isPrivate: unknown): MessageKind | 'activity' {
  if (isPrivate === true) return 'note';
  if (type === 0 || type === 'incoming') return 'incoming';
  if (type === 1 || type === 'outgoing' || type === 3 || type === 'template') return 'outgoing';
  return 'activity';
}

export function readMessage(m: Wire, conversationId: number): ProviderMessage {
  const kind = readMessageKind(m['message_type'], m['private']);
  const sender = obj(m['sender']);
  return {
    id: num(m['id']) ?? 0,
    conversationId: num(m['conversation_id']) ?? conversationId,
    content: str(m['content']) ?? '',
    kind: kind === 'activity' ? 'outgoing' : kind,
    sourceId: str(m['source_id']) ?? str(m['echo_id']),
    senderName: str(sender['available_name']) ?? str(sender['name']),
    senderId: num(sender['id']),
    createdAt: (num(m['created_at']) ?? Math.floor(Date.parse(str(m['created_at']) ?? '') / 1000)) || 0,
  };
}

export function readAgent(a: Wire): ProviderAgent {
  return {
    id: num(a['id']) ?? 0,
    name: str(a['available_name']) ?? str(a['name']) ?? '',
    email: str(a['email']) ?? '',
    availability: str(a['availability_status']) ?? 'offline',
    role: str(a['role']) ?? 'agent',
  };
}

export function readTeam(t: Wire): ProviderTeam {
  return { id: num(t['id']) ?? 0, name: str(t['name']) ?? '' };
}

export function readInbox(i: Wire): ProviderInbox {
  return { id: num(i['id']) ?? 0, name: str(i['name']) ?? '', channelType: str(i['channel_type']) ?? '' };
}

export function readCanned(c: Wire): CannedResponse {
  return { id: num(c['id']) ?? 0, shortCode: str(c['short_code']) ?? '', content: str(c['content']) ?? '' };
}
