// Frames built to hurt: deep nesting, prototype and operator keys in publish data, text frames
// that are not UTF-8. Each gets its documented coded answer before anything walks it, nothing is
// stored, and the node keeps serving.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('frame bounds', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const channel = `chan:c1:bounds-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    hub = await startTestHub(
      { redis: { keyPrefix: `fb${randomUUID().slice(0, 6)}` } },
      { authorizer: openChannels },
    );
  });
  afterAll(() => hub.shutdown());

  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  // The id last, as the SDK writes it (JSON.stringify of {...command, id}).
  const publishText = (id: number, dataJson: string) =>
    `{"type":"publish","channel":"${channel}","nonce":"${randomUUID()}","data":${dataJson},"id":${id}}`;

  it('refuses publish data nested past the bound with validation_failed, at any depth', async () => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('deep'));
    // 10,000 levels in 20 KB: under the frame limit, and once a stack overflow answered `internal`.
    for (const [id, levels] of [
      [101, 10_000],
      [102, 31],
    ] as const) {
      c.sendRaw(publishText(id, `{"body":${nested(levels)}}`));
      expect((await c.next((f) => f.id === id)).error).toMatchObject({
        code: 'validation_failed',
        message: expect.stringMatching(/deeper than 32 levels/),
      });
    }
    // At the bound (frame, data, then 30 arrays) it is published.
    c.sendRaw(publishText(103, `{"body":${nested(30)}}`));
    expect((await c.next((f) => f.id === 103)).error).toBeUndefined();
    expect(await c.ok({ type: 'ping' })).toEqual({});
    c.close();
  });

  it.each([
    ['__proto__', '{"__proto__":{"admin":true}}', 'data.__proto__'],
    ['constructor, nested', '{"body":"x","meta":{"constructor":{"prototype":1}}}', 'data.meta.constructor'],
    ['an operator inside an array', '{"body":"x","list":[{"$ne":null}]}', 'data.list.0.$ne'],
    ['a dotted key', '{"a.b":1}', 'data.a.b'],
  ])('refuses %s inside publish data, naming the path, and stores nothing', async (_, data, path) => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('keys'));
    c.sendRaw(publishText(7, data));
    const reply = await c.next((f) => f.id === 7);
    expect(reply.error?.code).toBe('validation_failed');
    expect(reply.error?.message.startsWith(`${path}:`)).toBe(true);
    expect((await c.ok({ type: 'history', channel }))['publications']).not.toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ body: 'x' }) }),
    );
    c.close();
  });

  it('refuses oversize data with payload_too_large before the command runs', async () => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('big'));
    const reply = await c.request({
      type: 'publish',
      channel: 'chan:c1:readonly', // refused as forbidden only if the size were checked later
      data: { body: 'x'.repeat(20_000) },
      nonce: randomUUID(),
    });
    expect(reply.error?.code).toBe('payload_too_large');
    c.close();
  });

  it('drops only the connection that sends a text frame that is not UTF-8', async () => {
    // uWS validates text frames itself and closes the socket before any handler runs, without a
    // close frame: the client sees 1006 (docs/protocol.md, Limits). The node is unharmed.
    const c = await TestClient.connect(hub.wsUrl, await tokenFor('bytes'));
    c.ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect((await c.waitClosed()).code).toBe(1006);
    const other = await TestClient.connect(hub.wsUrl, await tokenFor('bytes'));
    expect(await other.ok({ type: 'ping' })).toEqual({});
    other.close();
  });
});
