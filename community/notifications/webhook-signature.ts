// Signatures of Hubbub's outgoing webhooks, in the scheme Chatwoot uses for its own: an
// HMAC-SHA256 over `{timestamp}.{body}`, sent as `X-Hubbub-Signature: sha256=<hex>` with
// `X-Hubbub-Timestamp` (seconds) and an idempotent `X-Hubbub-Delivery` id. Receivers check the
// signature with a constant-time comparison and refuse old timestamps (replays).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestampS: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  { nowS = Math.floor(Date.now() / 1000), toleranceS = 300 } = {},
): boolean {
  const timestampS = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestampS) || Math.abs(nowS - timestampS) > toleranceS)
    return false;
  const expected = Buffer.from(signWebhook(secret, timestampS, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
