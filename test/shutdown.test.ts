// SIGTERM on a real hub process: open WebSockets are closed with the documented SHUTDOWN code
// (clients reconnect elsewhere) and the process exits cleanly within the configured bound.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCodes, shouldReconnect } from '../protocol/index.js';
import { testConfig } from './support/config.js';
import { freePort } from './support/redis-server.js';
import { eventually } from './support/wait.js';

const SHUTDOWN_TIMEOUT_MS = 5_000;

describe('graceful shutdown', () => {
  it('closes open WebSockets with SHUTDOWN and exits within the bound on SIGTERM', async () => {
    const port = await freePort();
    const config = testConfig();
    const child = spawn(process.execPath, ['bin/hub.mjs', 'serve'], {
      env: {
        PATH: process.env['PATH'],
        HUB_ENV: 'test',
        HUB_DEMO_ENABLED: 'true',
        HUB_LOG_LEVEL: 'info',
        HUB_SERVER_PORT: String(port),
        HUB_REDIS_URL: config.redis.url,
        HUB_MONGODB_URL: config.mongodb.url,
        HUB_LIVEKIT_URL: config.livekit.url,
        HUB_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 20_000);
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      await new Promise((resolve, reject) => {
        ws.once('message', resolve);
        ws.once('error', reject);
      });
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const close = await closed;
      const exitCode = await exited;
      const tookMs = Date.now() - signalledAt;

      expect(close).toEqual({ code: CloseCodes.SHUTDOWN.code, reason: CloseCodes.SHUTDOWN.reason });
      expect(shouldReconnect(close.code)).toBe(true);
      expect(exitCode, output).toBe(0);
      expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      expect(output).toMatch(/"msg":"hub node draining"/);
      expect(output).toMatch(/"msg":"hub node stopped"/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start on bad configuration, naming the key', async () => {
    const child = spawn(process.execPath, ['bin/hub.mjs', 'serve'], {
      env: { PATH: process.env['PATH'], HUB_SERVER_PORT: 'http', HUB_MONGODB_URL: 'postgres://x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toMatch(/server\.port \(HUB_SERVER_PORT\): must be a port number/);
    expect(stderr).toMatch(/mongodb\.url \(HUB_MONGODB_URL\): must be a mongodb URL/);
  });
});
