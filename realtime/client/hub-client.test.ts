import { describe, expect, it } from 'vitest';
import { CloseCodes } from '../../protocol/index.js';
import { LocalCloseCodes } from './connection.js';
import { HubRequestError } from './errors.js';
import { CHANNEL, subscribed, useHarness } from './testing/harness.js';
import { nextEvent, record, session, sleep } from './testing/scripted-peer.js';

const h = useHarness();

async function rejection(promise: Promise<unknown>): Promise<HubRequestError> {
  const err: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(err instanceof HubRequestError)) throw err;
  return err;
}

describe('HubClient: handshake and requests', () => {
  it('answers hello with connect and the token, then reports connected', async () => {
    const client = h.client({ getToken: () => Promise.resolve('tok-a') });
    const states = record(client, 'state');
    const connected = nextEvent(client, 'connected');
    client.connect();
    const conn = await h.peer.connection(0);
    expect(await conn.take('connect')).toEqual({ type: 'connect', id: 1, token: 'tok-a' });
    expect(await connected).toMatchObject({ connectionId: 'conn-1', user: { id: 'u1', name: 'Ada' } });
    expect(client.state).toBe('connected');
    expect(client.session?.node).toBe('node-a');
    expect(states.map((s) => s.state)).toEqual(['connecting', 'connected']);
  });

  it('rejects a request with code timeout when no reply comes', async () => {
    const client = h.client();
    client.connect();
    await nextEvent(client, 'connected');
    const err = await rejection(client.history(CHANNEL, { timeoutMs: 150 }));
    expect(err.code).toBe('timeout');
    expect(err.command).toBe('history');
    expect((await h.peer.connections[0]?.take('history'))?.channel).toBe(CHANNEL);
  });

  it("maps an error reply to HubRequestError with the server's code and retryAfterMs", async () => {
    const client = h.client();
    client.connect();
    await nextEvent(client, 'connected');
    const conn = await h.peer.connection(0);
    const pending = client.presence(CHANNEL);
    const command = await conn.take('presence');
    conn.fail(command.id, { code: 'rate_limited', message: 'slow down', retryAfterMs: 1_500 });
    const err = await rejection(pending);
    expect(err).toMatchObject({
      code: 'rate_limited',
      message: 'slow down',
      retryAfterMs: 1_500,
      command: 'presence',
    });
  });

  it('resolves results by id, whatever the order of the replies', async () => {
    const client = h.client();
    client.connect();
    await nextEvent(client, 'connected');
    const conn = await h.peer.connection(0);
    const stats = client.presenceStats(CHANNEL);
    const history = client.history(CHANNEL, { limit: 2 });
    const [statsCommand, historyCommand] = [await conn.take('presence_stats'), await conn.take('history')];
    expect(historyCommand).toMatchObject({ channel: CHANNEL, limit: 2 });
    conn.reply(historyCommand.id, { publications: [], position: { offset: 3, epoch: 'e1' } });
    conn.reply(statsCommand.id, { users: 2, connections: 3 });
    expect(await stats).toEqual({ users: 2, connections: 3 });
    expect((await history).position.offset).toBe(3);
  });

  it('reports an error frame that belongs to no command as an error event', async () => {
    const client = h.client();
    client.connect();
    await nextEvent(client, 'connected');
    const error = nextEvent(client, 'error');
    (await h.peer.connection(0)).send({ type: 'error', error: { code: 'bad_request', message: 'not JSON' } });
    expect(await error).toMatchObject({ name: 'HubRequestError', code: 'bad_request', command: undefined });
  });

  it('lets a call made while connecting wait for the connection', async () => {
    const client = h.client();
    client.connect();
    const rtt = client.ping();
    expect(await rtt).toBeGreaterThanOrEqual(0);
    expect((await h.peer.connection(0)).types()).toEqual(['connect', 'ping']);
  });

  it('sends typing at most once per throttle window per channel', async () => {
    const client = h.client({ typingThrottleMs: 200 });
    client.connect();
    await nextEvent(client, 'connected');
    const conn = await h.peer.connection(0);
    expect([client.typing(CHANNEL), client.typing(CHANNEL), client.typing('chan:c1:other')]).toEqual([
      true,
      false,
      true,
    ]);
    await sleep(250);
    expect(client.typing(CHANNEL)).toBe(true);
    await sleep(50);
    expect(conn.types().filter((t) => t === 'typing')).toHaveLength(3);
  });

  it('refreshes the token before it expires', async () => {
    const tokens = ['tok-1', 'tok-2'];
    const client = h.client({ getToken: () => tokens.shift() ?? 'none', refreshMarginMs: 200 });
    h.peer.onConnect = () => ({ result: session({ expiresAt: Date.now() + 300 }) });
    client.connect();
    await nextEvent(client, 'connected');
    const conn = await h.peer.connection(0);
    const refresh = await conn.take('refresh');
    expect(refresh.token).toBe('tok-2');
    const expiresAt = Date.now() + 3_600_000;
    conn.reply(refresh.id, { expiresAt });
    await sleep(30);
    expect(client.session?.expiresAt).toBe(expiresAt);
  });
});

