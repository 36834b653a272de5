// A MongoDB database of its own for one test file: created with every model's indexes (and the
// audit trail a hub binds to its connection) before the tests, dropped after them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { connectMongo, type MongoConnection } from '../../storage/mongo.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import { bindTestAuditTrail } from './audit-trail.js';
import { testConfig } from './config.js';

/** A fresh database's URL on the test server. */
export function freshDatabaseUrl(): string {
  const url = new URL(testConfig().mongodb.url);
  url.pathname = `/test_${randomUUID().slice(0, 8)}`;
  return url.toString();
}

/**
 * Registers the file's beforeAll/afterAll; `onOpen` receives the connection, and the Redis prefix
 * of its audit checkpoints.
 */
export function useTestDatabase(onOpen: (connection: MongoConnection, auditKeyPrefix: string) => void): void {
  let connection: MongoConnection | undefined;
  let trail: ReturnType<typeof bindTestAuditTrail> | undefined;
  beforeAll(async () => {
    connection = await connectMongo(freshDatabaseUrl());
    await syncModelIndexes(connection);
    trail = bindTestAuditTrail(connection);
    onOpen(connection, trail.keyPrefix);
  });
  afterAll(async () => {
    trail?.close();
    await connection?.dropDatabase();
    await connection?.close();
  });
}
