// The scoring hand-off against real Redis (BullMQ) and FerretDB: one job per stored batch naming
// its community messages (none for held messages, direct messages or other publications), the
// same batch enqueued twice is one job, and the repair sweep enqueues old unscored messages in
// batches that a repeated sweep does not duplicate.
import { randomUUID } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/community.js';
import { testConfig } from '../../test/support/config.js';
import { eventually } from '../../test/support/wait.js';
import { GroupCommitStore } from '../../storage/messages/group-commit.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { chatMessageModel } from '../../storage/models/chat-message.model.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { SCORING_BATCH_MAX, SCORING_QUEUE, type ScoringJob } from '../scoring/queue/scoring-job.js';
import { enqueueScoring, repairScoring, SCORING_REPAIR_AFTER_MS } from './scoring-enqueue.js';

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

  it('enqueues one job per stored batch, naming its community messages in order', async () => {
    const queue = freshQueue();
    const store = new GroupCommitStore(new MongoMessageStore(connection));
    const listener = enqueueScoring(queue, log);
    const batches: (readonly StoredPublication[])[] = [];
    store.onCommitted((rows) => void batches.push(rows));
    store.onCommitted(listener);

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
    await listener(batches[0] ?? []); // the same batch again: deduplicated by its ids
    expect((await queue.counts()).waiting).toBe(1);
    // The write's scoring batch is its first message to score, stored on each of them.
    const batch = messages[0]?.id;
    expect(await drain(queue, 1)).toEqual([{ messageIds: messages.map((m) => m.id), batch }]);
    const stored = await chatMessageModel(connection)
      .find({ _id: { $in: [...messages, held, direct].map((m) => new Types.ObjectId(m.id)) } })
      .lean();
    const batchOf = new Map(stored.map((m) => [m._id.toHexString(), m.scoringBatch?.toHexString()]));
    expect(messages.map((m) => batchOf.get(m.id))).toEqual([batch, batch, batch]);
    expect([batchOf.get(held.id), batchOf.get(direct.id)]).toEqual([undefined, undefined]);
    await store.close();
  });

  it('repairs in batches: old unscored messages, once however often the sweep runs', async () => {
    const queue = freshQueue();
    const store = new MongoMessageStore(connection);
    const now = Date.now();
    const old = Array.from({ length: SCORING_BATCH_MAX + 20 }, (_, i) =>
      messageRow(now - SCORING_REPAIR_AFTER_MS - 60_000 + i),
    );
    const fresh = messageRow(now);
    await store.insert([...old, fresh]);

    expect(await repairScoring(connection, queue, now)).toBe(old.length);
    expect(await repairScoring(connection, queue, now)).toBe(old.length);
    expect((await queue.counts()).waiting).toBe(2);
    const jobs = await drain(queue, 2);
    expect(jobs.map((j) => j.messageIds.length).sort((a, b) => a - b)).toEqual([20, SCORING_BATCH_MAX]);
    expect(new Set(jobs.flatMap((j) => j.messageIds))).toEqual(new Set(old.map((m) => m.id)));
  });
});
