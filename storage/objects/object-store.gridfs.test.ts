// The ObjectStore contract on GridFS, in a fresh database of the test MongoDB server (FerretDB
// here) with the indexes start-up creates; and on a connection to a port nothing listens on.
import mongoose from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { freshDatabaseUrl } from '../../test/support/database.js';
import { connectMongo, type MongoConnection } from '../mongo.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import { ensureGridFsIndexes, GridFsObjectStore } from './object-store.gridfs.js';

let connection: MongoConnection | undefined;
beforeAll(async () => {
  connection = await connectMongo(freshDatabaseUrl());
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
