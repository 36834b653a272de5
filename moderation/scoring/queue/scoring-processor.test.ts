// Scoring one message: the exactly-once rules against real FerretDB and Redis, without a queue: resuming
// a decision whose effects were cut short, racing workers, messages that need no scoring, and
// the labels moderators' decisions leave for retraining. Then a job's batch of messages
// (scoring-batch.ts): carried whole (nothing read back) or named by id, a retried batch decides
// nothing twice, a failed message fails the job without undoing the others.
import { randomUUID } from 'node:crypto';
import mongoose, { Types, type Connection } from 'mongoose';
import { chanTopic } from '../../../protocol/index.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../../../test/support/community.js';
import { testConfig } from '../../../test/support/config.js';
import { RedisBroker } from '../../../realtime/broker/broker.redis.js';
import { Publisher } from '../../../realtime/publisher.js';
import { MongoMessageStore } from '../../../storage/messages/message-store.mongo.js';
import type { StoredPublication } from '../../../storage/messages/message-store.js';
import { scoringInputOf } from '../../../storage/messages/message-record.js';
import { auditEntryModel } from '../../../storage/models/audit-entry.model.js';
import { moderationCaseModel } from '../../../storage/models/moderation-case.model.js';
import { scoringDecisionModel } from '../../../storage/models/scoring-decision.model.js';
import { createRedis } from '../../../storage/redis.js';
import { decideCase } from '../../../storage/repositories/cases.js';
import { deleteMessage, hideMessage } from '../../../storage/repositories/messages.js';
import { DecisionBusyError } from '../../../storage/repositories/scoring-decisions.js';
import { listSpamLabels } from '../../../storage/repositories/spam-training.js';
import { labelFromDecision } from './labels.js';
import { ModelHolder } from './model-holder.js';
import { scoreStoredMessage, type ScoringDeps } from './scoring-processor.js';
import { ScoringBatchError, scoreBatch } from './scoring-batch.js';
import { StandingCache } from './scoring-reads.js';
import { scoringJobsFor } from './scoring-job.js';

const SPAM = 'URGENT! You have WON a £1000 cash prize! Claim now, txt WIN to 87121 or call 09061701461';
const CLEAN = 'are we still meeting at the cafe tomorrow at 10?';

