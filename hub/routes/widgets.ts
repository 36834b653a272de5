// The widgets' HTTP side: their built ES modules under /widgets/ (web-components/dist, built by
// `npm run build:widgets`, which `npm start` and `npm test` run), and the demo page's token
// endpoint, which signs a token for a demo persona. That endpoint exists for development only:
// in production configuration it refuses every request, whatever the secret.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Config } from '../../config/index.js';
import { errorReply, json, type HttpRoute } from '../../realtime/transport/http.js';
import { DEMO_USERS } from '../../storage/seed.js';

export const WIDGETS_DIST = fileURLToPath(new URL('../../web-components/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The personas of the demo page's switcher, by the name it sends. */
export const DEMO_PERSONAS = {
  member: 'demo-member',
  'second-member': 'demo-member-2',
  moderator: 'demo-moderator',
  /** Hosts the demo's live sessions (media/sessions/seed.ts). */
  host: 'demo-host',
  /** Chatwoot agent 1 of the development double (HUB_INBOX_AGENT_USERS=1=demo-agent). */
  agent: 'demo-agent',
} as const satisfies Record<string, (typeof DEMO_USERS)[number]['userId']>;

const DEMO_TOKEN_TTL_S = 3_600;

const tokenRequest = z.strictObject({
  persona: z.enum(Object.keys(DEMO_PERSONAS) as [keyof typeof DEMO_PERSONAS]),
});

/** Serves a file of the widgets' build; hashed chunks are immutable, entry modules revalidate. */
export function widgetFileRoute(dist = WIDGETS_DIST): HttpRoute {
  return {
    method: 'get',
    pattern: '/widgets/*',
    name: 'widgets',
    quiet: true,
    handler: async (request) => {
      const relative = normalize(request.path.slice('/widgets/'.length));
      const type = TYPES[extname(relative)];
      const file = join(dist, relative);
      if (!type || relative.startsWith('..') || !file.startsWith(dist.endsWith(sep) ? dist : dist + sep)) {
        return errorReply('not_found', request.requestId);
      }
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return errorReply(
          'not_found',
          request.requestId,
          relative === 'hub-chat.js' ? 'The widgets are not built: run `npm run build:widgets`.' : undefined,
        );
      }
      return {
        status: 200,
        headers: {
          'content-type': type,
          // Module scripts loaded from a marketplace's own origin need CORS.
          'access-control-allow-origin': '*',
          'cache-control': relative.startsWith(`chunks${sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=0, must-revalidate',
          'x-content-type-options': 'nosniff',
        },
        body,
      };
    },
  };
}

/**
 * POST /demo/token {persona}: a short-lived token for a demo persona, signed like the
 * marketplace core signs them. Refused (403) unless demo mode is on (`demo.enabled`, never in
 * production), and where the hub verifies tokens through a JWKS (it holds no signing key then).
 */
export function demoTokenRoute(config: Config): HttpRoute {
  return {
    method: 'post',
    pattern: '/demo/token',
    name: 'demo_token',
    handler: async (request) => {
      if (!config.demo.enabled || config.env === 'production' || config.auth.jwksUrl) {
        return errorReply(
          'forbidden',
          request.requestId,
          'The demo token endpoint is off: it needs demo mode (demo.enabled, HUB_DEMO_ENABLED=true), outside production and without a JWKS.',
        );
      }
      let input: unknown;
      try {
        input = JSON.parse(request.body.toString('utf8') || '{}');
      } catch {
        return errorReply('bad_request', request.requestId, 'The body must be JSON.');
      }
      const parsed = tokenRequest.safeParse(input);
      if (!parsed.success) {
        return errorReply(
          'validation_failed',
          request.requestId,
          `persona: one of ${Object.keys(DEMO_PERSONAS).join(', ')}`,
        );
      }
      const userId = DEMO_PERSONAS[parsed.data.persona];
      const user = DEMO_USERS.find((u) => u.userId === userId);
      const expiresAt = Math.floor(Date.now() / 1000) + DEMO_TOKEN_TTL_S;
      const token = await new SignJWT({ name: user?.name ?? userId, roles: [user?.role ?? 'member'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(config.auth.issuer)
        .setAudience(config.auth.audience)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(config.auth.jwtSecret));
      return json(
        200,
        { token, userId, name: user?.name ?? userId, expiresAt: expiresAt * 1000 },
        { 'cache-control': 'no-store' },
      );
    },
  };
}

/** The widgets' routes a hub node mounts. */
export function widgetRoutes(config: Config): HttpRoute[] {
  return [widgetFileRoute(), demoTokenRoute(config)];
}
