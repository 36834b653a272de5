// A community's audit log for its moderators: pages of entries, newest first, and a check that
// the hash chain still holds (an entry edited or removed in the database breaks it).
import { z } from 'zod';
import { objectId, repo, type CommunityApiDeps } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { listAuditBefore, verifyAudit } from '../../storage/repositories/audit.js';
import { requireModeratorOf } from './access.js';
import { auditEntrySchema, auditEntryView } from './views.js';
import { auditExamples } from './audit.examples.js';

const inCommunity = z.strictObject({ communityId: objectId });

export function auditRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/audit',
      operationId: 'listAudit',
      summary: 'A page of the community’s audit log, newest first: the `limit` entries before seq `before`',
      tags: ['moderation'],
      params: inCommunity,
      query: z.strictObject({
        before: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
      response: z.object({ items: z.array(auditEntrySchema), nextBefore: z.number().nullable() }),
      examples: auditExamples.listAudit,
      handler: async ({ user, params, query }) => {
        await requireModeratorOf(deps, user, params.communityId);
        const page = await repo(
          listAuditBefore(deps.connection, params.communityId, { before: query.before, limit: query.limit }),
        );
        const oldest = page.at(-1)?.seq;
        return {
          items: page.map(auditEntryView),
          nextBefore: page.length === query.limit && oldest !== undefined && oldest > 1 ? oldest : null,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/audit/verify',
      operationId: 'verifyAudit',
      summary: 'Recompute the community’s audit hash chain: the seq of the first broken entry, if any',
      tags: ['moderation'],
      params: inCommunity,
      response: z.object({ ok: z.boolean(), brokenAt: z.number().nullable() }),
      examples: auditExamples.verifyAudit,
      handler: async ({ user, params }) => {
        await requireModeratorOf(deps, user, params.communityId);
        const brokenAt = await repo(verifyAudit(deps.connection, params.communityId));
        return { ok: brokenAt === null, brokenAt };
      },
    }),
  ];
}
