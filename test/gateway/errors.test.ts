// Bad input at the gateway: every refusal has its documented error or close code, nothing is
// stored, and the node keeps serving everyone else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCodes } from '../../protocol/index.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('gateway refusals', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let bystander: TestClient;
  const channel = `chan:c1:errors-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    hub = await startTestHub(
      {
        redis: { keyPrefix: `err${randomUUID().slice(0, 6)}` },
        auth: { clockSkewS: 0 },
        gateway: {
          maxFrameBytes: 4096,
          maxDataBytes: 1024,
          maxSubscriptionsPerConnection: 3,
          frameBurst: 20,
          frameRatePerS: 5,
          floodStrikes: 5,
          connectTimeoutMs: 500,
        },
      },
      { authorizer: openChannels },
    );
    bystander = await TestClient.connect(hub.wsUrl, await tokenFor('bystander'));
    await bystander.ok({ type: 'subscribe', channel });
  });
  afterAll(async () => {
    // After everything below, the bystander was never disturbed.
    expect(bystander.closed).toBeUndefined();
    expect(await bystander.ok({ type: 'ping' })).toEqual({});
    bystander.close();
    await hub.shutdown();
  });

  const closeCodeFor = async (token: string) => {
    const c = await TestClient.open(hub.wsUrl);
    c.sendRaw(JSON.stringify({ type: 'connect', id: 1, token }));
    return (await c.waitClosed()).code;
  };

  it.each([
    [
      'forged',
      () => tokenFor('mallory', { secret: 'not-the-marketplace-secret-at-all' }),
      CloseCodes.INVALID_TOKEN.code,
    ],
    [
      'for another audience',
      () => tokenFor('u1', { audience: 'another-app' }),
      CloseCodes.INVALID_TOKEN.code,
    ],
    ['expired', () => tokenFor('u1', { expiresInS: -60 }), CloseCodes.TOKEN_EXPIRED.code],
    ['not a JWT', async () => 'garbage.token.here', CloseCodes.INVALID_TOKEN.code],
  ])('closes a connection whose token is %s with its close code', async (_, make, code) => {
    expect(await closeCodeFor(await make())).toBe(code);
  });

  it('closes a connection that never authenticates', async () => {
    const c = await TestClient.open(hub.wsUrl);
    expect((await c.waitClosed()).code).toBe(CloseCodes.BAD_REQUEST.code);
  });

  it('ends a connection when its token expires without a refresh, and keeps it with one', async () => {
    const lapsing = await TestClient.connect(hub.wsUrl, await tokenFor('u2', { expiresInS: 2 }));
    const refreshed = await TestClient.connect(hub.wsUrl, await tokenFor('u2', { expiresInS: 2 }));
    expect(
      await refreshed.ok({ type: 'refresh', token: await tokenFor('u2', { expiresInS: 60 }) }),
    ).toMatchObject({
      expiresAt: expect.any(Number),
    });
    const other = await refreshed.request({ type: 'refresh', token: await tokenFor('someone-else') });
    expect(other.error?.code).toBe('forbidden');
    expect((await lapsing.waitClosed(5_000)).code).toBe(CloseCodes.TOKEN_EXPIRED.code);
    expect(await refreshed.ok({ type: 'ping' })).toEqual({});
    refreshed.close();
  });

  it('answers malformed, unknown and invalid frames with coded errors and keeps the connection', async () => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('u3'));
    c.sendRaw('{this is not json');
    expect((await c.next((f) => f.type === 'error')).error?.code).toBe('bad_request');
    c.sendRaw('[1,2,3]');
    expect((await c.next((f) => f.type === 'error')).error?.code).toBe('bad_request');
    expect((await c.request({ type: 'teleport' })).error).toMatchObject({
      code: 'bad_request',
      message: 'unknown frame type "teleport"',
    });
    expect((await c.request({ type: 'subscribe', channel, extra: 1 })).error).toMatchObject({
      code: 'validation_failed',
      message: 'unknown field extra',
    });
    expect((await c.request({ type: 'subscribe', channel: { $gt: '' } })).error?.code).toBe(
      'validation_failed',
    );
    expect((await c.request({ type: 'subscribe', channel: 'chan:../../etc' })).error?.code).toBe(
      'validation_failed',
    );
    expect(
      (await c.request({ type: 'publish', channel, data: { body: 'x' }, nonce: '$where' })).error?.code,
    ).toBe('validation_failed');
    expect(
      (await c.request({ type: 'publish', channel, data: 'not an object', nonce: randomUUID() })).error?.code,
    ).toBe('validation_failed');
    expect(await c.ok({ type: 'ping' })).toEqual({});
    expect(c.closed).toBeUndefined();
    c.close();
  });

  it('refuses commands before connect, and what permissions do not allow', async () => {
    const anonymous = await TestClient.open(hub.wsUrl);
    expect((await anonymous.request({ type: 'subscribe', channel })).error?.code).toBe('unauthenticated');
    anonymous.close();

    const c = await TestClient.connect(hub.wsUrl, await tokenFor('u4'));
    expect((await c.request({ type: 'subscribe', channel: 'chan:c1:secret' })).error?.code).toBe('forbidden');
    expect((await c.request({ type: 'history', channel: 'chan:c1:secret' })).error?.code).toBe('forbidden');
    expect((await c.request({ type: 'subscribe', channel: 'user:someone-else' })).error?.code).toBe(
      'forbidden',
    );
    expect((await c.request({ type: 'subscribe', channel: 'mods:c1' })).error?.code).toBe('forbidden');
    const readonly = await c.request({
      type: 'publish',
      channel: 'chan:c1:readonly',
      data: { body: 'x' },
      nonce: randomUUID(),
    });
    expect(readonly.error).toMatchObject({ code: 'forbidden', message: 'this channel is read-only' });
    expect(await c.ok({ type: 'subscribe', channel: 'user:u4' })).toMatchObject({ channel: 'user:u4' });
    c.close();
  });

  it('refuses oversize data with an error and stores nothing', async () => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('u5'));
    const big = await c.request({
      type: 'publish',
      channel,
      data: { body: 'x'.repeat(2000) },
      nonce: randomUUID(),
    });
    expect(big.error?.code).toBe('payload_too_large');
    expect((await c.ok({ type: 'history', channel }))['publications']).toEqual([]);
    expect(bystander.pubs(channel)).toEqual([]);
    c.close();
  });

  it('closes a connection that sends a frame over the size limit with 3503', async () => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('u6'));
    c.sendRaw(JSON.stringify({ type: 'ping', id: 1, pad: 'x'.repeat(5000) }));
    expect((await c.waitClosed()).code).toBe(CloseCodes.MESSAGE_TOO_BIG.code);
  });

  it('refuses a subscription past the per-connection limit', async () => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('u7'));
    for (const n of [1, 2, 3]) await c.ok({ type: 'subscribe', channel: `chan:c1:limit-${n}` });
    expect((await c.request({ type: 'subscribe', channel: 'chan:c1:limit-4' })).error?.code).toBe(
      'subscription_limit',
    );
    expect((await c.request({ type: 'subscribe', channel: 'chan:c1:limit-1' })).error?.code).toBe(
      'already_subscribed',
    );
    c.close();
  });

  it('slows a fast sender down with rate_limited replies, then closes a flood with 3006', async () => {
    const ws = new WebSocket(hub.wsUrl);
    await new Promise((r) => ws.once('open', r));
    const replies: { id?: number; error?: { code: string; retryAfterMs?: number } }[] = [];
    ws.on('message', (d: Buffer) => replies.push(JSON.parse(d.toString()) as (typeof replies)[number]));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    for (let i = 1; i <= 60; i++) ws.send(JSON.stringify({ type: 'ping', id: i }));
    expect(await closed).toBe(CloseCodes.FLOOD.code);
    const limited = replies.filter((r) => r.error?.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ id: expect.any(Number), error: { retryAfterMs: expect.any(Number) } });
  });
});
