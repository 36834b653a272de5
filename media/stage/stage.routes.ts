// REST routes of joining and the stage. Every stage action is checked here and carried out by
// the hub through LiveKit's RoomService; clients never call LiveKit's API.
import { z } from 'zod';
import type { JoinTicket, StageState } from '../../protocol/index.js';
import { objectId, userIdSchema } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import type { MediaContext } from '../context.js';
import { viewableSession } from '../sessions/access.js';
import { SESSION_ROLES } from './grants.js';
import {
  invite,
  join,
  lowerHand,
  muteTrack,
  raiseHand,
  removeParticipant,
  stageView,
  stepDown,
} from './stage.js';
import { stageExamples } from './stage.examples.js';

const sessionParams = z.strictObject({ sessionId: objectId });
const ok = z.object({ ok: z.literal(true) });
const stageSchema = z.object({
  hands: z.array(z.object({ userId: z.string(), raisedAt: z.number() })),
  speakers: z.array(z.string()),
  hosts: z.array(z.string()),
  onAir: z.array(z.string()),
}) satisfies z.ZodType<StageState>;

export function stageRoutes(ctx: MediaContext): RouteDefinition[] {
  const session = (user: Parameters<typeof viewableSession>[1], id: string) => viewableSession(ctx, user, id);
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/join',
      operationId: 'joinLiveSession',
      summary:
        'A short-lived LiveKit token for the caller, with the grants of their role (host, speaker, audience)',
      tags: ['live-sessions'],
      params: sessionParams,
      response: z.object({
        url: z.string(),
        token: z.string(),
        room: z.string(),
        identity: z.string(),
        role: z.enum(SESSION_ROLES),
        expiresInS: z.number(),
      }) satisfies z.ZodType<JoinTicket>,
      examples: stageExamples.joinLiveSession,
      handler: async ({ user, params }) => join(ctx, await session(user, params.sessionId), user),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId/stage',
      operationId: 'getLiveSessionStage',
      summary: 'The raised-hand queue (oldest first), the speakers, the hosts, and who is speaking (on air)',
      tags: ['live-sessions'],
      params: sessionParams,
      response: stageSchema,
      examples: stageExamples.getLiveSessionStage,
      handler: async ({ user, params }) => stageView(ctx, await session(user, params.sessionId)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/hand',
      operationId: 'raiseHand',
      summary: 'Raise the caller’s hand (audience); raising again keeps their place',
      tags: ['live-sessions'],
      params: sessionParams,
      response: z.object({ position: z.number() }),
      examples: stageExamples.raiseHand,
      handler: async ({ user, params }) => ({
        position: await raiseHand(ctx, await session(user, params.sessionId), user),
      }),
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/live-sessions/:sessionId/hands/:userId',
      operationId: 'lowerHand',
      summary: 'Lower a hand: one’s own, or (hosts) anyone’s; `*` lowers every hand (hosts)',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId, userId: z.union([userIdSchema, z.literal('*')]) }),
      response: ok,
      examples: stageExamples.lowerHand,
      handler: async ({ user, params }) => {
        await lowerHand(ctx, await session(user, params.sessionId), user, params.userId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/live-sessions/:sessionId/speakers/:userId',
      operationId: 'inviteToStage',
      summary: 'Bring a member on stage (hosts): LiveKit lets them publish microphone and camera at once',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId, userId: userIdSchema }),
      response: ok,
      examples: stageExamples.inviteToStage,
      handler: async ({ user, params }) => {
        await invite(ctx, await session(user, params.sessionId), user, params.userId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/live-sessions/:sessionId/speakers/:userId',
      operationId: 'leaveStage',
      summary:
        'Step down from the stage (speakers themselves), or move a speaker back to the audience (hosts)',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId, userId: userIdSchema }),
      response: ok,
      examples: stageExamples.leaveStage,
      handler: async ({ user, params }) => {
        await stepDown(ctx, await session(user, params.sessionId), user, params.userId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/participants/:userId/mute',
      operationId: 'muteParticipantTrack',
      summary: 'Mute (or unmute) one published track of a participant (hosts)',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId, userId: userIdSchema }),
      body: z.strictObject({ trackSid: z.string().min(1).max(64), muted: z.boolean().default(true) }),
      response: z.object({ trackSid: z.string(), muted: z.boolean() }),
      examples: stageExamples.muteParticipantTrack,
      handler: async ({ user, params, body }) =>
        muteTrack(ctx, await session(user, params.sessionId), user, { userId: params.userId, ...body }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/participants/:userId/remove',
      operationId: 'removeParticipant',
      summary: 'Remove a participant (hosts): they leave now and may not rejoin this session',
      tags: ['live-sessions'],
      params: z.strictObject({ sessionId: objectId, userId: userIdSchema }),
      response: ok,
      examples: stageExamples.removeParticipant,
      handler: async ({ user, params }) => {
        await removeParticipant(ctx, await session(user, params.sessionId), user, params.userId);
        return { ok: true as const };
      },
    }),
  ];
}
