// The scoring hand-off against real Redis (BullMQ) and FerretDB: one job per stored batch carrying
// its community messages (none for held messages, direct messages or other publications), the
// same batch enqueued twice is one job, and the repair sweep enqueues the messages no decision
// was recorded about, from a watermark that each sweep moves on.
import { randomUUID } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/community.js';
import { testConfig } from '../../test/support/config.js';
import { eventually } from '../../test/support/wait.js';
import { GroupCommitStore } from '../../storage/messages/group-commit.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { SCORING_BATCH_MAX, SCORING_QUEUE, type ScoringJob } from '../scoring/queue/scoring-job.js';
import { repairScoring, SCORING_REPAIR_AFTER_MS, ScoringEnqueuer } from './scoring-enqueue.js';
import { recordDecision } from '../../storage/repositories/scoring-decisions.js';

const log = pino({ level: 'silent' });
const community = new Types.ObjectId().toHexString();
const channel = `chan:${community}:${new Types.ObjectId().toHexString()}`;
let offset = 0;

/** A message's creation publication, as the chat domain publishes it. */
function messageRow(ts = Date.now(), topic = channel): StoredPublication & { id: string } {
  const id = new Types.ObjectId().toHexString();
  const message = { kind: 'message', id, body: 'hello', replyToId: null };
  const data = JSON.stringify({ ...message, mentions: { userIds: [], roleIds: [], everyone: false } });
  offset += 1;
  return { id, channel: topic, offset, epoch: 'e1', data, userId: 'bob', userName: 'Bob', nonce: id, ts };
}

