// Examples of the live session Q&A, poll and reaction routes for docs/openapi.json.
// hub/openapi-examples.test.ts checks them against the routes' schemas, so one left behind by a
// schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const question = {
  id: 'q7Hk2_Lp',
  authorId: 'member-42',
  authorName: 'Ada Okafor',
  text: 'Which cone do you fire stoneware at?',
  createdAt: 1797101400000,
  status: 'open',
  upvotes: 6,
  youUpvoted: false,
};
/** As the host who created it sees it (no vote of theirs). */
const poll = {
  id: 'p3Xv9-Qa',
  question: 'Which glaze next week?',
  options: ['Celadon', 'Tenmoku', 'Shino'],
  multiple: false,
  status: 'open',
  createdAt: 1797101700000,
  createdBy: 'provider-17',
  counts: [12, 7, 4],
  voters: 23,
};

export const stateExamples = {
  listLiveQuestions: {
    response: {
      items: [
        question,
        {
          ...question,
          id: 'q9Rt4mWz',
          authorId: 'member-13',
          authorName: 'Sam Reyes',
          text: 'Can I fire the test tiles in the shared kiln?',
          createdAt: 1797101460000,
          upvotes: 2,
        },
      ],
    },
  },
  askLiveQuestion: {
    body: { text: question.text },
    response: { ...question, upvotes: 0 },
  },
  upvoteLiveQuestion: { body: { up: true }, response: { upvotes: 7, youUpvoted: true } },
  setLiveQuestionStatus: { body: { status: 'answered' }, response: { ok: true } },
  listLivePolls: { response: { items: [{ ...poll, yourChoices: [1] }] } },
  createLivePoll: {
    body: { question: poll.question, options: poll.options },
    response: { ...poll, counts: [0, 0, 0], voters: 0 },
  },
  voteInLivePoll: {
    body: { choices: [0] },
    response: { ...poll, counts: [13, 7, 4], voters: 24, yourChoices: [0] },
  },
  closeLivePoll: {
    response: { ...poll, status: 'closed', closedAt: 1797102000000 },
  },
  reactInLiveSession: { body: { emoji: '👏' }, response: { ok: true } },
} satisfies Record<string, RouteExamples>;
