// The contract every Broker implementation must pass. The factory gives a fresh backend (a
// clean key space) from which any number of nodes can be made, as hub nodes share one Redis.
import { afterEach, describe, expect, it } from 'vitest';
import { NoPositionError, type Broker, type BrokerPublication } from './broker.js';
import { offsetOf } from './frames.js';

export interface BrokerBackend {
  newNode(): Broker;
  cleanup(): Promise<void>;
}
export type BrokerBackendFactory = (options: { historyMaxCount: number }) => Promise<BrokerBackend>;

const info = { id: 'u1', name: 'Ada' };
let n = 0;
const pub = (data: unknown = { n: ++n }, nonce = `nonce-${++n}`): BrokerPublication => ({
  node: 'node-1',
  nonce,
  data: JSON.stringify(data),
  info,
  ts: 1_700_000_000_000,
});

const settle = () => new Promise((r) => setTimeout(r, 100));

export function describeBrokerContract(implementation: string, factory: BrokerBackendFactory): void {
  describe(`Broker contract: ${implementation}`, () => {
    const backends: BrokerBackend[] = [];
    const nodes: Broker[] = [];
    const open = async (historyMaxCount = 100) => {
      const backend = await factory({ historyMaxCount });
      backends.push(backend);
      return () => {
        const node = backend.newNode();
        nodes.push(node);
        return node;
      };
    };
    afterEach(async () => {
      await Promise.all(nodes.splice(0).map((b) => b.close()));
      await Promise.all(backends.splice(0).map((b) => b.cleanup()));
    });

    it('refuses to publish to a topic without a position, until restored', async () => {
      const node = (await open())();
      await expect(node.publish('chan:c:a', pub())).rejects.toBeInstanceOf(NoPositionError);
      expect(await node.position('chan:c:a')).toBeNull();
      expect(await node.restore('chan:c:a', { epoch: 'e1', offset: 41 })).toEqual({
        epoch: 'e1',
        offset: 41,
      });
      expect(await node.publish('chan:c:a', pub())).toEqual({ offset: 42, epoch: 'e1', duplicate: false });
      expect(await node.position('chan:c:a')).toEqual({ epoch: 'e1', offset: 42 });
    });

    it('never lets restore overwrite a position in force', async () => {
      const node = (await open())();
      await node.restore('chan:c:a', { epoch: 'first', offset: 0 });
      expect(await node.restore('chan:c:a', { epoch: 'second', offset: 99 })).toEqual({
        epoch: 'first',
        offset: 0,
      });
    });

    it('assigns gapless offsets to concurrent publishes from several nodes', async () => {
      const newNode = await open();
      const [a, b] = [newNode(), newNode()];
      await a.restore('chan:c:a', { epoch: 'e', offset: 0 });
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).publish('chan:c:a', pub())),
      );
      expect(results.map((r) => r.offset).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    });

    it('delivers every frame of a topic to each subscribed node, in offset order, once', async () => {
      const newNode = await open();
      const [publisher, x, y] = [newNode(), newNode(), newNode()];
      const got: Record<string, number[]> = { x: [], y: [] };
      x.onFrame((topic, frame) => topic === 'chan:c:a' && got['x']?.push(offsetOf(frame) ?? -1));
      y.onFrame((topic, frame) => topic === 'chan:c:a' && got['y']?.push(offsetOf(frame) ?? -1));
      await Promise.all([x.subscribe('chan:c:a'), y.subscribe('chan:c:a')]);
      await publisher.restore('chan:c:a', { epoch: 'e', offset: 0 });
      await Promise.all(Array.from({ length: 30 }, () => publisher.publish('chan:c:a', pub())));
      await settle();
      const expected = Array.from({ length: 30 }, (_, i) => i + 1);
      expect(got['x']).toEqual(expected);
      expect(got['y']).toEqual(expected);
    });

    it('delivers the frame as text whose fields carry the publication', async () => {
      const newNode = await open();
      const [publisher, sub] = [newNode(), newNode()];
      const frames: string[] = [];
      sub.onFrame((_, f) => frames.push(f));
      await sub.subscribe('chan:c:a');
      await publisher.restore('chan:c:a', { epoch: 'ep', offset: 6 });
      await publisher.publish('chan:c:a', pub({ body: 'hi <b>"there"</b>', $gt: '' }));
      await settle();
      expect(frames.map((f) => JSON.parse(f) as unknown)).toEqual([
        {
          type: 'pub',
          offset: 7,
          epoch: 'ep',
          channel: 'chan:c:a',
          data: { body: 'hi <b>"there"</b>', $gt: '' },
          info,
          ts: 1_700_000_000_000,
        },
      ]);
    });

    it('publishes a nonce once: a retry returns the first offset and delivers nothing', async () => {
      const newNode = await open();
      const [publisher, sub] = [newNode(), newNode()];
      const frames: string[] = [];
      sub.onFrame((_, f) => frames.push(f));
      await sub.subscribe('chan:c:a');
      await publisher.restore('chan:c:a', { epoch: 'e', offset: 0 });
      const first = await publisher.publish('chan:c:a', pub({ a: 1 }, 'same'));
      const again = await Promise.all(
        [1, 2, 3].map(() => publisher.publish('chan:c:a', pub({ a: 1 }, 'same'))),
      );
      await settle();
      expect(first).toEqual({ offset: 1, epoch: 'e', duplicate: false });
      expect(again).toEqual([1, 2, 3].map(() => ({ offset: 1, epoch: 'e', duplicate: true })));
      expect(frames).toHaveLength(1);
    });

    it('returns exactly the recent frames after an offset, or null when history no longer holds them', async () => {
      const node = (await open(10))();
      await node.restore('chan:c:a', { epoch: 'e', offset: 0 });
      for (let i = 0; i < 40; i++) await node.publish('chan:c:a', pub());
      const recent = await node.recent('chan:c:a', 35, 40);
      expect(recent?.map(offsetOf)).toEqual([36, 37, 38, 39, 40]);
      expect(await node.recent('chan:c:a', 40, 40)).toEqual([]);
      expect(await node.recent('chan:c:a', 2, 40)).toBeNull();
    });

    it('forgets recent history on request, keeping the position', async () => {
      const node = (await open())();
      await node.restore('chan:c:a', { epoch: 'e', offset: 0 });
      for (let i = 0; i < 3; i++) await node.publish('chan:c:a', pub());
      await node.forgetRecent('chan:c:a');
      expect(await node.recent('chan:c:a', 0, 3)).toBeNull();
      expect(await node.position('chan:c:a')).toEqual({ epoch: 'e', offset: 3 });
      expect((await node.publish('chan:c:a', pub())).offset).toBe(4);
    });

    it('forgets a topic entirely on request: history and position', async () => {
      const node = (await open())();
      await node.restore('user:gone', { epoch: 'e', offset: 0 });
      for (let i = 0; i < 3; i++) await node.publish('user:gone', pub());
      await node.restore('user:gone0', { epoch: 'e', offset: 0 });
      await node.publish('user:gone0', pub());
      await node.forget('user:gone');
      expect(await node.recent('user:gone', 0, 3)).toBeNull();
      expect(await node.position('user:gone')).toBeNull();
      expect(await node.position('user:gone0')).toEqual({ epoch: 'e', offset: 1 });
    });

    it('sends a node only the topics it subscribed to, and nothing after it unsubscribed', async () => {
      const newNode = await open();
      const [publisher, sub] = [newNode(), newNode()];
      const topics: string[] = [];
      sub.onFrame((topic) => topics.push(topic));
      await sub.subscribe('chan:c:a');
      for (const t of ['chan:c:a', 'chan:c:b']) await publisher.restore(t, { epoch: 'e', offset: 0 });
      await publisher.publish('chan:c:b', pub());
      await publisher.publish('chan:c:a', pub());
      await settle();
      await sub.unsubscribe('chan:c:a');
      await publisher.publish('chan:c:a', pub());
      await settle();
      expect(topics).toEqual(['chan:c:a']);
    });

    it('delivers ephemeral frames live without storing them', async () => {
      const newNode = await open();
      const [publisher, sub] = [newNode(), newNode()];
      const frames: string[] = [];
      sub.onFrame((_, f) => frames.push(f));
      await sub.subscribe('chan:c:a');
      await publisher.restore('chan:c:a', { epoch: 'e', offset: 0 });
      await publisher.emit(
        'chan:c:a',
        '{"type":"typing","channel":"chan:c:a","user":{"id":"u1","name":"Ada"}}',
      );
      await settle();
      expect(frames).toHaveLength(1);
      expect(await publisher.position('chan:c:a')).toEqual({ epoch: 'e', offset: 0 });
      expect(await publisher.recent('chan:c:a', 0, 0)).toEqual([]);
    });
  });
}
