// Polls of a live session, in Redis: single or multiple choice, one vote per user and only
// while open (a Lua script decides both at once, whichever hub node the vote arrives on), live
// results, closing.
import { randomBytes } from 'node:crypto';
import type { LivePoll } from '../../protocol/index.js';
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import type { SessionKeys } from '../keys.js';

export const MAX_POLLS = 50;

/** A stored poll: the wire shape without its results. */
export type Poll = Omit<LivePoll, 'counts' | 'voters' | 'yourChoices'>;

/** A poll with its live results, as the routes and broadcasts carry it. */
export type PollResults = LivePoll;

export type VoteOutcome = 'ok' | 'no_poll' | 'closed' | 'already' | 'bad_choice';

export class PollStore {
  private readonly voteScript: Script<VoteOutcome>;
  private readonly closeScript: Script<number>;

  constructor(private readonly redis: RedisClient) {
    this.voteScript = defineScript(redis, 'hubLivePollVote', new URL('./poll-vote.lua', import.meta.url), 4);
    this.closeScript = defineScript(
      redis,
      'hubLivePollClose',
      new URL('./poll-close.lua', import.meta.url),
      1,
    );
  }

  async create(keys: SessionKeys, p: Pick<Poll, 'question' | 'options' | 'multiple' | 'createdBy'>) {
    if ((await this.redis.hlen(keys.polls)) >= MAX_POLLS) return null;
    const poll: Poll = {
      ...p,
      id: randomBytes(6).toString('base64url'),
      status: 'open',
      createdAt: Date.now(),
    };
    await this.redis.hset(keys.polls, poll.id, JSON.stringify(poll));
    return poll;
  }

  vote(keys: SessionKeys, pollId: string, userId: string, choices: number[]): Promise<VoteOutcome> {
    const distinct = [...new Set(choices)].sort((a, b) => a - b);
    return this.voteScript(
      keys.polls,
      keys.pollVotes(pollId),
      keys.pollTally(pollId),
      keys.pollVoters,
      pollId,
      userId,
      JSON.stringify(distinct),
    );
  }

  /** 'missing', 'already' (closed before), or 'closed' now. */
  async close(keys: SessionKeys, pollId: string): Promise<'missing' | 'already' | 'closed'> {
    const done = await this.closeScript(keys.polls, pollId, Date.now());
    return done === -1 ? 'missing' : done === 0 ? 'already' : 'closed';
  }

  async results(keys: SessionKeys, pollId: string, forUser?: string): Promise<PollResults | null> {
    const raw = await this.redis.hget(keys.polls, pollId);
    if (!raw) return null;
    const poll = JSON.parse(raw) as Poll;
    const [tally, voters, mine] = await Promise.all([
      this.redis.hgetall(keys.pollTally(pollId)),
      this.redis.hlen(keys.pollVotes(pollId)),
      forUser ? this.redis.hget(keys.pollVotes(pollId), forUser) : Promise.resolve(null),
    ]);
    return {
      ...poll,
      counts: poll.options.map((_, i) => Number(tally[String(i)] ?? 0)),
      voters,
      ...(mine ? { yourChoices: JSON.parse(mine) as number[] } : {}),
    };
  }

  async list(keys: SessionKeys, forUser?: string): Promise<PollResults[]> {
    const ids = await this.redis.hkeys(keys.polls);
    const all = await Promise.all(ids.map((id) => this.results(keys, id, forUser)));
    return all.filter((p): p is PollResults => p !== null).sort((a, b) => a.createdAt - b.createdAt);
  }

  async keysOf(keys: SessionKeys): Promise<string[]> {
    const ids = await this.redis.hkeys(keys.polls);
    return [keys.polls, keys.pollVoters, ...ids.flatMap((id) => [keys.pollVotes(id), keys.pollTally(id)])];
  }
}
