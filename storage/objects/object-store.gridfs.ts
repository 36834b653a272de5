// ObjectStore in the deployment's MongoDB: GridFS's layout on the hub's own connection, bucket
// `attachments` (collections `attachments.files` and `attachments.chunks`), readable by any GridFS
// client. Nothing new to run. An object is its files document (filename = the key, metadata =
// { contentType, fields }) and its 255 KiB chunks; the files document is written last, so an
// object exists (head, get) only once all its chunks are stored, and it is deleted first.
//
// The body is written by this file rather than the driver's upload stream, which copies every
// chunk once more into a fresh buffer and inserts the chunks a large write completes all at once:
// here one chunk buffer per upload is filled, inserted, awaited, and filled again, so an upload
// holds at most GRIDFS_PUT_HELD_BYTES (the chunk and its insert command) besides what its body's
// stream buffers. When the size bound is passed or the body fails, no insert is in flight, and
// every chunk written is deleted. A key is written once: `attachments.files` has a unique index
// on `filename` (`ensureGridFsIndexes`, created at start-up with the models' indexes); a put that
// loses the race for a key deletes its chunks and answers `conflict`.
// Works the same on MongoDB and FerretDB 1.24 (storage/README.md).
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { HubError, notReady } from '../../protocol/hub-error.js';
import { isDependencyDown } from '../dependency-errors.js';
import type { MongoConnection } from '../mongo.js';
import { chunksWithin } from './body-limit.js';
import { checkMetadata } from './object-metadata.js';
import type { DirectUrlOptions, ObjectStore, PutOptions, StoredObject } from './object-store.js';

export const GRIDFS_BUCKET = 'attachments';
/** GridFS's default chunk size (every GridFS client's): a chunk document stays well under 16 MiB. */
export const GRIDFS_CHUNK_BYTES = 255 * 1024;
/**
 * The most bytes one put holds of its body: the chunk being filled, and while it is inserted the
 * insert command the driver serializes from it (the chunk again, and a few hundred bytes).
 */
export const GRIDFS_PUT_HELD_BYTES = 2 * GRIDFS_CHUNK_BYTES + 4096;
const DUPLICATE_KEY = 11000;
/** Chunks (255 KiB each) fetched per round trip when reading: about 1 MiB held per download. */
const READ_BATCH_CHUNKS = 4;

type GridFSFile = mongoose.mongo.GridFSFile;
type ObjectId = mongoose.mongo.ObjectId;

interface FileMetadata {
  contentType: string;
  fields: Record<string, string>;
}

/** The index that makes a key written once; idempotent. Run with the models' indexes. */
export async function ensureGridFsIndexes(connection: MongoConnection): Promise<void> {
  await connection.collection(`${GRIDFS_BUCKET}.files`).createIndex({ filename: 1 }, { unique: true });
  await connection.collection(`${GRIDFS_BUCKET}.chunks`).createIndex({ files_id: 1, n: 1 }, { unique: true });
}

export class GridFsObjectStore implements ObjectStore {
  constructor(private readonly connection: MongoConnection) {}

  async put(key: string, body: Readable, options: PutOptions): Promise<StoredObject> {
    const metadata = options.metadata ?? {};
    try {
      checkMetadata(metadata);
      // Refuse early rather than store a whole body first; the unique index decides races.
      if (await this.findFile(key)) throw conflict(key);
      const id = new mongoose.mongo.ObjectId();
      let size: number;
      try {
        size = await this.writeChunks(id, chunksWithin(body, options.maxBytes));
      } catch (err) {
        // No insert is in flight: each was awaited. If this fails too, its error says so.
        await this.collection('chunks').deleteMany({ files_id: id });
        throw err;
      }
      const fileMetadata: FileMetadata = { contentType: options.contentType, fields: metadata };
      try {
        await this.collection('files').insertOne({
          _id: id,
          length: size,
          chunkSize: GRIDFS_CHUNK_BYTES,
          uploadDate: new Date(),
          filename: key,
          metadata: fileMetadata,
        });
      } catch (err) {
        // The files document is written last: its failure leaves the chunks, all written.
        await this.collection('chunks').deleteMany({ files_id: id });
        if ((err as { code?: unknown }).code === DUPLICATE_KEY) throw conflict(key);
        throw err;
      }
      return { key, size, contentType: options.contentType, metadata };
    } catch (err) {
      body.destroy(); // a refused body is not drained
      throw orNotReady(err);
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const file = await this.findFile(key);
      return file ? describe(file) : null;
    } catch (err) {
      throw orNotReady(err);
    }
  }

