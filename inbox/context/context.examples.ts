// Examples of the support member-context route for docs/openapi.json: who member-42 is in the
// community the conversation came from. hub/openapi-examples.test.ts checks them against the
// route's schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const potteryMakers = {
  id: '6571b2f4c9e77a0012ab3c41',
  slug: 'pottery-makers',
  name: 'Pottery Makers',
  joinedAt: '2026-11-02T18:04:11.000Z',
  leftAt: null,
};

export const contextExamples = {
  getSupportMemberContext: {
    response: {
      member: { id: 'member-42', name: 'Ada Okafor' },
      community: {
        ...potteryMakers,
        member: true,
        roles: [{ id: '6571b2f4c9e77a0012ab3c43', name: 'Member' }],
        timeoutUntil: null,
        ban: null,
        openCases: 1,
      },
      communities: [
        potteryMakers,
        {
          id: '6571d0a2c9e77a0012ab6001',
          slug: 'weavers-circle',
          name: 'Weavers Circle',
          joinedAt: '2026-06-14T08:22:40.000Z',
          leftAt: '2026-09-01T12:00:00.000Z',
        },
      ],
      recentMessages: [
        {
          id: '6571b3a0c9e77a0012ab3d07',
          communityId: potteryMakers.id,
          communityName: potteryMakers.name,
          channelId: '6571b2f4c9e77a0012ab3c52',
          channelName: 'general',
          content: 'Is the kiln free on Saturday?',
          hidden: false,
          createdAt: '2026-12-07T09:30:00.000Z',
        },
      ],
    },
  },
} satisfies Record<string, RouteExamples>;
