// GET /api/v1/live-sessions/:sessionId/telemetry: the hosts' figures, live while the session
// runs, the saved summary once it has ended.
import { z } from 'zod';
import type { LiveTelemetry } from '../../protocol/index.js';
import { objectId } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import type { MediaContext } from '../context.js';
import { hostedSession } from '../sessions/access.js';
import type { TelemetryStore } from './telemetry.js';
import { telemetryExamples } from './telemetry.examples.js';

export const telemetrySchema = z.object({
  live: z.boolean(),
  currentParticipants: z.number(),
  peakParticipants: z.number(),
  joins: z.number(),
  totalWatchS: z.number(),
  averageWatchS: z.number(),
  handRaises: z.number(),
  questions: z.number(),
  pollVoters: z.number(),
}) satisfies z.ZodType<LiveTelemetry>;

export function telemetryRoutes(ctx: MediaContext, telemetry: TelemetryStore): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId/telemetry',
      operationId: 'getLiveSessionTelemetry',
      summary: 'Participants, joins, watch time, hand raises, questions and poll voters (hosts)',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId }),
      response: telemetrySchema,
      examples: telemetryExamples.getLiveSessionTelemetry,
      handler: async ({ user, params }) => {
        const session = await hostedSession(ctx, user, params.sessionId);
        if (session.status === 'ended' && session.summary) {
          const s = session.summary;
          return {
            live: false,
            currentParticipants: 0,
            peakParticipants: s.peakParticipants,
            joins: s.joins,
            totalWatchS: s.totalWatchS,
            averageWatchS: s.averageWatchS,
            handRaises: s.handRaises,
            questions: s.questions,
            pollVoters: s.pollVoters,
          };
        }
        const figures = await telemetry.read(ctx.keys.session(params.sessionId));
        return { live: session.status === 'live', ...figures };
      },
    }),
  ];
}
