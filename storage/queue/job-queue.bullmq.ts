// JobQueue on BullMQ. Each queue's keys share one hash tag ({name}) under the configured key
// prefix (`<prefix>:{<name>}:…`), so a queue lives on one Redis Cluster slot as BullMQ requires,
// while different queues spread over the cluster.
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { createRedis, type RedisClient, type RedisTarget } from '../redis.js';
import type {
  ConsumeOptions,
  DeadLetter,
  Job,
  JobConsumer,
  JobCounts,
  JobHandler,
  JobOptions,
  JobQueue,
} from './job-queue.js';
import { mentions } from './job-queue.js';

export interface BullJobQueueOptions {
  /** The `redis.keyPrefix` of the configuration. */
  keyPrefix: string;
  /** Where Redis is: the `redis` section of the configuration (standalone or cluster). */
  redis: RedisTarget;
  /** How long finished jobs are kept, so a re-add of the same id is still deduplicated. */
  keepDoneMs?: number;
}

export class BullJobQueue<T> implements JobQueue<T> {
  private readonly queue: Queue;
  private readonly consumers = new Set<Worker>();
  private readonly connection: ConnectionOptions;
  /** On a cluster, the queue's own Cluster client (BullMQ takes cluster connections as instances). */
  private readonly cluster?: RedisClient;
  private readonly prefix: string;
  private readonly queueName: string;

  constructor(
    readonly name: string,
    private readonly options: BullJobQueueOptions,
  ) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`queue: invalid name '${name}'`);
    const connectionName = `hub-queue-${name}`;
    if (options.redis.clusterNodes) {
      // BullMQ's blocking worker connections need maxRetriesPerRequest null; it duplicates this
      // client for them and leaves closing it to us.
      this.cluster = createRedis(options.redis, { name: connectionName, maxRetriesPerRequest: null });
      this.connection = this.cluster;
    } else {
      this.connection = { url: options.redis.url, maxRetriesPerRequest: null, connectionName };
    }
    this.prefix = options.keyPrefix;
    this.queueName = `{${name}}`;
    this.queue = new Queue(this.queueName, { connection: this.connection, prefix: this.prefix });
    this.queue.on('error', () => undefined); // surfaced through readiness, not as crashes
  }

  async add(name: string, data: T, options: JobOptions = {}): Promise<{ id: string }> {
    const opts = this.jobOptions(options);
    await this.queue.add(name, data, opts);
    return { id: opts.jobId };
  }

  async addBulk(jobs: readonly { name: string; data: T; options?: JobOptions }[]): Promise<{ id: string }[]> {
    const bulk = jobs.map((j) => ({ name: j.name, data: j.data, opts: this.jobOptions(j.options ?? {}) }));
    if (bulk.length > 0) await this.queue.addBulk(bulk);
    return bulk.map((j) => ({ id: j.opts.jobId }));
  }

  private jobOptions(options: JobOptions) {
    const id = options.id ?? randomUUID();
    if (id.includes(':')) throw new Error(`queue ${this.name}: job id must not contain ':'`);
    const keepS = Math.ceil((this.options.keepDoneMs ?? 24 * 3600_000) / 1000);
    return {
      jobId: id,
      delay: options.delayMs,
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential' as const, delay: options.backoffMs ?? 1_000 },
      removeOnComplete: { age: keepS },
      removeOnFail: false, // dead letters stay until retried or removed
    };
  }

  async every(name: string, data: T, intervalMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(
      `every-${name}`,
      { every: intervalMs },
      {
        name,
        data,
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: { count: 100 },
        },
      },
    );
  }

  async stopEvery(name: string): Promise<void> {
    await this.queue.removeJobScheduler(`every-${name}`);
  }

  consume(
    handler: JobHandler<T>,
    { concurrency = 1, lockMs, stalledIntervalMs, forgetDataWhenDone = false }: ConsumeOptions = {},
  ): JobConsumer {
    const worker = new Worker(
      this.queueName,
      async (job) => {
        const payload: Job<T> = {
          id: job.id ?? '',
          name: job.name,
          data: job.data as T,
          attempt: job.attemptsMade + 1,
        };
        await handler(payload);
        if (forgetDataWhenDone) await job.updateData({});
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency,
        autorun: true,
        ...(lockMs === undefined ? {} : { lockDuration: lockMs }),
        ...(stalledIntervalMs === undefined ? {} : { stalledInterval: stalledIntervalMs }),
      },
    );
    worker.on('error', () => undefined);
    this.consumers.add(worker);
    return {
      close: async () => {
        this.consumers.delete(worker);
        await worker.close();
      },
    };
  }

  async deadLetters(limit = 100): Promise<DeadLetter<T>[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id ?? '',
      name: job.name,
      data: job.data as T,
      attempt: job.attemptsMade,
      error: job.failedReason,
      failedAt: new Date(job.finishedOn ?? job.timestamp),
    }));
  }

  async retryDeadLetter(id: string): Promise<void> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) throw new Error(`queue ${this.name}: no dead letter '${id}'`);
    await job.retry('failed', { resetAttemptsMade: true });
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    return {
      waiting: c['waiting'] ?? 0,
      active: c['active'] ?? 0,
      delayed: c['delayed'] ?? 0,
      failed: c['failed'] ?? 0,
    };
  }

  consumerCount(): Promise<number> {
    return this.queue.getWorkersCount();
  }

  async removeJobsMentioning(value: string): Promise<number> {
    const states = ['wait', 'prioritized', 'delayed', 'completed', 'failed'] as const;
    const page = 500;
    const matching: string[] = [];
    // Ids first, then removal: removing while paging would shift the pages.
    for (const state of states) {
      for (let start = 0; ; start += page) {
        const jobs = await this.queue.getJobs(state, start, start + page - 1);
        for (const job of jobs) if (job?.id && mentions(job.data, value)) matching.push(job.id);
        if (jobs.length < page) break;
      }
    }
    let removed = 0;
    for (const id of matching) {
      const job = await this.queue.getJob(id);
      if (!job || (await job.isActive())) continue;
      await job.remove();
      removed += 1;
    }
    return removed;
  }

  /** Removes every job of this queue; for tests and for `hub queue obliterate`. */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((w) => w.close()));
    this.consumers.clear();
    await this.queue.close();
    await this.cluster?.quit().catch(() => undefined);
  }
}
