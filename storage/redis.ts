// Redis connections: the one factory every process uses (hub, worker, CLI, queues, Colyseus). It
// builds a standalone ioredis `Redis` from `redis.url`, or an ioredis `Cluster` from
// `redis.clusterNodes` (HUB_REDIS_CLUSTER_NODES). Both keep reconnecting forever with a capped
// backoff, so a Redis restart or a cluster failover heals without restarting the hub; readiness
// reports the outage meanwhile.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Config } from '../config/index.js';

export type { Redis, Cluster };

/** A connection to either a standalone Redis or a Redis Cluster: both speak the same commands. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the `redis` section of the configuration (its keyPrefix is not needed). */
export type RedisTarget = Pick<Config['redis'], 'url' | 'clusterNodes'>;

export interface RedisConnectionOptions {
  /** A name shown in CLIENT LIST, to tell hub nodes, workers and subscribers apart. */
  name: string;
  /**
   * BullMQ's blocking connections need null (commands wait for a reconnect). Request/response
   * users keep a bound, so a Redis outage turns into errors instead of hung requests.
   */
  maxRetriesPerRequest?: number | null;
  /** Prepended by ioredis to every key (not to pub/sub channels): for libraries that name their
   * own keys (Colyseus). Hubbub's own keys come from storage/redis-keys.ts instead. */
  keyPrefix?: string;
  /**
   * ioredis auto-pipelining: commands issued in one event-loop turn go out in one socket write,
   * but only one such batch is in flight per connection, so a command waits behind the batch
   * before it. Off by default; a hub node follows `redis.autoPipelining` (docs/benchmarks.md).
   */
  autoPipelining?: boolean;
}

const retryDelayMs = (attempt: number) => Math.min(50 * 2 ** attempt, 2_000);

/** The ioredis options of one connection (for a Cluster: of each node connection). */
export function redisOptions({
  name,
  maxRetriesPerRequest = 2,
  keyPrefix,
  autoPipelining = false,
}: RedisConnectionOptions): RedisOptions {
  return {
    connectionName: name,
    maxRetriesPerRequest,
    retryStrategy: retryDelayMs,
    lazyConnect: false,
    enableAutoPipelining: autoPipelining,
    ...(keyPrefix !== undefined && { keyPrefix }),
  };
}

/** A redis:// or rediss:// URL as ioredis options, for libraries that take options only. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = Number(u.pathname.slice(1) || 0);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(db > 0 && { db }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
  };
}

/**
 * The ioredis Cluster options. A failover is noticed through closed node connections and
 * MOVED/CLUSTERDOWN replies, which refresh the slot map (and every 5 s regardless). A dead node's
 * connection is not retried (no `clusterNodeRetryStrategy`): with it, commands for the failed
 * master's slots were measured to hang after its replica took over. Sharded subscribers: one SSUBSCRIBE connection per
 * master, resubscribed by ioredis when the slot map changes (failover, resharding).
 */
export function clusterOptions(options: RedisConnectionOptions): ClusterOptions {
  return {
    redisOptions: redisOptions(options),
    enableAutoPipelining: options.autoPipelining ?? false,
    clusterRetryStrategy: retryDelayMs,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    slotsRefreshInterval: 5_000,
    shardedSubscribers: true,
    enableReadyCheck: true,
    scaleReads: 'master',
  };
}

export function createRedis(target: RedisTarget, options: RedisConnectionOptions): RedisClient {
  const redis = target.clusterNodes
    ? new Cluster(target.clusterNodes, clusterOptions(options))
    : new Redis(target.url, redisOptions(options));
  // Errors while disconnected are reported through readiness; without a listener ioredis
  // would print each one as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}

/** Whether keys of different hash slots may not meet in one command (a Redis Cluster). */
export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}
