// Uploaded files' descriptions: recording an upload, claiming pending uploads for a message,
// reading them back, and forgetting them (the caller deletes the bytes from the object store).
import { Types, type Connection } from 'mongoose';
import { attachmentModel, type Attachment } from '../models/attachment.model.js';
import { withDocumentLock } from './document-lock.js';

export type AttachmentDoc = Attachment & { _id: Types.ObjectId };

/**
 * Where an upload belongs: a channel (chat), a support conversation, or the first message of a
 * support conversation its uploader has not started yet (neither field set until that message
 * claims it, which sets the conversation).
 */
export type AttachmentScope = { channelId: string } | { conversationId: string } | { newConversation: true };

/**
 * Which pending uploads a message claims: those of its scope, or (`startsConversation`, the first
 * message of that new support conversation) the uploader's new-conversation uploads made for the
 * same community, which become that conversation's.
 */
export type ClaimScope =
  | Exclude<AttachmentScope, { newConversation: true }>
  | { startsConversation: string; communityId: string | null };

export type NewAttachment = Omit<
  Attachment,
  'messageId' | 'claimNonce' | 'claimedAt' | 'createdAt' | 'channelId' | 'conversationId'
> & {
  _id: Types.ObjectId;
  /** Set for a file that arrives with its message (a support file from Chatwoot). */
  messageId?: Types.ObjectId;
};

/** The scope as a filter on the scope's own field (the other is null), or on both being null. */
function scopeFilter(scope: AttachmentScope): Record<string, Types.ObjectId | null> {
  if ('newConversation' in scope) return { channelId: null, conversationId: null };
  return 'channelId' in scope
    ? { channelId: new Types.ObjectId(scope.channelId) }
    : { conversationId: new Types.ObjectId(scope.conversationId) };
}

/** What a claim matches on besides the owner, and what it sets besides the message. */
function claimTerms(scope: ClaimScope): {
  filter: Record<string, Types.ObjectId | null>;
  set: Record<string, Types.ObjectId>;
} {
  if (!('startsConversation' in scope)) return { filter: scopeFilter(scope), set: {} };
  const communityId = scope.communityId === null ? null : new Types.ObjectId(scope.communityId);
  return {
    filter: { ...scopeFilter({ newConversation: true }), communityId },
    set: { conversationId: new Types.ObjectId(scope.startsConversation) },
  };
}

export async function recordAttachment(
  connection: Connection,
  a: NewAttachment,
  scope: AttachmentScope,
): Promise<AttachmentDoc> {
  const doc = await attachmentModel(connection).create({
    ...a,
    channelId: null,
    conversationId: null,
    ...scopeFilter(scope),
    messageId: a.messageId ?? null,
    claimNonce: null,
    // Arriving with its message: claimed by it from the start.
    claimedAt: a.messageId ? new Date() : null,
  });
  return doc.toObject() as AttachmentDoc;
}

export async function getAttachment(connection: Connection, id: string): Promise<AttachmentDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return attachmentModel(connection).findById(id).lean<AttachmentDoc>().exec();
}

/**
 * Claims the uploads for a message: each must be the sender's, of this scope, and pending, or
 * already claimed by the same publish (a retried nonce: it keeps the first message's id). Returns those claimed, in the order
 * given; an id that cannot be claimed is missing from the result (the caller refuses the publish).
 */
export async function claimAttachments(
  connection: Connection,
  ids: readonly string[],
  claim: { ownerId: string; messageId: string; nonce: string },
  scope: ClaimScope,
): Promise<AttachmentDoc[]> {
  const model = attachmentModel(connection);
  const { filter, set } = claimTerms(scope);
  const claimed: AttachmentDoc[] = [];
  for (const id of ids) {
    const mine = { _id: new Types.ObjectId(id), ownerId: claim.ownerId, ...filter };
    const doc =
      (await withDocumentLock(connection, `attachments:${id}`, () =>
        model
          .findOneAndUpdate(
            { ...mine, messageId: null },
            {
              $set: {
                ...set,
                messageId: new Types.ObjectId(claim.messageId),
                claimNonce: claim.nonce || null,
                claimedAt: new Date(),
              },
            },
            { returnDocument: 'after' },
          )
          .lean<AttachmentDoc>()
          .exec(),
      )) ??
      // A retry: its message may be stored only now (the first attempt's was not), so the claim
      // sweep waits again from here.
      (claim.nonce
        ? await model
            .findOneAndUpdate(
              { ...mine, claimNonce: claim.nonce },
              { $set: { claimedAt: new Date() } },
              { returnDocument: 'after' },
            )
            .lean<AttachmentDoc>()
            .exec()
        : null);
    if (doc) claimed.push(doc);
  }
  return claimed;
}

