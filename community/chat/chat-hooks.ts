// The chat domain on the gateway's message path. Before: a member's publish on a channel
// must be a well-formed message; it gets its id, and its mentions are kept only where the
// author may use them. After: the message is stored (idempotent by channel and offset), and
// the people it concerns hear of it on their own topic, or by an offline notification.
import type { Logger } from 'pino';
import type { Connection } from 'mongoose';
import { insertMessage } from '../../storage/repositories/messages.js';
import { CommandError } from '../../realtime/gateway/command-error.js';
import type { AfterPublishHook, BeforePublishHook, PublishHooks } from '../../realtime/gateway/hooks.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { CommunityAccess } from '../access.js';
import { DM_COMMUNITY } from '../authorizer.js';
import type { OfflineNotifier } from '../notifications/offline-notifier.js';
import { has, Permission } from '../permissions/permissions.js';
import {
  excerptOf,
  newMessageId,
  parseMentions,
  postedMessageSchema,
  heldMessage,
  type ChannelEvent,
  type MessageEvent,
  type UserEvent,
} from './message-data.js';

export interface ChatHooksDeps {
  connection: Connection;
  access: CommunityAccess;
  /** Publishes the hub's own events (mentions, DMs) on users' topics. */
  publisher: () => Publisher;
  notifier?: OfflineNotifier;
  log: Logger;
}

export function chatHooks(deps: ChatHooksDeps): PublishHooks {
  return { before: [beforeMessage(deps)], after: [afterMessage(deps)] };
}

function beforeMessage({ access }: ChatHooksDeps): BeforePublishHook {
  return async ({ user, topic, data }) => {
    if (topic.kind !== 'chan') return undefined;
    const parsed = postedMessageSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const what =
        issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue?.message;
      throw new CommandError(
        'validation_failed',
        `data.${issue?.path.join('.') || ''}: ${what ?? 'invalid message'}`,
      );
    }
    const { body, replyToId } = parsed.data;
    const mentions = parseMentions(body);
    if (topic.community === DM_COMMUNITY) {
      mentions.roleIds = [];
      mentions.everyone = false;
    } else {
      const standing = await access.inChannel(user.id, topic.community, topic.channel);
      const bits = standing?.bits ?? 0;
      const mayEveryone = has(bits, Permission.MENTION_EVERYONE);
      mentions.everyone &&= mayEveryone;
      mentions.roleIds = mentions.roleIds.filter(
        (id) => mayEveryone || standing?.community.roles.get(id)?.mentionable === true,
      );
    }
    mentions.userIds = mentions.userIds.filter((id) => id !== user.id);
    const event: ChannelEvent = {
      kind: 'message',
      id: newMessageId(),
      body,
      replyToId: replyToId ?? null,
      mentions,
    };
    return event;
  };
}

function afterMessage(deps: ChatHooksDeps): AfterPublishHook {
  return async ({ user, topic, data, offset, nonce, state }) => {
    if (topic.kind !== 'chan') return;
    const held = heldMessage(state);
    const message = held?.event ?? (data['kind'] === 'message' ? (data as MessageEvent) : undefined);
    if (!message) return;
    const direct = topic.community === DM_COMMUNITY;
    // Idempotent by (channel, offset): a retried publish finds its message stored already.
    const { inserted } = await insertMessage(deps.connection, {
      id: message.id,
      channelId: topic.channel,
      communityId: direct ? null : topic.community,
      offset,
      authorId: user.id,
      authorName: user.name,
      body: message.body,
      replyToId: message.replyToId,
      mentions: message.mentions,
      nonce,
      ...(held && { hiddenBy: held.by }),
    });
    // A held message notifies nobody: its mentions count once a moderator approves it.
    if (!inserted || held) return;
    void notifyConcerned(deps, topic.name, topic.community, topic.channel, user, message).catch(
      (err: unknown) => deps.log.warn({ err, channel: topic.name }, 'mention notifications failed'),
    );
  };
}

async function notifyConcerned(
  deps: ChatHooksDeps,
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
    await deps.publisher().publish(`user:${userId}`, {
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
