// The scoring workers' job processors, as hub/processors.ts registers them: the scoring queue
// (one job per stored batch of community messages) and the retrain queue (on a schedule, or on demand).
// A worker publishes its effects through a Publisher of its own, on Redis like a hub node's, so
// every node delivers a hidden message and a new case live.
import type { Connection } from 'mongoose';
import type { Config } from '../../../config/index.js';
import { brokerFromConfig } from '../../../realtime/broker/broker.factory.js';
import { BullJobQueue } from '../../../storage/queue/job-queue.bullmq.js';
import { repairScoring } from '../../message-path/scoring-enqueue.js';
import { Publisher } from '../../../realtime/publisher.js';
import { MongoMessageStore } from '../../../storage/messages/message-store.mongo.js';
import type { JobHandler } from '../../../storage/queue/job-queue.js';
import type { RedisClient } from '../../../storage/redis.js';
import type { MarketplaceEvents } from '../../../community/events/marketplace-events.js';
import { ModelHolder } from './model-holder.js';
import { pruneScoringDecisions } from '../../../storage/repositories/scoring-decisions.js';
import { RETRAIN_QUEUE, retrain } from './retrain.js';
import { scoreBatch } from './scoring-batch.js';
import { StandingCache } from './scoring-reads.js';
import type { ScoringHooks } from './scoring-processor.js';
import {
  messageIdsOf,
  messagesOf,
  SCORING_KEEP_DONE_MS,
  SCORING_QUEUE,
  type ScoringJob,
} from './scoring-job.js';

export const SCORING_SWEEP_QUEUE = 'moderation-scoring-sweep';
export const SCORING_REPAIR_QUEUE = 'moderation-scoring-repair';
const SCORING_REPAIR_EVERY_MS = 30_000;
/** Finished decisions are kept this long (well past the queue's 24 h deduplication window). */
export const DECISION_KEEP_MS = 30 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** What hub/worker.ts's Processor holds, restated here since moderation/ may not import hub/. */
export interface QueueProcessor {
  queue: string;
  concurrency: number;
  handler: JobHandler<unknown>;
  every?: { name: string; intervalMs: number };
  lockMs?: number;
  stalledIntervalMs?: number;
  close?: () => Promise<void>;
}

interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ScoringResources {
  redis: RedisClient;
  connection: Connection;
  log: Log;
  /** Where a case the scoring opens is told to the marketplace (message.flagged). */
  events?: MarketplaceEvents;
}

export function scoringProcessors(
  config: Config,
  { redis, connection, log, events }: ScoringResources,
  hooks: ScoringHooks = {},
): QueueProcessor[] {
  // Never subscribes: a broker needs the connection, a worker only publishes.
  const broker = brokerFromConfig(config, redis, 'worker-scoring');
  const scoring = new BullJobQueue<ScoringJob>(SCORING_QUEUE, {
    keyPrefix: config.redis.keyPrefix,
    redis: config.redis,
    keepDoneMs: SCORING_KEEP_DONE_MS,
  });
  const publisher = new Publisher(broker, new MongoMessageStore(connection), 'worker-scoring');
  const models = new ModelHolder(connection, (err) =>
    log.warn({ err: err.message }, 'spam model refresh failed'),
  );
  void models.refresh().catch(() => undefined);
  models.start(config.scoring.modelPollMs);
  const deps = {
    connection,
    publisher,
    models,
    hooks,
    leaseMs: config.scoring.lockMs,
    standings: new StandingCache(connection),
    ...(events && { events }),
  };

  return [
    {
      queue: SCORING_QUEUE,
      concurrency: config.scoring.concurrency,
      lockMs: config.scoring.lockMs,
      stalledIntervalMs: config.scoring.stalledIntervalMs,
      handler: async (job) => {
        const messages = messagesOf(job.data);
        await scoreBatch(deps, { messageIds: messageIdsOf(job.data), ...(messages && { messages }) });
      },
      close: async () => {
        models.stop();
        // Not broker.close(): that would also quit the worker's own connection.
        await broker.closeSubscriber();
        await scoring.close();
      },
    },
    {
      // Repair: stored messages no decision was recorded about a minute on (their enqueue was
      // lost: a Redis blip, a node that died) are enqueued again by id (scoring-enqueue.ts).
      queue: SCORING_REPAIR_QUEUE,
      concurrency: 1,
      every: { name: 'repair', intervalMs: SCORING_REPAIR_EVERY_MS },
      handler: async () => {
        const enqueued = await repairScoring(connection, scoring);
        if (enqueued > 0)
          log.warn({ enqueued }, 'scoring repair enqueued messages no decision was recorded about');
      },
    },
    {
      queue: SCORING_SWEEP_QUEUE,
      concurrency: 1,
      every: { name: 'sweep', intervalMs: DAY_MS },
      handler: async () => {
        const pruned = await pruneScoringDecisions(connection, new Date(Date.now() - DECISION_KEEP_MS));
        log.info({ pruned }, 'old scoring decisions pruned');
      },
    },
    {
      queue: RETRAIN_QUEUE,
      concurrency: 1,
      every: { name: 'retrain', intervalMs: config.scoring.retrainEveryMs },
      handler: async () => {
        const outcome = await retrain(connection);
        log.info({ outcome: outcome.kind, version: outcome.version }, 'spam model retrain');
        if (outcome.kind !== 'skipped') await models.refresh();
      },
    },
  ];
}
