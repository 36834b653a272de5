// A member's support data, for export and erasure (community/privacy.ts runs it with the rest):
// their conversations with every message in them, and their Chatwoot contact. Erasure deletes
// the contact through Chatwoot's API first (Chatwoot deletes its conversations and messages with
// it), then the hub's copies, so a Chatwoot outage fails the erasure before anything is lost
// and a rerun completes it. The agents' feed's copies of their events are redacted by the
// erasure itself (`copies`). Replies they wrote as an agent stay in others' conversations, under
// their pseudonym. The files of their conversations (theirs and the agents') are deleted with
// them, bytes first.
import type { Connection } from 'mongoose';
import type { Attachments } from '../community/attachments/attachments.js';
import type { UserDataSource } from '../community/privacy.js';
import { ERASED_NAME } from '../storage/repositories/privacy.js';
import type { InboxProvider } from './provider/inbox-provider.js';
import { supportConversations, supportMessages } from './store/models.js';
import { AGENTS_NONCE_PREFIX, AGENTS_TOPIC } from './sync/member-events.js';

export function inboxPrivacySource(
  connection: Connection,
  provider: InboxProvider,
  attachments?: Attachments,
): UserDataSource {
  const Conversations = supportConversations(connection);
  const Messages = supportMessages(connection);
  return {
    name: 'support',
    // Each support event on the member's topic has its twin on the agents' feed.
    copies: { channel: AGENTS_TOPIC, noncePrefix: AGENTS_NONCE_PREFIX },
    async export(userId) {
      const conversations = await Conversations.find({ userId }).sort({ createdAt: 1 }).lean();
      const messages = await Messages.find({ conversationId: { $in: conversations.map((c) => c._id) } })
        .sort({ createdAt: 1 })
        .lean();
      return {
        conversations: conversations.map((c) => ({
          id: c._id.toHexString(),
          subject: c.subject,
          communityId: c.communityId,
          status: c.status,
          createdAt: c.createdAt.toISOString(),
          resolvedAt: c.resolvedAt ? c.resolvedAt.toISOString() : null,
          // Private notes are the agents' working notes: not shown to the member, not exported.
          messages: messages
            .filter((m) => m.conversationId.equals(c._id) && m.direction !== 'note')
            .map((m) => ({
              from: m.direction,
              authorName: m.authorName,
              content: m.content,
              attachments: (m.attachments ?? []).map((a) => ({ name: a.name, size: a.size })),
              createdAt: m.createdAt.toISOString(),
            })),
        })),
      };
    },
    async erase(userId, pseudonym) {
      const conversations = await Conversations.find({ userId }, { chatwootContactId: 1 }).lean();
      const contactIds = new Set(
        conversations.map((c) => c.chatwootContactId).filter((id): id is number => id !== null),
      );
      // A contact without a conversation in the hub (its creation raced, or was left over).
      for (const c of await provider.searchContacts(userId))
        if (c.identifier === userId) contactIds.add(c.id);
      for (const id of contactIds) await provider.deleteContact(id);
      const ids = conversations.map((c) => c._id);
      const files = (await attachments?.removeForConversations(ids.map((id) => id.toHexString()))) ?? 0;
      const messages = await Messages.deleteMany({ conversationId: { $in: ids } });
      // As an agent (a hub user too), their replies in others' conversations stay, under the pseudonym.
      await Messages.updateMany(
        { authorId: userId },
        { $set: { authorId: pseudonym, authorName: ERASED_NAME } },
      );
      const deleted = await Conversations.deleteMany({ userId });
      return deleted.deletedCount + messages.deletedCount + contactIds.size + files;
    },
  };
}
