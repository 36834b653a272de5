import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness.js';

const up = () => Promise.resolve();
const down = () => Promise.reject(new Error('connection refused'));
const hang = () => new Promise(() => undefined);

describe('Readiness', () => {
  it('is ready when every required dependency answers, whatever the optional ones do', async () => {
    const r = new Readiness(
      [
        { name: 'a', required: true, check: up },
        { name: 'b', required: false, check: down },
      ],
      { timeoutMs: 100 },
    );
    const report = await r.report();
    expect(report.status).toBe('ready');
    expect(report.checks['b']).toMatchObject({
      status: 'down',
      required: false,
      error: 'connection refused',
    });
  });

  it('is not ready when a required dependency fails or does not answer in time', async () => {
    const seen: string[] = [];
    const r = new Readiness(
      [
        { name: 'fails', required: true, check: down },
        { name: 'hangs', required: true, check: hang },
      ],
      { timeoutMs: 50, onResult: (name, res) => seen.push(`${name}:${res.status}`) },
    );
    const report = await r.report();
    expect(report.status).toBe('not_ready');
    expect(report.checks['hangs']).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
    expect(report.checks['hangs']?.latencyMs).toBeGreaterThanOrEqual(45);
    expect(seen.sort()).toEqual(['fails:down', 'hangs:down']);
  });

  it('reports draining once asked to, so load balancers stop routing here', async () => {
    const r = new Readiness([{ name: 'a', required: true, check: up }], { timeoutMs: 100 });
    r.startDraining();
    expect((await r.report()).status).toBe('draining');
  });

  it('runs one round of checks for a burst of probes', async () => {
    let calls = 0;
    const r = new Readiness([{ name: 'a', required: true, check: async () => void calls++ }], {
      timeoutMs: 100,
      cacheMs: 1_000,
    });
    await Promise.all([r.report(), r.report(), r.report()]);
    expect(calls).toBe(1);
  });
});
