// AutoMod on uploads: a community's `file_types` rules see each file once its type is sniffed
// from the bytes, before anything is stored. Block refuses the upload (`automod_blocked` with
// the rule's reason; nothing kept); alerts and timeouts as for a message; file-type rules take
// no `hide` (an upload is no message to hold). Administrators are never checked.
import type { Logger } from 'pino';
import type { CommunityApiDeps, UploadScreen } from '../../community/api/support.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { AutoModRegistry } from '../automod/registry.js';
import type { ModerationMetrics } from '../metrics.js';
import { automodEffects, countVerdict, type AutoModVerdictRecord } from './automod-effects.js';

export function autoModUploadScreen(
  api: CommunityApiDeps,
  registry: AutoModRegistry,
  log: Logger,
  metrics?: ModerationMetrics,
): UploadScreen {
  return async ({ user, communityId, channelId, file }) => {
    const standing = await api.access.inChannel(user.id, communityId, channelId);
    if (!standing || has(standing.base, Permission.ADMINISTRATOR)) return;
    const engine = registry.engineFor(communityId, standing.community.automod);
    if (!engine) return;
    const decision = engine.checkFile(
      file,
      { authorId: user.id, channelId },
      { roleIds: standing.member.roleIds },
    );
    if (decision.reasons.length === 0) return;
    countVerdict(metrics, decision);
    const record: AutoModVerdictRecord = {
      communityId,
      channelId,
      authorId: user.id,
      messageId: null,
      decision,
    };
    const effects = automodEffects(api, log);
    if (decision.timeoutS) await effects.timeout(record);
    if (decision.verdict === 'block') {
      void effects.afterBlock(record);
      throw new HttpError('automod_blocked', decision.blockReason ?? 'blocked by AutoMod');
    }
    void effects.afterText(record, 'upload');
  };
}
