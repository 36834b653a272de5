// What the support routes share: their dependencies, the ids they accept, who is an agent, reading
// a conversation the caller may see, writing a message (its files claimed; a new conversation's
// first files claimed before it is stored), changing a conversation's fields (its member told),
// and a member's message reopening it.
import { Types, type Connection } from 'mongoose';
import { z } from 'zod';
import type { MarketplaceEvents } from '../../community/events/marketplace-events.js';
import type { Attachments, AttachmentDescriptor } from '../../community/attachments/attachments.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import type { Publisher } from '../../realtime/publisher.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { releaseAttachments } from '../../storage/repositories/attachments.js';
import type { InboxProvider } from '../provider/inbox-provider.js';
import type { OutboundJob } from '../queues.js';
import type { SlaService } from '../sla/sla-service.js';
import {
  supportConversations,
  supportMessages,
  updateConversation,
  type SupportConversation,
} from '../store/models.js';
import { conversationView, messageView, publishSupportEvent } from '../sync/member-events.js';

export interface SupportApiDeps {
  connection: Connection;
  outbound: JobQueue<OutboundJob>;
  sla: SlaService;
  provider: InboxProvider;
  publisher: Publisher;
  /** Signed events to the marketplace: a conversation an agent resolves. */
  events?: MarketplaceEvents;
  /** Files in support messages; without it a message that lists files is not_ready. */
  attachments?: Attachments;
}

export const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be an id');
export const conversationParams = z.strictObject({ conversationId: objectId });
export const JOB = { attempts: 20, backoffMs: 1_000 };

export function isAgent(user: AuthUser): boolean {
  return user.roles.includes('agent') || user.roles.includes('admin');
}

export function requireAgent(user: AuthUser): void {
  if (!isAgent(user)) throw new HttpError('forbidden', 'Only support agents may do that.');
}

export async function loadConversation(
  deps: SupportApiDeps,
  user: AuthUser,
  id: string,
): Promise<SupportConversation> {
  const c = await supportConversations(deps.connection).findById(id).lean<SupportConversation>();
  // A member sees only their own conversations; others' are not found rather than forbidden.
  if (!c || (c.userId !== user.id && !isAgent(user)))
    throw new HttpError('not_found', 'No such support conversation.');
  return c;
}

/** A first message's files, claimed before its conversation was stored (startFiles). */
export interface ClaimedFiles {
  messageId: Types.ObjectId;
  attachments: AttachmentDescriptor[];
}

/**
 * Stores a message (its files claimed: the writer's pending uploads of the conversation, or those
 * a new conversation's start claimed already), queues its flush to Chatwoot, tells the member.
 */
export async function writeMessage(
  deps: SupportApiDeps,
  c: SupportConversation,
  user: AuthUser,
  direction: 'member' | 'agent' | 'note',
  text: string,
  files: readonly string[] | ClaimedFiles = [],
) {
  const { _id, attachments } =
    'messageId' in files
      ? { _id: files.messageId, attachments: files.attachments }
      : await claimFiles(deps, c, user, files);
  let stored;
  try {
    stored = await supportMessages(deps.connection).create({
      _id,
      conversationId: c._id,
      direction,
      content: text,
      authorId: user.id,
      authorName: user.name,
      sourceId: `hub-${_id.toHexString()}`,
      delivered: false,
      attachments,
    });
  } catch (err) {
    // Not stored: its files are pending again (sent with a retry, or swept as unsent).
    if (attachments.length > 0) await releaseAttachments(deps.connection, _id.toHexString());
    throw err;
  }
  const id = c._id.toHexString();
  await deps.outbound.add(
    'flush',
    { op: 'flush', conversationId: id },
    { id: `flush-${id}-${_id.toHexString()}`, ...JOB },
  );
  const message = stored.toObject();
  if (direction !== 'note') {
    // The member's other devices, and the member when an agent wrote in the hub.
    await publishSupportEvent(deps.publisher, c.userId, `support-msg-${_id.toHexString()}`, {
      kind: 'support.message',
      conversationId: id,
      message: messageView(message),
    });
  }
  if (direction === 'member') await deps.sla.memberWrote(c, message.createdAt);
  if (direction === 'agent') await deps.sla.agentAnswered(c, message.createdAt);
  return message;
}

/** The writer's pending uploads of this conversation, claimed by a new message id. */
async function claimFiles(
  deps: SupportApiDeps,
  c: SupportConversation,
  user: AuthUser,
  ids: readonly string[],
): Promise<{ _id: Types.ObjectId; attachments: AttachmentDescriptor[] }> {
  const _id = new Types.ObjectId();
  if (ids.length === 0) return { _id, attachments: [] };
  const attachments = await feature(deps).claim(ids, {
    ownerId: user.id,
    communityId: c.communityId ?? null,
    conversationId: c._id.toHexString(),
    messageId: _id.toHexString(),
    nonce: '',
  });
  return { _id, attachments };
}

/**
 * The member's new-conversation uploads (for this community) claimed by the first message of the
 * conversation about to be stored with `conversationId`: before anything is stored, so a refused
 * file leaves nothing behind. Undo with releaseAttachments(…, { newConversation: true }).
 */
export async function startFiles(
  deps: SupportApiDeps,
  user: AuthUser,
  start: { conversationId: Types.ObjectId; communityId: string | null },
  ids: readonly string[],
): Promise<ClaimedFiles> {
  const messageId = new Types.ObjectId();
  if (ids.length === 0) return { messageId, attachments: [] };
  const attachments = await feature(deps).claim(ids, {
    ownerId: user.id,
    communityId: start.communityId,
    startsConversation: start.conversationId.toHexString(),
    messageId: messageId.toHexString(),
    nonce: '',
  });
  return { messageId, attachments };
}

function feature(deps: SupportApiDeps) {
  if (!deps.attachments) throw new HttpError('not_ready', 'attachments are not configured');
  return deps.attachments;
}

/** Sets fields of a conversation and tells its member; `only` restates what the change needs. */
export async function changed(
  deps: SupportApiDeps,
  id: string,
  set: Record<string, unknown>,
  only: Record<string, unknown> = {},
): Promise<SupportConversation> {
  const at = new Date();
  const c = await updateConversation(deps.connection, id, only, {
    $set: { ...set, updatedAt: at, hubChangedAt: at },
  });
  if (!c) throw new HttpError('not_found', 'No such support conversation.');
  await publishSupportEvent(deps.publisher, c.userId, `support-conv-${id}-${c.updatedAt.getTime()}`, {
    kind: 'support.conversation',
    conversation: conversationView(c),
  });
  return c;
}

/** Statuses a member's message ends, as Chatwoot reopens a conversation its contact writes in. */
export const REOPENED_BY_MEMBER: readonly string[] = ['resolved', 'snoozed'];

/**
 * The member wrote in a resolved or snoozed conversation: it is open again (a resolved one's
 * resolution clock restarts), here at once and in Chatwoot (which reopens it on the message too;
 * the status job makes sure). A concurrent reopening leaves it as that one set it.
 */
export async function reopenByMember(
  deps: SupportApiDeps,
  c: SupportConversation,
): Promise<SupportConversation> {
  const id = c._id.toHexString();
  let opened: SupportConversation;
  try {
    opened = await changed(deps, id, { status: 'open', resolvedAt: null }, { status: c.status });
  } catch (err) {
    if (err instanceof HttpError) return c; // changed meanwhile: as it is now
    throw err;
  }
  if (c.status === 'resolved') await deps.sla.reopened(opened);
  await deps.outbound.add('status', { op: 'status', conversationId: id, status: 'open' }, JOB);
  return opened;
}
