// The one schema of Hubbub's configuration. Each section is a strict object, so an unknown key
// is an error rather than a silent typo. Defaults are the local development setup of
// local development (ports from config/ports.json); the built-in secrets are accepted only in
// demo mode (`npm start`, the tests), and production must set every secret itself.
import { isIP } from 'node:net';
import { z } from 'zod';
import ports from './ports.json' with { type: 'json' };

/** Marks a field whose value must never be printed or logged. */
const secret = <T extends z.ZodType>(schema: T) => schema.meta({ secret: true });

const port = z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);
const positiveMs = z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive();
const booleanLike = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
const isAddressOrRange = (entry: string): boolean => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

const urlWith = (protocols: RegExp, what: string) =>
  z.url({ protocol: protocols, error: `must be a ${what} URL` });

/** Development-only secrets: public knowledge, refused in production. */
export const DEV_SECRETS = {
  livekitApiSecret: 'secret',
  jwtSecret: 'hubbub-development-only-jwt-secret',
  webhookSecret: 'hubbub-development-only-webhook-secret',
  chatwootWebhookSecret: 'hubbub-development-only-chatwoot-webhook-secret',
  auditSecret: 'hubbub-development-only-audit-secret',
} as const;

const count = (what: string) =>
  z.coerce
    .number({ error: `must be a number of ${what}` })
    .int()
    .positive();

