// Chatwoot's webhook signature: X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of
// "{timestamp}.{raw body}">, keyed by the webhook secret, with X-Chatwoot-Timestamp in Unix
// seconds. Compared in constant time; stale timestamps are refused so a captured delivery
// cannot be replayed later (within the window, X-Chatwoot-Delivery de-duplicates).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestampS: number, body: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampS}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

export type SignatureVerdict = 'ok' | 'missing' | 'malformed' | 'stale' | 'future' | 'forged';

export function verifyWebhook(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: Buffer,
  toleranceS: number,
  nowS = Math.floor(Date.now() / 1000),
): SignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature)) return 'malformed';
  const ts = Number(timestamp);
  if (nowS - ts > toleranceS) return 'stale';
  // A little clock skew is fine; a timestamp far ahead would extend a replay window.
  if (ts - nowS > 60) return 'future';
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'forged';
}
