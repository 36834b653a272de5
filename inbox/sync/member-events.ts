// What the member (and the team lead) see live: support events published on their user topic
// `user:<id>`, which only its owner may subscribe to and only the hub publishes on; agents see
// every conversation's events on `support:agents`. Each event has
// a deterministic nonce, so a job that runs twice publishes it once (the broker answers
// `duplicate` to a nonce it has seen).
import type { SupportConversationView, SupportEvent, SupportMessageView } from '../../protocol/index.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { SupportConversation, SupportMessage } from '../store/models.js';
import { SUPPORT_AGENTS_TOPIC, userTopic } from '../../protocol/index.js';

export type { SupportEvent };
export type MessageView = SupportMessageView;
export type ConversationView = SupportConversationView;

export function messageView(m: SupportMessage): MessageView {
  return {
    id: m._id.toHexString(),
    direction: m.direction === 'member' ? 'member' : 'agent',
    content: m.content,
    author: { id: m.authorId, name: m.authorName },
    createdAt: m.createdAt.toISOString(),
    attachments: (m.attachments ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      contentType: a.contentType,
      width: a.width ?? null,
      height: a.height ?? null,
      thumbnail: a.thumbnail,
    })),
  };
}

export function conversationView(c: SupportConversation): ConversationView {
  return {
    id: c._id.toHexString(),
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    assigneeId: c.assigneeId ?? null,
    teamId: c.teamId ?? null,
    labels: [...c.labels],
    communityId: c.communityId ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    breaches: [...c.breaches],
    sla: {
      firstResponseDueAt: c.firstResponseAt ? null : iso(c.slaDue?.first_response),
      nextResponseDueAt: c.awaitingSince && c.firstResponseAt ? iso(c.slaDue?.next_response) : null,
      resolutionDueAt: c.status === 'resolved' ? null : iso(c.slaDue?.resolution),
    },
  };
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

const SUPPORT_INFO = { id: 'support', name: 'Support' };

/** The agents' live feed: what changes in any conversation, for `<hub-inbox>`. */
export const AGENTS_TOPIC = SUPPORT_AGENTS_TOPIC;
/** An agents' feed copy's nonce: this, then the nonce of the event on the member's topic. */
export const AGENTS_NONCE_PREFIX = 'agents-';

/**
 * Publishes on the user's topic and, unless `agents` is false (a copy meant for one agent only,
 * when the same event also goes to the member), on the agents' feed.
 */
export async function publishSupportEvent(
  publisher: Publisher,
  userId: string,
  nonce: string,
  event: SupportEvent,
  { agents = true }: { agents?: boolean } = {},
): Promise<void> {
  const data = JSON.stringify(event);
  await publisher.publish(userTopic(userId), { nonce, data, info: SUPPORT_INFO });
  if (agents)
    await publisher.publish(AGENTS_TOPIC, {
      nonce: `${AGENTS_NONCE_PREFIX}${nonce}`,
      data,
      info: SUPPORT_INFO,
    });
}
