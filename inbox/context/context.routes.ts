// GET /api/v1/support/conversations/{id}/context: the member's context beside a support
// conversation, for agents only (marketplace role `agent` or `admin`); members get 403
// `forbidden`, even for their own conversation, since it shows moderation standing.
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { isAgent } from '../api/support-actions.js';
import { supportConversations, type SupportConversation } from '../store/models.js';
import { memberContextSchema } from './context-schema.js';
import { memberContext } from './member-context.js';
import { contextExamples } from './context.examples.js';

export function supportContextRoutes(deps: { connection: Connection }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/support/conversations/:conversationId/context',
      operationId: 'getSupportMemberContext',
      summary:
        "The member's context for agents: communities, standing in the conversation's community, recent public messages",
      tags: ['support'],
      params: z.strictObject({ conversationId: z.string().regex(/^[0-9a-f]{24}$/, 'must be an id') }),
      response: memberContextSchema,
      examples: contextExamples.getSupportMemberContext,
      handler: async ({ user, params }) => {
        if (!isAgent(user)) throw new HttpError('forbidden', 'Only support agents may do that.');
        const c = await supportConversations(deps.connection)
          .findById(params.conversationId)
          .lean<SupportConversation>();
        if (!c) throw new HttpError('not_found', 'No such support conversation.');
        return memberContext(deps.connection, { id: c.userId, name: c.userName }, c.communityId ?? null);
      },
    }),
  ];
}
