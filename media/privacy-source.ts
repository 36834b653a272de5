// A member's live-session data, for export and erasure (community/privacy.ts runs it with the
// rest): their interest marks, the questions they asked (in running sessions' Redis state and in
// the results saved with ended ones), their votes and hands, and where they host. Erasure deletes
// interest, questions, votes and live presence; a session they host keeps its host as the
// pseudonym. Running sessions are told (`afterErase`: the hub node sends the new questions and
// stage to the LiveKit room and every node's Colyseus rooms); an erasure from the command line
// has no node to send them, so running rooms show the old lists until their next change.
import type { Connection } from 'mongoose';
import type { UserDataSource } from '../community/privacy.js';
import type { LiveQuestion } from '../protocol/live-session.js';
import type { RedisClient } from '../storage/redis.js';
import type { MediaKeys } from './keys.js';
import { liveSessionModel, interestModel } from './sessions/session.model.js';

interface SavedResults {
  questions?: LiveQuestion[];
  polls?: unknown[];
}

export function mediaPrivacySource(
  connection: Connection,
  redis: RedisClient,
  keys: MediaKeys,
  afterErase?: (sessionId: string) => Promise<void>,
): UserDataSource {
  const Sessions = liveSessionModel(connection);
  const Interest = interestModel(connection);

  /** The questions of a running session, as stored: id -> JSON. */
  const liveQuestions = async (sessionId: string) =>
    Object.entries(await redis.hgetall(keys.session(sessionId).questions)).map(
      ([id, raw]) => [id, JSON.parse(raw) as LiveQuestion] as const,
    );
  const running = () =>
    Sessions.find({ status: { $in: ['scheduled', 'live'] } }, { _id: 1 }).lean<
      { _id: { toHexString(): string } }[]
    >();

  return {
    name: 'liveSessions',
    async export(userId) {
      const interest = await Interest.find({ userId }).lean();
      const ended = await Sessions.find({ 'results.questions.authorId': userId }, { results: 1 }).lean();
      const questions = ended.flatMap((s) =>
        ((s.results as SavedResults | null)?.questions ?? [])
          .filter((q) => q.authorId === userId)
          .map((q) => ({ sessionId: s._id.toHexString(), text: q.text, createdAt: q.createdAt })),
      );
      for (const s of await running()) {
        const sessionId = s._id.toHexString();
        for (const [, q] of await liveQuestions(sessionId)) {
          if (q.authorId === userId) questions.push({ sessionId, text: q.text, createdAt: q.createdAt });
        }
      }
      const hosted = await Sessions.find({ hostIds: userId }, { _id: 1 }).lean();
      return {
        interest: interest.map((i) => ({ sessionId: i.sessionId.toHexString(), at: i.at.toISOString() })),
        questions,
        hosts: hosted.map((s) => s._id.toHexString()),
      };
    },
    async erase(userId, pseudonym) {
      let erased = (await Interest.deleteMany({ userId })).deletedCount;
      for (const s of await Sessions.find({ 'results.questions.authorId': userId }, { results: 1 }).lean()) {
        const results = s.results as SavedResults;
        const questions = (results.questions ?? []).filter((q) => q.authorId !== userId);
        erased += (results.questions?.length ?? 0) - questions.length;
        await Sessions.updateOne({ _id: s._id }, { $set: { 'results.questions': questions } });
      }
      await Sessions.updateMany({ hostIds: userId }, { $set: { 'hostIds.$': pseudonym } });
      for (const s of await running()) {
        const k = keys.session(s._id.toHexString());
        const questions = await liveQuestions(s._id.toHexString());
        const mine = questions.filter(([, q]) => q.authorId === userId).map(([id]) => id);
        if (mine.length > 0) {
          await redis.hdel(k.questions, ...mine);
          await redis.zrem(k.questionScores, ...mine);
          await redis.del(...mine.map((id) => k.questionVoters(id)));
          erased += mine.length;
        }
        for (const [id] of questions) await redis.srem(k.questionVoters(id), userId);
        for (const pollId of await redis.hkeys(k.polls)) await redis.hdel(k.pollVotes(pollId), userId);
        await redis.srem(k.pollVoters, userId);
        await redis.zrem(k.hands, userId);
        await redis.srem(k.stage, userId);
        await redis.srem(k.blocked, userId);
        await redis.srem(k.onAir, userId);
        await redis.hdel(k.present, userId);
        await afterErase?.(s._id.toHexString());
      }
      return erased;
    },
  };
}
