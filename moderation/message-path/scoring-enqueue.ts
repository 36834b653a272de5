// Hands stored community messages to the scoring workers, exactly once each:
// - per group commit: when a batch of publications is stored, one job names the community
//   messages in it (a held message is judged by moderators instead) and the write's scoring batch
//   they were stored with (one query reads them); off the sender's path, and the job id (a digest
//   of the message ids) deduplicates a repeated enqueue of the same batch;
// - repair: every message is stored marked `unscored` until a worker has scored it, and the
//   workers sweep for messages still marked a while after they were stored (repairScoring), so an
//   enqueue that failed, or a node that died before it, never leaves a message unscored. A
//   message both in its batch's job and in a sweep's job is scored once: the worker skips
//   messages no longer marked, and records one decision per message.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { scoredMessageIdOf, scoringBatchOf } from '../../storage/messages/message-record.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { unscoredBefore } from '../../storage/repositories/message-scoring.js';
import { scoringJobOptions, scoringJobsFor, type ScoringJob } from '../scoring/queue/scoring-job.js';

/** Adds the jobs naming these messages (of one write: its scoring batch) in one round trip. */
function enqueue(
  queue: JobQueue<ScoringJob>,
  messageIds: readonly string[],
  batch?: string,
): Promise<unknown> {
  const jobs = scoringJobsFor(messageIds, batch);
  return queue.addBulk(jobs.map((data) => ({ name: 'score', data, options: scoringJobOptions(data) })));
}

/**
 * The group commit's listener: one job per stored batch (of at most SCORING_BATCH_MAX). Never
 * rejects: a failed enqueue is logged, and the repair sweep enqueues those messages later.
 */
export function enqueueScoring(queue: JobQueue<ScoringJob>, log: Logger) {
  return async (rows: readonly StoredPublication[]): Promise<void> => {
    const ids = rows.flatMap((p) => scoredMessageIdOf(p) ?? []);
    if (ids.length === 0) return;
    try {
      await enqueue(queue, ids, scoringBatchOf(rows));
    } catch (err) {
      log.warn({ err, messages: ids.length }, 'scoring jobs not queued; the sweep will');
    }
  };
}

/** How long after storing a message the sweep considers its enqueue lost (ms). */
export const SCORING_REPAIR_AFTER_MS = 60_000;

/**
 * The workers' repair sweep: enqueues messages stored more than SCORING_REPAIR_AFTER_MS ago and
 * still unscored, oldest first, in jobs of SCORING_BATCH_MAX; while their jobs wait, the next
 * sweep finds the same first messages and its jobs are deduplicated by id. Returns how many
 * messages it enqueued.
 */
export async function repairScoring(
  connection: Connection,
  queue: JobQueue<ScoringJob>,
  now = Date.now(),
  limit = 500,
): Promise<number> {
  const ids = await unscoredBefore(connection, new Date(now - SCORING_REPAIR_AFTER_MS), limit);
  if (ids.length > 0) await enqueue(queue, ids);
  return ids.length;
}
