// The one durable record of a publication, as the document written to `publications`: the log
// row of every topic, plus the message's own fields when the publication creates a chat message
// (its data, or its record when that differs, is `{"kind":"message",…}` on a `chan:` topic).
// The publisher's group commit and the write-ahead sweep both build rows here, so a message
// stored by either is the same document; storage/models/chat-message.model.ts is its schema.
import { Types } from 'mongoose';
import { MAX_BODY } from '../models/chat-message.model.js';
import type { StoredPublication } from './message-store.js';

const OBJECT_ID = /^[0-9a-f]{24}$/;
const CHAN = /^chan:([A-Za-z0-9_-]{1,64}):([0-9a-f]{24})$/;
/** The chat domain serializes a message with its kind first (protocol ChatMessageEvent). */
const MESSAGE_PREFIX = '{"kind":"message",';

/** The message fields of a creation publication's data or record. */
interface MessageFields {
  id: string;
  body: string;
  replyToId: string | null;
  mentions: { userIds: string[]; roleIds: string[]; everyone: boolean };
  /** Present in the record of a message stored hidden ('automod'). */
  hiddenBy?: string;
  /** The author's profile picture when they wrote it, if they had one. */
  picture?: string;
  /** The files' descriptors, when it has any. */
  attachments?: AttachmentFields[];
}

