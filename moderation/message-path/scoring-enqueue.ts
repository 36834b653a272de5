// Hands stored community messages to the scoring workers, exactly once each:
// - per group commit: when a batch of publications is stored, one job carries the community
//   messages in it (a held message is judged by moderators instead), whole, so the worker reads
//   nothing back; off the sender's path, and the job id (a digest of the message ids)
//   deduplicates a repeated enqueue of the same batch;
// - repair: the workers sweep the messages stored between a watermark and a minute ago for those
//   no decision was recorded about (their enqueue was lost: Redis down, a node killed before it,
//   or their job is still waiting behind a backlog), enqueue those by id, and move the watermark
//   on. A message both in its batch's job and in a sweep's job is scored once: one decision per
//   message is recorded, and the second job finds it.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { scoringInputOf } from '../../storage/messages/message-record.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import {
  advanceScoringWatermark,
  messagesStoredBetween,
  scoringWatermark,
} from '../../storage/repositories/message-scoring.js';
import { decidedAmong } from '../../storage/repositories/scoring-decisions.js';
import {
  scoringJobOptions,
  scoringJobsByIds,
  scoringJobsFor,
  type ScoringJob,
} from '../scoring/queue/scoring-job.js';

/** Adds these jobs in one round trip. */
function enqueue(queue: JobQueue<ScoringJob>, jobs: readonly ScoringJob[]): Promise<unknown> {
  return queue.addBulk(jobs.map((data) => ({ name: 'score', data, options: scoringJobOptions(data) })));
}

/**
 * The group commit's listener: one job per stored batch (split past SCORING_BATCH_MAX messages
 * or SCORING_JOB_MAX_TEXT of text). Never rejects: a failed enqueue is logged, and the repair
 * sweep enqueues those messages later.
 */
export function enqueueScoring(queue: JobQueue<ScoringJob>, log: Logger) {
  return async (rows: readonly StoredPublication[]): Promise<void> => {
    const messages = rows.flatMap((p) => scoringInputOf(p) ?? []);
    if (messages.length === 0) return;
    try {
      await enqueue(queue, scoringJobsFor(messages));
    } catch (err) {
      log.warn({ err, messages: messages.length }, 'scoring jobs not queued; the sweep will');
    }
  };
}

/** How long after storing a message the sweep considers its enqueue lost (ms). */
export const SCORING_REPAIR_AFTER_MS = 60_000;
/** Where the first sweep of a database starts: this long before its window's end (ms). */
const SCORING_REPAIR_FIRST_LOOKBACK_MS = 3_600_000;
/** The messages one round of a sweep reads; a sweep reads rounds until its window is done. */
const SWEEP_PAGE = 5_000;
/** The rounds one sweep runs at most; the next sweep goes on from its watermark. */
const SWEEP_ROUNDS = 20;

/**
 * The workers' repair sweep: of the community messages stored from the watermark up to
 * SCORING_REPAIR_AFTER_MS ago, oldest first, enqueues (by id, in jobs of SCORING_BATCH_MAX)
 * those no decision was recorded about, and moves the watermark past them. A database's first
 * sweep starts SCORING_REPAIR_FIRST_LOOKBACK_MS before that. Returns how many it enqueued.
 */
export async function repairScoring(
  connection: Connection,
  queue: JobQueue<ScoringJob>,
  now = Date.now(),
  page = SWEEP_PAGE,
): Promise<number> {
  const to = new Date(now - SCORING_REPAIR_AFTER_MS);
  let from =
    (await scoringWatermark(connection)) ?? new Date(to.getTime() - SCORING_REPAIR_FIRST_LOOKBACK_MS);
  let enqueued = 0;
  // A full page ends at its last message's time, and the next round reads from there: those of
  // that very millisecond it has seen already are left out.
  let seen = new Set<string>();
  for (let round = 0; round < SWEEP_ROUNDS && from < to; round++) {
    const stored = await messagesStoredBetween(connection, from, to, page);
    const unseen = stored.filter((m) => !seen.has(m.id));
    const decided = await decidedAmong(
      connection,
      unseen.map((m) => m.id),
    );
    const lost = unseen.filter((m) => !decided.has(m.id)).map((m) => m.id);
    if (lost.length > 0) await enqueue(queue, scoringJobsByIds(lost));
    enqueued += lost.length;
    const last = stored.at(-1)?.createdAt;
    // A page that is not full ends the window (as does one all of a single millisecond).
    const next = stored.length === page && last && last > from ? last : to;
    seen = new Set(stored.filter((m) => m.createdAt.getTime() === next.getTime()).map((m) => m.id));
    await advanceScoringWatermark(connection, next);
    from = next;
  }
  return enqueued;
}
