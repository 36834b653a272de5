// A dependency that is down is `not_ready`, never `internal`: with Redis stopped, a publish gets
// an error reply `not_ready` with retryAfterMs and the HTTP API answers 503 with Retry-After;
// when Redis returns, publishing works again without a restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubNode } from '../../hub/node.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { freePort, PrivateRedis } from '../support/redis-server.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

describe('dependencies down', () => {
  let redis: PrivateRedis;
  let hub: HubNode & { wsUrl: string };
  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    hub = await startTestHub({ redis: { url: redis.url } }, { authorizer: openChannels });
  });
  afterAll(async () => {
    await hub.shutdown();
    await redis.stop();
  });

  it('answers not_ready while Redis is down, and publishes again once it is back', async () => {
    const client = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const channel = `chan:c1:out-${randomUUID().slice(0, 6)}`;
    const publish = () =>
      client.request({ type: 'publish', channel, data: { body: 'hi' }, nonce: randomUUID() });
    expect((await publish()).error).toBeUndefined();

    await redis.stop();
    const refused = await publish();
    expect(refused.error).toMatchObject({ code: 'not_ready' });
    expect((refused.error as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);
    const res = await fetch(`${hub.url}/api/v1/communities`, {
      headers: { authorization: `Bearer ${await tokenFor('ann')}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_ready');

    await redis.start();
    await eventually(async () => (await publish()).error === undefined, 15_000);
    client.close();
  }, 60_000);
});
