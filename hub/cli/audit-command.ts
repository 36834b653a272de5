// `hub audit verify <communityId|system|all>` and `hub audit export <communityId|system>`: for
// operators and auditors. Verify recomputes each log's hash chain and checks it against the
// head kept apart; it exits 1 when any log is broken, naming the first bad seq. Export prints a
// log as JSON lines (one entry each, with its hashes), which anyone can re-verify elsewhere.
import type { Connection } from 'mongoose';
import type { Config } from '../../config/index.js';
import { auditEntryModel } from '../../storage/models/audit-entry.model.js';
import { connectMongo } from '../../storage/mongo.js';
import { listAudit, verifyAudit } from '../../storage/repositories/audit.js';

export const AUDIT_HELP = `Usage: hub audit verify <communityId|system|all>  check audit hash chains; exit 1 if one is broken
       hub audit export <communityId|system>      print a log as JSON lines, oldest first`;

const LOG = /^(?:[0-9a-f]{24}|system|all)$/;
const PAGE = 1_000;

export async function runAuditCommand(config: Config, args: readonly string[]): Promise<number> {
  const [action, which] = args;
  if ((action !== 'verify' && action !== 'export') || !which || !LOG.test(which)) {
    console.error(AUDIT_HELP);
    return 2;
  }
  if (action === 'export' && which === 'all') {
    console.error('hub: export one log at a time');
    return 2;
  }
  const connection = await connectMongo(config.mongodb.url);
  try {
    return action === 'verify' ? await verify(connection, which) : await exportLog(connection, which);
  } finally {
    await connection.close();
  }
}

const idOf = (which: string) => (which === 'system' ? null : which);

async function verify(connection: Connection, which: string): Promise<number> {
  const logs: (string | null)[] =
    which === 'all'
      ? (await auditEntryModel(connection).distinct('communityId')).map((id) => (id ? String(id) : null))
      : [idOf(which)];
  let broken = 0;
  for (const log of logs) {
    const brokenAt = await verifyAudit(connection, log);
    if (brokenAt !== null) broken++;
    console.log(JSON.stringify({ log: log ?? 'system', ok: brokenAt === null, brokenAt }));
  }
  return broken > 0 ? 1 : 0;
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
