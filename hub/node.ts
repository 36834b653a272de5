// One hub node: the composition root that wires configuration, connections, the gateway and
// the HTTP routes onto one uWebSockets.js app, and takes them apart again on shutdown.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import type { Config } from '../config/index.js';
import { LiveKit } from '../media/livekit.js';
import { createMediaModule } from '../media/module.js';
import { createColyseusTransport, startMatchMaker } from '../media/room/colyseus-runtime.js';
import { TokenVerifier } from '../realtime/auth/token-verifier.js';
import { ControlBus } from '../realtime/control.js';
import { brokerFromConfig } from '../realtime/broker/broker.factory.js';
import type { Authorizer } from '../realtime/gateway/authorizer.js';
import { Gateway } from '../realtime/gateway/gateway.js';
import { WriteAhead } from '../realtime/publish/write-ahead.js';
import type { PublishExtension } from '../realtime/publish/pipeline.js';
import { Publisher } from '../realtime/publisher.js';
import { RedisRateLimiter } from '../realtime/limits/rate-limiter.redis.js';
import { RedisPresenceStore } from '../realtime/presence/presence-store.redis.js';
import { GroupCommitStore } from '../storage/messages/group-commit.js';
import { syncModelIndexes } from '../storage/models/sync-indexes.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import { apiLimitsFrom, toHttpRoutes } from '../realtime/transport/api/index.js';
import { createCommunityModule } from '../community/module.js';
import { createModerationModule } from '../moderation/module.js';
import { createInboxModule } from '../inbox/module.js';
import type { InboxOverrides } from '../inbox/runtime.js';
import {
  SCORING_KEEP_DONE_MS,
  SCORING_QUEUE,
  type ScoringJob,
} from '../moderation/scoring/queue/scoring-job.js';
import { OfflineNotifier, type NotificationJob } from '../community/notifications/offline-notifier.js';
import { NOTIFICATIONS_QUEUE } from './processors.js';
import { eventsFromConfig } from '../community/events/event-queue.js';
import { MongoMessageStore } from '../storage/messages/message-store.mongo.js';
import { errorReply, type HttpRoute } from '../realtime/transport/http.js';
import { TrustedProxies } from '../realtime/transport/client-address.js';
import { CorsPolicy } from '../realtime/transport/cors.js';
import { mountHttpRoutes } from '../realtime/transport/uws-http.js';
import { MongoKeeper } from '../storage/mongo.js';
import { useDocumentLocks } from '../storage/repositories/document-lock.js';
import { bindAuditTrail, createAuditTrail } from '../storage/repositories/audit-keys.js';
import { createRedis } from '../storage/redis.js';
import { WorkerRegistry } from '../storage/worker-registry.js';
import { featureErasers } from './community-erasers.js';
import { rateLimitPrivacySource } from './user-buckets.js';
import { createLogger, type Logger } from './logger.js';
import { createHubMetrics, type HubMetrics } from './metrics.js';
import { Readiness } from './readiness.js';
import { demoRoutes } from './routes/demo.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { widgetRoutes } from './routes/widgets.js';
import { Attachments } from '../community/attachments/attachments.js';
import { PendingUploads } from '../community/attachments/pending-uploads.js';
import type { ObjectStore } from '../storage/objects/object-store.js';
import { jobsPrivacySource } from './job-erasure.js';
import { objectStoreFromConfig } from '../storage/objects/object-store-from-config.js';

export interface HubNode {
  nodeId: string;
  port: number;
  url: string;
  log: Logger;
  metrics: HubMetrics;
  readiness: Readiness;
  gateway: Gateway;
  control: ControlBus;
  livekit: LiveKit;
  /** Stops accepting, tells clients to reconnect elsewhere, drains, closes dependencies. */
  shutdown(reason?: string): Promise<void>;
}

/**
 * Replaces the community domain's gateway policy (its authorizer and its publish extensions,
 * together): for tests of the bare gateway, whose topics are not community channels.
 */
