import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.js';

const SECRET = 'webhook-secret-0123456789';
const body = Buffer.from('{"event":"message_created","id":1}');
const now = 1_800_000_000;

describe('Chatwoot webhook signatures', () => {
  it('accepts sha256=<hex HMAC of "{timestamp}.{body}">', () => {
    const signature = signWebhook(SECRET, now, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, { signature, timestamp: String(now) }, body, 300, now)).toBe('ok');
  });

  it('refuses other secrets, other bodies and other timestamps', () => {
    const signature = signWebhook(SECRET, now, body);
    expect(
      verifyWebhook('another-secret-0123456', { signature, timestamp: String(now) }, body, 300, now),
    ).toBe('forged');
    expect(verifyWebhook(SECRET, { signature, timestamp: String(now) }, Buffer.from('{}'), 300, now)).toBe(
      'forged',
    );
    expect(verifyWebhook(SECRET, { signature, timestamp: String(now - 1) }, body, 300, now)).toBe('forged');
  });

  it('refuses stale and far-future timestamps, missing and malformed headers', () => {
    const old = now - 301;
    expect(
      verifyWebhook(
        SECRET,
        { signature: signWebhook(SECRET, old, body), timestamp: String(old) },
        body,
        300,
        now,
      ),
    ).toBe('stale');
    const ahead = now + 120;
    expect(
      verifyWebhook(
        SECRET,
        { signature: signWebhook(SECRET, ahead, body), timestamp: String(ahead) },
        body,
        300,
        now,
      ),
    ).toBe('future');
    expect(verifyWebhook(SECRET, { timestamp: String(now) }, body, 300, now)).toBe('missing');
    expect(verifyWebhook(SECRET, { signature: 'sha1=abc', timestamp: String(now) }, body, 300, now)).toBe(
      'malformed',
    );
    expect(
      verifyWebhook(SECRET, { signature: signWebhook(SECRET, now, body), timestamp: '1e9' }, body, 300, now),
    ).toBe('malformed');
  });
});
