// The hosts' recording routes: start recording a live session, stop it, list its recordings with
// their links. What records is the configured Recorder (HUB_MEDIA_RECORDER: LiveKit Egress, or
// the local one that records no media).
import { z } from 'zod';
import { objectId } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import type { MediaContext } from '../context.js';
import { hostedSession } from '../sessions/access.js';
import { RECORDING_STATUSES } from './recorder.js';
import type { Recordings } from './recordings.js';
import { recordingExamples } from './recording.examples.js';

export const recordingSchema = z.object({
  id: z.string(),
  backend: z.enum(['livekit-egress', 'local']),
  status: z.enum(RECORDING_STATUSES),
  /** Where the finished file is: null until complete, and always with the local recorder. */
  url: z.string().nullable(),
  startedAt: z.string(),
  stoppedAt: z.string().nullable(),
  error: z.string().optional(),
});

const sessionParams = z.strictObject({ sessionId: objectId });

export function recordingRoutes(ctx: MediaContext, recordings: Recordings): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/recordings',
      operationId: 'startLiveSessionRecording',
      summary: 'Start recording the live session (hosts; one recording at a time)',
      tags: ['live-sessions'],
      params: sessionParams,
      status: 201,
      response: recordingSchema,
      examples: recordingExamples.startLiveSessionRecording,
      handler: async ({ user, params }) => recordings.start(await hostedSession(ctx, user, params.sessionId)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/recordings/:recordingId/stop',
      operationId: 'stopLiveSessionRecording',
      summary: 'Stop a recording of the session (hosts)',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId, recordingId: z.string().regex(/^[\w-]{12}$/) }),
      response: recordingSchema,
      examples: recordingExamples.stopLiveSessionRecording,
      handler: async ({ user, params }) =>
        recordings.stop(await hostedSession(ctx, user, params.sessionId), params.recordingId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId/recordings',
      operationId: 'listLiveSessionRecordings',
      summary: "The session's recordings, oldest first, with their status and link (hosts)",
      tags: ['live-sessions'],
      params: sessionParams,
      response: z.object({ items: z.array(recordingSchema) }),
      examples: recordingExamples.listLiveSessionRecordings,
      handler: async ({ user, params }) => ({
        items: await recordings.list(await hostedSession(ctx, user, params.sessionId)),
      }),
    }),
  ];
}
