import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/config.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { auditEntryModel } from './audit-entry.model.js';

describe('AuditEntry model on the MongoDB-protocol server', () => {
  let connection: MongoConnection;
  const hash = 'a'.repeat(64);
  const entry = (extra: Record<string, unknown> = {}) => ({
    seq: 1,
    communityId: null,
    actorId: 'mod',
    action: 'member.ban',
    target: { type: 'user', id: 'spammer' },
    details: '{"reason":"spam"}',
    at: new Date(),
    prevHash: '0'.repeat(64),
    hash,
    ...extra,
  });

  beforeAll(async () => {
    const url = new URL(testConfig().mongodb.url);
    url.pathname = `/test_${randomUUID().slice(0, 8)}`;
    connection = await connectMongo(url.toString());
    await auditEntryModel(connection).syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('takes each seq once per log, the system-wide log (null) included', async () => {
    const AuditEntry = auditEntryModel(connection);
    const stored = await AuditEntry.create(entry());
    expect(stored.toObject()).toMatchObject({
      target: { type: 'user', id: 'spammer' },
      details: '{"reason":"spam"}',
    });
    await expect(AuditEntry.create(entry())).rejects.toMatchObject({ code: 11000 });
    const communityId = new Types.ObjectId();
    await AuditEntry.create(entry({ communityId }));
    await expect(AuditEntry.create(entry({ communityId }))).rejects.toMatchObject({ code: 11000 });
    await AuditEntry.create(entry({ communityId, seq: 2 }));
    const indexes = await AuditEntry.listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, seq: 1 }, unique: true }),
    );
  });

  it('enforces the schema: details are text, never a document', async () => {
    const AuditEntry = auditEntryModel(connection);
    const cases: [RegExp, Record<string, unknown>][] = [
      [/details/, { seq: 10, details: { $where: 'x' } }],
      [/action/, { seq: 11, action: 'Ban!' }],
      [/hash/, { seq: 12, hash: 'xyz' }],
      [/prevHash/, { seq: 13, prevHash: '' }],
      [/seq/, { seq: 0 }],
      [/seq/, { seq: 1.5 }],
    ];
    for (const [error, extra] of cases) {
      await expect(AuditEntry.create(entry(extra)), String(error)).rejects.toThrow(error);
    }
  });
});
