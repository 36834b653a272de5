// Running the `hub` command line in tests: a child process with the test servers' settings.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { testConfig } from './config.js';

const run = promisify(execFile);

export interface CliResult {
  /** 0 on success. */
  code: number;
  stdout: string;
  stderr: string;
}

/** A `hub` runner against this database, with Redis keys of its own; never rejects. */
export function hubCli(databaseUrl: string, env: Record<string, string> = {}) {
  const base = {
    PATH: process.env['PATH'] ?? '',
    HUB_ENV: 'test',
    HUB_DEMO_ENABLED: 'true',
    HUB_LOG_LEVEL: 'silent',
    HUB_MONGODB_URL: databaseUrl,
    HUB_REDIS_URL: testConfig().redis.url,
    HUB_REDIS_KEY_PREFIX: `cli${randomUUID().slice(0, 6)}`,
    ...env,
  };
  return async (...args: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/hub.mjs', ...args], { env: base });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof e.code === 'number' ? e.code : 1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
      };
    }
  };
}
