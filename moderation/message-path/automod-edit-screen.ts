// AutoMod on edits: an edit is a new text, so it is checked like a new message, or a member
// could post something innocent and edit it into what a rule forbids. Block refuses the edit
// (422 `automod_blocked` with the rule's reason); hide holds the message back before the edit is
// stored (the channel then hears `message.hidden`, not the new text) and opens a case; alerts and
// timeouts as for a new message.
import type { Logger } from 'pino';
import type { CommunityApiDeps, EditScreen } from '../../community/api/support.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import { HttpError } from '../../realtime/transport/http.js';
import { hideMessage } from '../../storage/repositories/messages.js';
import type { AutoModRegistry } from '../automod/registry.js';
import type { ModerationMetrics } from '../metrics.js';
import { automodEffects, AUTOMOD_ACTOR, countVerdict, type AutoModVerdictRecord } from './automod-effects.js';

export function autoModEditScreen(
  api: CommunityApiDeps,
  registry: AutoModRegistry,
  log: Logger,
  metrics?: ModerationMetrics,
): EditScreen {
  return async ({ user, communityId, channelId, messageId, body }) => {
    const standing = await api.access.inChannel(user.id, communityId, channelId);
    if (!standing || has(standing.base, Permission.ADMINISTRATOR)) return;
    const engine = registry.engineFor(communityId, standing.community.automod);
    if (!engine) return;
    const decision = engine.check(
      { body, authorId: user.id, channelId },
      { roleIds: standing.member.roleIds },
    );
    if (decision.reasons.length === 0) return;
    countVerdict(metrics, decision);
    const record: AutoModVerdictRecord = {
      communityId,
      channelId,
      authorId: user.id,
      messageId: decision.verdict === 'block' ? null : messageId,
      decision,
    };
    const effects = automodEffects(api, log);
    if (decision.timeoutS) await effects.timeout(record);
    if (decision.verdict === 'block') {
      void effects.afterBlock(record);
      throw new HttpError('automod_blocked', decision.blockReason ?? 'blocked by AutoMod');
    }
    if (decision.verdict === 'hide') await hideMessage(api.connection, messageId, AUTOMOD_ACTOR.id);
    void effects.afterPublish(record);
  };
}
