// Examples of the search route for docs/openapi.json (`?q=kiln`). hub/openapi-examples.test.ts
// checks them against the route's schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';
import { exampleMessage } from './messages.examples.js';

export const searchExamples = {
  searchMessages: { response: { items: [exampleMessage], nextBefore: null } },
} satisfies Record<string, RouteExamples>;
