import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { readStateModel } from '../models/read-state.model.js';
import { deleteMessage, insertMessage, type Mentions } from './messages.js';
import { getReadStates, setLastRead, unreadCounts } from './read-states.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const communityId = new Types.ObjectId();
const post = async (channelId: Types.ObjectId, offset: number, authorId: string, mentions: Mentions = {}) =>
  (
    await insertMessage(connection, {
      channelId,
      communityId,
      offset,
      authorId,
      authorName: authorId,
      body: `m${offset}`,
      mentions,
    })
  ).message;

describe('read states', () => {
  it('moves the read offset forward only', async () => {
    const ch = new Types.ObjectId();
    expect(await setLastRead(connection, 'ann', ch, 5)).toBe(5);
    const first = (await getReadStates(connection, 'ann', [ch]))[0];
    expect(await setLastRead(connection, 'ann', ch, 3)).toBe(5);
    expect(await setLastRead(connection, 'ann', ch, 5)).toBe(5);
    expect((await getReadStates(connection, 'ann', [ch]))[0]?.updatedAt).toEqual(first?.updatedAt);
    expect(await setLastRead(connection, 'ann', ch, 9)).toBe(9);
    expect((await getReadStates(connection, 'ann', [ch]))[0]?.lastReadOffset).toBe(9);
    await expect(setLastRead(connection, 'ann', ch, -1)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(setLastRead(connection, 'ann', ch, 1.5)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('keeps the highest offset when many updates race, starting with none stored', async () => {
    const ch = new Types.ObjectId();
    // The highest first: later, lower updates must not overwrite it.
    const offsets = Array.from({ length: 40 }, (_, i) => 40 - i);
    await Promise.all(offsets.map((o) => setLastRead(connection, 'bob', ch, o)));
    expect((await getReadStates(connection, 'bob', [ch]))[0]?.lastReadOffset).toBe(Math.max(...offsets));
    expect(await readStateModel(connection).countDocuments({ userId: 'bob', channelId: ch })).toBe(1);
  });

  it('counts unread messages and mentions per channel', async () => {
    const role = new Types.ObjectId().toHexString();
    const otherRole = new Types.ObjectId().toHexString();
    const a = new Types.ObjectId();
    const b = new Types.ObjectId();
    const empty = new Types.ObjectId();
    const elsewhere = new Types.ObjectId();
    // Channel a: read up to 3.
    await post(a, 1, 'bob', { userIds: ['me'] }); // read already
    await post(a, 2, 'bob');
    await post(a, 3, 'bob', { everyone: true }); // read already
    await post(a, 4, 'bob'); // unread
    await post(a, 5, 'me', { userIds: ['me'] }); // own: not counted
    await post(a, 6, 'cy', { userIds: ['me', 'dan'] }); // unread, mention
    await post(a, 7, 'cy', { roleIds: [role] }); // unread, role mention
    await post(a, 8, 'cy', { roleIds: [otherRole] }); // unread, not my role
    await post(a, 9, 'cy', { everyone: true }); // unread, @everyone
    const deleted = await post(a, 10, 'cy', { userIds: ['me'] }); // deleted: not counted
    await deleteMessage(connection, deleted._id, 'mod');
    await post(a, 11, 'cy', { userIds: ['dan'] }); // unread
    await setLastRead(connection, 'me', a, 3);
    // Channel b: no read state, so everything not mine counts.
    await post(b, 1, 'bob');
    await post(b, 2, 'bob', { userIds: ['me'] });
    await post(b, 3, 'me');
    // A channel not asked about.
    await post(elsewhere, 1, 'bob', { userIds: ['me'] });

    const counts = await unreadCounts(connection, {
      userId: 'me',
      channelIds: [a, b, empty, a],
      roleIds: [role],
    });
    expect(counts).toEqual({
      [a.toHexString()]: { unread: 6, mentions: 3 },
      [b.toHexString()]: { unread: 2, mentions: 1 },
      [empty.toHexString()]: { unread: 0, mentions: 0 },
    });
    // Without the role, the role mention is only unread.
    expect((await unreadCounts(connection, { userId: 'me', channelIds: [a] }))[a.toHexString()]).toEqual({
      unread: 6,
      mentions: 2,
    });
    await setLastRead(connection, 'me', a, 11);
    expect((await unreadCounts(connection, { userId: 'me', channelIds: [a] }))[a.toHexString()]).toEqual({
      unread: 0,
      mentions: 0,
    });
    expect(await unreadCounts(connection, { userId: 'me', channelIds: [] })).toEqual({});
  });

  it('has the unique (userId, channelId) index', async () => {
    const indexes = await readStateModel(connection).listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { userId: 1, channelId: 1 }, unique: true }),
    );
    expect(await readStateModel(connection).diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
  });
});
