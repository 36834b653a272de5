// Which worker processes are alive: each worker renews its entry on a heartbeat; an entry whose
// expiry passed belongs to a dead process and no longer counts.
import type { RedisClient } from './redis.js';
import { keySpace } from './redis-keys.js';

export const WORKER_HEARTBEAT_MS = 5_000;
/** A worker that missed this long of heartbeats is counted as gone. */
export const WORKER_EXPIRY_MS = 3 * WORKER_HEARTBEAT_MS;

export class WorkerRegistry {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
  ) {
    this.key = keySpace(keyPrefix).workers;
  }

  async beat(workerId: string, now = Date.now()): Promise<void> {
    await this.redis.zadd(this.key, now + WORKER_EXPIRY_MS, workerId);
  }

  async leave(workerId: string): Promise<void> {
    await this.redis.zrem(this.key, workerId);
  }

  /** The ids of live workers; forgets the expired ones. */
  async alive(now = Date.now()): Promise<string[]> {
    await this.redis.zremrangebyscore(this.key, '-inf', String(now));
    return this.redis.zrange(this.key, '0', '-1');
  }
}
