// The cap on a user's pending uploads per scope: a community's channels, their direct
// conversations, or support (every support conversation, and those not started yet, whatever
// community they name: a conversation may name any, so support uploads cannot escape the cap
// by naming many). A Redis ZSET of the uploads reserved and not yet claimed, shared by every
// hub node, holds a scope's. An upload
// reserves its place before its body is read (one script: check and add together, so parallel
// uploads cannot all pass), gives it back when it stores nothing, and a message claiming it
// gives it back too. A place not given back (a node died meanwhile) lapses with the pending
// lifetime, when the sweep deletes such an upload anyway.
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import { keySpace, type KeySpace } from '../../storage/redis-keys.js';

export type Reservation = { reserved: true } | { reserved: false; retryAfterMs: number };

/** Where an upload or a claim is: a channel's (of a community, or direct), or support's. */
export type PendingPlace = { communityId: string | null } & (
  | { channelId: string }
  | { conversationId: string }
  | { newConversation: true }
  | { startsConversation: string }
);

/** The scope an upload counts in: its community, 'dm', or 'support'. */
export function pendingScope(place: PendingPlace): string {
  if (!('channelId' in place)) return 'support';
  return place.communityId ?? 'dm';
}

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

  /** A place for upload `id` of `ownerId` in its scope, unless `max` are pending there already. */
  async reserve(ownerId: string, place: PendingPlace, id: string, max: number): Promise<Reservation> {
    const [reserved, retryAfterMs] = await this.reserveScript(
      this.keys.pendingUploads(ownerId, pendingScope(place)),
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
  async release(ownerId: string, place: PendingPlace, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis.zrem(this.keys.pendingUploads(ownerId, pendingScope(place)), ...ids).catch(() => 0);
  }

  /** Erasure: the user's counts in these scopes go (their keys name the user). */
  async forget(ownerId: string, scopes: Iterable<string>): Promise<void> {
    // One key per command: on a Redis Cluster each scope's key has a slot of its own.
    await Promise.all(
      [...new Set(scopes)].map((scope) => this.redis.del(this.keys.pendingUploads(ownerId, scope))),
    );
  }
}
