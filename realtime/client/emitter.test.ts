import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.js';

class Probe extends Emitter<{ tick: number; done: { ok: boolean } }> {
  fire<K extends 'tick' | 'done'>(event: K, payload: { tick: number; done: { ok: boolean } }[K]): void {
    this.emit(event, payload);
  }
}

describe('Emitter', () => {
  it('calls listeners in order until they are removed', () => {
    const probe = new Probe();
    const seen: string[] = [];
    const off = probe.on('tick', (n) => seen.push(`a${n}`));
    probe.on('tick', (n) => seen.push(`b${n}`));
    probe.once('tick', (n) => seen.push(`once${n}`));
    probe.fire('tick', 1);
    off();
    probe.fire('tick', 2);
    probe.fire('done', { ok: true });
    expect(seen).toEqual(['a1', 'b1', 'once1', 'b2']);
  });

  it('keeps calling the other listeners when one throws, and reports the error later', async () => {
    const probe = new Probe();
    const seen: number[] = [];
    const reported = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    probe.on('tick', () => {
      throw new Error('listener bug');
    });
    probe.on('tick', (n) => seen.push(n));
    probe.fire('tick', 7);
    expect(seen).toEqual([7]);
    expect(await reported).toMatchObject({ message: 'listener bug' });
  });
});