export const sections = {
  server: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(ports.dev.hub),
      /** The URL browsers use to reach this hub, when it differs from host:port. */
      publicUrl: urlWith(/^https?$/, 'http(s)').optional(),
      /** Largest HTTP request body accepted, in bytes. */
      maxBodyBytes: z.coerce
        .number({ error: 'must be a number of bytes' })
        .int()
        .min(1024)
        .default(1_048_576),
      /**
       * Proxies (addresses or CIDR ranges, a list or comma-separated) whose `Forwarded` or
       * `X-Forwarded-For` names the client, for per-IP limits. None by default: the socket's peer.
       */
      trustedProxies: z
        .preprocess(
          (v) =>
            typeof v === 'string'
              ? v
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : v,
          z.array(z.string().refine(isAddressOrRange, 'must be an IP address or CIDR range')).max(100),
        )
        .default([]),
    })
    .strict(),
  log: z
    .object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      /** The level of the one line per answered HTTP request; `npm start` sets `debug` (quiet terminal). */
      requests: z.enum(['info', 'debug']).default('info'),
    })
    .strict(),
  redis: z
    .object({
      /** A standalone Redis. Ignored when clusterNodes is set (setting both is refused at load). */
      url: secret(urlWith(/^rediss?$/, 'redis(s)').default(`redis://127.0.0.1:${ports.dev.redis}`)),
      /** Seed nodes of a Redis Cluster, `host:port,host:port`: used instead of url when set. */
      clusterNodes: z
        .preprocess(
          (v) =>
            typeof v === 'string'
              ? v
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : v,
          z
            .array(
              z
                .string()
                .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port seed nodes, comma-separated')
                .transform((node) => {
                  const at = node.lastIndexOf(':');
                  return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
                }),
            )
            .min(1, 'must name at least one host:port seed node')
            .max(64),
        )
        .optional(),
      /** Prefix of every key and channel, so several deployments can share one Redis. */
      keyPrefix: z
        .string()
        .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 characters of a-z, 0-9 and -')
        .default('hub'),
      /**
       * ioredis auto-pipelining of a hub node's command connection. Off by default: ioredis keeps
       * one auto-pipeline in flight per connection, so a subscribe's reads wait behind whole
       * batches (measured with load/subscribe-cost.ts, docs/benchmarks.md).
       */
      autoPipelining: booleanLike.default(false),
    })
    .strict(),
  mongodb: z
    .object({
      url: secret(
        urlWith(/^mongodb(\+srv)?$/, 'mongodb').default(`mongodb://127.0.0.1:${ports.dev.mongodb}/hubbub`),
      ),
    })
    .strict(),
  livekit: z
    .object({
      url: urlWith(/^(https?|wss?)$/, 'http(s) or ws(s)').default(`http://127.0.0.1:${ports.dev.livekit}`),
      apiKey: z.string().min(1).default('devkey'),
      apiSecret: secret(z.string().min(1).default(DEV_SECRETS.livekitApiSecret)),
      /** Whether /readyz reports 503 while LiveKit is unreachable. */
      required: booleanLike.default(true),
    })
    .strict(),
  media: z
    .object({
      /** Members who marked interest in a live session are reminded this long before it starts. */
      reminderLeadS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).default(900),
      /** Lifetime of a LiveKit join token (it only admits; a connected participant stays). */
      tokenTtlS: z.coerce
        .number({ error: 'must be a number of seconds' })
        .int()
        .min(30)
        .max(86_400)
        .default(300),
      /** LiveKit closes a session's room this long after its last participant left. */
      emptyTimeoutS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(10).default(300),
      /** LiveKit webhooks older than this are refused as replays. */
      webhookMaxAgeS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(10).default(300),
      /** host:port (and path) where clients reach THIS node's live-session rooms (Colyseus seats
       * point there); defaults to the address the node is bound to. */
      roomAddress: z
        .string()
        .regex(/^[\w.-]+(:\d+)?(\/[\w./-]*)?$/, 'must be host[:port][/path], without a scheme')
        .optional(),
      // Recording (media/recording): `local` records no media, only the recording's metadata
      // (development and tests); `egress` records through LiveKit Egress, attached to LiveKit.
      recorder: z.enum(['local', 'egress']).default('local'),
      /** Egress's output file path, with LiveKit's templates ({room_name}, {time}, …). */
      recordingFilepath: z.string().min(1).default('recordings/{room_name}-{time}.mp4'),
    })
    .strict(),
  auth: z
    .object({
      /** HS256 shared secret of the marketplace core. Ignored when jwksUrl is set. */
      jwtSecret: secret(z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.jwtSecret)),
      /** RS256 through a JWKS URL (keys rotated by `kid`); takes precedence over jwtSecret. */
      jwksUrl: urlWith(/^https?$/, 'http(s)').optional(),
      issuer: z.string().min(1).default('marketplace'),
      audience: z.string().min(1).default('hubbub'),
      /** Required `iss` of service tokens (scope `hub.admin`); `issuer` when unset. */
      serviceIssuer: z.string().min(1).optional(),
      /** Required `aud` of service tokens; `audience` when unset. */
      serviceAudience: z.string().min(1).optional(),
      /** Tolerated clock difference with the marketplace core when checking exp and nbf. */
      clockSkewS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(300).default(30),
    })
    .strict(),
  gateway: z
    .object({
      /** Largest WebSocket frame; a larger one closes the connection (3503). */
      maxFrameBytes: count('bytes').default(65_536),
      /** Largest `data` of one publish; a larger one is refused (payload_too_large). */
      maxDataBytes: count('bytes').default(16_384),
      /** Deepest nesting of arrays and objects in a frame; deeper is validation_failed. */
      maxJsonDepth: count('levels').max(1000).default(32),
      maxSubscriptionsPerConnection: count('subscriptions').default(200),
      /** Open connections one user may hold on one node; the next is closed with 3504. */
      maxConnectionsPerUser: count('connections').default(20),
      /** Time a new connection has to send `connect`. */
      connectTimeoutMs: positiveMs.default(5_000),
      /** Close connections silent for this long (uWS sends pings automatically). */
      idleTimeoutS: z.coerce
        .number({ error: 'must be a number of seconds' })
        .int()
        .min(8)
        .max(960)
        .default(120),
      /** Outgoing buffer per connection past which it counts as a slow consumer (3003). */
      maxBackpressureBytes: count('bytes').default(1_048_576),
      /** permessage-deflate on WebSocket frames. */
      compression: booleanLike.default(false),
      /** Frames per connection: bucket capacity and refill per second, checked in memory. */
      frameBurst: count('frames').default(60),
      frameRatePerS: count('frames per second').default(30),
      /** Refused frames in a row after which the connection is closed (3006 flood). */
      floodStrikes: count('frames').default(20),
      /** Publishes per user across all nodes: a token bucket in Redis. */
      publishBurst: count('publishes').default(10),
      publishRatePerS: count('publishes per second').default(5),
      /** Typing events per connection and channel. */
      typingThrottleMs: positiveMs.default(2_000),
    })
    .strict(),
  api: z
    .object({
      /** Requests per client address: burst, and sustained per second (before authentication). */
      ipBurst: count('requests').default(120),
      ipRatePerS: count('requests per second').default(30),
      /** Requests per authenticated user, across all nodes. */
      userBurst: count('requests').default(60),
      userRatePerS: count('requests per second').default(15),
      /** Deepest nesting of arrays and objects in a request body; deeper is validation_failed. */
      maxJsonDepth: count('levels').max(1000).default(32),
      /**
       * Origins whose pages may call the API (widgets embedded on another origin), as a list or
       * comma-separated; '*' for any. None by default.
       */
      corsOrigins: z
        .preprocess(
          (v) =>
            typeof v === 'string'
              ? v
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : v,
          z
            .array(
              z
                .string()
                .regex(
                  /^(?:\*|https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?)$/,
                  'must be an origin such as https://shop.example.com, or *',
                ),
            )
            .max(100),
        )
        .default([]),
    })
    .strict(),
  history: z
    .object({
      /** Recent publications kept in Redis per channel, by count and by age. */
      recentMaxCount: count('publications').default(1_000),
      recentMaxAgeS: count('seconds').default(86_400),
      /** Most publications a reconnecting client may recover; past it, it must reload. */
      recoveryMaxCount: count('publications').default(1_000),
      /** Idle time after which a channel's Redis keys expire (MongoDB keeps the history). */
      idleExpiryS: count('seconds').default(604_800),
      /** How often a hub node tells the write-ahead registry it is alive (and what it owes). */
      writeAheadHeartbeatMs: positiveMs.default(3_000),
      /** A node silent this long is dead: another stores what it delivered but had not stored. */
      writeAheadDeadAfterMs: positiveMs.default(10_000),
      /** How often each node looks for dead nodes' owed writes. */
      writeAheadSweepMs: positiveMs.default(5_000),
      // group commit (storage/messages/group-commit.ts)
      /** Durable writes of publications a node runs at once; rows arriving meanwhile are
       * collected and written together when one ends. */
      writesInFlight: count('writes').max(16).default(1),
    })
    .strict(),
  presence: z
    .object({
      /** A connection not refreshed for this long counts as gone (its node died). */
      ttlMs: positiveMs.default(30_000),
      /** How often a node refreshes its connections' presence, and sweeps expired ones. */
      refreshMs: positiveMs.default(10_000),
      /** Past this many users in a topic, joins and leaves are no longer sent one by one: the
       * topic's subscribers get its counts instead (a frame per member would cost n² frames). */
      liveMaxUsers: z.coerce.number({ error: 'must be a number' }).int().min(1).default(200),
      /** How often a node sends a large topic's counts while they change. */
      countIntervalMs: positiveMs.default(2_000),
    })
    .strict(),
  notifications: z
    .object({
      /** The marketplace core's endpoint for offline notifications; unset disables them. */
      webhookUrl: urlWith(/^https?$/, 'http(s)').optional(),
      /** HMAC-SHA256 key of the X-Hubbub-Signature header. */
      webhookSecret: secret(
        z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.webhookSecret),
      ),
      /** Notifications of one user within this window go out as one webhook. */
      batchMs: positiveMs.default(15_000),
      /** Attempts per webhook, with exponential backoff, before it is kept as a dead letter. */
      attempts: count('attempts').default(8),
    })
    .strict(),
  // marketplace: signed event webhooks (docs/integration.md#6-events)
  events: z
    .object({
      /** The marketplace core's endpoint for Hubbub's events; unset disables them. */
      webhookUrl: urlWith(/^https?$/, 'http(s)').optional(),
      /** HMAC-SHA256 key of the events' X-Hubbub-Signature header. */
      webhookSecret: secret(
        z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.webhookSecret),
      ),
      /** Delivery attempts per event, the first included, before it is kept as a dead letter. */
      attempts: count('attempts').default(10),
      /** First retry delay of a failed delivery, doubled per retry. */
      backoffMs: positiveMs.default(1_000),
    })
    .strict(),
  scoring: z
    .object({
      /** Scoring jobs one worker process runs at once. */
      concurrency: count('concurrency').default(4),
      /** A scoring job's lock: a dead worker's job is taken over about this long after. */
      lockMs: positiveMs.default(30_000),
      /** How often workers look for jobs whose lock expired. */
      stalledIntervalMs: positiveMs.default(30_000),
      /** How often a worker checks for a newer spam model (no restart needed). */
      modelPollMs: positiveMs.default(5_000),
      /** How often the spam model is retrained from moderators' decisions. */
      retrainEveryMs: positiveMs.default(24 * 3600_000),
    })
    .strict(),
  chatwoot: z
    .object({
      /** Chatwoot's base URL; unset disables the support inbox and its routes. */
      baseUrl: urlWith(/^https?$/, 'http(s)').optional(),
      /** An agent's or agent bot's access token (header api_access_token). */
      apiAccessToken: secret(z.string().default('')),
      accountId: count('account ids').default(1),
      /** The API-channel inbox where members' support conversations live. */
      inboxId: count('inbox ids').default(1),
      /** The inbox's HMAC token: contacts carry identifier_hash = HMAC-SHA256(user id). */
      hmacToken: secret(z.string().default('')),
      /** Key of X-Chatwoot-Signature on the webhooks Chatwoot sends to /webhooks/chatwoot. */
      webhookSecret: secret(
        z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.chatwootWebhookSecret),
      ),
      /** Webhooks whose X-Chatwoot-Timestamp is older than this are refused (replays). */
      webhookToleranceS: count('seconds').default(300),
      timeoutMs: positiveMs.default(10_000),
      /** Retries of one request on 429 and 5xx, honouring Retry-After. */
      retries: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(4),
      /** How often the reconciliation job compares Hubbub's conversations with Chatwoot's. */
      reconcileEveryMs: positiveMs.default(300_000),
    })
    .strict(),
  inbox: z
    .object({
      /** Assignment policy: round_robin, fewest_open, or none (leave it to Chatwoot). */
      routing: z.enum(['round_robin', 'fewest_open', 'none']).default('round_robin'),
      /** Open conversations an agent may hold before routing passes them over. */
      agentCapacity: count('conversations').default(5),
      /** Business hours for SLA clocks, such as `mon-fri 09:00-17:00`; empty means around the clock. */
      businessHours: z.string().default(''),
      /** IANA time zone of the business hours. */
      timezone: z.string().min(1).default('UTC'),
      /** Team lead (marketplace user id) notified when an SLA is breached; empty for nobody. */
      teamLeadUserId: z.string().default(''),
      /**
       * Chatwoot agents as hub users, `<chatwoot agent id>=<marketplace user id>` separated by
       * commas: routing reads these agents' availability from the hub's presence (online while
       * they have a connection); agents not listed fall back to Chatwoot's availability_status.
       */
      agentUsers: z
        .string()
        .regex(/^\s*(\d+=[A-Za-z0-9_-]{1,64}\s*(,\s*\d+=[A-Za-z0-9_-]{1,64}\s*)*)?$/, {
          error: 'must be `<chatwoot agent id>=<user id>` pairs separated by commas',
        })
        .default(''),
      /** How often a worker checks agents' presence and reassigns the conversations of absent ones. */
      presenceCheckMs: positiveMs.default(30_000),
      /** An agent counts as gone (their conversations move) after being offline this long. */
      offlineGraceMs: z.coerce
        .number({ error: 'must be a number of milliseconds' })
        .int()
        .min(0)
        .default(60_000),
    })
    .strict(),
  demo: z
    .object({
      /**
       * Local development and tests only: the demo page and `POST /demo/token` (tokens for any
       * persona), and the built-in public development secrets. Off by default; refused in
       * production.
       */
      enabled: booleanLike.default(false),
    })
    .strict(),
  audit: z
    .object({
      /**
       * The server's key for privacy and audit: erased users' pseudonyms, the audit chain's HMAC
       * and its signed checkpoints are all derived from it. Keep it stable: another key makes
       * verification of the chains written before fail (and pseudonyms differ).
       */
      secret: secret(z.string().min(32, 'must be at least 32 characters').default(DEV_SECRETS.auditSecret)),
    })
    .strict(),
  // attachments (chat files and images; the store is the objects section's)
  attachments: z
    .object({
      /** The largest file a member may upload, unless the community sets a smaller limit. */
      maxBytes: count('bytes').default(25 * 1024 * 1024),
      /** Files per message, unless the community sets fewer. */
      maxPerMessage: count('files').max(50).default(10),
      /** Lifetime of a signed download URL. */
      urlTtlS: count('seconds').max(3600).default(300),
      /** An upload no sent message references is deleted after this long (the sweep's bound). */
      pendingTtlS: count('seconds').default(24 * 3600),
      /** Larger images are refused (decompression bombs): width × height. */
      maxImagePixels: count('pixels').default(40_000_000),
      /**
       * Images sharp re-encodes at once on one node; more uploads wait (their bodies paused), so
       * memory is bounded by this, not by the number of parallel uploads.
       */
      imageConcurrency: count('images').max(64).default(2),
    })
    .strict(),
  shutdown: z
    .object({
      /** Bound on a graceful shutdown; past it the process exits anyway, with status 1. */
      timeoutMs: positiveMs.default(10_000),
    })
    .strict(),
  readiness: z
    .object({
      /** How long one dependency check may take before it counts as down. */
      timeoutMs: positiveMs.default(1_000),
    })
    .strict(),
  objects: z
    .object({
      /** Where uploaded files are kept: GridFS in the hub's MongoDB, or an S3-compatible server. */
      backend: z.enum(['gridfs', 's3']).default('gridfs'),
    })
    .strict(),
  s3: z
    .object({
      /** An S3-compatible server's URL; unset is AWS S3 itself (the region's endpoint). */
      endpoint: urlWith(/^https?$/, 'http(s)').optional(),
      /** The bucket, created beforehand: the hub never creates one. Required with backend s3. */
      bucket: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 of a-z, 0-9, . and -)')
        .optional(),
      region: z.string().min(1).default('us-east-1'),
      /** Static credentials; both unset: the SDK's chain (environment, profile, instance role). */
      accessKeyId: z.string().optional(),
      secretAccessKey: secret(z.string().optional()),
      /** The bucket in the URL's path rather than its host name (most S3-compatible servers). */
      forcePathStyle: booleanLike.default(false),
    })
    .strict(),
  // The permission checks' cache of members (community/directory.ts).
  permissions: z
    .object({
      /** Communities of at most this many members (and as many bans) are read whole on a member's
       * first lookup, one query each; larger ones member by member, in batches. 0: never whole. */
      rosterMaxMembers: z.coerce.number({ error: 'must be a number' }).int().min(0).default(20_000),
    })
    .strict(),
} as const;

