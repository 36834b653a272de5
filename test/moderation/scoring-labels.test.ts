// Moderators' decisions on the review queue's REST API become the spam model's training labels:
// removing a message scoring flagged as spam labels its text spam (read before the removal
// emptied it), approving one labels it ham, and removing one reported for abuse labels nothing.
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { scoringProcessors } from '../../moderation/scoring/queue/processors.js';
import { moderationCaseModel } from '../../storage/models/moderation-case.model.js';
import { flagMessage } from '../../storage/repositories/cases.js';
import { getMessage } from '../../storage/repositories/messages.js';
import { listSpamLabels } from '../../storage/repositories/spam-training.js';
import { apiAs, hubApiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, TEST_OWNER, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { eventually } from '../support/wait.js';
import type { Hub } from './review-support.js';
import { CLEAN, scoringConfig, scoringQueue, SPAM, storeMessage } from './scoring-support.js';

describe('labels from moderators’ decisions', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let connection: Connection;
  let c: TestCommunity;
  let hub: Hub;
  let worker: WorkerProcess;
  let mod: ApiCall;
  let config: ReturnType<typeof scoringConfig>;

  beforeAll(async () => {
    db = await testDatabase();
    connection = db.connection;
    config = scoringConfig(db.url);
    hub = await startTestHub({ mongodb: { url: db.url }, redis: { keyPrefix: config.redis.keyPrefix } });
    c = await createTestCommunity(hub.url);
    worker = await startWorker(config, (resources) => scoringProcessors(config, resources));
    mod = await apiAs(hub.url, 'mod');
    // Flag everything a little risky, hide nothing: the cases stay open for the moderator.
    const owner = await hubApiAs(hub.url, TEST_OWNER);
    await owner.putScoringThresholds({ path: { communityId: c.id }, body: { flagAt: 0.3, hideAt: null } });
  });
  afterAll(async () => {
    await worker?.shutdown();
    await hub?.shutdown();
    const queue = scoringQueue(config);
    await queue.obliterate();
    await queue.close();
    await db?.drop();
  });

  const scoredCase = async (body: string) => {
    const job = await storeMessage(connection, c, 'bob', body);
    const queue = scoringQueue(config);
    await queue.enqueue(job);
    await queue.close();
    const found = await eventually(() =>
      moderationCaseModel(connection).findOne({ messageId: job.messageId }).lean(),
    );
    return { messageId: job.messageId, caseId: found._id.toHexString() };
  };
  const labelOf = async (messageId: string) =>
    (await listSpamLabels(connection)).find((l) => l.messageId.toHexString() === messageId);

  it('labels a removed spam message spam, with its text', async () => {
    const { messageId, caseId } = await scoredCase(SPAM);
    const decided = await mod('POST', `/api/v1/cases/${caseId}/decision`, {
      action: 'remove',
      reason: 'spam',
    });
    expect(decided.status).toBe(200);
    expect((await getMessage(connection, messageId))?.body).toBe('');
    expect(await labelOf(messageId)).toMatchObject({ text: SPAM, spam: true, source: 'remove', by: 'mod' });
  });

  it('labels an approved message ham', async () => {
    const { messageId, caseId } = await scoredCase(`${SPAM} (our real raffle, approved by the admins)`);
    expect(
      (await mod('POST', `/api/v1/cases/${caseId}/decision`, { action: 'approve', reason: 'ok' })).status,
    ).toBe(200);
    expect(await labelOf(messageId)).toMatchObject({ spam: false, source: 'approve' });
  });

  it('gives no label for a removal that was not about spam', async () => {
    const job = await storeMessage(connection, c, 'bob', CLEAN);
    const { case: reported } = await flagMessage(connection, {
      ...job,
      source: 'report',
      by: 'ann',
      reason: 'rude to me in private',
    });
    const caseId = reported._id.toHexString();
    expect(
      (await mod('POST', `/api/v1/cases/${caseId}/decision`, { action: 'remove', reason: 'abuse' })).status,
    ).toBe(200);
    expect(await labelOf(job.messageId)).toBeUndefined();
  });
});
