// What a member sends to post a chat message, and what the channel's subscribers receive.
// Text is plain: stored and delivered as typed, never as HTML; whatever renders it escapes it.
import { Types } from 'mongoose';
import { z } from 'zod';
import type { PublishContext } from '../../realtime/publish/pipeline.js';
import { MAX_BODY } from '../../storage/models/chat-message.model.js';
import type { AttachmentDescriptor } from '../attachments/attachments.js';

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be an id');

/** The data of a member's publish on a channel topic. */
export const postedMessageSchema = z
  .object({
    body: z
      .string()
      .transform((s) => s.replace(/\r\n?/g, '\n').trim())
      .pipe(z.string().max(MAX_BODY, `must be at most ${MAX_BODY} characters`)),
    replyToId: objectId.optional(),
    /** Ids of the sender's pending uploads to this channel (POST …/attachments). */
    attachments: z.array(objectId).max(50).optional(),
  })
  .strict()
  .refine((m) => m.body.length > 0 || (m.attachments?.length ?? 0) > 0, {
    message: 'must not be empty',
    path: ['body'],
  })
  .refine((m) => new Set(m.attachments).size === (m.attachments?.length ?? 0), {
    message: 'must not repeat an id',
    path: ['attachments'],
  });

export type PostedMessage = z.output<typeof postedMessageSchema>;

export interface Mentions {
  userIds: string[];
  roleIds: string[];
  everyone: boolean;
}

export type MessageEvent = {
  kind: 'message';
  id: string;
  body: string;
  replyToId: string | null;
  mentions: Mentions;
  /** The author's profile picture when they wrote it (their token's https `picture`), if any. */
  picture?: string;
  /** Present only when the message has files (older messages and most others have none). */
  attachments?: AttachmentDescriptor[];
};

/** The events a channel topic carries, as `data` of its publications. */
export type ChannelEvent =
  | MessageEvent
  /**
   * Moderation hid the message ('automod', 'scoring' or a moderator's id): clients drop it from
   * view. A message AutoMod holds at once is published as this event alone, never its content.
   */
  | { kind: 'message.hidden'; id: string; by: string }
  /** A moderator approved a hidden message: clients show it (again) at its offset. */
  | {
      kind: 'message.restored';
      message: MessageEvent;
      author: { id: string; name: string };
      offset: number;
      createdAt: number;
    }
  | { kind: 'message.edited'; id: string; body: string; editedAt: number }
  | { kind: 'message.deleted'; id: string; deletedBy: string }
  | { kind: 'reaction'; id: string; emoji: string; userId: string; added: boolean; count: number }
  | { kind: 'pin'; id: string; pinned: boolean; by: string }
  | { kind: 'thread'; id: string; threadId: string; name: string };

/** The events of a user's own topic. */
export type UserEvent =
  | {
      kind: 'mention';
      channel: string;
      messageId: string;
      from: { id: string; name: string };
      excerpt: string;
    }
  | { kind: 'dm'; channel: string; messageId: string; from: { id: string; name: string }; excerpt: string }
  | { kind: 'read'; channel: string; offset: number };

const USER_MENTION = /<@([A-Za-z0-9_-]{1,64})>/g;
const ROLE_MENTION = /<@&([0-9a-f]{24})>/g;
const EVERYONE = /(^|\s)@(everyone|here)\b/;

/**
 * The mentions written in a body: `<@userId>`, `<@&roleId>`, `@everyone` / `@here`. Whether
 * the author may use role and everyone mentions is decided by the caller.
 */
export function parseMentions(body: string): Mentions {
  const unique = (re: RegExp) => [...new Set([...body.matchAll(re)].map((m) => m[1] as string))].slice(0, 50);
  return { userIds: unique(USER_MENTION), roleIds: unique(ROLE_MENTION), everyone: EVERYONE.test(body) };
}

export function newMessageId(): string {
  return new Types.ObjectId().toHexString();
}

/** The start of a body for a notification: one line, at most 140 characters. */
export function excerptOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

/**
 * A message AutoMod holds back for review: the channel receives a `message.hidden` placeholder
 * with its id, and the message is stored hidden (the publish's record), notifying nobody.
 */
export interface HeldMessage {
  event: MessageEvent;
  /** Who holds it: 'automod'. */
  by: string;
}

const HELD = 'chat.held';

/** Holds the publish's message: delivers the placeholder, stores the message hidden. */
export function holdMessage(ctx: PublishContext, held: HeldMessage): void {
  ctx.state.set(HELD, held);
  ctx.record = { ...held.event, hiddenBy: held.by };
  const placeholder: ChannelEvent = { kind: 'message.hidden', id: held.event.id, by: held.by };
  ctx.data = placeholder;
  ctx.reply['held'] = true;
}

export function heldMessage(ctx: PublishContext): HeldMessage | undefined {
  return ctx.state.get(HELD) as HeldMessage | undefined;
}
