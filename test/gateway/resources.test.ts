// What a node holds: a Redis subscription for a topic only while it has local subscribers,
// and no client that reads too slowly (it is closed with 3003, to reconnect and recover).
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySpace } from '../../storage/redis-keys.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('node resources', () => {
  const keyPrefix = `res${randomUUID().slice(0, 6)}`;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let redis: RedisClient;
  beforeAll(async () => {
    hub = await startTestHub(
      {
        redis: { keyPrefix },
        gateway: {
          maxBackpressureBytes: 65_536,
          publishBurst: 1000,
          publishRatePerS: 1000,
          frameBurst: 1000,
          frameRatePerS: 1000,
        },
      },
      { authorizer: openChannels },
    );
    redis = createRedis(hub.config.redis, { name: 'resources-test' });
  });
  afterAll(async () => {
    await redis.quit();
    await hub.shutdown();
  });

  const shardSubscribers = async (topic: string) => {
    const reply = (await redis.call('PUBSUB', 'SHARDNUMSUB', keySpace(keyPrefix).stream(topic).live)) as [
      string,
      number,
    ];
    return Number(reply[1]);
  };

  it('holds a topic’s Redis subscription only while local clients subscribe to it', async () => {
    const topic = `chan:c1:held-${randomUUID().slice(0, 6)}`;
    const [one, two] = [
      await TestClient.connect(hub.wsUrl, await tokenFor('one')),
      await TestClient.connect(hub.wsUrl, await tokenFor('two')),
    ];
    expect(await shardSubscribers(topic)).toBe(0);
    await one.ok({ type: 'subscribe', channel: topic });
    await two.ok({ type: 'subscribe', channel: topic });
    expect(await shardSubscribers(topic)).toBe(1); // one per node, however many clients
    await one.ok({ type: 'unsubscribe', channel: topic });
    expect(await shardSubscribers(topic)).toBe(1);
    two.close();
    await expect.poll(() => shardSubscribers(topic)).toBe(0);
    one.close();
  });

  it('closes a client that stops reading with 3003 once its buffer passes the bound', async () => {
    const topic = `chan:c1:flood-${randomUUID().slice(0, 6)}`;
    // A raw socket speaking just enough WebSocket to subscribe, then never reading again.
    const url = new URL(hub.wsUrl);
    const slow = connect(Number(url.port), url.hostname);
    await new Promise((r) => slow.once('connect', r));
    slow.write(
      `GET /ws HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await new Promise<void>((resolve) => {
      let head = '';
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        if (head.includes('\r\n\r\n')) {
          slow.off('data', onData);
          resolve();
        }
      };
      slow.on('data', onData);
    });
    slow.write(maskedTextFrame(JSON.stringify({ type: 'connect', id: 1, token: await tokenFor('slow') })));
    slow.write(maskedTextFrame(JSON.stringify({ type: 'subscribe', id: 2, channel: topic })));
    await new Promise((r) => setTimeout(r, 300));
    slow.pause();
    expect(hub.gateway.connectionCount).toBe(1);
    const before = hub.gateway.connectionCount;

    const writer = await TestClient.connect(hub.wsUrl, await tokenFor('writer'));
    const pad = 'x'.repeat(15_000);
    for (let batch = 0; batch < 40 && hub.gateway.connectionCount > before; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          writer.request({ type: 'publish', channel: topic, data: { i, pad }, nonce: randomUUID() }),
        ),
      );
    }
    await expect.poll(() => hub.gateway.connectionCount).toBe(before); // writer in, slow one out
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toMatch(/^hubbub_ws_closes_total\{reason="slow consumer"\} 1$/m);
    expect(writer.closed).toBeUndefined();
    writer.close();
    slow.destroy();
  });
});

/** A client-to-server WebSocket text frame (clients must mask). */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, masked]);
}