export interface HubNodePlugins {
  authorizer?: Authorizer;
  extensions?: readonly PublishExtension[];
  /** Support inbox settings for tests (short SLA targets, fast retries). */
  inbox?: InboxOverrides;
  /** Where chat files are kept, instead of the one the configuration names (tests). */
  objectStore?: ObjectStore;
}

export async function startHubNode(
  config: Config,
  log = createLogger(config, 'hub'),
  plugins: HubNodePlugins = {},
): Promise<HubNode> {
  const nodeId = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  log = log.child({ node: nodeId });
  const metrics = createHubMetrics();

  // Auto-pipelining is a setting (HUB_REDIS_AUTO_PIPELINING): see docs/benchmarks.md for why off.
  const redis = createRedis(config.redis, {
    name: `hub-${nodeId}`,
    autoPipelining: config.redis.autoPipelining,
  });
  const mongo = new MongoKeeper(config.mongodb.url, {
    onRetry: (err) => log.warn({ err: err.message }, 'mongodb not reachable yet; retrying'),
  });
  // Where the server's updates are not atomic, this process's writes lock documents in Redis.
  useDocumentLocks(mongo.connection, { redis });
  // Audit entries and pseudonyms written through this connection are keyed, and anchored in Redis.
  bindAuditTrail(mongo.connection, createAuditTrail(config.audit.secret, redis, config.redis.keyPrefix));
  const livekit = new LiveKit(config.livekit);
  const workers = new WorkerRegistry(redis, config.redis.keyPrefix);

  const readiness = new Readiness(
    [
      { name: 'redis', required: true, check: () => redis.ping() },
      { name: 'mongodb', required: true, check: () => mongo.ping() },
      { name: 'livekit', required: config.livekit.required, check: () => livekit.ping() },
      {
        name: 'workers',
        required: false,
        check: async () => {
          if ((await workers.alive()).length === 0) throw new Error('no worker process is alive');
        },
      },
    ],
    {
      timeoutMs: config.readiness.timeoutMs,
      onResult: (name, r) => {
        metrics.dependencyUp.set({ dependency: name }, r.status === 'up' ? 1 : 0);
        metrics.dependencyLatency.set({ dependency: name }, r.latencyMs / 1000);
      },
    },
  );

  const messages = new MongoMessageStore(mongo.connection);
  void mongo.opened
    .then(() => messages.syncIndexes())
    .catch((err: Error) => log.error({ err }, 'message indexes'));
  const store = new GroupCommitStore(messages, {
    maxInFlight: config.history.writesInFlight,
    onWriteError: (err, rows) =>
      log.error({ err, rows }, 'durable write failed; the rows are written again until stored'),
  });
  store.onCommitted((rows) => {
    metrics.messageWrites.inc();
    metrics.messageRowsWritten.inc(rows.length);
  });
  const broker = brokerFromConfig(config, redis, `hub-${nodeId}`);
  const control = new ControlBus(
    redis,
    createRedis(config.redis, { name: `hub-${nodeId}-control`, maxRetriesPerRequest: null }),
    config.redis.keyPrefix,
    { log },
  );
  const verifier = new TokenVerifier(config.auth);
  const limiter = new RedisRateLimiter(redis, config.redis.keyPrefix);
  const notifications = config.notifications.webhookUrl
    ? new BullJobQueue<NotificationJob>(NOTIFICATIONS_QUEUE, {
        keyPrefix: config.redis.keyPrefix,
        redis: config.redis,
      })
    : undefined;
  // Signed event webhooks to the marketplace core, delivered by the workers.
  const events = eventsFromConfig(config, log);
  // Sequence and persist for every publish of this node, members' and the hub's own.
  const publisher = new Publisher(broker, store, nodeId);
  const writeAhead = new WriteAhead(redis, broker, messages, store, {
    nodeId,
    keyPrefix: config.redis.keyPrefix,
    heartbeatMs: config.history.writeAheadHeartbeatMs,
    deadAfterMs: config.history.writeAheadDeadAfterMs,
    sweepEveryMs: config.history.writeAheadSweepMs,
    log,
  });
  publisher.trackWith(writeAhead);
  // The offline notifier asks the gateway whether a user is online: a late link to it.
  const late: { gateway?: Gateway } = {};
  // Attachments' files: GridFS on this MongoDB by default, or S3 (storage/objects).
  const objectStore = plugins.objectStore ?? objectStoreFromConfig(config, mongo.connection);
  const attachments = new Attachments(
    mongo.connection,
    objectStore,
    config.attachments,
    config.audit.secret,
    new PendingUploads(redis, config.redis.keyPrefix, config.attachments.pendingTtlS * 1000),
  );
  const community = createCommunityModule({
    attachments,
    attachmentMaxBytes: config.attachments.maxBytes,
    connection: mongo.connection,
    control,
    store,
    broker,
    publisher,
    log,
    redis,
    keyPrefix: config.redis.keyPrefix,
    rosterMaxMembers: config.permissions.rosterMaxMembers,
    events: events.events,
    ...(notifications && {
      notifier: new OfflineNotifier(redis, notifications, {
        keyPrefix: config.redis.keyPrefix,
        batchMs: config.notifications.batchMs,
        attempts: config.notifications.attempts,
        isOnline: (userId) => (late.gateway ? late.gateway.isOnline(userId) : Promise.resolve(false)),
      }),
    }),
  });
  // Its jobs carry message text: a finished one goes a minute later (scoring-job.ts).
  const scoring = new BullJobQueue<ScoringJob>(SCORING_QUEUE, {
    keyPrefix: config.redis.keyPrefix,
    redis: config.redis,
    keepDoneMs: SCORING_KEEP_DONE_MS,
  });
  const moderation = createModerationModule({
    api: community.apiDeps,
    log,
    scoring,
    metricsRegistry: metrics.registry,
  });
  void mongo.opened
    .then(() => syncModelIndexes(mongo.connection))
    .catch((err: Error) => log.error({ err }, 'community indexes'));
  const gateway = new Gateway({
    log,
    nodeId,
    settings: {
      gateway: config.gateway,
      history: config.history,
      presence: config.presence,
      clockSkewS: config.auth.clockSkewS,
    },
    verifier,
    authorizer: plugins.authorizer ?? community.authorizer,
    extensions: plugins.authorizer ? (plugins.extensions ?? []) : [community.extension, moderation.extension],
    publisher,
    broker,
    store,
    presenceStore: new RedisPresenceStore(redis, config.redis.keyPrefix),
    limiter,
    control,
    registry: metrics.registry,
    onConnectionCount: (n) => metrics.wsConnections.set(n),
  });

  late.gateway = gateway;
  if (moderation.onCommitted) {
    store.onCommitted(moderation.onCommitted);
    writeAhead.onStored(moderation.onCommitted);
  }
  const media = createMediaModule({
    config,
    connection: mongo.connection,
    redis,
    livekit,
    access: community.access,
    publisher,
    verifier,
    screenText: moderation.screenText,
    events: events.events,
    limiter,
    registry: metrics.registry,
    log,
    control,
  });
  // Deleting a community (the service API) erases its live sessions and support links too.
  community.erasers.push(...featureErasers(mongo.connection));
  void mongo.opened
    .then(() => media.syncIndexes())
    .catch((err: Error) => log.error({ err }, 'media indexes'));
  const inbox = createInboxModule({
    config,
    connection: mongo.connection,
    opened: mongo.opened,
    redis,
    broker,
    publisher,
    registry: metrics.registry,
    log,
    events: events.events,
    attachments,
    ...(plugins.inbox ? { overrides: plugins.inbox } : {}),
  });
  // Export and erasure cover what the features keep of a user, too.
  community.apiDeps.privacy.register(media.privacySource);
  community.apiDeps.privacy.register(rateLimitPrivacySource(limiter));
  if (inbox) community.apiDeps.privacy.register(inbox.privacySource);
  community.apiDeps.privacy.register(jobsPrivacySource(config));

  // The app comes from Colyseus' uWS transport, so live-session rooms share the hub's port.
  const { app } = createColyseusTransport();
  gateway.mount(app);
  const routes: HttpRoute[] = [
    ...healthRoutes(readiness, nodeId),
    metricsRoute(metrics.registry),
    ...(config.demo.enabled ? demoRoutes() : []),
    ...widgetRoutes(config),
    ...media.httpRoutes,
    ...(inbox?.httpRoutes ?? []),
    ...toHttpRoutes([...community.routes, ...media.routes, ...moderation.routes, ...(inbox?.routes ?? [])], {
      verifier,
      limiter,
      limits: apiLimitsFrom(config.api),
    }),
    { method: 'any', pattern: '/*', name: 'not_found', handler: (r) => errorReply('not_found', r.requestId) },
  ];
  const inflight = mountHttpRoutes(app, routes, {
    log,
    maxBodyBytes: config.server.maxBodyBytes,
    cors: new CorsPolicy(config.api.corsOrigins),
    trustedProxies: new TrustedProxies(config.server.trustedProxies),
    requestLogLevel: config.log.requests,
    onComplete: (route, method, status, seconds) => {
      metrics.httpRequests.inc({ route, method, status: String(status) });
      metrics.httpDuration.observe({ route, method }, seconds);
    },
  });

  const listenSocket = await new Promise<uWS.us_listen_socket>((resolve, reject) => {
    app.listen(config.server.host, config.server.port, (socket) => {
      if (socket) resolve(socket);
      else reject(new Error(`hub: cannot listen on ${config.server.host}:${config.server.port}`));
    });
  });
  const port = uWS.us_socket_local_port(listenSocket);
  await writeAhead
    .start()
    .catch((err: Error) => log.error({ err }, 'write-ahead registry not reachable yet'));
  const url = `http://${config.server.host}:${port}`;
  const stopMatchMaker = await startMatchMaker({
    redis: config.redis,
    publicAddress: config.media.roomAddress ?? `${config.server.host}:${port}`,
    services: media.roomServices,
  });
  log.info({ url }, 'hub node listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown') =>
    (stopping ??= (async () => {
      log.info(
        { reason, connections: gateway.connectionCount, inflight: inflight.size },
        'hub node draining',
      );
      readiness.startDraining();
      uWS.us_listen_socket_close(listenSocket);
      gateway.closeAll('SHUTDOWN');
      await Promise.all([inflight.idle(), waitFor(() => gateway.connectionCount === 0, 2_000)]);
      // After the gateway's sockets: the rooms' clients are told the server is going, not cut off.
      await stopMatchMaker().catch((err: Error) => log.error({ err }, 'closing live-session rooms failed'));
      app.close();
      await media.close().catch((err: Error) => log.error({ err }, 'closing media failed'));
      await inbox?.close().catch((err: Error) => log.error({ err }, 'closing inbox failed'));
      await store.close().catch((err: Error) => log.error({ err }, 'flushing messages failed'));
      await writeAhead
        .stop()
        .catch((err: Error) => log.error({ err }, 'leaving the write-ahead registry failed'));
      await moderation.close();
      await Promise.allSettled([
        control.close(),
        broker.close(),
        notifications?.close(),
        events.close(),
        scoring.close(),
        objectStore.close(),
        mongo.close(),
      ]);
      log.info('hub node stopped');
    })());

  return { nodeId, port, url, log, metrics, readiness, gateway, control, livekit, shutdown };
}

/** Polls until the condition holds or the time is up; never rejects. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}
