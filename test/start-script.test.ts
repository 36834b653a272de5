// npm start's process tree (scripts/run-hub.sh, which start.sh ends in): it prints the ready
// banner, logs HTTP requests only at debug level when HUB_LOG_REQUESTS=debug (as start.sh sets),
// and one Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it) stops
// the hub and the worker gracefully: each drains once, none gets a second signal, all exit 0.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testConfig } from './support/config.js';
import { freePort } from './support/redis-server.js';
import { eventually } from './support/wait.js';

describe('scripts/run-hub.sh (npm start)', () => {
  it('prints the banner, keeps request logs at debug, and stops everything on one Ctrl-C', async () => {
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
      },
      // Its own process group, as a terminal's foreground job: a signal to -pid reaches all of it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pid = child.pid ?? 0;

    try {
      await eventually(() => output.includes('Hubbub is ready'), 60_000);
      expect(output).toContain(`Demo page: http://127.0.0.1:${port}/demo/`);
      // A route that is not quiet: its request line would be at info without the setting.
      expect((await fetch(`http://127.0.0.1:${port}/no-such-route`)).status).toBe(404);
      await eventually(() => /"msg":"worker started"/.test(output), 30_000);

      process.kill(-pid, 'SIGINT');
      const code = await exited;

      expect(code, output).toBe(0);
      expect(output).toMatch(/"msg":"hub node draining"/);
      expect(output).toMatch(/"msg":"hub node stopped"/);
      expect(output).toMatch(/"msg":"worker draining"/);
      expect(output).toMatch(/"msg":"worker stopped"/);
      expect(output).not.toMatch(/second signal/);
      expect(output).not.toMatch(/"msg":"http request"/);
      expect(output).toMatch(/stopped\n$/);
    } finally {
      // The script, and the hub and worker in their own groups (their log lines name their pids).
      const pids = [-pid, ...new Set([...output.matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1])))];
      for (const p of pids) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }, 120_000);
});
