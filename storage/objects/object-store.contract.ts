// The contract every ObjectStore implementation must pass. Each implementation's test file calls
// describeObjectStoreContract with a factory; every test writes only keys named for it alone, so
// the stores a factory returns may share one bucket or database.
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { HubError } from '../../protocol/hub-error.js';
import type { ObjectStore, PutOptions } from './object-store.js';

export interface ContractOptions {
  /** Whether the store serves objects itself (`directUrl` gives a URL), or answers null. */
  directUrls: boolean;
  /** A store whose server cannot be reached: every call must answer `not_ready`. */
  unreachable?: () => Promise<ObjectStore> | ObjectStore;
}

const MiB = 1024 * 1024;
/**
 * The most of a streamed body the process may hold more than before, as a share of its size:
 * generous (a store's part buffer, the driver's batches, the test's own garbage), and still
 * short of the whole body a buffering store would hold.
 */
const HELD_BOUND = 0.75;
const keyFor = (label: string) => `contract/${label}/${randomUUID()}`;
const options = (extra: Partial<PutOptions> = {}): PutOptions => ({
  contentType: 'application/octet-stream',
  maxBytes: 10 * MiB,
  ...extra,
});

async function storedBytes(store: ObjectStore, key: string): Promise<Buffer> {
  const got = await store.get(key);
  if (!got) throw new Error(`${key} is not stored`);
  return bytesOf(got.body);
}

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A body handed over in small chunks, as an HTTP upload arrives. */
const chunked = (bytes: Buffer, chunkBytes = 16 * 1024) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
    })(),
  );

/** A body of `total` bytes made while it is read: pattern bytes, so the reader can check them. */
function generated(total: number, chunkBytes: number, onChunk: (index: number) => void = () => {}) {
  return Readable.from(
    (function* () {
      for (let at = 0, index = 0; at < total; at += chunkBytes, index++) {
        onChunk(index);
        yield patternChunk(at, Math.min(chunkBytes, total - at));
      }
    })(),
  );
}
const patternChunk = (offset: number, length: number) => {
  const chunk = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) chunk[i] = ((offset + i) * 31 + ((offset + i) >>> 16)) & 0xff;
  return chunk;
};

/** The process's live memory (JS heap and Buffers) after a full collection. */
const collectGarbage = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
const liveBytes = () => {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
};

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err instanceof HubError ? err.code : `not a HubError: ${String(err)}`;
  }
  return 'no error';
};