type Sections = typeof sections;
type SectionShape = { [K in keyof Sections]: z.ZodPrefault<Sections[K]> };

export const configSchema = z
  .object({
    env: z.enum(['development', 'test', 'production']).default('development'),
    ...(Object.fromEntries(
      Object.entries(sections).map(([name, section]) => [name, (section as z.ZodObject).prefault({})]),
    ) as SectionShape),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.presence.refreshMs * 2 > config.presence.ttlMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['presence', 'refreshMs'],
        message: 'must be at most half of presence.ttlMs, or live connections would expire',
      });
    }
    if (config.chatwoot.baseUrl && !config.chatwoot.apiAccessToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['chatwoot', 'apiAccessToken'],
        message: 'must be set when chatwoot.baseUrl is',
      });
    }
    if (config.objects.backend === 's3' && !config.s3.bucket) {
      ctx.addIssue({
        code: 'custom',
        path: ['s3', 'bucket'],
        message: 'must be set when objects.backend is s3',
      });
    }
    if (Boolean(config.s3.accessKeyId) !== Boolean(config.s3.secretAccessKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['s3', config.s3.accessKeyId ? 'secretAccessKey' : 'accessKeyId'],
        message: 'must be set together with s3.accessKeyId and s3.secretAccessKey (or neither)',
      });
    }
    if (config.env !== 'production') {
      if (!config.demo.enabled) refuseBuiltInSecrets(config, ctx);
      return;
    }
    if (config.demo.enabled) {
      ctx.addIssue({ code: 'custom', path: ['demo', 'enabled'], message: 'must be false in production' });
    }
    if (config.notifications.webhookUrl && config.notifications.webhookSecret === DEV_SECRETS.webhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['notifications', 'webhookSecret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (config.events.webhookUrl && config.events.webhookSecret === DEV_SECRETS.webhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['events', 'webhookSecret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (config.chatwoot.baseUrl && config.chatwoot.webhookSecret === DEV_SECRETS.chatwootWebhookSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['chatwoot', 'webhookSecret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (!config.auth.jwksUrl && config.auth.jwtSecret === DEV_SECRETS.jwtSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'jwtSecret'],
        message: 'must be set in production (or auth.jwksUrl), not the development default',
      });
    }
    if (config.audit.secret === DEV_SECRETS.auditSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['audit', 'secret'],
        message: 'must be set in production, not the development default',
      });
    }
    if (config.livekit.apiSecret === DEV_SECRETS.livekitApiSecret || config.livekit.apiSecret.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['livekit', 'apiSecret'],
        message: 'must be set to a secret of at least 32 characters in production',
      });
    }
  });

