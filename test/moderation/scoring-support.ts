// What the scoring-worker tests share: a community, messages stored as the hub stores them, the
// enqueue side of the scoring queue, and a listener on Redis that sees what every hub node
// delivers (the channel's and the moderators' topics).
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import {
  SCORING_QUEUE,
  scoringJobOptions,
  type ScoringJob,
} from '../../moderation/scoring/queue/scoring-job.js';
import { RedisBroker } from '../../realtime/broker/broker.redis.js';
import type { Config } from '../../config/index.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { createRedis } from '../../storage/redis.js';
import { insertMessage } from '../../storage/repositories/messages.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import type { TestCommunity } from '../support/community.js';
import { testConfig } from '../support/config.js';

export const SPAM =
  'URGENT! You have WON a £1000 cash prize! Claim now, txt WIN to 87121 or call 09061701461 www.win-big.biz';
export const CLEAN = 'are we still meeting at the cafe tomorrow at 10?';

/** Settings of one test file: its database, its Redis keys, fast lock takeover and model polling. */
export function scoringConfig(databaseUrl: string, extra: Record<string, unknown> = {}): Config {
  return testConfig({
    mongodb: { url: databaseUrl },
    redis: { keyPrefix: `sc${randomUUID().slice(0, 6)}` },
    scoring: { lockMs: 1_500, stalledIntervalMs: 500, modelPollMs: 200, concurrency: 2 },
    ...extra,
  });
}

/** Environment for a worker child process with these settings. */
export function scoringEnv(config: Config): Record<string, string> {
  return {
    HUB_MONGODB_URL: config.mongodb.url,
    HUB_REDIS_KEY_PREFIX: config.redis.keyPrefix,
    HUB_SCORING_LOCK_MS: String(config.scoring.lockMs),
    HUB_SCORING_STALLED_INTERVAL_MS: String(config.scoring.stalledIntervalMs),
    HUB_SCORING_MODEL_POLL_MS: String(config.scoring.modelPollMs),
  };
}

/** A message the tests stored, with what they check about it. */
export interface StoredMessage {
  messageId: string;
  communityId: string;
  channelId: string;
  authorId: string;
}

/**
 * Stores a message in the channel, as the hub does once its publication has an offset: far above the channel's stored offsets, where the hub's own
 * publications (continuing from its Redis position, or from the store's top on a first publish)
 * never reach in these tests.
 */
export async function storeMessage(
  connection: Connection,
  c: TestCommunity,
  authorId: string,
  body: string,
): Promise<StoredMessage> {
  const top = await new MongoMessageStore(connection).top(c.topic('general'));
  const message = await insertMessage(connection, {
    channelId: c.channels.general,
    communityId: c.id,
    offset: (top?.offset ?? 0) + 10_000,
    authorId,
    authorName: `Name ${authorId}`,
    body,
  });
  const id = message.message._id.toHexString();
  return { messageId: id, communityId: c.id, channelId: c.channels.general, authorId };
}

/** The enqueue side, as the hub does it: one job per stored batch, deduplicated by its ids. */
export function scoringQueue(config: Config): BullJobQueue<ScoringJob> & {
  enqueue(...messages: StoredMessage[]): Promise<{ id: string }>;
} {
  const queue = new BullJobQueue<ScoringJob>(SCORING_QUEUE, {
    keyPrefix: config.redis.keyPrefix,
    redis: config.redis,
  });
  return Object.assign(queue, {
    enqueue: (...messages: StoredMessage[]) => {
      const job = { messageIds: messages.map((m) => m.messageId) };
      return queue.add('score', job, scoringJobOptions(job));
    },
  });
}

/** Listens on topics through Redis like a hub node; `frames(topic)` is what it received. */
export async function listen(config: Config, topics: string[]) {
  const redis = createRedis(config.redis, { name: 'test-listen' });
  const subscriber = createRedis(config.redis, { name: 'test-listen-sub', maxRetriesPerRequest: null });
  const broker = new RedisBroker(redis, subscriber, {
    keyPrefix: config.redis.keyPrefix,
    historyMaxCount: 100,
    historyMaxAgeMs: 60_000,
    idleExpiryMs: 60_000,
  });
  const received = new Map<string, string[]>();
  broker.onFrame((topic, frame) => received.set(topic, [...(received.get(topic) ?? []), frame]));
  for (const topic of topics) await broker.subscribe(topic);
  return {
    frames: (topic: string) => received.get(topic) ?? [],
    close: () => broker.close(),
  };
}
