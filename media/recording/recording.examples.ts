// Examples of the hosts' recording routes for docs/openapi.json: one recording through LiveKit
// Egress, started, then stopped and complete. hub/openapi-examples.test.ts checks them against
// the routes' schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const started = {
  id: 'Qm9Gx2pL7vTz',
  backend: 'livekit-egress',
  status: 'recording',
  url: null,
  startedAt: '2026-12-05T17:02:00.000Z',
  stoppedAt: null,
};
const complete = {
  ...started,
  status: 'complete',
  url: 'https://recordings.example.com/live-6571d2a0c9e77a0012ab6101-2026-12-05T170200.mp4',
  stoppedAt: '2026-12-05T17:45:40.000Z',
};

export const recordingExamples = {
  startLiveSessionRecording: { response: started },
  stopLiveSessionRecording: {
    response: { ...started, status: 'stopping', stoppedAt: '2026-12-05T17:45:40.000Z' },
  },
  listLiveSessionRecordings: { response: { items: [complete] } },
} satisfies Record<string, RouteExamples>;