/**
 * Outside production, the built-in development secrets are public knowledge too: anyone could
 * sign a token or a webhook with them. Accepted only when demo mode is switched on.
 */
function refuseBuiltInSecrets(
  config: Pick<Config, 'auth' | 'livekit' | 'notifications' | 'chatwoot' | 'audit' | 'events'>,
  ctx: z.RefinementCtx,
): void {
  const builtIn: [path: string[], inUse: boolean][] = [
    [['auth', 'jwtSecret'], !config.auth.jwksUrl && config.auth.jwtSecret === DEV_SECRETS.jwtSecret],
    [['livekit', 'apiSecret'], config.livekit.apiSecret === DEV_SECRETS.livekitApiSecret],
    [['audit', 'secret'], config.audit.secret === DEV_SECRETS.auditSecret],
    [
      ['notifications', 'webhookSecret'],
      Boolean(config.notifications.webhookUrl) &&
        config.notifications.webhookSecret === DEV_SECRETS.webhookSecret,
    ],
    [
      ['events', 'webhookSecret'],
      Boolean(config.events.webhookUrl) && config.events.webhookSecret === DEV_SECRETS.webhookSecret,
    ],
    [
      ['chatwoot', 'webhookSecret'],
      Boolean(config.chatwoot.baseUrl) && config.chatwoot.webhookSecret === DEV_SECRETS.chatwootWebhookSecret,
    ],
  ];
  for (const [path, inUse] of builtIn) {
    if (!inUse) continue;
    ctx.addIssue({
      code: 'custom',
      path,
      message:
        'must be set: the built-in development value is accepted only with demo.enabled (HUB_DEMO_ENABLED=true), for local development and tests',
    });
  }
}

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Whether the field at this path holds a secret. */
export function isSecretPath(section: string, key: string): boolean {
  const shape = (sections as Record<string, z.ZodObject>)[section]?.shape;
  const field = shape?.[key];
  return Boolean(field?.meta()?.['secret']);
}
