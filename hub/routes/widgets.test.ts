// The widgets' routes: files of the build, safely; the demo token endpoint only outside production.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { TokenVerifier } from '../../realtime/auth/token-verifier.js';
import type { HttpRequest } from '../../realtime/transport/http.js';
import { demoTokenRoute, widgetFileRoute } from './widgets.js';

const request = (path: string, body = ''): HttpRequest => ({
  method: 'get',
  path,
  query: new URLSearchParams(),
  headers: {},
  params: {},
  body: Buffer.from(body),
  requestId: 'r1',
  remoteAddress: '127.0.0.1',
});

describe('widget files', () => {
  const dist = `${mkdtempSync(join(tmpdir(), 'widgets-'))}/`;
  mkdirSync(join(dist, 'chunks'));
  writeFileSync(join(dist, 'hub-chat.js'), 'export {}');
  writeFileSync(join(dist, 'chunks', 'lit-abc.js'), 'export {}');
  writeFileSync(join(dist, '.build-hash'), 'secret-ish');
  const route = widgetFileRoute(dist);

  it('serves entry modules revalidated and hashed chunks immutable, with CORS for other origins', async () => {
    const entry = await route.handler(request('/widgets/hub-chat.js'));
    expect(entry.status).toBe(200);
    expect(entry.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=0, must-revalidate',
    });
    const chunk = await route.handler(request('/widgets/chunks/lit-abc.js'));
    expect(chunk.headers?.['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves nothing outside the build, nor files of other types', async () => {
    for (const path of [
      '/widgets/../package.json',
      '/widgets/..%2Fpackage.json',
      '/widgets/.build-hash',
      '/widgets/x.js',
    ]) {
      expect((await route.handler(request(path))).status, path).toBe(404);
    }
  });
});

describe('demo token endpoint', () => {
  it('signs a token for a persona that the hub accepts, in demo mode', async () => {
    const config = loadConfig({ env: { HUB_DEMO_ENABLED: 'true' } });
    const reply = await demoTokenRoute(config).handler(request('/demo/token', '{"persona":"moderator"}'));
    expect(reply.status).toBe(200);
    const body = JSON.parse(String(reply.body)) as { token: string; userId: string };
    expect(body.userId).toBe('demo-moderator');
    const user = await new TokenVerifier(config.auth).verify(body.token);
    expect(user).toMatchObject({ id: 'demo-moderator', roles: ['moderator'] });
  });

  it('refuses unknown personas', async () => {
    const reply = await demoTokenRoute(loadConfig({ env: { HUB_DEMO_ENABLED: 'true' } })).handler(
      request('/demo/token', '{"persona":"admin"}'),
    );
    expect(reply.status).toBe(400);
  });

  it('is refused unless demo mode is switched on, naming the setting', async () => {
    const config = loadConfig({
      env: {
        HUB_AUTH_JWT_SECRET: 'a-deployment-secret-of-some-length',
        HUB_LIVEKIT_API_SECRET: 'a-livekit-secret-of-32-characters-or-more',
        HUB_AUDIT_SECRET: 'an-audit-secret-of-32-characters-or-more',
      },
    });
    const reply = await demoTokenRoute(config).handler(request('/demo/token', '{"persona":"moderator"}'));
    expect(reply.status).toBe(403);
    expect(String(reply.body)).toContain('HUB_DEMO_ENABLED');
  });

  it('is refused in production configuration', async () => {
    const config = loadConfig({
      env: {
        HUB_ENV: 'production',
        HUB_AUTH_JWT_SECRET: 'a-production-secret-of-some-length',
        HUB_LIVEKIT_API_SECRET: 'a-livekit-production-secret-of-32-chars-or-more',
        HUB_AUDIT_SECRET: 'an-audit-production-secret-of-32-chars-or-more',
      },
    });
    const reply = await demoTokenRoute(config).handler(request('/demo/token', '{"persona":"member"}'));
    expect(reply.status).toBe(403);
    expect(String(reply.body)).toContain('HUB_DEMO_ENABLED');
  });
});
