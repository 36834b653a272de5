// The chat domain on the publish pipeline (realtime/publish/pipeline.ts), for `chan:` topics:
//   parse      the data must be a well-formed message; it gets its id, its body is normalized,
//              its mentions read: the message is whole before it is sequenced
//   authorize  mentions kept only where the author may use them (roles, @everyone); a reply must
//              point at a message of the same channel (else refused as missing); last, its
//              files are claimed
//   ack        the sender learns the message's id (on a retried nonce: the first one's)
//   refused    the files it claimed go back to pending when a later stage refused it
//   after      the people it concerns hear of it on their own topic, or by an offline
//              notification (not for a message moderation holds)
// The message is stored by the pipeline's persist stage as its one record.
import type { Logger } from 'pino';
import type { Connection } from 'mongoose';
import { userTopic } from '../../protocol/index.js';
import { HubError } from '../../protocol/index.js';
import type { PublishContext, PublishExtension } from '../../realtime/publish/pipeline.js';
import type { Publisher } from '../../realtime/publisher.js';
import { getMessage } from '../../storage/repositories/messages.js';
import type { ChannelStanding, CommunityAccess } from '../access.js';
import type { Attachments } from '../attachments/attachments.js';
import { DM_COMMUNITY } from '../authorizer.js';
import type { OfflineNotifier } from '../notifications/offline-notifier.js';
import { has, Permission } from '../permissions/permissions.js';
import {
  excerptOf,
  heldMessage,
  newMessageId,
  parseMentions,
  postedMessageSchema,
  type MessageEvent,
  type UserEvent,
} from './message-data.js';

export interface ChatExtensionDeps {
  connection: Connection;
  access: CommunityAccess;
  /** Publishes the hub's own events (mentions, DMs) on users' topics. */
  publisher: Publisher;
  notifier?: OfflineNotifier;
  log: Logger;
  /** Claims the uploads a message lists; without it, a message with attachments is refused. */
  attachments?: Attachments;
}

const MESSAGE = 'chat.message';
const ATTACHMENT_IDS = 'chat.attachmentIds';

/** The message this publish carries, once the parse stage made it. */
export function messageOf(ctx: PublishContext): MessageEvent | undefined {
  return ctx.state.get(MESSAGE) as MessageEvent | undefined;
}

export function chatExtension(deps: ChatExtensionDeps): PublishExtension {
  return {
    name: 'chat',
    priority: 100,
    parse(ctx) {
      if (ctx.topic.kind !== 'chan') return;
      const parsed = postedMessageSchema.safeParse(ctx.data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const what =
          issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue?.message;
        throw new HubError(
          'validation_failed',
          `data.${issue?.path.join('.') || ''}: ${what ?? 'invalid message'}`,
        );
      }
      const { body, replyToId } = parsed.data;
      const message: MessageEvent = {
        kind: 'message',
        id: newMessageId(),
        body,
        replyToId: replyToId ?? null,
        mentions: parseMentions(body),
        ...(ctx.user.picture ? { picture: ctx.user.picture } : {}),
      };
      message.mentions.userIds = message.mentions.userIds.filter((id) => id !== ctx.user.id);
      if (parsed.data.attachments?.length) ctx.state.set(ATTACHMENT_IDS, parsed.data.attachments);
      ctx.state.set(MESSAGE, message);
      ctx.data = message;
    },

    async authorize(ctx) {
      const message = messageOf(ctx);
      if (!message || ctx.topic.kind !== 'chan') return;
      const { mentions } = message;
      if (ctx.topic.community === DM_COMMUNITY) {
        mentions.roleIds = [];
        mentions.everyone = false;
      } else {
        const standing = ctx.standing as ChannelStanding | undefined;
        const mayEveryone = has(standing?.bits ?? 0, Permission.MENTION_EVERYONE);
        mentions.everyone &&= mayEveryone;
        mentions.roleIds = mentions.roleIds.filter(
          (id) => mayEveryone || standing?.community.roles.get(id)?.mentionable === true,
        );
      }
      if (message.replyToId !== null) {
        // A reply points at a message of this channel; any other looks missing (nobody learns
        // of messages in channels they cannot see).
        const target = await getMessage(deps.connection, message.replyToId);
        if (!target || target.channelId.toHexString() !== ctx.topic.channel)
          throw new HubError('not_found', 'data.replyToId: no such message in this channel');
      }
      const attachmentIds = ctx.state.get(ATTACHMENT_IDS) as string[] | undefined;
      if (attachmentIds) {
        // Last, once everything else allowed the message: claiming marks the uploads as used.
        if (!deps.attachments)
          throw new HubError('not_ready', 'data.attachments: attachments are not configured');
        message.attachments = await deps.attachments.claim(attachmentIds, {
          ownerId: ctx.user.id,
          communityId: ctx.topic.community === DM_COMMUNITY ? null : ctx.topic.community,
          channelId: ctx.topic.channel,
          messageId: message.id,
          nonce: ctx.nonce,
        });
      }
    },

    async refused(ctx) {
      // Refused after the claim (rate limit, slowmode, AutoMod): the files are the sender's to
      // use again. Only those this attempt claimed for its own message id: a retried nonce's
      // files stay with the message its first attempt claimed them for.
      const message = messageOf(ctx);
      if (message?.attachments?.length && deps.attachments) await deps.attachments.unclaim(message.id);
    },

    ack(ctx) {
      const message = messageOf(ctx);
      if (!message) return;
      const original = ctx.outcome?.duplicate ? ctx.outcome.original : undefined;
      ctx.reply['messageId'] = original === undefined ? message.id : (idIn(original) ?? message.id);
    },

    async after(ctx) {
      const message = messageOf(ctx);
      const topic = ctx.topic;
      // A held message notifies nobody: its mentions count once a moderator approves it.
      if (!message || topic.kind !== 'chan' || heldMessage(ctx)) return;
      await notifyConcerned(deps, topic.name, topic.community, topic.channel, ctx.user, message);
    },
  };
}

/** The id in a stored message's data: `{"kind":"message"|"message.hidden","id":…}`. */
function idIn(json: string): string | undefined {
  try {
    const id = (JSON.parse(json) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

async function notifyConcerned(
  deps: ChatExtensionDeps,
  topicName: string,
  communityId: string,
  channelId: string,
  author: { id: string; name: string },
  message: MessageEvent,
): Promise<void> {
  const direct = communityId === DM_COMMUNITY;
  let recipients: string[];
  if (direct) {
    const dm = await deps.access.directory.directChannel(channelId);
    recipients = (dm?.participantIds ?? []).filter((id) => id !== author.id);
  } else {
    // Only members who can see the channel hear of a mention in it.
    const allowed = await Promise.all(
      message.mentions.userIds.map(async (id) =>
        (await deps.access.inChannel(id, communityId, channelId)) ? id : null,
      ),
    );
    recipients = allowed.filter((id): id is string => id !== null);
  }
  const from = { id: author.id, name: author.name };
  const excerpt = excerptOf(message.body);
  const kind = direct ? ('dm' as const) : ('mention' as const);
  for (const userId of recipients) {
    const event: UserEvent = { kind, channel: topicName, messageId: message.id, from, excerpt };
    await deps.publisher.publish(userTopic(userId), {
      nonce: `${kind}-${message.id}-${userId}`,
      data: JSON.stringify(event),
      info: from,
    });
    await deps.notifier?.notify(userId, {
      kind,
      communityId: direct ? null : communityId,
      channelId,
      messageId: message.id,
      from,
      excerpt,
      at: Date.now(),
    });
  }
}
