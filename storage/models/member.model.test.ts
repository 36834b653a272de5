import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { memberModel } from './member.model.js';

describe('Member model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await memberModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores a member with defaults and has its indexes', async () => {
    const Member = memberModel(connection);
    const communityId = new Types.ObjectId();
    const m = await Member.create({ communityId, userId: 'user_1-A', displayName: ' Ada ' });
    expect(m.toObject()).toMatchObject({ displayName: 'Ada', roleIds: [], timeoutUntil: null, leftAt: null });
    expect(m.joinedAt).toBeInstanceOf(Date);
    const indexes = await Member.listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, userId: 1 }, unique: true }),
    );
    expect(indexes).toContainEqual(expect.objectContaining({ key: { userId: 1 } }));
    await expect(
      Member.create({ communityId, userId: 'user_1-A', displayName: 'Twin' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    await Member.create({ communityId: new Types.ObjectId(), userId: 'user_1-A', displayName: 'Elsewhere' });
  });

  it('enforces the schema', async () => {
    const Member = memberModel(connection);
    const communityId = new Types.ObjectId();
    await expect(Member.create({ communityId, userId: 'has space', displayName: 'x' })).rejects.toThrow(
      /userId/,
    );
    await expect(Member.create({ communityId, userId: 'x'.repeat(65), displayName: 'x' })).rejects.toThrow(
      /userId/,
    );
    await expect(Member.create({ communityId, userId: 'ok', displayName: '' })).rejects.toThrow(
      /displayName/,
    );
    await expect(
      Member.create({ communityId, userId: 'ok', displayName: 'x', admin: true } as Record<string, unknown>),
    ).rejects.toThrow(/admin/);
  });
});
