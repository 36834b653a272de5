// A support conversation as the marketplace's events tell it (community/events): resolved by an
// agent in the hub (`by` their id) or in Chatwoot (`by` null, the webhook names no hub user).
import type { MarketplaceEvents } from '../../community/events/marketplace-events.js';
import type { SupportConversation } from '../store/models.js';

export async function emitResolved(
  events: MarketplaceEvents | undefined,
  c: SupportConversation,
  by: string | null,
): Promise<void> {
  await events?.emit('support.conversation_resolved', c.communityId ?? null, {
    conversationId: c._id.toHexString(),
    userId: c.userId,
    by,
  });
}
