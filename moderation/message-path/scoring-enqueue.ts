// Hands stored community messages to the scoring workers, exactly once each:
// - as stored: the community messages of the batches a node stored within 50 ms (a held message
//   is judged by moderators instead) go in one job, whole, so the worker reads nothing back; off
//   the sender's path, and the job id (a digest of the message ids) deduplicates a repeated
//   enqueue of the same messages;
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
  SCORING_BATCH_MAX,
  scoringJobOptions,
  scoringJobsByIds,
  scoringJobsFor,
  type ScoringInput,
  type ScoringJob,
} from '../scoring/queue/scoring-job.js';

/** Adds these jobs in one round trip. */
function enqueue(queue: JobQueue<ScoringJob>, jobs: readonly ScoringJob[]): Promise<unknown> {
  return queue.addBulk(jobs.map((data) => ({ name: 'score', data, options: scoringJobOptions(data) })));
}

/**
 * How long stored messages wait for the next ones to share their job (ms). A group commit stores
 * a few rows at a time on a busy node; a job each would cost BullMQ's bookkeeping and the
 * worker's per-job reads for every few messages. Scoring is off the sender's path, so 50 ms
 * more before a message is scored costs nothing anyone waits for.
 */
export const SCORING_ENQUEUE_LINGER_MS = 50;

/**
 * The group commit's (and the write-ahead sweep's) listener: the community messages of stored
 * batches are collected for SCORING_ENQUEUE_LINGER_MS, or until SCORING_BATCH_MAX wait, then
 * enqueued together (split past SCORING_BATCH_MAX messages or SCORING_JOB_MAX_TEXT of text),
 * one enqueue at a time. Never rejects: a failed enqueue is logged, and the repair sweep enqueues
 * those messages later, as it does those a killed node held here.
 */
export class ScoringEnqueuer {
  private pending: ScoringInput[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly queue: JobQueue<ScoringJob>,
    private readonly log: Logger,
    private readonly lingerMs = SCORING_ENQUEUE_LINGER_MS,
  ) {}

  readonly onStored = (rows: readonly StoredPublication[]): void => {
    for (const row of rows) {
      const message = scoringInputOf(row);
      if (message) this.pending.push(message);
    }
    if (this.pending.length >= SCORING_BATCH_MAX) void this.flush();
    else if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.lingerMs);
      this.timer.unref();
    }
  };

  /** Enqueues what waits now; resolves once it (and every earlier enqueue) was sent or logged. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const messages = this.pending;
    this.pending = [];
    if (messages.length > 0) {
      this.sending = this.sending.then(() =>
        enqueue(this.queue, scoringJobsFor(messages)).then(
          () => undefined,
          (err: unknown) =>
            this.log.warn({ err, messages: messages.length }, 'scoring jobs not queued; the sweep will'),
        ),
      );
    }
    return this.sending;
  }

  /**
   * At shutdown, before the queue closes: what waits is enqueued, waiting at most `timeoutMs`
   * (an enqueue waits for Redis while it is down; the repair sweep has those messages).
   */
  async close(timeoutMs = 2_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const outcome = await Promise.race([this.flush(), late]);
    clearTimeout(timer);
    if (outcome === 'late') this.log.warn('scoring jobs not queued before shutdown; the sweep will');
  }
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
