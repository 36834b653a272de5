// npm start's process tree (scripts/run-hub.sh, which start.sh ends in): it prints the ready
// banner, logs HTTP requests only at debug level when HUB_LOG_REQUESTS=debug (as start.sh sets),
// and one Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it) stops
// the hub and the worker gracefully: each drains once, none gets a second signal, all exit 0.
// With HUBBUB_LOG_DIR (as start.sh sets), their logs go to files and the terminal shows only
// warnings, errors and plain output: the banner stays the last line.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConfig } from './support/config.js';
import { freePort } from './support/redis-server.js';
import { eventually } from './support/wait.js';

/** run-hub.sh on a free port against the test servers, in a process group of its own. */
async function runHub(extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const config = testConfig();
  const child = spawn('bash', ['scripts/run-hub.sh'], {
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      HUB_ENV: 'test',
      HUB_DEMO_ENABLED: 'true',
      HUB_LOG_LEVEL: 'info',
      HUB_LOG_REQUESTS: 'debug',
      HUB_SERVER_PORT: String(port),
      HUB_REDIS_URL: config.redis.url,
      HUB_MONGODB_URL: config.mongodb.url,
      HUB_LIVEKIT_URL: config.livekit.url,
      HUB_SHUTDOWN_TIMEOUT_MS: '10000',
      ...extraEnv,
    },
    // Its own process group, as a terminal's foreground job: a signal to -pid reaches all of it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = {
    port,
    output: '',
    exited: new Promise<number | null>((resolve) => child.once('exit', resolve)),
  };
  child.stdout.on('data', (d: Buffer) => (run.output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (run.output += d.toString()));
  const pid = child.pid ?? 0;
  return {
    run,
    /** Ctrl-C in the terminal: SIGINT to the whole foreground group. */
    interrupt: () => process.kill(-pid, 'SIGINT'),
    /** The script, and the hub and worker in their own groups (their log lines name their pids). */
    kill: (logs = '') => {
      const pids = [
        -pid,
        ...new Set([...(run.output + logs).matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1]))),
      ];
      for (const p of pids) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

describe('scripts/run-hub.sh (npm start)', () => {
  it('prints the banner, keeps request logs at debug, and stops everything on one Ctrl-C', async () => {
    const { run, interrupt, kill } = await runHub();
    try {
      await eventually(() => run.output.includes('Hubbub is ready'), 60_000);
      expect(run.output).toContain(`Demo page: http://127.0.0.1:${run.port}/demo/`);
      // A route that is not quiet: its request line would be at info without the setting.
      expect((await fetch(`http://127.0.0.1:${run.port}/no-such-route`)).status).toBe(404);
      await eventually(() => /"msg":"worker started"/.test(run.output), 30_000);

      interrupt();
      const code = await run.exited;

      const output = run.output;
      expect(code, output).toBe(0);
      expect(output).toMatch(/"msg":"hub node draining"/);
      expect(output).toMatch(/"msg":"hub node stopped"/);
      expect(output).toMatch(/"msg":"worker draining"/);
      expect(output).toMatch(/"msg":"worker stopped"/);
      expect(output).not.toMatch(/second signal/);
      expect(output).not.toMatch(/"msg":"http request"/);
      expect(output).toMatch(/stopped\n$/);
    } finally {
      kill();
    }
  }, 120_000);

  it('with a log directory, keeps info lines in the files and ends the start with the banner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-logs-'));
    const logs = () =>
      ['hub', 'worker'].map((name) => readFileSync(join(dir, `${name}.log`), 'utf8')).join('');
    const { run, interrupt, kill } = await runHub({ HUBBUB_LOG_DIR: dir });
    try {
      await eventually(() => run.output.includes('Hubbub is ready'), 60_000);
      expect(run.output).toContain(`Logs: ${dir}/`);
      await eventually(
        () => /"msg":"worker started"/.test(logs()) && /"msg":"hub node listening"/.test(logs()),
        30_000,
      );
      // Nothing after the banner while all is well: the start-up's info lines are in the files.
      expect(run.output.trimEnd()).toMatch(/the terminal shows warnings and errors\)$/);

      interrupt();
      const code = await run.exited;

      expect(code, run.output).toBe(0);
      expect(logs()).toMatch(/"msg":"hub node stopped"/);
      expect(logs()).toMatch(/"msg":"worker stopped"/);
      expect(run.output).not.toMatch(/"level":"info"/);
      expect(run.output).toMatch(/draining\)\n(.*\n)*.*stopped\n$/);
    } finally {
      kill(logs());
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
