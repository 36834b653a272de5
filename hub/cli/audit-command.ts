// `hub audit …`: the audit logs, for operators and auditors.
//   verify <log|all> [--checkpoints <file>]  recompute each log's keyed chain and check it against
//       its signed checkpoint in Redis (and the exported ones in <file>); exit 1 when any log is
//       broken, naming the first seq that cannot be vouched for and why.
//   export <log>        the log as JSON lines (one entry each, with its hashes).
//   checkpoints         every log's signed checkpoint as JSON lines: keep copies elsewhere.
//   anchor <log|all>    give a log whose chain holds but has no checkpoint one (the migration
//       of logs written before checkpoints, or after Redis lost them); exit 1 if one is broken.
import { readFile } from 'node:fs/promises';
import type { Connection } from 'mongoose';
import type { Config } from '../../config/index.js';
import { auditEntryModel } from '../../storage/models/audit-entry.model.js';
import { connectMongo } from '../../storage/mongo.js';
import { createRedis } from '../../storage/redis.js';
import { parseCheckpoint, type Checkpoint } from '../../storage/repositories/audit-checkpoints.js';
import { auditTrailOf, bindAuditTrail, createAuditTrail } from '../../storage/repositories/audit-keys.js';
import { anchorAudit, listAudit, verifyAuditLog } from '../../storage/repositories/audit.js';

export const AUDIT_HELP = `Usage: hub audit verify <communityId|system|all> [--checkpoints <file>]
                                               check audit logs against their signed checkpoints; exit 1 if one is broken
       hub audit export <communityId|system>   print a log as JSON lines, oldest first
       hub audit checkpoints                   print every log's signed checkpoint as JSON lines (keep copies)
       hub audit anchor <communityId|system|all>  checkpoint logs that hold but have none (migration)`;

const LOG = /^(?:[0-9a-f]{24}|system|all)$/;
const PAGE = 1_000;

export async function runAuditCommand(config: Config, args: readonly string[]): Promise<number> {
  const [action, which, flag, file] = args;
  const needsLog = action === 'verify' || action === 'export' || action === 'anchor';
  const known = needsLog || action === 'checkpoints';
  const withFile = action === 'verify' && flag === '--checkpoints' && Boolean(file);
  if (
    !known ||
    (needsLog && (!which || !LOG.test(which))) ||
    (action === 'checkpoints' && which !== undefined) ||
    (flag !== undefined && !withFile) ||
    args.length > (withFile ? 4 : needsLog ? 2 : 1)
  ) {
    console.error(AUDIT_HELP);
    return 2;
  }
  if (action === 'export' && which === 'all') {
    console.error('hub: export one log at a time');
    return 2;
  }
  let exported: Checkpoint[] = [];
  if (withFile && file) {
    const read = await readCheckpoints(file);
    if (typeof read === 'string') {
      console.error(`hub: ${read}`);
      return 2;
    }
    exported = read;
  }
  const connection = await connectMongo(config.mongodb.url);
  const redis = createRedis(config.redis, { name: 'hub-cli-audit' });
  bindAuditTrail(connection, createAuditTrail(config.audit.secret, redis, config.redis.keyPrefix));
  try {
    if (action === 'checkpoints') return await printCheckpoints(connection);
    if (action === 'export') return await exportLog(connection, which as string);
    return await check(connection, which as string, action === 'anchor', exported);
  } finally {
    redis.disconnect();
    await connection.close();
  }
}

const idOf = (which: string) => (which === 'system' ? null : which);

async function readCheckpoints(file: string): Promise<Checkpoint[] | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return `cannot read ${file}`;
  }
  const checkpoints: Checkpoint[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const c = parseCheckpoint(line);
    if (!c) return `${file}:${i + 1}: not a checkpoint line (from hub audit checkpoints)`;
    checkpoints.push(c);
  }
  return checkpoints;
}

async function check(
  connection: Connection,
  which: string,
  anchor: boolean,
  exported: readonly Checkpoint[],
): Promise<number> {
  const logs: (string | null)[] =
    which === 'all'
      ? (await auditEntryModel(connection).distinct('communityId')).map((id) => (id ? String(id) : null))
      : [idOf(which)];
  // Checkpoints kept for a log that has no entry any more: the whole log was deleted.
  if (which === 'all') {
    for (const c of [...(await auditTrailOf(connection).checkpoints.all()), ...exported]) {
      const id = idOf(c.log);
      if (!logs.includes(id)) logs.push(id);
    }
  }
  let broken = 0;
  for (const log of logs) {
    const result = anchor
      ? await anchorAudit(connection, log)
      : { anchored: undefined, verdict: await verifyAuditLog(connection, log, exported) };
    const { brokenAt, reason, checkpointSeq } = result.verdict;
    if (brokenAt !== null) broken++;
    console.log(
      JSON.stringify({
        log: log ?? 'system',
        ok: brokenAt === null,
        brokenAt,
        reason,
        checkpointSeq,
        ...(anchor ? { anchored: result.anchored } : {}),
      }),
    );
  }
  return broken > 0 ? 1 : 0;
}

async function printCheckpoints(connection: Connection): Promise<number> {
  for (const c of await auditTrailOf(connection).checkpoints.all()) console.log(JSON.stringify(c));
  return 0;
}

async function exportLog(connection: Connection, which: string): Promise<number> {
  let after = 0;
  for (;;) {
    const page = await listAudit(connection, idOf(which), { afterSeq: after, limit: PAGE });
    for (const e of page) {
      console.log(
        JSON.stringify({
          seq: e.seq,
          communityId: e.communityId ? e.communityId.toHexString() : null,
          actorId: e.actorId,
          action: e.action,
          target: e.target,
          details: JSON.parse(e.details) as unknown,
          at: e.at.toISOString(),
          prevHash: e.prevHash,
          hash: e.hash,
        }),
      );
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return 0;
    after = last.seq;
  }
}
