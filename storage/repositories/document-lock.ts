// One document's writes, one at a time across processes, where the server needs it.
//
// Every repository write is a single-document update of the fields its writer owns (`$set` of
// named fields, conditional `findOneAndUpdate`, `$inc`, `$push`, `$addToSet`), which MongoDB
// applies atomically: on MongoDB `withDocumentLock` just runs the write. FerretDB 1.24 on SQLite
// (development and tests) does not: it reads the matching document, applies the operators in Go
// and writes the whole document back, without a transaction (FerretDB#3040), so two concurrent
// updates of one document, even of different fields, lose one. There the write runs under a
// short Redis lock keyed by the document, which every process writing the database takes: the
// hub nodes and workers register their Redis connection (`useDocumentLocks`). A connection with
// no Redis registered (a CLI command, a repository's own tests) queues the writes of this
// process only. The server is recognised once per connection (server-kind.ts); nothing above the
// storage layer knows which server it talks to.
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { documentLockKey } from '../redis-keys.js';
import { isFerretDb } from './server-kind.js';
import type { RedisClient } from '../redis.js';

export interface DocumentLockOptions {
  redis: RedisClient;
  /** How long a lock lives if its holder dies mid-write (a write takes milliseconds). */
  ttlMs?: number;
  /** How long a writer waits for a lock before the write fails. */
  waitMs?: number;
}

const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
/** Between two tries to take a held lock: a write holds it for a few milliseconds. */
const RETRY_MS = 4;

const registered = new WeakMap<Connection, Required<DocumentLockOptions>>();
const localQueues = new WeakMap<Connection, Map<string, Promise<void>>>();

/** Registers the Redis connection this process's writes through `connection` lock documents on. */
export function useDocumentLocks(connection: Connection, options: DocumentLockOptions): void {
  registered.set(connection, { ttlMs: 5_000, waitMs: 10_000, ...options });
}

/** Thrown when a document stayed locked for longer than a writer waits. */
export class DocumentBusyError extends Error {
  constructor(key: string) {
    super(`storage: document ${key} stayed locked; write not applied`);
    this.name = 'DocumentBusyError';
  }
}

/**
 * Runs `write`, an update of the one document named by `key` (`<collection>:<id>`), so that no
 * other write of that document through `withDocumentLock` overlaps it where the server does not
 * apply single-document updates atomically. The write itself must still be a single-document
 * update correct on MongoDB by itself.
 */
export async function withDocumentLock<T>(
  connection: Connection,
  key: string,
  write: () => Promise<T>,
): Promise<T> {
  if (!(await isFerretDb(connection))) return write(); // MongoDB's updates are atomic
  const options = registered.get(connection);
  if (!options) return queuedLocally(connection, key, write);
  const lock = documentLockKey(connection.name, key);
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while ((await options.redis.set(lock, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new DocumentBusyError(key);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await write();
  } finally {
    await options.redis.eval(RELEASE, 1, lock, token).catch(() => undefined);
  }
}

/** This process's writes of one document, one after another (no Redis registered). */
async function queuedLocally<T>(connection: Connection, key: string, write: () => Promise<T>): Promise<T> {
  let byKey = localQueues.get(connection);
  if (!byKey) {
    byKey = new Map();
    localQueues.set(connection, byKey);
  }
  const previous = byKey.get(key) ?? Promise.resolve();
  const run = previous.then(write);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  byKey.set(key, tail);
  try {
    return await run;
  } finally {
    if (byKey.get(key) === tail) byKey.delete(key);
  }
}
