// Liveness and readiness probes.
//   GET /healthz  200 while the process runs its event loop (restart me if this fails)
//   GET /readyz   200 when every required dependency answers, 503 otherwise or while draining
import type { HttpRoute } from '../../realtime/transport/http.js';
import { json } from '../../realtime/transport/http.js';
import type { Readiness } from '../readiness.js';
import { HUBBUB_VERSION } from '../version.js';

export function healthRoutes(readiness: Readiness, nodeId: string): HttpRoute[] {
  const noStore = { 'cache-control': 'no-store' };
  return [
    {
      method: 'get',
      pattern: '/healthz',
      quiet: true,
      handler: () => json(200, { status: 'alive', node: nodeId, version: HUBBUB_VERSION }, noStore),
    },
    {
      method: 'get',
      pattern: '/readyz',
      quiet: true,
      handler: async () => {
        const report = await readiness.report();
        return json(report.status === 'ready' ? 200 : 503, { ...report, node: nodeId }, noStore);
      },
    },
  ];
}
