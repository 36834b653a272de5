// A moderation case as the marketplace's events tell it (community/events): `message.flagged`
// when a case opens (by a report, AutoMod or the scoring worker), `case.decided` when a moderator
// decides it. Ids and the decision only; never the message's text.
import type { MarketplaceEventData } from '../../community/events/marketplace-events.js';
import type { ModerationCaseDoc } from '../../storage/repositories/types.js';

export function flaggedEvent(c: ModerationCaseDoc): MarketplaceEventData['message.flagged'] {
  return {
    caseId: c._id.toHexString(),
    channelId: c.channelId.toHexString(),
    messageId: c.messageId.toHexString(),
    authorId: c.authorId,
    source: c.source,
    by: c.flags[0]?.by ?? c.source,
  };
}

export function decidedEvent(c: ModerationCaseDoc): MarketplaceEventData['case.decided'] | undefined {
  if (!c.decision) return undefined;
  return {
    caseId: c._id.toHexString(),
    channelId: c.channelId.toHexString(),
    messageId: c.messageId.toHexString(),
    authorId: c.authorId,
    action: c.decision.action,
    by: c.decision.by,
    reason: c.decision.reason,
    durationS: c.decision.durationS ?? null,
  };
}
