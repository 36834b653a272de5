// A user's membership of a community: their name there, their roles, their timeout. One per
// (community, user); leaving keeps the row (leftAt set, roles cleared) so a rejoin is an update.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { userIdField } from './fields.js';

const memberSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    userId: userIdField,
    displayName: { type: String, required: true, trim: true, maxlength: 100 },
    /** Their profile picture (https): the `picture` of the token they joined with, or the one the
     * service API's member upsert gave; null without one. */
    picture: { type: String, default: null, maxlength: 2_048 },
    /** Roles assigned in this community; @everyone is implicit and never listed here. */
    roleIds: { type: [Schema.Types.ObjectId], default: [] },
    joinedAt: { type: Date, required: true, default: Date.now },
    /** Until when the member may not speak or react; null when not timed out. */
    timeoutUntil: { type: Date, default: null },
    /** Set when the member left, was removed or banned; null while a member. */
    leftAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// Membership lookup on every action in a community; unique: one membership per user and community.
memberSchema.index({ communityId: 1, userId: 1 }, { unique: true });
// A user's memberships across communities: their community list, data export and erasure.
memberSchema.index({ userId: 1 });

export type Member = InferSchemaType<typeof memberSchema>;
const define = (connection: Connection) => connection.model('Member', memberSchema, 'members');
export type MemberModel = ReturnType<typeof define>;

export function memberModel(connection: Connection): MemberModel {
  return (connection.models['Member'] as MemberModel | undefined) ?? define(connection);
}
