// Q&A of a live session, in Redis so every hub node reads and writes one state: questions,
// upvotes (one per user, by a Lua script), answered / dismissed, sorted live: open questions
// first by upvotes, then oldest first; answered after them; dismissed and held ones are shown
// to hosts only.
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import type { SessionKeys } from '../keys.js';

import { QUESTION_STATUSES, type LiveQuestion, type QuestionStatus } from '../../protocol/index.js';

export { QUESTION_STATUSES, type QuestionStatus };
export const MAX_QUESTIONS = 1_000;
export const MAX_QUESTIONS_PER_USER = 20;

/** A stored question: the wire shape without its votes. */
export type Question = Omit<LiveQuestion, 'upvotes' | 'youUpvoted'>;

/** A question with its upvotes, as the routes and broadcasts carry it. */
export type RankedQuestion = LiveQuestion;

export class QaStore {
  private readonly voteScript: Script<[number, number]>;

  constructor(private readonly redis: RedisClient) {
    this.voteScript = defineScript(
      redis,
      'hubLiveQuestionVote',
      new URL('./question-vote.lua', import.meta.url),
      3,
    );
  }

  /** Adds a question; null when the session or its author has asked too many. */
  async ask(keys: SessionKeys, q: Omit<Question, 'id' | 'createdAt'>): Promise<Question | null> {
    const all = await this.redis.hvals(keys.questions);
    if (all.length >= MAX_QUESTIONS) return null;
    const mine = all.filter((raw) => (JSON.parse(raw) as Question).authorId === q.authorId).length;
    if (mine >= MAX_QUESTIONS_PER_USER) return null;
    const question: Question = { ...q, id: randomBytes(6).toString('base64url'), createdAt: Date.now() };
    await this.redis
      .multi()
      .hset(keys.questions, question.id, JSON.stringify(question))
      .zadd(keys.questionScores, '0', question.id)
      .hincrby(keys.counters, 'questions', 1)
      .exec();
    return question;
  }

  /** 'missing' when there is no such question. */
  async vote(
    keys: SessionKeys,
    questionId: string,
    userId: string,
    up: boolean,
  ): Promise<{ changed: boolean; upvotes: number } | 'missing'> {
    const [changed, upvotes] = await this.voteScript(
      keys.questionVoters(questionId),
      keys.questions,
      keys.questionScores,
      userId,
      questionId,
      up ? '1' : '0',
    );
    return changed === -1 ? 'missing' : { changed: changed === 1, upvotes };
  }

  async get(keys: SessionKeys, questionId: string): Promise<Question | null> {
    const raw = await this.redis.hget(keys.questions, questionId);
    return raw ? (JSON.parse(raw) as Question) : null;
  }

  async setStatus(keys: SessionKeys, question: Question, status: QuestionStatus): Promise<Question> {
    const updated = { ...question, status };
    await this.redis.hset(keys.questions, question.id, JSON.stringify(updated));
    return updated;
  }

  /** Every question, sorted; `forUser` marks their own upvotes. */
  async list(keys: SessionKeys, forUser?: string): Promise<RankedQuestion[]> {
    const [raw, scores] = await Promise.all([
      this.redis.hgetall(keys.questions),
      this.redis.zrange(keys.questionScores, '0', '-1', 'WITHSCORES'),
    ]);
    const upvotes = new Map<string, number>();
    for (let i = 0; i < scores.length; i += 2) upvotes.set(scores[i] as string, Number(scores[i + 1]));
    const ranked = Object.values(raw).map((r) => {
      const q = JSON.parse(r) as Question;
      return { ...q, upvotes: upvotes.get(q.id) ?? 0 };
    });
    ranked.sort(compareQuestions);
    if (!forUser) return ranked;
    const mine = await Promise.all(
      ranked.map((q) => this.redis.sismember(keys.questionVoters(q.id), forUser)),
    );
    return ranked.map((q, i) => ({ ...q, youUpvoted: mine[i] === 1 }));
  }

  /** Keys to delete when the session's state is forgotten. */
  async keysOf(keys: SessionKeys): Promise<string[]> {
    const ids = await this.redis.hkeys(keys.questions);
    return [keys.questions, keys.questionScores, ...ids.map((id) => keys.questionVoters(id))];
  }
}

const STATUS_ORDER: Record<QuestionStatus, number> = { open: 0, answered: 1, held: 2, dismissed: 3 };

export function compareQuestions(a: RankedQuestion, b: RankedQuestion): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    b.upvotes - a.upvotes ||
    a.createdAt - b.createdAt ||
    a.id.localeCompare(b.id)
  );
}
