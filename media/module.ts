// The media feature, assembled for a hub node: live-session scheduling, joining and the stage,
// LiveKit webhooks, telemetry, and the routes that expose them.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CommunityAccess } from '../community/access.js';
import type { MarketplaceEvents } from '../community/events/marketplace-events.js';
import type { UserDataSource } from '../community/privacy.js';
import type { Config } from '../config/index.js';
import type { TextScreen } from '../moderation/message-path/automod-text-screen.js';
import type { ControlBus } from '../realtime/control.js';
import type { Publisher } from '../realtime/publisher.js';
import type { RateLimiter } from '../realtime/limits/rate-limiter.js';
import type { Verifier } from '../realtime/transport/api/authenticate.js';
import { apiLimitsFrom, type RouteDefinition } from '../realtime/transport/api/index.js';
import type { HttpRoute } from '../realtime/transport/http.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import type { RedisClient } from '../storage/redis.js';
import { HUB_AUTHOR, type MediaContext } from './context.js';
import { mediaKeys } from './keys.js';
import { mediaPrivacySource } from './privacy-source.js';
import type { LiveKit } from './livekit.js';
import { recorderFromConfig } from './recording/recorder-from-config.js';
import { recordingModel } from './recording/recording.model.js';
import { recordingRoutes } from './recording/recording.routes.js';
import { Recordings } from './recording/recordings.js';
import { reserveSeat } from './room/colyseus-runtime.js';
import { revocationsFrom } from './room/revocations.js';
import { liveRoomServices, type LiveRoomServices } from './room/room-services.js';
import { roomRoutes } from './room/room.routes.js';
import type { SessionDoc } from './sessions/access.js';
import { calendarRoute } from './sessions/calendar.route.js';
import type { SessionEndHooks } from './sessions/lifecycle.js';
import { REMINDERS_QUEUE, type ReminderJob } from './sessions/reminders.js';
import { sessionRoutes } from './sessions/session.routes.js';
import { liveSessionModel, syncSessionIndexes } from './sessions/session.model.js';
import { stageRoutes } from './stage/stage.routes.js';
import { broadcast, broadcastStage, publishToRooms } from './stage/stage.js';
import { LiveState } from './state/live-state.js';
import { stateRoutes } from './state/state.routes.js';
import { createMediaMetrics } from './telemetry/metrics.js';
import { summaryRoutes } from './telemetry/summary.routes.js';
import { telemetryRoutes } from './telemetry/telemetry.routes.js';
import { TelemetryStore } from './telemetry/telemetry.js';
import { livekitWebhookRoute } from './webhooks/livekit-webhooks.js';
import { userTopic } from '../protocol/index.js';

export interface MediaModuleDeps {
  config: Config;
  connection: Connection;
  redis: RedisClient;
  livekit: LiveKit;
  access: CommunityAccess;
  publisher: Publisher;
  verifier: Verifier;
  /** Moderation's AutoMod for text members write outside chat (questions). */
  screenText: TextScreen;
  /** Signed events to the marketplace (live sessions scheduled, started, ended). */
  events: MarketplaceEvents;
  /** Paces what members send through a session's Colyseus room, like the REST API's limits. */
  limiter: RateLimiter;
  registry: Registry;
  log: Logger;
  /** Every node's control messages: seated members whose access they take leave the rooms. */
  control?: Pick<ControlBus, 'onMessage'>;
}

export interface MediaModule {
  /** REST routes, for toHttpRoutes. */
  routes: RouteDefinition[];
  /** Routes that are not JSON API: LiveKit's webhooks, the calendar file. */
  httpRoutes: HttpRoute[];
  /** What this node's sessions' Colyseus rooms use (for room/colyseus-runtime's matchmaker). */
  roomServices: LiveRoomServices;
  /** Members' live-session data, for the community's export and erasure. */
  privacySource: UserDataSource;
  syncIndexes(): Promise<void>;
  close(): Promise<void>;
}

