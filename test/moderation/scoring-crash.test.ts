// A scoring worker killed (SIGKILL) after recording its decision and before any effect: once its
// job's lock expires another worker takes the job over, finds the decision and finishes it. The
// end state has exactly one decision, one case with one scoring flag and one audit entry.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryModel } from '../../storage/models/audit-entry.model.js';
import { moderationCaseModel } from '../../storage/models/moderation-case.model.js';
import { scoringDecisionModel } from '../../storage/models/scoring-decision.model.js';
import { getMessage } from '../../storage/repositories/messages.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { eventually } from '../support/wait.js';
import { listen, scoringConfig, scoringEnv, scoringQueue, SPAM, storeMessage } from './scoring-support.js';

interface Child {
  process: ChildProcess;
  messages: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function spawnWorker(env: Record<string, string>): Promise<Child> {
  const child = fork(fileURLToPath(new URL('./scoring-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      PATH: process.env['PATH'],
      HUB_ENV: 'test',
      HUB_DEMO_ENABLED: 'true',
      HUB_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const messages: Record<string, unknown>[] = [];
  child.on('message', (m) => messages.push(m as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return Promise.race([
    eventually(() => messages.some((m) => m['ready']), 30_000).then(() => ({
      process: child,
      messages,
      exited,
    })),
    exited.then((code) => Promise.reject(new Error(`worker exited with ${code}:\n${output}`))),
  ]);
}

describe('a scoring worker killed mid-job', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let config: ReturnType<typeof scoringConfig>;
  const children: Child[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    c = await provisionTestCommunity(db.url);
    config = scoringConfig(db.url);
  });
  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      await child.exited;
    }
    const queue = scoringQueue(config);
    await queue.obliterate();
    await queue.close();
    await db?.drop();
  });

  it('is replaced by another worker after the lock expires, with exactly one decision and its effects once', async () => {
    const env = {
      HUB_REDIS_URL: config.redis.url,
      HUB_LIVEKIT_URL: config.livekit.url,
      ...scoringEnv(config),
    };
    const doomed = await spawnWorker({ ...env, SCORING_FREEZE_AFTER_RECORD: '1' });
    children.push(doomed);
    const listener = await listen(config, [c.topic('general'), `mods:${c.id}`]);
    const queue = scoringQueue(config);
    const job = await storeMessage(db.connection, c, 'bob', SPAM);
    await queue.enqueue(job);

    await eventually(() => doomed.messages.some((m) => m['recorded'] === job.messageId));
    doomed.process.kill('SIGKILL');
    await doomed.exited;
    // Recorded, but nothing applied.
    const Decision = scoringDecisionModel(db.connection);
    expect(await Decision.findOne({ messageId: job.messageId }).lean()).toMatchObject({
      status: 'recorded',
      action: 'hide',
    });
    expect((await getMessage(db.connection, job.messageId))?.hiddenAt).toBeNull();

    const heir = await spawnWorker(env);
    children.push(heir);
    await eventually(
      async () => (await Decision.findOne({ messageId: job.messageId }).lean())?.status === 'done',
      20_000,
    );

    expect(await Decision.countDocuments({ messageId: job.messageId })).toBe(1);
    expect((await getMessage(db.connection, job.messageId))?.hiddenBy).toBe('scoring');
    const cases = await moderationCaseModel(db.connection).find({ messageId: job.messageId }).lean();
    expect(cases).toHaveLength(1);
    expect(cases[0]?.flags.map((f) => f.by)).toEqual(['scoring']);
    const audit = await auditEntryModel(db.connection)
      .find({ communityId: c.id, action: 'scoring.decide' })
      .lean();
    expect(audit).toHaveLength(1);
    await eventually(
      () => listener.frames(c.topic('general')).length > 0 && listener.frames(`mods:${c.id}`).length > 0,
    );
    expect(listener.frames(c.topic('general'))).toHaveLength(1);
    expect(await queue.deadLetters()).toEqual([]);
    await listener.close();
    await queue.close();
  });
});
