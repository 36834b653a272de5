// A role of a community: a named permission bitfield with a rank. Every community has the
// @everyone role (key 'everyone') and one role per marketplace role (key 'member', 'host', ...);
// custom roles have key null.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { permissionsField } from './fields.js';

/** Keys of the roles a community is created with: @everyone and the marketplace roles. */
export const ROLE_KEYS = ['everyone', 'member', 'host', 'agent', 'moderator', 'admin'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

const roleSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    permissions: permissionsField,
    /** Rank: higher above lower in lists and in who may act on whom. @everyone is lowest. */
    position: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    /** Display colour as #rrggbb. */
    color: { type: String, match: /^#[0-9a-f]{6}$/i },
    mentionable: { type: Boolean, default: false },
    key: { type: String, enum: [...ROLE_KEYS, null], default: null, immutable: true },
    /**
     * `key`, or `#<_id>` for a custom role: unique per community. FerretDB 1.24 has no
     * partialFilterExpression, and mongoose re-creates a `sparse` index on every syncIndexes()
     * there (FerretDB accepts the option but does not report it back), so the uniqueness of
     * non-null keys is a plain unique index on this always-present field. Set in pre('validate').
     */
    keySlot: { type: String, required: true, immutable: true },
  },
  { strict: 'throw', versionKey: false },
);
roleSchema.pre('validate', function () {
  this.keySlot = this.key ?? `#${this._id.toHexString()}`;
});
// One role per key in a community (at most one @everyone, one per marketplace role), and the
// lookup of the role a marketplace role maps to when a member joins.
roleSchema.index({ communityId: 1, keySlot: 1 }, { unique: true });
// A community's roles in rank order: role lists and permission resolution.
roleSchema.index({ communityId: 1, position: 1 });

export type Role = InferSchemaType<typeof roleSchema>;
const define = (connection: Connection) => connection.model('Role', roleSchema, 'roles');
export type RoleModel = ReturnType<typeof define>;

export function roleModel(connection: Connection): RoleModel {
  return (connection.models['Role'] as RoleModel | undefined) ?? define(connection);
}
