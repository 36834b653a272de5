// Load shedding (realtime/limits/load-shedder.ts): a node whose publishes queue bounds that
// queue and refuses, on arrival, the publishes past it with `overloaded` (and retryAfterMs);
// nothing refused is delivered or stored; once the queue is gone, the node admits every one again.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('load shedding', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  /** Each publish's checks take this long: the node's publishes queue behind each other. */
  let checkMs = 0;
  beforeAll(async () => {
    hub = await startTestHub(
      {
        redis: { keyPrefix: `ls${randomUUID().slice(0, 6)}` },
        gateway: {
          shedWaitMs: 20,
          publishBurst: 100_000,
          publishRatePerS: 100_000,
          frameBurst: 100_000,
          frameRatePerS: 100_000,
        },
      },
      {
        authorizer: openChannels,
        extensions: [
          {
            name: 'slow-check',
            async authorize() {
              if (checkMs > 0) await sleep(checkMs);
            },
          },
        ],
      },
    );
  });
  afterAll(() => hub.shutdown());

  const metric = async (name: string) => {
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.slice(name.length + 1));
  };

  it('refuses the publishes past its bound while they queue, delivers and stores only the others, and admits all again after', async () => {
    const channel = `chan:c1:ls-${randomUUID().slice(0, 6)}`;
    const reader = await TestClient.connect(hub.wsUrl, await tokenFor('reader'));
    await reader.ok({ type: 'subscribe', channel });
    const senders = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => TestClient.connect(hub.wsUrl, await tokenFor(`sender${i}`))),
    );

    // Every publish waits behind the ones before it on its connection: a standing queue.
    checkMs = 30;
    const replies: { nonce: string; reply: Frame }[] = [];
    for (let round = 0; round < 20 && !replies.some((r) => r.reply.error); round++)
      replies.push(
        ...(await Promise.all(
          senders.flatMap((sender) =>
            Array.from({ length: 10 }, async () => {
              const nonce = randomUUID();
              const reply = await sender.request({ type: 'publish', channel, data: { body: nonce }, nonce });
              return { nonce, reply };
            }),
          ),
        )),
      );
    const refused = replies.filter((r) => r.reply.error);
    const acked = replies.filter((r) => !r.reply.error);
    expect(refused.length).toBeGreaterThan(0);
    for (const { reply } of refused)
      expect(reply.error).toEqual({
        code: 'overloaded',
        message: 'this node is overloaded; try again shortly',
        retryAfterMs: 1000,
      });
    expect(await metric('hubbub_ws_commands_total{type="publish",outcome="overloaded"}')).toBe(
      refused.length,
    );

    // What subscribers and history hold is exactly the acknowledged publishes, gapless.
    await expect.poll(() => reader.pubs(channel).length).toBe(acked.length);
    const delivered = reader.pubs(channel).map((p) => (p['data'] as { body: string }).body);
    expect(new Set(delivered)).toEqual(new Set(acked.map((a) => a.nonce)));
    const offsets = reader.pubs(channel).map((p) => p['offset']);
    expect(offsets).toEqual(offsets.map((_, i) => i + 1));
    const history: Frame[] = [];
    for (let before: number | undefined; before !== 1;) {
      const page = (await reader.ok({ type: 'history', channel, limit: 100, ...(before && { before }) }))[
        'publications'
      ] as Frame[];
      history.push(...page);
      before = page.length ? Math.min(...page.map((p) => Number(p['offset']))) : 1;
    }
    expect(history.map((p) => (p['data'] as { body: string }).body).sort()).toEqual(
      acked.map((a) => a.nonce).sort(),
    );

    // A refused publish was never sequenced: its retry (same nonce) is a first publish.
    checkMs = 0;
    const retry = refused[0] as { nonce: string };
    await expect
      .poll(
        async () => {
          const reply = await senders[0]?.request({
            type: 'publish',
            channel,
            data: { body: retry.nonce },
            nonce: retry.nonce,
          });
          return reply?.error ? 'refused' : reply?.result;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toMatchObject({ duplicate: false });

    // Publishes no longer queue: the bound goes.
    await expect.poll(() => metric('hubbub_publish_shedding'), { timeout: 15_000, interval: 250 }).toBe(0);
    expect(await metric('hubbub_publishes_queued')).toBe(0);
    const after = await Promise.all(
      Array.from({ length: 20 }, () => {
        const nonce = randomUUID();
        return senders[1]?.request({ type: 'publish', channel, data: { body: nonce }, nonce });
      }),
    );
    expect(after.filter((r) => r?.error)).toEqual([]);
  });
});
