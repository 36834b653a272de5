// A MongoDB database of its own for one test file: created with every model's indexes before the
// tests, dropped after them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { connectMongo, type MongoConnection } from '../../storage/mongo.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import { testConfig } from './config.js';

/** A fresh database's URL on the test server. */
export function freshDatabaseUrl(): string {
  const url = new URL(testConfig().mongodb.url);
  url.pathname = `/test_${randomUUID().slice(0, 8)}`;
  return url.toString();
}

/** Registers the file's beforeAll/afterAll; `onOpen` receives the connection. */
export function useTestDatabase(onOpen: (connection: MongoConnection) => void): void {
  let connection: MongoConnection | undefined;
  beforeAll(async () => {
    connection = await connectMongo(freshDatabaseUrl());
    await syncModelIndexes(connection);
    onOpen(connection);
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });
}
