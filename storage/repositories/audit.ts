// The audit log: append-only, one chain per community and one system-wide (communityId null).
// Each entry's hash is sha256(prevHash + canonical JSON of the entry without its hash), so
// editing an entry breaks its own hash and deleting one breaks the seq run and the next prevHash.
import { createHash } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { auditEntryModel } from '../models/audit-entry.model.js';
import { auditHeadModel } from '../models/audit-head.model.js';
import { isDuplicateKey, oid, RepositoryError, validated, type Id } from './errors.js';
import type { AuditEntryDoc } from './types.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The prevHash of the first entry of a log. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: one text per value, whatever the key order. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Hashed = Pick<
  AuditEntryDoc,
  'seq' | 'communityId' | 'actorId' | 'action' | 'target' | 'details' | 'at' | 'prevHash'
>;

/** The hash of an entry: over its prevHash and every other stored field but _id and hash. */
export function auditHash(entry: Hashed): string {
  const body: JsonValue = {
    seq: entry.seq,
    communityId: entry.communityId ? entry.communityId.toHexString() : null,
    actorId: entry.actorId,
    action: entry.action,
    target: { type: entry.target?.type ?? '', id: entry.target?.id ?? '' },
    details: entry.details,
    at: entry.at.toISOString(),
    prevHash: entry.prevHash,
  };
  return createHash('sha256').update(entry.prevHash).update(canonicalJson(body)).digest('hex');
}

export interface NewAuditEntry {
  /** Null for the system-wide log. */
  communityId: Id | null;
  actorId: string;
  action: string;
  target?: { type: string; id: string };
  /** Stored as canonical JSON text. */
  details?: JsonValue;
  at?: Date;
}

const APPEND_ATTEMPTS = 100;

/**
 * Appends an entry to its log: seq is the head's + 1, prevHash the head's hash. Concurrent
 * appends race for the same seq; the unique (communityId, seq) index lets one win and the others
 * re-read the head and retry (with a little jitter so they do not collide again in step).
 */
export async function appendAudit(connection: Connection, entry: NewAuditEntry): Promise<AuditEntryDoc> {
  const AuditEntry = auditEntryModel(connection);
  const communityId = entry.communityId === null ? null : oid(entry.communityId, 'communityId');
  const details = canonicalJson(entry.details ?? {});
  const at = entry.at ?? new Date();
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    const head = await AuditEntry.findOne({ communityId }, { seq: 1, hash: 1 })
      .sort({ seq: -1 })
      .lean<Pick<AuditEntryDoc, 'seq' | 'hash'>>();
    const fields: Hashed = {
      seq: (head?.seq ?? 0) + 1,
      communityId,
      actorId: entry.actorId,
      action: entry.action,
      target: { type: entry.target?.type ?? '', id: entry.target?.id ?? '' },
      details,
      at,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const doc = new AuditEntry({ ...fields, hash: auditHash(fields) });
    await validated(doc.validate());
    try {
      await doc.save();
      await moveHead(connection, communityId, fields.seq, doc.hash);
      return doc.toObject();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * (attempt + 1))));
    }
  }
  throw new RepositoryError('conflict', 'the audit log is too busy; try again');
}

/**
 * Records the log's newest entry apart from the entries, only ever forwards. Concurrent appends
 * move it in any order: the filter lets only a newer seq through, and an upsert that finds a
 * newer head there already fails on the unique index, which is as good. If the process dies
 * before this write the head lags one entry: verification still holds, as it should.
 */
async function moveHead(
  connection: Connection,
  communityId: Types.ObjectId | null,
  seq: number,
  hash: string,
): Promise<void> {
  try {
    await auditHeadModel(connection).updateOne(
      { communityId, seq: { $lt: seq } },
      { $set: { seq, hash } },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * Recomputes a log's chain from its first entry: returns the seq of the first entry that is
 * missing, altered or not linked to its predecessor, or null when the chain holds. The head
 * kept apart (moveHead) catches what the chain cannot: newest entries cut off, reported as the
 * first missing seq.
 */
export async function verifyAudit(connection: Connection, communityId: Id | null): Promise<number | null> {
  const cid: Types.ObjectId | null = communityId === null ? null : oid(communityId, 'communityId');
  const head = await auditHeadModel(connection)
    .findOne({ communityId: cid }, { seq: 1, hash: 1 })
    .lean<{ seq: number; hash: string }>();
  const cursor = auditEntryModel(connection)
    .find({ communityId: cid })
    .sort({ seq: 1 })
    .lean<AuditEntryDoc[]>()
    .cursor();
  let expected = 1;
  let prevHash = GENESIS_HASH;
  for await (const e of cursor) {
    if (e.seq !== expected) return expected;
    if (e.prevHash !== prevHash || e.hash !== auditHash(e)) return e.seq;
    if (e.seq === head?.seq && e.hash !== head.hash) return e.seq;
    prevHash = e.hash;
    expected++;
  }
  if (head && head.seq >= expected) return expected;
  return null;
}

/** A log's entries from `afterSeq`, in order. */
export async function listAudit(
  connection: Connection,
  communityId: Id | null,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<AuditEntryDoc[]> {
  const cid = communityId === null ? null : oid(communityId, 'communityId');
  return auditEntryModel(connection)
    .find({ communityId: cid, seq: { $gt: Math.max(0, Math.trunc(options.afterSeq ?? 0)) } })
    .sort({ seq: 1 })
    .limit(Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 1_000))
    .lean<AuditEntryDoc[]>();
}

/** A page of a log, newest first: the `limit` entries before seq `before` (the newest when absent). */
export async function listAuditBefore(
  connection: Connection,
  communityId: Id | null,
  options: { before?: number; limit: number },
): Promise<AuditEntryDoc[]> {
  const cid = communityId === null ? null : oid(communityId, 'communityId');
  const before = options.before === undefined ? undefined : Math.trunc(options.before);
  if (before !== undefined && !(before >= 1)) return [];
  return auditEntryModel(connection)
    .find(before === undefined ? { communityId: cid } : { communityId: cid, seq: { $lt: before } })
    .sort({ seq: -1 })
    .limit(Math.min(Math.max(Math.trunc(options.limit), 1), 1_000))
    .lean<AuditEntryDoc[]>();
}
