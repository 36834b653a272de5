// The response of GET /api/v1/support/conversations/{id}/context (docs/openapi.json); its wire
// type is SupportMemberContext in protocol/support-context.ts.
import { z } from 'zod';

const community = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
});

export const memberContextSchema = z.object({
  member: z.object({ id: z.string(), name: z.string() }),
  community: community
    .extend({
      member: z.boolean(),
      roles: z.array(z.object({ id: z.string(), name: z.string() })),
      timeoutUntil: z.string().nullable(),
      ban: z.object({ at: z.string(), reason: z.string() }).nullable(),
      openCases: z.number(),
    })
    .nullable(),
  communities: z.array(community),
  recentMessages: z.array(
    z.object({
      id: z.string(),
      communityId: z.string(),
      communityName: z.string(),
      channelId: z.string(),
      channelName: z.string(),
      content: z.string().nullable(),
      hidden: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});
