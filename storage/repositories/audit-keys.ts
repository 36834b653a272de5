// The server's privacy and audit keys, derived from one configured secret (audit.secret), and
// bound to a MongoDB connection once per process with the store of the audit logs' checkpoints:
// whatever appends to, verifies or pseudonymizes for that connection uses them. A connection
// without them refuses (an audit entry or a pseudonym must never be written unkeyed).
import { createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { RedisClient } from '../redis.js';
import { AuditCheckpoints } from './audit-checkpoints.js';

export interface AuditKeys {
  /** HMAC key of the audit chain's entries. */
  chain: Buffer;
  /** HMAC key of the checkpoints kept outside the database. */
  checkpoint: Buffer;
  /** HMAC key of erased users' pseudonyms. */
  pseudonym: Buffer;
}

export interface AuditTrail {
  keys: AuditKeys;
  checkpoints: AuditCheckpoints;
}

/** One key per use, so none can stand in for another. */
export function auditKeysFrom(secret: string): AuditKeys {
  if (secret.length < 32) throw new Error('audit: the secret must be at least 32 characters');
  const derive = (use: string) => createHmac('sha256', secret).update(`hubbub:${use}`).digest();
  return {
    chain: derive('audit-chain'),
    checkpoint: derive('audit-checkpoint'),
    pseudonym: derive('pseudonym'),
  };
}

const trails = new WeakMap<Connection, AuditTrail>();

/** Gives a connection its keys and checkpoint store (hub and worker start-up, CLI, tests). */
export function bindAuditTrail(connection: Connection, trail: AuditTrail): void {
  trails.set(connection, trail);
}

export function auditTrailOf(connection: Connection): AuditTrail {
  const trail = trails.get(connection);
  if (!trail) throw new Error('audit: no keys bound to this MongoDB connection (bindAuditTrail)');
  return trail;
}

/** The trail of a process: keys from the configured secret, checkpoints in its Redis. */
export function createAuditTrail(secret: string, redis: RedisClient, keyPrefix: string): AuditTrail {
  const keys = auditKeysFrom(secret);
  return { keys, checkpoints: new AuditCheckpoints(redis, keyPrefix, keys.checkpoint) };
}
