import { describe, expect, it } from 'vitest';
import type { StreamPosition } from '../protocol/index.js';
import { MemoryMessageStore } from '../storage/messages/message-store.memory.js';
import type { Broker } from './broker/broker.js';
import { Publisher } from './publisher.js';

describe('Publisher', () => {
  it('restores a lost topic once however many ask for its position at the same time', async () => {
    const store = new MemoryMessageStore();
    await store.insert([
      { channel: 't', offset: 7, epoch: 'e1', data: '{}', userId: 'u', userName: 'U', nonce: 'n', ts: 1 },
    ]);
    let tops = 0;
    const top = store.top.bind(store);
    store.top = async (topic: string) => {
      tops++;
      await new Promise((r) => setTimeout(r, 20));
      return top(topic);
    };
    let position: StreamPosition | null = null;
    let restores = 0;
    const broker = {
      position: () => Promise.resolve(position),
      restore: (_topic: string, from: StreamPosition) => {
        restores++;
        position ??= from;
        return Promise.resolve(position);
      },
    } as unknown as Broker;
    const publisher = new Publisher(broker, store);
    const positions = await Promise.all(Array.from({ length: 50 }, () => publisher.position('t')));
    expect(positions.every((p) => p.offset === 7 && p.epoch === 'e1')).toBe(true);
    expect(tops).toBe(1);
    expect(restores).toBe(1);
  });
});
