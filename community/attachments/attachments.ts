// The attachments feature above the ObjectStore seam: uploads become pending attachments of a
// channel or of a support conversation (their owner scope; or of the first message of a support
// conversation not started yet, which gets its conversation when that message claims it), a sent
// message claims them, readers get signed links, and every way a message or a user goes away
// (deletion, erasure, retention, a deleted community or support conversation, a pending upload
// never sent) deletes the bytes from the store as well as the description.
import { Types, type Connection } from 'mongoose';
import type { Readable } from 'node:stream';
import { HubError } from '../../protocol/index.js';
import type { ObjectStore } from '../../storage/objects/object-store.js';
import {
  claimAttachments,
  findAttachments,
  forgetAttachment,
  recordAttachment,
  releaseAttachments,
  sentAttachmentsBefore,
  setAttachmentOwner,
  type AttachmentDoc,
  type AttachmentScope,
  type ClaimScope,
} from '../../storage/repositories/attachments.js';
import { getAttachmentLimits } from '../../storage/repositories/communities.js';
import { pseudonymFor } from '../../storage/repositories/privacy.js';
import type { UserDataSource } from '../privacy.js';
import { effectiveLimits, type AttachmentLimits } from './limits.js';
import { DownloadSigner } from './signed-url.js';
import { ImageSlots } from './image-slots.js';
import type { PendingUploads } from './pending-uploads.js';
import { filePart, storeUpload, type UploadCheck } from './upload.js';

/** What pseudonymFor makes: an anonymized upload is not anonymized again. */
const PSEUDONYM = /^erased-[0-9a-f]{24}$/;

export interface AttachmentSettings {
  maxBytes: number;
  maxPerMessage: number;
  maxPending: number;
  urlTtlS: number;
  pendingTtlS: number;
  maxImagePixels: number;
  /** Images re-encoded at once on this node (HUB_ATTACHMENTS_IMAGE_CONCURRENCY). */
  imageConcurrency: number;
}

/** What a message carries of each attachment (its record and its publications). */
export interface AttachmentDescriptor {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

/** A descriptor with fresh signed download links for one reader. */
export interface LinkedAttachment extends AttachmentDescriptor {
  url: string;
  thumbnailUrl: string | null;
}

export function descriptorOf(a: AttachmentDoc): AttachmentDescriptor {
  return {
    id: a._id.toHexString(),
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    width: a.width ?? null,
    height: a.height ?? null,
    thumbnail: Boolean(a.thumbKey),
  };
}

/** Who reads a support conversation's file: its member, or (as the link says) a support agent. */
export type ConversationAccess = (
  conversationId: string,
  reader: { id: string; agent: boolean },
) => Promise<boolean>;

export class Attachments {
  readonly signer: DownloadSigner;
  /** The node's bound on images re-encoded at once (one per Attachments: one per node). */
  readonly imageSlots: ImageSlots;

  constructor(
    readonly connection: Connection,
    readonly store: ObjectStore,
    readonly settings: AttachmentSettings,
    serverSecret: string,
    /** The cap on each member's pending uploads; without it (workers, the CLI) uploads are not capped. */
    private readonly pending?: PendingUploads,
  ) {
    this.signer = new DownloadSigner(serverSecret, settings.urlTtlS);
    this.imageSlots = new ImageSlots(settings.imageConcurrency);
  }

  /**
   * Who may read a support conversation's files: set by the support inbox (inbox/module.ts); while
   * unset (no inbox), nobody, so such a link finds nothing.
   */
  conversationAccess: ConversationAccess = () => Promise.resolve(false);

  /**
   * The file's description with links for this reader (who must be allowed to view it); `agent`
   * marks a link made for a support agent (signed with it: checked again at download).
   */
  linked(a: AttachmentDoc, userId: string, as?: 'agent'): LinkedAttachment {
    const id = a._id.toHexString();
    return {
      ...descriptorOf(a),
      url: this.signer.url(id, 'file', userId, Date.now(), as),
      thumbnailUrl: a.thumbKey ? this.signer.url(id, 'thumb', userId, Date.now(), as) : null,
    };
  }

