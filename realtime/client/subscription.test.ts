import { describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/wait.js';
import { CloseCodes, type PubFrame, type Publication } from '../../protocol/index.js';
import type { HubClient } from './hub-client.js';
import type { Subscription } from './subscription.js';
import { CHANNEL, subscribed, useHarness } from './testing/harness.js';
import { nextEvent, record, sleep, type PeerConnection } from './testing/scripted-peer.js';

const h = useHarness();

function publication(offset: number, epoch = 'e1'): Publication {
  return {
    channel: CHANNEL,
    offset,
    epoch,
    data: { n: offset },
    info: { id: 'u2', name: 'Bo' },
    ts: 1_700_000_000_000,
  };
}
const pub = (offset: number, epoch = 'e1'): PubFrame => ({ type: 'pub', ...publication(offset, epoch) });

/** A connected client subscribed to CHANNEL at `offset` of epoch e1, and what it applied. */
async function subscribedClient(offset: number, client: HubClient = h.client()) {
  const sub = client.subscribe(CHANNEL);
  const offsets: number[] = [];
  sub.on('publication', (p) => offsets.push(p.offset));
  client.connect();
  const conn = await h.peer.connection(0);
  const ready = nextEvent(sub, 'subscribed');
  const command = await conn.take('subscribe');
  expect(command).not.toHaveProperty('since');
  conn.reply(command.id, subscribed({ offset, epoch: 'e1' }));
  expect(await ready).toEqual({ position: { offset, epoch: 'e1' }, recovered: false });
  return { client, sub, conn, offsets };
}

/** Waits until the subscription has applied `offset`. */
async function applied(sub: Subscription, offset: number): Promise<void> {
  await eventually(() => sub.position?.offset === offset, 3_000, 5);
}

describe('Subscription: live publications', () => {
  it('applies pubs in order and drops any at or below the last applied offset', async () => {
    const { sub, conn, offsets } = await subscribedClient(5);
    for (const offset of [5, 6, 6, 4, 7]) conn.send(pub(offset));
    await applied(sub, 7);
    await sleep(30);
    expect(offsets).toEqual([6, 7]);
    expect(sub.position).toEqual({ offset: 7, epoch: 'e1' });
  });

  it('resubscribes with since over a gap, and applies what it recovers before later pubs', async () => {
    const { sub, conn, offsets } = await subscribedClient(5);
    conn.send(pub(6));
    conn.send(pub(9));
    await conn.take('unsubscribe');
    const resubscribe = await conn.take('subscribe');
    expect(resubscribe.since).toEqual({ offset: 6, epoch: 'e1' });
    expect(sub.state).toBe('subscribing');
    conn.send(pub(9)); // the old subscription's, before the reply: recovered below, so a duplicate
    conn.reply(
      resubscribe.id,
      subscribed(
        { offset: 9, epoch: 'e1' },
        { recovered: true, publications: [publication(7), publication(8), publication(9)] },
      ),
    );
    conn.send(pub(10));
    await applied(sub, 10);
    expect(offsets).toEqual([6, 7, 8, 9, 10]);
  });

  it('delivers join, leave, status and typing of its channel only', async () => {
    const { sub, conn } = await subscribedClient(0);
    const events: string[] = [];
    for (const event of ['join', 'leave', 'status', 'typing'] as const)
      sub.on(event, (u) => events.push(`${event}:${u.id}`));
    const user = { id: 'u2', name: 'Bo' };
    conn.send({
      type: 'join',
      channel: 'chan:c1:other',
      user: { ...user, status: 'online', connections: 1 },
    });
    conn.send({ type: 'join', channel: CHANNEL, user: { ...user, status: 'online', connections: 1 } });
    conn.send({ type: 'status', channel: CHANNEL, user: { ...user, status: 'idle' } });
    conn.send({ type: 'typing', channel: CHANNEL, user });
    conn.send({ type: 'leave', channel: CHANNEL, user });
    await nextEvent(sub, 'leave');
    expect(events).toEqual(['join:u2', 'status:u2', 'typing:u2', 'leave:u2']);
  });

  it('ends when the server sends unsub, and forgets the channel', async () => {
    const { client, sub, conn } = await subscribedClient(0);
    const ended = nextEvent(sub, 'unsubscribed');
    conn.send({ type: 'unsub', channel: CHANNEL, code: 'forbidden' });
    expect(await ended).toEqual({ code: 'forbidden' });
    expect(sub.state).toBe('unsubscribed');
    expect(client.getSubscription(CHANNEL)).toBeUndefined();
  });
});

describe('Subscription: across reconnects', () => {
  async function reconnectAfterShutdown(conn: PeerConnection): Promise<PeerConnection> {
    conn.close(CloseCodes.SHUTDOWN.code, CloseCodes.SHUTDOWN.reason);
    return h.peer.connection(1);
  }

  it('resubscribes with since = the last applied position, and applies the recovered pubs first', async () => {
    const { sub, conn, offsets } = await subscribedClient(5);
    conn.send(pub(6));
    await applied(sub, 6);
    const next = await reconnectAfterShutdown(conn);
    const resubscribe = await next.take('subscribe');
    expect(resubscribe).toMatchObject({ channel: CHANNEL, since: { offset: 6, epoch: 'e1' } });

    const order: string[] = [];
    sub.on('publication', (p) => order.push(`pub ${p.offset}`));
    sub.on('subscribed', (e) => order.push(`subscribed recovered=${String(e.recovered)}`));
    next.reply(
      resubscribe.id,
      subscribed(
        { offset: 8, epoch: 'e1' },
        { recovered: true, publications: [publication(7), publication(8)] },
      ),
    );
    next.send(pub(8));
    next.send(pub(9));
    await applied(sub, 9);
    expect(order).toEqual(['pub 7', 'pub 8', 'subscribed recovered=true', 'pub 9']);
    expect(offsets).toEqual([6, 7, 8, 9]);
  });

  it('surfaces recovered:false with its reason, and continues from the new position', async () => {
    const { sub, conn, offsets } = await subscribedClient(5);
    const next = await reconnectAfterShutdown(conn);
    const resubscribe = await next.take('subscribe');
    expect(resubscribe.since).toEqual({ offset: 5, epoch: 'e1' });
    const event = nextEvent(sub, 'subscribed');
    next.reply(
      resubscribe.id,
      subscribed({ offset: 100, epoch: 'e2' }, { recovered: false, reason: 'epoch_changed' }),
    );
    expect(await event).toEqual({
      position: { offset: 100, epoch: 'e2' },
      recovered: false,
      reason: 'epoch_changed',
    });
    next.send(pub(101, 'e2'));
    await applied(sub, 101);
    expect(offsets).toEqual([101]);
  });

  it('retries a subscribe that failed transiently, and ends one that was refused', async () => {
    const client = h.client();
    const retried = client.subscribe(CHANNEL);
    const refused = client.subscribe('chan:c1:secret');
    const errors = record(retried, 'error');
    client.connect();
    const conn = await h.peer.connection(0);
    const first = await conn.take('subscribe');
    const secret = await conn.take('subscribe');
    const ended = nextEvent(refused, 'unsubscribed');
    conn.fail(first.id, { code: 'not_ready', message: 'busy', retryAfterMs: 20 });
    conn.fail(secret.id, { code: 'forbidden', message: 'no' });
    expect(await ended).toEqual({ code: 'forbidden' });
    const again = await conn.take('subscribe');
    expect(again.channel).toBe(CHANNEL);
    conn.reply(again.id, subscribed({ offset: 0, epoch: 'e1' }));
    await nextEvent(retried, 'subscribed');
    expect(errors.map((e) => e.code)).toEqual(['not_ready']);
    expect(client.getSubscription('chan:c1:secret')).toBeUndefined();
  });

  it('subscribes from a position the app kept', async () => {
    const client = h.client();
    client.subscribe(CHANNEL, { since: { offset: 42, epoch: 'e7' } });
    client.connect();
    const conn = await h.peer.connection(0);
    expect((await conn.take('subscribe')).since).toEqual({ offset: 42, epoch: 'e7' });
  });

  it('sends unsubscribe and delivers nothing more after unsubscribe()', async () => {
    const { client, sub, conn, offsets } = await subscribedClient(0);
    sub.unsubscribe();
    expect((await conn.take('unsubscribe')).channel).toBe(CHANNEL);
    conn.send(pub(1));
    await sleep(50);
    expect(offsets).toEqual([]);
    expect(client.getSubscription(CHANNEL)).toBeUndefined();
    expect(() => client.subscribe('not a topic')).toThrow(TypeError);
  });
});
