// The per-node bound on image re-encodes: never more than `size` at once, waiters served in
// order, a failed one frees its slot; and an image upload waiting for a slot reads no more of
// its body than the streams' buffers hold (on GridFS in the test MongoDB server).
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GridFsObjectStore } from '../../storage/objects/object-store.gridfs.js';
import { testDatabase } from '../../test/support/community.js';
import { ImageSlots } from './image-slots.js';
import { storeUpload } from './upload.js';

/** A promise with its resolve exposed: a task held open until the test lets it finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('ImageSlots', () => {
  it('runs at most `size` tasks at once, the waiting ones in arrival order', async () => {
    const slots = new ImageSlots(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const done = gates.map((g, i) =>
      slots.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await g.promise;
        running--;
        return i;
      }),
    );
    await vi.waitFor(() => expect(started).toEqual([0, 1]));
    expect(slots.queued).toBe(3);
    for (const i of [1, 0, 2, 3, 4]) {
      gates[i]?.open();
      await done[i];
    }
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(slots.active).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new ImageSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('broken image')))).rejects.toThrow('broken image');
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next');
    expect(slots.active).toBe(0);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new ImageSlots(0)).toThrow(RangeError);
  });
});

describe('an image upload waiting for a slot', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: GridFsObjectStore;
  beforeAll(async () => {
    db = await testDatabase();
    store = new GridFsObjectStore(db.connection);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('leaves its body unread until a slot frees, then stores it', async () => {
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
    const jpeg = await sharp({
      create: { width: 1800, height: 1800, channels: 3, background: '#888', noise },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
    expect(jpeg.length).toBeGreaterThan(1024 * 1024);
    let pulled = 0;
    let offset = 0;
    const body = new Readable({
      read() {
        const chunk = jpeg.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        pulled += chunk.length;
        this.push(chunk.length ? chunk : null);
      },
    });
    const slots = new ImageSlots(1);
    const held = gate();
    const holder = slots.run(() => held.promise);
    const limits = { maxBytes: 8 * 1024 * 1024, maxImagePixels: 4_000_000 };
    const upload = storeUpload(store, 'slots/photo', { name: 'photo.jpg', file: body }, limits, slots);
    await vi.waitFor(() => expect(slots.queued).toBe(1), { timeout: 20_000 });
    // Only what the sniff and the streams' buffers hold was read: the rest waits in the socket.
    expect(pulled).toBeLessThan(jpeg.length / 2);
    expect(await store.head('slots/photo')).toBeNull();
    held.open();
    await holder;
    const stored = await upload;
    expect(pulled).toBe(jpeg.length);
    expect(stored).toMatchObject({ contentType: 'image/jpeg', width: 1800, height: 1800 });
    expect(await store.head('slots/photo.thumb')).not.toBeNull();
  });
});
