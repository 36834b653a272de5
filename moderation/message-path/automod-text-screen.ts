// AutoMod for text that features other than chat take from members (a live session's
// questions): the same engine, compiled from the community's configuration, and the same
// actions as on the message path — block refuses with `automod_blocked`, hide tells the feature
// to hold the text for review, alert tells the moderators on their topic, timeout times the
// author out before the reply. A member who is timed out is refused (`timed_out`), as in chat.
// Every action is audited (rule names and kinds, never the text). Administrators are not checked.
import { has, Permission } from '../../community/permissions/permissions.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import { automodEffects, countVerdict, type AutoModVerdictRecord } from './automod-effects.js';
import type { CommunityAccess } from '../../community/access.js';
import type { AutoModGateDeps } from './automod-gate.js';

export interface ScreenedText {
  communityId: string;
  /** Where the text is written: a channel id, or a feature's own place (`live-<session>`). */
  channelId: string;
  user: AuthUser;
  text: string;
  /** What it is, for the audit log (`question`). */
  what: string;
}

export type TextVerdict = { verdict: 'allow' } | { verdict: 'hold'; reason: string };
export type TextScreen = (input: ScreenedText) => Promise<TextVerdict>;

/** The message path's dependencies serve the text screen as they are. */
export type TextScreenDeps = AutoModGateDeps & { access: CommunityAccess };

const ALLOW: TextVerdict = { verdict: 'allow' };

export function autoModTextScreen(deps: TextScreenDeps): TextScreen {
  const clock = deps.clock ?? Date.now;
  const effects = automodEffects(deps.api, deps.log);
  return async ({ communityId, channelId, user, text, what }) => {
    const standing = await deps.access.standing(user.id, communityId);
    const community = standing?.community ?? (await deps.access.directory.community(communityId));
    if (!community || (standing && has(standing.base, Permission.ADMINISTRATOR))) return ALLOW;
    const now = clock();
    const until = standing?.member.timeoutUntil;
    if (until && until > now) {
      throw new HttpError(
        'timed_out',
        `You are timed out in this community for ${Math.ceil((until - now) / 1000)} s.`,
      );
    }
    const engine = deps.registry.engineFor(communityId, community.automod);
    if (!engine) return ALLOW;
    const decision = engine.check(
      { body: text, authorId: user.id, channelId },
      { roleIds: standing?.member.roleIds ?? [] },
      now,
    );
    if (decision.reasons.length === 0) return ALLOW;
    countVerdict(deps.metrics, decision);
    const record: AutoModVerdictRecord = {
      communityId,
      channelId,
      authorId: user.id,
      messageId: null,
      decision,
    };
    // Only members can be timed out (a public session's guest has no membership to mark).
    if (decision.timeoutS && standing) await effects.timeout(record);
    if (decision.verdict === 'block') {
      void effects.afterBlock(record);
      throw new HttpError('automod_blocked', decision.blockReason ?? 'blocked by AutoMod');
    }
    void effects.afterText(record, what);
    if (decision.verdict === 'hide') {
      return { verdict: 'hold', reason: decision.reasons.map((r) => r.rule).join(', ') };
    }
    return ALLOW;
  };
}
