// Members' profiles for other members: the name and picture of the members among a list of user
// ids (a member list shows the people present with their pictures). The picture is the one the
// member joined with (their token's `picture`) or the one the service API's upsert gave.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { MAX_PROFILES, memberProfiles } from '../../storage/repositories/member-profiles.js';
import { memberProfilesExamples } from './member-profiles.examples.js';
import { objectId, repo, requireMember, userIdSchema, type CommunityApiDeps } from './support.js';

const userIdList = z
  .string()
  .transform((s) => s.split(',').filter((id) => id !== ''))
  .pipe(z.array(userIdSchema).min(1).max(MAX_PROFILES));

export function memberProfileRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/member-profiles',
      operationId: 'memberProfiles',
      summary: `The name and picture of the members among up to ${MAX_PROFILES} user ids (comma-separated); others are left out`,
      tags: ['communities'],
      params: z.strictObject({ communityId: objectId }),
      query: z.strictObject({ userIds: userIdList }),
      response: z.object({
        items: z.array(z.object({ userId: z.string(), name: z.string(), picture: z.string().nullable() })),
      }),
      examples: memberProfilesExamples.memberProfiles,
      handler: async ({ user, params, query }) => {
        await requireMember(deps, user, params.communityId);
        return { items: await repo(memberProfiles(deps.connection, params.communityId, query.userIds)) };
      },
    }),
  ];
}
