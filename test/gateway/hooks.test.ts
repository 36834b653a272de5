// The publish pipeline's extension points: a stage before `sequence` refuses (nothing stored or
// delivered, and `refused` undoes what the features' stages did) or rewrites the data; `ack` adds
// to the sender's reply; `after` sees the stored publication.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../protocol/index.js';
import type { PublishContext } from '../../realtime/publish/pipeline.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('publish hooks', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const after: PublishContext[] = [];
  /** Nonces `authorize` reserved something for, and those `refused` gave back. */
  const reserved: string[] = [];
  const givenBack: string[] = [];
  beforeAll(async () => {
    hub = await startTestHub(
      { redis: { keyPrefix: `hk${randomUUID().slice(0, 6)}` } },
      {
        authorizer: openChannels,
        extensions: [
          {
            name: 'normalize',
            parse(ctx) {
              ctx.data = { ...ctx.data, body: String(ctx.data['body']).trim(), normalized: true };
            },
            ack(ctx) {
              ctx.reply['seen'] = ctx.outcome?.offset;
            },
            after(ctx) {
              after.push(ctx);
            },
          },
          {
            name: 'reserve',
            authorize(ctx) {
              reserved.push(ctx.nonce);
            },
            refused(ctx) {
              givenBack.push(ctx.nonce);
              throw new Error('a failing undo changes nothing for the sender');
            },
          },
          {
            name: 'words',
            priority: 10, // before normalize
            automod(ctx) {
              if (String(ctx.data['body']).includes('forbidden word'))
                throw new HubError('forbidden', 'blocked: forbidden word');
            },
          },
        ],
      },
    );
  });
  afterAll(() => hub.shutdown());

  it('refuses with the hook’s code: nothing is stored or delivered', async () => {
    const channel = `chan:c1:h-${randomUUID().slice(0, 6)}`;
    const [sender, reader] = [
      await TestClient.connect(hub.wsUrl, await tokenFor('s')),
      await TestClient.connect(hub.wsUrl, await tokenFor('r')),
    ];
    await reader.ok({ type: 'subscribe', channel });
    const nonce = randomUUID();
    const reply = await sender.request({
      type: 'publish',
      channel,
      data: { body: 'a forbidden word here' },
      nonce,
    });
    expect(reply.error).toEqual({ code: 'forbidden', message: 'blocked: forbidden word' });
    // What `authorize` did was undone; the undo's own failure is only logged.
    expect(reserved).toContain(nonce);
    expect(givenBack).toEqual([nonce]);
    await new Promise((r) => setTimeout(r, 100));
    expect(reader.pubs(channel)).toEqual([]);
    expect((await reader.ok({ type: 'history', channel }))['publications']).toEqual([]);
    expect(after.filter((a) => a.topic.name === channel)).toEqual([]);
  });

  it('publishes the data a stage made, adds to the ack, and runs after stages with the outcome', async () => {
    const channel = `chan:c1:h-${randomUUID().slice(0, 6)}`;
    const [sender, reader] = [
      await TestClient.connect(hub.wsUrl, await tokenFor('s')),
      await TestClient.connect(hub.wsUrl, await tokenFor('r')),
    ];
    await reader.ok({ type: 'subscribe', channel });
    const nonce = randomUUID();
    const ack = await sender.ok({ type: 'publish', channel, data: { body: '  hello  ' }, nonce });
    expect(ack['seen']).toBe(ack['offset']);
    expect(givenBack).not.toContain(nonce); // sequenced: nothing to undo
    await new Promise((r) => setTimeout(r, 50)); // after stages run once the ack is on its way
    expect(after.filter((a) => a.topic.name === channel)).toEqual([
      expect.objectContaining({
        nonce,
        outcome: { offset: ack['offset'], epoch: ack['epoch'], duplicate: false },
        data: { body: 'hello', normalized: true },
      }),
    ]);
    const pub = await reader.next((f) => f.type === 'pub');
    expect(pub['data']).toEqual({ body: 'hello', normalized: true });
  });
});
