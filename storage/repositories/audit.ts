// The audit log: append-only, one chain per community and one system-wide (communityId null).
// Each entry's hash is HMAC-SHA256(chain key, prevHash + canonical JSON of the entry without its
// hash), so editing an entry breaks its own hash, deleting one breaks the seq run and the next
// prevHash, and nobody without the server's key can write a chain that verifies. The log's
// newest seq and hash go to a signed checkpoint outside MongoDB (audit-checkpoints.ts), so
// rewriting a log with its head, or cutting its newest entries off, is found by verification.
// Entries written before the chain was keyed (plain SHA-256) still verify, as a prefix of the
// log only, and only under a checkpoint (see docs/moderation.md, "Keyed chain: migration").
import { createHash, createHmac } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { auditEntryModel } from '../models/audit-entry.model.js';
import { auditTrailOf } from './audit-keys.js';
import type { Checkpoint } from './audit-checkpoints.js';
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

function hashedText(entry: Hashed): string {
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
  return entry.prevHash + canonicalJson(body);
}

/** The hash of an entry: HMAC over its prevHash and every other stored field but _id and hash. */
export function auditHash(entry: Hashed, chainKey: Buffer): string {
  return createHmac('sha256', chainKey).update(hashedText(entry)).digest('hex');
}

/** The unkeyed hash of entries written before the chain was keyed: verified, never written. */
export function legacyAuditHash(entry: Hashed): string {
  return createHash('sha256').update(hashedText(entry)).digest('hex');
}

/** The name of a log outside MongoDB (checkpoints, CLI): 'system' or the community id. */
export const logName = (communityId: Types.ObjectId | null): string =>
  communityId ? communityId.toHexString() : 'system';

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
  const { keys, checkpoints } = auditTrailOf(connection);
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
    const doc = new AuditEntry({ ...fields, hash: auditHash(fields, keys.chain) });
    await validated(doc.validate());
    try {
      await doc.save();
      // If the process dies before this, the checkpoint lags one entry: verification holds.
      await checkpoints.advance(logName(communityId), fields.seq, doc.hash);
      return doc.toObject();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * (attempt + 1))));
    }
  }
  throw new RepositoryError('conflict', 'the audit log is too busy; try again');
}

export type AuditBreak =
  /** An entry is missing, altered, unlinked, or unkeyed after keyed ones. */
  | 'chain'
  /** The log has entries but no checkpoint outside MongoDB: nothing vouches for its end. */
  | 'no_checkpoint'
  /** A checkpoint's signature is not this server's. */
  | 'checkpoint_forged'
  /** A checkpoint names a seq whose entry has another hash, or that the log no longer reaches. */
  | 'checkpoint_mismatch';

export interface AuditVerdict {
  /** The first seq that cannot be vouched for, or null when the log holds. */
  brokenAt: number | null;
  reason: AuditBreak | null;
  /** The newest checkpoint the log was checked against (seq), or null. */
  checkpointSeq: number | null;
}

/**
 * Recomputes a log's chain from its first entry and checks it against its checkpoint in Redis
 * and any `exported` ones (copies an auditor kept): every checkpoint must be signed with this
 * server's key and name an entry the chain reaches, with the same hash. A cut-off tail shows as
 * its first missing seq; a log with entries and no checkpoint is reported from seq 1.
 */
export async function verifyAuditLog(
  connection: Connection,
  communityId: Id | null,
  exported: readonly Checkpoint[] = [],
): Promise<AuditVerdict> {
  const cid: Types.ObjectId | null = communityId === null ? null : oid(communityId, 'communityId');
  const { keys, checkpoints } = auditTrailOf(connection);
  const log = logName(cid);
  const stored = await checkpoints.read(log);
  const anchors = [...(stored ? [stored] : []), ...exported.filter((c) => c.log === log)];
  const forged = anchors.find((c) => !checkpoints.isSigned(c));
  if (forged) return { brokenAt: forged.seq, reason: 'checkpoint_forged', checkpointSeq: forged.seq };
  const newest = anchors.reduce<Checkpoint | null>((a, c) => (a && a.seq >= c.seq ? a : c), null);
  const verdict = (brokenAt: number | null, reason: AuditBreak | null): AuditVerdict => ({
    brokenAt,
    reason,
    checkpointSeq: newest?.seq ?? null,
  });
  const bySeq = new Map<number, string[]>();
  for (const c of anchors) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c.hash]);

  const cursor = auditEntryModel(connection)
    .find({ communityId: cid })
    .sort({ seq: 1 })
    .lean<AuditEntryDoc[]>()
    .cursor();
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let keyed = false;
  for await (const e of cursor) {
    if (e.seq !== expected) return verdict(expected, 'chain');
    if (e.prevHash !== prevHash) return verdict(e.seq, 'chain');
    if (e.hash === auditHash(e, keys.chain)) keyed = true;
    else if (keyed || e.hash !== legacyAuditHash(e)) return verdict(e.seq, 'chain');
    if (bySeq.get(e.seq)?.some((h) => h !== e.hash)) return verdict(e.seq, 'checkpoint_mismatch');
    prevHash = e.hash;
    expected++;
  }
  if (newest && newest.seq >= expected) return verdict(expected, 'checkpoint_mismatch');
  if (!newest && expected > 1) return verdict(1, 'no_checkpoint');
  return verdict(null, null);
}

/** The first seq of a log that cannot be vouched for, or null when it holds (verifyAuditLog). */
export async function verifyAudit(connection: Connection, communityId: Id | null): Promise<number | null> {
  return (await verifyAuditLog(connection, communityId)).brokenAt;
}

/**
 * Anchors a log whose chain holds but has no checkpoint (written before checkpoints existed, or
 * after Redis lost its data): its newest entry becomes its checkpoint. Refused when the chain is
 * broken or a checkpoint is there already. For `hub audit anchor`, run by an operator who
 * trusts the log as it stands.
 */
export async function anchorAudit(
  connection: Connection,
  communityId: Id | null,
): Promise<{ anchored: boolean; verdict: AuditVerdict }> {
  const cid: Types.ObjectId | null = communityId === null ? null : oid(communityId, 'communityId');
  const verdict = await verifyAuditLog(connection, cid);
  if (verdict.reason !== 'no_checkpoint') return { anchored: false, verdict };
  const head = await auditEntryModel(connection)
    .findOne({ communityId: cid }, { seq: 1, hash: 1 })
    .sort({ seq: -1 })
    .lean<Pick<AuditEntryDoc, 'seq' | 'hash'>>();
  if (!head) return { anchored: false, verdict };
  // The chain must hold up to the head: checked as if the head were its checkpoint.
  const { checkpoints } = auditTrailOf(connection);
  await checkpoints.advance(logName(cid), head.seq, head.hash);
  const after = await verifyAuditLog(connection, cid);
  return { anchored: after.brokenAt === null, verdict: after };
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
