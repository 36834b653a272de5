// The cap on a user's pending uploads per community (their direct conversations count as one):
// a Redis ZSET of the uploads reserved and not yet claimed, shared by every hub node. An upload
// reserves its place before its body is read (one script: check and add together, so parallel
// uploads cannot all pass), gives it back when it stores nothing, and a message claiming it
// gives it back too. A place not given back (a node died meanwhile) lapses with the pending
// lifetime, when the sweep deletes such an upload anyway.
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import { keySpace, type KeySpace } from '../../storage/redis-keys.js';

export type Reservation = { reserved: true } | { reserved: false; retryAfterMs: number };

export class PendingUploads {
  private readonly keys: KeySpace;
  private readonly reserveScript: Script<[number, number]>;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    /** The pending lifetime (HUB_ATTACHMENTS_PENDING_TTL_S), in ms. */
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.keys = keySpace(keyPrefix);
    this.reserveScript = defineScript(
      redis,
      'hubPendingUploadReserve',
      new URL('./pending-reserve.lua', import.meta.url),
      1,
    );
  }

  /** A place for upload `id` of `ownerId` in the community, unless `max` are pending already. */
  async reserve(ownerId: string, communityId: string | null, id: string, max: number): Promise<Reservation> {
    const [reserved, retryAfterMs] = await this.reserveScript(
      this.keys.pendingUploads(ownerId, communityId),
      id,
      max,
      this.clock(),
      this.ttlMs,
    );
    return reserved === 1 ? { reserved: true } : { reserved: false, retryAfterMs };
  }

  /**
   * Gives places back: the uploads stored nothing, or a message claimed them. Never throws (Redis
   * down): what it was called after stands, and a place not given back lapses with the lifetime.
   */
  async release(ownerId: string, communityId: string | null, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis.zrem(this.keys.pendingUploads(ownerId, communityId), ...ids).catch(() => 0);
  }
}
