// What AutoMod's verdicts do beyond the message itself: cases for held messages, alerts on the
// moderators' topic, timeouts, and an audit entry for each. Effects other than the timeout run
// after the sender's reply is decided and never fail the publish: a failure is logged.
import type { Logger } from 'pino';
import { publishEvent, type CommunityApiDeps } from '../../community/api/support.js';
import { applyTimeout } from '../../community/membership.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { appendAudit } from '../../storage/repositories/audit.js';
import { flagMessage } from '../../storage/repositories/cases.js';
import type { Decision } from '../automod/decision.js';
import { announceCase } from '../review/access.js';
import type { ModerationMetrics } from '../metrics.js';
import type { AutoModAlert } from '../review/views.js';
import { modsTopic } from '../../protocol/index.js';

/** AutoMod acting: the name moderators see on its cases, alerts and audit entries. */
export const AUTOMOD_ACTOR: AuthUser = { id: 'automod', name: 'AutoMod', roles: [], expiresAt: Infinity };

export interface AutoModVerdictRecord {
  communityId: string;
  channelId: string;
  authorId: string;
  /** Null when the message was blocked (it has no stored identity then). */
  messageId: string | null;
  decision: Decision;
}

const ruleNames = (d: Decision) => d.reasons.map((r) => r.rule);

/** Counts a verdict and the kinds of action it triggers. */
export function countVerdict(metrics: ModerationMetrics | undefined, decision: Decision): void {
  if (!metrics) return;
  metrics.verdicts.inc({ verdict: decision.verdict });
  for (const type of new Set(decision.actions.map((a) => a.type))) metrics.actions.inc({ action: type });
}

export function automodEffects(api: CommunityApiDeps, log: Logger) {
  const audit = (record: AutoModVerdictRecord, action: string, extra: Record<string, string | number>) =>
    appendAudit(api.connection, {
      communityId: record.communityId,
      actorId: AUTOMOD_ACTOR.id,
      action,
      target: record.messageId
        ? { type: 'message', id: record.messageId }
        : { type: 'channel', id: record.channelId },
      // Rule names and kinds only: the log is append-only, and never holds what was written.
      details: {
        channelId: record.channelId,
        rules: ruleNames(record.decision),
        kinds: [...new Set(record.decision.reasons.map((r) => r.kind))],
        ...extra,
      },
    });

  const alert = async (record: AutoModVerdictRecord) => {
    const { decision } = record;
    const event: AutoModAlert = {
      kind: 'automod.alert',
      channelId: record.channelId,
      messageId: record.messageId,
      authorId: record.authorId,
      verdict: decision.verdict,
      reasons: decision.reasons.map((r) => ({ ...r })),
      timeoutS: decision.timeoutS ?? null,
      at: Date.now(),
    };
    const key = `automod-alert-${record.messageId ?? `${record.channelId}-${record.authorId}-${event.at}`}`;
    await publishEvent(api, modsTopic(record.communityId), key, event, AUTOMOD_ACTOR);
  };

  const guarded = async (what: string, record: AutoModVerdictRecord, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      log.error(
        { err, communityId: record.communityId, channelId: record.channelId },
        `automod ${what} failed`,
      );
    }
  };

  return {
    /** Before the reply: the author's next send must already be refused. */
    async timeout(record: AutoModVerdictRecord): Promise<void> {
      const durationS = record.decision.timeoutS ?? 0;
      await guarded('timeout', record, async () => {
        await applyTimeout(api, record.communityId, record.authorId, durationS);
        await audit(record, 'automod.timeout', { durationS });
      });
    },

    /** A blocked message: nothing stored; the moderators may be told, the log is written. */
    async afterBlock(record: AutoModVerdictRecord): Promise<void> {
      await guarded('block', record, async () => {
        await audit(record, 'automod.block', {});
        if (record.decision.alert) await alert(record);
      });
    },

    /** Text other than a chat message (a live-session question) that broke rules without being
     * blocked: the log is written and the moderators may be told; its feature holds it (hide). */
    async afterText(record: AutoModVerdictRecord, what: string): Promise<void> {
      const { decision } = record;
      await guarded(what, record, async () => {
        if (decision.verdict === 'hide') await audit(record, 'automod.hide', { what });
        else if (decision.alert) await audit(record, 'automod.alert', { what });
        if (decision.alert) await alert(record);
      });
    },

    /** A published message (hidden or shown) that broke rules. */
    async afterPublish(record: AutoModVerdictRecord): Promise<void> {
      const { decision, messageId } = record;
      if (!messageId) return;
      await guarded('case', record, async () => {
        if (decision.verdict === 'hide') {
          await audit(record, 'automod.hide', {});
          const outcome = await flagMessage(api.connection, {
            communityId: record.communityId,
            channelId: record.channelId,
            messageId,
            authorId: record.authorId,
            source: 'automod',
            by: AUTOMOD_ACTOR.id,
            reason: decision.reasons
              .map((r) => `${r.rule}: ${r.detail}`)
              .join('; ')
              .slice(0, 500),
            scores: { automod: { rules: ruleNames(decision), verdict: decision.verdict } },
          });
          if (outcome.changed) {
            await announceCase(
              api,
              outcome.created ? 'case.opened' : 'case.updated',
              'automod',
              outcome.case,
              AUTOMOD_ACTOR,
            );
          }
        } else if (decision.alert) {
          await audit(record, 'automod.alert', {});
        }
        if (decision.alert) await alert(record);
      });
    },
  };
}
