// A channel: a place messages (or voice) happen. Community channels sit in categories; threads
// hang off a channel; direct messages ('dm', 'group_dm') belong to no community.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { isPermissionBits, USER_ID, userIdField } from './fields.js';

export const CHANNEL_KINDS = [
  'category',
  'text',
  'announcement',
  'voice',
  'stage',
  'support',
  'dm',
  'group_dm',
  'thread',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const MAX_SLOWMODE_S = 21_600;

const permissionBits = {
  type: Number,
  required: true,
  default: 0,
  validate: { validator: isPermissionBits, message: 'permission bits must be an integer in [0, 2^31)' },
} as const;

/** Per-channel permission changes for one role or one member, applied over their role bits. */
const overwriteSchema = new Schema(
  {
    targetType: { type: String, required: true, enum: ['role', 'member'] },
    /** A role's id (hex) or a member's user id. */
    targetId: { type: String, required: true, match: /^[A-Za-z0-9_-]{1,64}$/ },
    allow: permissionBits,
    deny: permissionBits,
  },
  { _id: false, strict: 'throw' },
);

const channelSchema = new Schema(
  {
    /** Null for direct messages. */
    communityId: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, required: true, enum: CHANNEL_KINDS, immutable: true },
    // '' allowed (direct messages are named by their participants): `required` would reject it.
    name: { type: String, default: '', trim: true, maxlength: 100 },
    topic: { type: String, default: '', maxlength: 1_024 },
    /** The category of a channel, the parent channel of a thread; null otherwise. */
    parentId: { type: Schema.Types.ObjectId, default: null },
    position: { type: Number, default: 0, validate: Number.isSafeInteger },
    private: { type: Boolean, default: false },
    overwrites: { type: [overwriteSchema], default: [] },
    slowmodeS: { type: Number, default: 0, min: 0, max: MAX_SLOWMODE_S, validate: Number.isSafeInteger },
    archivedAt: { type: Date, default: null },
    /** The users of a 'dm' or 'group_dm'; empty for community channels. */
    participantIds: {
      type: [{ type: String, match: USER_ID }],
      default: [],
    },
    createdBy: userIdField,
    /**
     * The sorted pair of user ids of a 'dm' ('a:b'), `#<_id>` for every other channel: unique,
     * so two simultaneous find-or-creates of one pair's DM yield one channel. Always present
     * because FerretDB 1.24 has neither partial indexes nor a sparse option that syncIndexes()
     * keeps (see role.model.ts). Set in pre('validate'); rewritten by erasure (privacy.ts).
     */
    dmKey: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);

/** The key of the DM channel between two users, whatever their order. */
export function dmKeyOf(a: string, b: string): string {
  return [a, b].sort().join(':');
}

channelSchema.pre('validate', function () {
  const [a, b] = this.participantIds;
  this.dmKey =
    this.kind === 'dm' && a !== undefined && b !== undefined ? dmKeyOf(a, b) : `#${this._id.toHexString()}`;
});
// A community's channels in order: the channel list (sorted by category position in memory).
channelSchema.index({ communityId: 1, position: 1 });
// A thread's parent and a category's children: the threads of a channel, moving or deleting a category.
channelSchema.index({ parentId: 1 });
// The DM channel of a pair of users; unique, so find-or-create is idempotent under concurrency.
channelSchema.index({ dmKey: 1 }, { unique: true });

export type Channel = InferSchemaType<typeof channelSchema>;
export type Overwrite = Channel['overwrites'][number];
const define = (connection: Connection) => connection.model('Channel', channelSchema, 'channels');
export type ChannelModel = ReturnType<typeof define>;

export function channelModel(connection: Connection): ChannelModel {
  return (connection.models['Channel'] as ChannelModel | undefined) ?? define(connection);
}
