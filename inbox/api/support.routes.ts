// The support inbox's REST API. Members start and continue their support conversations; agents
// (marketplace role `agent` or `admin`) list them, reply, write private notes, change status,
// assignment, priority and labels, and read SLA metrics. Every change is stored in the hub first
// and sent to Chatwoot by the outbound queue, so Chatwoot being down delays it and loses nothing.
import { emitResolved } from './support-events.js';
import type { MarketplaceEvents } from '../../community/events/marketplace-events.js';
import { Types, type Connection } from 'mongoose';
import { z } from 'zod';
import type { Attachments, AttachmentDescriptor } from '../../community/attachments/attachments.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import type { Publisher } from '../../realtime/publisher.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { releaseAttachments } from '../../storage/repositories/attachments.js';
import { computeSupportMetrics } from '../metrics.js';
import { CONVERSATION_STATUSES, PRIORITIES, type InboxProvider } from '../provider/inbox-provider.js';
import type { OutboundJob } from '../queues.js';
import type { SlaService } from '../sla/sla-service.js';
import {
  supportConversations,
  supportMessages,
  updateConversation,
  type SupportConversation,
} from '../store/models.js';
import { conversationView, messageView, publishSupportEvent } from '../sync/member-events.js';
import { conversationSchema, messageSchema, metricsSchema } from './schemas.js';
import { supportExamples } from './support.examples.js';

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

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be an id');
const content = z.string().trim().min(1).max(4000);
/** A message with files may have no text. */
const messageText = z.string().trim().max(4000);
const conversationParams = z.strictObject({ conversationId: objectId });
const JOB = { attempts: 20, backoffMs: 1_000 };

export function isAgent(user: AuthUser): boolean {
  return user.roles.includes('agent') || user.roles.includes('admin');
}

function requireAgent(user: AuthUser): void {
  if (!isAgent(user)) throw new HttpError('forbidden', 'Only support agents may do that.');
}

