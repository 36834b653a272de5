// Chatwoot → hub: applies one verified webhook event (each conversation's events in the order
// they arrived: conversation-events.ts). A conversation event older than the state already
// applied (Chatwoot's `updated_at`, or the hub's own last change) is stale and ignored. Idempotent: a message is stored once (unique source id) and published
// with a nonce derived from its Chatwoot id; conversation changes are set, not toggled, so a
// redelivered event changes nothing. Echoes of what the hub wrote are recognised by the message's
// source_id and only mark the hub's copy as delivered. An agent's files are fetched from Chatwoot
// and stored as the conversation's (inbound-files.ts) before the message is, so the member's
// message carries them; a redelivery that lost the race deletes its copies again.
import { Types, type Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Publisher } from '../../realtime/publisher.js';
import { readMessageKind, readPriority, readStatus, type Wire } from '../provider/wire.js';
import {
  isDuplicateKey,
  supportConversations,
  supportMessages,
  updateConversation,
  type SupportConversation,
} from '../store/models.js';
import { importChatwootFiles, type InboundFiles } from './inbound-files.js';
import { conversationView, messageView, publishSupportEvent } from './member-events.js';

export const HANDLED_EVENTS = [
  'message_created',
  'message_updated',
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'contact_created',
  'contact_updated',
  'conversation_typing_on',
  'conversation_typing_off',
] as const;
export type ChatwootEvent = (typeof HANDLED_EVENTS)[number];

export interface InboundDeps {
  connection: Connection;
  publisher: Publisher;
  log: Logger;
  /** Called after a conversation's state changed (SLA clocks, metrics). */
  onConversationChange?: (before: SupportConversation, after: SupportConversation) => Promise<void>;
  /** Called after an agent's reply was stored. */
  onAgentReply?: (conversation: SupportConversation, at: Date) => Promise<void>;
  /** Where agents' files from Chatwoot are stored; without it, messages arrive without them. */
  files?: InboundFiles;
}

const obj = (v: unknown): Wire => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Wire) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function applyWebhook(deps: InboundDeps, payload: Wire): Promise<'applied' | 'ignored'> {
  switch (payload['event']) {
    case 'message_created':
      return messageCreated(deps, payload);
    case 'message_updated':
      return messageUpdated(deps, payload);
    case 'conversation_created':
    case 'conversation_updated':
    case 'conversation_status_changed':
      return conversationChanged(deps, payload);
    default:
      // contact_* need nothing on the hub side (the member's name comes from their token);
      // typing is ephemeral and relayed by the webhook route itself, never queued.
      return 'ignored';
  }
}

async function findConversation(deps: InboundDeps, chatwootId: number | null) {
  if (chatwootId === null) return null;
  return supportConversations(deps.connection)
    .findOne({ chatwootConversationId: chatwootId })
    .lean<SupportConversation>();
}

async function messageCreated(deps: InboundDeps, p: Wire): Promise<'applied' | 'ignored'> {
  const conversation = await findConversation(deps, num(obj(p['conversation'])['id']));
  const chatwootId = num(p['id']);
  if (!conversation || chatwootId === null) return 'ignored';
  const messages = supportMessages(deps.connection);
  const sourceId = typeof p['source_id'] === 'string' ? p['source_id'] : null;
  if (sourceId) {
    // An echo of a message the hub wrote: it reached Chatwoot.
    const own = await messages.findOneAndUpdate(
      { sourceId },
      { $set: { delivered: true, chatwootMessageId: chatwootId } },
    );
    if (own) return 'applied';
  }
  if (await messages.exists({ chatwootMessageId: chatwootId })) return 'ignored';
  const kind = readMessageKind(p['message_type'], p['private']);
  if (kind === 'activity' || kind === 'incoming') {
    // Activity lines are Chatwoot's own; incoming messages in this API inbox are written only by
    // the hub, so one without our source id is not the member's and is not shown to them.
    return 'ignored';
  }
  const sender = obj(p['sender']);
  const authorId = `agent:${num(sender['id']) ?? 0}`;
  const _id = new Types.ObjectId();
  const entries = Array.isArray(p['attachments']) ? (p['attachments'] as unknown[]).map(obj) : [];
  const attachments =
    deps.files && entries.length > 0
      ? await importChatwootFiles(deps.files, entries, {
          conversationId: conversation._id.toHexString(),
          communityId: conversation.communityId ?? null,
          messageId: _id.toHexString(),
          // The hub has no user for a Chatwoot agent: the file is kept as the member's
          // conversation's (exported and erased with the member's support data).
          ownerId: conversation.userId,
        })
      : [];
  let stored;
  try {
    stored = await messages.create({
      _id,
      conversationId: conversation._id,
      direction: kind === 'note' ? 'note' : 'agent',
      content: typeof p['content'] === 'string' ? p['content'] : '',
      authorId,
      authorName: typeof sender['name'] === 'string' ? sender['name'] : 'Support',
      sourceId: `cw-${chatwootId}`,
      chatwootMessageId: chatwootId,
      delivered: true,
      // The hub's clock orders a conversation (Chatwoot's created_at has only seconds, which
      // would sort a reply before the message it answers); it is also when the member saw it.
      createdAt: new Date(),
      attachments,
    });
  } catch (err) {
    if (attachments.length > 0) await deps.files?.attachments.removeForMessages([_id.toHexString()]);
    if (isDuplicateKey(err)) return 'ignored'; // a redelivery raced us
    throw err;
  }
  if (kind === 'note') return 'applied'; // private: agents only
  // The SLA clock stops first, so whoever sees the reply sees it answered.
  await deps.onAgentReply?.(conversation, stored.createdAt);
  await publishSupportEvent(deps.publisher, conversation.userId, `support-msg-cw-${chatwootId}`, {
    kind: 'support.message',
    conversationId: conversation._id.toHexString(),
    message: messageView(stored.toObject()),
  });
  return 'applied';
}

