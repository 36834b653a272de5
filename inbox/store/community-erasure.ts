// A deleted community's support links: the support conversations opened from it and their
// messages as Hubbub keeps them (the Chatwoot side is the support team's record, not erased here).
// Registered with the community's provisioning (hub/node.ts) so deleting a community erases them.
import type { Connection } from 'mongoose';
import { supportConversations, supportMessages } from './models.js';

export async function eraseCommunitySupport(connection: Connection, communityId: string): Promise<void> {
  const conversations = await supportConversations(connection).find({ communityId }, { _id: 1 }).lean();
  await supportMessages(connection).deleteMany({ conversationId: { $in: conversations.map((c) => c._id) } });
  await supportConversations(connection).deleteMany({ communityId });
}
