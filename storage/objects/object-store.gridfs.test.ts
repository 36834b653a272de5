// The ObjectStore contract on GridFS, in a fresh database of the test MongoDB server (FerretDB
// here) with the indexes start-up creates; and on a connection to a port nothing listens on.
// Then what a put sends, watched through the driver's command events: one chunk insert at a
// time, each of at most a chunk, however large the body's own chunks.
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { freshDatabaseUrl } from '../../test/support/database.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import {
  ensureGridFsIndexes,
  GRIDFS_BUCKET,
  GRIDFS_CHUNK_BYTES,
  GridFsObjectStore,
} from './object-store.gridfs.js';

const url = freshDatabaseUrl();
let connection: MongoConnection | undefined;
beforeAll(async () => {
  connection = await connectMongo(url);
  await ensureGridFsIndexes(connection);
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

describeObjectStoreContract(
  'GridFS',
  () => {
    if (!connection) throw new Error('the test database is not open');
    return new GridFsObjectStore(connection);
  },
  {
    directUrls: false,
    unreachable: async () => {
      // Never opened: the driver cannot select a server.
      const down = mongoose.createConnection('mongodb://127.0.0.1:1/down', { serverSelectionTimeoutMS: 500 });
      down.on('error', () => {});
      await down.asPromise().catch(() => {});
      const store = new GridFsObjectStore(down);
      const close = store.close.bind(store);
      store.close = async () => {
        await close();
        await down.close();
      };
      return store;
    },
  },
);

describe('GridFS puts', () => {
  it('insert one chunk at a time, each of at most a chunk, whatever the body hands over at once', async () => {
    const monitored = await mongoose.createConnection(url, { monitorCommands: true }).asPromise();
    onTestFinished(() => monitored.close());
    const inFlight = new Set<number>();
    let maxInFlight = 0;
    let largest = 0;
    let inserts = 0;
    const client = monitored.getClient();
    client.on('commandStarted', (event) => {
      if (event.commandName !== 'insert' || event.command['insert'] !== `${GRIDFS_BUCKET}.chunks`) return;
      inFlight.add(event.requestId);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      for (const doc of event.command['documents'] as { data: mongoose.mongo.Binary | Uint8Array }[]) {
        inserts++;
        const bytes = doc.data instanceof mongoose.mongo.Binary ? doc.data.length() : doc.data.byteLength;
        largest = Math.max(largest, bytes);
      }
    });
    const done = (event: { requestId: number }) => inFlight.delete(event.requestId);
    client.on('commandSucceeded', done);
    client.on('commandFailed', done);

    const store = new GridFsObjectStore(monitored);
    const key = `gridfs-puts/${new mongoose.Types.ObjectId().toHexString()}`;
    onTestFinished(() => store.delete(key));
    // A body in 1 MiB chunks: four GridFS chunks and more arrive in one piece.
    const MiB = 1024 * 1024;
    const pieces = [0, 1, 2, 3].map((i) => Buffer.alloc(MiB, i));
    const stored = await store.put(key, Readable.from(pieces), {
      contentType: 'application/octet-stream',
      maxBytes: 8 * MiB,
    });
    expect(stored.size).toBe(4 * MiB);
    expect(inserts).toBe(Math.ceil((4 * MiB) / GRIDFS_CHUNK_BYTES));
    expect(maxInFlight).toBe(1);
    expect(largest).toBe(GRIDFS_CHUNK_BYTES);
    const got = await store.get(key);
    const back: Buffer[] = [];
    for await (const chunk of got?.body ?? []) back.push(chunk as Buffer);
    expect(Buffer.concat(back).equals(Buffer.concat(pieces))).toBe(true);
  }, 60_000);
});
