// Reporting a message (or one of its files): any member who can see it may report someone else's
// message. Reports of one message accumulate in its one case, which the community's moderators
// see open or change live on their topic.
import { z } from 'zod';
import { objectId, repo, requireChannel, type CommunityApiDeps } from '../../community/api/support.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { MAX_REASON } from '../../storage/models/moderation-case.model.js';
import { getAttachment } from '../../storage/repositories/attachments.js';
import { flagMessage } from '../../storage/repositories/cases.js';
import { getMessage } from '../../storage/repositories/messages.js';
import { announceCase } from './access.js';
import { reportsExamples } from './reports.examples.js';

export function reportRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/channels/:channelId/messages/:messageId/report',
      operationId: 'reportMessage',
      summary: 'Report someone else’s message to the community’s moderators (once per member)',
      tags: ['moderation'],
      params: z.strictObject({ channelId: objectId, messageId: objectId }),
      body: z.strictObject({
        reason: z.string().trim().min(1).max(MAX_REASON),
        /** One of the message's files, when the report is about it rather than the whole message. */
        attachmentId: objectId.optional(),
      }),
      // Nothing about the case: reporters learn neither who else reported nor what was decided.
      response: z.object({ ok: z.literal(true) }),
      examples: reportsExamples.reportMessage,
      handler: async ({ user, params, body }) => {
        const channel = await requireChannel(deps, user, params.channelId);
        const message = await getMessage(deps.connection, params.messageId);
        if (!message || message.channelId.toHexString() !== params.channelId) {
          throw new HttpError('not_found', 'no such message');
        }
        if (channel.direct || !channel.standing) {
          throw new HttpError('bad_request', 'direct conversations have no moderators to report to');
        }
        if (message.authorId === user.id)
          throw new HttpError('forbidden', 'you may not report your own message');
        if (message.deletedAt) throw new HttpError('conflict', 'the message is deleted already');
        if (body.attachmentId) {
          const file = await getAttachment(deps.connection, body.attachmentId);
          if (file?.messageId?.toHexString() !== params.messageId)
            throw new HttpError('not_found', 'attachmentId: no such file in this message');
        }
        const outcome = await repo(
          flagMessage(deps.connection, {
            communityId: channel.standing.community.id,
            channelId: params.channelId,
            messageId: params.messageId,
            authorId: message.authorId,
            source: 'report',
            by: user.id,
            reason: body.reason,
            attachmentId: body.attachmentId ?? null,
          }),
        );
        if (outcome.changed) {
          await announceCase(
            deps,
            outcome.created ? 'case.opened' : 'case.updated',
            `report-${user.id}`,
            outcome.case,
            user,
          );
        }
        return { ok: true as const };
      },
    }),
  ];
}