/**
 * Gives a message's files back to pending (the message they were claimed for was not stored);
 * `newConversation`: the conversation that message started was not stored either, so they are
 * new-conversation uploads again.
 */
export async function releaseAttachments(
  connection: Connection,
  messageId: string,
  options: { newConversation?: boolean } = {},
): Promise<void> {
  await attachmentModel(connection)
    .updateMany(
      { messageId: new Types.ObjectId(messageId) },
      {
        $set: {
          messageId: null,
          claimNonce: null,
          claimedAt: null,
          ...(options.newConversation && { conversationId: null }),
        },
      },
    )
    .exec();
}

export async function attachmentsOfMessage(
  connection: Connection,
  messageId: string,
): Promise<AttachmentDoc[]> {
  return attachmentModel(connection)
    .find({ messageId: new Types.ObjectId(messageId) })
    .sort({ createdAt: 1 })
    .lean<AttachmentDoc[]>()
    .exec();
}

/**
 * The uploads matching a filter: a user's (`ownerId`), a community's, some messages', some
 * support conversations', or pending past a cutoff.
 */
export async function findAttachments(
  connection: Connection,
  filter:
    | { ownerId: string }
    | { communityId: string }
    | { pendingBefore: Date }
    | { messageIds: string[] }
    | { conversationIds: string[] },
  limit = 500,
): Promise<AttachmentDoc[]> {
  const ids = (list: string[]) => ({ $in: list.map((id) => new Types.ObjectId(id)) });
  const query =
    'ownerId' in filter
      ? { ownerId: filter.ownerId }
      : 'communityId' in filter
        ? { communityId: new Types.ObjectId(filter.communityId) }
        : 'messageIds' in filter
          ? { messageId: ids(filter.messageIds) }
          : 'conversationIds' in filter
            ? { conversationId: ids(filter.conversationIds) }
            : { messageId: null, createdAt: { $lt: filter.pendingBefore } };
  return attachmentModel(connection).find(query).limit(limit).lean<AttachmentDoc[]>().exec();
}

/**
 * A community's files of messages sent before `before` (retention), found by the message's id: an
 * ObjectId made when the message was published, so its time is the message's. `exceptOwners`
 * leaves out those whose uploader already matches (retention's pseudonyms, on a rerun). Support
 * conversations' files are not the channels' retention's: they go with their conversation.
 */
export async function sentAttachmentsBefore(
  connection: Connection,
  communityId: string,
  before: Date,
  options: { exceptOwners?: RegExp; limit?: number } = {},
): Promise<AttachmentDoc[]> {
  const sentBefore = Types.ObjectId.createFromTime(Math.floor(before.getTime() / 1000));
  return attachmentModel(connection)
    .find({
      communityId: new Types.ObjectId(communityId),
      conversationId: null,
      // Type bracketing: only ObjectIds below the cutoff, never the pending uploads' null.
      messageId: { $gte: Types.ObjectId.createFromTime(0), $lt: sentBefore },
      ...(options.exceptOwners && { ownerId: { $not: options.exceptOwners } }),
    })
    .limit(options.limit ?? 500)
    .lean<AttachmentDoc[]>()
    .exec();
}

/** Replaces who uploaded a file (retention's anonymize mode: the uploader's pseudonym). */
export async function setAttachmentOwner(
  connection: Connection,
  id: Types.ObjectId,
  ownerId: string,
): Promise<void> {
  await attachmentModel(connection).updateOne({ _id: id }, { $set: { ownerId } }).exec();
}

export async function forgetAttachment(connection: Connection, id: Types.ObjectId): Promise<void> {
  await attachmentModel(connection).deleteOne({ _id: id }).exec();
}
