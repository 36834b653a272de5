// How often one chat message's content is run through JSON on its way from the publisher's frame
// to its subscribers' frames, its durable record and the scoring hand-off (issue 14: one encode
// per publication). Counted by spies on JSON.stringify and JSON.parse, in the hub node running
// in this process (calls made by the test's own clients are left out): the command is parsed
// once, the client's data encoded once (its size is checked, and a topic that keeps it publishes
// that text), the message encoded once; the frame is built around that text by the publish
// script and reaches every socket as one buffer, and the durable write and the scoring hand-off
// read the message from the object it was encoded from (the hand-off's job, which carries the
// text to the worker, is encoded once more).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';

describe('one chat message through the hub', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    const redisKeyPrefix = `enc${randomUUID().slice(0, 6)}`;
    c = await provisionTestCommunity(db.url, { redisKeyPrefix });
    hub = await startTestHub({ mongodb: { url: db.url }, redis: { keyPrefix: redisKeyPrefix } });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await hub?.shutdown();
    await db?.drop();
  });

  const connect = async (user: string) => {
    const client = await TestClient.connect(hub.wsUrl, await tokenFor(user, { name: `Name ${user}` }));
    clients.push(client);
    return client;
  };

  it('is encoded once as a message, and its frame is never parsed or encoded again', async () => {
    const topic = c.topic('general');
    const subscribers = [await connect('ann'), await connect('mod')];
    for (const s of subscribers) await s.ok({ type: 'subscribe', channel: topic });
    const author = await connect('bob');
    const body = `encode count ${randomUUID()}`;

    // Calls whose text holds the body, made by the hub (not by this file's clients).
    const stringify = JSON.stringify.bind(JSON);
    const parse = JSON.parse.bind(JSON);
    const byHub = () => !new Error().stack?.includes('ws-client.ts');
    const calls = { stringify: 0, parse: 0 };
    const stringifySpy = vi.spyOn(JSON, 'stringify').mockImplementation((...args) => {
      const text = stringify(...(args as Parameters<typeof JSON.stringify>));
      if (typeof text === 'string' && text.includes(body) && byHub()) calls.stringify++;
      return text;
    });
    const parseSpy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
      if (typeof text === 'string' && text.includes(body) && byHub()) calls.parse++;
      return parse(text, reviver) as unknown;
    });
    try {
      const ack = await author.ok({ type: 'publish', channel: topic, data: { body }, nonce: randomUUID() });
      for (const s of subscribers) {
        const pub = await s.next((f) => f.type === 'pub' && f['offset'] === ack['offset']);
        expect(pub['data']).toMatchObject({ kind: 'message', id: ack['messageId'], body });
      }
      // The ack follows the durable write; the scoring hand-off then encodes its job (once its
      // linger is over), which carries the message's text for the worker: one more encode, none
      // of the frame.
      expect(await db.connection.collection('publications').findOne({ body })).toMatchObject({ body });
      await eventually(() => calls.stringify === 3);
    } finally {
      stringifySpy.mockRestore();
      parseSpy.mockRestore();
    }
    expect(calls).toEqual({ stringify: 3, parse: 1 });
  });
});
