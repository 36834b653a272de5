import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { roleModel } from './role.model.js';

describe('Role model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await roleModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('keeps keys unique per community while custom roles (key null) are many', async () => {
    const Role = roleModel(connection);
    const communityId = new Types.ObjectId();
    const everyone = await Role.create({
      communityId,
      name: '@everyone',
      permissions: 1,
      position: 0,
      key: 'everyone',
    });
    expect(everyone.keySlot).toBe('everyone');
    await expect(
      Role.create({ communityId, name: 'Again', position: 0, key: 'everyone' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    await Role.create({ communityId: new Types.ObjectId(), name: '@everyone', position: 0, key: 'everyone' });
    const custom = await Role.create({ communityId, name: 'Helper', position: 1 });
    await Role.create({ communityId, name: 'Helper 2', position: 1 });
    expect(custom.key).toBeNull();
    expect(custom.keySlot).toBe(`#${custom._id.toHexString()}`);
    // insertMany runs the same hook.
    const [viaMany] = await Role.insertMany([{ communityId, name: 'Host', position: 2, key: 'host' }]);
    expect(viaMany?.keySlot).toBe('host');
  });

  it('has its indexes, and syncIndexes keeps them (no sparse option to lose on FerretDB)', async () => {
    const Role = roleModel(connection);
    const indexes = await Role.listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, keySlot: 1 }, unique: true }),
    );
    expect(indexes).toContainEqual(expect.objectContaining({ key: { communityId: 1, position: 1 } }));
    expect(await Role.syncIndexes()).toEqual([]);
  });

  it('enforces the schema', async () => {
    const Role = roleModel(connection);
    const communityId = new Types.ObjectId();
    await expect(
      Role.create({ communityId, name: 'x', position: 0, key: 'owner' } as Record<string, unknown>),
    ).rejects.toThrow(/key/);
    await expect(Role.create({ communityId, name: 'x', position: 0, permissions: 2 ** 31 })).rejects.toThrow(
      /permissions/,
    );
    await expect(Role.create({ communityId, name: 'x', position: 0, permissions: 0.5 })).rejects.toThrow(
      /permissions/,
    );
    await expect(Role.create({ communityId, name: 'x', position: -1 })).rejects.toThrow(/position/);
    await expect(Role.create({ communityId, name: 'x', position: 0, color: 'blue' })).rejects.toThrow(
      /color/,
    );
    const role = await Role.create({
      communityId,
      name: 'x',
      position: 0,
      color: '#A0b1C2',
      mentionable: true,
    });
    role.key = 'admin';
    await expect(role.save()).rejects.toThrow(/immutable/);
  });
});
