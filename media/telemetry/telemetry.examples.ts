// Examples of the live session telemetry route for docs/openapi.json: a session half an hour in.
// hub/openapi-examples.test.ts checks them against the route's schemas, so one left behind by a
// schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const telemetryExamples = {
  getLiveSessionTelemetry: {
    response: {
      live: true,
      currentParticipants: 41,
      peakParticipants: 56,
      joins: 73,
      totalWatchS: 61920,
      averageWatchS: 848,
      handRaises: 9,
      questions: 14,
      pollVoters: 38,
    },
  },
} satisfies Record<string, RouteExamples>;
