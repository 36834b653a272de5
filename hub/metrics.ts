// Prometheus metrics of one hub node: process metrics from prom-client, plus Hubbub's own.
// One Registry per node (not prom-client's global one), so two nodes can share a test process.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HUBBUB_VERSION } from './version.js';

export interface HubMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route' | 'method'>;
  wsConnections: Gauge;
  dependencyUp: Gauge<'dependency'>;
  dependencyLatency: Gauge<'dependency'>;
  /** Group commit: bulk inserts of publications written, and the rows they held. */
  messageWrites: Counter;
  messageRowsWritten: Counter;
}

export function createHubMetrics(): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hubbub_' });
  new Gauge({
    name: 'hubbub_build_info',
    help: 'Hubbub build information; always 1.',
    labelNames: ['version', 'node_version'],
    registers: [registry],
  }).set({ version: HUBBUB_VERSION, node_version: process.version }, 1);
  return {
    registry,
    httpRequests: new Counter({
      name: 'hubbub_http_requests_total',
      help: 'HTTP requests answered, by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'hubbub_http_request_duration_seconds',
      help: 'Time to answer an HTTP request.',
      labelNames: ['route', 'method'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'hubbub_ws_connections',
      help: 'Open WebSocket connections on this node.',
      registers: [registry],
    }),
    dependencyUp: new Gauge({
      name: 'hubbub_dependency_up',
      help: 'Whether the last readiness check of a dependency succeeded (1) or not (0).',
      labelNames: ['dependency'],
      registers: [registry],
    }),
    dependencyLatency: new Gauge({
      name: 'hubbub_dependency_latency_seconds',
      help: 'Round-trip time of the last readiness check of a dependency.',
      labelNames: ['dependency'],
      registers: [registry],
    }),
    messageWrites: new Counter({
      name: 'hubbub_message_writes_total',
      help: 'Batches of publications the message store took (group commit), retried ones included.',
      registers: [registry],
    }),
    messageRowsWritten: new Counter({
      name: 'hubbub_message_rows_written_total',
      help: 'Publications written by those inserts.',
      registers: [registry],
    }),
  };
}
