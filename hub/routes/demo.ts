// The demo page that `npm start` prints (demo-page.html): the widgets where a marketplace would
// place them, against the seeded demo data, with a persona switcher backed by the
// development-only token endpoint (routes/widgets.ts) and a developer panel (events, the node's
// live readiness, widget sizes).
import { readFileSync } from 'node:fs';
import type { HttpRoute } from '../../realtime/transport/http.js';
import { HUBBUB_VERSION } from '../version.js';

const page = readFileSync(new URL('./demo-page.html', import.meta.url), 'utf8').replace(
  '{{version}}',
  HUBBUB_VERSION,
);

export function demoRoutes(): HttpRoute[] {
  const html = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
  return [
    { method: 'get', pattern: '/', handler: () => ({ status: 302, headers: { location: '/demo/' } }) },
    { method: 'get', pattern: '/demo/', handler: () => html },
    { method: 'get', pattern: '/demo', handler: () => ({ status: 302, headers: { location: '/demo/' } }) },
  ];
}
