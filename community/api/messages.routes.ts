// Messages over REST: history pages, and the changes that are not new messages (edits,
// deletes, reactions, pins, threads). Each change is stored, then published on the channel's
// topic, so every client sees it live; new messages go through the gateway's publish.
import { z } from 'zod';
import { descriptorSchema } from '../attachments/attachments.routes.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { MAX_BODY } from '../../storage/models/chat-message.model.js';
import { createChannel } from '../../storage/repositories/channels.js';
import {
  addReaction,
  deleteMessage,
  editMessage,
  getMessage,
  listMessages,
  listPins,
  pinMessage,
  removeReaction,
  unpinMessage,
} from '../../storage/repositories/messages.js';
import type { ChatMessageDoc } from '../../storage/repositories/types.js';
import type { ChannelEvent } from '../chat/message-data.js';
import { parseMentions } from '../chat/message-data.js';
import { has, Permission } from '../permissions/permissions.js';
import {
  communityChanged,
  objectId,
  publishEvent,
  repo,
  requireChannel,
  type CommunityApiDeps,
  type ViewableChannel,
} from './support.js';
import { emojiSchema as emoji } from './emoji.js';
import { chanTopic } from '../../protocol/index.js';
import { messagesExamples } from './messages.examples.js';

export const messageSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  offset: z.number(),
  /** `picture`: the author's profile picture when they wrote it (https), when they had one. */
  author: z.object({ id: z.string(), name: z.string(), picture: z.string().optional() }),
  body: z.string(),
  replyToId: z.string().nullable(),
  threadId: z.string().nullable(),
  mentions: z.object({ userIds: z.array(z.string()), roleIds: z.array(z.string()), everyone: z.boolean() }),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number(), me: z.boolean() })),
  /** Its files; links to them come from GET …/messages/{messageId}/attachments. */
  attachments: z.array(descriptorSchema),
  pinned: z.boolean(),
  editedAt: z.number().nullable(),
  deleted: z.boolean(),
  /** Held back by moderation: the body is '' except for its author and the channel's moderators. */
  hidden: z.boolean(),
  createdAt: z.number(),
});

/** @param moderating whether the viewer manages messages where it is (and sees hidden ones). */
export function messageView(
  m: ChatMessageDoc,
  viewerId: string,
  moderating = false,
): z.input<typeof messageSchema> {
  const hidden = Boolean(m.hiddenAt);
  const withheld = hidden && !moderating && m.authorId !== viewerId;
  return {
    id: m._id.toHexString(),
    channelId: m.channelId.toHexString(),
    offset: m.offset,
    author: {
      id: m.authorId,
      name: m.authorName,
      ...(m.authorPicture && !withheld ? { picture: m.authorPicture } : {}),
    },
    body: withheld ? '' : (m.body ?? ''),
    replyToId: m.replyToId?.toHexString() ?? null,
    threadId: m.threadId?.toHexString() ?? null,
    mentions: {
      userIds: [...(m.mentions?.userIds ?? [])],
      roleIds: [...(m.mentions?.roleIds ?? [])],
      everyone: Boolean(m.mentions?.everyone),
    },
    reactions: (m.reactions ?? []).map((r) => ({
      emoji: r.emoji,
      count: r.userIds.length,
      me: r.userIds.includes(viewerId),
    })),
    attachments:
      withheld || m.deletedAt
        ? []
        : (m.attachments ?? []).map((a) => ({
            id: a.id.toHexString(),
            name: a.name,
            size: a.size,
            contentType: a.contentType,
            width: a.width ?? null,
            height: a.height ?? null,
            thumbnail: Boolean(a.thumbnail),
          })),
    pinned: Boolean(m.pinnedAt),
    editedAt: m.editedAt ? m.editedAt.getTime() : null,
    deleted: Boolean(m.deletedAt),
    hidden,
    createdAt: m.createdAt.getTime(),
  };
}

const inChannel = z.strictObject({ channelId: objectId, messageId: objectId });
const ok = z.object({ ok: z.literal(true) });

/** The channel (viewable by the caller), and the message in it. */
async function messageIn(deps: CommunityApiDeps, user: AuthUser, channelId: string, messageId: string) {
  const channel = await requireChannel(deps, user, channelId);
  const message = await getMessage(deps.connection, messageId);
  if (!message || message.channelId.toHexString() !== channelId)
    throw new HttpError('not_found', 'no such message');
  return { channel, message };
}

function bitsOf(channel: ViewableChannel): number {
  // In a direct conversation both people may do everything to their own conversation's messages
  // that members may do in a channel; nobody manages the other's messages.
  return channel.standing
    ? channel.standing.bits
    : Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.ADD_REACTIONS | Permission.PIN_MESSAGES;
}

