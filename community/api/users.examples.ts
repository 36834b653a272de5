// Examples of the privacy routes for docs/openapi.json: member-42's export (abridged to one item
// per list; `features` holds each registered feature's part) and erasure. hub/openapi-examples.test.ts
// checks them against the routes' schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const communityId = '6571b2f4c9e77a0012ab3c41';
const channelId = '6571b2f4c9e77a0012ab3c52';

export const usersExamples = {
  exportUserData: {
    response: {
      userId: 'member-42',
      exportedAt: '2026-12-07T09:30:00.000Z',
      memberships: [
        {
          communityId,
          displayName: 'Ada Okafor',
          roleIds: ['6571b2f4c9e77a0012ab3c43'],
          joinedAt: '2026-11-02T18:04:11.000Z',
          timeoutUntil: null,
          leftAt: null,
        },
      ],
      messages: [
        {
          id: '6571b3a0c9e77a0012ab3d07',
          channelId,
          communityId,
          offset: 241,
          body: 'Is the kiln free on Saturday?',
          createdAt: '2026-12-07T09:30:00.000Z',
          editedAt: null,
          deletedAt: null,
          replyToId: null,
          edits: [],
        },
      ],
      reactions: [{ messageId: '6571b3a4c9e77a0012ab3d08', channelId, emoji: '👍' }],
      readStates: [{ channelId, lastReadOffset: 242, updatedAt: '2026-12-07T09:35:00.000Z' }],
      bans: [],
      channels: [],
      features: {
        liveSessions: {
          interest: [{ sessionId: '6571c5e2c9e77a0012ab4f30', at: '2026-12-01T12:00:00.000Z' }],
          questions: [],
          hosts: [],
        },
      },
    },
  },
  eraseUser: {
    response: {
      pseudonym: 'erased-3f9a1c0b7d2e4f6a8b1c3d5e',
      messages: 214,
      mentions: 9,
      reactions: 57,
      memberships: 2,
      readStates: 6,
      bans: 0,
      channels: 1,
      cases: 1,
      topics: 3,
      features: { liveSessions: 2, rateLimits: 3, jobs: 0 },
    },
  },
} satisfies Record<string, RouteExamples>;
