// What GridFS chunk inserts cost on a MongoDB-protocol server (the test profile's FerretDB unless
// `--url`): 20 MB written as chunk documents `{files_id, n, data}` by 1 and by 8 writers at once,
// with 255 KiB chunks one per insert (the GridFS store's way), four per insertMany, 1 MiB and
// 64 KiB chunks. Prints MB/s per variant; in a database of its own, dropped afterwards.
//   npx tsx load/gridfs-chunk-probe.ts [--url mongodb://127.0.0.1:27028]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Binary, MongoClient, ObjectId } from 'mongodb';
import { testConfig } from '../test/support/config.js';

const { values: args } = parseArgs({ options: { url: { type: 'string' } } });
const MB = 1024 * 1024;
const TOTAL = 20 * MB;

const url = new URL(args.url ?? testConfig().mongodb.url);
url.pathname = `/probe_${randomUUID().slice(0, 8)}`;
const client = await MongoClient.connect(url.toString());
const chunks = client.db().collection('chunks');

/** Writes TOTAL bytes as chunks, `batch` per command, from `writers` writers at once: MB/s. */
async function rate(chunkBytes: number, batch: number, writers: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const filesId = new ObjectId();
      const bytes = Buffer.alloc(chunkBytes, 3);
      let n = 0;
      for (let written = 0; written < TOTAL / writers; written += chunkBytes * batch) {
        const docs = Array.from({ length: batch }, () => ({
          files_id: filesId,
          n: n++,
          data: new Binary(bytes),
        }));
        await chunks.insertMany(docs);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await chunks.deleteMany({});
  return Math.round((TOTAL / MB / seconds) * 10) / 10;
}

try {
  for (const writers of [1, 8])
    for (const [chunkKiB, batch] of [
      [255, 1],
      [255, 4],
      [1024, 1],
      [64, 1],
    ] as const)
      console.log(
        JSON.stringify({
          writers,
          chunkKiB,
          chunksPerInsert: batch,
          MBps: await rate(chunkKiB * 1024, batch, writers),
        }),
      );
} finally {
  await client.db().dropDatabase();
  await client.close();
}
