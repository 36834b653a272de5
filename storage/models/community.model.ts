// A community: a space of the marketplace with its members, roles and channels. This is its
// identity record; members, roles and channels live in their own collections.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const EMPTY_AUTOMOD = '{"rules":[]}';

const threshold = (fallback: number) =>
  ({
    type: Number,
    default: fallback,
    min: 0,
    max: 1,
    validate: (v: number | null) => v === null || Number.isFinite(v),
  }) as const;

const scoringSchema = new Schema(
  {
    /** From this risk a message is flagged for review. */
    flagAt: threshold(0.6),
    /** From this risk a message is also hidden until a moderator approves it. */
    hideAt: threshold(0.9),
  },
  { _id: false, strict: 'throw' },
);

const roleMappingSchema = new Schema(
  {
    marketplaceRole: { type: String, required: true, match: /^[A-Za-z0-9_-]{1,32}$/ },
    roleIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { _id: false, strict: 'throw' },
);

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
    /**
     * The AutoMod configuration as canonical JSON (its rules are of many shapes; the moderation
     * module validates it with its schema before it is stored, and again when it compiles it).
     */
    automod: { type: String, default: EMPTY_AUTOMOD, maxlength: 500_000 },
    /** Risk scores (0..1) from which asynchronous scoring flags or hides a message; null: never. */
    scoring: { type: scoringSchema, default: () => ({}) },
    /** The marketplace user who owns it (provisioned through the service API); null for seeds. */
    ownerId: { type: String, default: null, match: /^[A-Za-z0-9_-]{1,64}$/ },
    /** An https URL of its icon, shown by widgets; null for none. */
    iconUrl: { type: String, default: null, maxlength: 2_048, match: /^https:\/\/\S+$/ },
    /** When it was archived: read-only for members (sends refused, history readable). */
    archivedAt: { type: Date, default: null },
    /** Community roles a marketplace role (a JWT `roles` entry) grants on joining. */
    roleMapping: { type: [roleMappingSchema], default: [] },
    /** The largest file its members may upload, below the deployment's; null: the deployment's. */
    attachmentMaxBytes: { type: Number, default: null, min: 1 },
    /** Files one message may carry, below the deployment's; null: the deployment's. */
    attachmentMaxPerMessage: { type: Number, default: null, min: 1, max: 50 },
    /** Uploads one member may have pending here, below the deployment's; null: the deployment's. */
    attachmentMaxPending: { type: Number, default: null, min: 1, max: 1_000 },
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
