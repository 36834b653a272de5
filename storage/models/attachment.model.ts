// An uploaded file (a chat or support attachment): its description, where its bytes are in the
// object store (`key`, and `thumbKey` for an image's thumbnail), its owner scope (a channel, a
// support conversation, or a new one's first message), and the message that uses it. An upload
// is pending (`messageId` null) until a sent message references it; pending ones expire. A claim
// stays unconfirmed (`claimedAt` set) until the claim sweep finds its message stored: a claim
// whose message never was (its node died in between) is deleted then.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { userIdField } from './fields.js';

export const ATTACHMENTS = 'attachments';

const attachmentSchema = new Schema(
  {
    ownerId: userIdField,
    /** Null in direct conversations. */
    communityId: { type: Schema.Types.ObjectId, default: null, immutable: true },
    /**
     * The owner scope: the channel of a chat upload, or the support conversation of a support
     * one; at most one is set. Neither: an upload for the first message of a support conversation
     * not started yet, whose claim sets `conversationId` (the one change of scope there is: a claim
     * matches it null). Rows from before support attachments have no `conversationId`, which reads
     * as null (a channel's), so they need no migration.
     */
    channelId: { type: Schema.Types.ObjectId, default: null, immutable: true },
    conversationId: { type: Schema.Types.ObjectId, default: null },
    /** A base name: no path, no control characters. */
    name: { type: String, required: true, minlength: 1, maxlength: 255 },
    size: { type: Number, required: true, min: 0 },
    /** Sniffed from the bytes, never the client's claim. */
    contentType: { type: String, required: true, maxlength: 100 },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    key: { type: String, required: true, immutable: true },
    thumbKey: { type: String, default: null },
    /** The message that uses it; null while pending. */
    messageId: { type: Schema.Types.ObjectId, default: null },
    /** The nonce of the publish that claimed it: a retried publish claims it again. */
    claimNonce: { type: String, default: null, maxlength: 64 },
    /**
     * When a message last claimed it (a retried publish too), until the claim sweep found that
     * message stored; null then, and while pending. Rows from before it have none (not checked).
     */
    claimedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true, default: Date.now, immutable: true },
  },
  { strict: 'throw', versionKey: false },
);
// A message's attachments (history, deletion) and the pending sweep (messageId null, oldest first).
attachmentSchema.index({ messageId: 1, createdAt: 1 });
// A user's uploads: export and erasure.
attachmentSchema.index({ ownerId: 1 });
// A deleted community's uploads, and retention's (files of its messages sent before a cutoff).
attachmentSchema.index({ communityId: 1, messageId: 1 });
// A support conversation's files (its member's erasure).
attachmentSchema.index({ conversationId: 1 });
// The claim sweep: claims not confirmed yet, oldest first.
attachmentSchema.index({ claimedAt: 1 });

export type Attachment = InferSchemaType<typeof attachmentSchema>;
const define = (connection: Connection) => connection.model('Attachment', attachmentSchema, ATTACHMENTS);
export type AttachmentModel = ReturnType<typeof define>;

export function attachmentModel(connection: Connection): AttachmentModel {
  return (connection.models['Attachment'] as AttachmentModel | undefined) ?? define(connection);
}
