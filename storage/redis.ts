// Redis connections. ioredis keeps reconnecting forever with a capped backoff, so a Redis
// restart heals without restarting the hub; readiness reports the outage meanwhile.
import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

export interface RedisConnectionOptions {
  /** A name shown in CLIENT LIST, to tell hub nodes, workers and subscribers apart. */
  name: string;
  /**
   * BullMQ's blocking connections need null (commands wait for a reconnect). Request/response
   * users keep a bound, so a Redis outage turns into errors instead of hung requests.
   */
  maxRetriesPerRequest?: number | null;
}

export function createRedis(url: string, { name, maxRetriesPerRequest = 2 }: RedisConnectionOptions): Redis {
  const options: RedisOptions = {
    connectionName: name,
    maxRetriesPerRequest,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    lazyConnect: false,
  };
  const redis = new Redis(url, options);
  // Errors while disconnected are reported through readiness; without a listener ioredis
  // would print each one as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}
