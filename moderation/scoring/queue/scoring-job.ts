// The job a hub node hands to the scoring workers: the community messages of one stored batch
// (a group commit, or a chunk of the repair sweep), by id only, with a group commit's scoring
// batch (by which the worker reads them in one query). The worker reads the messages from the
// database, so neither message bodies nor user ids sit in Redis, and a message deleted in the
// meantime is simply not scored. One job per batch instead of one per message: BullMQ spends
// about ten Redis commands on every job it adds and moves, whatever its size.
import { createHash } from 'node:crypto';

export const SCORING_QUEUE = 'moderation-scoring';

/** The most messages one job names: bounds a job's run time (its lock is renewed meanwhile). */
export const SCORING_BATCH_MAX = 100;

export interface ScoringJob {
  /** The stored community messages to score, in the order they were stored. */
  messageIds: string[];
  /**
   * The scoring batch they were stored with, when one write stored them all (a group commit's
   * job; not the repair sweep's): the worker reads them by it, in one query.
   */
  batch?: string;
}

/**
 * Job options: the id is a digest of the message ids, so enqueueing the same batch again (a
 * repeated hand-off, the repair sweep finding the same unscored messages) adds nothing.
 */
export const scoringJobOptions = (job: ScoringJob) => ({
  id: `score-${job.messageIds.length}-${createHash('sha256').update(job.messageIds.join(',')).digest('base64url').slice(0, 22)}`,
  attempts: 5,
  backoffMs: 500,
});

/** The jobs for these message ids (of one batch, if given): consecutive chunks of at most SCORING_BATCH_MAX. */
export function scoringJobsFor(messageIds: readonly string[], batch?: string): ScoringJob[] {
  const jobs: ScoringJob[] = [];
  for (let i = 0; i < messageIds.length; i += SCORING_BATCH_MAX)
    jobs.push({ messageIds: messageIds.slice(i, i + SCORING_BATCH_MAX), ...(batch && { batch }) });
  return jobs;
}

/** The scoring batch a job's data names, if any. */
export function batchOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { batch } = data as { batch?: unknown };
  return typeof batch === 'string' ? batch : undefined;
}

/**
 * The message ids a job's data names. Also reads the one-message jobs (`{ messageId, … }`) that
 * hub nodes of an earlier version enqueue, so workers can be upgraded before or after them.
 */
export function messageIdsOf(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const { messageIds, messageId } = data as { messageIds?: unknown; messageId?: unknown };
  if (Array.isArray(messageIds)) return messageIds.filter((id): id is string => typeof id === 'string');
  return typeof messageId === 'string' ? [messageId] : [];
}
