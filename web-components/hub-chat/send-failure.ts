// Why one of the member's sends failed, in words, and whether trying again can succeed: from
// the hub's error code (protocol/error-codes.ts) or the SDK's own (timeout, disconnected…) and
// its retryAfterMs. Pure: the message list and the composer's notice both read it.
import { MAX_MESSAGE_BODY } from '../../protocol/limits.js';
import type { I18n } from '../shared/i18n/i18n.js';
import type { MessageKey } from '../shared/i18n/en.js';
import type { SendError } from '../shared/message-store.js';

export interface SendFailureView {
  /** The reason, with the wait left when there is one ("… You can retry in 8 seconds."). */
  text: string;
  /** Retry can succeed now. */
  canRetry: boolean;
  /** Retry may succeed once this time (ms) has passed; undefined when there is no wait. */
  waitUntil: number | undefined;
  /** Retry never succeeds with the same text: offer to edit it instead. */
  final: boolean;
}

/** Codes a retry with the same nonce can get past: the hub or the network, not the message. */
const RETRYABLE_NOW = new Set([
  'timeout',
  'disconnected',
  'queue_full',
  'internal',
  'not_ready',
  'shutting_down',
  'overloaded',
]);
/** Codes a retry gets past once their wait is over. */
const RETRYABLE_LATER = new Set(['timed_out', 'slowmode', 'rate_limited']);

const REASONS: Partial<Record<string, MessageKey>> = {
  forbidden: 'send.forbidden',
  timed_out: 'send.timedOut',
  slowmode: 'send.slowmode',
  rate_limited: 'send.rateLimited',
  timeout: 'send.noAnswer',
  disconnected: 'send.offline',
  closed: 'send.offline',
  internal: 'send.unavailable',
  not_ready: 'send.unavailable',
  shutting_down: 'send.unavailable',
  overloaded: 'send.unavailable',
  queue_full: 'send.offline',
};

/** A send's failure as the member reads it, at `now`. */
export function describeFailure(
  error: SendError | undefined,
  body: string,
  i18n: I18n,
  now = Date.now(),
): SendFailureView {
  const code = error?.code ?? '';
  if (code === 'automod_blocked')
    return {
      text: i18n.t('send.blocked', { reason: error?.message ?? '' }),
      canRetry: false,
      waitUntil: undefined,
      final: true,
    };
  // The hub refuses a body over the limit as payload_too_large (the frame's bytes) or
  // validation_failed (the characters); the member's fix is the same.
  const tooLong = body.trim().length > MAX_MESSAGE_BODY;
  if (code === 'payload_too_large' || (code === 'validation_failed' && tooLong))
    return {
      text: i18n.t('send.tooLong', { max: MAX_MESSAGE_BODY }),
      canRetry: false,
      waitUntil: undefined,
      final: true,
    };
  if (code === 'validation_failed' || code === 'bad_request')
    return {
      text: i18n.t('send.invalid', { reason: error?.message ?? '' }),
      canRetry: false,
      waitUntil: undefined,
      final: true,
    };
  const reasonKey = REASONS[code];
  const reason = reasonKey ? i18n.t(reasonKey) : i18n.t('send.failed');
  if (RETRYABLE_LATER.has(code)) {
    const waitUntil = error?.retryAt;
    if (waitUntil !== undefined && waitUntil > now)
      return {
        text: `${reason} ${i18n.t('send.retryIn', { wait: i18n.duration(waitUntil - now) })}`,
        canRetry: false,
        waitUntil,
        final: false,
      };
    return { text: reason, canRetry: true, waitUntil: undefined, final: false };
  }
  const canRetry = RETRYABLE_NOW.has(code);
  return { text: reason, canRetry, waitUntil: undefined, final: !canRetry };
}

/** What keeps the composer from sending for a while, from a send's failure. */
export interface SendBlock {
  code: 'timed_out' | 'slowmode' | 'rate_limited';
  /** A timeout and the rate limit hold in every channel; slowmode in its channel only. */
  channelId: string | null;
  until: number;
}

export function blockFrom(channelId: string, error: SendError): SendBlock | undefined {
  const { code, retryAt } = error;
  if (retryAt === undefined) return undefined;
  if (code === 'slowmode') return { code, channelId, until: retryAt };
  if (code === 'timed_out' || code === 'rate_limited') return { code, channelId: null, until: retryAt };
  return undefined;
}

/** The composer's explanation of a block at `now`. */
export function describeBlock(block: SendBlock, i18n: I18n, now = Date.now()): string {
  const wait = i18n.duration(block.until - now);
  if (block.code === 'timed_out') return i18n.t('composer.timedOut', { wait });
  if (block.code === 'slowmode') return i18n.t('composer.slowmode', { wait });
  return i18n.t('composer.rateLimited', { wait });
}
