// A ban: the user may not be a member of the community until unbanned.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { userIdField } from './fields.js';

const banSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    userId: userIdField,
    reason: { type: String, default: '', maxlength: 512 },
    bannedBy: userIdField,
    at: { type: Date, required: true, default: Date.now },
  },
  { strict: 'throw', versionKey: false },
);
// Is this user banned here (every join); unique: a user is banned once per community.
banSchema.index({ communityId: 1, userId: 1 }, { unique: true });
// A user's bans: data export and erasure.
banSchema.index({ userId: 1 });

export type Ban = InferSchemaType<typeof banSchema>;
const define = (connection: Connection) => connection.model('Ban', banSchema, 'bans');
export type BanModel = ReturnType<typeof define>;

export function banModel(connection: Connection): BanModel {
  return (connection.models['Ban'] as BanModel | undefined) ?? define(connection);
}
