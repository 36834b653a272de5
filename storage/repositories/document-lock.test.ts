// Document locks against the test servers (FerretDB, Redis): concurrent single-document updates
// of different fields of one document, from two connections standing for two processes, all
// land; so do those of one process with no Redis registered. FerretDB 1.24 alone loses most of
// them (it writes whole documents back); on MongoDB the lock is not taken and they land anyway.
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { createRedis, type RedisClient } from '../redis.js';
import { freshDatabaseUrl } from '../../test/support/database.js';
import { testConfig } from '../../test/support/config.js';
import { useDocumentLocks, withDocumentLock } from './document-lock.js';

const WRITES = 40;
let processes: { connection: MongoConnection; redis: RedisClient }[] = [];
let alone: MongoConnection;

beforeAll(async () => {
  const url = freshDatabaseUrl();
  processes = await Promise.all(
    [1, 2].map(async (n) => {
      const connection = await connectMongo(url);
      const redis = createRedis(testConfig().redis, { name: `doc-lock-test-${n}` });
      useDocumentLocks(connection, { redis });
      return { connection, redis };
    }),
  );
  alone = await connectMongo(url);
});

afterAll(async () => {
  await processes[0]?.connection.dropDatabase();
  for (const p of processes) {
    await p.connection.close();
    p.redis.disconnect();
  }
  await alone.close();
});

/** Sets field f<i> of the document, for i < WRITES, each write through `connectionOf(i)`. */
async function setFields(connectionOf: (i: number) => MongoConnection): Promise<Record<string, unknown>> {
  const _id = new Types.ObjectId();
  const probes = () => alone.collection('lock_probes');
  await probes().insertOne({ _id });
  await Promise.all(
    Array.from({ length: WRITES }, (_, i) => {
      const connection = connectionOf(i);
      return withDocumentLock(connection, `lock_probes:${_id.toHexString()}`, () =>
        connection.collection('lock_probes').updateOne({ _id }, { $set: { [`f${i}`]: i } }),
      );
    }),
  );
  return (await probes().findOne({ _id })) ?? {};
}

const expected = Object.fromEntries(Array.from({ length: WRITES }, (_, i) => [`f${i}`, i]));

describe('document locks', () => {
  it('keep every concurrent update of one document made from two processes', async () => {
    const doc = await setFields((i) => (processes[i % 2] as { connection: MongoConnection }).connection);
    expect(doc).toMatchObject(expected);
  });

  it("keep every concurrent update of one process's writes when no Redis is registered", async () => {
    expect(await setFields(() => alone)).toMatchObject(expected);
  });
});
