// Example of the hosts' summary route for docs/openapi.json: a 45-minute glazing workshop after
// it ended. hub/openapi-examples.test.ts checks it against the route's schema, so one left behind
// by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const summaryExamples = {
  getLiveSessionSummary: {
    response: {
      sessionId: '6571d2a0c9e77a0012ab6101',
      title: 'Glazing workshop: celadon at cone 6',
      startedAt: '2026-12-05T17:00:12.000Z',
      endedAt: '2026-12-05T17:45:40.000Z',
      durationS: 2728,
      audience: { peak: 56, average: 38.4, joins: 73 },
      watch: { totalS: 104755, averageS: 1435 },
      handRaises: 9,
      questions: { asked: 14, answered: 10, open: 2, dismissed: 1, held: 1 },
      polls: [
        {
          id: '6571d2a0c9e77a0012ab6190',
          question: 'Which glaze next time?',
          options: ['Tenmoku', 'Shino', 'Ash'],
          multiple: false,
          counts: [17, 12, 9],
          voters: 38,
        },
      ],
      reactions: {
        total: 212,
        byEmoji: { '👏': 130, '🔥': 61, '❤️': 21 },
        byMinute: [
          { at: '2026-12-05T17:01:00.000Z', counts: { '👏': 40 } },
          { at: '2026-12-05T17:44:00.000Z', counts: { '👏': 90, '🔥': 61, '❤️': 21 } },
        ],
      },
    },
  },
} satisfies Record<string, RouteExamples>;
