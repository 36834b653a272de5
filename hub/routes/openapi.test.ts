// docs/openapi.json is what the route schemas generate (never stale), and documents every
// route a hub node mounts, operational ones included.
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { hubOpenApi } from '../openapi.js';
import { Readiness } from '../readiness.js';
import { healthRoutes } from './health.js';
import { metricsRoute } from './metrics.js';

const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
};

describe('docs/openapi.json', () => {
  const generated = hubOpenApi();

  it('is OpenAPI 3.1 and exactly what the route schemas generate (run `npm run docs:openapi`)', () => {
    expect(committed.openapi).toBe('3.1.0');
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it.each(
    [...healthRoutes(new Readiness([], { timeoutMs: 1 }), 'n'), metricsRoute(new Registry())].map(
      (r) => [r.method, r.pattern] as const,
    ),
  )('documents the operational route %s %s', (method, pattern) => {
    expect(committed.paths[pattern]?.[method]).toBeDefined();
  });

  it('documents the error body with every error code', () => {
    const schemas = (generated as unknown as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    expect(JSON.stringify(schemas['Error'])).toContain('validation_failed');
  });
});
