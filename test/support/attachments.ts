// Attachments as they stand after an upload, made directly in a store and the database: a small
// text file under its own key, of a channel or a support conversation, pending or sent with a
// message at a chosen time, for tests of what happens to files later (expiry, retention).
import { Readable } from 'node:stream';
import { Types, type Connection } from 'mongoose';
import type { ObjectStore } from '../../storage/objects/object-store.js';
import { attachmentModel } from '../../storage/models/attachment.model.js';

export interface SeededAttachment {
  id: Types.ObjectId;
  key: string;
}

export async function seedAttachment(
  connection: Connection,
  store: ObjectStore,
  where: {
    ownerId: string;
    communityId: string;
    /** Its owner scope: a channel, or a support conversation. */
    channelId?: string;
    conversationId?: string;
    /** When its message was sent (the message id's time); null: still pending. */
    sentAtMs: number | null;
    /** When it was uploaded; now unless given. */
    uploadedAtMs?: number;
  },
): Promise<SeededAttachment> {
  const id = new Types.ObjectId();
  const key = `attachments/${id.toHexString()}`;
  const bytes = Buffer.from(`file ${id.toHexString()}`);
  await store.put(key, Readable.from([bytes]), { contentType: 'text/plain', maxBytes: 1024 });
  await attachmentModel(connection).create({
    _id: id,
    ownerId: where.ownerId,
    communityId: new Types.ObjectId(where.communityId),
    channelId: where.channelId ? new Types.ObjectId(where.channelId) : null,
    conversationId: where.conversationId ? new Types.ObjectId(where.conversationId) : null,
    name: 'note.txt',
    size: bytes.length,
    contentType: 'text/plain',
    key,
    messageId:
      where.sentAtMs === null ? null : Types.ObjectId.createFromTime(Math.floor(where.sentAtMs / 1000)),
    createdAt: new Date(where.uploadedAtMs ?? Date.now()),
  });
  return { id, key };
}
