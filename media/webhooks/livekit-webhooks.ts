// LiveKit's webhooks: POST /webhooks/livekit, `Authorization: <jwt>` signed with the API secret
// and carrying the body's sha256 (WebhookReceiver checks both). A replayed delivery is refused
// twice over: events older than webhookMaxAgeS are dropped, and each event id is handled once
// (webhook-marker.ts: claimed while handled, marked done only once handled, released when
// handling throws so LiveKit's retry is handled, not lost as a duplicate). What they drive:
//   room_started        the session goes live (and the community hears of it)
//   room_finished       the session ends; its Q&A, polls and telemetry are saved
//   participant_joined  presence and telemetry; a removed member who slipped back is removed
//   participant_left    presence and telemetry (watch time)
//   track_published / track_unpublished (microphone)  who speaks on stage
import { TrackSource, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import {
  errorReply,
  json,
  type HttpRequest,
  type HttpReply,
  type HttpRoute,
} from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import type { SessionDoc } from '../sessions/access.js';
import { markEnded, markLive, type SessionEndHooks } from '../sessions/lifecycle.js';
import { liveSessionModel } from '../sessions/session.model.js';
import { broadcastStage, isBlocked, kick } from '../stage/stage.js';
import type { TelemetryStore } from '../telemetry/telemetry.js';
import { WebhookMarker } from './webhook-marker.js';

export interface WebhookDeps {
  ctx: MediaContext;
  telemetry: TelemetryStore;
  endHooks: SessionEndHooks;
  /** Told after each handled event (live telemetry to hosts, metrics). */
  onHandled?: (session: SessionDoc, event: WebhookEvent) => Promise<void>;
  /** Every delivery's outcome, for metrics. */
  onOutcome?: (event: string, outcome: WebhookOutcome | WebhookRefusal | 'forged') => void;
}

export type WebhookOutcome = 'handled' | 'duplicate' | 'ignored';
/** Not handled now: too old ('refused'), or another delivery of it is being handled. */
export type WebhookRefusal = 'refused' | 'in_progress';

export function livekitWebhookRoute(
  deps: WebhookDeps,
  credentials: { apiKey: string; apiSecret: string },
): HttpRoute {
  const receiver = new WebhookReceiver(credentials.apiKey, credentials.apiSecret);
  const marker = new WebhookMarker(deps.ctx.redis);
  return {
    method: 'post',
    pattern: '/webhooks/livekit',
    name: 'livekit_webhook',
    handler: async (request: HttpRequest): Promise<HttpReply> => {
      let event: WebhookEvent;
      try {
        event = await receiver.receive(request.body.toString('utf8'), request.headers['authorization']);
      } catch {
        deps.onOutcome?.('unknown', 'forged');
        return errorReply('unauthenticated', request.requestId, 'webhook signature or checksum is invalid');
      }
      const outcome = await handleWebhook(deps, marker, event);
      deps.onOutcome?.(event.event || 'unknown', outcome);
      if (outcome === 'refused') return errorReply('unauthenticated', request.requestId, 'stale webhook');
      if (outcome === 'in_progress') {
        // 503, which LiveKit retries: should the delivery being handled fail, the retry handles it.
        return errorReply('not_ready', request.requestId, 'this event is being handled; retry later');
      }
      return json(200, { outcome });
    },
  };
}

/**
 * Handles one verified event once: claimed first, marked done after it was handled (or found
 * irrelevant), released when handling throws (the error goes on, answered 500, and LiveKit
 * retries). Exported for the webhook route only.
 */
export async function handleWebhook(
  deps: WebhookDeps,
  marker: WebhookMarker,
  event: WebhookEvent,
): Promise<WebhookOutcome | WebhookRefusal> {
  const { ctx } = deps;
  const createdMs = Number(event.createdAt) * 1000;
  const maxAgeMs = ctx.settings.webhookMaxAgeS * 1000;
  if (!event.id || !createdMs || Math.abs(Date.now() - createdMs) > maxAgeMs) return 'refused';
  const key = ctx.keys.webhookSeen(event.id);
  const claim = await marker.claim(key);
  if (claim.kind !== 'claimed') return claim.kind;
  let outcome: WebhookOutcome;
  try {
    outcome = await handleEvent(deps, event, eventMoment(createdMs));
  } catch (err) {
    await marker.release(key, claim.token);
    throw err;
  }
  // Kept past the replay window: an older repeat is refused as stale instead.
  await marker.done(key, maxAgeMs * 2);
  return outcome;
}

/**
 * When the event happened, to the millisecond, for the session's clock (start, end, each stay):
 * LiveKit stamps events in whole seconds, so the moment of receipt, kept within the stamped
 * second so that a late delivery or a retry does not stretch a stay.
 */
function eventMoment(createdMs: number, nowMs = Date.now()): number {
  return Math.min(Math.max(nowMs, createdMs), createdMs + 999);
}

async function handleEvent(deps: WebhookDeps, event: WebhookEvent, atMs: number): Promise<WebhookOutcome> {
  const { ctx } = deps;
  const room = event.room?.name;
  if (!room) return 'ignored';
  const session = await liveSessionModel(ctx.connection).findOne({ room }).lean<SessionDoc>();
  if (!session) return 'ignored';
  const keys = ctx.keys.session(session._id.toHexString());
  const identity = event.participant?.identity;
  switch (event.event) {
    case 'room_started':
      await markLive(ctx, session, new Date(atMs));
      break;
    case 'room_finished':
      await markEnded(ctx, session, deps.endHooks, new Date(atMs));
      break;
    case 'participant_joined':
      if (!identity) return 'ignored';
      if (await isBlocked(ctx, session, identity)) {
        await kick(ctx, session, identity);
        return 'handled';
      }
      await deps.telemetry.joined(keys, identity, atMs);
      break;
    case 'participant_left':
      if (!identity) return 'ignored';
      await deps.telemetry.left(keys, identity, atMs);
      if ((await ctx.redis.srem(keys.onAir, identity)) === 1) await broadcastStage(ctx, session);
      break;
    case 'track_published':
    case 'track_unpublished':
      if (!identity || event.track?.source !== TrackSource.MICROPHONE) return 'ignored';
      if (event.event === 'track_published') await ctx.redis.sadd(keys.onAir, identity);
      else await ctx.redis.srem(keys.onAir, identity);
      await broadcastStage(ctx, session);
      break;
    default:
      return 'ignored';
  }
  const fresh = await liveSessionModel(ctx.connection).findById(session._id).lean<SessionDoc>();
  if (fresh && deps.onHandled) await deps.onHandled(fresh, event);
  return 'handled';
}
