// The one place a broker is built from configuration: the process's command connection, a
// subscriber connection of its own (it enters subscriber mode), and the history settings. Hub
// nodes, workers and the CLI all build it here.
import type { Config } from '../../config/index.js';
import type { Redis } from '../../storage/redis.js';
import { RedisBroker } from './broker.redis.js';

/**
 * @param redis the process's command connection (the broker quits it on close unless `shared`)
 * @param name names the subscriber connection in CLIENT LIST
 */
export function brokerFromConfig(config: Config, redis: Redis, name: string): RedisBroker {
  // A copy of the command connection's settings that connects on its first SSUBSCRIBE only, so a
  // process that only publishes (a worker, the CLI) never opens it.
  const subscriber = redis.duplicate({
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectionName: `${name}-sub`,
  });
  subscriber.on('error', () => undefined); // outages are readiness's to report
  return new RedisBroker(redis, subscriber, {
    keyPrefix: config.redis.keyPrefix,
    historyMaxCount: config.history.recentMaxCount,
    historyMaxAgeMs: config.history.recentMaxAgeS * 1000,
    idleExpiryMs: config.history.idleExpiryS * 1000,
  });
}
