// A live session's summary for its hosts, once it has ended: audience (peak, average over the
// live time, joins), watch time, hand raises, the Q&A's outcome, every poll's final results and
// reactions over time. Computed from what the session document saved when it ended (telemetry
// `summary`, Q&A and poll `results`); nothing is read from Redis, whose state is gone by then.
import type { LiveSessionSummary } from '../../protocol/index.js';
import type { SessionDoc } from '../sessions/access.js';
import type { SessionResults } from '../state/live-state.js';

export function sessionSummary(session: SessionDoc): LiveSessionSummary {
  const saved = session.summary;
  const results = (session.results ?? {}) as Partial<SessionResults>;
  const endedAt = session.endedAt ?? new Date();
  const durationS = session.startedAt
    ? Math.max(0, Math.round((endedAt.getTime() - session.startedAt.getTime()) / 1000))
    : 0;
  const totalWatchS = saved?.totalWatchS ?? 0;
  const questions = results.questions ?? [];
  const count = (status: string) => questions.filter((q) => q.status === status).length;
  const byMinute = (saved?.reactionsByMinute ?? []).map((m) => ({
    at: m.at.toISOString(),
    counts: m.counts as Record<string, number>,
  }));
  const byEmoji: Record<string, number> = {};
  for (const minute of byMinute)
    for (const [emoji, n] of Object.entries(minute.counts)) byEmoji[emoji] = (byEmoji[emoji] ?? 0) + n;
  return {
    sessionId: session._id.toHexString(),
    title: session.title,
    startedAt: session.startedAt ? session.startedAt.toISOString() : null,
    endedAt: endedAt.toISOString(),
    durationS,
    audience: {
      peak: saved?.peakParticipants ?? 0,
      // The time-weighted mean of the participants present: the sum of every stay over the time.
      average: durationS === 0 ? 0 : Math.round((totalWatchS / durationS) * 10) / 10,
      joins: saved?.joins ?? 0,
    },
    watch: { totalS: totalWatchS, averageS: saved?.averageWatchS ?? 0 },
    handRaises: saved?.handRaises ?? 0,
    questions: {
      asked: questions.length,
      answered: count('answered'),
      open: count('open'),
      dismissed: count('dismissed'),
      held: count('held'),
    },
    polls: [...(results.polls ?? [])]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(({ id, question, options, multiple, counts, voters }) => ({
        id,
        question,
        options,
        multiple,
        counts,
        voters,
      })),
    reactions: {
      total: Object.values(byEmoji).reduce((sum, n) => sum + n, 0),
      byEmoji,
      byMinute,
    },
  };
}