  async get(key: string): Promise<{ object: StoredObject; body: Readable } | null> {
    try {
      const file = await this.findFile(key);
      if (!file) return null;
      return { object: describe(file), body: Readable.from(this.chunksOf(file), { objectMode: false }) };
    } catch (err) {
      throw orNotReady(err);
    }
  }

  async directUrl(_key: string, _options: DirectUrlOptions): Promise<string | null> {
    return null;
  }

  async delete(key: string): Promise<void> {
    try {
      const file = await this.findFile(key);
      if (!file) return;
      // The files document first: the object is gone for readers before its chunks are.
      await this.collection('files').deleteOne({ _id: file._id });
      await this.collection('chunks').deleteMany({ files_id: file._id });
    } catch (err) {
      throw orNotReady(err);
    }
  }

  /** The connection is the hub's: nothing to release. */
  async close(): Promise<void> {}

  /**
   * Inserts the body as chunks of GRIDFS_CHUNK_BYTES (the last one shorter), through one buffer:
   * each insert is awaited before the buffer is filled again. Answers the body's size.
   */
  private async writeChunks(id: ObjectId, body: AsyncIterable<Buffer>): Promise<number> {
    const chunks = this.collection('chunks');
    const buffer = Buffer.allocUnsafe(GRIDFS_CHUNK_BYTES);
    let filled = 0;
    let n = 0;
    let size = 0;
    const insert = async (bytes: Buffer) => {
      await chunks.insertOne({ files_id: id, n, data: new mongoose.mongo.Binary(bytes) });
      n++;
    };
    for await (const chunk of body) {
      for (let at = 0; at < chunk.length;) {
        const taken = chunk.copy(buffer, filled, at);
        filled += taken;
        at += taken;
        if (filled < GRIDFS_CHUNK_BYTES) continue;
        await insert(buffer);
        filled = 0;
      }
      size += chunk.length;
    }
    if (filled > 0) await insert(buffer.subarray(0, filled));
    return size;
  }

  /**
   * The file's bytes, a few chunks per round trip: the driver's download stream asks for its
   * chunks with the server's default batch (up to 16 MiB held per download).
   */
  private async *chunksOf(file: GridFSFile): AsyncGenerator<Buffer> {
    const cursor = this.collection('chunks')
      .find(
        { files_id: file._id },
        { sort: { n: 1 }, batchSize: READ_BATCH_CHUNKS, projection: { n: 1, data: 1 } },
      )
      .map((chunk) => chunk as unknown as { n: number; data: mongoose.mongo.Binary });
    let n = 0;
    let size = 0;
    try {
      for await (const chunk of cursor) {
        if (chunk.n !== n) throw new Error(`object store: chunk ${n} of ${file.filename} is missing`);
        n++;
        size += chunk.data.length();
        yield Buffer.from(chunk.data.buffer.buffer, chunk.data.buffer.byteOffset, chunk.data.length());
      }
    } catch (err) {
      throw orNotReady(err);
    } finally {
      await cursor.close();
    }
    if (size !== file.length) throw new Error(`object store: ${file.filename} is truncated`);
  }

  private findFile(key: string): Promise<GridFSFile | null> {
    return this.collection('files').findOne<GridFSFile>({ filename: key });
  }

  private collection(which: 'files' | 'chunks'): mongoose.mongo.Collection {
    return this.database().collection(`${GRIDFS_BUCKET}.${which}`);
  }

  /** The connection's database: none until the connection opened. */
  private database(): mongoose.mongo.Db {
    const db = this.connection.db;
    if (!db) throw notReady('object storage (MongoDB)');
    return db;
  }
}

const conflict = (key: string) => new HubError('conflict', `An object is already stored under ${key}.`);

function orNotReady(err: unknown): unknown {
  return isDependencyDown(err) ? notReady('object storage (MongoDB)') : err;
}

function describe(file: GridFSFile): StoredObject {
  const metadata = (file.metadata ?? {}) as Partial<FileMetadata>;
  return {
    key: file.filename,
    size: file.length,
    contentType: metadata.contentType ?? 'application/octet-stream',
    metadata: { ...metadata.fields },
  };
}
