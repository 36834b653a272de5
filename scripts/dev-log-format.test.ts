import { describe, expect, it } from 'vitest';
import { terminalLine } from './dev-log-format.js';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    time: '2026-12-07T09:42:50.276Z',
    process: 'worker',
    pid: 1,
    env: 'development',
    ...fields,
  });

describe("npm start's terminal lines", () => {
  it('keeps info and debug log lines out of the terminal', () => {
    expect(terminalLine(line({ level: 'info', msg: 'worker started', queues: ['a'] }))).toBeNull();
    expect(terminalLine(line({ level: 'debug', msg: 'http request' }))).toBeNull();
  });
  it('shows warnings and errors as one readable line with their details', () => {
    expect(
      terminalLine(line({ level: 'warn', msg: 'mongodb not reachable yet; retrying', err: 'ECONNREFUSED' })),
    ).toBe('09:42:50 worker WARN: mongodb not reachable yet; retrying (err=ECONNREFUSED)');
    expect(
      terminalLine(
        line({
          level: 'error',
          msg: 'job failed',
          err: { message: 'boom', stack: 'Error: boom\n at x' },
          jobs: 3,
        }),
      ),
    ).toBe('09:42:50 worker ERROR: job failed (err="boom", jobs=3)');
  });
  it('passes other output through as it is', () => {
    expect(terminalLine('[chatwoot double] demo support conversation: present')).toBe(
      '[chatwoot double] demo support conversation: present',
    );
    expect(terminalLine('    at Object.<anonymous> (/x.js:1:1)')).toBe(
      '    at Object.<anonymous> (/x.js:1:1)',
    );
    expect(terminalLine('{"not":"a log line"}')).toBe('{"not":"a log line"}');
    expect(terminalLine('')).toBeNull();
  });
  it('shows lower levels when asked', () => {
    expect(terminalLine(line({ level: 'info', msg: 'worker started' }), 'info')).toBe(
      '09:42:50 worker INFO: worker started',
    );
  });
});
