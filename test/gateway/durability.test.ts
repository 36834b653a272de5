// Nothing delivered that is not kept (docs/protocol.md "Durability"): publishers on two hub
// processes send to one community channel; one node is SIGKILLed mid-flow and its publishers
// never come back. Afterwards REST history and gateway history each hold every publication a
// subscriber received, once, under the id the subscriber received, with no offset missing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient, type Frame } from '../support/ws-client.js';

const PUBLISHERS_PER_NODE = 10;
const USERS = ['ann', 'bob', 'insider', 'mod'];
/** The message id a publication carries. */
const idOf = (pub: Frame): string => String((pub['data'] as Record<string, unknown>)['id']);

describe('durability across a node kill', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  const nodes: HubProcess[] = [];
  const clients: TestClient[] = [];
  beforeAll(async () => {
    db = await testDatabase();
    c = await provisionTestCommunity(db.url);
    const env = {
      HUB_MONGODB_URL: db.url,
      HUB_REDIS_KEY_PREFIX: `dur${randomUUID().slice(0, 6)}`,
      HUB_GATEWAY_PUBLISH_BURST: '10000',
      HUB_GATEWAY_PUBLISH_RATE_PER_S: '10000',
      HUB_GATEWAY_FRAME_BURST: '10000',
      HUB_GATEWAY_FRAME_RATE_PER_S: '10000',
      HUB_HISTORY_WRITE_AHEAD_HEARTBEAT_MS: '300',
      HUB_HISTORY_WRITE_AHEAD_DEAD_AFTER_MS: '1500',
      HUB_HISTORY_WRITE_AHEAD_SWEEP_MS: '500',
      TEST_HUB_DOMAIN: 'community',
    };
    nodes.push(...(await Promise.all([spawnHub(env), spawnHub(env)])));
  }, 120_000);
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await db.drop();
  });

  it('stores every publication a subscriber received, under its id, with no offset missing', async () => {
    const [a, b] = nodes as [HubProcess, HubProcess];
    const channel = c.topic('general');
    const connect = async (node: HubProcess, user: string) => {
      const client = await TestClient.connect(node.wsUrl, await tokenFor(user));
      clients.push(client);
      return client;
    };
    const reader = await connect(a, 'ann');
    await reader.ok({ type: 'subscribe', channel });
    const publishers = await Promise.all(
      Array.from({ length: 2 * PUBLISHERS_PER_NODE }, (_, i) =>
        connect(i < PUBLISHERS_PER_NODE ? a : b, USERS[i % USERS.length] as string),
      ),
    );
    let stop = false;
    const sending = publishers.map(async (p, i) => {
      for (let n = 0; !stop; n++) {
        const reply = await p
          .request({
            type: 'publish',
            channel,
            data: { body: `p${i} m${n}` },
            nonce: `p${i}-${n}-${randomUUID()}`,
          })
          .catch(() => undefined);
        if (!reply) return; // its node died: this publisher never comes back
      }
    });
    await eventually(() => reader.pubs(channel).length >= 150, 30_000);
    await b.kill('SIGKILL');
    await eventually(() => reader.pubs(channel).length >= 300, 30_000);
    stop = true;
    await Promise.all(sending);

    const received = new Map<number, string>();
    for (const pub of reader.pubs(channel)) received.set(pub['offset'] as number, idOf(pub));
    const last = Math.max(...received.keys());
    expect([...received.values()].every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect([...received.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: last }, (_, i) => i + 1));

    // Within the documented bound (dead after + sweep), REST history holds every one of them.
    const api = await apiAs(a.url, 'ann');
    const restHistory = async () => {
      const stored = new Map<number, string>();
      let before: number | null | undefined;
      do {
        const query = before ? `?limit=100&before=${before}` : '?limit=100';
        const page = await api('GET', `/api/v1/channels/${c.channels.general}/messages${query}`);
        expect(page.status).toBe(200);
        for (const m of page.body['items'] as { id: string; offset: number }[]) stored.set(m.offset, m.id);
        before = page.body['nextBefore'] as number | null;
      } while (before);
      return stored;
    };
    const rest = await eventually(async () => {
      const stored = await restHistory();
      return [...received].every(([offset, id]) => stored.get(offset) === id) ? stored : undefined;
    }, 20_000);
    expect(rest.size).toBe(received.size);

    // Gateway history: the same publications, the same ids, every offset once.
    const gateway = new Map<number, string>();
    let before = last + 1;
    while (before > 1) {
      const page = await reader.ok({ type: 'history', channel, before, limit: 100 });
      const pubs = page['publications'] as Frame[];
      if (pubs.length === 0) break;
      for (const pub of pubs) gateway.set(pub['offset'] as number, idOf(pub));
      before = pubs[0]?.['offset'] as number;
    }
    expect(gateway).toEqual(received);
  }, 120_000);
});
