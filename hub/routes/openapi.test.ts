// docs/openapi.json documents every API route a hub node mounts, with the method it uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { Readiness } from '../readiness.js';
import { healthRoutes } from './health.js';
import { metricsRoute } from './metrics.js';

const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

describe('docs/openapi.json', () => {
  const routes = [...healthRoutes(new Readiness([], { timeoutMs: 1 }), 'n'), metricsRoute(new Registry())];

  it.each(routes.map((r) => [r.method, r.pattern] as const))('documents %s %s', (method, pattern) => {
    const path = pattern.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    expect(spec.paths[path]?.[method === 'del' ? 'delete' : method]).toBeDefined();
  });
});