export function describeObjectStoreContract(
  implementation: string,
  factory: () => Promise<ObjectStore> | ObjectStore,
  contract: ContractOptions,
): void {
  describe(`ObjectStore contract: ${implementation}`, () => {
    const opened: ObjectStore[] = [];
    const open = async () => {
      const store = await factory();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('stores binary bytes and gives them back, with their description', async () => {
      const store = await open();
      const key = keyFor('round-trip');
      const bytes = Buffer.concat([
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        randomBytes(300_000),
      ]);
      const stored = await store.put(key, chunked(bytes), options({ contentType: 'image/png' }));
      const expected = { key, size: bytes.length, contentType: 'image/png', metadata: {} };
      expect(stored).toEqual(expected);
      expect(await store.head(key)).toEqual(expected);
      const got = await store.get(key);
      expect(got?.object).toEqual(expected);
      expect(got && (await bytesOf(got.body)).equals(bytes)).toBe(true);
    });

    it('stores an empty body', async () => {
      const store = await open();
      const key = keyFor('empty');
      expect((await store.put(key, Readable.from([]), options())).size).toBe(0);
      expect((await storedBytes(store, key)).length).toBe(0);
    });

    it('streams a 20 MB body in and out without holding it whole', async () => {
      const store = await open();
      const key = keyFor('streamed');
      onTestFinished(() => store.delete(key)); // a large object slows scans of a test server
      const total = 20 * MiB;
      const chunkBytes = 64 * 1024;
      const before = liveBytes();
      let peak = 0;
      // Every 16th chunk made (each MiB), look at what the process holds: a store that collected
      // the body before writing it would hold most of it by the last chunks.
      const body = generated(total, chunkBytes, (index) => {
        if (index % 16 === 15) peak = Math.max(peak, liveBytes() - before);
      });
      const stored = await store.put(key, body, options({ maxBytes: total }));
      expect(stored.size).toBe(total);
      expect(peak).toBeLessThan(HELD_BOUND * total);

      const beforeRead = liveBytes();
      const got = await store.get(key);
      let at = 0;
      let mismatches = 0;
      let readPeak = 0;
      if (!got) throw new Error(`${key} is not stored`);
      for await (const chunk of got.body as AsyncIterable<Buffer>) {
        if (!chunk.equals(patternChunk(at, chunk.length))) mismatches++;
        at += chunk.length;
        if (at % (4 * MiB) < chunk.length) readPeak = Math.max(readPeak, liveBytes() - beforeRead);
      }
      expect(at).toBe(total);
      expect(mismatches).toBe(0);
      expect(readPeak).toBeLessThan(HELD_BOUND * total);
    }, 180_000);

    it('refuses a body past maxBytes with payload_too_large, and keeps nothing of it', async () => {
      const store = await open();
      const small = keyFor('too-large-small');
      expect(
        await codeOf(store.put(small, chunked(randomBytes(5_000), 1_000), options({ maxBytes: 4_999 }))),
      ).toBe('payload_too_large');
      expect(await store.head(small)).toBeNull();
      expect(await store.get(small)).toBeNull();
      // Past several MiB: a store writing in parts has written some when the bound is passed.
      const large = keyFor('too-large-large');
      expect(
        await codeOf(store.put(large, generated(13 * MiB, 256 * 1024), options({ maxBytes: 12 * MiB }))),
      ).toBe('payload_too_large');
      expect(await store.head(large)).toBeNull();
      // Exactly maxBytes is within the bound; the key of a refused put is still free.
      expect(
        (await store.put(small, chunked(randomBytes(4_999), 1_000), options({ maxBytes: 4_999 }))).size,
      ).toBe(4_999);
    }, 60_000);

    it('keeps nothing of a body that fails midway, and passes its error on', async () => {
      const store = await open();
      const key = keyFor('body-error');
      const body = Readable.from(
        (function* () {
          yield randomBytes(300_000);
          throw new Error('client went away');
        })(),
      );
      await expect(store.put(key, body, options())).rejects.toThrow('client went away');
      expect(await store.head(key)).toBeNull();
    });

    it('refuses to write a key twice (conflict), keeping the first object', async () => {
      const store = await open();
      const key = keyFor('twice');
      const first = randomBytes(1_000);
      await store.put(key, chunked(first), options());
      expect(await codeOf(store.put(key, chunked(randomBytes(2_000)), options()))).toBe('conflict');
      expect((await store.head(key))?.size).toBe(1_000);
      expect((await storedBytes(store, key)).equals(first)).toBe(true);
    });

    it('lets one of two concurrent puts of a key win, and refuses the other (conflict)', async () => {
      const store = await open();
      const key = keyFor('race');
      const bodies = [randomBytes(400_000), randomBytes(400_000)];
      const results = await Promise.allSettled(bodies.map((b) => store.put(key, chunked(b), options())));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason instanceof HubError && lost.reason.code).toBe(
        'conflict',
      );
      expect((await storedBytes(store, key)).equals(bodies[won[0] ?? -1] ?? Buffer.alloc(0))).toBe(true);
    });

    it('answers null for the head and the bytes of a missing key', async () => {
      const store = await open();
      expect(await store.head(keyFor('missing'))).toBeNull();
      expect(await store.get(keyFor('missing'))).toBeNull();
    });

    it('deletes idempotently, and a deleted key may be written again', async () => {
      const store = await open();
      const key = keyFor('delete');
      await store.delete(key); // never there
      await store.put(key, chunked(randomBytes(1_000)), options());
      await store.delete(key);
      expect(await store.head(key)).toBeNull();
      expect(await store.get(key)).toBeNull();
      await store.delete(key);
      const again = randomBytes(10);
      await store.put(key, chunked(again), options());
      expect((await storedBytes(store, key)).equals(again)).toBe(true);
    });

    it('keeps metadata, with its case and Unicode, and refuses metadata it could not keep', async () => {
      const store = await open();
      const key = keyFor('metadata');
      const metadata = { originalName: 'Fête 🎉 «報告».pdf', uploaderId: 'u-1', 'empty-value': '' };
      const stored = await store.put(
        key,
        chunked(Buffer.from('%PDF-1.7')),
        options({ contentType: 'application/pdf', metadata }),
      );
      expect(stored.metadata).toEqual(metadata);
      expect((await store.head(key))?.metadata).toEqual(metadata);
      expect((await store.get(key))?.object.metadata).toEqual(metadata);

      const refused: Record<string, string>[] = [
        { 'a.b': 'x' },
        { $where: 'x' },
        { name: 'x'.repeat(2_000) },
      ];
      for (const bad of refused) {
        const badKey = keyFor('bad-metadata');
        expect(await codeOf(store.put(badKey, chunked(Buffer.from('x')), options({ metadata: bad })))).toBe(
          'validation_failed',
        );
        expect(await store.head(badKey)).toBeNull();
      }
    });

    it('writes different keys concurrently', async () => {
      const store = await open();
      const items = Array.from({ length: 8 }, (_, i) => ({
        key: keyFor(`concurrent-${i}`),
        bytes: randomBytes(150_000 + i),
      }));
      await Promise.all(items.map(({ key, bytes }) => store.put(key, chunked(bytes), options())));
      for (const { key, bytes } of items) {
        expect((await storedBytes(store, key)).equals(bytes)).toBe(true);
      }
    }, 60_000);

    if (contract.directUrls) {
      it('gives a direct URL serving the bytes with the asked headers, until it expires', async () => {
        const store = await open();
        const key = keyFor('direct');
        const bytes = randomBytes(70_000);
        await store.put(key, chunked(bytes), options({ contentType: 'image/svg+xml' }));
        const disposition = `attachment; filename="plan.svg"; filename*=UTF-8''plan%20%C3%A9t%C3%A9.svg`;
        const url = await store.directUrl(key, {
          expiresInS: 2,
          contentDisposition: disposition,
          contentType: 'application/octet-stream',
        });
        if (typeof url !== 'string') throw new Error(`no direct URL: ${String(url)}`);
        const response = await fetch(url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toBe(disposition);
        expect(response.headers.get('content-type')).toBe('application/octet-stream');
        expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
        // Expired: refused (S3 answers 403), however often asked.
        await until(async () => (await fetch(url)).status === 403);
      }, 30_000);
    } else {
      it('gives no direct URL (the hub serves the bytes itself)', async () => {
        const store = await open();
        const key = keyFor('direct');
        await store.put(key, chunked(randomBytes(10)), options());
        const url = await store.directUrl(key, {
          expiresInS: 60,
          contentDisposition: 'attachment',
          contentType: 'application/octet-stream',
        });
        expect(url).toBeNull();
      });
    }

    if (contract.unreachable) {
      const unreachable = contract.unreachable;
      it('answers not_ready while its server cannot be reached', async () => {
        const store = await unreachable();
        opened.push(store);
        const key = keyFor('down');
        expect(await codeOf(store.head(key))).toBe('not_ready');
        expect(await codeOf(store.get(key))).toBe('not_ready');
        expect(await codeOf(store.put(key, chunked(randomBytes(10)), options()))).toBe('not_ready');
        expect(await codeOf(store.delete(key))).toBe('not_ready');
      }, 60_000);
    }
  });
}
