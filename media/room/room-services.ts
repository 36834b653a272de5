// What a live session's room needs from its hub node: the snapshot to start from, the channel
// its changes arrive on, the audience's actions, each checked exactly like its REST twin (the
// session must still be visible to the member; then media/stage and media/state decide), and
// whether a seated member may still stay when something may have revoked their access.
import type { Logger } from 'pino';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import type { BucketSpec, RateLimiter } from '../../realtime/limits/rate-limiter.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { loadSession, viewableSession } from '../sessions/access.js';
import type { SessionRole } from '../stage/grants.js';
import { lowerHand, raiseHand, stageView } from '../stage/stage.js';
import type { LiveState } from '../state/live-state.js';
import type { RankedQuestion } from '../state/qa.js';
import type { Reaction } from '../state/reactions.js';
import type { RevocationFeed } from './revocations.js';
import type { LiveSnapshot } from './room-sync.js';

/** A reserved seat's data: who the hub let into the room, and as what. */
export interface RoomSeat {
  user: AuthUser;
  role: SessionRole;
}

export interface LiveRoomServices {
  log: Logger;
  /** The topic, on Colyseus' presence, the session's changes arrive on. */
  channel(sessionId: string): string;
  snapshot(sessionId: string): Promise<LiveSnapshot & { communityId: string }>;
  /** Whether the member may still be in the session (seen, not removed); a dependency that is
   * down answers true, so an outage does not empty every room (their next action is checked). */
  mayStay(sessionId: string, user: AuthUser): Promise<boolean>;
  /** Changes that may have taken a seated member's access, from every node. */
  revocations: RevocationFeed;
  limit(user: AuthUser, bucket: BucketSpec): Promise<void>;
  raiseHand(sessionId: string, user: AuthUser): Promise<number>;
  lowerHand(sessionId: string, user: AuthUser): Promise<void>;
  ask(sessionId: string, user: AuthUser, text: string): Promise<RankedQuestion>;
  upvote(sessionId: string, user: AuthUser, questionId: string, up: boolean): Promise<unknown>;
  vote(sessionId: string, user: AuthUser, pollId: string, choices: number[]): Promise<void>;
  react(sessionId: string, user: AuthUser, emoji: Reaction): Promise<void>;
}

export function liveRoomServices(
  ctx: MediaContext,
  state: LiveState,
  limiter: RateLimiter,
  revocations: RevocationFeed,
): LiveRoomServices {
  const session = (user: AuthUser, sessionId: string) => viewableSession(ctx, user, sessionId);
  return {
    log: ctx.log,
    channel: (sessionId) => ctx.keys.session(sessionId).roomTopic,
    async snapshot(sessionId) {
      const doc = await loadSession(ctx.connection, sessionId);
      const keys = ctx.keys.session(sessionId);
      const [stage, questions, polls] = await Promise.all([
        stageView(ctx, doc),
        state.qa.list(keys),
        state.polls.list(keys),
      ]);
      return {
        sessionId,
        communityId: doc.communityId.toHexString(),
        title: doc.title,
        status: doc.status,
        capacity: doc.capacity,
        stage,
        questions,
        polls,
      };
    },
    async mayStay(sessionId, user) {
      try {
        await viewableSession(ctx, user, sessionId);
        return true;
      } catch (err) {
        if (err instanceof HttpError && (err.code === 'not_found' || err.code === 'forbidden')) return false;
        ctx.log.warn({ err, sessionId, userId: user.id }, 'live room: re-checking a seat failed');
        return true;
      }
    },
    revocations,
    async limit(user, bucket) {
      const decision = await limiter.take(`live-room:${user.id}`, bucket);
      if (!decision.allowed)
        throw new HttpError('rate_limited', 'too many actions in this session; slow down');
    },
    raiseHand: async (sessionId, user) => raiseHand(ctx, await session(user, sessionId), user),
    lowerHand: async (sessionId, user) => lowerHand(ctx, await session(user, sessionId), user, user.id),
    ask: async (sessionId, user, text) => state.ask(await session(user, sessionId), user, text),
    upvote: async (sessionId, user, questionId, up) =>
      state.upvote(await session(user, sessionId), user, questionId, up),
    vote: async (sessionId, user, pollId, choices) => {
      await state.vote(await session(user, sessionId), user, pollId, choices);
    },
    react: async (sessionId, user, emoji) => state.react(await session(user, sessionId), user, emoji),
  };
}
