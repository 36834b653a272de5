// Examples of the moderation settings routes for docs/openapi.json: a keyword rule against crypto
// spam, the spam level at 2, scoring thresholds. hub/openapi-examples.test.ts checks them against
// the routes' schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const moderatorRoleId = '6571b2f4c9e77a0012ab3c46';
const blockReason = 'Giveaway links are not allowed here.';
/** A rule as written: what is left out takes its default. */
const cryptoRule = {
  name: 'No crypto spam',
  kind: 'keyword',
  keywords: ['free crypto', 'airdrop*'],
  actions: [{ type: 'block', reason: blockReason }, { type: 'alert' }],
  exemptRoleIds: [moderatorRoleId],
};
/** The same rule as stored, its defaults filled in. */
const storedRule = { ...cryptoRule, enabled: true, exemptChannelIds: [], allow: [] };
const levels = { identity: 0, sexual: 0, aggression: 1, profanity: 0, spam: 2 };
const settings = {
  automod: { rules: [storedRule], levels, levelActions: [{ type: 'hide' }] },
  scoring: { flagAt: 0.6, hideAt: 0.85 },
};

export const settingsExamples = {
  getModerationSettings: { response: settings },
  putAutoModConfig: {
    body: { rules: [cryptoRule], levels, levelActions: [{ type: 'hide' }] },
    response: settings,
  },
  putAutoModLevels: {
    body: { levels: { spam: 2, aggression: 1 } },
    response: settings,
  },
  putScoringThresholds: { body: { flagAt: 0.6, hideAt: 0.85 }, response: settings },
  checkAutoMod: {
    body: { body: 'FREE CRYPTO for the first 100 members!', channelId: '6571b2f4c9e77a0012ab3c52' },
    response: {
      verdict: 'block',
      reasons: [
        { rule: 'No crypto spam', kind: 'keyword', detail: 'keyword "free crypto" in "free crypto"' },
      ],
      actions: [
        { type: 'block', reason: blockReason, rule: 'No crypto spam' },
        { type: 'alert', rule: 'No crypto spam' },
      ],
      alert: true,
      blockReason,
    },
  },
} satisfies Record<string, RouteExamples>;
