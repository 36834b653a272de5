import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { auditEntryModel } from '../models/audit-entry.model.js';
import {
  appendAudit,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  listAudit,
  listAuditBefore,
  verifyAudit,
} from './audit.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const raw = () => connection.collection('audit_entries');

/** A fresh community log with `n` entries. */
async function log(n: number): Promise<Types.ObjectId> {
  const communityId = new Types.ObjectId();
  for (let i = 1; i <= n; i++) {
    await appendAudit(connection, {
      communityId,
      actorId: 'mod-1',
      action: 'member.ban',
      target: { type: 'user', id: `u-${i}` },
      details: { reason: `spam ${i}`, days: i },
    });
  }
  return communityId;
}

describe('audit log', () => {
  it('appends a hash chain with gapless seqs', async () => {
    const communityId = await log(3);
    const entries = await listAudit(connection, communityId);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    for (const e of entries) expect(e.hash).toBe(auditHash(e));
    expect(entries[0]?.details).toBe('{"days":1,"reason":"spam 1"}');
    expect(await verifyAudit(connection, communityId)).toBeNull();
  });

  it('pages a log backwards, newest first', async () => {
    const communityId = await log(5);
    const seqs = (entries: { seq: number }[]) => entries.map((e) => e.seq);
    expect(seqs(await listAuditBefore(connection, communityId, { limit: 2 }))).toEqual([5, 4]);
    expect(seqs(await listAuditBefore(connection, communityId, { before: 4, limit: 2 }))).toEqual([3, 2]);
    expect(seqs(await listAuditBefore(connection, communityId, { before: 2, limit: 2 }))).toEqual([1]);
    expect(await listAuditBefore(connection, communityId, { before: 1, limit: 2 })).toEqual([]);
    expect(await listAuditBefore(connection, new Types.ObjectId(), { limit: 2 })).toEqual([]);
  });

  it('keeps the chain under concurrent appends, one log per community and one system-wide', async () => {
    const communityId = new Types.ObjectId();
    const appends = [
      ...Array.from({ length: 20 }, (_, i) =>
        appendAudit(connection, { communityId, actorId: 'a', action: 'channel.update', details: { i } }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        appendAudit(connection, {
          communityId: null,
          actorId: 'system',
          action: 'user.erase',
          details: { i },
        }),
      ),
    ];
    await Promise.all(appends);
    const seqs = (await listAudit(connection, communityId)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await listAudit(connection, null)).map((e) => e.seq)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    const details = (await listAudit(connection, communityId)).map(
      (e) => (JSON.parse(e.details) as { i: number }).i,
    );
    expect(details.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await verifyAudit(connection, communityId)).toBeNull();
    expect(await verifyAudit(connection, null)).toBeNull();
  });

  it('detects an edited entry', async () => {
    const communityId = await log(4);
    await raw().updateOne({ communityId, seq: 2 }, { $set: { details: '{"reason":"nothing to see"}' } });
    expect(await verifyAudit(connection, communityId)).toBe(2);
  });

  it('detects an edited entry whose hash was recomputed, at the next entry', async () => {
    const communityId = await log(4);
    const entry = await auditEntryModel(connection).findOne({ communityId, seq: 2 }).lean();
    if (!entry) throw new Error('no entry');
    const forged = { ...entry, actorId: 'someone-else' };
    await raw().updateOne({ _id: entry._id }, { $set: { actorId: forged.actorId, hash: auditHash(forged) } });
    expect(await verifyAudit(connection, communityId)).toBe(3);
  });

  it('detects the newest entries cut off, which leave a valid shorter chain', async () => {
    const communityId = await log(5);
    await raw().deleteMany({ communityId, seq: { $gte: 4 } });
    expect(await verifyAudit(connection, communityId)).toBe(4);

    // Cut off and re-forged with a valid chain: the head's hash no longer matches.
    const other = await log(3);
    const last = await raw().findOne({ communityId: other, seq: 3 });
    const forged = { ...(last as unknown as Parameters<typeof auditHash>[0]), actorId: 'someone-else' };
    await raw().updateOne(
      { communityId: other, seq: 3 },
      { $set: { actorId: 'someone-else', hash: auditHash(forged) } },
    );
    expect(await verifyAudit(connection, other)).toBe(3);
  });

  it('detects a deleted entry, and a broken link', async () => {
    const communityId = await log(4);
    await raw().deleteOne({ communityId, seq: 2 });
    expect(await verifyAudit(connection, communityId)).toBe(2);

    const other = await log(3);
    await raw().updateOne({ communityId: other, seq: 1 }, { $set: { at: new Date(0) } });
    expect(await verifyAudit(connection, other)).toBe(1);
  });

  it('refuses invalid entries and a second entry with a taken seq', async () => {
    await expect(
      appendAudit(connection, { communityId: null, actorId: 'a', action: 'Not An Action' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const communityId = await log(1);
    const first = await auditEntryModel(connection).findOne({ communityId, seq: 1 }).lean();
    await expect(
      auditEntryModel(connection).create({ ...first, _id: new Types.ObjectId() }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('writes canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('has the unique (communityId, seq) index', async () => {
    const indexes = await auditEntryModel(connection).listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, seq: 1 }, unique: true }),
    );
  });
});
