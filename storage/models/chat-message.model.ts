// A chat message of a channel. Its identity is (channelId, offset): the offset Redis assigned to
// its creation event, so the real-time layer and this store agree on order and on duplicates.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { MAX_MESSAGE_BODY } from '../../protocol/limits.js';
import { USER_ID, userIdField } from './fields.js';

/** The protocol's limit, which the widgets' composers also guard. */
export const MAX_BODY = MAX_MESSAGE_BODY;
/** Distinct emoji per message, as Discord: bounds the document and the reaction bar. */
export const MAX_REACTION_EMOJI = 20;

const reactionSchema = new Schema(
  {
    /** A unicode emoji or a custom emoji's name; a value, never a field name. */
    emoji: { type: String, required: true, minlength: 1, maxlength: 64 },
    userIds: { type: [{ type: String, match: USER_ID }], default: [] },
  },
  { _id: false, strict: 'throw' },
);

/** Who a message notifies: unread mention counts are computed from these. */
const mentionsSchema = new Schema(
  {
    userIds: { type: [{ type: String, match: USER_ID }], default: [] },
    /** Role ids as hex strings. */
    roleIds: { type: [{ type: String, match: /^[0-9a-f]{24}$/ }], default: [] },
    everyone: { type: Boolean, default: false },
  },
  { _id: false, strict: 'throw' },
);

/** A previous version of the body, pushed by each edit with the time of that edit. */
const editSchema = new Schema(
  {
    body: { type: String, default: '', maxlength: MAX_BODY },
    editedAt: { type: Date, required: true },
  },
  { _id: false, strict: 'throw' },
);

const chatMessageSchema = new Schema(
  {
    channelId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    /** Null in direct messages. */
    communityId: { type: Schema.Types.ObjectId, default: null, immutable: true },
    /** The offset of the creation event in the channel's stream (gapless, from 1). */
    offset: { type: Number, required: true, min: 1, validate: Number.isSafeInteger, immutable: true },
    authorId: userIdField,
    /** The author's display name when they wrote it. */
    authorName: { type: String, required: true, maxlength: 100 },
    /** Plain text; '' once deleted or erased (`required` would reject it). */
    body: { type: String, default: '', maxlength: MAX_BODY },
    replyToId: { type: Schema.Types.ObjectId, default: null },
    /** The thread channel started from this message. */
    threadId: { type: Schema.Types.ObjectId, default: null },
    mentions: { type: mentionsSchema, required: true, default: () => ({}) },
    reactions: { type: [reactionSchema], default: [] },
    pinnedAt: { type: Date, default: null },
    pinnedBy: { type: String, default: null, match: USER_ID },
    edits: { type: [editSchema], default: [] },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    deletedBy: { type: String, default: null, match: USER_ID },
    /** Held back by moderation: only its author and the channel's moderators see its content. */
    hiddenAt: { type: Date, default: null },
    /** Who hid it: 'automod', 'scoring', or a moderator's user id. */
    hiddenBy: { type: String, default: null, match: USER_ID },
    /** The sender's idempotency key ('' when none). */
    nonce: { type: String, default: '', maxlength: 64 },
    createdAt: { type: Date, required: true, default: Date.now, immutable: true },
  },
  { strict: 'throw', versionKey: false },
);
// The identity of a message: insert is idempotent (a stored offset is a duplicate key); serves
// paging a channel backwards by offset and counting unread messages after a read offset.
chatMessageSchema.index({ channelId: 1, offset: 1 }, { unique: true });
// A channel's pinned messages, newest pin first.
chatMessageSchema.index({ channelId: 1, pinnedAt: -1 });
// A user's messages: data export and erasure.
chatMessageSchema.index({ authorId: 1 });
// A community's messages by age: retention (createdAt < cutoff) and search (newest first).
chatMessageSchema.index({ communityId: 1, createdAt: -1 });

export type ChatMessage = InferSchemaType<typeof chatMessageSchema>;
const define = (connection: Connection) =>
  connection.model('ChatMessage', chatMessageSchema, 'chat_messages');
export type ChatMessageModel = ReturnType<typeof define>;

export function chatMessageModel(connection: Connection): ChatMessageModel {
  return (connection.models['ChatMessage'] as ChatMessageModel | undefined) ?? define(connection);
}
