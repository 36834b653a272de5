// The log of every topic (`publications`), and the one durable record of each chat message.
// Every publication of a topic is a row {channel, offset, epoch, data, userId, userName, nonce,
// ts}; a chat message's creation publication carries the message's fields as well (channelId,
// body, mentions, reactions, …): REST history, gateway history and recovery, search, moderation
// and export all read that one document. Its identity is (channel, offset), the offset Redis
// assigned, so the real-time layer and this store agree on order and on duplicates. Rows without
// channelId (other topics' events: edits, reactions, mentions, timeline) are invisible to the
// chat queries, which all filter on channelId.
// Rows are written in bulk through the driver by storage/messages (message-record.ts builds them
// to this schema; its test checks they validate); this model serves the chat repositories.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { MAX_MESSAGE_BODY } from '../../protocol/limits.js';
import { USER_ID, userIdField } from './fields.js';

/** The collection of the log and its messages. */
export const PUBLICATIONS = 'publications';

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

/** A file the message carries (its bytes and full description are in `attachments`). */
const attachmentSchema = new Schema(
  {
    id: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 255 },
    size: { type: Number, required: true, min: 0 },
    contentType: { type: String, required: true, maxlength: 100 },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    thumbnail: { type: Boolean, default: false },
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
    // --- the log row (every topic) ---
    /** The topic: `chan:<community|dm>:<channel>` for a chat message. */
    channel: { type: String, required: true, immutable: true },
    epoch: { type: String, required: true },
    /**
     * What the topic's subscribers receive, as JSON text (gateway history and recovery replay it).
     * Rewritten when content must disappear: a deleted, hidden or erased message's text goes.
     */
    data: { type: String, required: true },
    userId: { type: String, default: '' },
    userName: { type: String, default: '' },
    /** Milliseconds since the epoch. */
    ts: { type: Number, required: true, immutable: true },
    // --- the chat message (creation publications of chat messages only) ---
    channelId: { type: Schema.Types.ObjectId, required: true, immutable: true },
    /** Null in direct messages. */
    communityId: { type: Schema.Types.ObjectId, default: null, immutable: true },
    /** The offset of the creation event in the channel's stream (gapless, from 1). */
    offset: { type: Number, required: true, min: 1, validate: Number.isSafeInteger, immutable: true },
    authorId: userIdField,
    /** The author's display name when they wrote it. */
    authorName: { type: String, required: true, maxlength: 100 },
    /** The author's profile picture (an https URL from their token) when they wrote it; absent without one. */
    authorPicture: { type: String, maxlength: 2_048 },
    /** Plain text; '' once deleted or erased (`required` would reject it). */
    body: { type: String, default: '', maxlength: MAX_BODY },
    replyToId: { type: Schema.Types.ObjectId, default: null },
    /** The thread channel started from this message. */
    threadId: { type: Schema.Types.ObjectId, default: null },
    mentions: { type: mentionsSchema, required: true, default: () => ({}) },
    reactions: { type: [reactionSchema], default: [] },
    /** Its files; absent in rows written before attachments existed (read as none). */
    attachments: { type: [attachmentSchema], default: [] },
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
// The identity of a publication: insert is idempotent (a stored offset is a duplicate key);
// serves gateway history and recovery, forwards and backwards by offset.
chatMessageSchema.index({ channel: 1, offset: 1 }, { unique: true });
// Chat history: paging a channel's messages by offset, unread counts after a read offset. Not
// unique: rows of other topics have no channelId (identity is (channel, offset) above).
chatMessageSchema.index({ channelId: 1, offset: 1 });
// A channel's pinned messages, newest pin first.
chatMessageSchema.index({ channelId: 1, pinnedAt: -1 });
// A user's messages: data export and erasure.
chatMessageSchema.index({ authorId: 1 });
// A community's messages by age: retention (createdAt < cutoff) and search (newest first).
chatMessageSchema.index({ communityId: 1, createdAt: -1 });
// The scoring workers' repair sweep: the messages stored in a time window, oldest first.
chatMessageSchema.index({ createdAt: 1 });

export type ChatMessage = InferSchemaType<typeof chatMessageSchema>;
const define = (connection: Connection) => connection.model('ChatMessage', chatMessageSchema, PUBLICATIONS);
export type ChatMessageModel = ReturnType<typeof define>;

export function chatMessageModel(connection: Connection): ChatMessageModel {
  return (connection.models['ChatMessage'] as ChatMessageModel | undefined) ?? define(connection);
}
