// The committed client is what docs/openapi.json generates (run `npm run docs:client`), and the
// JSON Schema constructs the document uses become the TypeScript types a caller expects.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { generateClient, tsType, type OpenApiInput } from './client-generator.js';

const CLIENT = new URL('../realtime/client/api/hub-api.ts', import.meta.url);
const openapi = JSON.parse(
  readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8'),
) as OpenApiInput;

describe('the generated HTTP API client', () => {
  it('is exactly what docs/openapi.json generates (run `npm run docs:client`)', async () => {
    const path = fileURLToPath(CLIENT);
    const formatted = await format(generateClient(openapi), {
      ...(await resolveConfig(path)),
      filepath: path,
    });
    expect(readFileSync(CLIENT, 'utf8')).toBe(formatted);
  });

  it('has one function per operationId of the document', () => {
    const ids = Object.values(openapi.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    const generated = generateClient(openapi);
    for (const id of ids) expect(generated).toContain(`    ${id}: (input`);
    expect(ids.length).toBeGreaterThan(100);
  });
});

describe('tsType', () => {
  it.each([
    [{ type: 'string' }, 'string'],
    [{ type: 'integer', minimum: 1 }, 'number'],
    [{ type: ['string', 'null'] }, 'string | null'],
    [{ enum: ['open', 'closed'] }, '"open" | "closed"'],
    [{ const: true }, 'true'],
    [{ type: 'array', items: { enum: ['a', 'b'] } }, '("a" | "b")[]'],
    [{ type: 'array', items: { type: 'string' } }, 'string[]'],
    [{ anyOf: [{ type: 'string' }, { type: 'number' }] }, 'string | number'],
    [
      { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'number' } },
      'Record<string, number>',
    ],
    [{ $ref: '#/components/schemas/Error' }, 'ApiError'],
    [{}, 'unknown'],
    [{ type: 'string', format: 'binary' }, 'Blob'],
  ])('%j is %s', (schema, expected) => {
    expect(tsType(schema)).toBe(expected);
  });

  it('makes an object of required and optional properties, with their descriptions', () => {
    const type = tsType({
      type: 'object',
      properties: { id: { type: 'string' }, note: { type: 'string', description: 'Free text.' } },
      required: ['id'],
      additionalProperties: false,
    });
    expect(type).toBe('{\n  id: string;\n  /** Free text. */\n  note?: string;\n}');
  });

  it('keeps the fields a loose object adds beside its own', () => {
    const type = tsType({
      type: 'object',
      properties: { userId: { type: 'string' } },
      required: ['userId'],
      additionalProperties: {},
    });
    expect(type).toBe('{\n  userId: string;\n  [key: string]: unknown;\n}');
  });

  it('refuses what it cannot type rather than guessing', () => {
    expect(() => tsType({ $ref: 'https://example.com/schema.json' })).toThrow(/unsupported \$ref/);
    expect(() => tsType({ type: 'date' })).toThrow(/unsupported type date/);
  });
});
