// Support metrics, computed from the hub's records so every process agrees: average first
// response time and resolution time, and the breach rate (conversations with any SLA breach),
// over a window. Served by GET /api/v1/support/metrics and, as gauges computed at scrape time,
// on /metrics.
import type { Connection } from 'mongoose';
import { Gauge, type Registry } from 'prom-client';
import { supportConversations } from './store/models.js';

export interface SupportMetrics {
  windowS: number;
  conversations: number;
  firstResponseAvgS: number | null;
  resolutionAvgS: number | null;
  breachRate: number | null;
  breaches: { first_response: number; next_response: number; resolution: number };
}

export async function computeSupportMetrics(
  connection: Connection,
  windowS = 30 * 86_400,
): Promise<SupportMetrics> {
  const since = new Date(Date.now() - windowS * 1000);
  const rows = await supportConversations(connection)
    .find({ createdAt: { $gte: since } }, { createdAt: 1, firstResponseAt: 1, resolvedAt: 1, breaches: 1 })
    .limit(50_000)
    .lean();
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const since0 = (r: { createdAt: Date }, at: Date | null | undefined) =>
    at ? [(at.getTime() - r.createdAt.getTime()) / 1000] : [];
  const first = rows.flatMap((r) => since0(r, r.firstResponseAt));
  const resolved = rows.flatMap((r) => since0(r, r.resolvedAt));
  const breaches = { first_response: 0, next_response: 0, resolution: 0 };
  for (const r of rows) for (const b of r.breaches) if (b in breaches) breaches[b as keyof typeof breaches]++;
  return {
    windowS,
    conversations: rows.length,
    firstResponseAvgS: avg(first),
    resolutionAvgS: avg(resolved),
    breachRate: rows.length ? rows.filter((r) => r.breaches.length > 0).length / rows.length : null,
    breaches,
  };
}

/** Gauges on a hub node's registry, computed when /metrics is scraped. */
export function registerInboxMetrics(registry: Registry, connection: Connection): void {
  let pending: Promise<SupportMetrics> | undefined;
  let at = 0;
  // One computation serves the gauges of one scrape (they are collected one after another).
  const current = () => {
    if (!pending || Date.now() - at > 1_000) {
      at = Date.now();
      pending = computeSupportMetrics(connection);
    }
    return pending;
  };
  const gauge = (name: string, help: string, read: (m: SupportMetrics) => number | null) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const value = read(
          (await current().catch(() => null as unknown as SupportMetrics)) ?? ({} as SupportMetrics),
        );
        if (typeof value === 'number') this.set(value);
      },
    });
  gauge(
    'hubbub_support_first_response_seconds_avg',
    'Average first response time of support conversations (30 days).',
    (m) => m.firstResponseAvgS,
  );
  gauge(
    'hubbub_support_resolution_seconds_avg',
    'Average resolution time of support conversations (30 days).',
    (m) => m.resolutionAvgS,
  );
  gauge(
    'hubbub_support_sla_breach_ratio',
    'Share of support conversations with an SLA breach (30 days).',
    (m) => m.breachRate,
  );
  gauge('hubbub_support_conversations', 'Support conversations opened (30 days).', (m) => m.conversations);
}
