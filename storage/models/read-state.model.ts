// How far a user has read a channel: the offset of the last message they saw. Unread and
// mention counts are computed from it (storage/repositories/read-states.ts), never stored.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { userIdField } from './fields.js';

const readStateSchema = new Schema(
  {
    userId: userIdField,
    channelId: { type: Schema.Types.ObjectId, required: true },
    lastReadOffset: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    updatedAt: { type: Date, required: true, default: Date.now },
  },
  { strict: 'throw', versionKey: false },
);
// The read state of a user in a channel (unread counts, mark-as-read); unique: one per pair. Its
// userId prefix serves a user's read states: data export and erasure.
readStateSchema.index({ userId: 1, channelId: 1 }, { unique: true });

export type ReadState = InferSchemaType<typeof readStateSchema>;
const define = (connection: Connection) => connection.model('ReadState', readStateSchema, 'read_states');
export type ReadStateModel = ReturnType<typeof define>;

export function readStateModel(connection: Connection): ReadStateModel {
  return (connection.models['ReadState'] as ReadStateModel | undefined) ?? define(connection);
}
