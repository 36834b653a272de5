// The token buckets keyed by a user's id (their keys name the user), for erasure to forget:
// the REST API's per-user limit (realtime/transport/api/to-http-routes.ts), the publish limit
// (realtime/publish/pipeline.ts) and a live session room's message limit
// (media/room/room-services.ts). A new per-user bucket belongs in this list.
import type { UserDataSource } from '../community/privacy.js';
import type { RateLimiter } from '../realtime/limits/rate-limiter.js';

export const userBucketKeys = (userId: string): string[] => [
  `api:user:${userId}`,
  `pub:${userId}`,
  `live-room:${userId}`,
];

/** Erasure's share of the limits: the user's buckets go (nothing to export). */
export function rateLimitPrivacySource(limiter: RateLimiter): UserDataSource {
  return {
    name: 'rateLimits',
    export: () => Promise.resolve(undefined),
    async erase(userId) {
      const keys = userBucketKeys(userId);
      await limiter.forget(keys);
      return keys.length;
    },
  };
}
