// The newest entry of each audit log, kept apart from the entries: the chain alone cannot show
// that its newest entries were cut off (what remains is still a valid chain), but a head that
// names a seq the log no longer reaches, or another hash at that seq, can.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const auditHeadSchema = new Schema(
  {
    /** The log's community; null for the system-wide log. */
    communityId: { type: Schema.Types.ObjectId, default: null },
    seq: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    hash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
  },
  { strict: 'throw', versionKey: false },
);
// One head per log.
auditHeadSchema.index({ communityId: 1 }, { unique: true });

export type AuditHead = InferSchemaType<typeof auditHeadSchema>;
const define = (connection: Connection) => connection.model('AuditHead', auditHeadSchema, 'audit_heads');
export type AuditHeadModel = ReturnType<typeof define>;

export function auditHeadModel(connection: Connection): AuditHeadModel {
  return (connection.models['AuditHead'] as AuditHeadModel | undefined) ?? define(connection);
}
