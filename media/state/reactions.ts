// Emoji reactions of a live session, aggregated per second across hub nodes: each reaction
// increments its second's counter in Redis; just after the second ends, the first node to claim
// it (SET NX) sends the second's counts into the LiveKit room as one data message. Each reaction
// is also counted per minute for the session's summary (reactions over time), kept until the
// session ends.
import type { RedisClient } from '../../storage/redis.js';
import type { SessionKeys } from '../keys.js';

import { REACTIONS, type LiveStateMessage, type Reaction } from '../../protocol/index.js';

export { REACTIONS, type Reaction };

export type ReactionsMessage = Extract<LiveStateMessage, { kind: 'reactions' }>;

const KEEP_S = 30;

export class ReactionAggregator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly redis: RedisClient,
    private readonly send: (sessionId: string, message: ReactionsMessage) => Promise<void>,
  ) {}

  async react(sessionId: string, keys: SessionKeys, emoji: Reaction, nowMs = Date.now()): Promise<void> {
    const second = Math.floor(nowMs / 1000);
    const key = keys.reactions(second);
    const minute = Math.floor(nowMs / 60_000) * 60_000;
    await this.redis
      .multi()
      .hincrby(key, emoji, 1)
      .expire(key, KEEP_S)
      .hincrby(keys.reactionsByMinute, `${minute}:${emoji}`, 1)
      .exec();
    const timer = `${sessionId}:${second}`;
    if (this.timers.has(timer)) return;
    const wait = (second + 1) * 1000 + 100 - nowMs;
    this.timers.set(
      timer,
      setTimeout(() => {
        this.timers.delete(timer);
        void this.flush(sessionId, keys, second);
      }, wait).unref(),
    );
  }

  /** Sends one second's counts, once across all nodes. */
  async flush(sessionId: string, keys: SessionKeys, second: number): Promise<void> {
    const claimed = await this.redis.set(keys.reactionsFlushed(second), '1', 'EX', KEEP_S, 'NX');
    if (claimed === null) return;
    const raw = await this.redis.hgetall(keys.reactions(second));
    const counts = Object.fromEntries(Object.entries(raw).map(([emoji, n]) => [emoji, Number(n)]));
    if (Object.keys(counts).length > 0) await this.send(sessionId, { kind: 'reactions', second, counts });
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
