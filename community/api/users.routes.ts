// A user's own data: export and erasure (the user themselves, or a marketplace admin).
import { z } from 'zod';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { userIdSchema, type CommunityApiDeps } from './support.js';
import { usersExamples } from './users.examples.js';

function mayManage(caller: AuthUser, userId: string): void {
  if (caller.id !== userId && !caller.roles.includes('admin')) {
    throw new HttpError('forbidden', 'only the user themselves or a marketplace admin may do that');
  }
}

export function userRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/users/:userId/export',
      operationId: 'exportUserData',
      summary: 'Everything Hubbub stores about a user, as JSON (recorded in the audit log)',
      tags: ['privacy'],
      params: z.strictObject({ userId: userIdSchema }),
      response: z.looseObject({ userId: z.string(), exportedAt: z.string() }),
      examples: usersExamples.exportUserData,
      handler: async ({ user, params }) => {
        mayManage(user, params.userId);
        return { ...(await deps.privacy.export(params.userId, user.id)) };
      },
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/users/:userId',
      operationId: 'eraseUser',
      summary: 'Erase a user: anonymize their authorship, delete their content, end their connections',
      tags: ['privacy'],
      params: z.strictObject({ userId: userIdSchema }),
      response: z.looseObject({ pseudonym: z.string(), messages: z.number(), topics: z.number() }),
      examples: usersExamples.eraseUser,
      handler: async ({ user, params }) => {
        mayManage(user, params.userId);
        return { ...(await deps.privacy.erase(params.userId, user.id)) };
      },
    }),
  ];
}
