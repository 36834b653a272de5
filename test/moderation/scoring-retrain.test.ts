// Retraining from moderators' labels without a redeploy: a retrain run on demand through its
// queue stores a new model version, and a running worker scores with it within its poll
// interval; a retrain on poisoned labels is refused and changes nothing.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { parseArtifact } from '../../moderation/scoring/artifact.js';
import { scoringProcessors } from '../../moderation/scoring/queue/processors.js';
import { RETRAIN_QUEUE, retrain } from '../../moderation/scoring/queue/retrain.js';
import { shippedSpamModel } from '../../moderation/scoring/spam-scorer.js';
import { loadSmsCollection } from '../../moderation/scoring/sms-dataset.js';
import { scoringDecisionModel } from '../../storage/models/scoring-decision.model.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { spamLabelModel } from '../../storage/models/spam-label.model.js';
import {
  getSpamModel,
  latestSpamModelVersion,
  putSpamLabel,
} from '../../storage/repositories/spam-training.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { eventually } from '../support/wait.js';
import { CLEAN, scoringConfig, scoringQueue, storeMessage } from './scoring-support.js';

const PUMP = [
  'join my crypto pump group on telegram, 10x guaranteed returns',
  'guaranteed 10x crypto pump tonight, dm me for the telegram group',
  'crypto pump signals on telegram, guaranteed profit every day',
  'telegram crypto pump group: guaranteed returns, join before launch',
  'dm me for guaranteed crypto returns, telegram pump group is open',
  'crypto pump starts tonight, join the telegram for guaranteed gains',
  'best telegram pump group, guaranteed 10x on crypto, join now',
  'guaranteed crypto pump, telegram group link in my bio',
];
const CHAT = [
  'does anyone know a good plumber near the station?',
  'thanks for the invoice, I will pay it this week',
  'the cleaner did a great job on the windows today',
  'can we move the gardening session to saturday morning?',
  'I left a review for the electrician, very tidy work',
  'what time does the community meetup start tomorrow?',
  'my tutor recommended a book on algebra, anyone read it?',
  'the moving van arrives at nine, see you there',
];

describe('retraining the spam model from moderators’ labels', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let connection: Connection;
  let c: TestCommunity;
  let worker: WorkerProcess;
  let config: ReturnType<typeof scoringConfig>;

  const label = (text: string, spam: boolean) =>
    putSpamLabel(connection, {
      messageId: new Types.ObjectId(),
      communityId: c.id,
      authorId: 'bob',
      text,
      spam,
      source: spam ? 'remove' : 'approve',
      by: 'mod',
    });

  beforeAll(async () => {
    db = await testDatabase();
    connection = db.connection;
    c = await provisionTestCommunity(db.url);
    config = scoringConfig(db.url);
  });
  afterAll(async () => {
    await worker?.shutdown();
    const queue = scoringQueue(config);
    await queue.obliterate();
    await queue.close();
    await db?.drop();
  });

  it('retrains on its schedule and on demand; a running worker picks each version up without a restart', async () => {
    for (const text of PUMP.slice(0, 4)) await label(text, true);
    for (const text of CHAT.slice(0, 4)) await label(text, false);
    expect(await latestSpamModelVersion(connection)).toBe(0);
    // The scheduled retrain runs once when the schedule is set up, then every retrainEveryMs.
    worker = await startWorker(config, (resources) => scoringProcessors(config, resources));
    await eventually(async () => (await latestSpamModelVersion(connection)) === 1, 60_000, 200);

    // More decisions, and a retrain on demand (what `hub queue retrain` does).
    for (const text of PUMP.slice(4)) await label(text, true);
    for (const text of CHAT.slice(4)) await label(text, false);
    const retrains = new BullJobQueue<object>(RETRAIN_QUEUE, {
      keyPrefix: config.redis.keyPrefix,
      redis: config.redis,
    });
    await retrains.add('retrain', {});
    await eventually(async () => (await latestSpamModelVersion(connection)) === 2, 60_000, 200);
    await retrains.close();

    const stored = await getSpamModel(connection, 2);
    expect(stored).toMatchObject({ version: 2, labels: PUMP.length + CHAT.length });
    const learned = parseArtifact(JSON.parse(stored?.artifact ?? '{}')).classifier;
    const pitch = 'guaranteed crypto pump on telegram, join the group';
    expect(learned.score(pitch)).toBeGreaterThan(shippedSpamModel().classifier.score(pitch));
    expect(stored?.validation.mcc).toBeGreaterThan(0.9);

    // The running worker scores with version 2 now.
    const queue = scoringQueue(config);
    const job = await storeMessage(connection, c, 'ann', CLEAN);
    await queue.enqueue(job);
    const decision = await eventually(
      () => scoringDecisionModel(connection).findOne({ messageId: job.messageId }).lean(),
      10_000,
    );
    expect(decision.modelVersion).toBe(2);
    await queue.close();
  }, 120_000);

  it('refuses a model trained on poisoned labels', async () => {
    await spamLabelModel(connection).deleteMany({});
    // Moderators "approve" spam of the kind the SMS collection holds, again and again.
    const spam = loadSmsCollection()
      .filter((e) => e.spam)
      .slice(0, 160);
    for (const e of spam)
      await label(typeof e.message === 'string' ? e.message : e.message.stems.join(' '), false);
    const outcome = await retrain(connection);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') expect(outcome.candidate.mcc).toBeLessThan(outcome.current.mcc);
    expect(await latestSpamModelVersion(connection)).toBe(2);
  }, 90_000);
});
