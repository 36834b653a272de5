// How a MongoDB-protocol server's lookups grow with a collection: in a scratch database, a
// collection with a unique index on `messageId` grows to 1,000, 10,000 and 20,000 documents,
// and at each size it times 20 `findOne`s by `messageId`, 20 by `_id`, and 20 inserts. Written
// to compare FerretDB's SQLite and PostgreSQL backends (docs/operations.md); the database is
// dropped at the end.
//   npx tsx load/mongo-lookup-probe.ts [--url mongodb://127.0.0.1:27028/]
import { parseArgs } from 'node:util';
import { MongoClient, ObjectId } from 'mongodb';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'mongodb://127.0.0.1:27028/' } } });
const client = await MongoClient.connect(values.url);
const db = client.db(`lookup_probe_${Date.now()}`);
const collection = db.collection('decisions');
await collection.createIndex({ messageId: 1 }, { unique: true });

/** Mean milliseconds of `times` runs of `op`, one after another. */
async function mean(times: number, op: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < times; i++) await op();
  return (performance.now() - started) / times;
}

try {
  for (const size of [1_000, 10_000, 20_000]) {
    const missing = size - (await collection.countDocuments());
    const docs = Array.from({ length: missing }, () => {
      const id = new ObjectId();
      return { _id: id, messageId: id, status: 'done', risk: 0.1, scores: '{}' };
    });
    for (let i = 0; i < docs.length; i += 1000) await collection.insertMany(docs.slice(i, i + 1000));
    const probe = docs[docs.length - 1]?._id ?? new ObjectId();
    const byField = await mean(20, () => collection.findOne({ messageId: probe }));
    const byId = await mean(20, () => collection.findOne({ _id: probe }));
    const insert = await mean(20, () => {
      const id = new ObjectId();
      return collection.insertOne({ _id: id, messageId: id });
    });
    console.log(
      `${size} documents: findOne by messageId ${byField.toFixed(1)} ms, by _id ${byId.toFixed(1)} ms, ` +
        `insert ${insert.toFixed(1)} ms`,
    );
  }
} finally {
  await db.dropDatabase();
  await client.close();
}
