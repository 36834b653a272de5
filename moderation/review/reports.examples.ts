// Examples of the report route for docs/openapi.json. hub/openapi-examples.test.ts checks them
// against the route's schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const reportsExamples = {
  reportMessage: { body: { reason: 'Links to a crypto giveaway' }, response: { ok: true } },
} satisfies Record<string, RouteExamples>;
