// An entry of an append-only audit log: one log per community, one system-wide (communityId
// null). Entries are chained: each hash covers the previous one, so an edited or deleted entry
// breaks the chain (storage/repositories/audit.ts appends and verifies).
import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const SHA256_HEX = /^[0-9a-f]{64}$/;

const auditEntrySchema = new Schema(
  {
    /** Position in its log: 1, 2, 3... without gaps. */
    seq: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    communityId: { type: Schema.Types.ObjectId, default: null },
    /** Who did it: a user id, or a system actor such as 'system' or 'automod'. */
    actorId: { type: String, required: true, maxlength: 64 },
    /** What was done, as 'noun.verb': 'member.ban', 'user.export', 'user.erase'. */
    action: { type: String, required: true, match: /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, maxlength: 64 },
    target: {
      type: { type: String, default: '', maxlength: 32 },
      id: { type: String, default: '', maxlength: 128 },
    },
    /** JSON text, so no caller-chosen key becomes a field name and hashing is byte-exact. */
    details: { type: String, default: '{}', maxlength: 16_384 },
    at: { type: Date, required: true },
    prevHash: { type: String, required: true, match: SHA256_HEX },
    hash: { type: String, required: true, match: SHA256_HEX },
  },
  { strict: 'throw', versionKey: false },
);
// The identity of an entry in its log: unique, so two concurrent appends cannot both take the
// next seq (the loser retries); serves reading the head of a log and walking it in order.
auditEntrySchema.index({ communityId: 1, seq: 1 }, { unique: true });

export type AuditEntry = InferSchemaType<typeof auditEntrySchema>;
const define = (connection: Connection) => connection.model('AuditEntry', auditEntrySchema, 'audit_entries');
export type AuditEntryModel = ReturnType<typeof define>;

export function auditEntryModel(connection: Connection): AuditEntryModel {
  return (connection.models['AuditEntry'] as AuditEntryModel | undefined) ?? define(connection);
}
