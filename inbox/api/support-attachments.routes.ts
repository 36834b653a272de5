// Files in support conversations: the conversation's member and the support agents upload one
// (pending until a support message lists its id in `attachments`, as chat messages claim theirs),
// a member uploads one for the first message of a conversation not started yet (claimed by that
// start, which gives it the conversation), and read fresh signed links to a message's files. The files are community/attachments' (same
// sniffing, re-encoding, limits and coded refusals), scoped to the conversation instead of a
// channel; the download route checks the link's reader against the conversation again.
import { z } from 'zod';
import type { Attachments } from '../../community/attachments/attachments.js';
import { linkedAttachmentSchema } from '../../community/attachments/attachments.routes.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { attachmentsOfMessage } from '../../storage/repositories/attachments.js';
import { supportConversations, supportMessages, type SupportConversation } from '../store/models.js';
import { supportAttachmentExamples } from './support-attachments.examples.js';

export interface SupportAttachmentDeps {
  connection: Parameters<typeof supportConversations>[0];
  /** Undefined where attachments are not configured: the routes answer not_ready. */
  attachments?: Attachments;
}

/** Room for the multipart framing around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be an id');

export function isSupportAgent(user: Pick<AuthUser, 'roles'>): boolean {
  return user.roles.includes('agent') || user.roles.includes('admin');
}

/** The conversation when the caller reads it: its member, or an agent; otherwise not found. */
async function readable(
  deps: SupportAttachmentDeps,
  user: AuthUser,
  id: string,
): Promise<SupportConversation> {
  const c = await supportConversations(deps.connection).findById(id).lean<SupportConversation>();
  if (!c || (c.userId !== user.id && !isSupportAgent(user)))
    throw new HttpError('not_found', 'No such support conversation.');
  return c;
}

/**
 * Who reads a conversation's files at download (Attachments.conversationAccess): its member, or
 * a reader whose link was made for a support agent.
 */
export function conversationAccess(deps: Pick<SupportAttachmentDeps, 'connection'>) {
  return async (conversationId: string, reader: { id: string; agent: boolean }): Promise<boolean> => {
    const c = await supportConversations(deps.connection)
      .findById(conversationId, { userId: 1 })
      .lean<Pick<SupportConversation, 'userId'>>();
    return c !== null && (c.userId === reader.id || reader.agent);
  };
}

/** `maxBytes` bounds the request body before the community's own limit is known. */
export function supportAttachmentRoutes(deps: SupportAttachmentDeps, maxBytes: number): RouteDefinition[] {
  const tags = ['support'];
  const feature = () => {
    if (!deps.attachments) throw new HttpError('not_ready', 'attachments are not configured');
    return deps.attachments;
  };
  // A link for the conversation's member, or one marked as made for an agent.
  const linkAs = (user: AuthUser, c: SupportConversation) =>
    c.userId !== user.id && isSupportAgent(user) ? ('agent' as const) : undefined;
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/support/conversations/:conversationId/attachments',
      operationId: 'uploadSupportAttachment',
      summary:
        'Upload one file (multipart part `file`) to a support conversation (its member or an agent): pending until a support message lists its id in `attachments`',
      tags,
      params: z.strictObject({ conversationId: objectId }),
      upload: { contentType: 'multipart/form-data', maxBytes: maxBytes + MULTIPART_OVERHEAD },
      status: 201,
      response: linkedAttachmentSchema,
      examples: supportAttachmentExamples.uploadSupportAttachment,
      handler: async ({ user, params, request }) => {
        const service = feature();
        const c = await readable(deps, user, params.conversationId);
        if (!request.bodyStream) throw new HttpError('bad_request', 'the upload has no body');
        const stored = await service.upload(request.bodyStream, request.headers, {
          ownerId: user.id,
          communityId: c.communityId ?? null,
          conversationId: params.conversationId,
        });
        return service.linked(stored, user.id, linkAs(user, c));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/attachments',
      operationId: 'uploadNewSupportAttachment',
      summary:
        'Upload one file (multipart part `file`) for the first message of a support conversation the caller is about to start (`communityId`: the one it will name): pending until `POST /api/v1/support/conversations` lists its id in `attachments`',
      tags,
      query: z.strictObject({ communityId: objectId.optional() }),
      upload: { contentType: 'multipart/form-data', maxBytes: maxBytes + MULTIPART_OVERHEAD },
      status: 201,
      response: linkedAttachmentSchema,
      examples: supportAttachmentExamples.uploadNewSupportAttachment,
      handler: async ({ user, query, request }) => {
        const service = feature();
        if (!request.bodyStream) throw new HttpError('bad_request', 'the upload has no body');
        // The community's limits: the conversation must name the same one to claim it.
        const stored = await service.upload(request.bodyStream, request.headers, {
          ownerId: user.id,
          communityId: query.communityId ?? null,
          newConversation: true,
        });
        return service.linked(stored, user.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/conversations/:conversationId/messages/:messageId/attachments',
      operationId: 'listSupportMessageAttachments',
      summary:
        'A support message’s files with fresh signed download links for the caller (valid a few minutes)',
      tags,
      params: z.strictObject({ conversationId: objectId, messageId: objectId }),
      response: z.object({ items: z.array(linkedAttachmentSchema), expiresInS: z.number() }),
      examples: supportAttachmentExamples.listSupportMessageAttachments,
      handler: async ({ user, params }) => {
        const service = feature();
        const c = await readable(deps, user, params.conversationId);
        const message = await supportMessages(deps.connection)
          .findOne({ _id: params.messageId, conversationId: c._id }, { direction: 1 })
          .lean();
        // A private note is the agents' alone.
        if (!message || (message.direction === 'note' && !isSupportAgent(user)))
          throw new HttpError('not_found', 'no such message');
        const items = await attachmentsOfMessage(deps.connection, params.messageId);
        const as = linkAs(user, c);
        return {
          items: items.map((a) => service.linked(a, user.id, as)),
          expiresInS: service.settings.urlTtlS,
        };
      },
    }),
  ];
}
