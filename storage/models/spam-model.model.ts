// A retrained spam model: the artifact (model.json's format) with a version that only grows.
// Version 0 is the shipped model.json and is never stored; workers load the highest version.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const validationSchema = new Schema(
  {
    recall: { type: Number, required: true },
    fpr: { type: Number, required: true },
    mcc: { type: Number, required: true },
  },
  { _id: false, strict: 'throw' },
);

const spamModelSchema = new Schema(
  {
    version: { type: Number, required: true, min: 1, validate: Number.isSafeInteger, immutable: true },
    /** The artifact as JSON text (moderation/scoring/artifact.ts parses it). */
    artifact: { type: String, required: true, immutable: true },
    /** Moderator labels it learned from. */
    labels: { type: Number, required: true, min: 0, immutable: true },
    /** Its figures on the validation slice, and the figures of the model it replaced. */
    validation: { type: validationSchema, required: true },
    replaced: { type: validationSchema, required: true },
    createdAt: { type: Date, required: true, default: Date.now, immutable: true },
  },
  { strict: 'throw', versionKey: false },
);
// Two retrains racing for the next version: one wins, the other retries or gives up.
spamModelSchema.index({ version: 1 }, { unique: true });

export type SpamModel = InferSchemaType<typeof spamModelSchema>;
const define = (connection: Connection) => connection.model('SpamModel', spamModelSchema, 'spam_models');
export type SpamModelModel = ReturnType<typeof define>;

export function spamModelModel(connection: Connection): SpamModelModel {
  return (connection.models['SpamModel'] as SpamModelModel | undefined) ?? define(connection);
}