describe('scoring hand-off', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let connection: Connection;
  const queues: BullJobQueue<ScoringJob>[] = [];

  /** A scoring queue of this test alone. */
  const freshQueue = () => {
    const queue = new BullJobQueue<ScoringJob>(SCORING_QUEUE, {
      keyPrefix: `se${randomUUID().slice(0, 6)}`,
      redis: testConfig().redis,
    });
    queues.push(queue);
    return queue;
  };
  /** The data of every job in the queue, as a consumer receives it. */
  const drain = async (queue: BullJobQueue<ScoringJob>, jobs: number) => {
    const seen: ScoringJob[] = [];
    const consumer = queue.consume(async (job) => void seen.push(job.data));
    await eventually(() => seen.length >= jobs);
    await consumer.close();
    return seen;
  };

  beforeAll(async () => {
    db = await testDatabase();
    connection = db.connection;
  });
  afterAll(async () => {
    for (const queue of queues) {
      await queue.obliterate();
      await queue.close();
    }
    await db?.drop();
  });

  it('enqueues a stored batch as one job, naming its community messages in order', async () => {
    const queue = freshQueue();
    const store = new GroupCommitStore(new MongoMessageStore(connection));
    const enqueuer = new ScoringEnqueuer(queue, log);
    const batches: (readonly StoredPublication[])[] = [];
    store.onCommitted((rows) => void batches.push(rows));
    store.onCommitted(enqueuer.onStored);

    const messages = [messageRow(), messageRow(), messageRow()];
    const held = messageRow();
    const heldRow = {
      ...held,
      data: JSON.stringify({ kind: 'message.hidden', id: held.id, by: 'automod' }),
      record: held.data.replace('"replyToId"', '"hiddenBy":"automod","replyToId"'),
    };
    const direct = messageRow(Date.now(), `chan:dm:${new Types.ObjectId().toHexString()}`);
    const reaction = { ...messageRow(), data: '{"kind":"reaction","emoji":"👍"}' };
    await store.insert([...messages, heldRow, direct, reaction]);
    expect(batches).toHaveLength(1);

    await eventually(async () => (await queue.counts()).waiting === 1);
    enqueuer.onStored(batches[0] ?? []); // the same batch again: deduplicated by its ids
    await enqueuer.flush();
    expect((await queue.counts()).waiting).toBe(1);
    // The job carries what the worker scores, so it reads none of them back.
    const [channelId] = channel.split(':').slice(2);
    expect(await drain(queue, 1)).toEqual([
      {
        messageIds: messages.map((m) => m.id),
        messages: messages.map((m) => ({
          id: m.id,
          communityId: community,
          channelId,
          authorId: 'bob',
          body: 'hello',
        })),
      },
    ]);
    await store.close();
  });

  it('puts the batches stored within its linger in one job, and sends what waits when closed', async () => {
    const queue = freshQueue();
    // A linger no test waits out: only close() sends the first three batches.
    const enqueuer = new ScoringEnqueuer(queue, log, 3_600_000);
    const first = [messageRow(), messageRow()];
    const second = [messageRow()];
    const third = [messageRow(), messageRow()];
    for (const batch of [first, second, third]) enqueuer.onStored(batch);
    expect((await queue.counts()).waiting).toBe(0);
    await enqueuer.close();
    const [job] = await drain(queue, 1);
    expect(job?.messageIds).toEqual([...first, ...second, ...third].map((m) => m.id));

    // SCORING_BATCH_MAX waiting are sent at once, without waiting out the linger.
    const many = Array.from({ length: SCORING_BATCH_MAX }, () => messageRow());
    enqueuer.onStored(many.slice(0, 40));
    enqueuer.onStored(many.slice(40));
    await eventually(async () => (await queue.counts()).waiting === 1);
    const [full] = await drain(queue, 1);
    expect(full?.messageIds).toEqual(many.map((m) => m.id));
  });

  it('does not hold up a shutdown while Redis does not answer', async () => {
    const warned: string[] = [];
    // The real queue, but its enqueue never answers (as while Redis is down).
    const never = Object.assign(Object.create(freshQueue()) as JobQueue<ScoringJob>, {
      addBulk: () => new Promise<never>(() => undefined),
    });
    const enqueuer = new ScoringEnqueuer(
      never,
      { warn: (msg: string) => void warned.push(msg) } as unknown as Logger,
      3_600_000,
    );
    enqueuer.onStored([messageRow()]);
    await enqueuer.close(100);
    expect(warned).toEqual(['scoring jobs not queued before shutdown; the sweep will']);
  });

  it('repairs from a watermark: messages left undecided a minute on, each sweep going on from the last', async () => {
    const queue = freshQueue();
    const store = new MongoMessageStore(connection);
    // Hours ahead of the other tests' messages, so that this database's first sweep (an hour
    // back from its window's end) sees only these.
    const now = Date.now() + 10 * 3_600_000;
    const old = Array.from({ length: SCORING_BATCH_MAX + 21 }, (_, i) =>
      messageRow(now - SCORING_REPAIR_AFTER_MS - 60_000 + i),
    );
    const fresh = messageRow(now);
    await store.insert([...old, fresh]);
    // One of the old ones was decided: its job ran, nothing to repair.
    const decided = old.pop() as (typeof old)[0];
    await recordDecision(
      connection,
      {
        messageId: decided.id,
        communityId: community,
        channelId: channel.split(':')[2] as string,
        authorId: 'bob',
        action: 'allow',
        risk: 0,
        scores: '{}',
        summary: '',
        modelVersion: 0,
      },
      30_000,
    );

    // Pages of 50: the sweep reads its window in rounds.
    expect(await repairScoring(connection, queue, now, 50)).toBe(old.length);
    expect(await repairScoring(connection, queue, now, 50)).toBe(0); // the watermark moved on
    const jobs = await drain(queue, 3);
    expect(new Set(jobs.flatMap((j) => j.messageIds))).toEqual(new Set(old.map((m) => m.id)));
    expect(jobs.every((j) => j.messages === undefined)).toBe(true); // named by id: the worker reads them

    // Two minutes on, the fresh one is due too.
    expect(await repairScoring(connection, queue, now + 120_000)).toBe(1);
    expect((await drain(queue, 1)).flatMap((j) => j.messageIds)).toEqual([fresh.id]);
  });
});
