// Hub → Chatwoot: one conversation at a time (a Redis lock per conversation), its pending
// messages in their order, each exactly once. A message create is the one call that is not safe
// to repeat, so before sending, the flush asks Chatwoot which of the pending source ids it
// already has (a create whose answer was lost), reading its pages of the conversation back to
// the last message known delivered, and marks those delivered instead of resending.
// Failures the provider calls retryable are rethrown, so the job is retried with backoff and an
// outage of Chatwoot delays the work without losing or doubling any of it. A message's files go
// with it (streamed from the object store), so they are as exactly-once as the message.
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Attachments } from '../../community/attachments/attachments.js';
import { attachmentsOfMessage } from '../../storage/repositories/attachments.js';
import type { RedisClient } from '../../storage/redis.js';
import type {
  ConversationStatus,
  InboxProvider,
  MessageKind,
  OutgoingFile,
  Priority,
} from '../provider/inbox-provider.js';
import type { InboxKeys } from '../keys.js';
import {
  supportConversations,
  supportMessages,
  updateConversation,
  type SupportConversation,
} from '../store/models.js';
import type { OutboundJob } from '../queues.js';

export interface OutboundDeps {
  connection: Connection;
  redis: RedisClient;
  keys: InboxKeys;
  provider: InboxProvider;
  log: Logger;
  lockMs?: number;
  /** Called once a conversation exists in Chatwoot (routing assigns it). */
  onLinked?: (conversation: SupportConversation) => Promise<void>;
  /** Where messages' files are read from; without it, messages go without their files. */
  attachments?: Attachments;
}

/** Thrown when another worker holds the conversation: retried later, not an error. */
export class ConversationBusyError extends Error {
  readonly retryable = true;
  constructor(id: string) {
    super(`inbox: conversation ${id} is being synced elsewhere`);
    this.name = 'ConversationBusyError';
  }
}

const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

export async function runOutbound(deps: OutboundDeps, job: OutboundJob): Promise<void> {
  if (job.op === 'reconcile') return; // handled by reconcile.ts
  await withLock(deps, job.conversationId, async () => {
    const conversation = await ensureLinked(deps, job.conversationId);
    if (!conversation) return;
    const cwId = conversation.chatwootConversationId as number;
    switch (job.op) {
      case 'flush':
        return flush(deps, conversation, cwId);
      case 'status':
        return deps.provider.setStatus(
          cwId,
          job.status as ConversationStatus,
          job.snoozedUntil ? new Date(job.snoozedUntil) : undefined,
        );
      case 'priority':
        return deps.provider.setPriority(cwId, job.priority as Priority);
      case 'assign':
        if (job.agentId !== undefined) return deps.provider.assign(cwId, { agentId: job.agentId });
        if (job.teamId !== undefined) return deps.provider.assign(cwId, { teamId: job.teamId });
        return;
      case 'labels':
        await deps.provider.setLabels(cwId, job.labels);
        return;
    }
  });
}