async function loadConversation(
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

async function writeMessage(
  deps: SupportApiDeps,
  c: SupportConversation,
  user: AuthUser,
  direction: 'member' | 'agent' | 'note',
  text: string,
  attachmentIds: readonly string[] = [],
) {
  const _id = new Types.ObjectId();
  const attachments = await claimFiles(deps, c, user, _id, attachmentIds);
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

/** The writer's pending uploads of this conversation, claimed by the message `_id`. */
async function claimFiles(
  deps: SupportApiDeps,
  c: SupportConversation,
  user: AuthUser,
  _id: Types.ObjectId,
  ids: readonly string[],
): Promise<AttachmentDescriptor[]> {
  if (ids.length === 0) return [];
  if (!deps.attachments) throw new HttpError('not_ready', 'attachments are not configured');
  return deps.attachments.claim(ids, {
    ownerId: user.id,
    communityId: c.communityId ?? null,
    conversationId: c._id.toHexString(),
    messageId: _id.toHexString(),
    nonce: '',
  });
}

/** Sets fields of a conversation and tells its member; `only` restates what the change needs. */
async function changed(
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
const REOPENED_BY_MEMBER: readonly string[] = ['resolved', 'snoozed'];

/**
 * The member wrote in a resolved or snoozed conversation: it is open again (a resolved one's
 * resolution clock restarts), here at once and in Chatwoot (which reopens it on the message too;
 * the status job makes sure). A concurrent reopening leaves it as that one set it.
 */
async function reopenByMember(deps: SupportApiDeps, c: SupportConversation): Promise<SupportConversation> {
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

export function supportRoutes(deps: SupportApiDeps): RouteDefinition[] {
  const tags = ['support'];
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations',
      operationId: 'startSupportConversation',
      summary: 'Start a support conversation with its first message (kept in sync with Chatwoot)',
      tags,
      status: 201,
      body: z.strictObject({
        subject: z.string().trim().min(1).max(200),
        message: content,
        communityId: objectId.optional(),
        /** The member's language (routing sends it to a `lang-<code>` team when there is one). */
        language: z
          .string()
          .regex(/^[a-z]{2,8}$/)
          .optional(),
      }),
      response: z.object({ conversation: conversationSchema, message: messageSchema }),
      examples: supportExamples.startSupportConversation,
      handler: async ({ user, body }) => {
        const created = await supportConversations(deps.connection).create({
          userId: user.id,
          userName: user.name,
          subject: body.subject,
          communityId: body.communityId ?? null,
          language: body.language ?? null,
        });
        const c = created.toObject() as SupportConversation;
        await deps.sla.start(c, 'resolution', c.createdAt);
        const message = await writeMessage(deps, c, user, 'member', body.message);
        const fresh = await supportConversations(deps.connection).findById(c._id).lean<SupportConversation>();
        return { conversation: conversationView(fresh ?? c), message: messageView(message) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/conversations',
      operationId: 'listSupportConversations',
      summary:
        "The caller's support conversations; for agents, the inbox (filter by status, assignee, label)",
      tags,
      query: z.strictObject({
        status: z.enum([...CONVERSATION_STATUSES, 'all']).optional(),
        assigneeId: z.coerce.number().int().positive().optional(),
        unassigned: z.enum(['true', 'false']).optional(),
        label: z.string().max(100).optional(),
        mine: z.enum(['true', 'false']).optional(),
      }),
      response: z.object({ items: z.array(conversationSchema) }),
      examples: supportExamples.listSupportConversations,
      handler: async ({ user, query }) => {
        const filter: Record<string, unknown> = {};
        if (!isAgent(user) || query.mine === 'true') filter['userId'] = user.id;
        if (query.status && query.status !== 'all') filter['status'] = query.status;
        if (query.assigneeId) filter['assigneeId'] = query.assigneeId;
        if (query.unassigned === 'true') filter['assigneeId'] = null;
        if (query.label) filter['labels'] = query.label;
        const rows = await supportConversations(deps.connection)
          .find(filter)
          .sort({ updatedAt: -1 })
          .limit(200)
          .lean<SupportConversation[]>();
        return { items: rows.map(conversationView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/conversations/:conversationId',
      operationId: 'getSupportConversation',
      summary: 'A support conversation with its messages (private notes only for agents)',
      tags,
      params: conversationParams,
      response: z.object({
        conversation: conversationSchema,
        messages: z.array(messageSchema.extend({ private: z.boolean() })),
      }),
      examples: supportExamples.getSupportConversation,
      handler: async ({ user, params }) => {
        const c = await loadConversation(deps, user, params.conversationId);
        const rows = await supportMessages(deps.connection)
          .find({ conversationId: c._id, ...(isAgent(user) ? {} : { direction: { $ne: 'note' } }) })
          .sort({ createdAt: 1, _id: 1 })
          .limit(1000)
          .lean();
        return {
          conversation: conversationView(c),
          messages: rows.map((m) => ({ ...messageView(m), private: m.direction === 'note' })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations/:conversationId/messages',
      operationId: 'postSupportMessage',
      summary:
        'Write in a support conversation: the member (reopening it when resolved or snoozed), or an agent replying (`private` makes a note); `attachments` lists the writer’s pending uploads to this conversation',
      tags,
      status: 201,
      params: conversationParams,
      body: z
        .strictObject({
          content: messageText,
          private: z.boolean().optional(),
          attachments: z.array(objectId).max(50).optional(),
        })
        .refine((b) => b.content.length > 0 || (b.attachments?.length ?? 0) > 0, {
          message: 'a message needs content or attachments',
          path: ['content'],
        }),
      response: messageSchema,
      examples: supportExamples.postSupportMessage,
      handler: async ({ user, params, body }) => {
        let c = await loadConversation(deps, user, params.conversationId);
        const asMember = c.userId === user.id;
        if (!asMember) requireAgent(user);
        if (body.private && !isAgent(user))
          throw new HttpError('forbidden', 'Only agents write private notes.');
        const direction = body.private ? 'note' : asMember ? 'member' : 'agent';
        if (direction === 'member' && REOPENED_BY_MEMBER.includes(c.status))
          c = await reopenByMember(deps, c);
        const files = [...new Set(body.attachments ?? [])];
        return messageView(await writeMessage(deps, c, user, direction, body.content, files));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations/:conversationId/status',
      operationId: 'setSupportStatus',
      summary: 'Open, set pending, snooze (until a time) or resolve a support conversation (agents)',
      tags,
      params: conversationParams,
      body: z.strictObject({
        status: z.enum(CONVERSATION_STATUSES),
        snoozedUntil: z.iso.datetime().optional(),
      }),
      response: conversationSchema,
      examples: supportExamples.setSupportStatus,
      handler: async ({ user, params, body }) => {
        requireAgent(user);
        const before = await loadConversation(deps, user, params.conversationId);
        if (body.status === 'snoozed' && !body.snoozedUntil)
          throw new HttpError('validation_failed', 'snoozedUntil is required to snooze.');
        const snoozedUntil = body.snoozedUntil ? Date.parse(body.snoozedUntil) : undefined;
        const c = await changed(deps, params.conversationId, {
          status: body.status,
          resolvedAt: body.status === 'resolved' ? new Date() : null,
        });
        await deps.outbound.add(
          'status',
          {
            op: 'status',
            conversationId: params.conversationId,
            status: body.status,
            ...(snoozedUntil ? { snoozedUntil } : {}),
          },
          JOB,
        );
        if (before.status !== 'resolved' && c.status === 'resolved')
          await emitResolved(deps.events, c, user.id);
        return conversationView(c);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations/:conversationId/reopen',
      operationId: 'reopenSupportConversation',
      summary: 'Reopen a resolved support conversation: its member (from <hub-chat>) or an agent',
      tags,
      params: conversationParams,
      response: conversationSchema,
      examples: supportExamples.reopenSupportConversation,
      handler: async ({ user, params }) => {
        // The member may only reopen; every other status change stays with the agents.
        const found = await loadConversation(deps, user, params.conversationId);
        if (found.status !== 'resolved')
          throw new HttpError('conflict', 'Only a resolved conversation can be reopened.');
        const c = await changed(deps, params.conversationId, { status: 'open', resolvedAt: null });
        await deps.sla.reopened(c);
        await deps.outbound.add(
          'status',
          { op: 'status', conversationId: params.conversationId, status: 'open' },
          JOB,
        );
        return conversationView(c);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations/:conversationId/assignment',
      operationId: 'assignSupportConversation',
      summary: 'Assign a support conversation to a Chatwoot agent or team (agents)',
      tags,
      params: conversationParams,
      body: z.union([
        z.strictObject({ agentId: z.number().int().positive() }),
        z.strictObject({ teamId: z.number().int().positive() }),
      ]),
      response: conversationSchema,
      examples: supportExamples.assignSupportConversation,
      handler: async ({ user, params, body }) => {
        requireAgent(user);
        await loadConversation(deps, user, params.conversationId);
        const c = await changed(
          deps,
          params.conversationId,
          'agentId' in body ? { assigneeId: body.agentId } : { teamId: body.teamId },
        );
        await deps.outbound.add(
          'assign',
          { op: 'assign', conversationId: params.conversationId, ...body },
          JOB,
        );
        return conversationView(c);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations/:conversationId/priority',
      operationId: 'setSupportPriority',
      summary: 'Set the priority of a support conversation (agents); SLA targets follow it',
      tags,
      params: conversationParams,
      body: z.strictObject({ priority: z.enum(PRIORITIES) }),
      response: conversationSchema,
      examples: supportExamples.setSupportPriority,
      handler: async ({ user, params, body }) => {
        requireAgent(user);
        await loadConversation(deps, user, params.conversationId);
        const c = await changed(deps, params.conversationId, { priority: body.priority });
        await deps.outbound.add(
          'priority',
          { op: 'priority', conversationId: params.conversationId, priority: body.priority },
          JOB,
        );
        // The clocks restart under the new targets before the answer, which shows their due times.
        return conversationView(await deps.sla.priorityChanged(c));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/support/conversations/:conversationId/labels',
      operationId: 'setSupportLabels',
      summary: 'Replace the labels of a support conversation (agents)',
      tags,
      params: conversationParams,
      body: z.strictObject({ labels: z.array(z.string().regex(/^[a-z0-9_-]{1,50}$/)).max(20) }),
      response: conversationSchema,
      examples: supportExamples.setSupportLabels,
      handler: async ({ user, params, body }) => {
        requireAgent(user);
        await loadConversation(deps, user, params.conversationId);
        const labels = [...new Set(body.labels)];
        const c = await changed(deps, params.conversationId, { labels });
        await deps.outbound.add(
          'labels',
          { op: 'labels', conversationId: params.conversationId, labels },
          JOB,
        );
        return conversationView(c);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/canned-responses',
      operationId: 'listCannedResponses',
      summary: "Chatwoot's canned responses, for `/` shortcuts in the agents' reply box (agents)",
      tags,
      response: z.object({
        items: z.array(z.object({ id: z.number(), shortCode: z.string(), content: z.string() })),
      }),
      examples: supportExamples.listCannedResponses,
      handler: async ({ user }) => {
        requireAgent(user);
        try {
          return { items: await deps.provider.listCannedResponses() };
        } catch {
          throw new HttpError('not_ready', 'Chatwoot is not reachable.');
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/metrics',
      operationId: 'getSupportMetrics',
      summary: 'First response time, resolution time and SLA breach rate over a window (agents)',
      tags,
      query: z.strictObject({
        windowS: z.coerce
          .number()
          .int()
          .min(60)
          .max(366 * 86_400)
          .optional(),
      }),
      response: metricsSchema,
      examples: supportExamples.getSupportMetrics,
      handler: async ({ user, query }) => {
        requireAgent(user);
        return computeSupportMetrics(deps.connection, query.windowS);
      },
    }),
  ];
}
