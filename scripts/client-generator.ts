// Generates the typed HTTP API client (realtime/client/api/hub-api.ts) from docs/openapi.json:
// one function per operationId, its path parameters, query, body and response typed from the
// document's JSON Schemas, requests made by call.ts. `npm run docs:client` writes it; a test
// fails when the committed file is not what this generates. Hand-written because the usual
// generator (openapi-typescript) does not install next to TypeScript 6.

export type JsonSchema = boolean | { [keyword: string]: unknown };

interface MediaType {
  schema: JsonSchema;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

export interface OpenApiInput {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const REF = '#/components/schemas/';

/** Component schemas become `Api<Name>` types: `Error` would shadow the global. */
const componentType = (name: string): string => `Api${name}`;
const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);
const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const doc = (text: string | undefined, indent: string): string =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n+/g, ' ')} */\n` : '';

/** The TypeScript type of a JSON Schema (the subset zod and the hand-written paths produce). */
export function tsType(schema: JsonSchema, indent = ''): string {
  if (schema === true) return 'unknown';
  if (schema === false) return 'never';
  const s = schema;
  const ref = s['$ref'];
  if (typeof ref === 'string') {
    if (!ref.startsWith(REF)) throw new Error(`client: unsupported $ref ${ref}`);
    return componentType(ref.slice(REF.length));
  }
  if ('const' in s) return JSON.stringify(s['const']);
  const values = s['enum'];
  if (Array.isArray(values)) return values.map((v) => JSON.stringify(v)).join(' | ');
  for (const union of ['anyOf', 'oneOf'] as const) {
    const members = s[union];
    if (Array.isArray(members)) return unionOf(members.map((m) => tsType(m as JsonSchema, indent)));
  }
  const all = s['allOf'];
  if (Array.isArray(all)) return all.map((m) => wrap(tsType(m as JsonSchema, indent))).join(' & ');
  const type = s['type'];
  if (Array.isArray(type)) {
    return unionOf(type.map((t) => tsType({ ...s, type: t } as JsonSchema, indent)));
  }
  switch (type) {
    case 'string':
      return s['format'] === 'binary' ? 'Blob' : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const tuple = s['prefixItems'];
      if (Array.isArray(tuple)) return `[${tuple.map((m) => tsType(m as JsonSchema, indent)).join(', ')}]`;
      return s['items'] === undefined ? 'unknown[]' : `${wrap(tsType(s['items'] as JsonSchema, indent))}[]`;
    }
    case 'object':
      return objectType(s, indent);
    case undefined:
      return s['properties'] ? objectType(s, indent) : 'unknown';
    default:
      throw new Error(`client: unsupported type ${String(type)}`);
  }
}

function objectType(s: { [keyword: string]: unknown }, indent: string): string {
  const properties = (s['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s['required'] ?? []) as string[]);
  const extra = s['additionalProperties'];
  const rest =
    extra === undefined || extra === false ? undefined : tsType(extra === true ? {} : (extra as JsonSchema));
  const names = Object.keys(properties);
  if (names.length === 0) return rest === undefined ? 'Record<string, never>' : `Record<string, ${rest}>`;
  const inner = `${indent}  `;
  const lines = names.map((name) => {
    const property = properties[name] as JsonSchema;
    const description =
      typeof property === 'object' ? (property['description'] as string | undefined) : undefined;
    const optional = required.has(name) ? '' : '?';
    return `${doc(description, inner)}${inner}${key(name)}${optional}: ${tsType(property, inner)};`;
  });
  // An index signature must admit every property's type: only `unknown` is safe to add inline.
  if (rest === 'unknown') lines.push(`${inner}[key: string]: unknown;`);
  const body = `{\n${lines.join('\n')}\n${indent}}`;
  return rest === undefined || rest === 'unknown' ? body : `${body} & Record<string, ${rest}>`;
}

function unionOf(members: string[]): string {
  return [...new Set(members)].map(wrap).join(' | ');
}

/** Parenthesizes a union or intersection where it is an operand. */
function wrap(type: string): string {
  return /^[\w"'.[\]<>, -]+$/.test(type) && !/ [|&] /.test(type) ? type : `(${type})`;
}

interface Generated {
  types: string[];
  method: string;
}

function operationCode(method: string, path: string, op: Operation): Generated {
  const name = pascal(op.operationId);
  const types: string[] = [];
  const inputFields: string[] = [];
  const parameters = op.parameters ?? [];
  for (const where of ['path', 'query'] as const) {
    const params = parameters.filter((p) => p.in === where);
    if (params.length === 0) continue;
    const typeName = `${name}${where === 'path' ? 'Path' : 'Query'}`;
    const fields = params.map(
      (p) =>
        `${doc(p.description, '  ')}  ${key(p.name)}${p.required ? '' : '?'}: ${
          where === 'path' ? 'string' : tsType(p.schema, '  ')
        };`,
    );
    // A type alias, not an interface: call.ts takes it as a Record, which interfaces never are.
    types.push(`export type ${typeName} = {\n${fields.join('\n')}\n};`);
    inputFields.push(`${where}${params.some((p) => p.required) ? '' : '?'}: ${typeName};`);
  }
  let request: 'none' | 'json' | 'file' = 'none';
  let contentType: string | undefined;
  if (op.requestBody) {
    const [type, media] = Object.entries(op.requestBody.content)[0] ?? [];
    if (!type || !media) throw new Error(`client: ${op.operationId} has an empty request body`);
    request = type === 'application/json' ? 'json' : 'file';
    contentType = type;
    const bodyType =
      request === 'json'
        ? tsType(media.schema)
        : type === 'multipart/form-data'
          ? 'FormData'
          : 'Blob | ArrayBuffer | Uint8Array';
    types.push(`export type ${name}Body = ${bodyType};`);
    inputFields.push(`body${op.requestBody.required ? '' : '?'}: ${name}Body;`);
  }
  const success = Object.entries(op.responses).find(([status]) => Number(status) < 300);
  if (!success) throw new Error(`client: ${op.operationId} has no success response`);
  const [successType, successMedia] = Object.entries(success[1].content ?? {})[0] ?? [];
  const response = !successType ? 'none' : successType === 'application/json' ? 'json' : 'raw';
  const responseType =
    response === 'json' && successMedia
      ? tsType(successMedia.schema)
      : response === 'raw'
        ? 'Response'
        : 'undefined';
  types.push(`export type ${name}Response = ${responseType};`);

  const inputType = inputFields.length > 0 ? `{ ${inputFields.join(' ')} }` : 'Record<string, never>';
  const optionalInput = inputFields.every((f) => /^\w+\?:/.test(f));
  types.push(`export type ${name}Input = ${inputType};`);
  const spec = JSON.stringify({
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    request,
    ...(request === 'file' && contentType ? { contentType } : {}),
    response,
  });
  const summary = `${op.summary} (\`${method.toUpperCase()} ${path}\`)${op.description ? `. ${op.description}` : ''}`;
  return {
    types,
    method:
      `${doc(summary, '    ')}    ${op.operationId}: (input${optionalInput ? '?' : ''}: ${name}Input, init?: CallOptions) =>\n` +
      `      callApi(options, ${spec}, input, init) as Promise<${name}Response>,`,
  };
}

/** The whole hub-api.ts, before formatting. */
export function generateClient(openapi: OpenApiInput): string {
  const components = Object.entries(openapi.components.schemas).map(
    ([name, schema]) => `export type ${componentType(name)} = ${tsType(schema)};`,
  );
  const generated: Generated[] = [];
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) generated.push(operationCode(method, path, op));
    }
  }
  return [
    '// GENERATED by scripts/write-client.ts from docs/openapi.json (`npm run docs:client`): do not edit.',
    '// One function per operation of the hub’s HTTP API, typed from its schemas; requests and the',
    '// HubApiError they throw are in call.ts. docs/integration.md shows how to use it.',
    "import { callApi, type CallOptions, type HubApiOptions } from './call.js';",
    '',
    ...components,
    '',
    ...generated.flatMap((g) => g.types),
    '',
    '/** The hub’s HTTP API: `createHubApi({ baseUrl, token })`, then one call per operationId. */',
    'export function createHubApi(options: HubApiOptions) {',
    '  return {',
    ...generated.map((g) => g.method),
    '  };',
    '}',
    '',
    'export type HubApi = ReturnType<typeof createHubApi>;',
    '',
  ].join('\n');
}
