// The support inbox's REST API. Members start and continue their support conversations; agents
// (marketplace role `agent` or `admin`) list them, reply, write private notes, change status,
// assignment, priority and labels, and read SLA metrics. Every change is stored in the hub first
// and sent to Chatwoot by the outbound queue, so Chatwoot being down delays it and loses nothing.
// The routes members use (agents too) are here; the agents' own actions in
// support-agent-actions.routes.ts; what both share in support-actions.ts.
import { Types } from 'mongoose';
import { z } from 'zod';
import { releaseAttachments } from '../../storage/repositories/attachments.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { CONVERSATION_STATUSES } from '../provider/inbox-provider.js';
import { supportConversations, supportMessages, type SupportConversation } from '../store/models.js';
import { conversationView, messageView } from '../sync/member-events.js';
import { conversationSchema, messageSchema } from './schemas.js';
import {
  changed,
  conversationParams,
  isAgent,
  JOB,
  loadConversation,
  objectId,
  REOPENED_BY_MEMBER,
  reopenByMember,
  requireAgent,
  startFiles,
  writeMessage,
  type SupportApiDeps,
} from './support-actions.js';
import { supportAgentActionRoutes } from './support-agent-actions.routes.js';
import { supportExamples } from './support.examples.js';

/** A message with files may have no text. */
const messageText = z.string().trim().max(4000);

export function supportRoutes(deps: SupportApiDeps): RouteDefinition[] {
  const member = supportMemberRoutes(deps);
  const agent = supportAgentActionRoutes(deps);
  // In the order of the OpenAPI document.
  return [
    member.start,
    member.list,
    member.read,
    member.write,
    agent.status,
    member.reopen,
    agent.assignment,
    agent.priority,
    agent.labels,
    agent.cannedResponses,
    agent.metrics,
  ];
}

type MemberRoute = 'start' | 'list' | 'read' | 'write' | 'reopen';

/** Starting, listing, reading, writing in and reopening support conversations. */
function supportMemberRoutes(deps: SupportApiDeps): Record<MemberRoute, RouteDefinition> {
  const tags = ['support'];
  return {
    start: defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations',
      operationId: 'startSupportConversation',
      summary:
        'Start a support conversation with its first message (kept in sync with Chatwoot); `attachments` lists the member’s uploads for a new conversation (the text may then be empty)',
      tags,
      status: 201,
      body: z
        .strictObject({
          subject: z.string().trim().min(1).max(200),
          message: messageText.optional(),
          /** The member's uploads for a new conversation (POST /api/v1/support/attachments). */
          attachments: z.array(objectId).max(50).optional(),
          communityId: objectId.optional(),
          /** The member's language (routing sends it to a `lang-<code>` team when there is one). */
          language: z
            .string()
            .regex(/^[a-z]{2,8}$/)
            .optional(),
        })
        .refine((b) => (b.message?.length ?? 0) > 0 || (b.attachments?.length ?? 0) > 0, {
          message: 'a first message needs text or attachments',
          path: ['message'],
        }),
      response: z.object({ conversation: conversationSchema, message: messageSchema }),
      examples: supportExamples.startSupportConversation,
      handler: async ({ user, body }) => {
        const _id = new Types.ObjectId();
        const communityId = body.communityId ?? null;
        // The files first: one that is not the member's leaves nothing stored.
        const files = await startFiles(deps, user, { conversationId: _id, communityId }, [
          ...new Set(body.attachments ?? []),
        ]);
        let created;
        try {
          created = await supportConversations(deps.connection).create({
            _id,
            userId: user.id,
            userName: user.name,
            subject: body.subject,
            communityId,
            language: body.language ?? null,
          });
        } catch (err) {
          if (files.attachments.length > 0)
            await releaseAttachments(deps.connection, files.messageId.toHexString(), {
              newConversation: true,
            });
          throw err;
        }
        const c = created.toObject() as SupportConversation;
        await deps.sla.start(c, 'resolution', c.createdAt);
        const message = await writeMessage(deps, c, user, 'member', body.message ?? '', files);
        const fresh = await supportConversations(deps.connection).findById(c._id).lean<SupportConversation>();
        return { conversation: conversationView(fresh ?? c), message: messageView(message) };
      },
    }),
    list: defineRoute({
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
    read: defineRoute({
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
    write: defineRoute({
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
    reopen: defineRoute({
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
  };
}
