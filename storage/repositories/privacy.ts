// A user's data: export everything stored about them, and erase it. Hubbub does not own users;
// the marketplace asks for these when one of its users exercises their rights.
import { createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ERASED_DATA } from '../messages/message-store.js';
import { messageData } from '../messages/message-record.js';
import { banModel } from '../models/ban.model.js';
import { channelModel, dmKeyOf } from '../models/channel.model.js';
import { chatMessageModel } from '../models/chat-message.model.js';
import { memberModel } from '../models/member.model.js';
import { readStateModel } from '../models/read-state.model.js';
import { auditTrailOf } from './audit-keys.js';
import { userId } from './errors.js';
import { onMessage, removeReaction } from './messages.js';
import { withDocumentLock } from './document-lock.js';
import type { ChannelDoc } from './types.js';

export const ERASED_NAME = 'Deleted user';

/**
 * The stable stand-in for an erased user's id: the same for all their messages, so a thread
 * still reads as one person's, and valid wherever a user id is. An HMAC of the id with the
 * server's pseudonym key (from audit.secret, bound to the connection): nobody without the key
 * can tell whose it is by hashing candidate ids; the server itself can (docs/community.md).
 */
export function pseudonymFor(connection: Connection, user: string): string {
  const key = auditTrailOf(connection).keys.pseudonym;
  return `erased-${createHmac('sha256', key).update(`hubbub:erased:${user}`).digest('hex').slice(0, 24)}`;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export interface UserExport {
  userId: string;
  exportedAt: string;
  memberships: {
    communityId: string;
    displayName: string;
    picture: string | null;
    roleIds: string[];
    joinedAt: string;
    timeoutUntil: string | null;
    leftAt: string | null;
  }[];
  messages: {
    id: string;
    channelId: string;
    communityId: string | null;
    offset: number;
    body: string;
    createdAt: string;
    editedAt: string | null;
    deletedAt: string | null;
    replyToId: string | null;
    /** Previous versions, oldest first. */
    edits: { body: string; editedAt: string }[];
  }[];
  reactions: { messageId: string; channelId: string; emoji: string }[];
  readStates: { channelId: string; lastReadOffset: number; updatedAt: string }[];
  /** Bans of this user (who banned them is the moderator's data, not theirs). */
  bans: { communityId: string; reason: string; at: string }[];
  /** Channels they created or take part in (DMs). */
  channels: { id: string; kind: string; communityId: string | null; name: string; createdByUser: boolean }[];
}

/** Everything stored about a user, as plain JSON-serializable data. */
export async function exportUser(connection: Connection, user: string): Promise<UserExport> {
  const u = userId(user);
  const [members, messages, reacted, readStates, bans, channels] = await Promise.all([
    memberModel(connection).find({ userId: u }).sort({ joinedAt: 1 }).lean(),
    chatMessageModel(connection).find({ authorId: u }).sort({ createdAt: 1, _id: 1 }).lean(),
    chatMessageModel(connection)
      .find({ 'reactions.userIds': u }, { channelId: 1, reactions: 1 })
      .sort({ createdAt: 1, _id: 1 })
      .lean(),
    readStateModel(connection).find({ userId: u }).lean(),
    banModel(connection).find({ userId: u }).lean(),
    channelModel(connection)
      .find({ $or: [{ createdBy: u }, { participantIds: u }] })
      .lean<ChannelDoc[]>(),
  ]);
  return {
    userId: u,
    exportedAt: new Date().toISOString(),
    memberships: members.map((m) => ({
      communityId: m.communityId.toHexString(),
      displayName: m.displayName,
      picture: m.picture ?? null,
      roleIds: m.roleIds.map((r) => r.toHexString()),
      joinedAt: m.joinedAt.toISOString(),
      timeoutUntil: iso(m.timeoutUntil),
      leftAt: iso(m.leftAt),
    })),
    messages: messages.map((m) => ({
      id: m._id.toHexString(),
      channelId: m.channelId.toHexString(),
      communityId: m.communityId?.toHexString() ?? null,
      offset: m.offset,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      editedAt: iso(m.editedAt),
      deletedAt: iso(m.deletedAt),
      replyToId: m.replyToId?.toHexString() ?? null,
      edits: m.edits.map((e) => ({ body: e.body, editedAt: e.editedAt.toISOString() })),
    })),
    reactions: reacted.flatMap((m) =>
      m.reactions
        .filter((r) => r.userIds.includes(u))
        .map((r) => ({
          messageId: m._id.toHexString(),
          channelId: m.channelId.toHexString(),
          emoji: r.emoji,
        })),
    ),
    readStates: readStates.map((s) => ({
      channelId: s.channelId.toHexString(),
      lastReadOffset: s.lastReadOffset,
      updatedAt: s.updatedAt.toISOString(),
    })),
    bans: bans.map((b) => ({
      communityId: b.communityId.toHexString(),
      reason: b.reason,
      at: b.at.toISOString(),
    })),
    channels: channels.map((c) => ({
      id: c._id.toHexString(),
      kind: c.kind,
      communityId: c.communityId?.toHexString() ?? null,
      name: c.name,
      createdByUser: c.createdBy === u,
    })),
  };
}

export interface ErasureCounts {
  messages: number;
  mentions: number;
  reactions: number;
  memberships: number;
  readStates: number;
  bans: number;
  channels: number;
}

/**
 * Erases a user. Their messages stay as tombstones (offsets, replies and threads hold) with the
 * author replaced by pseudonymFor(user) and 'Deleted user', the content gone (body, edit history,
 * mentions, reactions on them); their reactions, memberships, read states and bans go; mentions
 * of them are removed; where they acted (pinned, deleted, banned, created a channel) the
 * pseudonym stands instead, and the reasons of bans they issued are cleared (their text); DMs
 * keep the other participants. Without transactions each step is its own write: the whole is
 * idempotent, so an interrupted erasure is completed by running it again. The audit log is not
 * touched (append-only; see storage/README).
 */
export async function eraseUser(connection: Connection, user: string): Promise<ErasureCounts> {
  const u = userId(user);
  const p = pseudonymFor(connection, u);
  const now = new Date();
  const Message = chatMessageModel(connection);

  // Reactions first: the emptied entries go with removeReaction's own rules.
  let reactions = 0;
  for (const m of await Message.find({ 'reactions.userIds': u }, { reactions: 1 }).lean()) {
    for (const r of m.reactions.filter((x) => x.userIds.includes(u))) {
      if (await removeReaction(connection, m._id, r.emoji, u)) reactions++;
    }
  }
  const authored = await Message.find({ authorId: u }, { _id: 1, deletedAt: 1 }).lean();
  for (const m of authored) {
    await onMessage(connection, m._id, () =>
      Message.updateOne(
        { _id: m._id, authorId: u },
        {
          $set: {
            authorId: p,
            authorName: ERASED_NAME,
            authorPicture: null,
            body: '',
            edits: [],
            mentions: { userIds: [], roleIds: [], everyone: false },
            reactions: [],
            pinnedAt: null,
            pinnedBy: null,
            // The message is its channel's log row too: what gateway history replays goes as well.
            data: ERASED_DATA,
            userId: p,
            userName: ERASED_NAME,
            nonce: '',
            ...(m.deletedAt ? {} : { deletedAt: now, deletedBy: p }),
          },
        },
      ),
    );
  }
  const mentioning = await Message.find({ 'mentions.userIds': u }, { _id: 1 }).lean();
  const mentions = await Message.updateMany({ 'mentions.userIds': u }, { $pull: { 'mentions.userIds': u } });
  // Their log rows delivered the mention too: shown messages replay without it from now on.
  for (const { _id } of mentioning) {
    const m = await Message.findById(_id).lean();
    if (m && !m.hiddenAt && !m.deletedAt && m.data.startsWith('{"kind":"message",'))
      await Message.updateOne({ _id, hiddenAt: null, deletedAt: null }, { $set: { data: messageData(m) } });
  }
  await Message.updateMany({ pinnedBy: u }, { $set: { pinnedBy: p } });
  await Message.updateMany({ deletedBy: u }, { $set: { deletedBy: p } });

  const memberships = await memberModel(connection).deleteMany({ userId: u });
  const readStates = await readStateModel(connection).deleteMany({ userId: u });
  const bans = await banModel(connection).deleteMany({ userId: u });
  await banModel(connection).updateMany({ bannedBy: u }, { $set: { bannedBy: p, reason: '' } });

  const Channel = channelModel(connection);
  const channels = await Channel.find({
    $or: [{ createdBy: u }, { participantIds: u }, { 'overwrites.targetId': u }],
  }).lean<ChannelDoc[]>();
  for (const c of channels) {
    // Each field is its own conditional update, never a copy of the channel written back, so a
    // concurrent edit of the channel (its name, another member's overwrite) is kept.
    const update = (filter: Record<string, unknown>, change: Record<string, unknown>) =>
      withDocumentLock(connection, `channels:${c._id.toHexString()}`, () =>
        Channel.updateOne({ _id: c._id, ...filter }, change),
      );
    await update({ createdBy: u }, { $set: { createdBy: p } });
    // Participants are set when a DM is created and never change: a position names one for good.
    for (const [i, x] of c.participantIds.entries()) {
      if (x === u) await update({ [`participantIds.${i}`]: u }, { $set: { [`participantIds.${i}`]: p } });
    }
    const participantIds = c.participantIds.map((x) => (x === u ? p : x));
    const [a, b] = participantIds;
    if (c.kind === 'dm' && a !== undefined && b !== undefined)
      await update({}, { $set: { dmKey: dmKeyOf(a, b) } });
    // The user's own overwrites, pulled by their exact stored shape (FerretDB's $pull matches a
    // document by equality; MongoDB reads it as the equivalent query).
    for (const o of c.overwrites) {
      if (o.targetType === 'member' && o.targetId === u) await update({}, { $pull: { overwrites: o } });
    }
  }
  return {
    messages: authored.length,
    mentions: mentions.modifiedCount,
    reactions,
    memberships: memberships.deletedCount,
    readStates: readStates.deletedCount,
    bans: bans.deletedCount,
    channels: channels.length,
  };
}
