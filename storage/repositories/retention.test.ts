import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { chatMessageModel } from '../models/chat-message.model.js';
import { addReaction, getMessage, insertMessage, pinMessage } from './messages.js';
import { pseudonymFor } from './privacy.js';
import { applyRetention } from './retention.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const DAY = 86_400_000;
const now = Date.now();

/** A community with messages 10..1 days old in one channel, and the same in another community. */
async function history() {
  const communityId = new Types.ObjectId();
  const channelId = new Types.ObjectId();
  const other = new Types.ObjectId();
  for (let age = 10; age >= 1; age--) {
    for (const [cid, ch] of [
      [communityId, channelId],
      [other, new Types.ObjectId()],
    ] as const) {
      await insertMessage(connection, {
        channelId: ch,
        communityId: cid,
        offset: 11 - age,
        authorId: age % 2 ? 'ann' : 'bob',
        authorName: age % 2 ? 'Ann' : 'Bob',
        body: `${age} days ago`,
        mentions: { userIds: ['cy'] },
        createdAt: new Date(now - age * DAY),
      });
    }
  }
  return { communityId, channelId, other };
}

describe('applyRetention', () => {
  it('deletes a community’s messages older than the cutoff, and nothing else', async () => {
    const { communityId, channelId, other } = await history();
    const cutoff = new Date(now - 5.5 * DAY);
    expect(await applyRetention(connection, communityId, cutoff, 'delete')).toEqual({
      mode: 'delete',
      messages: 5,
    });
    const left = await chatMessageModel(connection).find({ channelId }).sort({ offset: 1 }).lean();
    expect(left.map((m) => m.body)).toEqual([
      '5 days ago',
      '4 days ago',
      '3 days ago',
      '2 days ago',
      '1 days ago',
    ]);
    expect(await chatMessageModel(connection).countDocuments({ communityId: other })).toBe(10);
    expect(await applyRetention(connection, communityId, cutoff, 'delete')).toEqual({
      mode: 'delete',
      messages: 0,
    });
  });

  it('anonymizes who was involved in old messages, keeping their text', async () => {
    const { communityId, channelId, other } = await history();
    const old = await chatMessageModel(connection).findOne({ channelId, offset: 1 }).lean();
    if (!old) throw new Error('no message');
    await addReaction(connection, old._id, '👍', 'dan');
    await pinMessage(connection, old._id, 'mod');
    const cutoff = new Date(now - 7.5 * DAY);
    expect(await applyRetention(connection, communityId, cutoff, 'anonymize')).toEqual({
      mode: 'anonymize',
      messages: 3,
    });
    const anonymized = await getMessage(connection, old._id);
    expect(anonymized).toMatchObject({
      body: '10 days ago',
      authorId: pseudonymFor(connection, 'bob'),
      authorName: 'Deleted user',
      mentions: { userIds: [] },
      reactions: [{ emoji: '👍', userIds: [pseudonymFor(connection, 'dan')] }],
      pinnedBy: pseudonymFor(connection, 'mod'),
    });
    // Its log row, which gateway history replays, names nobody either.
    const row = await chatMessageModel(connection).findById(old._id).lean();
    expect(row).toMatchObject({
      userId: pseudonymFor(connection, 'bob'),
      userName: 'Deleted user',
      nonce: '',
    });
    expect(JSON.parse(row?.data ?? '{}')).toMatchObject({ kind: 'message', body: '10 days ago' });
    const rows = await chatMessageModel(connection).find({ communityId, authorName: 'Deleted user' }).lean();
    for (const r of rows)
      expect(`${r.userId} ${r.userName} ${r.data}`).not.toMatch(/\b(ann|bob|cy|Ann|Bob)\b/);
    const recent = await chatMessageModel(connection).findOne({ channelId, offset: 4 }).lean();
    expect(recent).toMatchObject({ authorId: 'ann', authorName: 'Ann', mentions: { userIds: ['cy'] } });
    expect(
      await chatMessageModel(connection).countDocuments({ communityId: other, authorName: 'Deleted user' }),
    ).toBe(0);
    // A rerun finds nothing new; a later cutoff only the newly old.
    expect(await applyRetention(connection, communityId, cutoff, 'anonymize')).toEqual({
      mode: 'anonymize',
      messages: 0,
    });
    expect(await applyRetention(connection, communityId, new Date(now - 6.5 * DAY), 'anonymize')).toEqual({
      mode: 'anonymize',
      messages: 1,
    });
  });

  it('refuses a bad cutoff or mode', async () => {
    const id = new Types.ObjectId();
    await expect(applyRetention(connection, id, new Date(Number.NaN), 'delete')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(applyRetention(connection, id, new Date(), 'shred' as 'delete')).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
