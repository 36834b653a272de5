// Examples of the message routes for docs/openapi.json: a question in #general and its reply.
// hub/openapi-examples.test.ts checks them against the routes' schemas, so one left behind by a
// schema change fails there. The search examples reuse the message.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const channelId = '6571b2f4c9e77a0012ab3c52';

export const exampleMessage = {
  id: '6571b3a0c9e77a0012ab3d07',
  channelId,
  offset: 241,
  author: { id: 'member-42', name: 'Ada Okafor' },
  body: 'Is the kiln free on Saturday? @Mina I can bring the cone 6 glazes.',
  replyToId: null,
  threadId: null,
  mentions: { userIds: ['provider-17'], roleIds: [], everyone: false },
  reactions: [{ emoji: '👍', count: 3, me: false }],
  attachments: [
    {
      id: '6571c8e3c9e77a0012ab5210',
      name: 'glaze-test.jpg',
      size: 482133,
      contentType: 'image/jpeg',
      width: 1600,
      height: 1200,
      thumbnail: true,
    },
  ],
  pinned: false,
  editedAt: null,
  deleted: false,
  hidden: false,
  createdAt: 1796635800000,
};

/** A reply in the same channel, edited once. */
const exampleReply = {
  ...exampleMessage,
  id: '6571b3a4c9e77a0012ab3d08',
  offset: 242,
  author: { id: 'provider-17', name: 'Mina Ito' },
  body: 'Yes, from 10:00. I will fire at 11.',
  replyToId: exampleMessage.id,
  mentions: { userIds: [], roleIds: [], everyone: false },
  reactions: [],
  attachments: [],
  editedAt: 1796636100000,
  createdAt: 1796636040000,
};

export const messagesExamples = {
  listMessages: { response: { items: [exampleMessage, exampleReply], nextBefore: 241 } },
  editMessage: {
    body: { body: 'Yes, from 10:00. I will fire at 11.' },
    response: exampleReply,
  },
  deleteMessage: { response: { ok: true } },
  addReaction: { response: { emoji: '👍', count: 4, me: true } },
  removeReaction: { response: { emoji: '👍', count: 3, me: false } },
  pinMessage: { response: { ok: true } },
  unpinMessage: { response: { ok: true } },
  listPins: { response: { items: [{ ...exampleMessage, pinned: true }] } },
  startThread: {
    body: { name: 'Saturday firing' },
    response: {
      threadId: '6571b3b2c9e77a0012ab3d11',
      channel: 'chan:6571b2f4c9e77a0012ab3c41:6571b3b2c9e77a0012ab3d11',
    },
  },
} satisfies Record<string, RouteExamples>;
