// A reply points at a message of its own channel. One to a message that does not exist, or that
// sits in a channel the sender cannot see (or any other channel), is refused exactly like a
// missing message (`not_found`), so nobody learns of messages they may not read; nothing is
// stored or delivered for it.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('replies', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `rep${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url);
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('refuses a reply to a missing message or one of another channel, as missing', async () => {
    const send = (client: TestClient, channel: keyof TestCommunity['channels'], data: object) =>
      client.request({ type: 'publish', channel: c.topic(channel), data, nonce: randomUUID() });
    const insider = await TestClient.connect(hub.wsUrl, await tokenFor('insider'));
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    try {
      const hidden = await send(insider, 'secret', { body: 'only insiders read this' });
      const hiddenId = (hidden.result as { messageId: string }).messageId;
      const visible = await send(ann, 'general', { body: 'a question' });
      const visibleId = (visible.result as { messageId: string }).messageId;
      await ann.ok({ type: 'subscribe', channel: c.topic('general') });

      const refusals = [
        await send(ann, 'general', { body: 'to nothing', replyToId: new Types.ObjectId().toHexString() }),
        await send(ann, 'general', { body: 'to the secret', replyToId: hiddenId }),
        await send(insider, 'general', { body: 'across channels', replyToId: hiddenId }),
      ];
      for (const refused of refusals) {
        expect(refused.result).toBeUndefined();
        expect(refused.error).toMatchObject({ code: 'not_found' });
      }
      // The same wording whether the target is missing or hidden: nothing is learnt of it.
      expect(refusals[1]?.error?.message).toBe(refusals[0]?.error?.message);

      const reply = await send(ann, 'general', { body: 'an answer', replyToId: visibleId });
      expect(reply.result).toBeDefined();
      const delivered = await ann.next(
        (f) => f.type === 'pub' && (f['data'] as { body?: string } | undefined)?.body === 'an answer',
      );
      expect(delivered['data']).toMatchObject({ replyToId: visibleId });
      // None of the refused ones was delivered (they were sent before the answer).
      const bodies = ann.frames.map((f) => (f['data'] as { body?: string } | undefined)?.body);
      expect(bodies).not.toContain('to nothing');
      expect(bodies).not.toContain('to the secret');
    } finally {
      insider.close();
      ann.close();
    }
  });
});
