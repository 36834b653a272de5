// Examples of the review queue's decision routes for docs/openapi.json: the reported message is
// removed, its author appeals, the appeal is upheld. hub/openapi-examples.test.ts checks them
// against the routes' schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';
import { exampleCase } from './cases.examples.js';

const decision = { action: 'remove', reason: 'Spam links, second time this week', at: 1796636800000 };
const decided = {
  ...exampleCase,
  status: 'resolved',
  claimedBy: 'moderator-3',
  claimedAt: 1796636700000,
  decision: { ...decision, by: 'moderator-3', durationS: null },
  updatedAt: 1796636800000,
};
const appeal = { reason: 'It was a real giveaway by the studio', at: 1796640000000 };

export const decisionsExamples = {
  decideCase: {
    body: { action: 'remove', reason: 'Spam links, second time this week' },
    response: { case: decided },
  },
  decideCases: {
    body: {
      caseIds: ['6571c410c9e77a0012ab4e19', '6571c3f0c9e77a0012ab4e02'],
      action: 'timeout',
      reason: 'Flooding #general',
      durationS: 3600,
    },
    response: {
      results: [
        {
          caseId: '6571c410c9e77a0012ab4e19',
          ok: true,
          case: {
            ...decided,
            decision: {
              action: 'timeout',
              reason: 'Flooding #general',
              by: 'moderator-3',
              at: 1796636800000,
              durationS: 3600,
            },
          },
          error: null,
        },
        {
          caseId: '6571c3f0c9e77a0012ab4e02',
          ok: false,
          case: null,
          error: { code: 'conflict', message: 'the case is decided already' },
        },
      ],
    },
  },
  appealCase: {
    body: { reason: appeal.reason },
    response: {
      case: {
        id: exampleCase.id,
        communityId: exampleCase.communityId,
        messageId: exampleCase.messageId,
        decision: { ...decision, durationS: null },
        appeal: { ...appeal, status: 'open', decidedAt: null, decisionReason: '', effect: 'none' },
      },
    },
  },
  decideAppeal: {
    body: { upheld: true, reason: 'The link is on our blocklist whoever posts it' },
    response: {
      case: {
        ...decided,
        appeal: {
          ...appeal,
          by: 'member-42',
          status: 'upheld',
          decidedBy: 'moderator-5',
          decidedAt: 1796643600000,
          decisionReason: 'The link is on our blocklist whoever posts it',
          effect: 'none',
        },
        updatedAt: 1796643600000,
      },
    },
  },
} satisfies Record<string, RouteExamples>;
