// MessageStore on MongoDB (FerretDB in development and tests), in the `publications` collection,
// on the connection it is given (never mongoose's global one). Rows are plain documents written
// in bulk through the driver (message-record.ts builds them; a chat message's creation row is
// the message itself); the collection's schema and indexes belong to the chat-message model.
import mongoose, { type Connection } from 'mongoose';
import { chatMessageModel, PUBLICATIONS } from '../models/chat-message.model.js';
import {
  ERASED_DATA,
  ERASED_NAME,
  type MessageStore,
  type RedactMatch,
  type StoredPublication,
} from './message-store.js';
import { rowOf } from './message-record.js';

const DUPLICATE_KEY = 11_000;

/** Exactly the log fields: nothing else a row carries leaves the store. */
const fields = (p: StoredPublication): StoredPublication => ({
  channel: p.channel,
  offset: p.offset,
  epoch: p.epoch,
  data: p.data,
  userId: p.userId,
  userName: p.userName,
  nonce: p.nonce,
  ts: p.ts,
});

const PROJECTION = {
  _id: 0,
  channel: 1,
  offset: 1,
  epoch: 1,
  data: 1,
  userId: 1,
  userName: 1,
  nonce: 1,
  ts: 1,
} as const;

/**
 * True when an unordered insert failed only on duplicate keys: every other row was written, so
 * the insert as a whole succeeded (a publication stored by another writer is the same row).
 * MongoDB and FerretDB both report these as a MongoBulkWriteError whose write errors all carry
 * code 11000; a write-concern error beside them means the written rows may not last.
 */
function onlyDuplicateKeys(err: unknown): boolean {
  if (!(err instanceof mongoose.mongo.MongoBulkWriteError)) return false;
  const writeErrors = [err.writeErrors].flat();
  return (
    writeErrors.length > 0 &&
    writeErrors.every((e) => e.code === DUPLICATE_KEY) &&
    err.result.getWriteConcernError() === undefined
  );
}

function validPublication(p: StoredPublication): void {
  if (
    typeof p.channel !== 'string' ||
    !Number.isSafeInteger(p.offset) ||
    typeof p.epoch !== 'string' ||
    p.epoch === '' ||
    typeof p.data !== 'string' ||
    typeof p.userId !== 'string' ||
    typeof p.userName !== 'string' ||
    typeof p.nonce !== 'string' ||
    !Number.isFinite(p.ts)
  ) {
    throw new TypeError(
      `message store: invalid publication (channel, offset, epoch, data, user, nonce or ts) at ${String(p.channel)}#${String(p.offset)}`,
    );
  }
}

export class MongoMessageStore implements MessageStore {
  private readonly connection: Connection;

  constructor(connection: Connection) {
    this.connection = connection;
  }

  private get collection() {
    return this.connection.collection<Record<string, unknown>>(PUBLICATIONS);
  }

  /** Creates the collection's indexes (and drops any others); call at startup. */
  async syncIndexes(): Promise<void> {
    await chatMessageModel(this.connection).syncIndexes();
  }

  async insert(publications: readonly StoredPublication[]): Promise<void> {
    if (publications.length === 0) return;
    // Every row is checked before any is written: an unordered insert that also meets a
    // duplicate reports only the driver's error, and a bad row must not vanish in it.
    publications.forEach(validPublication);
    try {
      await this.collection.insertMany(publications.map(rowOf), { ordered: false });
    } catch (err) {
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }

  async after(channel: string, offset: number, limit: number): Promise<StoredPublication[]> {
    if (!(limit > 0)) return []; // the server reads limit 0 as "no limit"
    const rows = await this.collection
      .find({ channel, offset: { $gt: offset } }, { projection: PROJECTION })
      .sort({ offset: 1 })
      .limit(limit)
      .toArray();
    return (rows as unknown as StoredPublication[]).map(fields);
  }

  async before(channel: string, offset: number | undefined, limit: number): Promise<StoredPublication[]> {
    if (!(limit > 0)) return [];
    const filter = offset === undefined ? { channel } : { channel, offset: { $lt: offset } };
    const rows = await this.collection
      .find(filter, { projection: PROJECTION })
      .sort({ offset: -1 })
      .limit(limit)
      .toArray();
    return (rows as unknown as StoredPublication[]).map(fields).reverse();
  }

  async top(channel: string): Promise<{ offset: number; epoch: string } | null> {
    const row = await this.collection.findOne(
      { channel },
      { projection: { _id: 0, offset: 1, epoch: 1 }, sort: { offset: -1 } },
    );
    return row ? { offset: row['offset'] as number, epoch: row['epoch'] as string } : null;
  }

  async first(channel: string): Promise<number | null> {
    const row = await this.collection.findOne(
      { channel },
      { projection: { _id: 0, offset: 1 }, sort: { offset: 1 } },
    );
    return row ? (row['offset'] as number) : null;
  }

  async redact(match: RedactMatch, pseudonym: string): Promise<string[]> {
    if ('nonces' in match && match.nonces?.length === 0) return [];
    const filter =
      'userId' in match
        ? { userId: match.userId }
        : match.nonces
          ? { channel: match.channel, nonce: { $in: [...match.nonces] } }
          : { channel: match.channel };
    const channels = (await this.collection.distinct('channel', filter)) as string[];
    const set =
      'userId' in match
        ? { data: ERASED_DATA, userId: pseudonym, userName: ERASED_NAME, nonce: '' }
        : match.nonces
          ? { data: ERASED_DATA, nonce: '' }
          : { data: ERASED_DATA };
    await this.collection.updateMany(filter, { $set: set });
    return channels.sort();
  }

  async drop(channel: string): Promise<number> {
    return (await this.collection.deleteMany({ channel })).deletedCount;
  }

  async expire(channelPrefix: string, beforeTs: number, mode: 'delete' | 'anonymize'): Promise<number> {
    // An anchored, escaped prefix: the channel index serves it, and no character is a pattern.
    const filter = {
      channel: { $regex: `^${channelPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` },
      ts: { $lt: beforeTs },
    };
    if (mode === 'delete') return (await this.collection.deleteMany(filter)).deletedCount;
    const { modifiedCount } = await this.collection.updateMany(
      { ...filter, data: { $ne: ERASED_DATA } },
      { $set: { data: ERASED_DATA, userId: 'retained', userName: ERASED_NAME, nonce: '' } },
    );
    return modifiedCount;
  }
}
