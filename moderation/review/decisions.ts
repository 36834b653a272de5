// Deciding cases and appeals, and making decisions take effect at once: a removed message
// disappears from every client, a warning reaches its author's devices, a timeout, kick or ban
// goes through the community's membership service (its permission and rank rules included).
//
// Order: check that the effect is allowed, record the decision (a compare-and-set, so of two
// moderators deciding at once exactly one goes on), apply the effect, then audit and announce.
// When the effect fails after all, the decision is taken back and the error reported, so a case
// never reads "decided" for an effect that did not happen.
import { decidedEvent } from './case-events.js';
import {
  communityChanged,
  publishEvent,
  repo,
  requireMember,
  requirePermission,
  type CommunityApiDeps,
} from '../../community/api/support.js';
import { authorizeModeration, banUser, kickMember, timeoutMember } from '../../community/membership.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import type { ChannelEvent } from '../../community/chat/message-data.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { CaseAction } from '../../storage/models/moderation-case.model.js';
import {
  decideAppeal,
  decideCase,
  overturnEffect,
  undoAppealDecision,
  undoDecision,
} from '../../storage/repositories/cases.js';
import { unbanMember } from '../../storage/repositories/members.js';
import { deleteMessage, restoreMessage } from '../../storage/repositories/messages.js';
import type { ModerationCaseDoc } from '../../storage/repositories/types.js';
import { labelFromDecision } from '../scoring/queue/labels.js';
import { announceCase, auditCase } from './access.js';
import { chanTopic, userTopic } from '../../protocol/index.js';

export interface DecisionInput {
  action: CaseAction;
  reason: string;
  /** For a timeout. */
  durationS?: number;
}

/** The warning an author receives on their own topic, `user:<authorId>`. */
export interface WarningEvent {
  kind: 'warning';
  communityId: string;
  reason: string;
  messageId: string;
}

/**
 * What the author of a message moderation held back, or of a removed message, learns on their
 * own topic when a moderator decides: the message shows again, or shows as removed with the
 * moderator's reason. The publication names no moderator.
 */
export interface ReviewedEvent {
  kind: 'message.reviewed';
  communityId: string;
  channelId: string;
  messageId: string;
  decision: 'approved' | 'removed';
  reason: string;
}

/** The `info` of publications to an author about a decision: moderation, not a moderator. */
const MODERATION_INFO = { id: 'moderation', name: 'Moderation' } as const;

async function tellAuthor(
  deps: CommunityApiDeps,
  c: ModerationCaseDoc,
  decision: ReviewedEvent['decision'],
  reason: string,
) {
  const event: ReviewedEvent = {
    kind: 'message.reviewed',
    communityId: c.communityId.toHexString(),
    channelId: c.channelId.toHexString(),
    messageId: c.messageId.toHexString(),
    decision,
    reason,
  };
  await deps.publisher.publish(userTopic(c.authorId), {
    nonce: `reviewed-${c._id.toHexString()}`,
    data: JSON.stringify(event),
    info: MODERATION_INFO,
  });
}

async function mayApply(deps: CommunityApiDeps, actor: AuthUser, c: ModerationCaseDoc, action: CaseAction) {
  const communityId = c.communityId.toHexString();
  switch (action) {
    case 'approve':
    case 'warn':
      return;
    case 'remove': {
      // As for DELETE on the message: MANAGE_MESSAGES in its channel.
      const inChannel = await deps.access.inChannel(actor.id, communityId, c.channelId.toHexString());
      if (!inChannel || !has(inChannel.bits, Permission.MANAGE_MESSAGES)) {
        throw new HttpError('forbidden', 'you may not remove messages in that channel');
      }
      return;
    }
    case 'timeout':
    case 'kick':
    case 'ban':
      await authorizeModeration(deps, actor, communityId, c.authorId);
  }
}

