// Q&A text passes through the community's AutoMod, like chat: the engine compiled from the
// configuration in the community's directory snapshot (moderation's AutoModRegistry). A block
// refuses the question (automod_blocked); a hide holds it for the hosts to release or dismiss.
import type { Logger } from 'pino';
import { has, Permission } from '../../community/permissions/permissions.js';
import { AutoModRegistry } from '../../moderation/automod/registry.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import type { SessionDoc } from '../sessions/access.js';

export type ScreenResult = { verdict: 'allow' } | { verdict: 'hold'; reason: string };

export class QuestionScreen {
  private readonly registry: AutoModRegistry;

  constructor(log: Logger) {
    this.registry = new AutoModRegistry(log);
  }

  async check(ctx: MediaContext, session: SessionDoc, user: AuthUser, text: string): Promise<ScreenResult> {
    const communityId = session.communityId.toHexString();
    const [community, standing] = await Promise.all([
      ctx.access.directory.community(communityId),
      ctx.access.standing(user.id, communityId),
    ]);
    if (!community || (standing && has(standing.base, Permission.ADMINISTRATOR))) return { verdict: 'allow' };
    const engine = this.registry.engineFor(communityId, community.automod);
    if (!engine) return { verdict: 'allow' };
    const decision = engine.check(
      {
        body: text,
        authorId: user.id,
        channelId: session.channelId ? session.channelId.toHexString() : `live-${session._id.toHexString()}`,
      },
      { roleIds: standing?.member.roleIds ?? [] },
    );
    if (decision.verdict === 'block') {
      throw new HttpError('automod_blocked', decision.blockReason ?? 'blocked by AutoMod');
    }
    if (decision.verdict === 'hide') {
      return { verdict: 'hold', reason: decision.reasons.map((r) => r.rule).join(', ') };
    }
    return { verdict: 'allow' };
  }
}