/** An archived community is read-only: its history stays as it is. */
function notArchived(channel: ViewableChannel): void {
  if (channel.standing?.community.archived) throw new HttpError('forbidden', 'this community is archived');
}

function notTimedOut(channel: ViewableChannel): void {
  const until = channel.standing?.member.timeoutUntil;
  if (until && until > Date.now()) throw new HttpError('timed_out');
}

export function messageRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  const announce = (channel: ViewableChannel, key: string, event: ChannelEvent, by: AuthUser) =>
    publishEvent(deps, channel.topic, key, event, by);

  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/channels/:channelId/messages',
      operationId: 'listMessages',
      summary: 'A page of a channel’s history, oldest first: the newest `limit` messages before `before`',
      tags: ['messages'],
      params: z.strictObject({ channelId: objectId }),
      query: z.strictObject({
        before: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
      response: z.object({ items: z.array(messageSchema), nextBefore: z.number().nullable() }),
      examples: messagesExamples.listMessages,
      handler: async ({ user, params, query }) => {
        const channel = await requireChannel(deps, user, params.channelId);
        const moderating = has(bitsOf(channel), Permission.MANAGE_MESSAGES);
        const page = await repo(
          listMessages(deps.connection, params.channelId, { before: query.before, limit: query.limit }),
        );
        const oldest = page[0]?.offset;
        return {
          items: page.map((m) => messageView(m, user.id, moderating)),
          nextBefore: page.length === query.limit && oldest !== undefined && oldest > 1 ? oldest : null,
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/channels/:channelId/messages/:messageId',
      operationId: 'editMessage',
      summary: 'Edit one’s own message; the previous text is kept in its edit history',
      tags: ['messages'],
      params: inChannel,
      body: z.strictObject({ body: z.string().trim().min(1).max(MAX_BODY) }),
      response: messageSchema,
      examples: messagesExamples.editMessage,
      handler: async ({ user, params, body }) => {
        const { channel, message } = await messageIn(deps, user, params.channelId, params.messageId);
        if (message.authorId !== user.id)
          throw new HttpError('forbidden', 'you may edit only your own messages');
        notArchived(channel);
        notTimedOut(channel);
        // An edit would announce the text of a message held for review to everyone.
        if (message.hiddenAt) throw new HttpError('conflict', 'this message is held for review');
        const communityId = message.communityId?.toHexString();
        if (communityId) {
          const edit = { user, communityId, channelId: params.channelId, messageId: params.messageId };
          for (const screen of deps.screens.edit) await screen({ ...edit, body: body.body });
        }
        const mentions = parseMentions(body.body);
        const edited = await repo(
          editMessage(deps.connection, params.messageId, {
            body: body.body,
            mentions: { userIds: mentions.userIds },
          }),
        );
        const editedAt = edited.editedAt?.getTime() ?? Date.now();
        const event: ChannelEvent = edited.hiddenAt
          ? { kind: 'message.hidden', id: params.messageId, by: edited.hiddenBy ?? 'automod' }
          : { kind: 'message.edited', id: params.messageId, body: body.body, editedAt };
        await announce(channel, `edit-${params.messageId}-${editedAt}`, event, user);
        return messageView(edited, user.id);
      },
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/channels/:channelId/messages/:messageId',
      operationId: 'deleteMessage',
      summary: 'Delete a message (the author, or with MANAGE_MESSAGES); a tombstone stays',
      tags: ['messages'],
      params: inChannel,
      response: ok,
      examples: messagesExamples.deleteMessage,
      handler: async ({ user, params }) => {
        const { channel, message } = await messageIn(deps, user, params.channelId, params.messageId);
        if (message.authorId !== user.id && !has(bitsOf(channel), Permission.MANAGE_MESSAGES)) {
          throw new HttpError('forbidden', 'you may delete only your own messages');
        }
        notArchived(channel);
        if (await repo(deleteMessage(deps.connection, params.messageId, user.id))) {
          await deps.attachments?.removeForMessages([params.messageId]);
          await announce(
            channel,
            `delete-${params.messageId}`,
            { kind: 'message.deleted', id: params.messageId, deletedBy: user.id },
            user,
          );
        }
        return { ok: true as const };
      },
    }),
    ...(['put', 'del'] as const).map((method) =>
      defineRoute({
        method,
        path: '/api/v1/channels/:channelId/messages/:messageId/reactions/:emoji',
        operationId: method === 'put' ? 'addReaction' : 'removeReaction',
        summary: method === 'put' ? 'React to a message with a unicode emoji' : 'Take one’s reaction back',
        tags: ['messages'],
        params: z.strictObject({ channelId: objectId, messageId: objectId, emoji }),
        response: z.object({ emoji: z.string(), count: z.number(), me: z.boolean() }),
        examples: messagesExamples[method === 'put' ? 'addReaction' : 'removeReaction'],
        handler: async ({ user, params }) => {
          const { channel } = await messageIn(deps, user, params.channelId, params.messageId);
          notArchived(channel);
          if (method === 'put') {
            if (!has(bitsOf(channel), Permission.ADD_REACTIONS))
              throw new HttpError('forbidden', 'you may not react here');
            notTimedOut(channel);
          }
          const change = method === 'put' ? addReaction : removeReaction;
          const changed = await repo(change(deps.connection, params.messageId, params.emoji, user.id));
          const after = await getMessage(deps.connection, params.messageId);
          const count = after?.reactions.find((r) => r.emoji === params.emoji)?.userIds.length ?? 0;
          if (changed) {
            await announce(
              channel,
              `react-${params.messageId}-${params.emoji}-${user.id}-${method}-${count}`,
              {
                kind: 'reaction',
                id: params.messageId,
                emoji: params.emoji,
                userId: user.id,
                added: method === 'put',
                count,
              },
              user,
            );
          }
          return { emoji: params.emoji, count, me: method === 'put' };
        },
      }),
    ),
    ...(['put', 'del'] as const).map((method) =>
      defineRoute({
        method,
        path: '/api/v1/channels/:channelId/pins/:messageId',
        operationId: method === 'put' ? 'pinMessage' : 'unpinMessage',
        summary: method === 'put' ? 'Pin a message to its channel' : 'Unpin a message',
        tags: ['messages'],
        params: inChannel,
        response: ok,
        examples: messagesExamples[method === 'put' ? 'pinMessage' : 'unpinMessage'],
        handler: async ({ user, params }) => {
          const { channel } = await messageIn(deps, user, params.channelId, params.messageId);
          if (!has(bitsOf(channel), Permission.PIN_MESSAGES))
            throw new HttpError('forbidden', 'you may not pin messages here');
          const changed =
            method === 'put'
              ? await repo(pinMessage(deps.connection, params.messageId, user.id))
              : await repo(unpinMessage(deps.connection, params.messageId));
          if (changed) {
            await announce(
              channel,
              `pin-${params.messageId}-${method}-${Date.now()}`,
              { kind: 'pin', id: params.messageId, pinned: method === 'put', by: user.id },
              user,
            );
          }
          return { ok: true as const };
        },
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/v1/channels/:channelId/pins',
      operationId: 'listPins',
      summary: 'A channel’s pinned messages, most recently pinned first',
      tags: ['messages'],
      params: z.strictObject({ channelId: objectId }),
      response: z.object({ items: z.array(messageSchema) }),
      examples: messagesExamples.listPins,
      handler: async ({ user, params }) => {
        await requireChannel(deps, user, params.channelId);
        return {
          items: (await listPins(deps.connection, params.channelId)).map((m) => messageView(m, user.id)),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/channels/:channelId/messages/:messageId/thread',
      operationId: 'startThread',
      summary: 'Start a thread from a message: a child channel with its own offsets',
      tags: ['messages'],
      params: inChannel,
      body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
      status: 201,
      response: z.object({ threadId: z.string(), channel: z.string() }),
      examples: messagesExamples.startThread,
      handler: async ({ user, params, body }) => {
        const { channel, message } = await messageIn(deps, user, params.channelId, params.messageId);
        if (channel.direct || !channel.standing)
          throw new HttpError('bad_request', 'direct conversations have no threads');
        if (!has(channel.standing.bits, Permission.SEND_IN_THREADS))
          throw new HttpError('forbidden', 'you may not start threads here');
        if (message.threadId) throw new HttpError('conflict', 'this message has a thread already');
        notTimedOut(channel);
        const communityId = channel.standing.community.id;
        const thread = await repo(
          createChannel(deps.connection, {
            kind: 'thread',
            communityId,
            name: body.name,
            parentId: params.channelId,
            messageId: params.messageId,
            createdBy: user.id,
          }),
        );
        const threadId = thread._id.toHexString();
        await communityChanged(deps, communityId);
        await announce(
          channel,
          `thread-${params.messageId}`,
          { kind: 'thread', id: params.messageId, threadId, name: body.name },
          user,
        );
        return { threadId, channel: chanTopic(communityId, threadId) };
      },
    }),
  ];
}
