// The audit logs' checkpoints, kept outside the database that holds the logs (in Redis): after
// each append, the log's newest seq and hash, signed with the checkpoint key. Whoever rewrites a
// log in MongoDB, or cuts its newest entries off, cannot move the checkpoint to match without
// the key; `hub audit checkpoints` exports them, so an auditor can keep copies that outlive
// both stores (`hub audit verify --checkpoints <file>` checks the logs against them).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { RedisClient } from '../redis.js';
import { keySpace, type AuditCheckpointKeys } from '../redis-keys.js';
import { defineScript, type Script } from '../redis-scripts.js';

export interface Checkpoint {
  /** 'system' or the community id. */
  log: string;
  seq: number;
  hash: string;
  at: string;
  /** HMAC-SHA256 (hex) of the fields above with the checkpoint key. */
  sig: string;
}

const LOG = /^(?:system|[0-9a-f]{24})$/;
const HEX64 = /^[0-9a-f]{64}$/;

export class AuditCheckpoints {
  private readonly keys: AuditCheckpointKeys;
  private readonly advanceScript: Script<number>;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly key: Buffer,
  ) {
    this.keys = keySpace(keyPrefix).auditCheckpoints;
    this.advanceScript = defineScript(
      redis,
      'hubAuditCheckpoint',
      new URL('./audit-checkpoint.lua', import.meta.url),
      2,
    );
  }

  /** Records the log's newest entry; an older one racing in changes nothing. */
  async advance(log: string, seq: number, hash: string): Promise<void> {
    const unsigned = { log, seq, hash, at: new Date().toISOString() };
    const record: Checkpoint = { ...unsigned, sig: this.sign(unsigned) };
    await this.advanceScript(this.keys.checkpoint(log), this.keys.logs, log, seq, JSON.stringify(record));
  }

  /** The log's newest checkpoint, or null when it has none. */
  async read(log: string): Promise<Checkpoint | null> {
    const record = await this.redis.hget(this.keys.checkpoint(log), 'record');
    return record === null ? null : parseCheckpoint(record);
  }

  /** Drops a log's checkpoint along with the log (a deleted community's own audit log). */
  async forget(log: string): Promise<void> {
    await this.redis.del(this.keys.checkpoint(log));
    await this.redis.srem(this.keys.logs, log);
  }

  /** Every log's newest checkpoint, for export. */
  async all(): Promise<Checkpoint[]> {
    const logs = (await this.redis.smembers(this.keys.logs)).filter((l) => LOG.test(l)).sort();
    const found = await Promise.all(logs.map((log) => this.read(log)));
    return found.filter((c): c is Checkpoint => c !== null);
  }

  /** Whether the checkpoint was signed with this server's key. */
  isSigned(c: Checkpoint): boolean {
    const expected = Buffer.from(this.sign(c), 'hex');
    const given = Buffer.from(c.sig, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(c: Pick<Checkpoint, 'log' | 'seq' | 'hash' | 'at'>): string {
    return createHmac('sha256', this.key).update(`${c.log}\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');
  }
}

const checkpointSchema = z
  .object({
    log: z.string().regex(LOG),
    seq: z.number().int().min(1),
    hash: z.string().regex(HEX64),
    at: z.string(),
    sig: z.string().regex(HEX64),
  })
  .strict();

/** A checkpoint from its JSON (RedisClient, or a line of an exported file); null when malformed. */
export function parseCheckpoint(text: string): Checkpoint | null {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
