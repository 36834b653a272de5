// The audit log from the command line: `hub audit verify` finds an edited entry and a cut-off
// tail and exits 1; `hub audit export` prints a log that re-verifies with the server's key;
// `hub audit checkpoints` exports the signed checkpoints, which `verify --checkpoints` checks
// the logs against even after Redis lost them.
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis } from '../../storage/redis.js';
import { keySpace } from '../../storage/redis-keys.js';
import { auditKeysFrom } from '../../storage/repositories/audit-keys.js';
import { appendAudit, auditHash, GENESIS_HASH } from '../../storage/repositories/audit.js';
import { testConfig } from '../support/config.js';
import { testDatabase } from '../support/community.js';
import { hubCli } from '../support/cli.js';

describe('hub audit verify|export', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let cli: ReturnType<typeof hubCli>;
  const hub = (...args: string[]) => cli('audit', ...args);
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const logOf = async (n: number) => {
    const communityId = new Types.ObjectId();
    for (let i = 1; i <= n; i++) {
      await appendAudit(db.connection, {
        communityId,
        actorId: 'automod',
        action: 'automod.block',
        target: { type: 'channel', id: 'c1' },
        details: { rules: [`rule ${i}`] },
      });
    }
    return communityId.toHexString();
  };
  beforeAll(async () => {
    db = await testDatabase();
    // The CLI sees the checkpoints the test database's connection writes.
    cli = hubCli(db.url, { HUB_REDIS_KEY_PREFIX: db.auditKeyPrefix });
  });
  afterAll(() => db.drop());

  // Each command is a process compiling the hub with tsx: seconds each on a busy machine.
  it(
    'exports a log whose chain the key holder can recompute, and verifies it',
    { timeout: 60_000 },
    async () => {
      const id = await logOf(3);
      const exported = await hub('export', id);
      const entries = lines(exported.stdout);
      expect(entries.map((e) => e['seq'])).toEqual([1, 2, 3]);
      let prev = GENESIS_HASH;
      for (const e of entries) {
        expect(e['prevHash']).toBe(prev);
        const hash = auditHash(
          {
            seq: e['seq'] as number,
            communityId: new Types.ObjectId(id),
            actorId: e['actorId'] as string,
            action: e['action'] as string,
            target: e['target'] as { type: string; id: string },
            details: JSON.stringify(e['details']),
            at: new Date(e['at'] as string),
            prevHash: prev,
          },
          auditKeysFrom(testConfig().audit.secret).chain,
        );
        expect(hash).toBe(e['hash']);
        prev = hash;
      }
      const verified = await hub('verify', id);
      expect(lines(verified.stdout)).toEqual([
        { log: id, ok: true, brokenAt: null, reason: null, checkpointSeq: 3 },
      ]);
    },
  );

  it('checks logs against exported checkpoints once Redis lost them', { timeout: 60_000 }, async () => {
    const id = await logOf(3);
    const exported = await hub('checkpoints');
    expect(exported.code).toBe(0);
    const mine = lines(exported.stdout).filter((c) => c['log'] === id);
    expect(mine).toEqual([expect.objectContaining({ log: id, seq: 3, sig: expect.any(String) })]);
    const file = join(tmpdir(), `checkpoints-${id}.jsonl`);
    await writeFile(file, exported.stdout);

    // The newest entry cut off, and the checkpoint in Redis with it.
    await db.connection
      .collection('audit_entries')
      .deleteOne({ communityId: new Types.ObjectId(id), seq: 3 });
    const redis = createRedis(testConfig().redis, { name: 'audit-cli-test' });
    await redis.del(keySpace(db.auditKeyPrefix).auditCheckpoints.checkpoint(id));
    redis.disconnect();
    const alone = await hub('verify', id);
    expect(alone.code).toBe(1);
    expect(lines(alone.stdout)).toEqual([
      { log: id, ok: false, brokenAt: 1, reason: 'no_checkpoint', checkpointSeq: null },
    ]);
    const withCopies = await hub('verify', id, '--checkpoints', file);
    expect(withCopies.code).toBe(1);
    expect(lines(withCopies.stdout)).toEqual([
      { log: id, ok: false, brokenAt: 3, reason: 'checkpoint_mismatch', checkpointSeq: 3 },
    ]);
  });

  it(
    'exits 1 naming the first bad seq for an edited entry and for a cut-off tail',
    { timeout: 60_000 },
    async () => {
      const edited = await logOf(4);
      await db.connection
        .collection('audit_entries')
        .updateOne({ communityId: new Types.ObjectId(edited), seq: 2 }, { $set: { actorId: 'forger' } });
      const cut = await logOf(4);
      await db.connection
        .collection('audit_entries')
        .deleteOne({ communityId: new Types.ObjectId(cut), seq: 4 });

      const one = await hub('verify', edited);
      expect(one.code).toBe(1);
      expect(lines(one.stdout)).toEqual([
        { log: edited, ok: false, brokenAt: 2, reason: 'chain', checkpointSeq: 4 },
      ]);
      const all = await hub('verify', 'all');
      expect(all.code).toBe(1);
      expect(lines(all.stdout)).toEqual(
        expect.arrayContaining([
          { log: edited, ok: false, brokenAt: 2, reason: 'chain', checkpointSeq: 4 },
          { log: cut, ok: false, brokenAt: 4, reason: 'checkpoint_mismatch', checkpointSeq: 4 },
        ]),
      );
      expect((await hub('verify', '{"$gt":""}')).code).toBe(2);
    },
  );
});
