import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { banModel } from './ban.model.js';

describe('Ban model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await banModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('bans a user once per community', async () => {
    const Ban = banModel(connection);
    const communityId = new Types.ObjectId();
    const ban = await Ban.create({ communityId, userId: 'spammer', bannedBy: 'mod' });
    expect(ban.toObject()).toMatchObject({ reason: '', bannedBy: 'mod' });
    expect(ban.at).toBeInstanceOf(Date);
    await expect(Ban.create({ communityId, userId: 'spammer', bannedBy: 'mod2' })).rejects.toMatchObject({
      code: 11000,
    });
    await Ban.create({ communityId: new Types.ObjectId(), userId: 'spammer', bannedBy: 'mod' });
    const indexes = await Ban.listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, userId: 1 }, unique: true }),
    );
    expect(indexes).toContainEqual(expect.objectContaining({ key: { userId: 1 } }));
  });

  it('enforces the schema', async () => {
    const Ban = banModel(connection);
    const communityId = new Types.ObjectId();
    await expect(
      Ban.create({ communityId, userId: 'x', bannedBy: 'mod', reason: 'r'.repeat(513) }),
    ).rejects.toThrow(/reason/);
    await expect(Ban.create({ communityId, userId: 'x' })).rejects.toThrow(/bannedBy/);
    await expect(Ban.create({ communityId, userId: 'x y', bannedBy: 'mod' })).rejects.toThrow(/userId/);
  });
});
