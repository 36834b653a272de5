// AutoMod on the gateway's message path, after the chat domain's before hook has shaped the
// message. Synchronous and without I/O for a message that breaks no rule (the community's
// engine comes from the directory snapshot the authorizer loaded already). When a rule is
// broken, its actions take effect:
//   block   — the publish is refused with `automod_blocked` and the rule's reason: nothing is
//             stored or delivered;
//   hide    — the channel receives a `message.hidden` placeholder instead of the message, which
//             is stored hidden and opens a case for review;
//   alert   — the moderators hear of it on their topic;
//   timeout — the author is timed out before the reply, so their next send is refused.
// Every action is written to the community's audit log. Administrators are never checked.
import type { Logger } from 'pino';
import type { CommunityAccess } from '../../community/access.js';
import type { CommunityApiDeps } from '../../community/api/support.js';
import { DM_COMMUNITY } from '../../community/authorizer.js';
import { holdMessage, type ChannelEvent, type MessageEvent } from '../../community/chat/message-data.js';
import { has, Permission } from '../../community/permissions/permissions.js';
import { CommandError } from '../../realtime/gateway/command-error.js';
import type { AfterPublishHook, BeforePublishHook, PublishHooks } from '../../realtime/gateway/hooks.js';
import type { Decision } from '../automod/decision.js';
import type { AutoModRegistry } from '../automod/registry.js';
import type { ModerationMetrics } from '../metrics.js';
import { automodEffects, countVerdict, type AutoModVerdictRecord } from './automod-effects.js';

export interface AutoModGateDeps {
  access: CommunityAccess;
  registry: AutoModRegistry;
  api: CommunityApiDeps;
  log: Logger;
  metrics?: ModerationMetrics;
  /** Milliseconds since the epoch; for tests. */
  clock?: () => number;
}

/** What the before hook found, for the after hook of the same publish. */
const VERDICT = 'automodVerdict';

export function autoModGate(deps: AutoModGateDeps): PublishHooks {
  return { before: [checkMessage(deps)], after: [afterChecked(deps)] };
}

function checkMessage(deps: AutoModGateDeps): BeforePublishHook {
  const clock = deps.clock ?? Date.now;
  return async ({ user, topic, data, state }) => {
    if (topic.kind !== 'chan' || topic.community === DM_COMMUNITY || data['kind'] !== 'message') return;
    const standing = await deps.access.inChannel(user.id, topic.community, topic.channel);
    if (!standing || has(standing.base, Permission.ADMINISTRATOR)) return;
    const engine = deps.registry.engineFor(topic.community, standing.community.automod);
    if (!engine) return;
    const message = data as MessageEvent;
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
      throw new CommandError('automod_blocked', decision.blockReason ?? 'blocked by AutoMod');
    }
    state[VERDICT] = record;
    if (decision.verdict !== 'hide') return;
    holdMessage(state, { event: message, by: 'automod' });
    const placeholder: ChannelEvent = { kind: 'message.hidden', id: message.id, by: 'automod' };
    return placeholder;
  };
}

function afterChecked(deps: AutoModGateDeps): AfterPublishHook {
  return async ({ state, duplicate }) => {
    const record = state[VERDICT] as AutoModVerdictRecord | undefined;
    if (!record || duplicate) return;
    await automodEffects(deps.api, deps.log).afterPublish(record);
  };
}

export type { Decision };