  /**
   * Stores a multipart upload as a pending attachment of the channel or support conversation (or
   * of the first message of a support conversation its owner has not started yet). Refused
   * `pending_upload_limit` before its body is read when the uploader has as many pending in its
   * scope (the community's channels, direct conversations, or support: pending-uploads.ts) as the
   * community's limit allows.
   */
  async upload(
    body: Readable,
    headers: Readonly<Record<string, string>>,
    where: { ownerId: string; communityId: string | null } & AttachmentScope,
    check?: UploadCheck,
  ): Promise<AttachmentDoc> {
    const { maxBytes, maxPending } = await this.limitsFor(where.communityId);
    const id = new Types.ObjectId();
    if (this.pending) {
      const place = await this.pending.reserve(where.ownerId, where, id.toHexString(), maxPending);
      if (!place.reserved)
        throw new HubError(
          'pending_upload_limit',
          `at most ${maxPending} uploads may wait to be sent here; send them, or wait for them to expire`,
          { retryAfterMs: place.retryAfterMs },
        );
    }
    try {
      const part = await filePart(body, headers, maxBytes);
      return await this.storeFile(part, where, maxBytes, check, id);
    } catch (err) {
      await this.pending?.release(where.ownerId, where, [id.toHexString()]);
      throw err;
    }
  }

  /**
   * Stores a file that arrives with its message (a support file fetched from Chatwoot), sniffed
   * and re-encoded as uploads are, already claimed by `messageId`.
   */
  async import(
    given: { name: string; file: Readable },
    where: { ownerId: string; communityId: string | null; messageId: string } & AttachmentScope,
  ): Promise<AttachmentDoc> {
    const { maxBytes } = await this.limitsFor(where.communityId);
    return this.storeFile(given, where, maxBytes);
  }

  private async storeFile(
    part: { name: string; file: Readable },
    where: { ownerId: string; communityId: string | null; messageId?: string } & AttachmentScope,
    maxBytes: number,
    check?: UploadCheck,
    id = new Types.ObjectId(),
  ): Promise<AttachmentDoc> {
    const key = `attachments/${id.toHexString()}`;
    const stored = await storeUpload(
      this.store,
      key,
      part,
      { ...this.settings, maxBytes },
      this.imageSlots,
      check,
    );
    try {
      const scope: AttachmentScope =
        'channelId' in where
          ? { channelId: where.channelId }
          : 'conversationId' in where
            ? { conversationId: where.conversationId }
            : { newConversation: true };
      return await recordAttachment(
        this.connection,
        {
          _id: id,
          ownerId: where.ownerId,
          communityId: where.communityId === null ? null : new Types.ObjectId(where.communityId),
          name: stored.name,
          size: stored.size,
          contentType: stored.contentType,
          width: stored.width,
          height: stored.height,
          key,
          thumbKey: stored.thumbKey,
          ...(where.messageId && { messageId: new Types.ObjectId(where.messageId) }),
        },
        scope,
      );
    } catch (err) {
      await this.deleteObjects({ key, thumbKey: stored.thumbKey });
      throw err;
    }
  }

  /**
   * Claims the sender's pending uploads of this channel (or support conversation) for a message,
   * or (`startsConversation`) their new-conversation uploads for the first message of the support
   * conversation it starts, made for the same community; refuses the message when one is not
   * theirs, of another scope, used by another message, or they are too many.
   */
  async claim(
    ids: readonly string[],
    claim: {
      ownerId: string;
      communityId: string | null;
      messageId: string;
      nonce: string;
    } & ({ channelId: string } | { conversationId: string } | { startsConversation: string }),
  ): Promise<AttachmentDescriptor[]> {
    const { maxPerMessage } = await this.limitsFor(claim.communityId);
    const field = 'channelId' in claim ? 'data.attachments' : 'attachments';
    if (ids.length > maxPerMessage)
      throw new HubError('validation_failed', `${field}: at most ${maxPerMessage} files`);
    const scope: ClaimScope =
      'channelId' in claim
        ? { channelId: claim.channelId }
        : 'conversationId' in claim
          ? { conversationId: claim.conversationId }
          : { startsConversation: claim.startsConversation, communityId: claim.communityId };
    const claimed = await claimAttachments(this.connection, ids, claim, scope);
    if (claimed.length !== ids.length) {
      // Those it did claim are pending again: the message is refused.
      await releaseAttachments(this.connection, claim.messageId, {
        newConversation: 'startsConversation' in claim,
      });
      const where =
        'channelId' in claim
          ? 'in this channel'
          : 'conversationId' in claim
            ? 'in this conversation'
            : 'for a new conversation here';
      throw new HubError('not_found', `${field}: no such pending upload of yours ${where}`);
    }
    // No longer pending: their places under the cap are free again.
    await this.pending?.release(claim.ownerId, claim, ids);
    return claimed.map(descriptorOf);
  }

