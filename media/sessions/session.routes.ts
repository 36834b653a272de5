// REST routes of live-session scheduling: create, list, read, change, cancel, interest, and the
// hosts' start and end (for when LiveKit's webhooks are not wired, or a host ends early).
import { z } from 'zod';
import type { LiveSessionView } from '../../protocol/index.js';
import { objectId, userIdSchema } from '../../community/api/support.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { hostedSession, isHost, viewableSession, type SessionDoc } from './access.js';
import { markEnded, markLive, type SessionEndHooks } from './lifecycle.js';
import { cancelSession, createSession, listSessions, setInterest, updateSession } from './schedule.js';
import { interestModel, MAX_CAPACITY, SESSION_STATUSES, SESSION_VISIBILITIES } from './session.model.js';
import { sessionExamples } from './session.examples.js';

export const sessionSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  channelId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  hostIds: z.array(z.string()),
  startsAt: z.string(),
  durationMin: z.number(),
  capacity: z.number(),
  visibility: z.enum(SESSION_VISIBILITIES),
  status: z.enum(SESSION_STATUSES),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Whether the caller hosts it (and may run the stage). */
  youHost: z.boolean(),
}) satisfies z.ZodType<LiveSessionView>;

export function sessionView(session: SessionDoc, youHost: boolean): z.input<typeof sessionSchema> {
  return {
    id: session._id.toHexString(),
    communityId: session.communityId.toHexString(),
    channelId: session.channelId ? session.channelId.toHexString() : null,
    title: session.title,
    description: session.description,
    hostIds: session.hostIds,
    startsAt: session.startsAt.toISOString(),
    durationMin: session.durationMin,
    capacity: session.capacity,
    visibility: session.visibility,
    status: session.status,
    startedAt: session.startedAt ? session.startedAt.toISOString() : null,
    endedAt: session.endedAt ? session.endedAt.toISOString() : null,
    youHost,
  };
}

const fields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5_000),
  startsAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  durationMin: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  capacity: z.number().int().min(2).max(MAX_CAPACITY),
  visibility: z.enum(SESSION_VISIBILITIES),
  hostIds: z.array(userIdSchema).max(20),
};
const sessionParams = z.strictObject({ sessionId: objectId });

