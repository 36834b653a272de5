// The demo communities' moderation settings, for `hub seed`: AutoMod rules a visitor of the demo
// page can trip (a scam keyword, link and mention limits, shouting, flooding) and the default
// scoring thresholds. Validated by the same schema as the API, so the demo never holds rules the
// API would refuse.
import type { Connection } from 'mongoose';
import { canonicalJson, type JsonValue } from '../storage/repositories/audit.js';
import { updateModerationSettings } from '../storage/repositories/moderation-settings.js';
import { parseAutoModConfig, type AutoModConfigInput } from './automod/rules.js';

export const DEMO_AUTOMOD: AutoModConfigInput = {
  rules: [
    {
      name: 'Scams',
      kind: 'keyword',
      keywords: ['free nitro', 'crypto giveaway', 'double your money*'],
      actions: [{ type: 'block', reason: 'That looks like a scam; it was not sent.' }, { type: 'alert' }],
    },
    {
      name: 'Strong language',
      kind: 'profanity',
      minSeverity: 'strong',
      actions: [{ type: 'hide' }],
    },
    {
      name: 'Off-site links',
      kind: 'links',
      policy: 'allow_listed',
      domains: ['example.com', 'wikipedia.org'],
      actions: [{ type: 'block', reason: 'Links to other sites are not allowed here.' }],
    },
    {
      name: 'Mention spam',
      kind: 'mentions',
      maxMentions: 5,
      actions: [{ type: 'block' }, { type: 'alert' }],
    },
    {
      name: 'Shouting',
      kind: 'caps',
      maxRatio: 0.8,
      minLetters: 12,
      actions: [{ type: 'block', reason: 'Please do not shout.' }],
    },
    {
      name: 'Flooding',
      kind: 'flood',
      maxMessages: 8,
      windowMs: 10_000,
      actions: [
        { type: 'block', reason: 'Slow down a little.' },
        { type: 'timeout', durationS: 60 },
      ],
    },
  ],
};

export async function seedModeration(connection: Connection, communityIds: readonly string[]): Promise<void> {
  const automod = canonicalJson(parseAutoModConfig(DEMO_AUTOMOD) as unknown as JsonValue);
  for (const id of communityIds) await updateModerationSettings(connection, id, { automod });
}
