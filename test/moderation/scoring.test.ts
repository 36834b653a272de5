// The scoring workers end to end against real Redis and FerretDB: a worker scores stored
// messages, hides and flags spam live (the channel's and the moderators' topics, through Redis
// as every hub node receives them, and on the sockets of two hub nodes), allows a clean message,
// decides each message once however often a job names it, and keeps a job that fails every
// attempt as a dead letter listing its messages.
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { scoringProcessors } from '../../moderation/scoring/queue/processors.js';
import { SCORING_QUEUE } from '../../moderation/scoring/queue/scoring-job.js';
import { auditEntryModel } from '../../storage/models/audit-entry.model.js';
import { moderationCaseModel } from '../../storage/models/moderation-case.model.js';
import { scoringDecisionModel } from '../../storage/models/scoring-decision.model.js';
import { getMessage } from '../../storage/repositories/messages.js';
import { updateModerationSettings } from '../../storage/repositories/moderation-settings.js';
import { hubCli } from '../support/cli.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { eventually } from '../support/wait.js';
import type { TestClient } from '../support/ws-client.js';
import { socketOf, type Hub } from './review-support.js';
import { CLEAN, listen, scoringConfig, scoringQueue, SPAM, storeMessage } from './scoring-support.js';

describe('scoring workers', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let connection: Connection;
  let c: TestCommunity;
  let worker: WorkerProcess;
  let config: ReturnType<typeof scoringConfig>;
  let queue: ReturnType<typeof scoringQueue>;
  let listener: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    db = await testDatabase();
    connection = db.connection;
    c = await provisionTestCommunity(db.url);
    config = scoringConfig(db.url);
    queue = scoringQueue(config);
    listener = await listen(config, [c.topic('general'), `mods:${c.id}`]);
    worker = await startWorker(config, (resources) => scoringProcessors(config, resources));
  });
  afterAll(async () => {
    await worker?.shutdown();
    await queue?.obliterate();
    await queue?.close();
    await listener?.close();
    await db?.drop();
  });

  const events = (topic: string) =>
    listener.frames(topic).map((f) => (JSON.parse(f) as { data: Record<string, unknown> }).data);
  const decisionOf = (messageId: string) => scoringDecisionModel(connection).findOne({ messageId }).lean();

  it('hides and flags spam live, and allows a clean message, both named by one job', async () => {
    const spam = await storeMessage(connection, c, 'bob', SPAM);
    const clean = await storeMessage(connection, c, 'ann', CLEAN);
    await queue.enqueue(spam, clean);

    const decided = await eventually(async () => (await decisionOf(spam.messageId))?.status === 'done');
    expect(decided).toBe(true);
    expect(await eventually(async () => (await decisionOf(clean.messageId))?.status === 'done')).toBe(true);

    const spamDecision = await decisionOf(spam.messageId);
    expect(spamDecision).toMatchObject({ action: 'hide', modelVersion: 0 });
    expect(spamDecision?.risk).toBeGreaterThanOrEqual(0.9);
    expect(await decisionOf(clean.messageId)).toMatchObject({ action: 'allow', scores: '{}' });

    expect(await getMessage(connection, spam.messageId)).toMatchObject({ hiddenBy: 'scoring' });
    expect((await getMessage(connection, clean.messageId))?.hiddenAt).toBeNull();

    await eventually(() => events(c.topic('general')).length > 0);
    expect(events(c.topic('general'))).toEqual([
      { kind: 'message.hidden', id: spam.messageId, by: 'scoring' },
    ]);
    await eventually(() => events(`mods:${c.id}`).length > 0);
    const announced = events(`mods:${c.id}`) as { kind: string; case: Record<string, unknown> }[];
    expect(announced).toHaveLength(1);
    expect(announced[0]?.kind).toBe('case.opened');
    expect(announced[0]?.case).toMatchObject({
      messageId: spam.messageId,
      source: 'scoring',
      authorId: 'bob',
    });
    const scores = (announced[0]?.case['scores'] as { scoring: Record<string, unknown> }).scoring;
    expect(scores).toMatchObject({ action: 'hide', modelVersion: 0 });
    expect((scores['spam'] as { reasons: string[] }).reasons[0]).toMatch(/^spam classifier/);

    const cases = await moderationCaseModel(connection).find({ communityId: c.id }).lean();
    expect(cases.map((x) => x.messageId.toHexString())).toEqual([spam.messageId]);
    const audit = await auditEntryModel(connection)
      .find({ communityId: c.id, action: 'scoring.decide' })
      .lean();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      messageId: spam.messageId,
      action: 'hide',
    });
  });

  it('reaches the clients of every hub node: the hidden message on the channel, the case on the moderators’ topic', async () => {
    const overrides = { mongodb: { url: config.mongodb.url }, redis: { keyPrefix: config.redis.keyPrefix } };
    const hubs: Hub[] = [await startTestHub(overrides), await startTestHub(overrides)];
    const sockets: TestClient[] = [];
    try {
      const [a, b] = hubs as [Hub, Hub];
      const member = await socketOf(a, 'ann', [c.topic('general')]);
      const moderator = await socketOf(b, 'mod', [`mods:${c.id}`]);
      sockets.push(member, moderator);
      const spam = await storeMessage(connection, c, 'bob', SPAM);
      await queue.enqueue(spam);
      const hidden = await member.next(
        (f) => f.type === 'pub' && (f['data'] as { kind?: string } | undefined)?.kind === 'message.hidden',
      );
      expect(hidden['data']).toEqual({ kind: 'message.hidden', id: spam.messageId, by: 'scoring' });
      const opened = await moderator.next(
        (f) => f.type === 'pub' && (f['data'] as { kind?: string } | undefined)?.kind === 'case.opened',
      );
      expect((opened['data'] as { case: Record<string, unknown> }).case).toMatchObject({
        messageId: spam.messageId,
        source: 'scoring',
        flags: [{ by: 'scoring' }],
      });
    } finally {
      for (const s of sockets) s.close();
      for (const hub of hubs) await hub.shutdown();
    }
  });

  it('scores what members publish through the gateway: the hub hands each message to the workers', async () => {
    const overrides = { mongodb: { url: config.mongodb.url }, redis: { keyPrefix: config.redis.keyPrefix } };
    const hub = await startTestHub(overrides);
    const sockets: TestClient[] = [];
    try {
      const member = await socketOf(hub, 'ann', [c.topic('general')]);
      const author = await socketOf(hub, 'bob');
      sockets.push(member, author);
      const ack = await author.ok({
        type: 'publish',
        channel: c.topic('general'),
        data: { body: SPAM },
        nonce: `gateway-spam-${Date.now()}`,
      });
      const delivered = await member.next(
        (f) =>
          f.type === 'pub' &&
          f['offset'] === ack['offset'] &&
          (f['data'] as { kind?: string }).kind === 'message',
      );
      const id = (delivered['data'] as { id: string }).id;
      const hidden = await member.next(
        (f) => f.type === 'pub' && (f['data'] as { kind?: string } | undefined)?.kind === 'message.hidden',
      );
      expect(hidden['data']).toEqual({ kind: 'message.hidden', id, by: 'scoring' });
      expect((await getMessage(connection, id))?.hiddenBy).toBe('scoring');
    } finally {
      for (const s of sockets) s.close();
      await hub.shutdown();
    }
  });

  it('only flags when the community hides nothing, and decides once however often a job names it', async () => {
    await updateModerationSettings(connection, c.id, { scoring: { flagAt: 0.5, hideAt: null } });
    const spam = await storeMessage(connection, c, 'bob', SPAM);
    await queue.enqueue(spam);
    await eventually(async () => (await decisionOf(spam.messageId))?.status === 'done');
    // Another job naming it (a sweep's batch, say): its message is scored already, so skipped.
    await queue.add('score', { messageIds: [spam.messageId] }, { id: `again-${spam.messageId}` });
    await eventually(async () => {
      const counts = await queue.counts();
      return counts.waiting + counts.active + counts.delayed === 0;
    });

    expect(await decisionOf(spam.messageId)).toMatchObject({ action: 'flag' });
    expect(await scoringDecisionModel(connection).countDocuments({ messageId: spam.messageId })).toBe(1);
    expect((await getMessage(connection, spam.messageId))?.hiddenAt).toBeNull();
    const audit = await auditEntryModel(connection)
      .find({ communityId: c.id, action: 'scoring.decide' })
      .lean();
    expect(audit.filter((e) => e.details.includes(spam.messageId))).toHaveLength(1);
  });

  it(
    'keeps a job that fails every attempt as a dead letter listing its messages, which can be retried',
    { timeout: 60_000 },
    async () => {
      const broken = { messageIds: ['not-a-message-id'] };
      await queue.add('score', broken, { id: 'score-broken', attempts: 2, backoffMs: 50 });
      const dead = await eventually(async () =>
        (await queue.deadLetters()).find((d) => d.id === 'score-broken'),
      );
      expect(dead).toMatchObject({ data: broken, attempt: 2 });
      expect(dead.error).toMatch(/messageId/);
      // The operators' path: `hub queue dead-letters <queue>` and `hub queue retry <queue> <id>`.
      const cli = hubCli(config.mongodb.url, { HUB_REDIS_KEY_PREFIX: config.redis.keyPrefix });
      const hub = (...args: string[]) => cli('queue', ...args);
      const listed = (await hub('dead-letters', SCORING_QUEUE)).stdout.trim().split('\n');
      expect(listed.map((line) => (JSON.parse(line) as { id: string }).id)).toContain('score-broken');
      expect((await hub('retry', SCORING_QUEUE, 'score-broken')).stdout).toMatch(/retrying score-broken/);
      // A fresh set of attempts: it runs (and, still broken, fails) again.
      const again = await eventually(async () =>
        (await queue.deadLetters()).find((d) => d.id === 'score-broken' && d.failedAt > dead.failedAt),
      );
      expect(again.attempt).toBe(2);
    },
  );
});
