// An artillery engine that speaks Hubbub's protocol through the client SDK (realtime/client),
// so scenarios exercise what browsers run: connect with a JWT, subscribe with recovery,
// publish with nonces, reconnect. Flow steps (one key each):
//   connect: {}                        a HubClient with the next token; waits for the handshake
//   subscribe: { channels: 1 }         that many distinct random channels of the fixture
//   publish: { count: 5, everyMs: 1000, bytes: 128 }   on a subscribed (or random) channel
//   drop: {}                           kills the socket (as a network drop) and waits until the
//                                      client is connected and resubscribed with recovery
//   think: 2                           seconds
//   disconnect: {}                     closes the client
// Metrics: hubbub.connect_ms, subscribe_ms, publish_ack_ms, deliver_ms (publish to delivery,
// from the send time in the body), reconnect_ms; counters hubbub.delivered, published,
// recovered, recovery_failed, dropped, presence_join, presence_leave, errors.<code>.
// The fixture (JSON at HUBBUB_LOAD_FIXTURE) holds the hub URLs, channel topics and tokens.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { chatText, stampOfText } from '../../../chat-text.mjs';
import { HubClient, type Subscription } from '../../../../realtime/client/index.js';

interface Fixture {
  urls: string[];
  channels: string[];
  tokens: string[];
}

interface Events {
  emit(event: 'counter' | 'histogram', name: string, value: number): void;
  emit(event: 'started' | 'done'): void;
  emit(event: 'error', code: string): void;
}

type StepSpec =
  | { connect: Record<string, never> }
  | { subscribe: { channels?: number } }
  | { publish: { count?: number; everyMs?: number; bytes?: number } }
  | { drop: Record<string, never> }
  | { think: number }
  | { disconnect: Record<string, never> };

interface VirtualUser {
  client?: HubClient;
  socket?: WebSocket;
  subscriptions: Subscription[];
}

type Step = (vu: VirtualUser) => Promise<void>;
type Context = Record<string, unknown>;

const fixturePath = process.env['HUBBUB_LOAD_FIXTURE'];
if (!fixturePath)
  throw new Error('artillery-engine-hubbub: HUBBUB_LOAD_FIXTURE is not set (use npm run load:<scenario>)');
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture;
let nextToken = Math.floor(Math.random() * fixture.tokens.length);

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const wall = () => performance.timeOrigin + performance.now();

