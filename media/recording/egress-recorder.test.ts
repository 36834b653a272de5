// The recorder contract on LiveKit Egress, only where an Egress service is reachable: LiveKit
// Egress (a Chrome-based compositor) does not run on this project's machines, so this suite is
// skipped unless HUB_TEST_EGRESS_LIVEKIT_URL names a LiveKit server with an Egress attached
// (HUB_TEST_EGRESS_LIVEKIT_KEY / _SECRET, default devkey/secret; HUB_TEST_EGRESS_FILEPATH, the
// file template Egress's storage accepts).
import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { RoomServiceClient } from 'livekit-server-sdk';
import { EgressRecorder } from './egress-recorder.js';
import { describeRecorderContract } from './recorder.contract.js';

const url = process.env['HUB_TEST_EGRESS_LIVEKIT_URL'];
const apiKey = process.env['HUB_TEST_EGRESS_LIVEKIT_KEY'] ?? 'devkey';
const apiSecret = process.env['HUB_TEST_EGRESS_LIVEKIT_SECRET'] ?? 'secret';

if (url) {
  const rooms = new RoomServiceClient(url.replace(/^ws(s?):/, 'http$1:'), apiKey, apiSecret);
  describeRecorderContract('LiveKit Egress', () =>
    Promise.resolve({
      recorder: new EgressRecorder({
        url,
        apiKey,
        apiSecret,
        filepath: process.env['HUB_TEST_EGRESS_FILEPATH'] ?? 'hubbub-contract/{room_name}-{time}.mp4',
      }),
      room: async () =>
        (await rooms.createRoom({ name: `contract-${randomUUID()}`, emptyTimeout: 120 })).name,
      files: true,
    }),
  );
} else {
  describe.skip('Recorder contract: LiveKit Egress', () => {
    it.skip('needs HUB_TEST_EGRESS_LIVEKIT_URL: a LiveKit server with an Egress attached', () => undefined);
  });
}
