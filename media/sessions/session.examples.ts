// Examples of the live session routes for docs/openapi.json: "Glazing Q&A with Mina" scheduled,
// moved, started and ended. hub/openapi-examples.test.ts checks them against the routes' schemas,
// so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

/** As the host sees it right after scheduling it. */
export const exampleSession = {
  id: '6571c5e2c9e77a0012ab4f30',
  communityId: '6571b2f4c9e77a0012ab3c41',
  channelId: '6571b2f4c9e77a0012ab3c55',
  title: 'Glazing Q&A with Mina',
  description: 'Bring your test tiles: we look at crawling, pinholes and crazing.',
  hostIds: ['provider-17'],
  startsAt: '2026-12-12T17:00:00.000Z',
  durationMin: 60,
  capacity: 100,
  visibility: 'members',
  status: 'scheduled',
  startedAt: null,
  endedAt: null,
  youHost: true,
};
const moved = { ...exampleSession, startsAt: '2026-12-12T18:00:00.000Z', durationMin: 90 };
const live = { ...moved, status: 'live', startedAt: '2026-12-12T17:58:12.000Z' };

export const sessionExamples = {
  createLiveSession: {
    body: {
      title: exampleSession.title,
      description: exampleSession.description,
      startsAt: '2026-12-12T18:00:00+01:00',
      durationMin: 60,
      capacity: 100,
      channelId: exampleSession.channelId,
    },
    response: exampleSession,
  },
  listLiveSessions: {
    response: {
      items: [
        { ...exampleSession, youHost: false },
        {
          ...exampleSession,
          id: '6571c5f8c9e77a0012ab4f41',
          channelId: null,
          title: 'Wheel throwing for beginners',
          description: 'Centering, opening, pulling walls.',
          hostIds: ['provider-21'],
          startsAt: '2026-12-19T10:00:00.000Z',
          visibility: 'public',
          youHost: false,
        },
      ],
    },
  },
  getLiveSession: { response: { ...exampleSession, youHost: false, interested: 23, youInterested: true } },
  updateLiveSession: { body: { startsAt: '2026-12-12T18:00:00Z', durationMin: 90 }, response: moved },
  cancelLiveSession: { response: { ...moved, status: 'cancelled' } },
  startLiveSession: { response: live },
  endLiveSession: { response: { ...live, status: 'ended', endedAt: '2026-12-12T19:31:40.000Z' } },
  setLiveSessionInterest: { body: { interested: true }, response: { interested: 24 } },
} satisfies Record<string, RouteExamples>;
