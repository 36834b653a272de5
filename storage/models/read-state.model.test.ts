import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { readStateModel } from './read-state.model.js';

describe('ReadState model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await readStateModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('keeps one read state per user and channel', async () => {
    const ReadState = readStateModel(connection);
    const channelId = new Types.ObjectId();
    const s = await ReadState.create({ userId: 'ann', channelId, lastReadOffset: 3 });
    expect(s.updatedAt).toBeInstanceOf(Date);
    await expect(ReadState.create({ userId: 'ann', channelId, lastReadOffset: 4 })).rejects.toMatchObject({
      code: 11000,
    });
    await ReadState.create({ userId: 'bob', channelId, lastReadOffset: 4 });
    const indexes = await ReadState.listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { userId: 1, channelId: 1 }, unique: true }),
    );
  });

  it('enforces the schema', async () => {
    const ReadState = readStateModel(connection);
    const channelId = new Types.ObjectId();
    await expect(ReadState.create({ userId: 'ann', channelId, lastReadOffset: -1 })).rejects.toThrow(
      /lastReadOffset/,
    );
    await expect(ReadState.create({ userId: 'ann', channelId, lastReadOffset: 0.5 })).rejects.toThrow(
      /lastReadOffset/,
    );
    await expect(ReadState.create({ userId: 'a b', channelId, lastReadOffset: 1 })).rejects.toThrow(/userId/);
    await expect(
      ReadState.create({ userId: 'ann', channelId, lastReadOffset: 1, mentionCount: 2 } as Record<
        string,
        unknown
      >),
    ).rejects.toThrow(/mentionCount/);
  });
});