export function createMediaModule(deps: MediaModuleDeps): MediaModule {
  const { config } = deps;
  const reminders = new BullJobQueue<ReminderJob>(REMINDERS_QUEUE, {
    keyPrefix: config.redis.keyPrefix,
    redis: config.redis,
  });
  const ctx: MediaContext = {
    connection: deps.connection,
    redis: deps.redis,
    keys: mediaKeys(config.redis.keyPrefix),
    livekit: deps.livekit,
    access: deps.access,
    publisher: deps.publisher,
    reminders,
    settings: config.media,
    screenText: deps.screenText,
    events: deps.events,
    log: deps.log.child({ module: 'media' }),
  };
  const telemetry = new TelemetryStore(deps.redis);
  const state = new LiveState(ctx);
  const metrics = createMediaMetrics(deps.registry);
  const recordings = new Recordings(ctx, recorderFromConfig(config, deps.redis, ctx.keys));

  /** Hosts see the figures move: each change goes to their own user topic. */
  const tellHosts = async (session: SessionDoc) => {
    if (session.status !== 'live') return;
    const sessionId = session._id.toHexString();
    const figures = await telemetry.read(ctx.keys.session(sessionId));
    metrics.participants.set({ session: sessionId }, figures.currentParticipants);
    metrics.peakParticipants.set({ session: sessionId }, figures.peakParticipants);
    const data = JSON.stringify({ kind: 'live_session_telemetry', sessionId, ...figures });
    for (const hostId of session.hostIds) {
      await ctx.publisher
        .publish(userTopic(hostId), {
          nonce: `telemetry-${sessionId}-${Date.now()}-${hostId}`,
          data,
          info: HUB_AUTHOR,
        })
        .catch((err: unknown) => ctx.log.warn({ err, sessionId }, 'telemetry to hosts failed'));
    }
  };

  const endHooks: SessionEndHooks = {
    async collect(session, at) {
      const keys = ctx.keys.session(session._id.toHexString());
      const [figures, reactionsByMinute] = await Promise.all([
        telemetry.read(keys, at.getTime()),
        telemetry.reactionsByMinute(keys),
      ]);
      const { currentParticipants: _current, ...counts } = figures;
      return { summary: { ...counts, reactionsByMinute }, results: await state.results(session) };
    },
    async forget(session) {
      const sessionId = session._id.toHexString();
      const keys = ctx.keys.session(sessionId);
      await recordings.stopRunning(session);
      await state.forget(session);
      await publishToRooms(ctx, sessionId, JSON.stringify({ kind: 'status', status: 'ended' }));
      await deps.redis.del(
        keys.hands,
        keys.stage,
        keys.present,
        keys.counters,
        keys.onAir,
        keys.reactionsByMinute,
      );
      metrics.sessionEnded(sessionId);
    },
  };

  const publicUrl = config.server.publicUrl ?? `http://${config.server.host}:${config.server.port}`;
  return {
    routes: [
      ...sessionRoutes(ctx, endHooks),
      ...stageRoutes(ctx),
      ...stateRoutes(ctx, state),
      ...telemetryRoutes(ctx, telemetry),
      ...summaryRoutes(ctx),
      ...recordingRoutes(ctx, recordings),
      ...roomRoutes(ctx, reserveSeat),
    ],
    roomServices: liveRoomServices(ctx, state, deps.limiter, revocationsFrom(deps.control)),
    privacySource: mediaPrivacySource(deps.connection, deps.redis, ctx.keys, async (sessionId) => {
      const session = await liveSessionModel(ctx.connection).findById(sessionId).lean<SessionDoc>();
      if (!session) return;
      const all = await state.qa.list(ctx.keys.session(sessionId));
      const items = all.filter((q) => q.status === 'open' || q.status === 'answered');
      await broadcast(ctx, session, { kind: 'questions', items });
      // The hosts' view too: an erased member's held questions leave it.
      const hidden = all.filter((q) => q.status === 'held' || q.status === 'dismissed');
      if (session.status === 'live')
        await publishToRooms(ctx, sessionId, JSON.stringify({ kind: 'hostQuestions', items: hidden }));
      await broadcastStage(ctx, session);
    }),
    httpRoutes: [
      livekitWebhookRoute(
        {
          ctx,
          telemetry,
          endHooks,
          onHandled: async (session, event) => {
            if (event.event === 'participant_joined') metrics.joinsTotal.inc();
            await tellHosts(session);
          },
          onOutcome: (event, outcome) => metrics.webhooks.inc({ event, outcome }),
        },
        config.livekit,
      ),
      calendarRoute(ctx, {
        verifier: deps.verifier,
        limiter: deps.limiter,
        limits: apiLimitsFrom(config.api),
        publicUrl,
      }),
    ],
    syncIndexes: async () => {
      await syncSessionIndexes(deps.connection);
      await recordingModel(deps.connection).syncIndexes();
    },
    close: async () => {
      state.close();
      await reminders.close();
    },
  };
}

/** The REST routes, only to describe them (OpenAPI): nothing may call into their dependencies. */
export function describeMediaApi(): RouteDefinition[] {
  const describeOnly = <T extends object>(what: string) =>
    new Proxy({} as T, {
      get: (_, name) => {
        throw new Error(`openapi: media routes were asked for ${what}.${String(name)} while being described`);
      },
    });
  const ctx = describeOnly<MediaContext>('ctx');
  return [
    ...sessionRoutes(ctx, describeOnly<SessionEndHooks>('endHooks')),
    ...stageRoutes(ctx),
    ...stateRoutes(ctx, describeOnly<LiveState>('state')),
    ...telemetryRoutes(ctx, describeOnly<TelemetryStore>('telemetry')),
    ...summaryRoutes(ctx),
    ...recordingRoutes(ctx, describeOnly<Recordings>('recordings')),
    ...roomRoutes(ctx, () =>
      Promise.reject(new Error('openapi: media routes reserved a seat while being described')),
    ),
  ];
}
