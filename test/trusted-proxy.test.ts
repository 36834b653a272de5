// Per-IP limits behind a load balancer: the forwarded client address counts only when the peer
// is a trusted proxy; otherwise every forwarding header is ignored.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from './support/hub.js';

describe('per-IP limits and trusted proxies', () => {
  const limits = { ipBurst: 3, ipRatePerS: 1 };
  let behindProxy: Awaited<ReturnType<typeof startTestHub>>;
  let direct: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    [behindProxy, direct] = await Promise.all([
      startTestHub({
        redis: { keyPrefix: `tp${randomUUID().slice(0, 6)}` },
        api: limits,
        server: { trustedProxies: '127.0.0.1, 10.0.0.0/8' },
      }),
      startTestHub({ redis: { keyPrefix: `tp${randomUUID().slice(0, 6)}` }, api: limits }),
    ]);
  });
  afterAll(() => Promise.all([behindProxy.shutdown(), direct.shutdown()]));

  const statuses = async (url: string, headers: Record<string, string>, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++)
      out.push((await fetch(`${url}/api/v1/communities/${'0'.repeat(24)}/channels`, { headers })).status);
    return out;
  };

  it('gives each forwarded client its own bucket behind a trusted proxy', async () => {
    expect(await statuses(behindProxy.url, { 'x-forwarded-for': '198.51.100.1' }, 4)).toEqual([
      401, 401, 401, 429,
    ]);
    expect(await statuses(behindProxy.url, { 'x-forwarded-for': '198.51.100.2, 10.0.0.9' }, 1)).toEqual([
      401,
    ]);
    expect(await statuses(behindProxy.url, { forwarded: 'for="198.51.100.3:5000"' }, 1)).toEqual([401]);
    // A client cannot pick a fresh bucket by writing its own entry left of the real one.
    expect(await statuses(behindProxy.url, { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' }, 1)).toEqual([
      429,
    ]);
  });

  it('ignores forwarding headers from a peer that is not trusted', async () => {
    const spoofed = [1, 2, 3, 4].map((i) => ({ 'x-forwarded-for': `198.51.100.${i}` }));
    const out: number[] = [];
    for (const headers of spoofed) out.push(...(await statuses(direct.url, headers, 1)));
    expect(out).toEqual([401, 401, 401, 429]);
  });
});
