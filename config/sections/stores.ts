// Configuration sections of the shared stores: Redis (`redis`), MongoDB (`mongodb`), the channels'
// recent history and write-ahead registry (`history`) and presence (`presence`). Composed in
// ../schema.ts.
import { z } from 'zod';
import { booleanLike, count, positiveMs, secret, urlWith, commaList } from './fields.js';
import ports from '../ports.json' with { type: 'json' };

export const redis = z
  .object({
    /** A standalone Redis. Ignored when clusterNodes is set (setting both is refused at load). */
    url: secret(urlWith(/^rediss?$/, 'redis(s)').default(`redis://127.0.0.1:${ports.dev.redis}`)),
    /** Seed nodes of a Redis Cluster, `host:port,host:port`: used instead of url when set. */
    clusterNodes: commaList(
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
    ).optional(),
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
  .strict();

export const mongodb = z
  .object({
    url: secret(
      urlWith(/^mongodb(\+srv)?$/, 'mongodb').default(`mongodb://127.0.0.1:${ports.dev.mongodb}/hubbub`),
    ),
  })
  .strict();

export const history = z
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
  .strict();

export const presence = z
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
  .strict();