interface AttachmentFields {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export type PublicationRow = Record<string, unknown> & { channel: string; offset: number };

/** What the scoring workers read of a message (the scoring job's ScoringInput). */
export interface ScoringFields {
  id: string;
  communityId: string;
  channelId: string;
  authorId: string;
  body: string;
}

/**
 * The community message a publication stores, as the scoring workers score it; undefined for any
 * other row (a direct message, a held one, no message at all).
 */
export function scoringInputOf(p: StoredPublication): ScoringFields | undefined {
  const chan = CHAN.exec(p.channel);
  if (!chan || !OBJECT_ID.test(chan[1] as string)) return undefined;
  const message = storedMessageOf(p);
  if (!message || message.hiddenBy !== undefined) return undefined;
  return {
    id: message.id,
    communityId: chan[1] as string,
    channelId: chan[2] as string,
    authorId: p.userId,
    body: message.body,
  };
}

/** The document for a publication: a log row, and a chat message when it creates one. */
export function rowOf(p: StoredPublication): PublicationRow {
  const row: PublicationRow = {
    channel: p.channel,
    offset: p.offset,
    epoch: p.epoch,
    data: p.data,
    userId: p.userId,
    userName: p.userName,
    nonce: p.nonce,
    ts: p.ts,
  };
  const chan = CHAN.exec(p.channel);
  const message = chan ? storedMessageOf(p) : undefined;
  if (!chan || !message) return row;
  const community = chan[1] as string;
  const communityId = OBJECT_ID.test(community) ? new Types.ObjectId(community) : null;
  if (!communityId && community !== 'dm') return row;
  const createdAt = new Date(p.ts);
  const hidden = message.hiddenBy !== undefined;
  return {
    _id: new Types.ObjectId(message.id),
    ...row,
    channelId: new Types.ObjectId(chan[2]),
    communityId,
    authorId: p.userId,
    authorName: p.userName,
    ...(message.picture ? { authorPicture: message.picture } : {}),
    body: message.body,
    replyToId: message.replyToId === null ? null : new Types.ObjectId(message.replyToId),
    threadId: null,
    mentions: {
      userIds: message.mentions.userIds,
      roleIds: message.mentions.roleIds,
      everyone: message.mentions.everyone,
    },
    reactions: [],
    attachments: (message.attachments ?? []).map((a) => ({
      id: new Types.ObjectId(a.id),
      name: a.name,
      size: a.size,
      contentType: a.contentType,
      width: a.width,
      height: a.height,
      thumbnail: a.thumbnail,
    })),
    pinnedAt: null,
    pinnedBy: null,
    edits: [],
    editedAt: null,
    deletedAt: null,
    deletedBy: null,
    hiddenAt: hidden ? createdAt : null,
    hiddenBy: hidden ? message.hiddenBy : null,
    createdAt,
  };
}

/** Each publication's message, read once: the durable write and the scoring hand-off both need it. */
const readMessages = new WeakMap<StoredPublication, MessageFields | null>();

/**
 * The message a publication stores (its record, else its data) when it creates one; undefined
 * for any other. Parsed once per publication object, however many readers ask.
 */
export function storedMessageOf(p: StoredPublication): MessageFields | undefined {
  let message = readMessages.get(p);
  if (message === undefined) {
    message = messageIn(p.record ?? p.data) ?? null;
    readMessages.set(p, message);
  }
  return message ?? undefined;
}

/**
 * Gives a publication its message from the object its stored JSON (record, else data) was
 * encoded from, so that neither the durable write nor the scoring hand-off parses that JSON again.
 * The caller vouches that `value` is that object (JSON.stringify of it is that text).
 */
export function rememberMessage(p: StoredPublication, value: unknown): void {
  if (readMessages.has(p)) return;
  const fromJson = (p.record ?? p.data).startsWith(MESSAGE_PREFIX);
  const kind = (value as { kind?: unknown } | null)?.kind;
  readMessages.set(p, fromJson && kind === 'message' && isMessage(value) ? value : null);
}

/** The message a creation publication's JSON carries; undefined for any other data. */
export function messageIn(json: string): MessageFields | undefined {
  if (!json.startsWith(MESSAGE_PREFIX)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return isMessage(value) ? value : undefined;
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function isMessage(v: unknown): v is MessageFields {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  const mentions = m['mentions'] as Record<string, unknown> | undefined;
  return (
    typeof m['id'] === 'string' &&
    OBJECT_ID.test(m['id']) &&
    typeof m['body'] === 'string' &&
    m['body'].length <= MAX_BODY &&
    (m['replyToId'] === null || (typeof m['replyToId'] === 'string' && OBJECT_ID.test(m['replyToId']))) &&
    typeof mentions === 'object' &&
    mentions !== null &&
    strings(mentions['userIds']) &&
    strings(mentions['roleIds']) &&
    typeof mentions['everyone'] === 'boolean' &&
    (m['hiddenBy'] === undefined || typeof m['hiddenBy'] === 'string') &&
    (m['picture'] === undefined || typeof m['picture'] === 'string') &&
    (m['attachments'] === undefined ||
      (Array.isArray(m['attachments']) && m['attachments'].every(isAttachment)))
  );
}

function isAttachment(v: unknown): v is AttachmentFields {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  const dimension = (d: unknown) => d === null || typeof d === 'number';
  return (
    typeof a['id'] === 'string' &&
    OBJECT_ID.test(a['id']) &&
    typeof a['name'] === 'string' &&
    typeof a['size'] === 'number' &&
    typeof a['contentType'] === 'string' &&
    dimension(a['width']) &&
    dimension(a['height']) &&
    typeof a['thumbnail'] === 'boolean'
  );
}

interface MessageLike {
  _id: { toHexString(): string };
  body: string;
  replyToId?: { toHexString(): string } | null;
  mentions: { userIds: readonly string[]; roleIds: readonly string[]; everyone: boolean };
  authorPicture?: string | null;
  attachments?: readonly StoredAttachment[] | null;
}

/** An attachment as the model reads it back. */
interface StoredAttachment {
  id: { toHexString(): string };
  name: string;
  size: number;
  contentType: string;
  width?: number | null;
  height?: number | null;
  thumbnail: boolean;
}

/** A message's creation data as its channel delivers it (`{"kind":"message",…}`). */
export function messageData(m: MessageLike): string {
  return JSON.stringify({
    kind: 'message',
    id: m._id.toHexString(),
    body: m.body,
    replyToId: m.replyToId?.toHexString() ?? null,
    mentions: {
      userIds: [...m.mentions.userIds],
      roleIds: [...m.mentions.roleIds],
      everyone: m.mentions.everyone,
    },
    ...(m.authorPicture ? { picture: m.authorPicture } : {}),
    ...(m.attachments?.length
      ? { attachments: m.attachments.map((a) => ({ ...attachmentFields(a), id: a.id.toHexString() })) }
      : {}),
  });
}

const attachmentFields = (a: StoredAttachment): Omit<AttachmentFields, 'id'> => ({
  name: a.name,
  size: a.size,
  contentType: a.contentType,
  width: a.width ?? null,
  height: a.height ?? null,
  thumbnail: a.thumbnail,
});

/** What a held message's log row shows instead of it (the placeholder its channel received). */
export const hiddenData = (id: string, by: string): string =>
  JSON.stringify({ kind: 'message.hidden', id, by });

/** What a deleted message's log row shows instead of it: the content is gone from history too. */
export const deletedData = (id: string, by: string): string =>
  JSON.stringify({ kind: 'message.deleted', id, deletedBy: by });
