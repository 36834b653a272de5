import { Types } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { auditEntryModel } from '../models/audit-entry.model.js';
import {
  anchorAudit,
  appendAudit,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  legacyAuditHash,
  listAudit,
  listAuditBefore,
  verifyAudit,
  verifyAuditLog,
} from './audit.js';
import { auditTrailOf } from './audit-keys.js';
import { testConfig } from '../../test/support/config.js';
import { useTestDatabase } from '../../test/support/database.js';
import { createRedis } from '../redis.js';
import { keySpace } from '../redis-keys.js';
import type { AuditEntryDoc } from './types.js';

let connection: MongoConnection;

let auditKeyPrefix: string;
const redis = createRedis(testConfig().redis, { name: 'audit-test' });

useTestDatabase((c, prefix) => {
  connection = c;
  auditKeyPrefix = prefix;
});
afterAll(() => redis.disconnect());

/** Rewrites a whole log as a forger would: another actor, each hash by `hash`, chained. */
async function rewrite(communityId: Types.ObjectId, hash: (e: AuditEntryDoc) => string): Promise<void> {
  let prevHash = GENESIS_HASH;
  for (const e of await listAudit(connection, communityId)) {
    const forged = hash({ ...e, actorId: 'someone-else', prevHash });
    await raw().updateOne({ _id: e._id }, { $set: { actorId: 'someone-else', prevHash, hash: forged } });
    prevHash = forged;
  }
}

const raw = () => connection.collection('audit_entries');
const chainKey = () => auditTrailOf(connection).keys.chain;

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
    for (const e of entries) expect(e.hash).toBe(auditHash(e, chainKey()));
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
    await raw().updateOne(
      { _id: entry._id },
      { $set: { actorId: forged.actorId, hash: auditHash(forged, chainKey()) } },
    );
    expect(await verifyAudit(connection, communityId)).toBe(3);
  });

  it('detects the newest entries cut off, which leave a valid shorter chain', async () => {
    const communityId = await log(5);
    await raw().deleteMany({ communityId, seq: { $gte: 4 } });
    expect(await verifyAuditLog(connection, communityId)).toEqual({
      brokenAt: 4,
      reason: 'checkpoint_mismatch',
      checkpointSeq: 5,
    });
  });

  it('detects a log rewritten with its head by whoever lacks the key', async () => {
    // All of it rewritten with the unkeyed hash anyone can compute, down to the newest entry.
    const communityId = await log(3);
    await rewrite(communityId, legacyAuditHash);
    expect(await verifyAuditLog(connection, communityId)).toMatchObject({
      brokenAt: 3,
      reason: 'checkpoint_mismatch',
    });
    // Rewritten with another key: no entry verifies.
    const other = await log(2);
    await rewrite(other, (e) => auditHash(e, Buffer.from('not the server key')));
    expect(await verifyAuditLog(connection, other)).toMatchObject({ brokenAt: 1, reason: 'chain' });
  });

  it('catches, with an exported checkpoint, a log rewritten unkeyed whose Redis checkpoint went too', async () => {
    const communityId = await log(2);
    const exported = await auditTrailOf(connection).checkpoints.read(communityId.toHexString());
    if (!exported) throw new Error('no checkpoint');
    await rewrite(communityId, legacyAuditHash);
    await redis.del(keySpace(auditKeyPrefix).auditCheckpoints.checkpoint(communityId.toHexString()));
    // Alone, it looks like a log from before checkpoints: still not vouched for (exit 1).
    expect(await verifyAuditLog(connection, communityId)).toMatchObject({
      brokenAt: 1,
      reason: 'no_checkpoint',
    });
    expect(await verifyAuditLog(connection, communityId, [exported])).toMatchObject({
      brokenAt: 2,
      reason: 'checkpoint_mismatch',
    });
  });

  it('refuses a checkpoint not signed with the server key', async () => {
    const communityId = await log(2);
    const stored = await auditTrailOf(connection).checkpoints.read(communityId.toHexString());
    if (!stored) throw new Error('no checkpoint');
    const forged = { ...stored, seq: 1, sig: 'f'.repeat(64) };
    expect(await verifyAuditLog(connection, communityId, [forged])).toMatchObject({
      brokenAt: 1,
      reason: 'checkpoint_forged',
    });
  });

  it('verifies and anchors a log written before the chain was keyed (migration)', async () => {
    // Entries as the previous version wrote them: unkeyed SHA-256, no checkpoint.
    const communityId = new Types.ObjectId();
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const fields = {
        seq,
        communityId,
        actorId: 'mod-1',
        action: 'member.ban',
        target: { type: 'user', id: `u-${seq}` },
        details: '{}',
        at: new Date(),
        prevHash,
      };
      prevHash = legacyAuditHash(fields);
      await auditEntryModel(connection).create({ ...fields, hash: prevHash });
    }
    expect(await verifyAuditLog(connection, communityId)).toMatchObject({
      brokenAt: 1,
      reason: 'no_checkpoint',
    });
    expect((await anchorAudit(connection, communityId)).anchored).toBe(true);
    expect(await verifyAudit(connection, communityId)).toBeNull();
    // New entries are keyed and continue the chain; an unkeyed one after them is refused.
    const keyed = await appendAudit(connection, { communityId, actorId: 'mod-1', action: 'member.unban' });
    expect(keyed.hash).toBe(auditHash(keyed, chainKey()));
    expect(await verifyAudit(connection, communityId)).toBeNull();
    await raw().updateOne({ _id: keyed._id }, { $set: { hash: legacyAuditHash(keyed) } });
    expect(await verifyAudit(connection, communityId)).toBe(4);
    // A broken log is not anchored.
    const broken = await log(2);
    await redis.del(keySpace(auditKeyPrefix).auditCheckpoints.checkpoint(broken.toHexString()));
    await raw().deleteOne({ communityId: broken, seq: 1 });
    expect(await anchorAudit(connection, broken)).toMatchObject({
      anchored: false,
      verdict: { brokenAt: 1 },
    });
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
