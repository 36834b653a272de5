// Examples of the review queue's case routes for docs/openapi.json: member-42's message reported
// as spam, claimed by moderator-3. hub/openapi-examples.test.ts checks them against the routes'
// schemas, so one left behind by a schema change fails there. The decision examples reuse the case.
import type { RouteExamples } from '../../realtime/transport/api/index.js';
import { exampleMessage } from '../../community/api/messages.examples.js';

/** An open case: one report, no decision yet. */
export const exampleCase = {
  id: '6571c410c9e77a0012ab4e19',
  communityId: '6571b2f4c9e77a0012ab3c41',
  channelId: exampleMessage.channelId,
  messageId: exampleMessage.id,
  authorId: 'member-42',
  source: 'report',
  flags: [{ by: 'member-13', reason: 'Links to a crypto giveaway', at: 1796636400000, attachmentId: null }],
  scores: {},
  status: 'open',
  claimedBy: null,
  claimedAt: null,
  decision: null,
  appeal: null,
  createdAt: 1796636400000,
  updatedAt: 1796636400000,
};

const claimed = {
  ...exampleCase,
  status: 'claimed',
  claimedBy: 'moderator-3',
  claimedAt: 1796636700000,
  updatedAt: 1796636700000,
};

export const casesExamples = {
  claimCase: { response: { case: claimed } },
  unclaimCase: { response: { case: exampleCase } },
  listCases: {
    response: {
      items: [
        claimed,
        {
          ...exampleCase,
          id: '6571c3f0c9e77a0012ab4e02',
          messageId: '6571b390c9e77a0012ab3cf0',
          authorId: 'member-77',
          source: 'automod',
          flags: [],
          scores: { automod: { rules: ['No crypto spam'], verdict: 'flag' } },
          createdAt: 1796628000000,
          updatedAt: 1796628000000,
        },
      ],
      nextBefore: 'eyJhdCI6MTc5NjYyODAwMDAwMCwiaWQiOiI2NTcxYzNmMGM5ZTc3YTAwMTJhYjRlMDIifQ',
    },
  },
  getCase: {
    response: {
      case: claimed,
      message: exampleMessage,
      attachments: [],
      context: { before: [], after: [] },
      history: {
        total: 2,
        undecided: 1,
        decisions: { approve: 0, remove: 1, warn: 0, timeout: 0, kick: 0, ban: 0 },
        overturned: 0,
        recent: [],
      },
    },
  },
} satisfies Record<string, RouteExamples>;
