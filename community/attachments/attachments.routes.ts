// The attachments API: upload a file to a channel (authorized exactly as sending there), fresh
// signed links to a message's files for a reader who may view it, and the signed download itself
// (the link names its reader; their permission to view the channel, or their access to the
// support conversation, is checked again). Support conversations' uploads are inbox/api's.
import { z } from 'zod';
import { parseTopic } from '../../protocol/index.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError, type HttpReply } from '../../realtime/transport/http.js';
import {
  attachmentsOfMessage,
  getAttachment,
  type AttachmentDoc,
} from '../../storage/repositories/attachments.js';
import { getMessage } from '../../storage/repositories/messages.js';
import { CommunityAuthorizer } from '../authorizer.js';
import { has, Permission } from '../permissions/permissions.js';
import { objectId, requireChannel, userIdSchema, type CommunityApiDeps } from '../api/support.js';
import type { Attachments, AttachmentSettings } from './attachments.js';
import { downloadHeaders } from './file-policy.js';
import { attachmentsExamples } from './attachments.examples.js';

/** Room for the multipart framing around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** A file as a message lists it (chat and support alike). */
export const descriptorSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  contentType: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  thumbnail: z.boolean(),
});

/** A file with signed links for the caller (also in a moderator's case view). */
export const linkedAttachmentSchema = descriptorSchema.extend({
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});

const isReply = z.custom<HttpReply>((v) => typeof v === 'object' && v !== null && 'status' in v);

/** `attachments` is null when describing the API only (nothing is called then). */
export function attachmentRoutes(
  deps: CommunityApiDeps,
  attachments: Attachments | null,
  settings: Pick<AttachmentSettings, 'maxBytes'>,
): RouteDefinition[] {
  const feature = () => {
    if (!attachments) throw new HttpError('not_ready', 'attachments are not configured');
    return attachments;
  };
  const linked = (a: AttachmentDoc, userId: string) => feature().linked(a, userId);

  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/channels/:channelId/attachments',
      operationId: 'uploadAttachment',
      summary:
        'Upload one file (multipart part `file`) to send in the channel: pending until a message lists its id in `attachments`',
      tags: ['attachments'],
      params: z.strictObject({ channelId: objectId }),
      upload: { contentType: 'multipart/form-data', maxBytes: settings.maxBytes + MULTIPART_OVERHEAD },
      status: 201,
      response: linkedAttachmentSchema,
      examples: attachmentsExamples.uploadAttachment,
      handler: async ({ user, params, request }) => {
        const service = feature();
        const channel = await requireChannel(deps, user, params.channelId);
        const topic = parseTopic(channel.topic);
        if (!topic) throw new HttpError('not_found', 'no such channel');
        // Exactly the gateway's publish decision: bans, timeouts, archived, SEND_MESSAGES.
        const decision = await new CommunityAuthorizer(deps.access).canPublish(user, topic);
        if (!decision.allowed) throw new HttpError(decision.code, decision.message);
        if (!request.bodyStream) throw new HttpError('bad_request', 'the upload has no body');
        const communityId = channel.direct ? null : channel.standing.community.id;
        // What features on the community add (AutoMod's file types), once the type is sniffed.
        const screen = async (file: { contentType: string; name: string }) => {
          if (communityId === null) return;
          for (const check of deps.screens.upload)
            await check({ user, communityId, channelId: params.channelId, file });
        };
        const stored = await service.upload(
          request.bodyStream,
          request.headers,
          { ownerId: user.id, communityId, channelId: params.channelId },
          screen,
        );
        return linked(stored, user.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/channels/:channelId/messages/:messageId/attachments',
      operationId: 'listMessageAttachments',
      summary: 'A message’s files with fresh signed download links for the caller (valid a few minutes)',
      tags: ['attachments'],
      params: z.strictObject({ channelId: objectId, messageId: objectId }),
      response: z.object({ items: z.array(linkedAttachmentSchema), expiresInS: z.number() }),
      examples: attachmentsExamples.listMessageAttachments,
      handler: async ({ user, params }) => {
        const service = feature();
        const channel = await requireChannel(deps, user, params.channelId);
        const message = await getMessage(deps.connection, params.messageId);
        if (!message || message.channelId.toHexString() !== params.channelId || message.deletedAt)
          throw new HttpError('not_found', 'no such message');
        const moderating = channel.standing ? has(channel.standing.bits, Permission.MANAGE_MESSAGES) : false;
        if (message.hiddenAt && !moderating && message.authorId !== user.id)
          return { items: [], expiresInS: service.settings.urlTtlS };
        const items = await attachmentsOfMessage(deps.connection, params.messageId);
        return { items: items.map((a) => linked(a, user.id)), expiresInS: service.settings.urlTtlS };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/attachments/:attachmentId',
      operationId: 'downloadAttachment',
      summary:
        'Download a file through a signed link (no bearer token: the link names its reader, whose view of the channel, or access to the support conversation, is checked)',
      tags: ['attachments'],
      auth: false,
      params: z.strictObject({ attachmentId: objectId }),
      query: z.strictObject({
        v: z.enum(['file', 'thumb']).default('file'),
        u: userIdSchema,
        exp: z.coerce.number().int(),
        as: z.literal('agent').optional(),
        sig: z.string().regex(/^[0-9a-f]{64}$/),
      }),
      download: true,
      response: isReply,
      examples: attachmentsExamples.downloadAttachment,
      handler: async ({ params, query }) => {
        const service = feature();
        const claims = {
          id: params.attachmentId,
          variant: query.v,
          userId: query.u,
          exp: query.exp,
          ...(query.as && { as: query.as }),
        };
        if (!service.signer.verify(claims, query.sig)) throw new HttpError('link_expired');
        const doc = await getAttachment(deps.connection, params.attachmentId);
        const key = query.v === 'thumb' ? doc?.thumbKey : doc?.key;
        if (!doc || !key) throw new HttpError('not_found', 'no such file');
        const reader: AuthUser = { id: query.u, name: '', roles: [], expiresAt: query.exp * 1000 };
        // Pending uploads are their uploader's alone; sent ones whoever may view the channel, or
        // read the support conversation (its member; an agent, when the link was made for one).
        if (doc.messageId === null && doc.ownerId !== reader.id)
          throw new HttpError('not_found', 'no such file');
        if (doc.conversationId) {
          const reads = await service.conversationAccess(doc.conversationId.toHexString(), {
            id: reader.id,
            agent: query.as === 'agent',
          });
          if (!reads) throw new HttpError('not_found', 'no such file');
        } else if (doc.channelId) {
          await requireChannel(deps, reader, doc.channelId.toHexString());
        } else if (doc.messageId !== null) throw new HttpError('not_found', 'no such file');
        // Neither: a pending upload for a new support conversation, its uploader's (checked above).
        const contentType = query.v === 'thumb' ? 'image/webp' : doc.contentType;
        const headers = downloadHeaders(contentType, doc.name);
        const direct = await service.store.directUrl(key, {
          expiresInS: service.settings.urlTtlS,
          contentDisposition: headers['content-disposition'] as string,
          contentType: headers['content-type'] as string,
        });
        if (direct)
          return { status: 302, headers: { ...headers, location: direct, 'cache-control': 'no-store' } };
        const found = await service.store.get(key);
        if (!found) throw new HttpError('not_found', 'no such file');
        return {
          status: 200,
          headers: {
            ...headers,
            'cache-control': `private, max-age=${service.settings.urlTtlS}`,
          },
          body: found.body,
        };
      },
    }),
  ];
}