async function apply(deps: CommunityApiDeps, actor: AuthUser, c: ModerationCaseDoc, input: DecisionInput) {
  const communityId = c.communityId.toHexString();
  const messageId = c.messageId.toHexString();
  switch (input.action) {
    case 'approve': {
      // A message moderation held back is shown to everyone again.
      const restored = await repo(restoreMessage(deps.connection, messageId));
      if (restored) {
        const event: ChannelEvent = {
          kind: 'message.restored',
          message: {
            kind: 'message',
            id: messageId,
            body: restored.body,
            replyToId: restored.replyToId?.toHexString() ?? null,
            mentions: {
              userIds: [...restored.mentions.userIds],
              roleIds: [...restored.mentions.roleIds],
              everyone: restored.mentions.everyone,
            },
            ...(restored.authorPicture ? { picture: restored.authorPicture } : {}),
          },
          author: { id: restored.authorId, name: restored.authorName },
          offset: restored.offset,
          createdAt: restored.createdAt.getTime(),
        };
        const topic = chanTopic(communityId, c.channelId.toHexString());
        await publishEvent(deps, topic, `restore-${messageId}-${c._id.toHexString()}`, event, actor);
        await tellAuthor(deps, c, 'approved', input.reason);
      }
      return;
    }
    case 'remove': {
      if (await repo(deleteMessage(deps.connection, messageId, actor.id))) {
        const event: ChannelEvent = { kind: 'message.deleted', id: messageId, deletedBy: actor.id };
        // The key of messages.routes.ts's delete: one deletion is published once.
        await publishEvent(
          deps,
          chanTopic(communityId, c.channelId.toHexString()),
          `delete-${messageId}`,
          event,
          actor,
        );
        await tellAuthor(deps, c, 'removed', input.reason);
      }
      return;
    }
    case 'warn': {
      const event: WarningEvent = { kind: 'warning', communityId, reason: input.reason, messageId };
      await publishEvent(deps, userTopic(c.authorId), `warn-${c._id.toHexString()}`, event, actor);
      return;
    }
    case 'timeout':
      await timeoutMember(deps, actor, communityId, c.authorId, input.durationS ?? 0);
      return;
    case 'kick':
      await kickMember(deps, actor, communityId, c.authorId, input.reason);
      return;
    case 'ban':
      await banUser(deps, actor, communityId, c.authorId, input.reason);
  }
}

/** Decides a case the caller moderates (the caller's right to moderate is checked already). */
export async function decide(
  deps: CommunityApiDeps,
  actor: AuthUser,
  c: ModerationCaseDoc,
  input: DecisionInput,
): Promise<ModerationCaseDoc> {
  if (c.authorId === actor.id)
    throw new HttpError('forbidden', 'you may not decide a case about your own message');
  if (input.action === 'timeout' && input.durationS === undefined) {
    throw new HttpError('validation_failed', 'a timeout needs durationS', [
      { path: 'durationS', message: 'required for a timeout' },
    ]);
  }
  await mayApply(deps, actor, c, input.action);
  const decided = await repo(
    decideCase(deps.connection, c._id, {
      by: actor.id,
      action: input.action,
      reason: input.reason,
      ...(input.action === 'timeout' ? { durationS: input.durationS } : {}),
    }),
  );
  const at = decided.decision?.at ?? new Date(0);
  // The spam model learns from the decision (scoring/queue/labels.ts); read before a removal.
  const label = await labelFromDecision(deps.connection, decided, input.action, actor.id);
  try {
    await apply(deps, actor, decided, input);
  } catch (err) {
    // Put the case back; the effect's error is what the moderator needs to see.
    await undoDecision(deps.connection, c._id, { by: actor.id, at }).catch(() => undefined);
    throw err;
  }
  await auditCase(deps, actor, 'case.decide', decided, {
    action: input.action,
    reason: input.reason,
    durationS: input.action === 'timeout' ? (input.durationS ?? null) : null,
  });
  await announceCase(deps, 'case.updated', 'decide', decided, actor);
  const event = decidedEvent(decided);
  if (event) await deps.events.emit('case.decided', decided.communityId.toHexString(), event);
  await label?.store();
  return decided;
}

/** Decides the author's appeal: upheld, or overturned with what can be undone undone. */
export async function decideAppealOf(
  deps: CommunityApiDeps,
  actor: AuthUser,
  c: ModerationCaseDoc,
  input: { upheld: boolean; reason: string },
): Promise<ModerationCaseDoc> {
  const communityId = c.communityId.toHexString();
  const action = c.decision?.action;
  const undo = input.upheld || !action ? 'none' : overturnEffect(action);
  // Check what undoing needs before recording anything.
  if (undo === 'timeout_lifted') await authorizeModeration(deps, actor, communityId, c.authorId);
  if (undo === 'ban_lifted') {
    // As for DELETE …/members/{userId}/ban.
    const standing = await requireMember(deps, actor, communityId);
    requirePermission(standing.base, Permission.MODERATE_MEMBERS, 'lift bans');
  }
  const decided = await repo(decideAppeal(deps.connection, c._id, { by: actor.id, ...input }));
  const at = decided.appeal?.decidedAt ?? new Date(0);
  try {
    if (undo === 'timeout_lifted') await timeoutMember(deps, actor, communityId, c.authorId, 0);
    if (undo === 'ban_lifted' && (await repo(unbanMember(deps.connection, communityId, c.authorId)))) {
      await communityChanged(deps, communityId);
    }
  } catch (err) {
    await undoAppealDecision(deps.connection, c._id, { by: actor.id, at }).catch(() => undefined);
    throw err;
  }
  await auditCase(deps, actor, 'case.appeal_decide', decided, {
    upheld: input.upheld,
    reason: input.reason,
    effect: decided.appeal?.effect ?? 'none',
  });
  await announceCase(deps, 'case.updated', 'appeal-decide', decided, actor);
  if (!input.upheld)
    await (await labelFromDecision(deps.connection, decided, 'appeal.overturned', actor.id))?.store();
  return decided;
}
