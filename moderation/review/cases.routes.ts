// The review queue for moderators: a community's cases, one case with its message in context
// and its author's history, and claiming a case so that two moderators do not work on one.
import { z } from 'zod';
import { messageSchema, messageView } from '../../community/api/messages.routes.js';
import { objectId, repo, type CommunityApiDeps } from '../../community/api/support.js';
import { linkedAttachmentSchema } from '../../community/attachments/attachments.routes.js';
import { defineCursor, defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { CASE_SOURCES, CASE_STATUSES } from '../../storage/models/moderation-case.model.js';
import { claimCase, listCases, unclaimCase, type CaseChange } from '../../storage/repositories/cases.js';
import { attachmentsOfMessage } from '../../storage/repositories/attachments.js';
import { authorHistory } from '../../storage/repositories/case-history.js';
import { getMessage, listMessages, listMessagesAfter } from '../../storage/repositories/messages.js';
import { announceCase, auditCase, caseForModerator, requireModeratorOf } from './access.js';
import { caseSchema, caseView, historySchema, historyView } from './views.js';
import { casesExamples } from './cases.examples.js';

/** Messages shown on each side of the reported one. */
export const CONTEXT_MESSAGES = 3;

const position = defineCursor(z.strictObject({ at: z.number().int(), id: objectId }));
const caseParams = z.strictObject({ caseId: objectId });
const caseReply = z.object({ case: caseSchema });

export function caseRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const claiming = (claim: boolean) =>
    defineRoute({
      method: 'post',
      path: claim ? '/api/v1/cases/:caseId/claim' : '/api/v1/cases/:caseId/unclaim',
      operationId: claim ? 'claimCase' : 'unclaimCase',
      summary: claim
        ? 'Claim a case: only its claimant may decide it (claiming another’s case is a conflict)'
        : 'Give one’s claimed case back to the queue',
      tags: ['moderation'],
      params: caseParams,
      response: caseReply,
      examples: casesExamples[claim ? 'claimCase' : 'unclaimCase'],
      handler: async ({ user, params }) => {
        await caseForModerator(deps, user, params.caseId);
        const change: CaseChange = await repo(
          (claim ? claimCase : unclaimCase)(deps.connection, params.caseId, user.id),
        );
        if (change.changed) {
          await auditCase(deps, user, claim ? 'case.claim' : 'case.unclaim', change.case, {});
          await announceCase(deps, 'case.updated', claim ? 'claim' : 'unclaim', change.case, user);
        }
        return { case: caseView(change.case) };
      },
    });

  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/cases',
      operationId: 'listCases',
      summary: 'The community’s cases, newest first (moderators: MODERATE_MEMBERS or MANAGE_MESSAGES)',
      tags: ['moderation'],
      params: z.strictObject({ communityId: objectId }),
      query: z.strictObject({
        status: z.enum(CASE_STATUSES).optional(),
        source: z.enum(CASE_SOURCES).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        /** `nextBefore` of the previous page. */
        before: position.query.optional(),
      }),
      response: z.object({ items: z.array(caseSchema), nextBefore: z.string().nullable() }),
      examples: casesExamples.listCases,
      handler: async ({ user, params, query }) => {
        await requireModeratorOf(deps, user, params.communityId);
        const page = await repo(
          listCases(deps.connection, {
            communityId: params.communityId,
            status: query.status,
            source: query.source,
            limit: query.limit,
            before: query.before && { createdAt: new Date(query.before.at), id: query.before.id },
          }),
        );
        const last = page.at(-1);
        return {
          items: page.map(caseView),
          nextBefore:
            page.length === query.limit && last
              ? position.encode({ at: last.createdAt.getTime(), id: last._id.toHexString() })
              : null,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/cases/:caseId',
      operationId: 'getCase',
      summary:
        'A case with its message and its files (signed links for the moderator), the messages around it (when the moderator may view its channel) and its author’s history',
      tags: ['moderation'],
      params: caseParams,
      response: z.object({
        case: caseSchema,
        /** Null when the moderator may not view the message's channel. */
        message: messageSchema.nullable(),
        context: z.object({ before: z.array(messageSchema), after: z.array(messageSchema) }).nullable(),
        /** The message's files with download links for this moderator; [] when the message is not shown. */
        attachments: z.array(linkedAttachmentSchema),
        history: historySchema,
      }),
      examples: casesExamples.getCase,
      handler: async ({ user, params }) => {
        const { case: found } = await caseForModerator(deps, user, params.caseId);
        const communityId = found.communityId.toHexString();
        const channelId = found.channelId.toHexString();
        const [inChannel, message, history] = await Promise.all([
          deps.access.inChannel(user.id, communityId, channelId),
          getMessage(deps.connection, found.messageId),
          authorHistory(deps.connection, communityId, found.authorId, { except: found._id, limit: 10 }),
        ]);
        // A channel the moderator may not view stays unseen here too: the case, not its content.
        const visible = inChannel && message ? message : null;
        const context = visible
          ? {
              before: await listMessages(deps.connection, channelId, {
                before: visible.offset,
                limit: CONTEXT_MESSAGES,
              }),
              after: await listMessagesAfter(deps.connection, channelId, {
                after: visible.offset,
                limit: CONTEXT_MESSAGES,
              }),
            }
          : null;
        const view = (m: Parameters<typeof messageView>[0]) => messageView(m, user.id, true);
        // Held messages' files too: the moderator reviews what the author sent.
        const files = deps.attachments;
        const attachments =
          visible && files
            ? (await attachmentsOfMessage(deps.connection, visible._id.toHexString())).map((a) =>
                files.linked(a, user.id),
              )
            : [];
        return {
          case: caseView(found),
          message: visible && view(visible),
          context: context && { before: context.before.map(view), after: context.after.map(view) },
          attachments,
          history: historyView(history),
        };
      },
    }),
    claiming(true),
    claiming(false),
  ];
}
