// Examples of the channel routes for docs/openapi.json, in the "Pottery Makers" community of the
// service examples. hub/openapi-examples.test.ts checks them against the routes' schemas, so one
// left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const communityId = '6571b2f4c9e77a0012ab3c41';
const moderatorRoleId = '6571b2f4c9e77a0012ab3c46';
const everyoneRoleId = '6571b2f4c9e77a0012ab3c42';
const topicOf = (channelId: string) => `chan:${communityId}:${channelId}`;
const memberPermissions = [
  'VIEW_CHANNEL',
  'SEND_MESSAGES',
  'SEND_IN_THREADS',
  'ADD_REACTIONS',
  'EMBED_LINKS',
];

export const channelsExamples = {
  listChannels: {
    response: {
      items: [
        {
          id: '6571b2f4c9e77a0012ab3c50',
          topic: topicOf('6571b2f4c9e77a0012ab3c50'),
          kind: 'category',
          name: 'Studio',
          parentId: null,
          position: 0,
          private: false,
          slowmodeS: 0,
          archived: false,
          permissions: memberPermissions,
        },
        {
          id: '6571b2f4c9e77a0012ab3c52',
          topic: topicOf('6571b2f4c9e77a0012ab3c52'),
          kind: 'text',
          name: 'general',
          parentId: '6571b2f4c9e77a0012ab3c50',
          position: 1,
          private: false,
          slowmodeS: 0,
          archived: false,
          permissions: memberPermissions,
        },
        {
          id: '6571b2f4c9e77a0012ab3c53',
          topic: topicOf('6571b2f4c9e77a0012ab3c53'),
          kind: 'announcement',
          name: 'announcements',
          parentId: null,
          position: 2,
          private: false,
          slowmodeS: 0,
          archived: false,
          permissions: ['VIEW_CHANNEL', 'ADD_REACTIONS'],
        },
      ],
    },
  },
  unreadCounts: {
    response: {
      items: [
        { channelId: '6571b2f4c9e77a0012ab3c52', unread: 12, mentions: 1, lastReadOffset: 230 },
        { channelId: '6571b2f4c9e77a0012ab3c53', unread: 0, mentions: 0, lastReadOffset: 18 },
      ],
    },
  },
  markRead: { body: { offset: 242 }, response: { lastReadOffset: 242 } },
  createChannel: {
    body: {
      kind: 'text',
      name: 'kiln-schedule',
      topic: 'Book firing slots for the shared kiln.',
      parentId: '6571b2f4c9e77a0012ab3c50',
      slowmodeS: 30,
      overwrites: [
        // Only moderators post; everyone else reads (SEND_MESSAGES is 2).
        { targetType: 'role', targetId: everyoneRoleId, allow: 0, deny: 2 },
        { targetType: 'role', targetId: moderatorRoleId, allow: 2, deny: 0 },
      ],
    },
    response: { id: '6571b2f4c9e77a0012ab3c54', topic: topicOf('6571b2f4c9e77a0012ab3c54') },
  },
  updateChannel: {
    body: { name: 'kiln-bookings', topic: 'Book firing slots, two per member a week.', position: 3 },
    response: { ok: true },
  },
  deleteChannel: { response: { ok: true } },
  openDirectMessage: {
    body: { userId: 'provider-17' },
    response: {
      channelId: '6571b7aac9e77a0012ab3c90',
      topic: 'chan:dm:6571b7aac9e77a0012ab3c90',
      created: true,
    },
  },
} satisfies Record<string, RouteExamples>;
