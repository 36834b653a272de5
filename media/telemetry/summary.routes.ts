// GET /api/v1/live-sessions/:sessionId/summary: what the hosts review after a session (peak and
// average audience, watch time, the Q&A's outcome, poll results, reactions over time). Only
// once the session has ended; while it runs, `…/telemetry` has the figures so far.
import { z } from 'zod';
import type { LiveSessionSummary } from '../../protocol/index.js';
import { objectId } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { hostedSession } from '../sessions/access.js';
import { sessionSummary } from './summary.js';
import { summaryExamples } from './summary.examples.js';

const counts = z.record(z.string(), z.number());

export const summarySchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string(),
  durationS: z.number(),
  audience: z.object({ peak: z.number(), average: z.number(), joins: z.number() }),
  watch: z.object({ totalS: z.number(), averageS: z.number() }),
  handRaises: z.number(),
  questions: z.object({
    asked: z.number(),
    answered: z.number(),
    open: z.number(),
    dismissed: z.number(),
    held: z.number(),
  }),
  polls: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      options: z.array(z.string()),
      multiple: z.boolean(),
      counts: z.array(z.number()),
      voters: z.number(),
    }),
  ),
  reactions: z.object({
    total: z.number(),
    byEmoji: counts,
    byMinute: z.array(z.object({ at: z.string(), counts })),
  }),
}) satisfies z.ZodType<LiveSessionSummary>;

export function summaryRoutes(ctx: MediaContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId/summary',
      operationId: 'getLiveSessionSummary',
      summary:
        'After the session (hosts): peak and average audience, watch time, questions answered, poll results, reactions over time',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId }),
      response: summarySchema,
      examples: summaryExamples.getLiveSessionSummary,
      handler: async ({ user, params }) => {
        const session = await hostedSession(ctx, user, params.sessionId);
        if (session.status !== 'ended') {
          throw new HttpError('conflict', 'the session has not ended: its figures so far are at …/telemetry');
        }
        return sessionSummary(session);
      },
    }),
  ];
}
