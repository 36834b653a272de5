// Examples of the member moderation routes for docs/openapi.json (timeout, kick, ban).
// hub/openapi-examples.test.ts checks them against the routes' schemas, so one left behind by a
// schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const membersExamples = {
  timeoutMember: {
    body: { durationS: 3600, reason: 'Flooding #general' },
    response: { ok: true, until: 1796639400000 },
  },
  kickMember: { body: { reason: 'Posting giveaway links' }, response: { ok: true } },
  banMember: { body: { reason: 'Giveaway links again after a kick' }, response: { ok: true } },
  unbanMember: { response: { ok: true } },
} satisfies Record<string, RouteExamples>;
