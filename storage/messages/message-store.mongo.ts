// MessageStore on MongoDB (FerretDB in development and tests), in the `publications` collection,
// on the connection it is given: never mongoose's global one.
import mongoose, { Schema, type Connection } from 'mongoose';
import { ERASED_DATA, ERASED_NAME, type MessageStore, type StoredPublication } from './message-store.js';

const DUPLICATE_KEY = 11_000;

const publicationSchema = new Schema<StoredPublication>(
  {
    channel: { type: String, required: true },
    offset: { type: Number, required: true, validate: Number.isSafeInteger },
    epoch: { type: String, required: true },
    /** JSON text, kept as a string so no user-chosen key ever becomes a field name. */
    data: { type: String, required: true },
    // May be empty (system or anonymous publications): `required` would reject '' for strings.
    userId: { type: String, default: '' },
    userName: { type: String, default: '' },
    nonce: { type: String, default: '' },
    ts: { type: Number, required: true },
  },
  { strict: 'throw', versionKey: false },
);
// The identity of a publication: makes insert idempotent (a stored row is a duplicate key), and
// serves every read: after/first walk it forwards from (channel, offset), before/top backwards.
publicationSchema.index({ channel: 1, offset: 1 }, { unique: true });

/** Exactly the stored fields: nothing else a caller's object carries reaches the database. */
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
 * the insert as a whole succeeded. MongoDB and FerretDB both report these as a
 * MongoBulkWriteError whose write errors all carry code 11000; a write-concern error beside them
 * means the written rows may not last, so it is not a success.
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

const createModel = (connection: Connection) =>
  connection.model('Publication', publicationSchema, 'publications');
type PublicationModel = ReturnType<typeof createModel>;

export class MongoMessageStore implements MessageStore {
  private readonly model: PublicationModel;

  constructor(connection: Connection) {
    // Several stores may share a connection; a model is defined once per connection.
    this.model =
      (connection.models['Publication'] as PublicationModel | undefined) ?? createModel(connection);
  }

  /** Creates the indexes above (and drops any others); call at startup. */
  async syncIndexes(): Promise<void> {
    await this.model.syncIndexes();
  }

  async insert(publications: readonly StoredPublication[]): Promise<void> {
    if (publications.length === 0) return;
    // Every row is validated before any is written: when an unordered insertMany also meets a
    // duplicate, mongoose throws only the driver's error, and a row it set aside as invalid would
    // be lost without a word.
    const docs = await Promise.all(
      publications.map(async (p) => {
        const doc = new this.model(fields(p));
        await doc.validate();
        return doc.toObject();
      }),
    );
    try {
      await this.model.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }

  async after(channel: string, offset: number, limit: number): Promise<StoredPublication[]> {
    if (!(limit > 0)) return []; // the server reads limit 0 as "no limit"
    const rows = await this.model
      .find({ channel, offset: { $gt: offset } }, PROJECTION)
      .sort({ offset: 1 })
      .limit(limit)
      .lean<StoredPublication[]>();
    return rows.map(fields);
  }

  async before(channel: string, offset: number | undefined, limit: number): Promise<StoredPublication[]> {
    if (!(limit > 0)) return [];
    const filter = offset === undefined ? { channel } : { channel, offset: { $lt: offset } };
    const rows = await this.model
      .find(filter, PROJECTION)
      .sort({ offset: -1 })
      .limit(limit)
      .lean<StoredPublication[]>();
    return rows.map(fields).reverse();
  }

  async top(channel: string): Promise<{ offset: number; epoch: string } | null> {
    const row = await this.model
      .findOne({ channel }, { _id: 0, offset: 1, epoch: 1 })
      .sort({ offset: -1 })
      .lean<Pick<StoredPublication, 'offset' | 'epoch'>>();
    return row ? { offset: row.offset, epoch: row.epoch } : null;
  }

  async first(channel: string): Promise<number | null> {
    const row = await this.model
      .findOne({ channel }, { _id: 0, offset: 1 })
      .sort({ offset: 1 })
      .lean<Pick<StoredPublication, 'offset'>>();
    return row ? row.offset : null;
  }

  async redact(match: { userId: string } | { channel: string }, pseudonym: string): Promise<string[]> {
    const filter = 'userId' in match ? { userId: match.userId } : { channel: match.channel };
    const channels = (await this.model.distinct('channel', filter)) as string[];
    const set =
      'userId' in match
        ? { data: ERASED_DATA, userId: pseudonym, userName: ERASED_NAME, nonce: '' }
        : { data: ERASED_DATA };
    await this.model.updateMany(filter, { $set: set });
    return channels.sort();
  }

  async expire(channelPrefix: string, beforeTs: number, mode: 'delete' | 'anonymize'): Promise<number> {
    // An anchored, escaped prefix: the channel index serves it, and no character is a pattern.
    const filter = {
      channel: { $regex: `^${channelPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` },
      ts: { $lt: beforeTs },
    };
    if (mode === 'delete') return (await this.model.deleteMany(filter)).deletedCount;
    const { modifiedCount } = await this.model.updateMany(
      { ...filter, data: { $ne: ERASED_DATA } },
      { $set: { data: ERASED_DATA, userId: 'retained', userName: ERASED_NAME, nonce: '' } },
    );
    return modifiedCount;
  }
}
