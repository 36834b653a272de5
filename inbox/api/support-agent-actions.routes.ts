// The support agents' own actions on a conversation (marketplace role `agent` or `admin`): its
// status, assignment, priority and labels, and the canned responses and SLA metrics of their
// inbox. Each change is stored in the hub first and sent to Chatwoot by the outbound queue.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { computeSupportMetrics } from '../metrics.js';
import { CONVERSATION_STATUSES, PRIORITIES } from '../provider/inbox-provider.js';
import { conversationView } from '../sync/member-events.js';
import { conversationSchema, metricsSchema } from './schemas.js';
import {
  changed,
  conversationParams,
  JOB,
  loadConversation,
  requireAgent,
  type SupportApiDeps,
} from './support-actions.js';
import { emitResolved } from './support-events.js';
import { supportExamples } from './support.examples.js';

type AgentAction = 'status' | 'assignment' | 'priority' | 'labels' | 'cannedResponses' | 'metrics';

export function supportAgentActionRoutes(deps: SupportApiDeps): Record<AgentAction, RouteDefinition> {
  const tags = ['support'];
  return {
    status: defineRoute({
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
    assignment: defineRoute({
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
    priority: defineRoute({
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
    labels: defineRoute({
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
    cannedResponses: defineRoute({
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
    metrics: defineRoute({
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
  };
}