describe('scoreStoredMessage', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let connection: Connection;
  let c: TestCommunity;
  let deps: ScoringDeps;
  let broker: RedisBroker;

  beforeAll(async () => {
    db = await testDatabase();
    connection = db.connection;
    c = await provisionTestCommunity(db.url);
    const config = testConfig();
    broker = new RedisBroker(
      createRedis(config.redis, { name: 'test-scoring' }),
      createRedis(config.redis, { name: 'test-scoring-sub', maxRetriesPerRequest: null }),
      {
        keyPrefix: `sp${randomUUID().slice(0, 6)}`,
        historyMaxCount: 100,
        historyMaxAgeMs: 60_000,
        idleExpiryMs: 60_000,
      },
    );
    deps = {
      connection,
      publisher: new Publisher(broker, new MongoMessageStore(connection)),
      models: new ModelHolder(connection),
    };
  });
  afterAll(async () => {
    await broker?.close();
    await db?.drop();
  });

  /** A new message's data, as the chat domain writes it: its id and the JSON text. */
  const messageData = (body: string) => {
    const id = new Types.ObjectId().toHexString();
    const message = {
      kind: 'message',
      id,
      body,
      replyToId: null,
      mentions: { userIds: [], roleIds: [], everyone: false },
    };
    return { id, data: JSON.stringify(message) };
  };

  /** Posts as the gateway does: the publication on the channel's topic is the message's record. */
  const publishMessage = async (topic: string, body: string, authorId: string): Promise<string> => {
    const { id, data } = messageData(body);
    await deps.publisher.publish(topic, {
      nonce: randomUUID(),
      data,
      info: { id: authorId, name: authorId },
    });
    return id;
  };
  const post = async (body: string, authorId = 'bob') => {
    const id = await publishMessage(c.topic('general'), body, authorId);
    return {
      messageId: id,
      communityId: c.id,
      channelId: c.channels.general,
      authorId,
    };
  };
  const decisionsAbout = (ids: readonly string[]) =>
    scoringDecisionModel(connection).countDocuments({ messageId: { $in: ids } });
  const auditFor = async (messageId: string) =>
    (await auditEntryModel(connection).find({ communityId: c.id, action: 'scoring.decide' }).lean()).filter(
      (e) => e.details.includes(messageId),
    );

  it('finishes a decision whose effects were cut short, without a second flag or audit entry', async () => {
    const job = await post(SPAM);
    expect((await scoreStoredMessage(deps, job.messageId)).kind).toBe('decided');
    // As if the worker died after auditing, before marking the decision done.
    await scoringDecisionModel(connection).updateOne(
      { messageId: job.messageId },
      { $set: { status: 'recorded', leaseUntil: new Date(Date.now() - 1) } },
    );
    expect((await scoreStoredMessage(deps, job.messageId)).kind).toBe('resumed');
    expect((await scoreStoredMessage(deps, job.messageId)).kind).toBe('already_done');
    expect(await auditFor(job.messageId)).toHaveLength(1);
    const cases = await moderationCaseModel(connection).find({ messageId: job.messageId }).lean();
    expect(cases.map((x) => x.flags.length)).toEqual([1]);
  });

  it('records one decision when workers race on the same message; the others retry later', async () => {
    const job = await post(SPAM);
    const outcomes = await Promise.allSettled([
      scoreStoredMessage(deps, job.messageId),
      scoreStoredMessage(deps, job.messageId),
      scoreStoredMessage(deps, job.messageId),
    ]);
    const decided = outcomes.filter((o) => o.status === 'fulfilled' && o.value.kind === 'decided');
    expect(decided).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(DecisionBusyError);
      else expect(['decided', 'already_done']).toContain(o.value.kind);
    }
    expect((await scoreStoredMessage(deps, job.messageId)).kind).toBe('already_done');
    expect(await scoringDecisionModel(connection).countDocuments({ messageId: job.messageId })).toBe(1);
    expect(await auditFor(job.messageId)).toHaveLength(1);
  });

  it('skips messages that are gone or held already', async () => {
    const deleted = await post(SPAM);
    await deleteMessage(connection, deleted.messageId, 'bob');
    const held = await post(SPAM);
    await hideMessage(connection, held.messageId, 'automod');
    const missing = { ...deleted, messageId: '0123456789abcdef01234567' };
    expect(await scoreStoredMessage(deps, deleted.messageId)).toEqual({ kind: 'skipped', reason: 'deleted' });
    expect(await scoreStoredMessage(deps, held.messageId)).toEqual({ kind: 'skipped', reason: 'hidden' });
    expect(await scoreStoredMessage(deps, missing.messageId)).toEqual({ kind: 'skipped', reason: 'missing' });
    const dm = await publishMessage(chanTopic(null, c.channels.general), SPAM, 'bob');
    expect(await scoreStoredMessage(deps, dm)).toEqual({
      kind: 'skipped',
      reason: 'no_community',
    });
  });

  it('turns a removal of scored spam into a spam label, read before the removal empties the body', async () => {
    const job = await post(SPAM);
    await scoreStoredMessage(deps, job.messageId);
    const open = await moderationCaseModel(connection).findOne({ messageId: job.messageId }).lean();
    if (!open) throw new Error('no case');
    const decided = await decideCase(connection, open._id, { by: 'mod', action: 'remove', reason: 'spam' });
    const label = await labelFromDecision(connection, decided, 'remove', 'mod');
    await deleteMessage(connection, job.messageId, 'mod');
    await label?.store();
    const labels = await listSpamLabels(connection);
    expect(labels.find((l) => l.messageId.toHexString() === job.messageId)).toMatchObject({
      text: SPAM,
      spam: true,
      source: 'remove',
      by: 'mod',
    });
  });

  it('scores a batch once: a retried batch decides nothing again', async () => {
    const spam = await post(SPAM);
    const clean = await post(CLEAN, 'ann');
    const missing = new Types.ObjectId().toHexString(); // never stored: nothing to score
    const messageIds = [spam.messageId, clean.messageId, missing];
    const outcomes = await scoreBatch(deps, { messageIds });
    expect([...outcomes].map(([id, o]) => [id, o.kind])).toEqual([
      [spam.messageId, 'decided'],
      [clean.messageId, 'decided'],
    ]);

    const again = await scoreBatch(deps, { messageIds });
    expect([...again].map(([id, o]) => [id, o.kind])).toEqual([
      [spam.messageId, 'already_done'],
      [clean.messageId, 'already_done'],
    ]);
    // Decided and new messages in one job: one insert, the decided ones found in it.
    const later = await post(`${CLEAN} later`, 'ann');
    const mixed = await scoreBatch(deps, { messageIds: [spam.messageId, later.messageId] });
    expect([...mixed].map(([id, o]) => [id, o.kind])).toEqual([
      [spam.messageId, 'already_done'],
      [later.messageId, 'decided'],
    ]);
    for (const m of [spam, clean, later])
      expect(await scoringDecisionModel(connection).countDocuments({ messageId: m.messageId })).toBe(1);
    expect(await auditFor(spam.messageId)).toHaveLength(1);
  });

  /** Counts the find, aggregate, insert and update commands (updates by statement) sent on a connection. */
  const counting = async () => {
    const monitored = await mongoose.createConnection(db.url, { monitorCommands: true }).asPromise();
    onTestFinished(() => monitored.close());
    const commands = new Map<string, number>();
    monitored.getClient().on('commandStarted', (event) => {
      const name = event.commandName;
      if (!['find', 'aggregate', 'insert', 'update'].includes(name)) return;
      const key = `${name} ${String(event.command[name])}`;
      commands.set(
        key,
        (commands.get(key) ?? 0) + (name === 'update' ? (event.command['updates'] as unknown[]).length : 1),
      );
    });
    return { monitored, commands };
  };

  /** One write (a group commit) of these messages, and the job it hands to the workers. */
  const write = async (messages: [body: string, authorId: string][]) => {
    const publications = messages.map(([body, authorId], i): StoredPublication => ({
      channel: c.topic('general'),
      offset: 1_000_000 + Math.floor(Math.random() * 1e9) + i,
      epoch: 'e',
      data: messageData(body).data,
      userId: authorId,
      userName: authorId,
      nonce: randomUUID(),
      ts: Date.now(),
    }));
    await new MongoMessageStore(connection).insert(publications);
    const jobs = scoringJobsFor(publications.flatMap((p) => scoringInputOf(p) ?? []));
    expect(jobs).toHaveLength(1);
    return jobs[0] as NonNullable<(typeof jobs)[0]>;
  };

  it("reads none of a write's messages back, reads each settings and standing once, inserts the decisions at once", async () => {
    const job = await write([
      [CLEAN, 'ann'],
      [`${CLEAN} again`, 'ann'],
      [CLEAN, 'cid'],
    ]);
    expect(job.messages?.map((m) => m.authorId)).toEqual(['ann', 'ann', 'cid']);
    const { monitored, commands } = await counting();
    const worker = { ...deps, connection: monitored, standings: new StandingCache(monitored) };
    const outcomes = await scoreBatch(worker, job);
    expect([...outcomes.values()].map((o) => o.kind)).toEqual(['decided', 'decided', 'decided']);
    expect(Object.fromEntries(commands)).toEqual({
      'find communities': 1,
      // Two authors: each one's membership and prior violations once.
      'find members': 2,
      'aggregate moderation_cases': 2,
      'insert scoring_decisions': 1,
    });
    expect(await decisionsAbout(job.messageIds)).toBe(3);

    // The next job of the same worker (one message, named by id only, as the repair sweep
    // enqueues it): the message read, the settings again, the authors' standings kept.
    commands.clear();
    const next = await post(`${CLEAN} once more`, 'cid');
    expect((await scoreBatch(worker, { messageIds: [next.messageId] })).get(next.messageId)?.kind).toBe(
      'decided',
    );
    expect(Object.fromEntries(commands)).toEqual({
      'find publications': 1,
      'find communities': 1,
      'insert scoring_decisions': 1,
    });
  });

  it('looks at a carried message again before acting on it, and leaves one deleted since', async () => {
    const job = await write([
      [SPAM, 'bob'],
      [CLEAN, 'ann'],
    ]);
    const [spam, clean] = job.messageIds as [string, string];
    await deleteMessage(connection, spam, 'bob');
    const { monitored, commands } = await counting();
    const outcomes = await scoreBatch({ ...deps, connection: monitored }, job);
    expect([...outcomes].map(([id, o]) => [id, o.kind])).toEqual([
      [spam, 'skipped'],
      [clean, 'decided'],
    ]);
    expect(outcomes.get(spam)).toEqual({ kind: 'skipped', reason: 'deleted' });
    // The spam's score called for action: it was read (found deleted); the clean one was not.
    expect(commands.get('find publications')).toBe(1);
    expect(await moderationCaseModel(connection).countDocuments({ messageId: spam })).toBe(0);
  });

  it('fails a batch naming the message that could not be scored, and keeps the others decided', async () => {
    const done = await post(CLEAN, 'ann');
    const busy = await post(SPAM);
    // Another worker recorded this one's decision and still holds its lease.
    expect((await scoreStoredMessage(deps, busy.messageId)).kind).toBe('decided');
    const Decision = scoringDecisionModel(connection);
    await Decision.updateOne(
      { messageId: busy.messageId },
      { $set: { status: 'recorded', leaseUntil: new Date(Date.now() + 60_000) } },
    );
    const ids = [done.messageId, busy.messageId];
    const failure = await scoreBatch(deps, { messageIds: ids }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ScoringBatchError);
    expect([...(failure as ScoringBatchError).failed.keys()]).toEqual([busy.messageId]);
    expect((failure as Error).message).toContain(busy.messageId);
    expect(await decisionsAbout([done.messageId])).toBe(1);

    // The retry, once the lease ran out: only the failed message runs, and finishes its decision.
    await Decision.updateOne(
      { messageId: busy.messageId },
      { $set: { leaseUntil: new Date(Date.now() - 1) } },
    );
    const retried = await scoreBatch(deps, { messageIds: ids });
    expect([...retried].map(([id, o]) => [id, o.kind])).toEqual([
      [done.messageId, 'already_done'],
      [busy.messageId, 'resumed'],
    ]);
    expect(await decisionsAbout(ids)).toBe(2);
    expect(await auditFor(busy.messageId)).toHaveLength(1);
  });
});