describe('HubClient: reconnecting', () => {
  it('reconnects at once after close 3001, without waiting out the backoff', async () => {
    const client = h.client({ backoff: { minMs: 5_000, maxMs: 10_000 }, shutdownJitterMs: 20 });
    client.connect();
    await nextEvent(client, 'connected');
    const disconnected = nextEvent(client, 'disconnected');
    const closedAt = Date.now();
    (await h.peer.connection(0)).close(CloseCodes.SHUTDOWN.code, CloseCodes.SHUTDOWN.reason);
    expect(await disconnected).toEqual({ code: 3001, reason: 'shutdown', willReconnect: true });
    expect(client.state).toBe('reconnecting');
    await nextEvent(client, 'connected');
    expect(Date.now() - closedAt).toBeLessThan(1_000);
  });

  it('waits out the backoff after other reconnect codes', async () => {
    const client = h.client({ backoff: { minMs: 300, maxMs: 300 } });
    client.connect();
    await nextEvent(client, 'connected');
    const closedAt = Date.now();
    (await h.peer.connection(0)).close(CloseCodes.SERVER_ERROR.code);
    await h.peer.connection(1);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(290);
  });

  it('stops on a close code of the stop range and goes offline', async () => {
    const client = h.client();
    const disconnects = record(client, 'disconnected');
    client.connect();
    await nextEvent(client, 'connected');
    (await h.peer.connection(0)).close(CloseCodes.INVALID_TOKEN.code, CloseCodes.INVALID_TOKEN.reason);
    await nextEvent(client, 'state');
    expect(client.state).toBe('offline');
    expect(disconnects).toEqual([{ code: 3500, reason: 'invalid token', willReconnect: false }]);
    await sleep(200);
    expect(h.peer.connections).toHaveLength(1);
  });

  it('asks the token provider again after 3004 and connects with the fresh token', async () => {
    let calls = 0;
    const client = h.client({ getToken: () => `tok-${++calls}` });
    client.connect();
    await nextEvent(client, 'connected');
    (await h.peer.connection(0)).close(CloseCodes.TOKEN_EXPIRED.code, CloseCodes.TOKEN_EXPIRED.reason);
    const second = await h.peer.connection(1);
    expect((await second.take('connect')).token).toBe('tok-2');
    expect(calls).toBe(2);
  });

  it('goes offline when connect is refused as unauthenticated, and says why', async () => {
    h.peer.onConnect = () => ({ error: { code: 'unauthenticated', message: 'bad token' } });
    const client = h.client();
    const error = nextEvent(client, 'error');
    const disconnected = nextEvent(client, 'disconnected');
    client.connect();
    expect(await disconnected).toMatchObject({
      code: LocalCloseCodes.CONNECT_REJECTED.code,
      willReconnect: false,
    });
    expect(await error).toMatchObject({ code: 'unauthenticated' });
    expect(client.state).toBe('offline');
  });

  it('gives up on a connection that sends no hello in time, and tries again', async () => {
    h.peer.sayHello = false;
    const client = h.client({ connectTimeoutMs: 100 });
    client.connect();
    expect(await nextEvent(client, 'disconnected')).toMatchObject({
      code: LocalCloseCodes.CONNECT_TIMEOUT.code,
      willReconnect: true,
    });
    await h.peer.connection(1);
  });

  it('stops when the server speaks another protocol version', async () => {
    h.peer.sayHello = false;
    const client = h.client();
    client.connect();
    (await h.peer.connection(0)).sendRaw(
      JSON.stringify({ type: 'hello', v: 2, node: 'n', connectionId: 'c' }),
    );
    expect(await nextEvent(client, 'disconnected')).toMatchObject({
      code: LocalCloseCodes.PROTOCOL_ERROR.code,
      willReconnect: false,
    });
    expect(client.state).toBe('offline');
  });

  it('closes and reconnects when a heartbeat ping gets no reply', async () => {
    h.peer.answerPings = false;
    const client = h.client({ pingIntervalMs: 50, requestTimeoutMs: 100 });
    client.connect();
    await nextEvent(client, 'connected');
    const disconnected = await nextEvent(client, 'disconnected');
    expect(disconnected).toMatchObject({ code: LocalCloseCodes.PING_TIMEOUT.code, willReconnect: true });
    expect((await h.peer.connection(0)).types()).toContain('ping');
    await h.peer.connection(1);
  });

  it('sends the presence status again after a reconnect', async () => {
    const client = h.client();
    await client.setStatus('dnd');
    client.connect();
    const first = await h.peer.connection(0);
    expect((await first.take('set_status')).status).toBe('dnd');
    first.drop();
    expect((await (await h.peer.connection(1)).take('set_status')).status).toBe('dnd');
  });
});

