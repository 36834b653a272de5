// REST routes of a live session's Q&A, polls and reactions. Changes reach everyone in the
// session live, as data messages in its LiveKit room (topic `hubbub.state`).
import { z } from 'zod';
import type { LivePoll, LiveQuestion } from '../../protocol/index.js';
import { objectId } from '../../community/api/support.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import type { MediaContext } from '../context.js';
import { hostedSession, viewableSession } from '../sessions/access.js';
import type { LiveState } from './live-state.js';
import { QUESTION_STATUSES } from './qa.js';
import { REACTIONS } from './reactions.js';
import { stateExamples } from './state.examples.js';

const sessionParams = z.strictObject({ sessionId: objectId });
const questionParams = z.strictObject({ sessionId: objectId, questionId: z.string().regex(/^[\w-]{8}$/) });
const pollParams = z.strictObject({ sessionId: objectId, pollId: z.string().regex(/^[\w-]{8}$/) });

export const questionSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.number(),
  status: z.enum(QUESTION_STATUSES),
  heldFor: z.string().optional(),
  upvotes: z.number(),
  youUpvoted: z.boolean().optional(),
}) satisfies z.ZodType<LiveQuestion>;

export const pollSchema = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(z.string()),
  multiple: z.boolean(),
  status: z.enum(['open', 'closed']),
  createdAt: z.number(),
  closedAt: z.number().optional(),
  createdBy: z.string(),
  counts: z.array(z.number()),
  voters: z.number(),
  yourChoices: z.array(z.number()).optional(),
}) satisfies z.ZodType<LivePoll>;

export function stateRoutes(ctx: MediaContext, state: LiveState): RouteDefinition[] {
  const session = (user: AuthUser, id: string) => viewableSession(ctx, user, id);
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId/questions',
      operationId: 'listLiveQuestions',
      summary: 'Q&A, sorted: open by upvotes then age, then answered (hosts also see held and dismissed)',
      tags: ['live-sessions'],
      params: sessionParams,
      response: z.object({ items: z.array(questionSchema) }),
      examples: stateExamples.listLiveQuestions,
      handler: async ({ user, params }) => ({
        items: await state.questions(await session(user, params.sessionId), user),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/questions',
      operationId: 'askLiveQuestion',
      summary:
        'Ask a question; it passes through the community’s AutoMod (blocked: 422, hidden: held for hosts)',
      tags: ['live-sessions'],
      params: sessionParams,
      body: z.strictObject({ text: z.string().trim().min(3).max(500) }),
      status: 201,
      response: questionSchema,
      examples: stateExamples.askLiveQuestion,
      handler: async ({ user, params, body }) =>
        state.ask(await session(user, params.sessionId), user, body.text),
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/live-sessions/:sessionId/questions/:questionId/upvote',
      operationId: 'upvoteLiveQuestion',
      summary: 'Upvote a question, or withdraw the upvote (one per member)',
      tags: ['live-sessions'],
      params: questionParams,
      body: z.strictObject({ up: z.boolean() }),
      response: z.object({ upvotes: z.number(), youUpvoted: z.boolean() }),
      examples: stateExamples.upvoteLiveQuestion,
      handler: async ({ user, params, body }) =>
        state.upvote(await session(user, params.sessionId), user, params.questionId, body.up),
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/live-sessions/:sessionId/questions/:questionId/status',
      operationId: 'setLiveQuestionStatus',
      summary: 'Mark a question answered or dismissed, or reopen (or release a held) one (hosts)',
      tags: ['live-sessions'],
      params: questionParams,
      body: z.strictObject({ status: z.enum(['open', 'answered', 'dismissed']) }),
      response: z.object({ ok: z.literal(true) }),
      examples: stateExamples.setLiveQuestionStatus,
      handler: async ({ user, params, body }) => {
        const hosted = await hostedSession(ctx, user, params.sessionId);
        await state.setQuestionStatus(hosted, params.questionId, body.status);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/live-sessions/:sessionId/polls',
      operationId: 'listLivePolls',
      summary: 'The session’s polls with live results and the caller’s own choices',
      tags: ['live-sessions'],
      params: sessionParams,
      response: z.object({ items: z.array(pollSchema) }),
      examples: stateExamples.listLivePolls,
      handler: async ({ user, params }) => {
        const s = await session(user, params.sessionId);
        return { items: await state.polls.list(ctx.keys.session(s._id.toHexString()), user.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/polls',
      operationId: 'createLivePoll',
      summary: 'Open a poll, single or multiple choice (hosts)',
      tags: ['live-sessions'],
      params: sessionParams,
      body: z.strictObject({
        question: z.string().trim().min(1).max(300),
        options: z.array(z.string().trim().min(1).max(100)).min(2).max(10),
        multiple: z.boolean().default(false),
      }),
      status: 201,
      response: pollSchema,
      examples: stateExamples.createLivePoll,
      handler: async ({ user, params, body }) => {
        const poll = await state.createPoll(await hostedSession(ctx, user, params.sessionId), user, body);
        if (!poll) throw new Error('media: a poll just created is missing');
        return poll;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/polls/:pollId/votes',
      operationId: 'voteInLivePoll',
      summary: 'Vote once in an open poll: one option, or several in a multiple-choice poll',
      tags: ['live-sessions'],
      params: pollParams,
      body: z.strictObject({ choices: z.array(z.number().int().min(0).max(9)).min(1).max(10) }),
      response: pollSchema,
      examples: stateExamples.voteInLivePoll,
      handler: async ({ user, params, body }) => {
        const poll = await state.vote(
          await session(user, params.sessionId),
          user,
          params.pollId,
          body.choices,
        );
        if (!poll) throw new Error('media: a poll just voted in is missing');
        return poll;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/polls/:pollId/close',
      operationId: 'closeLivePoll',
      summary: 'Close a poll: no more votes; results stay (hosts)',
      tags: ['live-sessions'],
      params: pollParams,
      response: pollSchema,
      examples: stateExamples.closeLivePoll,
      handler: async ({ user, params }) => {
        const poll = await state.closePoll(await hostedSession(ctx, user, params.sessionId), params.pollId);
        if (!poll) throw new Error('media: a poll just closed is missing');
        return poll;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/live-sessions/:sessionId/reactions',
      operationId: 'reactInLiveSession',
      summary: 'Send an emoji reaction; the room receives each second’s counts as one message',
      tags: ['live-sessions'],
      params: sessionParams,
      body: z.strictObject({ emoji: z.enum(REACTIONS) }),
      status: 202,
      response: z.object({ ok: z.literal(true) }),
      examples: stateExamples.reactInLiveSession,
      handler: async ({ user, params, body }) => {
        await state.react(await session(user, params.sessionId), user, body.emoji);
        return { ok: true as const };
      },
    }),
  ];
}
