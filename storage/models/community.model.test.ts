import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, pingMongo, type MongoConnection } from '../mongo.js';
import { communityModel } from './community.model.js';

describe('Community model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await communityModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('answers a ping', async () => {
    await expect(pingMongo(connection)).resolves.toBeUndefined();
  });

  it('creates, queries by its indexed slug, updates and deletes', async () => {
    const Community = communityModel(connection);
    const created = await Community.create({ slug: 'plumbers', name: '  Plumbers  ' });
    expect(created.name).toBe('Plumbers');

    const indexes = await Community.listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { slug: 1 }, unique: true }));

    const found = await Community.findOne({ slug: 'plumbers' }).lean();
    expect(found?._id.toString()).toBe(created._id.toString());

    const updated = await Community.findOneAndUpdate(
      { slug: 'plumbers' },
      { $set: { description: 'Pipes and more', retentionDays: 30 } },
      { returnDocument: 'after' },
    ).lean();
    expect(updated).toMatchObject({ description: 'Pipes and more', retentionDays: 30 });
    expect(updated?.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    const { deletedCount } = await Community.deleteOne({ slug: 'plumbers' });
    expect(deletedCount).toBe(1);
    expect(await Community.findOne({ slug: 'plumbers' })).toBeNull();
  });

  it('enforces the unique slug and the schema', async () => {
    const Community = communityModel(connection);
    await Community.create({ slug: 'electricians', name: 'Electricians' });
    await expect(Community.create({ slug: 'electricians', name: 'Again' })).rejects.toMatchObject({
      code: 11000,
    });
    await expect(Community.create({ slug: 'Bad Slug!', name: 'x' })).rejects.toThrow(/slug/);
    await expect(
      Community.create({ slug: 'ok-slug', name: 'x', owner: 'someone' } as Record<string, unknown>),
    ).rejects.toThrow(/owner/);
  });
});
