// docs/openapi.json is what the route schemas generate (never stale), and documents every
// route a hub node mounts, operational ones included, each with examples its schemas accept.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { hubOpenApi } from '../openapi.js';
import { Readiness } from '../readiness.js';
import { healthRoutes } from './health.js';
import { metricsRoute } from './metrics.js';
import { DEMO_PERSONAS } from './widgets.js';

interface MediaType {
  schema: object;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: object;
};

/** The JSON bodies of the document that need or show examples: request bodies, successes, and any
 * other answer given one; named for a failure message. */
function jsonBodies(): [string, MediaType, boolean][] {
  return Object.values(committed.paths)
    .flatMap((item) =>
      Object.values(item).flatMap((op) => {
        const request = op.requestBody?.content['application/json'];
        const responses = Object.entries(op.responses).flatMap(([status, r]) => {
          const json = r.content?.['application/json'];
          return json
            ? [[`${op.operationId} ${status}`, json, Number(status) < 300] as [string, MediaType, boolean]]
            : [];
        });
        return [
          ...(request ? [[`${op.operationId} body`, request, true] as [string, MediaType, boolean]] : []),
          ...responses,
        ];
      }),
    )
    .filter(([, body, needsExample]) => needsExample || body.examples !== undefined);
}

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

  it.each(jsonBodies())(
    '%s: has an example when a success or a body, and each example fits the schema',
    (_, body, needsExample) => {
      if (needsExample) expect(Object.keys(body.examples ?? {})).not.toEqual([]);
      // `components` beside the schema lets its `#/components/...` references resolve.
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      (addFormatsModule as unknown as (ajv: Ajv2020) => void)(ajv);
      const validate = ajv.compile({ ...body.schema, components: committed.components });
      for (const { value } of Object.values(body.examples ?? {})) {
        validate(value);
        expect(validate.errors ?? []).toEqual([]);
      }
    },
  );

  it('offers the demo token for exactly the personas the demo page switches between', () => {
    const demo = committed.paths['/demo/token']?.['post'];
    const persona = (
      demo?.requestBody?.content['application/json']?.schema as {
        properties: { persona: { enum: string[] } };
      }
    ).properties.persona;
    expect(persona.enum.sort()).toEqual(Object.keys(DEMO_PERSONAS).sort());
  });

  it('documents the error body with every error code', () => {
    const schemas = (generated as unknown as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    expect(JSON.stringify(schemas['Error'])).toContain('validation_failed');
  });
});