async function withLock(deps: OutboundDeps, id: string, work: () => Promise<void>): Promise<void> {
  const key = deps.keys.syncLock(id);
  const token = randomUUID();
  const ok = await deps.redis.set(key, token, 'PX', deps.lockMs ?? 60_000, 'NX');
  if (ok !== 'OK') throw new ConversationBusyError(id);
  try {
    await work();
  } finally {
    await deps.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}

/** The conversation, created in Chatwoot first when it is not there yet. */
async function ensureLinked(deps: OutboundDeps, id: string): Promise<SupportConversation | null> {
  const conversations = supportConversations(deps.connection);
  const conversation = await conversations.findById(id).lean<SupportConversation>();
  if (!conversation) return null;
  if (conversation.chatwootConversationId !== null && conversation.chatwootConversationId !== undefined)
    return conversation;
  const contact = await deps.provider.upsertContact({
    identifier: conversation.userId,
    name: conversation.userName,
  });
  if (!contact.sourceId)
    throw new Error(`inbox: contact ${contact.id} has no source id in the support inbox`);
  const { id: cwId } = await deps.provider.createConversation({
    contactId: contact.id,
    sourceId: contact.sourceId,
    customAttributes: {
      hubbub_conversation_id: id,
      ...(conversation.communityId ? { community_id: conversation.communityId } : {}),
      ...(conversation.language ? { language: conversation.language } : {}),
    },
  });
  const linked = await linkConversation(deps, id, cwId, contact.id);
  if (linked) await deps.onLinked?.(linked);
  return linked;
}

/**
 * Stores the Chatwoot ids on the conversation: an update of those two fields alone (not a copy of
 * the conversation), which holds against the routing and SLA writes racing it.
 */
function linkConversation(
  deps: OutboundDeps,
  id: string,
  cwId: number,
  contactId: number,
): Promise<SupportConversation | null> {
  return updateConversation(
    deps.connection,
    id,
    {},
    {
      $set: { chatwootConversationId: cwId, chatwootContactId: contactId },
    },
  );
}

const KIND: Record<string, MessageKind> = { member: 'incoming', agent: 'outgoing', note: 'note' };

async function flush(deps: OutboundDeps, conversation: SupportConversation, cwId: number): Promise<void> {
  const messages = supportMessages(deps.connection);
  const pending = await messages
    .find({ conversationId: conversation._id, delivered: false })
    .sort({ createdAt: 1, _id: 1 })
    .lean();
  if (pending.length === 0) return;
  const landed = await landedAlready(deps, conversation, cwId, new Set(pending.map((m) => m.sourceId)));
  for (const m of pending) {
    let chatwootId = landed.get(m.sourceId);
    if (chatwootId === undefined) {
      const files = m.attachments?.length ? await filesOf(deps, m._id.toHexString()) : [];
      const created = await deps.provider.createMessage(cwId, {
        content: m.content,
        kind: KIND[m.direction] ?? 'incoming',
        sourceId: m.sourceId,
        ...(files.length > 0 && { attachments: files }),
      });
      chatwootId = created.id;
    }
    await messages.updateOne({ _id: m._id }, { $set: { delivered: true, chatwootMessageId: chatwootId } });
  }
  deps.log.debug({ conversation: conversation._id.toHexString(), sent: pending.length }, 'inbox: flushed');
}

/** A message's files as the provider sends them (those deleted meanwhile, an erasure's, are gone). */
async function filesOf(deps: OutboundDeps, messageId: string): Promise<OutgoingFile[]> {
  const service = deps.attachments;
  if (!service) return [];
  const docs = await attachmentsOfMessage(deps.connection, messageId);
  return docs.map((doc) => ({
    name: doc.name,
    contentType: doc.contentType,
    size: doc.size,
    open: async () => {
      const found = await service.store.get(doc.key);
      if (!found) throw new Error(`inbox: the file ${doc._id.toHexString()} is gone from the store`);
      return found.body;
    },
  }));
}

/**
 * Which of the pending messages Chatwoot has already (a create whose answer was lost), with their
 * Chatwoot ids. Chatwoot lists a conversation's messages a page at a time, newest first, so the
 * pages are read backwards until every pending message is found, the conversation's first
 * message is passed, or the page reaches the last message the hub wrote and knows delivered:
 * the pending ones were sent after it (in order), so have higher Chatwoot ids. (Not the last
 * message the hub knows of at all: an agent's reply may have come in after a lost create.)
 */
async function landedAlready(
  deps: OutboundDeps,
  conversation: SupportConversation,
  cwId: number,
  pending: Set<string>,
): Promise<Map<string, number>> {
  const lastDelivered = await supportMessages(deps.connection)
    .findOne(
      { conversationId: conversation._id, delivered: true, sourceId: { $regex: '^hub-' } },
      { chatwootMessageId: 1 },
    )
    .sort({ chatwootMessageId: -1 })
    .lean();
  const floor = lastDelivered?.chatwootMessageId ?? 0;
  const landed = new Map<string, number>();
  let before: number | undefined;
  for (;;) {
    const page = await deps.provider.listMessages(cwId, before === undefined ? {} : { before });
    for (const m of page) if (m.sourceId && pending.has(m.sourceId)) landed.set(m.sourceId, m.id);
    if (page.length === 0 || landed.size === pending.size) return landed;
    before = Math.min(...page.map((m) => m.id));
    if (before <= floor) return landed;
  }
}
