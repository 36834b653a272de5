// Actions on a user's live connections reach every node at once, on a standalone Redis and on a
// Redis Cluster.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../protocol/index.js';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { redisTargets } from '../support/redis-targets.js';

describe.each(redisTargets())('control messages across nodes on $name', (target) => {
  const keyPrefix = `ctl${randomUUID().slice(0, 6)}`;
  let a: Awaited<ReturnType<typeof startTestHub>>;
  let b: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    a = await startTestHub({ redis: { ...target.config.redis, keyPrefix } }, { authorizer: openChannels });
    b = await startTestHub({ redis: { ...target.config.redis, keyPrefix } }, { authorizer: openChannels });
  });
  afterAll(() => Promise.all([a.shutdown(), b.shutdown()]));

  it('drops matching subscriptions of a user on every node, and only those', async () => {
    const [onA, onB] = [
      await TestClient.connect(a.wsUrl, await tokenFor('troll')),
      await TestClient.connect(b.wsUrl, await tokenFor('troll')),
    ];
    const bystander = await TestClient.connect(b.wsUrl, await tokenFor('fine'));
    for (const c of [onA, onB, bystander]) {
      await c.ok({ type: 'subscribe', channel: 'chan:c1:general' });
      await c.ok({ type: 'subscribe', channel: 'chan:c2:general' });
    }
    await a.control.send({ op: 'drop', userId: 'troll', topicPrefixes: ['chan:c1:'], code: 'forbidden' });
    for (const c of [onA, onB]) {
      expect(await c.next((f) => f.type === 'unsub')).toEqual({
        type: 'unsub',
        channel: 'chan:c1:general',
        code: 'forbidden',
      });
    }
    const writer = await TestClient.connect(a.wsUrl, await tokenFor('writer'));
    await writer.ok({
      type: 'publish',
      channel: 'chan:c1:general',
      data: { body: 'after the ban' },
      nonce: randomUUID(),
    });
    await writer.ok({
      type: 'publish',
      channel: 'chan:c2:general',
      data: { body: 'elsewhere' },
      nonce: randomUUID(),
    });
    await bystander.next((f) => f.type === 'pub' && f['channel'] === 'chan:c2:general');
    await onA.next((f) => f.type === 'pub' && f['channel'] === 'chan:c2:general');
    expect(onA.pubs('chan:c1:general')).toEqual([]);
    expect(onB.pubs('chan:c1:general')).toEqual([]);
    expect(bystander.pubs('chan:c1:general')).toHaveLength(1);
    expect(bystander.frames.some((f) => f.type === 'unsub')).toBe(false);
    [onA, onB, bystander, writer].forEach((c) => c.close());
  });

  it('disconnects every connection of a user, on every node, with the given code', async () => {
    const [onA, onB] = [
      await TestClient.connect(a.wsUrl, await tokenFor('gone')),
      await TestClient.connect(b.wsUrl, await tokenFor('gone')),
    ];
    await b.control.send({ op: 'disconnect', userId: 'gone', close: 'FORBIDDEN' });
    expect((await onA.waitClosed()).code).toBe(CloseCodes.FORBIDDEN.code);
    expect((await onB.waitClosed()).code).toBe(CloseCodes.FORBIDDEN.code);
  });
});
