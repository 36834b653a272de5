// GET /api/v1/live-sessions/:sessionId/calendar.ics: one session as an iCalendar file, for the
// caller's calendar. Not JSON, so it is a plain HttpRoute, authenticated and rate-limited (per
// IP, then per user, the REST API's buckets) like the others.
import type { RateLimiter } from '../../realtime/limits/rate-limiter.js';
import { authenticate, type Verifier } from '../../realtime/transport/api/authenticate.js';
import { replyFor } from '../../realtime/transport/api/api-error.js';
import type { ApiLimits } from '../../realtime/transport/api/index.js';
import { takeOrRefuse } from '../../realtime/transport/api/rate-limit.js';
import { HttpError, type HttpRoute } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { viewableSession } from './access.js';
import { toIcs } from './ics.js';

export interface CalendarRouteDeps {
  verifier: Verifier;
  limiter: RateLimiter;
  limits: ApiLimits;
  publicUrl: string;
}

export function calendarRoute(ctx: MediaContext, deps: CalendarRouteDeps): HttpRoute {
  const { verifier, limiter, limits, publicUrl } = deps;
  return {
    method: 'get',
    pattern: '/api/v1/live-sessions/:sessionId/calendar.ics',
    name: 'live_session_calendar',
    handler: async (request) => {
      try {
        await takeOrRefuse(limiter, `api:ip:${request.remoteAddress}`, limits.perIp);
        const user = await authenticate(request, verifier);
        await takeOrRefuse(limiter, `api:user:${user.id}`, limits.perUser);
        const sessionId = request.params['sessionId'] ?? '';
        const session = await viewableSession(ctx, user, sessionId);
        const body = toIcs({
          uid: `${sessionId}@hubbub`,
          title: session.title,
          description: session.description,
          startsAt: session.startsAt,
          durationMin: session.durationMin,
          url: `${publicUrl}/live/${sessionId}`,
          cancelled: session.status === 'cancelled',
          updatedAt: (session as { updatedAt?: Date }).updatedAt ?? session.startsAt,
          organizer: session.hostIds[0] ?? 'Hubbub',
        });
        return {
          status: 200,
          headers: {
            'content-type': 'text/calendar; charset=utf-8',
            'content-disposition': `attachment; filename="live-session-${sessionId}.ics"`,
          },
          body,
        };
      } catch (err) {
        if (err instanceof HttpError) return replyFor(err, request.requestId);
        throw err;
      }
    },
  };
}
