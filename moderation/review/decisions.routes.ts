// Decisions on cases, one at a time or in bulk, and appeals: the author appeals once, another
// moderator than the one who decided rules on it.
import { z } from 'zod';
import { objectId, repo, type CommunityApiDeps } from '../../community/api/support.js';
import { MAX_TIMEOUT_S } from '../../community/membership.js';
import { ErrorCodes, type ErrorCode } from '../../protocol/index.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { CASE_ACTIONS, MAX_REASON } from '../../storage/models/moderation-case.model.js';
import { appealCase, getCase } from '../../storage/repositories/cases.js';
import { RepositoryError } from '../../storage/repositories/errors.js';
import {
  auditCase,
  announceCase,
  caseForModerator,
  isModerator,
  noSuchCase,
  requireModeratorOf,
} from './access.js';
import { decide, decideAppealOf, type DecisionInput } from './decisions.js';
import { authorCaseSchema, authorCaseView, caseSchema, caseView } from './views.js';
import { decisionsExamples } from './decisions.examples.js';

export const MAX_BULK_CASES = 100;

const reason = z.string().trim().min(1).max(MAX_REASON);
const decisionFields = {
  action: z.enum(CASE_ACTIONS),
  reason,
  /** Required for a timeout, refused otherwise. */
  durationS: z.number().int().min(1).max(MAX_TIMEOUT_S).optional(),
};

/** A timeout has a duration, nothing else has one. */
function durationForTimeout(value: { action: string; durationS?: number }, ctx: z.RefinementCtx): void {
  if (value.action === 'timeout' && value.durationS === undefined) {
    ctx.addIssue({ code: 'custom', path: ['durationS'], message: 'required for a timeout' });
  }
  if (value.action !== 'timeout' && value.durationS !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['durationS'], message: 'only a timeout has a duration' });
  }
}

const caseParams = z.strictObject({ caseId: objectId });

const outcomeSchema = z.object({
  caseId: z.string(),
  ok: z.boolean(),
  case: caseSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** The error a case's decision ended with, as the bulk reply shows it. */
function failure(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof HttpError || err instanceof RepositoryError)
    return { code: err.code, message: err.message };
  return { code: 'internal', message: ErrorCodes.internal.message };
}

export function decisionRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/cases/:caseId/decision',
      operationId: 'decideCase',
      summary:
        'Decide a case (approve, remove, warn, timeout, kick, ban); it takes effect at once. A claimed case only by its claimant',
      tags: ['moderation'],
      params: caseParams,
      body: z.strictObject(decisionFields).superRefine(durationForTimeout),
      response: z.object({ case: caseSchema }),
      examples: decisionsExamples.decideCase,
      handler: async ({ user, params, body }) => {
        const { case: found } = await caseForModerator(deps, user, params.caseId);
        return { case: caseView(await decide(deps, user, found, body)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/cases/decisions',
      operationId: 'decideCases',
      summary:
        'Decide several cases of a community alike; each is decided on its own, and the reply says how',
      tags: ['moderation'],
      params: z.strictObject({ communityId: objectId }),
      body: z
        .strictObject({ caseIds: z.array(objectId).min(1).max(MAX_BULK_CASES), ...decisionFields })
        .superRefine(durationForTimeout),
      response: z.object({ results: z.array(outcomeSchema) }),
      examples: decisionsExamples.decideCases,
      handler: async ({ user, params, body }) => {
        await requireModeratorOf(deps, user, params.communityId);
        const input: DecisionInput = { action: body.action, reason: body.reason, durationS: body.durationS };
        const results: z.input<typeof outcomeSchema>[] = [];
        // One after the other: several cases of one author must not race on their membership.
        for (const caseId of new Set(body.caseIds)) {
          try {
            const found = await getCase(deps.connection, caseId);
            if (!found || found.communityId.toHexString() !== params.communityId) throw noSuchCase();
            const decided = await decide(deps, user, found, input);
            results.push({ caseId, ok: true, case: caseView(decided), error: null });
          } catch (err) {
            results.push({ caseId, ok: false, case: null, error: failure(err) });
          }
        }
        return { results };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/cases/:caseId/appeal',
      operationId: 'appealCase',
      summary: 'Appeal a removal, timeout, kick or ban of one’s message (the author, once)',
      tags: ['moderation'],
      params: caseParams,
      body: z.strictObject({ reason }),
      response: z.object({ case: authorCaseSchema }),
      examples: decisionsExamples.appealCase,
      handler: async ({ user, params, body }) => {
        // The author may appeal even when no longer a member (after a kick or a ban).
        const found = await getCase(deps.connection, params.caseId);
        if (!found) throw noSuchCase();
        if (found.authorId !== user.id) {
          const standing = await deps.access.standing(user.id, found.communityId.toHexString());
          if (!standing || !isModerator(standing)) throw noSuchCase();
          throw new HttpError('forbidden', 'only the author may appeal');
        }
        const appealed = await repo(
          appealCase(deps.connection, found._id, { by: user.id, reason: body.reason }),
        );
        await auditCase(deps, user, 'case.appeal', appealed, { reason: body.reason });
        await announceCase(deps, 'case.updated', 'appeal', appealed, user);
        return { case: authorCaseView(appealed) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/cases/:caseId/appeal/decision',
      operationId: 'decideAppeal',
      summary:
        'Uphold or overturn an appeal (another moderator than the one who decided). Overturning lifts a timeout or a ban; a removed message stays removed',
      tags: ['moderation'],
      params: caseParams,
      body: z.strictObject({ upheld: z.boolean(), reason }),
      response: z.object({ case: caseSchema }),
      examples: decisionsExamples.decideAppeal,
      handler: async ({ user, params, body }) => {
        const { case: found } = await caseForModerator(deps, user, params.caseId);
        return { case: caseView(await decideAppealOf(deps, user, found, body)) };
      },
    }),
  ];
}
