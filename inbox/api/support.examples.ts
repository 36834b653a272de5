// Examples of the support inbox routes for docs/openapi.json: member-42 asks about a refund (the
// host's notice attached), an agent (Chatwoot agent 7 of team 2) answers and resolves it.
// hub/openapi-examples.test.ts checks them against the routes' schemas, so one left behind by a
// schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';
import { noticeDescriptor } from './support-attachments.examples.js';

const opened = {
  id: '6571c7d0c9e77a0012ab5101',
  subject: 'Refund for a cancelled class',
  status: 'open',
  priority: 'none',
  assigneeId: null,
  teamId: null,
  labels: [],
  communityId: '6571b2f4c9e77a0012ab3c41',
  createdAt: '2026-12-07T09:30:00.000Z',
  updatedAt: '2026-12-07T09:30:00.000Z',
  firstResponseAt: null,
  resolvedAt: null,
  breaches: [],
  sla: {
    firstResponseDueAt: '2026-12-07T10:30:00.000Z',
    nextResponseDueAt: null,
    resolutionDueAt: '2026-12-08T09:30:00.000Z',
  },
};
const firstMessage = {
  id: '6571c7d1c9e77a0012ab5102',
  direction: 'member',
  content: 'My Saturday class was cancelled; can I get the fee back?',
  author: { id: 'member-42', name: 'Ada Okafor' },
  createdAt: '2026-12-07T09:30:00.000Z',
  attachments: [noticeDescriptor],
};
const reply = {
  id: '6571c9a4c9e77a0012ab5110',
  direction: 'agent',
  content: 'Sorry about that! The refund is on its way, expect it within 3 days.',
  author: { id: 'agent-7', name: 'Jo (Support)' },
  createdAt: '2026-12-07T09:41:00.000Z',
  attachments: [
    {
      id: '6571c9c8c9e77a0012ab5231',
      name: 'refund-confirmation.pdf',
      size: 40211,
      contentType: 'application/pdf',
      width: null,
      height: null,
      thumbnail: false,
    },
  ],
};
const answered = {
  ...opened,
  assigneeId: 7,
  teamId: 2,
  priority: 'medium',
  labels: ['billing', 'refund'],
  updatedAt: '2026-12-07T09:41:00.000Z',
  firstResponseAt: '2026-12-07T09:41:00.000Z',
  sla: { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: '2026-12-08T09:30:00.000Z' },
};
const resolved = {
  ...answered,
  status: 'resolved',
  updatedAt: '2026-12-07T09:45:00.000Z',
  resolvedAt: '2026-12-07T09:45:00.000Z',
  sla: { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null },
};

export const supportExamples = {
  startSupportConversation: {
    body: {
      subject: opened.subject,
      message: firstMessage.content,
      attachments: [noticeDescriptor.id],
      communityId: opened.communityId,
      language: 'en',
    },
    response: { conversation: opened, message: firstMessage },
  },
  listSupportConversations: { response: { items: [answered] } },
  getSupportConversation: {
    response: {
      conversation: answered,
      messages: [
        { ...firstMessage, private: false },
        {
          id: '6571c9a0c9e77a0012ab510f',
          direction: 'agent',
          content: 'Class 12/05 was cancelled by the host, refund approved.',
          author: { id: 'agent-7', name: 'Jo (Support)' },
          createdAt: '2026-12-07T09:40:00.000Z',
          attachments: [],
          private: true,
        },
        { ...reply, private: false },
      ],
    },
  },
  postSupportMessage: {
    body: { content: reply.content, attachments: ['6571c9c8c9e77a0012ab5231'] },
    response: reply,
  },
  setSupportStatus: { body: { status: 'resolved' }, response: resolved },
  reopenSupportConversation: {
    response: {
      ...answered,
      updatedAt: '2026-12-07T11:02:00.000Z',
      sla: { ...answered.sla, nextResponseDueAt: '2026-12-07T12:02:00.000Z' },
    },
  },
  assignSupportConversation: {
    body: { agentId: 7 },
    response: { ...answered, priority: 'none', labels: [] },
  },
  setSupportPriority: { body: { priority: 'medium' }, response: { ...answered, labels: [] } },
  setSupportLabels: { body: { labels: ['billing', 'refund'] }, response: answered },
  listCannedResponses: {
    response: {
      items: [
        { id: 3, shortCode: 'refund', content: 'The refund is on its way, expect it within 3 days.' },
        { id: 5, shortCode: 'hours', content: 'The studio is open 9:00 to 21:00, Monday to Saturday.' },
      ],
    },
  },
  getSupportMetrics: {
    response: {
      windowS: 604800,
      conversations: 48,
      firstResponseAvgS: 724,
      resolutionAvgS: 15380,
      breachRate: 0.0625,
      breaches: { first_response: 2, next_response: 1, resolution: 0 },
    },
  },
} satisfies Record<string, RouteExamples>;
