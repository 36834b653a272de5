// TEMPORARY: a minimal GridFS ObjectStore for the attachments tests until storage/objects' own
// GridFS implementation lands on main (then the tests use that one and this file goes).
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo, type Connection } from 'mongoose';
import type { ObjectStore, StoredObject } from '../../storage/objects/object-store.js';

export function gridFsTestStore(connection: Connection, bucketName = 'test_objects'): ObjectStore {
  const bucket = () => new mongo.GridFSBucket(connection.db as mongo.Db, { bucketName });
  const find = async (key: string) => (await bucket().find({ filename: key }).limit(1).toArray())[0];
  const describe = (f: mongo.GridFSFile): StoredObject => ({
    key: f.filename,
    size: f.length,
    contentType: String(f.metadata?.['contentType'] ?? ''),
    metadata: (f.metadata?.['metadata'] as Record<string, string> | undefined) ?? {},
  });
  return {
    async put(key, body, options) {
      let size = 0;
      const bound = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(size > options.maxBytes ? new Error('too_large') : null, chunk);
        },
      });
      const upload = bucket().openUploadStream(key, {
        metadata: { contentType: options.contentType, metadata: options.metadata ?? {} },
      });
      try {
        await pipeline(body, bound, upload);
      } catch (err) {
        await upload.abort().catch(() => undefined);
        throw err;
      }
      return { key, size, contentType: options.contentType, metadata: options.metadata ?? {} };
    },
    async head(key) {
      const f = await find(key);
      return f ? describe(f) : null;
    },
    async get(key) {
      const f = await find(key);
      if (!f) return null;
      const out = new PassThrough();
      Readable.from(bucket().openDownloadStream(f._id)).pipe(out);
      return { object: describe(f), body: out };
    },
    directUrl: () => Promise.resolve(null),
    async delete(key) {
      for (const f of await bucket().find({ filename: key }).toArray()) await bucket().delete(f._id);
    },
    close: () => Promise.resolve(),
  };
}
