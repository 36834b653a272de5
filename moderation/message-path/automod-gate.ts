// AutoMod on the publish pipeline's `automod` stage, after the chat domain's parse stage has
// shaped the message. Synchronous and without I/O for a message that breaks no rule (the
// community's engine comes from the standing the authorize stage carried). When a rule is
// broken, its actions take effect:
//   block   — the publish is refused with `automod_blocked` and the rule's reason: nothing is
//             stored or delivered;
//   hide    — the channel receives a `message.hidden` placeholder instead of the message, which
//             is stored hidden and opens a case for review;
//   alert   — the moderators hear of it on their topic;
//   timeout — the author is timed out before the reply, so their next send is refused.
// Every action is written to the community's audit log. Administrators are never checked.
import type { Logger } from 'pino';
import type { CommunityApiDeps } from '../../community/api/support.js';
import { DM_COMMUNITY } from '../../community/authorizer.js';
import type { ChannelStanding } from '../../community/access.js';
import { messageOf } from '../../community/chat/chat-extension.js';
import { holdMessage } from '../../community/chat/message-data.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import { HubError } from '../../protocol/index.js';
import type { PublishExtension } from '../../realtime/publish/pipeline.js';
import type { Decision } from '../automod/decision.js';
import type { AutoModRegistry } from '../automod/registry.js';
import type { ModerationMetrics } from '../metrics.js';
import { automodEffects, countVerdict, type AutoModVerdictRecord } from './automod-effects.js';

export interface AutoModGateDeps {
  registry: AutoModRegistry;
  api: CommunityApiDeps;
  log: Logger;
  metrics?: ModerationMetrics;
  /** Milliseconds since the epoch; for tests. */
  clock?: () => number;
}

/** What the automod stage found, for the after stage of the same publish. */
const VERDICT = 'automod.verdict';

/** AutoMod's stages on the publish pipeline: judge before sequencing, act after the ack. */
export function autoModExtension(deps: AutoModGateDeps): PublishExtension {
  const clock = deps.clock ?? Date.now;
  return {
    name: 'automod',
    async automod(ctx) {
      const { user, topic } = ctx;
      const message = messageOf(ctx);
      if (topic.kind !== 'chan' || topic.community === DM_COMMUNITY || !message) return;
      const standing = ctx.standing as ChannelStanding | undefined;
      if (!standing || has(standing.base, Permission.ADMINISTRATOR)) return;
      const engine = deps.registry.engineFor(topic.community, standing.community.automod);
      if (!engine) return;
      const decision = engine.check(
        { body: message.body, authorId: user.id, channelId: topic.channel, mentions: message.mentions },
        { roleIds: standing.member.roleIds },
        clock(),
      );
      if (decision.reasons.length === 0) return;
      countVerdict(deps.metrics, decision);
      const record: AutoModVerdictRecord = {
        communityId: topic.community,
        channelId: topic.channel,
        authorId: user.id,
        messageId: decision.verdict === 'block' ? null : message.id,
        decision,
      };
      const effects = automodEffects(deps.api, deps.log);
      // A timeout holds before the reply, so the author's very next send is refused.
      if (decision.timeoutS) await effects.timeout(record);
      if (decision.verdict === 'block') {
        void effects.afterBlock(record);
        throw new HubError('automod_blocked', decision.blockReason ?? 'blocked by AutoMod');
      }
      ctx.state.set(VERDICT, record);
      if (decision.verdict === 'hide') holdMessage(ctx, { event: message, by: 'automod' });
    },
    async after(ctx) {
      const record = ctx.state.get(VERDICT) as AutoModVerdictRecord | undefined;
      if (record) await automodEffects(deps.api, deps.log).afterPublish(record);
    },
  };
}

export type { Decision };