describe('HubClient: close()', () => {
  it('stops everything: no reconnect, pending work rejected, later calls rejected', async () => {
    const client = h.client();
    const sub = client.subscribe(CHANNEL);
    client.connect();
    await nextEvent(client, 'connected');
    const conn = await h.peer.connection(0);
    conn.reply((await conn.take('subscribe')).id, subscribed({ offset: 1, epoch: 'e1' }));
    const inFlight = client.history(CHANNEL);
    const queued = client.publish('chan:c1:other', { text: 'hi' });
    await conn.take('publish');
    const disconnected = nextEvent(client, 'disconnected');

    client.close();
    expect(client.state).toBe('closed');
    expect(sub.state).toBe('unsubscribed');
    expect(await disconnected).toEqual({ code: 1000, reason: 'client closed', willReconnect: false });
    expect((await rejection(inFlight)).code).toBe('closed');
    expect((await rejection(queued)).code).toBe('closed');
    expect(client.pendingSends).toBe(0);
    expect((await rejection(client.publish(CHANNEL, {}))).code).toBe('closed');
    expect((await rejection(client.ping())).code).toBe('closed');
    expect(() => client.connect()).toThrow(/closed/);
    expect((await conn.closed).code).toBe(1000);
    await sleep(150);
    expect(h.peer.connections).toHaveLength(1);
  });

  it('cancels a reconnect that is waiting out its backoff', async () => {
    const client = h.client({ backoff: { minMs: 100, maxMs: 100 } });
    client.connect();
    await nextEvent(client, 'connected');
    (await h.peer.connection(0)).drop();
    await nextEvent(client, 'disconnected');
    expect(client.state).toBe('reconnecting');
    client.close();
    await sleep(250);
    expect(h.peer.connections).toHaveLength(1);
  });
});
