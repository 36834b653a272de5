// The message path's extension points: a before-hook refuses (nothing stored or delivered) or
// rewrites the data; an after-hook sees the stored publication before the sender's ack.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedContext } from '../../realtime/gateway/hooks.js';
import { CommandError } from '../../realtime/gateway/command-error.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('publish hooks', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const after: PublishedContext[] = [];
  beforeAll(async () => {
    hub = await startTestHub(
      { redis: { keyPrefix: `hk${randomUUID().slice(0, 6)}` } },
      {
        authorizer: openChannels,
        hooks: {
          before: [
            ({ data }) => {
              if (String(data['body']).includes('forbidden word'))
                throw new CommandError('forbidden', 'blocked: forbidden word');
            },
            ({ data }) => ({ ...data, body: String(data['body']).trim(), normalized: true }),
          ],
          after: [(ctx) => void after.push(ctx)],
        },
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
    const reply = await sender.request({
      type: 'publish',
      channel,
      data: { body: 'a forbidden word here' },
      nonce: randomUUID(),
    });
    expect(reply.error).toEqual({ code: 'forbidden', message: 'blocked: forbidden word' });
    await new Promise((r) => setTimeout(r, 100));
    expect(reader.pubs(channel)).toEqual([]);
    expect((await reader.ok({ type: 'history', channel }))['publications']).toEqual([]);
    expect(after.filter((a) => a.topic.name === channel)).toEqual([]);
  });

  it('publishes the data a hook returns, and runs after-hooks with the offset before the ack', async () => {
    const channel = `chan:c1:h-${randomUUID().slice(0, 6)}`;
    const [sender, reader] = [
      await TestClient.connect(hub.wsUrl, await tokenFor('s')),
      await TestClient.connect(hub.wsUrl, await tokenFor('r')),
    ];
    await reader.ok({ type: 'subscribe', channel });
    const nonce = randomUUID();
    const ack = await sender.ok({ type: 'publish', channel, data: { body: '  hello  ' }, nonce });
    expect(after.filter((a) => a.topic.name === channel)).toEqual([
      expect.objectContaining({
        offset: ack['offset'],
        epoch: ack['epoch'],
        nonce,
        duplicate: false,
        data: { body: 'hello', normalized: true },
      }),
    ]);
    const pub = await reader.next((f) => f.type === 'pub');
    expect(pub['data']).toEqual({ body: 'hello', normalized: true });
  });
});
