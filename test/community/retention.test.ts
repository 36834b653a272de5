// Retention on real MongoDB: each community loses what is older than its retention period,
// in its chosen way, in the chat domain's collection and the stored publications alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../community/retention.js';
import { createLogger } from '../../hub/logger.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { ERASED_DATA } from '../../storage/messages/message-store.js';
import { insertMessage, listMessages } from '../../storage/repositories/messages.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { testConfig } from '../support/config.js';

const DAY = 24 * 3600_000;

describe('retention', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let deleting: TestCommunity;
  let anonymizing: TestCommunity;
  let keeping: TestCommunity;
  const now = Date.now();

  beforeAll(async () => {
    db = await testDatabase();
    [deleting, anonymizing, keeping] = [
      await provisionTestCommunity(db.url, { settings: { retentionDays: 7, retentionMode: 'delete' } }),
      await provisionTestCommunity(db.url, { settings: { retentionDays: 7, retentionMode: 'anonymize' } }),
      await provisionTestCommunity(db.url),
    ];
    const store = new MongoMessageStore(db.connection);
    await store.syncIndexes();
    for (const c of [deleting, anonymizing, keeping]) {
      for (const [offset, ageDays] of [
        [1, 10],
        [2, 1],
      ] as const) {
        const at = now - ageDays * DAY;
        await insertMessage(db.connection, {
          channelId: c.channels.general,
          communityId: c.id,
          offset,
          authorId: 'ann',
          authorName: 'Ann',
          body: `written ${ageDays} days ago`,
          createdAt: new Date(at),
        });
      }
    }
  });
  afterAll(() => db.drop());

  it('deletes or anonymizes what is older than each community keeps, and leaves the rest', async () => {
    const store = new MongoMessageStore(db.connection);
    const runs = await runRetention(db.connection, store, createLogger(testConfig(), 'worker'), { now });
    expect(runs).toEqual(
      expect.arrayContaining([
        // A message is its channel's log row: deleting it leaves no other publication to delete.
        { communityId: deleting.id, mode: 'delete', messages: 1, publications: 0, files: 0 },
        { communityId: anonymizing.id, mode: 'anonymize', messages: 1, publications: 1, files: 0 },
      ]),
    );
    expect(runs.map((r) => r.communityId)).not.toContain(keeping.id);

    const bodies = async (c: TestCommunity) =>
      (await listMessages(db.connection, c.channels.general, { limit: 10 })).map((m) => [
        m.offset,
        m.body,
        m.authorId,
      ]);
    expect(await bodies(deleting)).toEqual([[2, 'written 1 days ago', 'ann']]);
    const anonymized = await bodies(anonymizing);
    expect(anonymized[1]).toEqual([2, 'written 1 days ago', 'ann']);
    expect(anonymized[0]?.[2]).not.toBe('ann');
    expect(await bodies(keeping)).toHaveLength(2);

    expect((await store.after(deleting.topic('general'), 0, 10)).map((p) => p.offset)).toEqual([2]);
    const log = await store.after(anonymizing.topic('general'), 0, 10);
    expect(log[0]?.data).toBe(ERASED_DATA);
    expect(JSON.parse(log[1]?.data ?? '{}')).toMatchObject({ kind: 'message', body: 'written 1 days ago' });
    expect(await store.after(keeping.topic('general'), 0, 10)).toHaveLength(2);

    const audit = await db.connection.db
      ?.collection('audit_entries')
      .find({ action: 'retention.apply' })
      .toArray();
    expect(audit).toHaveLength(2);
    // A second run finds nothing more to do.
    const again = await runRetention(db.connection, store, createLogger(testConfig(), 'worker'), { now });
    expect(again.every((r) => r.messages === 0 && r.publications === 0)).toBe(true);
  });
});
