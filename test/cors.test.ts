// Widgets on the marketplace's own origin call the hub's REST API across origins: the hub answers
// preflights and adds CORS headers for the configured origins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from './support/hub.js';
import { tokenFor } from './support/tokens.js';

describe('cross-origin access to the REST API', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const shop = 'https://shop.example.com';

  beforeAll(async () => {
    hub = await startTestHub({ api: { corsOrigins: [shop] } });
  });
  afterAll(() => hub.shutdown());

  const preflight = (origin: string) =>
    fetch(`${hub.url}/api/v1/communities`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from a configured origin, and not from another', async () => {
    const allowed = await preflight(shop);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');

    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks responses readable by the configured origin only, errors included', async () => {
    const token = await tokenFor('ann');
    const ok = await fetch(`${hub.url}/api/v1/communities`, {
      headers: { origin: shop, authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(shop);
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-request-id');

    const unauthenticated = await fetch(`${hub.url}/api/v1/communities`, { headers: { origin: shop } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe(shop);

    const other = await fetch(`${hub.url}/api/v1/communities`, {
      headers: { origin: 'https://evil.example.com', authorization: `Bearer ${token}` },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toContain('origin');
  });
});
