import { describe, expect, it } from 'vitest';
import type { PublishCommand } from '../../protocol/index.js';
import { HubRequestError } from './errors.js';
import { CHANNEL, subscribed, useHarness } from './testing/harness.js';
import { nextEvent, record, sleep, type PeerConnection } from './testing/scripted-peer.js';

const h = useHarness();

async function takePublishes(conn: PeerConnection, count: number): Promise<PublishCommand[]> {
  const commands: PublishCommand[] = [];
  for (let i = 0; i < count; i++) commands.push(await conn.take('publish'));
  return commands;
}

describe('the offline send queue', () => {
  it('queues publishes while offline and sends them in order, with their nonces, once connected', async () => {
    const client = h.client();
    const queue = record(client, 'queue');
    const results = [1, 2, 3].map((n) => client.publish('chan:c1:other', { n }, { nonce: `nonce-${n}` }));
    expect(client.pendingSends).toBe(3);
    await sleep(30);
    expect(h.peer.connections).toHaveLength(0);

    client.connect();
    const conn = await h.peer.connection(0);
    const sent = await takePublishes(conn, 3);
    expect(sent.map((c) => [c.nonce, c.data])).toEqual([
      ['nonce-1', { n: 1 }],
      ['nonce-2', { n: 2 }],
      ['nonce-3', { n: 3 }],
    ]);
    sent.forEach((c, i) => conn.reply(c.id, { offset: i + 1, epoch: 'e1', duplicate: false }));
    expect((await Promise.all(results)).map((r) => r.offset)).toEqual([1, 2, 3]);
    expect(client.pendingSends).toBe(0);
    expect(queue.map((q) => q.pending)).toEqual([1, 2, 3, 2, 1, 0]);
  });

  it('holds publishes made during a drop until the channel is resubscribed, then sends them in order', async () => {
    const client = h.client();
    const sub = client.subscribe(CHANNEL);
    client.connect();
    const first = await h.peer.connection(0);
    first.reply((await first.take('subscribe')).id, subscribed({ offset: 4, epoch: 'e1' }));
    await nextEvent(sub, 'subscribed');
    first.drop();
    await nextEvent(client, 'disconnected');
    const results = ['a', 'b'].map((text) => client.publish(CHANNEL, { text }, { nonce: text }));

    const second = await h.peer.connection(1);
    const resubscribe = await second.take('subscribe');
    await sleep(50);
    expect(second.types()).not.toContain('publish');
    second.reply(resubscribe.id, subscribed({ offset: 4, epoch: 'e1' }, { recovered: true }));
    const sent = await takePublishes(second, 2);
    expect(sent.map((c) => c.nonce)).toEqual(['a', 'b']);
    sent.forEach((c, i) => second.reply(c.id, { offset: 5 + i, epoch: 'e1', duplicate: false }));
    expect((await Promise.all(results)).map((r) => r.offset)).toEqual([5, 6]);
    expect(first.types()).not.toContain('publish');
  });

  it('sends a publish again with the same nonce when the connection dropped before its reply, and resolves it once', async () => {
    const client = h.client();
    const queue = record(client, 'queue');
    client.connect();
    await nextEvent(client, 'connected');
    const settled: string[] = [];
    const result = client.publish('chan:c1:other', { text: 'hi' });
    result.then(
      () => settled.push('resolved'),
      () => settled.push('rejected'),
    );
    const first = await h.peer.connection(0);
    const lost = await first.take('publish');
    first.drop();

    const second = await h.peer.connection(1);
    const resent = await second.take('publish');
    expect(resent.nonce).toBe(lost.nonce);
    expect(resent.data).toEqual({ text: 'hi' });
    second.reply(resent.id, { offset: 9, epoch: 'e1', duplicate: true });
    expect(await result).toEqual({ offset: 9, epoch: 'e1', duplicate: true });
    await sleep(50);
    expect(settled).toEqual(['resolved']);
    expect(second.types().filter((t) => t === 'publish')).toHaveLength(1);
    expect(queue.map((q) => q.pending)).toEqual([1, 0]);
  });

  it("rejects with 'queue_full' beyond maxQueuedSends", async () => {
    const client = h.client({ maxQueuedSends: 2 });
    const kept = [client.publish(CHANNEL, { n: 1 }), client.publish(CHANNEL, { n: 2 })];
    const err: unknown = await client.publish(CHANNEL, { n: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubRequestError);
    expect(err).toMatchObject({ code: 'queue_full' });
    expect(client.pendingSends).toBe(2);
    client.close();
    await expect(Promise.all(kept)).rejects.toMatchObject({ code: 'closed' });
  });

  it('takes a publish the server refused out of the queue and rejects it with the code', async () => {
    const client = h.client();
    client.connect();
    const conn = await h.peer.connection(0);
    const result = client.publish(CHANNEL, { text: 'too fast' });
    const command = await conn.take('publish');
    conn.fail(command.id, { code: 'slowmode', message: 'wait', retryAfterMs: 4_000 });
    await expect(result).rejects.toMatchObject({ code: 'slowmode', retryAfterMs: 4_000 });
    expect(client.pendingSends).toBe(0);
  });
});
