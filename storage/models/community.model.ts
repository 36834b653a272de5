// A community: a space of the marketplace with its members, roles and channels. This is its
// identity record; members, roles and channels live in their own collections.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const communitySchema = new Schema(
  {
    /** URL-safe, unique handle used in widget attributes and API paths. */
    slug: { type: String, required: true, match: /^[a-z0-9][a-z0-9-]{1,62}$/ },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    description: { type: String, default: '', maxlength: 1_000 },
    /** Days after which messages are deleted or anonymized; null keeps them. */
    retentionDays: { type: Number, default: null, min: 1 },
    /** What retention does to old messages: delete them, or keep them with authorship removed. */
    retentionMode: { type: String, enum: ['delete', 'anonymize'], default: 'delete' },
  },
  { timestamps: true, strict: 'throw' },
);
// Lookup by slug on every widget connect; unique so two communities never share a handle.
communitySchema.index({ slug: 1 }, { unique: true });

export type Community = InferSchemaType<typeof communitySchema>;
const define = (connection: Connection) => connection.model('Community', communitySchema);
export type CommunityModel = ReturnType<typeof define>;

export function communityModel(connection: Connection): CommunityModel {
  return (connection.models['Community'] as CommunityModel | undefined) ?? define(connection);
}
