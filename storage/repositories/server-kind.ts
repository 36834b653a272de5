// Which document server a connection talks to: MongoDB, or FerretDB 1.24 (development, tests and
// benchmarks), which serves the same protocol but worse in ways the repositories contain here,
// below every feature: its updates are not atomic (document-lock.ts), and it pushes only a plain
// equality down to PostgreSQL, so a `$in` or `$or` filter reads the whole collection
// (idsFilterParts). Even a pushed-down equality is a scan of the collection's table: its SQL,
// `_jsonb->$1 @> $2`, can use no index (only an update by `_id` does). So on FerretDB every query
// costs a scan, and a path run per message asks as few as it can (message-scoring.ts reads a
// scoring job's messages by their write's batch, in one query). The server is recognised once per
// connection (FerretDB's `buildInfo` names it).
import type { Connection } from 'mongoose';

const ferret = new WeakMap<Connection, Promise<boolean>>();

/** Whether the server is FerretDB (asked once per connection; a failed probe is asked again). */
export function isFerretDb(connection: Connection): Promise<boolean> {
  let known = ferret.get(connection);
  if (!known) {
    known = (async () => {
      const db = connection.db;
      if (!db) throw new Error('storage: not connected');
      const info = await db.admin().command({ buildInfo: 1 });
      return typeof info['ferretdbVersion'] === 'string';
    })();
    known.catch(() => ferret.delete(connection));
    ferret.set(connection, known);
  }
  return known;
}

/**
 * The filters that together select documents by `_id` among `ids`: one `$in` on MongoDB (its
 * `_id` index serves it), one equality per id on FerretDB (each served by its pushdown).
 */
export async function idsFilterParts<T>(
  connection: Connection,
  ids: readonly T[],
): Promise<{ _id: T | { $in: T[] } }[]> {
  if (ids.length === 0) return [];
  if (await isFerretDb(connection)) return ids.map((id) => ({ _id: id }));
  return [{ _id: { $in: [...ids] } }];
}
