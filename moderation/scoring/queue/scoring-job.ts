// The job a hub node hands to the scoring workers: the community messages of one stored batch
// (a group commit), with what scoring reads of each (id, community, channel, author, text), so
// the worker reads nothing back from the database for them: on FerretDB every query scans its
// whole table, and `publications` is the largest. The repair sweep's jobs name messages by id
// only; the worker reads those. One job per batch instead of one per message: BullMQ spends about
// ten Redis commands on every job it adds and moves, whatever its size.
//
// The text sits in Redis until the job is done and then for SCORING_KEEP_DONE_MS (the channel's
// recent history holds it there anyway); a dead letter keeps it until retried or removed, and
// erasing a user removes every job naming them (hub/job-erasure.ts).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ScoringFields } from '../../../storage/messages/message-record.js';

export const SCORING_QUEUE = 'moderation-scoring';

/** The most messages one job names: bounds a job's run time (its lock is renewed meanwhile). */
export const SCORING_BATCH_MAX = 100;
/** The most text one job carries (UTF-16 code units); a batch with more is split. */
export const SCORING_JOB_MAX_TEXT = 64 * 1024;
/** How long a finished scoring job (and the text it carries) stays in Redis. */
export const SCORING_KEEP_DONE_MS = 60_000;

/** A message as its job carries it: what scoring reads (built from the stored row by storage). */
export type ScoringInput = ScoringFields;

export interface ScoringJob {
  /** The community messages to score, in the order they were stored. */
  messageIds: string[];
  /** The same messages, whole (a group commit's job); absent: the worker reads them by id. */
  messages?: ScoringInput[];
}

/**
 * Job options: the id is a digest of the message ids, so enqueueing the same messages again (a
 * repeated hand-off, a repeated sweep) adds nothing while the first job is kept.
 */
export const scoringJobOptions = (job: ScoringJob) => ({
  id: `score-${job.messageIds.length}-${createHash('sha256').update(job.messageIds.join(',')).digest('base64url').slice(0, 22)}`,
  attempts: 5,
  backoffMs: 500,
});

/** The jobs for these messages: consecutive chunks of at most SCORING_BATCH_MAX and SCORING_JOB_MAX_TEXT. */
export function scoringJobsFor(messages: readonly ScoringInput[]): ScoringJob[] {
  const jobs: ScoringJob[] = [];
  let chunk: ScoringInput[] = [];
  let text = 0;
  for (const message of messages) {
    if (
      chunk.length > 0 &&
      (chunk.length >= SCORING_BATCH_MAX || text + message.body.length > SCORING_JOB_MAX_TEXT)
    ) {
      jobs.push({ messageIds: chunk.map((m) => m.id), messages: chunk });
      chunk = [];
      text = 0;
    }
    chunk.push(message);
    text += message.body.length;
  }
  if (chunk.length > 0) jobs.push({ messageIds: chunk.map((m) => m.id), messages: chunk });
  return jobs;
}

/** The jobs naming these message ids alone (the repair sweep's): chunks of SCORING_BATCH_MAX. */
export function scoringJobsByIds(messageIds: readonly string[]): ScoringJob[] {
  const jobs: ScoringJob[] = [];
  for (let i = 0; i < messageIds.length; i += SCORING_BATCH_MAX)
    jobs.push({ messageIds: messageIds.slice(i, i + SCORING_BATCH_MAX) });
  return jobs;
}

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const inputs = z.array(
  z.object({
    id: objectId,
    communityId: objectId,
    channelId: objectId,
    authorId: z.string().min(1),
    body: z.string(),
  }),
);

/**
 * The messages a job's data carries whole, when it carries all those it names (else undefined:
 * the worker reads them by id, as for a sweep's job or a job from a hub of an earlier version).
 */
export function messagesOf(data: unknown): ScoringInput[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const parsed = inputs.safeParse((data as { messages?: unknown }).messages);
  if (!parsed.success) return undefined;
  const ids = messageIdsOf(data);
  const carried = new Set(parsed.data.map((m) => m.id));
  return ids.every((id) => carried.has(id)) ? parsed.data.filter((m) => ids.includes(m.id)) : undefined;
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
