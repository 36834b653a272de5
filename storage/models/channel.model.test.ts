import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { channelModel, dmKeyOf } from './channel.model.js';

describe('Channel model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await channelModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores a channel with defaults', async () => {
    const Channel = channelModel(connection);
    const c = await Channel.create({
      communityId: new Types.ObjectId(),
      kind: 'text',
      name: 'general',
      createdBy: 'a',
    });
    expect(c.toObject()).toMatchObject({
      topic: '',
      parentId: null,
      position: 0,
      private: false,
      overwrites: [],
      slowmodeS: 0,
      archivedAt: null,
      participantIds: [],
      dmKey: `#${c._id.toHexString()}`,
    });
  });

  it('gives one DM per pair of users, whatever their order', async () => {
    const Channel = channelModel(connection);
    const dm = await Channel.create({ kind: 'dm', participantIds: ['zoe', 'al'], createdBy: 'zoe' });
    expect(dm.dmKey).toBe('al:zoe');
    expect(dmKeyOf('zoe', 'al')).toBe(dmKeyOf('al', 'zoe'));
    await expect(
      Channel.create({ kind: 'dm', participantIds: ['al', 'zoe'], createdBy: 'al' }),
    ).rejects.toMatchObject({ code: 11000 });
    // Group DMs of the same people are distinct channels.
    await Channel.create({ kind: 'group_dm', participantIds: ['al', 'zoe'], createdBy: 'al' });
    await Channel.create({ kind: 'group_dm', participantIds: ['al', 'zoe'], createdBy: 'al' });
  });

  it('has its indexes, stable under syncIndexes', async () => {
    const Channel = channelModel(connection);
    const indexes = await Channel.listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { communityId: 1, position: 1 } }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { parentId: 1 } }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { dmKey: 1 }, unique: true }));
    expect(await Channel.syncIndexes()).toEqual([]);
  });

  it('enforces the schema', async () => {
    const Channel = channelModel(connection);
    const base = { communityId: new Types.ObjectId(), name: 'x', createdBy: 'a' };
    await expect(Channel.create({ ...base, kind: 'forum' } as Record<string, unknown>)).rejects.toThrow(
      /kind/,
    );
    await expect(Channel.create({ ...base, kind: 'text', slowmodeS: 21_601 })).rejects.toThrow(/slowmodeS/);
    await expect(Channel.create({ ...base, kind: 'text', slowmodeS: 1.5 })).rejects.toThrow(/slowmodeS/);
    await expect(
      Channel.create({
        ...base,
        kind: 'text',
        overwrites: [{ targetType: 'team', targetId: 'r', allow: 0, deny: 0 }],
      }),
    ).rejects.toThrow(/targetType/);
    await expect(
      Channel.create({
        ...base,
        kind: 'text',
        overwrites: [{ targetType: 'role', targetId: 'r', allow: -1, deny: 0 }],
      }),
    ).rejects.toThrow(/allow/);
    await expect(
      Channel.create({ ...base, kind: 'text', overwrites: [{ targetType: 'role', targetId: 'r', x: 1 }] }),
    ).rejects.toThrow(/x/);
    await expect(Channel.create({ ...base, kind: 'dm', participantIds: ['a', 'not ok'] })).rejects.toThrow(
      /participantIds/,
    );
    await expect(Channel.create({ ...base, kind: 'text', createdBy: '' })).rejects.toThrow(/createdBy/);
  });
});