/** Resolves when `check` holds, polling; rejects with `code` after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs: number, code: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(code);
    await sleep(10);
  }
}

export class HubbubEngine {
  createScenario(spec: { flow: StepSpec[] }, ee: Events) {
    const steps = spec.flow.map((s) => this.step(s, ee));
    return (context: Context, done: (err: Error | null, context: Context) => void) => {
      ee.emit('started');
      const vu: VirtualUser = { subscriptions: [] };
      void (async () => {
        try {
          for (const step of steps) await step(vu);
          ee.emit('done');
          done(null, context);
        } catch (err) {
          ee.emit('error', err instanceof Error ? err.message : String(err));
          done(err instanceof Error ? err : new Error(String(err)), context);
        } finally {
          vu.client?.close();
        }
      })();
    };
  }

  private step(spec: StepSpec, ee: Events): Step {
    if ('think' in spec) return () => sleep(spec.think * 1000);
    if ('connect' in spec) return (vu) => this.connect(vu, ee);
    if ('subscribe' in spec) return (vu) => this.subscribe(vu, ee, spec.subscribe.channels ?? 1);
    if ('publish' in spec) return (vu) => this.publish(vu, ee, spec.publish);
    if ('drop' in spec) return (vu) => this.drop(vu, ee);
    if ('disconnect' in spec)
      return async (vu) => {
        vu.client?.close();
        vu.client = undefined;
      };
    throw new Error(`artillery-engine-hubbub: unknown step ${JSON.stringify(spec)}`);
  }

  private async connect(vu: VirtualUser, ee: Events): Promise<void> {
    const token = fixture.tokens[nextToken++ % fixture.tokens.length] as string;
    class TrackedSocket extends WebSocket {
      constructor(url: string) {
        super(url, { perMessageDeflate: false });
        vu.socket = this;
      }
    }
    const client = new HubClient({
      url: () => pick(fixture.urls),
      getToken: () => token,
      WebSocket: TrackedSocket,
      backoff: { minMs: 100, maxMs: 5_000 },
    });
    vu.client = client;
    client.on('error', () => ee.emit('counter', 'hubbub.errors.client', 1));
    const started = performance.now();
    client.connect();
    await until(() => client.state === 'connected', 10_000, 'connect_timeout');
    ee.emit('histogram', 'hubbub.connect_ms', performance.now() - started);
  }

  private async subscribe(vu: VirtualUser, ee: Events, count: number): Promise<void> {
    const client = vu.client;
    if (!client) throw new Error('subscribe_before_connect');
    const channels = [...fixture.channels].sort(() => Math.random() - 0.5).slice(0, count);
    await Promise.all(
      channels.map(async (channel) => {
        const started = performance.now();
        const sub = client.subscribe(channel);
        let first = true;
        sub.on('subscribed', (e) => {
          if (first) return void (first = false);
          ee.emit('counter', e.recovered ? 'hubbub.recovered' : 'hubbub.recovery_failed', 1);
        });
        sub.on('publication', (p) => {
          ee.emit('counter', 'hubbub.delivered', 1);
          const body = (p.data as { body?: unknown }).body;
          const stamp = typeof body === 'string' && body.startsWith('t=') ? stampOfText(body) : NaN;
          if (stamp > 0) ee.emit('histogram', 'hubbub.deliver_ms', wall() - stamp);
        });
        sub.on('join', () => ee.emit('counter', 'hubbub.presence_join', 1));
        sub.on('leave', () => ee.emit('counter', 'hubbub.presence_leave', 1));
        sub.on('error', (e) => ee.emit('counter', `hubbub.errors.${e.code}`, 1));
        await until(() => sub.state === 'subscribed', 10_000, 'subscribe_timeout');
        ee.emit('histogram', 'hubbub.subscribe_ms', performance.now() - started);
        vu.subscriptions.push(sub);
      }),
    );
  }

  private async publish(
    vu: VirtualUser,
    ee: Events,
    o: { count?: number; everyMs?: number; bytes?: number },
  ): Promise<void> {
    const client = vu.client;
    if (!client) throw new Error('publish_before_connect');
    for (let i = 0; i < (o.count ?? 1); i++) {
      const channel = vu.subscriptions.length ? pick(vu.subscriptions).channel : pick(fixture.channels);
      const body = chatText(Math.max(0, (o.bytes ?? 128) - 11), wall());
      const started = performance.now();
      try {
        await client.publish(channel, { body });
        ee.emit('counter', 'hubbub.published', 1);
        ee.emit('histogram', 'hubbub.publish_ack_ms', performance.now() - started);
      } catch (err) {
        ee.emit('counter', `hubbub.errors.${(err as { code?: string }).code ?? 'publish'}`, 1);
      }
      if (o.everyMs) await sleep(o.everyMs);
    }
  }

  private async drop(vu: VirtualUser, ee: Events): Promise<void> {
    const client = vu.client;
    if (!client || !vu.socket) throw new Error('drop_before_connect');
    const started = performance.now();
    vu.socket.terminate();
    ee.emit('counter', 'hubbub.dropped', 1);
    await until(() => client.state !== 'connected', 5_000, 'drop_not_noticed');
    await until(
      () => client.state === 'connected' && vu.subscriptions.every((s) => s.state === 'subscribed'),
      20_000,
      'reconnect_timeout',
    );
    ee.emit('histogram', 'hubbub.reconnect_ms', performance.now() - started);
  }
}
