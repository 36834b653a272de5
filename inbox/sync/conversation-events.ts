// One Chatwoot conversation's webhook events, applied in the order Chatwoot sent them, whatever
// the number of workers. The webhook route appends each verified event to the conversation's
// Redis list and queues a job; a job takes the conversation's lock and applies the list from its
// head, removing each event only once it is applied. A failure leaves the event first in line
// (its job is retried, and no later event of the conversation overtakes it); a job that finds
// the lock held is retried later (ConversationEventsBusyError), by which time the holder has
// applied what was there. Events about no conversation (contact_*) are applied by their own job.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../storage/redis.js';
import type { InboxKeys } from '../keys.js';
import { ProviderError } from '../provider/errors.js';
import type { Wire } from '../provider/wire.js';
import type { WebhookJob } from '../queues.js';

/** Thrown when another worker is applying the conversation's events: retried, not an error. */
export class ConversationEventsBusyError extends Error {
  readonly retryable = true;
  constructor(id: number) {
    super(`inbox: events of Chatwoot conversation ${id} are being applied elsewhere`);
    this.name = 'ConversationEventsBusyError';
  }
}

const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** The Chatwoot conversation a webhook event is about, or null. */
export function eventConversation(payload: Wire): number | null {
  const event = String(payload['event']);
  const conversation = payload['conversation'];
  const id = event.startsWith('conversation_')
    ? payload['id']
    : conversation && typeof conversation === 'object'
      ? (conversation as Wire)['id']
      : null;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}

/** Appends the event to its conversation's list (before its job is queued). */
export async function appendConversationEvent(
  redis: RedisClient,
  keys: InboxKeys,
  conversation: number,
  job: WebhookJob,
): Promise<void> {
  await redis.rpush(keys.conversationEvents(conversation), JSON.stringify(job));
}

export interface ConversationEventsDeps {
  redis: RedisClient;
  keys: InboxKeys;
  apply: (payload: Wire) => Promise<unknown>;
  lockMs?: number;
}

/** Applies the conversation's waiting events in order; resolves to how many were applied. */
export async function applyConversationEvents(
  deps: ConversationEventsDeps,
  conversation: number,
): Promise<number> {
  const lock = deps.keys.eventsLock(conversation);
  const token = randomUUID();
  if ((await deps.redis.set(lock, token, 'PX', deps.lockMs ?? 60_000, 'NX')) !== 'OK')
    throw new ConversationEventsBusyError(conversation);
  const list = deps.keys.conversationEvents(conversation);
  let applied = 0;
  try {
    for (
      let head = await deps.redis.lindex(list, 0);
      head !== null;
      head = await deps.redis.lindex(list, 0)
    ) {
      try {
        await deps.apply((JSON.parse(head) as WebhookJob).payload);
      } catch (err) {
        // An event that can never apply must not hold up the conversation for good.
        if (err instanceof ProviderError && !err.retryable) await deps.redis.lpop(list);
        throw err;
      }
      await deps.redis.lpop(list);
      applied++;
    }
    return applied;
  } finally {
    await deps.redis.eval(RELEASE, 1, lock, token).catch(() => undefined);
  }
}
