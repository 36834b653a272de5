// GET /metrics in Prometheus text format.
import type { Registry } from 'prom-client';
import type { HttpRoute } from '../../realtime/transport/http.js';

export function metricsRoute(registry: Registry): HttpRoute {
  return {
    method: 'get',
    pattern: '/metrics',
    quiet: true,
    handler: async () => ({
      status: 200,
      headers: { 'content-type': registry.contentType },
      body: await registry.metrics(),
    }),
  };
}