async function messageUpdated(deps: InboundDeps, p: Wire): Promise<'applied' | 'ignored'> {
  const chatwootId = num(p['id']);
  if (chatwootId === null || typeof p['content'] !== 'string') return 'ignored';
  const messages = supportMessages(deps.connection);
  const before = await messages.findOneAndUpdate(
    { chatwootMessageId: chatwootId },
    { $set: { content: p['content'] } },
  );
  if (!before || before.content === p['content'] || before.direction === 'note') return 'ignored';
  const conversation = await supportConversations(deps.connection)
    .findById(before.conversationId)
    .lean<SupportConversation>();
  if (!conversation) return 'ignored';
  await publishSupportEvent(
    deps.publisher,
    conversation.userId,
    `support-msg-upd-${chatwootId}-${hashText(p['content'])}`,
    {
      kind: 'support.message_updated',
      conversationId: conversation._id.toHexString(),
      message: messageView({ ...before.toObject(), content: p['content'] }),
    },
  );
  return 'applied';
}

async function conversationChanged(deps: InboundDeps, p: Wire): Promise<'applied' | 'ignored'> {
  const chatwootId = num(p['id']);
  let before = await findConversation(deps, chatwootId);
  if (!before && chatwootId !== null) {
    // A conversation the hub created, announced before the create call returned: link it.
    const hubId = obj(p['custom_attributes'])['hubbub_conversation_id'];
    if (typeof hubId === 'string' && /^[0-9a-f]{24}$/.test(hubId)) {
      before = await updateConversation(
        deps.connection,
        hubId,
        { chatwootConversationId: null },
        { $set: { chatwootConversationId: chatwootId } },
      );
    }
  }
  if (!before) return 'ignored';
  // Chatwoot's own time of the change (seconds, with a fraction): an event older than one already
  // seen, or than the hub's own last change, is stale and never overwrites newer state (each
  // event carries the whole state, and a newer one follows: Chatwoot's for the hub's change).
  // The newest time is recorded even when the event changes nothing here.
  const eventAt = typeof p['updated_at'] === 'number' ? Math.round(p['updated_at'] * 1000) : null;
  const notOlder =
    eventAt === null
      ? {}
      : {
          $and: [
            { $or: [{ chatwootUpdatedAt: null }, { chatwootUpdatedAt: { $lte: eventAt } }] },
            { $or: [{ hubChangedAt: null }, { hubChangedAt: { $lte: new Date(eventAt) } }] },
          ],
        };
  const seenAt = eventAt === null ? {} : { chatwootUpdatedAt: eventAt };
  const newest = Math.max(before.chatwootUpdatedAt ?? -Infinity, before.hubChangedAt?.getTime() ?? -Infinity);
  if (eventAt !== null && newest > eventAt) return 'ignored';
  const meta = obj(p['meta']);
  const status = readStatus(p['status']);
  const next = {
    status,
    priority: readPriority(p['priority']),
    assigneeId: num(obj(meta['assignee'])['id']),
    teamId: num(obj(meta['team'])['id']),
    labels: Array.isArray(p['labels'])
      ? (p['labels'] as unknown[]).filter((l): l is string => typeof l === 'string')
      : before.labels,
  };
  const changed =
    next.status !== before.status ||
    next.priority !== before.priority ||
    next.assigneeId !== (before.assigneeId ?? null) ||
    next.teamId !== (before.teamId ?? null) ||
    next.labels.join('\u0000') !== before.labels.join('\u0000');
  if (!changed) {
    if (eventAt !== null) await updateConversation(deps.connection, before._id, notOlder, { $set: seenAt });
    return 'ignored';
  }
  const resolvedAt = status === 'resolved' ? (before.resolvedAt ?? new Date()) : null;
  const after = await updateConversation(deps.connection, before._id, notOlder, {
    $set: { ...next, resolvedAt, updatedAt: new Date(), ...seenAt },
  });
  if (!after) return 'ignored';
  const view = conversationView(after);
  await publishSupportEvent(
    deps.publisher,
    after.userId,
    `support-conv-${view.id}-${hashText(JSON.stringify(next))}-${after.updatedAt.getTime()}`,
    {
      kind: 'support.conversation',
      conversation: view,
    },
  );
  await deps.onConversationChange?.(before, after);
  return 'applied';
}

function hashText(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
