// /readyz follows Redis going away and coming back, without a hub restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubNode } from '../hub/node.js';
import { startTestHub } from './support/hub.js';
import { freePort, PrivateRedis } from './support/redis-server.js';
import { eventually } from './support/wait.js';

describe('/readyz', () => {
  let redis: PrivateRedis;
  let hub: HubNode;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    hub = await startTestHub({ redis: { url: redis.url }, readiness: { timeoutMs: 500 } });
  });
  afterAll(async () => {
    await hub.shutdown();
    await redis.stop();
  });

  const readyz = async () => {
    const res = await fetch(`${hub.url}/readyz`);
    return {
      status: res.status,
      body: (await res.json()) as {
        status: string;
        checks: Record<string, { status: string; latencyMs: number }>;
      },
    };
  };

  it('is 200 with every dependency up, each with its latency', async () => {
    const { status, body } = await eventually(async () => {
      const r = await readyz();
      return r.status === 200 && r;
    });
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    for (const name of ['redis', 'mongodb', 'livekit']) {
      expect(body.checks[name]).toMatchObject({ status: 'up', required: true });
      expect(body.checks[name]?.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('turns 503 when Redis stops, and 200 again when it returns', async () => {
    await redis.stop();
    const down = await eventually(async () => {
      const r = await readyz();
      return r.status === 503 && r;
    });
    expect(down.body.status).toBe('not_ready');
    expect(down.body.checks['redis']?.status).toBe('down');
    expect(down.body.checks['mongodb']?.status).toBe('up');

    await redis.start();
    const back = await eventually(async () => {
      const r = await readyz();
      return r.status === 200 && r;
    }, 15_000);
    expect(back.body.checks['redis']?.status).toBe('up');
  });

  it('exports dependency health on /metrics', async () => {
    await readyz();
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toMatch(/^hubbub_dependency_up\{dependency="redis"\} 1$/m);
    expect(text).toMatch(/^hubbub_dependency_latency_seconds\{dependency="mongodb"\} [0-9.e-]+$/m);
  });
});
