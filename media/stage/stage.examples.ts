// Examples of the live session stage routes for docs/openapi.json: joining the media room, hands,
// speakers and a host's moderation. hub/openapi-examples.test.ts checks them against the routes'
// schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const ok = { response: { ok: true } };

export const stageExamples = {
  joinLiveSession: {
    response: {
      url: 'wss://livekit.example.com',
      token:
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZW1iZXItNDIiLCJ2aWRlbyI6eyJyb29tIjoibGl2ZS1xWjN2In19.c2lnbmF0dXJl',
      room: 'live-qZ3vT8kLm2Xa',
      identity: 'member-42',
      role: 'audience',
      expiresInS: 600,
    },
  },
  getLiveSessionStage: {
    response: {
      hands: [
        { userId: 'member-42', raisedAt: 1797101220000 },
        { userId: 'member-13', raisedAt: 1797101285000 },
      ],
      speakers: ['member-77'],
      hosts: ['provider-17'],
      onAir: ['provider-17', 'member-77'],
    },
  },
  raiseHand: { response: { position: 2 } },
  lowerHand: ok,
  inviteToStage: ok,
  leaveStage: ok,
  muteParticipantTrack: {
    body: { trackSid: 'TR_AMkQv7xZ2pRt', muted: true },
    response: { trackSid: 'TR_AMkQv7xZ2pRt', muted: true },
  },
  removeParticipant: ok,
} satisfies Record<string, RouteExamples>;
