// The hub side of support conversations: which Chatwoot conversation a member's conversation is,
// its state as last synced, its SLA clocks, and its messages with their Chatwoot ids. Kept in
// inbox/ (not storage/) so storage stays free of the inbox; FerretDB-compatible: no partial or
// sparse indexes, so ids that may be null are indexed without `unique`.
import { Schema, Types, type Connection, type InferSchemaType, type UpdateQuery } from 'mongoose';
import { withDocumentLock } from '../../storage/repositories/document-lock.js';
import { idsFilterParts } from '../../storage/repositories/server-kind.js';

const conversationSchema = new Schema(
  {
    userId: { type: String, required: true },
    userName: { type: String, required: true },
    communityId: { type: String, default: null },
    subject: { type: String, required: true },
    chatwootConversationId: { type: Number, default: null },
    chatwootContactId: { type: Number, default: null },
    status: { type: String, required: true, default: 'open' },
    priority: { type: String, required: true, default: 'none' },
    assigneeId: { type: Number, default: null },
    teamId: { type: Number, default: null },
    labels: { type: [String], default: [] },
    language: { type: String, default: null },
    createdAt: { type: Date, required: true, default: Date.now },
    updatedAt: { type: Date, required: true, default: Date.now },
    /** When the member's oldest unanswered message arrived; null when an agent has answered. */
    awaitingSince: { type: Date, default: null },
    firstResponseAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    /** When it was last reopened after being resolved: the resolution clock runs from here. */
    reopenedAt: { type: Date, default: null },
    /** SLA targets that were breached: first_response, next_response, resolution. */
    breaches: { type: [String], default: [] },
    /** When each running SLA clock falls due (null when it does not run), for countdowns. */
    slaDue: {
      first_response: { type: Date, default: null },
      next_response: { type: Date, default: null },
      resolution: { type: Date, default: null },
    },
    escalated: { type: Boolean, default: false },
    /** Chatwoot's `updated_at` (ms) of the newest conversation event seen: older ones are stale. */
    chatwootUpdatedAt: { type: Number, default: null },
    /**
     * When the hub last changed the conversation's state itself (a route, routing, an escalation):
     * a Chatwoot event from before it is stale too (Chatwoot's event for the hub's change, which
     * carries the whole state, follows it).
     */
    hubChangedAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// A member's conversations, newest first (the member's list).
conversationSchema.index({ userId: 1, createdAt: -1 });
// Webhooks name the Chatwoot conversation.
conversationSchema.index({ chatwootConversationId: 1 });
// Open conversations per agent (routing by load, reassignment when an agent goes offline).
conversationSchema.index({ status: 1, assigneeId: 1 });

const messageSchema = new Schema(
  {
    conversationId: { type: Schema.Types.ObjectId, required: true },
    /** member: written by the member; agent: a reply; note: a private note (never shown to the member). */
    direction: { type: String, required: true, enum: ['member', 'agent', 'note'] },
    /** Empty for a message of files alone (`required` would refuse the empty string). */
    content: { type: String, default: '' },
    authorId: { type: String, required: true },
    authorName: { type: String, required: true },
    /** Written in Hubbub: its own id (sent as Chatwoot's source_id); from Chatwoot: `cw-<id>`. */
    sourceId: { type: String, required: true },
    chatwootMessageId: { type: Number, default: null },
    /** Hub-written messages: whether Chatwoot has it. */
    delivered: { type: Boolean, required: true, default: false },
    createdAt: { type: Date, required: true, default: Date.now },
    /**
     * The message's files as its record and events carry them (community/attachments'
     * descriptors; the bytes are the attachments'). Messages from before attachments read as [].
     */
    attachments: {
      type: [
        new Schema(
          {
            id: { type: String, required: true },
            name: { type: String, required: true },
            size: { type: Number, required: true },
            contentType: { type: String, required: true },
            width: { type: Number, default: null },
            height: { type: Number, default: null },
            thumbnail: { type: Boolean, required: true },
          },
          { _id: false, strict: 'throw' },
        ),
      ],
      default: [],
    },
  },
  { strict: 'throw', versionKey: false },
);
// The one copy of each message, whichever side wrote it: de-duplicates webhook redeliveries.
messageSchema.index({ sourceId: 1 }, { unique: true });
// A conversation's messages in order; its undelivered ones for the outbound sync.
messageSchema.index({ conversationId: 1, createdAt: 1 });
messageSchema.index({ chatwootMessageId: 1 });

export type SupportConversation = InferSchemaType<typeof conversationSchema> & { _id: Types.ObjectId };
export type SupportMessage = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };

const defineConversation = (c: Connection) =>
  c.model('SupportConversation', conversationSchema, 'support_conversations');
const defineMessage = (c: Connection) => c.model('SupportMessage', messageSchema, 'support_messages');
export type SupportConversationModel = ReturnType<typeof defineConversation>;
export type SupportMessageModel = ReturnType<typeof defineMessage>;

export function supportConversations(c: Connection): SupportConversationModel {
  return (c.models['SupportConversation'] as SupportConversationModel | undefined) ?? defineConversation(c);
}

export function supportMessages(c: Connection): SupportMessageModel {
  return (c.models['SupportMessage'] as SupportMessageModel | undefined) ?? defineMessage(c);
}

/**
 * One update of one conversation: `filter` (besides its id) restates what the writer relies on,
 * `update` sets only the fields that writer owns, never a copy read before. Runs under the
 * conversation's document lock (a no-op on MongoDB, which applies it atomically by itself).
 * Resolves to the conversation as updated, or null when the filter did not match.
 */
export function updateConversation(
  connection: Connection,
  id: Types.ObjectId | string,
  filter: Record<string, unknown>,
  update: UpdateQuery<SupportConversation>,
): Promise<SupportConversation | null> {
  return withDocumentLock(connection, `support_conversations:${String(id)}`, () =>
    supportConversations(connection)
      .findOneAndUpdate({ ...filter, _id: id }, update, { returnDocument: 'after' })
      .lean<SupportConversation>(),
  );
}

export async function syncInboxIndexes(c: Connection): Promise<void> {
  await supportConversations(c).syncIndexes();
  await supportMessages(c).syncIndexes();
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Which of these support messages are stored (the attachments' claim sweep asks). */
export async function storedSupportMessages(c: Connection, ids: readonly string[]): Promise<Set<string>> {
  const model = supportMessages(c);
  const parts = await idsFilterParts(
    c,
    ids.map((id) => new Types.ObjectId(id)),
  );
  const found = await Promise.all(
    parts.map((part) => model.find(part, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>().exec()),
  );
  return new Set(found.flat().map((m) => m._id.toHexString()));
}
