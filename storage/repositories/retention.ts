// Retention: what a community keeps of its messages older than its retention period.
import type { Connection } from 'mongoose';
import { chatMessageModel } from '../models/chat-message.model.js';
import { messageData } from '../messages/message-record.js';
import { oid, RepositoryError, type Id } from './errors.js';
import { onMessage } from './messages.js';
import { ERASED_NAME, pseudonymFor } from './privacy.js';
import type { ChatMessageDoc } from './types.js';

export interface RetentionResult {
  mode: 'delete' | 'anonymize';
  /** Messages deleted, or anonymized by this run. */
  messages: number;
}

const PSEUDONYM = /^erased-[0-9a-f]{24}$/;
const BATCH = 500;

/**
 * Applies retention to a community's messages created before `olderThan`:
 * - 'delete' removes them (history before them is gone: the real-time layer's `first` offset
 *   moves up; replies and threads that pointed at them keep a dangling id);
 * - 'anonymize' keeps the text but not who was involved: the author becomes their pseudonym and
 *   'Deleted user' (in the message and in its log row, which gateway history replays), reactions
 *   and mentions lose their user ids, the author's picture goes, pin and delete actors become
 *   pseudonyms. Messages already anonymized are skipped, so a rerun reports only new ones.
 * Direct messages (no community) are not covered.
 */
export async function applyRetention(
  connection: Connection,
  communityId: Id,
  olderThan: Date,
  mode: 'delete' | 'anonymize',
): Promise<RetentionResult> {
  if (!(olderThan instanceof Date) || Number.isNaN(olderThan.getTime())) {
    throw new RepositoryError('validation_failed', 'olderThan must be a date');
  }
  const Message = chatMessageModel(connection);
  const filter = { communityId: oid(communityId, 'communityId'), createdAt: { $lt: olderThan } };
  if (mode === 'delete') {
    const { deletedCount } = await Message.deleteMany(filter);
    return { mode, messages: deletedCount };
  }
  if (mode !== 'anonymize') throw new RepositoryError('validation_failed', 'mode is delete or anonymize');

  let messages = 0;
  // Per message (the pseudonyms depend on it), in batches; no update pipelines on FerretDB.
  for (;;) {
    const batch = await Message.find({ ...filter, authorId: { $not: PSEUDONYM } })
      .limit(BATCH)
      .lean<ChatMessageDoc[]>();
    if (batch.length === 0) break;
    let progress = 0;
    for (const m of batch) {
      const pseudonymOf = (u: string) => pseudonymFor(connection, u);
      const pseudonym = (u: string | null | undefined) => (u ? pseudonymOf(u) : null);
      const { matchedCount } = await onMessage(connection, m._id, () =>
        Message.updateOne(
          { _id: m._id, authorId: m.authorId },
          {
            $set: {
              authorId: pseudonymOf(m.authorId),
              authorName: ERASED_NAME,
              authorPicture: null,
              'mentions.userIds': [],
              pinnedBy: pseudonym(m.pinnedBy),
              deletedBy: pseudonym(m.deletedBy),
              reactions: m.reactions.map((r) => ({ emoji: r.emoji, userIds: r.userIds.map(pseudonymOf) })),
              // The message is its channel's log row too: what gateway history replays loses them
              // as well (a shown message's data is rebuilt without mentions or picture; a hidden
              // or deleted one's placeholder names nobody).
              userId: pseudonymOf(m.authorId),
              userName: ERASED_NAME,
              nonce: '',
              ...(shown(m) && {
                data: messageData({ ...m, authorPicture: null, mentions: { ...m.mentions, userIds: [] } }),
              }),
            },
          },
        ),
      );
      progress += matchedCount;
    }
    messages += progress;
    // Every message of the batch changed under us (an erasure running too): let it finish.
    if (progress === 0) break;
  }
  return { mode, messages };
}

const shown = (m: ChatMessageDoc) => !m.hiddenAt && !m.deletedAt && m.data.startsWith('{"kind":"message",');