export function sessionRoutes(ctx: MediaContext, endHooks: SessionEndHooks): RouteDefinition[] {
  const view = async (session: SessionDoc, user: AuthUser) =>
    sessionView(session, await isHost(ctx, user, session));
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/live-sessions',
      operationId: 'createLiveSession',
      summary:
        'Schedule a live session (HOST_SESSIONS; in the channel, when it names a voice or stage channel)',
      tags: ['live-sessions'],
      params: z.strictObject({ communityId: objectId }),
      body: z.strictObject({
        ...fields,
        description: fields.description.optional(),
        hostIds: fields.hostIds.optional(),
        channelId: objectId.optional(),
        visibility: fields.visibility.default('members'),
      }),
      status: 201,
      response: sessionSchema,
      examples: sessionExamples.createLiveSession,
      handler: async ({ user, params, body }) =>
        sessionView(await createSession(ctx, user, params.communityId, body), true),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/live-sessions',
      operationId: 'listLiveSessions',
      summary: 'The sessions of a community the caller may see, by start time',
      tags: ['live-sessions'],
      params: z.strictObject({ communityId: objectId }),
      query: z.strictObject({
        status: z.enum(SESSION_STATUSES).optional(),
        from: z.iso
          .datetime({ offset: true })
          .transform((s) => new Date(s))
          .optional(),
      }),
      response: z.object({ items: z.array(sessionSchema) }),
      examples: sessionExamples.listLiveSessions,
      handler: async ({ user, params, query }) => {
        const standing = await ctx.access.standing(user.id, params.communityId);
        const all = await listSessions(ctx, params.communityId, query);
        const items = [];
        for (const s of all) {
          // Members see what they may; others only the public sessions.
          if (!standing && s.visibility !== 'public') continue;
          try {
            items.push(await view(await viewableSession(ctx, user, s._id.toHexString()), user));
          } catch (err) {
            if (!(err instanceof HttpError)) throw err;
          }
        }
        return { items };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId',
      operationId: 'getLiveSession',
      summary: 'One live session, with the number of members interested and whether the caller is',
      tags: ['live-sessions'],
      params: sessionParams,
      response: sessionSchema.extend({ interested: z.number(), youInterested: z.boolean() }),
      examples: sessionExamples.getLiveSession,
      handler: async ({ user, params }) => {
        const session = await viewableSession(ctx, user, params.sessionId);
        const Interest = interestModel(ctx.connection);
        const [interested, mine] = await Promise.all([
          Interest.countDocuments({ sessionId: session._id }),
          Interest.exists({ sessionId: session._id, userId: user.id }),
        ]);
        return { ...(await view(session, user)), interested, youInterested: mine !== null };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/live-sessions/:sessionId',
      operationId: 'updateLiveSession',
      summary: 'Change a session that has not ended (hosts); moving it is possible only before it starts',
      tags: ['live-sessions'],
      params: sessionParams,
      body: z.strictObject({
        title: fields.title.optional(),
        description: fields.description.optional(),
        startsAt: fields.startsAt.optional(),
        durationMin: fields.durationMin.optional(),
        capacity: fields.capacity.optional(),
        visibility: fields.visibility.optional(),
        hostIds: fields.hostIds.min(1).optional(),
      }),
      response: sessionSchema,
      examples: sessionExamples.updateLiveSession,
      handler: async ({ user, params, body }) =>
        sessionView(await updateSession(ctx, user, params.sessionId, body), true),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/cancel',
      operationId: 'cancelLiveSession',
      summary: 'Cancel a scheduled session (hosts)',
      tags: ['live-sessions'],
      params: sessionParams,
      response: sessionSchema,
      examples: sessionExamples.cancelLiveSession,
      handler: async ({ user, params }) =>
        sessionView(await cancelSession(ctx, user, params.sessionId), true),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/start',
      operationId: 'startLiveSession',
      summary: 'Go live now (hosts); LiveKit’s room_started webhook does the same',
      tags: ['live-sessions'],
      params: sessionParams,
      response: sessionSchema,
      examples: sessionExamples.startLiveSession,
      handler: async ({ user, params }) => {
        const session = await hostedSession(ctx, user, params.sessionId);
        if (session.status !== 'scheduled' && session.status !== 'live') {
          throw new HttpError('conflict', `the session is ${session.status}`);
        }
        await markLive(ctx, session);
        return sessionView(await hostedSession(ctx, user, params.sessionId), true);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/end',
      operationId: 'endLiveSession',
      summary: 'End the session for everyone (hosts): closes the room, saves Q&A, polls and telemetry',
      tags: ['live-sessions'],
      params: sessionParams,
      response: sessionSchema,
      examples: sessionExamples.endLiveSession,
      handler: async ({ user, params }) => {
        const session = await hostedSession(ctx, user, params.sessionId);
        if (!(await markEnded(ctx, session, endHooks))) {
          throw new HttpError('conflict', `the session is ${session.status}`);
        }
        return sessionView(await hostedSession(ctx, user, params.sessionId), true);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/live-sessions/:sessionId/interest',
      operationId: 'setLiveSessionInterest',
      summary: 'Mark or unmark interest: interested members are reminded before the start',
      tags: ['live-sessions'],
      params: sessionParams,
      body: z.strictObject({ interested: z.boolean() }),
      response: z.object({ interested: z.number() }),
      examples: sessionExamples.setLiveSessionInterest,
      handler: async ({ user, params, body }) => {
        const session = await viewableSession(ctx, user, params.sessionId);
        if (session.status !== 'scheduled' && body.interested) {
          throw new HttpError('conflict', `the session is ${session.status}`);
        }
        return { interested: await setInterest(ctx, session, user.id, body.interested) };
      },
    }),
  ];
}
