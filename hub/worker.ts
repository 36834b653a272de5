// A worker process: consumes the job queues that modules register (moderation scoring, inbox
// sync, SLA timers, session reminders) and announces itself with a heartbeat, so /readyz can
// tell whether any worker is alive. Run as many as the load needs, on any machine.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.js';
import type { JobConsumer, JobHandler } from '../storage/queue/job-queue.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import { MongoKeeper, type MongoConnection } from '../storage/mongo.js';
import { useDocumentLocks } from '../storage/repositories/document-lock.js';
import { bindAuditTrail, createAuditTrail } from '../storage/repositories/audit-keys.js';
import { createRedis, type RedisClient } from '../storage/redis.js';
import { WORKER_HEARTBEAT_MS, WorkerRegistry } from '../storage/worker-registry.js';
import { createLogger, type Logger } from './logger.js';

/** One queue's handler, as a module registers it. */
export interface Processor {
  queue: string;
  concurrency: number;
  handler: JobHandler<unknown>;
  /** A job this queue runs on a schedule (scheduled once, however many workers run). */
  every?: { name: string; intervalMs: number };
  /** Lock and stall timing of this queue's consumer (JobQueue's ConsumeOptions). */
  lockMs?: number;
  stalledIntervalMs?: number;
  /** Clear each job's data once it succeeded (ConsumeOptions.forgetDataWhenDone). */
  forgetDataWhenDone?: boolean;
  /** Called once the worker stops taking jobs: timers and connections the processor owns. */
  close?: () => Promise<void>;
}

/** What processors may use: the worker's own connections. */
export interface WorkerResources {
  redis: RedisClient;
  connection: MongoConnection;
  log: Logger;
}

export interface WorkerProcess {
  workerId: string;
  shutdown(reason?: string): Promise<void>;
}

export async function startWorker(
  config: Config,
  /** The processors to run, or a factory given the worker's connections. */
  processorsOrFactory: readonly Processor[] | ((resources: WorkerResources) => Processor[]),
  log: Logger = createLogger(config, 'worker'),
): Promise<WorkerProcess> {
  const workerId = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  log = log.child({ worker: workerId });
  const redis = createRedis(config.redis, { name: `worker-${workerId}` });
  const registry = new WorkerRegistry(redis, config.redis.keyPrefix);
  const mongo = new MongoKeeper(config.mongodb.url, {
    onRetry: (err) => log.warn({ err: err.message }, 'mongodb not reachable yet; retrying'),
  });
  // Where the server's updates are not atomic, this process's writes lock documents in Redis.
  useDocumentLocks(mongo.connection, { redis });
  // Audit entries and pseudonyms written through this connection are keyed, and anchored in Redis.
  bindAuditTrail(mongo.connection, createAuditTrail(config.audit.secret, redis, config.redis.keyPrefix));
  const processors =
    typeof processorsOrFactory === 'function'
      ? processorsOrFactory({ redis, connection: mongo.connection, log })
      : processorsOrFactory;

  const beat = () =>
    registry.beat(workerId).catch((err: Error) => log.warn({ err: err.message }, 'heartbeat failed'));
  await beat();
  const heartbeat = setInterval(() => void beat(), WORKER_HEARTBEAT_MS);

  const queues = processors.map(
    (p) => new BullJobQueue<unknown>(p.queue, { keyPrefix: config.redis.keyPrefix, redis: config.redis }),
  );
  const consumers: JobConsumer[] = processors.map((p, i) =>
    (queues[i] as BullJobQueue<unknown>).consume(
      async (job) => {
        const started = performance.now();
        try {
          await p.handler(job);
          log.debug(
            { queue: p.queue, job: job.id, name: job.name, ms: Math.round(performance.now() - started) },
            'job done',
          );
        } catch (err) {
          log.warn({ queue: p.queue, job: job.id, name: job.name, attempt: job.attempt, err }, 'job failed');
          throw err;
        }
      },
      {
        concurrency: p.concurrency,
        lockMs: p.lockMs,
        stalledIntervalMs: p.stalledIntervalMs,
        forgetDataWhenDone: p.forgetDataWhenDone,
      },
    ),
  );
  await Promise.all(
    processors.map((p, i) =>
      p.every ? (queues[i] as BullJobQueue<unknown>).every(p.every.name, {}, p.every.intervalMs) : undefined,
    ),
  );
  log.info({ queues: processors.map((p) => p.queue) }, 'worker started');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown') =>
    (stopping ??= (async () => {
      log.info({ reason }, 'worker draining');
      clearInterval(heartbeat);
      await Promise.all(consumers.map((c) => c.close()));
      await Promise.all(queues.map((q) => q.close()));
      await Promise.all(processors.map((p) => p.close?.().catch(() => undefined)));
      await registry.leave(workerId).catch(() => undefined);
      await redis.quit().catch(() => undefined);
      await mongo.close().catch(() => undefined);
      log.info('worker stopped');
    })());
  return { workerId, shutdown };
}
