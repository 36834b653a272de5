// Serializes this process's writes to one document.
//
// MongoDB applies every single-document update atomically, which the repositories rely on
// (`$addToSet`, `$push`, filters that compare-and-set). FerretDB 1.24 on SQLite does not: it reads
// the matching documents, applies the operators in Go and writes the documents back, without a
// transaction around the three (FerretDB#3040), so two concurrent updates of one document lose one
// (30 concurrent `$push`es leave 1 element; 30 compare-and-sets on one value all "succeed" 3
// times). Queuing read-modify-write paths per document here makes one process correct on both;
// several processes writing one document on FerretDB can still lose an update (development only).
import type { Connection } from 'mongoose';

const queues = new WeakMap<Connection, Map<string, Promise<void>>>();

/** Runs `write` after every earlier write this process queued under `key` on this connection. */
export async function serialized<T>(
  connection: Connection,
  key: string,
  write: () => Promise<T>,
): Promise<T> {
  let byKey = queues.get(connection);
  if (!byKey) {
    byKey = new Map();
    queues.set(connection, byKey);
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