  /**
   * Gives the files a chat message claimed back to pending (the publish was refused before it was
   * sequenced): a message the sender sends next may claim them. They do not count under the
   * pending cap again (the claim freed their places), as support's given-back files do not.
   */
  async unclaim(messageId: string): Promise<void> {
    await releaseAttachments(this.connection, messageId);
  }

  /** The limits in a community (its own where smaller), or the deployment's for a null one (DMs). */
  async limitsFor(communityId: string | null): Promise<AttachmentLimits> {
    const own = communityId === null ? null : await getAttachmentLimits(this.connection, communityId);
    return effectiveLimits(this.settings, own);
  }

  /** Deletes the attachments of these messages, bytes first. */
  async removeForMessages(messageIds: readonly string[]): Promise<number> {
    if (messageIds.length === 0) return 0;
    return this.removeAll(() => findAttachments(this.connection, { messageIds: [...messageIds] }));
  }

  /** Deletes the attachments of these support conversations (their member's erasure), bytes first. */
  async removeForConversations(conversationIds: readonly string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    return this.removeAll(() => findAttachments(this.connection, { conversationIds: [...conversationIds] }));
  }

  /** Deletes a deleted community's attachments (its support conversations' too). */
  async removeForCommunity(communityId: string): Promise<number> {
    return this.removeAll(() => findAttachments(this.connection, { communityId }));
  }

  /** Deletes uploads no message claimed within `pendingTtlS`. */
  async sweepPending(nowMs = Date.now()): Promise<number> {
    const before = new Date(nowMs - this.settings.pendingTtlS * 1000);
    return this.removeAll(() => findAttachments(this.connection, { pendingBefore: before }));
  }

  /**
   * Retention of a community's files, beside its messages': those of messages sent before
   * `before` are deleted ('delete', as their messages are), or kept with the message and their
   * uploader replaced by the same pseudonym as the message's author ('anonymize'). Returns how many.
   */
  async applyRetention(communityId: string, before: Date, mode: 'delete' | 'anonymize'): Promise<number> {
    if (mode === 'delete')
      return this.removeAll(() => sentAttachmentsBefore(this.connection, communityId, before));
    let changed = 0;
    for (;;) {
      const docs = await sentAttachmentsBefore(this.connection, communityId, before, {
        exceptOwners: PSEUDONYM,
      });
      if (docs.length === 0) return changed;
      for (const doc of docs) {
        await setAttachmentOwner(this.connection, doc._id, pseudonymFor(this.connection, doc.ownerId));
        changed++;
      }
    }
  }

  /** A user's uploads in their data export, and deleted with their erasure. */
  privacySource(): UserDataSource {
    return {
      name: 'attachments',
      export: async (userId) => {
        const docs = await findAttachments(this.connection, { ownerId: userId }, 10_000);
        return docs.map((a) => ({
          ...descriptorOf(a),
          channelId: a.channelId?.toHexString() ?? null,
          supportConversationId: a.conversationId?.toHexString() ?? null,
          messageId: a.messageId?.toHexString() ?? null,
          createdAt: a.createdAt.toISOString(),
        }));
      },
      erase: async (userId) => {
        // Their pending counts name them too: those of every scope they uploaded in go with them.
        const scopes = new Set(['dm', 'support']);
        const removed = await this.removeAll(async () => {
          const docs = await findAttachments(this.connection, { ownerId: userId });
          for (const d of docs) scopes.add(d.channelId ? (d.communityId?.toHexString() ?? 'dm') : 'support');
          return docs;
        });
        await this.pending?.forget(userId, scopes);
        return removed;
      },
    };
  }

  /** Deletes one file: its objects before its description, so a retry finds them. */
  async remove(doc: AttachmentDoc): Promise<void> {
    await this.deleteObjects(doc);
    await forgetAttachment(this.connection, doc._id);
  }

  /** Deletes in pages until none is left. */
  private async removeAll(page: () => Promise<AttachmentDoc[]>): Promise<number> {
    let removed = 0;
    for (let docs = await page(); docs.length > 0; docs = await page()) {
      for (const doc of docs) {
        await this.remove(doc);
        removed++;
      }
    }
    return removed;
  }

  private async deleteObjects(doc: { key: string; thumbKey?: string | null }): Promise<void> {
    await this.store.delete(doc.key);
    if (doc.thumbKey) await this.store.delete(doc.thumbKey);
  }
}
