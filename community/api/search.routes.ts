// Search within a community's messages, permission-aware: the query is restricted to the
// channels the caller may view, so it never returns, nor reveals by its counts or cursors, a
// message of a channel they cannot see. Case-insensitive substring search of the text, typed
// literally (regex-escaped); see storage/README.md for why not a text index.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { getMessage } from '../../storage/repositories/messages.js';
import { MAX_QUERY, MAX_RESULTS, searchMessages } from '../../storage/repositories/search.js';
import { messageSchema, messageView } from './messages.routes.js';
import { objectId, repo, requireMember, type CommunityApiDeps } from './support.js';
import { searchExamples } from './search.examples.js';

export function searchRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/search',
      operationId: 'searchMessages',
      summary: 'Messages containing the text, newest first, in the channels the caller may view',
      tags: ['messages'],
      params: z.strictObject({ communityId: objectId }),
      query: z.strictObject({
        q: z.string().trim().min(1).max(MAX_QUERY),
        limit: z.coerce.number().int().min(1).max(MAX_RESULTS).default(20),
        /** The id of the last result of the previous page. */
        before: objectId.optional(),
      }),
      response: z.object({ items: z.array(messageSchema), nextBefore: z.string().nullable() }),
      examples: searchExamples.searchMessages,
      handler: async ({ user, params, query }) => {
        await requireMember(deps, user, params.communityId);
        const visible = (await deps.access.visibleChannels(user.id, params.communityId)).map(
          ({ channel }) => channel.id,
        );
        if (query.before) {
          const cursor = await getMessage(deps.connection, query.before);
          if (!cursor || !visible.includes(cursor.channelId.toHexString())) {
            throw new HttpError('validation_failed', 'before: not a result of this search');
          }
        }
        const found = await repo(
          searchMessages(deps.connection, {
            communityId: params.communityId,
            channelIds: visible,
            query: query.q,
            limit: query.limit,
            ...(query.before ? { before: query.before } : {}),
          }),
        );
        const last = found[found.length - 1];
        return {
          // A message moderation holds back is found only by its author (moderators review it
          // in the queue): a match alone would tell what it says.
          items: found
            .filter((m) => !m.hiddenAt || m.authorId === user.id)
            .map((m) => messageView(m, user.id)),
          nextBefore: found.length === query.limit && last ? last._id.toHexString() : null,
        };
      },
    }),
  ];
}
