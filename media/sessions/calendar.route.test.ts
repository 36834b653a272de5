// The calendar file is rate-limited like the REST API: per IP before anything else (so a flood
// of unauthenticated requests is refused cheaply), then per user; a refusal says when to retry.
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../realtime/limits/rate-limiter.memory.js';
import { token, verifier } from '../../realtime/transport/api/test-support.js';
import type { HttpRequest } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { calendarRoute } from './calendar.route.js';

const request = (remoteAddress: string, authorization?: string): HttpRequest => ({
  method: 'get',
  path: '/api/v1/live-sessions/0123456789abcdef01234567/calendar.ics',
  query: new URLSearchParams(),
  headers: authorization ? { authorization } : {},
  params: { sessionId: 'not-an-id' },
  body: Buffer.alloc(0),
  requestId: 'r1',
  remoteAddress,
});

/** No session is ever loaded here: the checks under test all come first. */
const ctx = {} as MediaContext;

function route(perIp: number, perUser: number) {
  return calendarRoute(ctx, {
    verifier,
    limiter: new MemoryRateLimiter(),
    limits: {
      perIp: { capacity: perIp, refillPerS: 0.001 },
      perUser: { capacity: perUser, refillPerS: 0.001 },
    },
    publicUrl: 'http://hub.test',
  });
}

describe('calendar file rate limits', () => {
  it('refuses an IP past its burst before authenticating, with retry-after', async () => {
    const r = route(2, 100);
    expect((await r.handler(request('10.0.0.1'))).status).toBe(401);
    expect((await r.handler(request('10.0.0.1'))).status).toBe(401);
    const third = await r.handler(request('10.0.0.1'));
    expect(third.status).toBe(429);
    expect(Number(third.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await r.handler(request('10.0.0.2'))).status).toBe(401);
  });

  it('refuses a user past their burst, whatever their IP', async () => {
    const r = route(100, 1);
    const auth = `Bearer ${await token('ann')}`;
    // The first passes the limits and fails later (no such session): 404, not 429.
    expect((await r.handler(request('10.0.0.1', auth))).status).toBe(404);
    expect((await r.handler(request('10.0.0.2', auth))).status).toBe(429);
  });
});
