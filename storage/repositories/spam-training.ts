// What the spam model learns from after it ships: moderators' labels, and the retrained models
// (artifacts with a growing version) the workers load.
import type { Connection, InferRawDocTypeFromSchema } from 'mongoose';
import { spamLabelModel, type SpamLabelModel } from '../models/spam-label.model.js';
import { spamModelModel, type SpamModelModel } from '../models/spam-model.model.js';
import { isDuplicateKey, oid, RepositoryError, userId, validated, type Id } from './errors.js';

export type SpamLabelDoc = InferRawDocTypeFromSchema<SpamLabelModel['schema']>;
export type SpamModelDoc = InferRawDocTypeFromSchema<SpamModelModel['schema']>;

export interface NewSpamLabel {
  messageId: Id;
  communityId: Id;
  authorId: string;
  text: string;
  spam: boolean;
  source: string;
  by: string;
  at?: Date;
}

/** Records the label of a message, replacing an earlier one: the latest human judgement wins. */
export async function putSpamLabel(connection: Connection, label: NewSpamLabel): Promise<void> {
  const messageId = oid(label.messageId, 'messageId');
  const fields = {
    communityId: oid(label.communityId, 'communityId'),
    authorId: userId(label.authorId, 'authorId'),
    text: label.text,
    spam: label.spam,
    source: label.source,
    by: userId(label.by, 'by'),
    at: label.at ?? new Date(),
  };
  const Label = spamLabelModel(connection);
  await validated(new Label({ messageId, ...fields }).validate());
  // Replace rather than upsert-with-$set: immutable fields may not appear in an update.
  await Label.deleteOne({ messageId });
  try {
    await Label.create({ messageId, ...fields });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // a concurrent label of the same message won
  }
}

export async function listSpamLabels(connection: Connection, limit = 50_000): Promise<SpamLabelDoc[]> {
  return spamLabelModel(connection).find({}).sort({ at: 1 }).limit(limit).lean<SpamLabelDoc[]>();
}

/** A user's erasure: labels of their messages go (they hold the text); as labeller, the pseudonym stands. */
export async function eraseSpamLabels(
  connection: Connection,
  user: string,
  pseudonym: string,
): Promise<number> {
  const Label = spamLabelModel(connection);
  const { deletedCount } = await Label.deleteMany({ authorId: userId(user) });
  await Label.updateMany({ by: userId(user) }, { $set: { by: userId(pseudonym, 'pseudonym') } });
  return deletedCount;
}

/** The newest stored model's version; 0 when there is none (the shipped model.json). */
export async function latestSpamModelVersion(connection: Connection): Promise<number> {
  const top = await spamModelModel(connection)
    .findOne({}, { version: 1 })
    .sort({ version: -1 })
    .lean<Pick<SpamModelDoc, 'version'>>();
  return top?.version ?? 0;
}

export async function getSpamModel(connection: Connection, version: number): Promise<SpamModelDoc | null> {
  return spamModelModel(connection).findOne({ version }).lean<SpamModelDoc>();
}

export interface NewSpamModel {
  artifact: string;
  labels: number;
  validation: { recall: number; fpr: number; mcc: number };
  replaced: { recall: number; fpr: number; mcc: number };
}

/**
 * Stores a model as the version after `basedOn`. A conflict when another retrain stored that
 * version first: this one was judged against a model that is no longer the current one.
 */
export async function storeSpamModel(
  connection: Connection,
  basedOn: number,
  model: NewSpamModel,
): Promise<SpamModelDoc> {
  try {
    const doc = await validated(spamModelModel(connection).create({ ...model, version: basedOn + 1 }));
    return doc.toObject();
  } catch (err) {
    if (isDuplicateKey(err))
      throw new RepositoryError('conflict', `spam model version ${basedOn + 1} exists`);
    throw err;
  }
}
