// The one place a broker is built from configuration: the process's command connection, a
// subscriber connection of its own (it enters subscriber mode), and the history settings. Hub
// nodes, workers and the CLI all build it here.
import type { Config } from '../../config/index.js';
import { isCluster, type RedisClient } from '../../storage/redis.js';
import { RedisBroker } from './broker.redis.js';

/**
 * @param redis the process's command connection (the broker quits it on close unless `shared`)
 * @param name names the subscriber connection in CLIENT LIST
 */
export function brokerFromConfig(config: Config, redis: RedisClient, name: string): RedisBroker {
  // A connection of the same Redis or cluster, opened on its first SSUBSCRIBE only: a process that
  // only publishes (a worker, the CLI) never opens it. SSUBSCRIBE waits out an outage (no retry
  // bound); on a cluster ioredis keeps one sharded subscriber per master itself.
  const subscriber = isCluster(redis)
    ? redis.duplicate(undefined, { lazyConnect: true })
    : redis.duplicate({ lazyConnect: true, maxRetriesPerRequest: null, connectionName: `${name}-sub` });
  subscriber.on('error', () => undefined); // outages are readiness's to report
  return new RedisBroker(redis, subscriber, {
    keyPrefix: config.redis.keyPrefix,
    historyMaxCount: config.history.recentMaxCount,
    historyMaxAgeMs: config.history.recentMaxAgeS * 1000,
    idleExpiryMs: config.history.idleExpiryS * 1000,
  });
}
