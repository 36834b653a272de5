// POST /webhooks/chatwoot: where Chatwoot's webhooks arrive. Checked in this order: signature
// (constant time) and timestamp freshness, JSON body, delivery id when present; then
// de-duplicated (Redis SET NX with a TTL longer than any redelivery) by X-Chatwoot-Delivery, or,
// as Chatwoot sends that header only when it has one, by a hash of the signed body (a retry
// re-posts the same body), and handed to the events queue, so a burst, or an outage of MongoDB or
// the workers, loses nothing. The answer is quick and says what happened; only typing, which is
// worthless late, is relayed at once.
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Broker } from '../../realtime/broker/broker.js';
import { errorReply, json, type HttpRoute } from '../../realtime/transport/http.js';
import type { RedisClient } from '../../storage/redis.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import type { InboxKeys } from '../keys.js';
import type { WebhookJob } from '../queues.js';
import { appendConversationEvent, eventConversation } from '../sync/conversation-events.js';
import { HANDLED_EVENTS } from '../sync/inbound.js';
import { supportConversations } from '../store/models.js';
import { verifyWebhook } from './signature.js';
import { userTopic } from '../../protocol/index.js';

export const WEBHOOK_PATH = '/webhooks/chatwoot';
const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Deliveries are remembered this long: far beyond the timestamp tolerance. */
const DELIVERY_TTL_S = 24 * 3600;

export interface WebhookRouteDeps {
  secret: string;
  toleranceS: number;
  redis: RedisClient;
  keys: InboxKeys;
  queue: JobQueue<WebhookJob>;
  connection: Connection;
  broker: Broker;
  log: Logger;
  onOutcome?: (outcome: string) => void;
}

export function chatwootWebhookRoute(deps: WebhookRouteDeps): HttpRoute {
  return {
    method: 'post',
    pattern: WEBHOOK_PATH,
    name: 'chatwoot_webhook',
    handler: async (req) => {
      const done = (outcome: string) => deps.onOutcome?.(outcome);
      const verdict = verifyWebhook(
        deps.secret,
        { signature: req.headers['x-chatwoot-signature'], timestamp: req.headers['x-chatwoot-timestamp'] },
        req.body,
        deps.toleranceS,
      );
      if (verdict !== 'ok') {
        done(verdict);
        deps.log.warn({ verdict, ip: req.remoteAddress }, 'chatwoot webhook refused');
        const message =
          verdict === 'stale' || verdict === 'future' ? 'The webhook timestamp is out of range.' : undefined;
        return errorReply('unauthenticated', req.requestId, message);
      }
      let payload: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(req.body.toString('utf8'));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        payload = parsed as Record<string, unknown>;
      } catch {
        done('malformed');
        return errorReply('bad_request', req.requestId, 'The webhook body is not a JSON object.');
      }
      const header = req.headers['x-chatwoot-delivery'];
      if (header !== undefined && !DELIVERY_ID.test(header)) {
        done('malformed');
        return errorReply('bad_request', req.requestId, 'X-Chatwoot-Delivery is malformed.');
      }
      const event = payload['event'];
      if (!HANDLED_EVENTS.includes(event as (typeof HANDLED_EVENTS)[number])) {
        done('ignored');
        return json(202, { accepted: false, reason: 'event not handled' });
      }
      const typing = event === 'conversation_typing_on' || event === 'conversation_typing_off';
      // Without the header, the event itself names the delivery: the same event redelivered is
      // the same signed body. Typing then is not de-duplicated: an agent typing again in the
      // same conversation posts the same body, and a repeated typing frame is harmless.
      const deliveryId = header ?? `body-${createHash('sha256').update(req.body).digest('hex')}`;
      const key = deps.keys.delivery(deliveryId);
      if (
        (header !== undefined || !typing) &&
        (await deps.redis.set(key, '1', 'EX', DELIVERY_TTL_S, 'NX')) !== 'OK'
      ) {
        done('duplicate');
        return json(200, { accepted: false, reason: 'duplicate' });
      }
      if (typing) {
        await relayTyping(deps, payload).catch((err: Error) => deps.log.warn({ err }, 'typing relay failed'));
        done('relayed');
        return json(202, { accepted: true });
      }
      try {
        const job: WebhookJob = { deliveryId, receivedAt: Date.now(), payload };
        // An event about a conversation waits in that conversation's list, applied in order.
        const conversation = eventConversation(payload);
        if (conversation !== null) await appendConversationEvent(deps.redis, deps.keys, conversation, job);
        await deps.queue.add(
          String(event),
          conversation === null ? job : { ...job, payload: { event }, conversation },
          {
            id: `d-${deliveryId.replaceAll(':', '_')}`,
            attempts: 10,
            backoffMs: 500,
          },
        );
      } catch (err) {
        // Not queued: forget the delivery so a redelivery is taken (if the event was listed, the
        // redelivery lists it again: applying an event twice changes nothing).
        await deps.redis.del(key).catch(() => undefined);
        deps.log.error({ err }, 'chatwoot webhook not queued');
        done('error');
        return errorReply('not_ready', req.requestId);
      }
      done('accepted');
      return json(202, { accepted: true });
    },
  };
}

/**
 * An agent typing in a member's conversation: a typing frame on the member's user topic, and one
 * marked `stopped` when they stop (typing in a private note is never shown to the member).
 */
async function relayTyping(deps: WebhookRouteDeps, payload: Record<string, unknown>): Promise<void> {
  const stopped = payload['event'] === 'conversation_typing_off';
  if (!stopped && payload['is_private'] === true) return;
  const conversation = payload['conversation'] as Record<string, unknown> | undefined;
  const user = payload['user'] as Record<string, unknown> | undefined;
  const cwId = conversation?.['id'];
  if (typeof cwId !== 'number') return;
  const found = await supportConversations(deps.connection)
    .findOne({ chatwootConversationId: cwId }, { userId: 1, _id: 1 })
    .lean();
  if (!found) return;
  const topic = userTopic(found.userId);
  const name = typeof user?.['name'] === 'string' ? user['name'] : 'Support';
  await deps.broker.emit(
    topic,
    JSON.stringify({
      type: 'typing',
      channel: topic,
      user: { id: `agent:${String(user?.['id'] ?? 0)}`, name },
      ...(stopped ? { stopped: true } : {}),
      about: found._id.toHexString(),
    }),
  );
}
