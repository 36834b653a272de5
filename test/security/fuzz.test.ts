// A bounded, seeded fuzz of malformed input against a running node: WebSocket frames and REST
// bodies that nest deep, grow large, carry operator and prototype keys, unknown fields and
// types, broken JSON and broken UTF-8. Every answer must be a coded error from the registry
// (never `internal`, never a 5xx), the connections that sent well-formed text stay open, and
// the node keeps serving (/healthz) throughout. Same seed, same cases: a failure reproduces.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { isErrorCode } from '../../protocol/index.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 15);
const WS_CASES = 2_500;
const HTTP_CASES = 1_000;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'body',
  'x',
  'meta',
  'list',
  '$ne',
  '$where',
  'a.b',
  '__proto__',
  'constructor',
  'prototype',
  'é',
  '',
];
const TYPES = ['publish', 'subscribe', 'history', 'presence', 'typing', 'ping', 'teleport', '__proto__', ''];

function fuzzer(seed: number) {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const text = (n: number) =>
    Array.from({ length: n }, () =>
      String.fromCodePoint(pick([int(128), 0x80 + int(0x700), 0x4e00 + int(500), 0x1f600 + int(80)])),
    ).join('');
  const nested = (depth: number) => `${'['.repeat(depth)}${int(10)}${']'.repeat(depth)}`;
  const value = (depth: number): string => {
    const r = rand();
    if (depth <= 0 || r < 0.3) return pick(['1', '"s"', 'null', 'true', JSON.stringify(text(int(20)))]);
    if (r < 0.5) return `[${Array.from({ length: int(4) }, () => value(depth - 1)).join(',')}]`;
    return `{${Array.from({ length: int(4) }, () => `${JSON.stringify(pick(KEYS))}:${value(depth - 1)}`).join(',')}}`;
  };
  /** A JSON-ish document: deep, wide, keyed oddly, sometimes cut short or large. */
  const document = (): string => {
    const r = rand();
    if (r < 0.15) return `{"body":${nested(1 + int(6_000))}}`;
    if (r < 0.25) return `{"body":${JSON.stringify('x'.repeat(int(40_000)))}}`;
    if (r < 0.35) return value(6).slice(0, int(40)); // truncated
    if (r < 0.4) return text(int(60));
    return value(5);
  };
  return { int, pick, text, document };
}

describe('fuzzing a running node', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const channel = `chan:c1:fuzz-${randomUUID().slice(0, 6)}`;
  beforeAll(async () => {
    hub = await startTestHub(
      {
        redis: { keyPrefix: `fz${randomUUID().slice(0, 6)}` },
        server: { maxBodyBytes: 16_384 },
        gateway: {
          frameBurst: 100_000,
          frameRatePerS: 100_000,
          publishBurst: 100_000,
          publishRatePerS: 100_000,
        },
        api: { ipBurst: 100_000, ipRatePerS: 100_000, userBurst: 100_000, userRatePerS: 100_000 },
      },
      { authorizer: openChannels },
    );
  });
  afterAll(() => hub.shutdown());

  const healthy = async () => expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);

  it('answers thousands of malformed WebSocket frames with coded errors, never internal', async () => {
    const f = fuzzer(SEED);
    const clients = await Promise.all(
      [1, 2, 3, 4].map(async (i) => TestClient.connect(hub.wsUrl, await tokenFor(`fz${i}`))),
    );
    const outcomes = new Map<string, number>();
    const answers = (c: TestClient) => c.frames.filter((fr) => fr.type === 'reply' || fr.type === 'error');
    const sent = new Map<TestClient, string[]>(clients.map((c) => [c, []]));
    for (let batch = 0; batch < WS_CASES; batch += 250) {
      for (let i = batch; i < batch + 250; i++) {
        const client = clients[i % clients.length] as TestClient;
        const id = 1_000 + i;
        const type = f.pick(TYPES);
        const r = f.int(4);
        const frame =
          r === 0
            ? `{"type":${JSON.stringify(type)},"id":${id},"channel":${JSON.stringify(channel)},"nonce":"${randomUUID()}","data":${f.document()}}`
            : r === 1
              ? `{"type":"publish","id":${id},"channel":${JSON.stringify(channel)},"nonce":"${randomUUID()}","data":{${JSON.stringify(f.pick(KEYS))}:${f.document()}}}`
              : r === 2
                ? `{"type":${JSON.stringify(type)},"id":${id},${JSON.stringify(f.pick(KEYS))}:${f.document()}}`
                : `{"type":"ping","id":${id},"channel":${f.document()}}`;
        client.sendRaw(frame);
        sent.get(client)?.push(frame);
      }
      // One answer per frame: a reply to its id, or an error frame when it was not JSON at all.
      for (const client of clients)
        await eventually(() => expect(answers(client).length).toBe(sent.get(client)?.length), 30_000);
      await healthy();
    }
    for (const client of clients) {
      for (const answer of answers(client)) {
        const code = answer.error?.code ?? 'ok';
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        if (answer.error) expect(isErrorCode(answer.error.code), answer.error.message).toBe(true);
        expect(code, answer.error?.message).not.toBe('internal');
      }
    }
    for (const c of clients) expect(c.closed).toBeUndefined();
    // The mix reached every kind of refusal, and some frames were fine.
    expect([...outcomes.keys()]).toEqual(
      expect.arrayContaining(['ok', 'bad_request', 'validation_failed', 'payload_too_large']),
    );
    clients.forEach((c) => c.close());
  }, 60_000);

  it('drops connections that send broken UTF-8, and only those', async () => {
    const f = fuzzer(SEED + 1);
    const bystander = await TestClient.connect(hub.wsUrl, await tokenFor('fz-bystander'));
    for (let i = 0; i < 20; i++) {
      const ws = new WebSocket(hub.wsUrl);
      await new Promise((resolve) => ws.once('open', resolve));
      const bytes = Buffer.from(`{"type":"ping","id":1,"x":"${f.text(f.int(20))}`);
      ws.send(Buffer.concat([bytes, Buffer.from([0xc3 + f.int(20), 0x28, 0x22, 0x7d])]), { binary: false });
      expect(await new Promise<number>((resolve) => ws.once('close', resolve))).toBe(1006);
    }
    expect(await bystander.ok({ type: 'ping' })).toEqual({});
    bystander.close();
    await healthy();
  });

  it('answers thousands of malformed REST bodies with coded 4xx, never a 5xx', async () => {
    const f = fuzzer(SEED + 2);
    const authorization = `Bearer ${await tokenFor('fz-rest')}`;
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < HTTP_CASES; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          const r = f.int(10);
          const body =
            r === 0
              ? Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])
              : Buffer.from(f.document());
          const res = await fetch(`${hub.url}/api/v1/communities/${'a'.repeat(24)}/channels`, {
            method: 'POST',
            headers: { authorization, 'content-type': r === 1 ? 'text/plain' : 'application/json' },
            body,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, body.toString('utf8').slice(0, 200)).toBeLessThan(500);
          const error = ((await res.json()) as { error?: { code?: string } }).error;
          expect(isErrorCode(error?.code)).toBe(true);
        }),
      );
      await healthy();
    }
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 413, 415]));
  }, 60_000);
});
