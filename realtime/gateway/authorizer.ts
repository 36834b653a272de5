// The authorization seam of the gateway: who may subscribe to and publish on which topic. The
// community domain supplies the real one (roles, channel overwrites, bans, timeouts); its
// decisions must come from memory on the hot path, with caches it keeps fresh itself.
import type { ErrorCode, Topic } from '../../protocol/index.js';
import type { AuthUser } from '../auth/token-verifier.js';

export type PublishDecision =
  | {
      allowed: true;
      /** Slowmode of the channel for this user; 0 or absent for none. */
      slowmodeMs?: number;
      /** The domain's view of the publisher, carried to the pipeline's later stages. */
      standing?: unknown;
    }
  | { allowed: false; code: ErrorCode; message?: string; retryAfterMs?: number };

export interface Authorizer {
  canSubscribe(user: AuthUser, topic: Topic): boolean | Promise<boolean>;
  canPublish(user: AuthUser, topic: Topic): PublishDecision | Promise<PublishDecision>;
}

/**
 * Deny unless allowed: a user may read their own topic (the hub publishes on it) and nothing
 * else. What a deployment without the community domain gets.
 */
export const ownTopicOnly: Authorizer = {
  canSubscribe: (user, topic) => topic.kind === 'user' && topic.userId === user.id,
  canPublish: () => ({ allowed: false, code: 'forbidden' }),
};
