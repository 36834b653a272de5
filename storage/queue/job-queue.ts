// The job-queue seam: asynchronous work handed from hub nodes to worker processes (moderation
// scoring, inbox sync, SLA timers, session reminders).
//
// Guarantees every implementation gives (checked by job-queue.contract.ts):
// - at-least-once: a job is handled until its handler resolves, or it has failed `attempts`
//   times; handlers must be idempotent by job id;
// - deduplication: adding a job with the id of one that is queued, running or recently done
//   does not add a second;
// - delay: a job added with `delayMs` is not handed out before that time;
// - dead letters: a job that failed every attempt is kept, with its last error, until removed;
// - any number of consumers, in any number of processes, share one queue;
// - a repeated job (`every`) is scheduled once per name however many processes ask, and runs
//   about every interval until `stopEvery`.

export interface JobOptions {
  /** Deduplication key; defaults to a fresh id. Must not contain ':'. */
  id?: string;
  /** Earliest time to run, from now. */
  delayMs?: number;
  /** Total tries including the first; defaults to 3. */
  attempts?: number;
  /** First retry delay; doubled for each further retry. Defaults to 1,000 ms. */
  backoffMs?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
}

export interface DeadLetter<T> extends Job<T> {
  error: string;
  failedAt: Date;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface JobConsumer {
  /** Stops taking jobs; waits for the running ones to finish. */
  close(): Promise<void>;
}

/** How a consumer takes jobs. */
export interface ConsumeOptions {
  /** Jobs run at once by this consumer. Defaults to 1. */
  concurrency?: number;
  /**
   * How long a running job stays locked to this consumer without a renewal: a consumer that
   * dies (crash, SIGKILL) loses its jobs to another one at most about this long (plus
   * `stalledIntervalMs`) later. Defaults to 30,000 ms.
   */
  lockMs?: number;
  /** How often consumers look for jobs whose lock expired. Defaults to 30,000 ms. */
  stalledIntervalMs?: number;
  /**
   * Whether a job's data is cleared once it succeeded (its id stays, still deduplicating re-adds
   * while finished jobs are kept): for data that must not outlive its handling, such as webhook
   * payloads naming users. Jobs that failed for good keep theirs, to be retried.
   */
  forgetDataWhenDone?: boolean;
}

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface JobQueue<T> {
  readonly name: string;
  add(name: string, data: T, options?: JobOptions): Promise<{ id: string }>;
  /** Adds several jobs in one round trip, each deduplicated by its id as add() does. */
  addBulk(jobs: readonly { name: string; data: T; options?: JobOptions }[]): Promise<{ id: string }[]>;
  /** Runs `name` with `data` every `intervalMs`; asking again replaces the schedule. */
  every(name: string, data: T, intervalMs: number): Promise<void>;
  stopEvery(name: string): Promise<void>;
  consume(handler: JobHandler<T>, options?: ConsumeOptions): JobConsumer;
  deadLetters(limit?: number): Promise<DeadLetter<T>[]>;
  /** Puts a dead letter back in the queue for a fresh set of attempts. */
  retryDeadLetter(id: string): Promise<void>;
  counts(): Promise<JobCounts>;
  /**
   * Removes every job not running now (waiting, delayed, finished, dead) whose data holds `value`
   * as one of its strings, at any depth: a user's id, when the user is erased. Returns how many
   * went. A running job is left to finish (and keeps its data only as long as finished jobs are
   * kept, unless its consumer forgets data when done).
   */
  removeJobsMentioning(value: string): Promise<number>;
  /** Consumers connected to this queue, in every process. */
  consumerCount(): Promise<number>;
  close(): Promise<void>;
}

/** Whether `value` is one of the strings of `data` (values at any depth up to 32, not keys). */
export function mentions(data: unknown, value: string, depth = 0): boolean {
  if (typeof data === 'string') return data === value;
  if (data === null || typeof data !== 'object' || depth >= 32) return false;
  return Object.values(data).some((v: unknown) => mentions(v, value, depth + 1));
}
