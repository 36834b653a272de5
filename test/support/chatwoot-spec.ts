// Validation of requests against Chatwoot's published OpenAPI (the vendored subset in
// inbox/chatwoot/spec/), for the contract double. Every request must name a documented path and
// method, and its path parameters, query and body (JSON, or multipart/form-data where the
// operation documents it: fields typed as the schema says, files only under `format: binary`
// properties) must conform; otherwise the double answers 4xx and the test that caused it fails,
// so a client that drifts from Chatwoot's contract is caught here rather than in production. The
// double's own webhook payloads are checked against the spec's schemas too (attachments).
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SPEC_PATH = new URL('../../inbox/chatwoot/spec/application_swagger.subset.json', import.meta.url);

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Json;
}

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  regex: RegExp;
  pathNames: string[];
  parameters: Parameter[];
  body?: {
    required: boolean;
    json?: ValidateFunction;
    /** The multipart/form-data body's schema, when the operation takes one. */
    form?: { validate: ValidateFunction; properties: Record<string, Json> };
  };
}

/** A multipart/form-data body as received: its fields in order, and its files. */
export interface FormBody {
  fields: [string, string][];
  files: { field: string; name: string; size: number }[];
}

export interface Violation {
  status: 400 | 404 | 405 | 422;
  message: string;
}

/**
 * Where Chatwoot's controllers accept more than the published spec says, named one by one, so
 * the double accepts what Chatwoot accepts and nothing else:
 * - toggle_status: the spec lists open, resolved and pending; the controller also snoozes, with
 *   `snoozed_until` (Unix seconds).
 * - list-all-messages: the spec lists no query; the controller pages with `before` (a message id:
 *   the 20 messages before it; without it the newest 20), through Chatwoot's MessageFinder.
 */
function overlay(spec: Json): void {
  const paths = spec['paths'] as Json;
  const toggle = paths['/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status'] as Json;
  const schema = (((toggle['post'] as Json)['requestBody'] as Json)['content'] as Json)[
    'application/json'
  ] as Json;
  const props = (schema['schema'] as Json)['properties'] as Json;
  (props['status'] as Json)['enum'] = ['open', 'resolved', 'pending', 'snoozed'];
  props['snoozed_until'] = { type: 'integer' };
  const messages = paths['/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages'] as Json;
  (messages['get'] as Json)['parameters'] = [{ name: 'before', in: 'query', schema: { type: 'integer' } }];
}

export class ChatwootSpec {
  readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly spec: Json;

  constructor() {
    this.spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
    overlay(this.spec);
    // OpenAPI 3.0 schemas: `example` and format `binary` are not JSON Schema (ajv knows `nullable`).
    this.ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });
    (addFormatsModule as unknown as (ajv: Ajv) => void)(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ components: this.spec['components'] }, 'chatwoot');
    for (const [template, item] of Object.entries(this.spec['paths'] as Record<string, Json>)) {
      const shared = (item['parameters'] as Json[] | undefined) ?? [];
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const params = new Map<string, Parameter>();
        for (const p of [...shared, ...((op['parameters'] as Json[] | undefined) ?? [])]) {
          const resolved = this.resolve(p) as unknown as Parameter;
          params.set(`${resolved.in}:${resolved.name}`, resolved);
        }
        const pathNames = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
        const regex = new RegExp(`^${template.replace(/\/$/, '').replace(/\{[^}]+\}/g, '([^/]+)')}/?$`);
        const body = op['requestBody'] as Json | undefined;
        const content = (body?.['content'] ?? {}) as Json;
        const jsonSchema = (content['application/json'] as Json | undefined)?.['schema'] as Json | undefined;
        const formSchema = (content['multipart/form-data'] as Json | undefined)?.['schema'] as
          Json | undefined;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          operationId: String(op['operationId']),
          regex,
          pathNames,
          parameters: [...params.values()],
          ...(body
            ? {
                body: {
                  required: body['required'] === true,
                  ...(jsonSchema && { json: this.compile(jsonSchema) }),
                  ...(formSchema && {
                    form: {
                      validate: this.compile(formSchema),
                      properties: (formSchema['properties'] ?? {}) as Record<string, Json>,
                    },
                  }),
                },
              }
            : {}),
        });
      }
    }
  }

  /** The operation a request calls, with its path parameters, or why it conforms to none. */
  check(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    form?: FormBody,
  ): { operation: Operation; params: Record<string, string>; body?: Json } | Violation {
    const onPath = this.operations.filter((o) => o.regex.test(path));
    // A literal segment wins over a parameter (contacts/search over contacts/{id}).
    onPath.sort((a, b) => a.pathNames.length - b.pathNames.length);
    if (onPath.length === 0) return { status: 404, message: `no documented path ${path}` };
    const operation = onPath.find((o) => o.method === method);
    if (!operation) return { status: 405, message: `${method} is not documented for ${path}` };
    const match = operation.regex.exec(path) as RegExpExecArray;
    const params: Record<string, string> = {};
    operation.pathNames.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] as string)));

    const errors: string[] = [];
    for (const p of operation.parameters) {
      if (p.in === 'path') {
        const v = params[p.name];
        if (v === undefined || !this.scalarOk(p.schema, v))
          errors.push(`path ${p.name}=${v} is not ${String(p.schema['type'])}`);
      } else if (p.in === 'query') {
        const values = [...query.getAll(p.name), ...query.getAll(`${p.name}[]`)];
        if (values.length === 0) {
          if (p.required) errors.push(`query ${p.name} is required`);
          continue;
        }
        const schema = p.schema['type'] === 'array' ? (p.schema['items'] as Json) : p.schema;
        if (p.schema['type'] !== 'array' && values.length > 1) errors.push(`query ${p.name} is not an array`);
        for (const v of values)
          if (!this.scalarOk(schema, v)) errors.push(`query ${p.name}=${v} does not conform`);
      }
    }
    const documented = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const key of new Set(query.keys())) {
      if (!documented.has(key.replace(/\[\]$/, ''))) errors.push(`query ${key} is not documented`);
    }
    let formBody: Json | undefined;
    if (form) {
      const documented = operation.body?.form;
      if (!documented) errors.push('this operation takes no multipart/form-data body');
      else {
        formBody = this.formBody(documented.properties, form, errors);
        if (!documented.validate(formBody))
          errors.push(
            ...(documented.validate.errors ?? []).map((e) => `form${e.instancePath} ${e.message ?? ''}`),
          );
      }
    } else if (operation.body) {
      if (body === undefined) {
        if (operation.body.required) errors.push('a JSON body is required');
      } else if (!operation.body.json) {
        errors.push('this operation takes no JSON body');
      } else if (!operation.body.json(body)) {
        errors.push(
          ...(operation.body.json.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? ''}`),
        );
      }
    } else if (body !== undefined && method !== 'GET') {
      errors.push('this operation takes no body');
    }
    if (errors.length > 0) return { status: 422, message: `${operation.operationId}: ${errors.join('; ')}` };
    return { operation, params, ...(formBody && { body: formBody }) };
  }

  /** Why a webhook's attachment entry does not conform to the spec's message_attachment (none: []). */
  attachmentErrors(entry: Json): string[] {
    this.attachment ??= this.compile({ $ref: '#/components/schemas/message_attachment' });
    return this.attachment(entry)
      ? []
      : (this.attachment.errors ?? []).map((e) => `attachment${e.instancePath} ${e.message ?? ''}`);
  }

  private attachment: ValidateFunction | undefined;

  /**
   * A form as the JSON its schema describes: each field typed as its property says (a boolean
   * from "true"/"false", a number from digits; repeated fields and `name[]` as arrays), each file
   * a placeholder string under a property of `format: binary` (or an array of them); a file under
   * any other property, or a field that cannot have its property's type, is an error.
   */
  private formBody(properties: Record<string, Json>, form: FormBody, errors: string[]): Json {
    const out: Json = {};
    const put = (name: string, value: unknown) => {
      if (properties[name]?.['type'] === 'array') {
        const list = (out[name] ??= []) as unknown[];
        list.push(value);
      } else if (name in out) errors.push(`form field ${name} is repeated`);
      else out[name] = value;
    };
    for (const [name, raw] of form.fields) {
      const prop = properties[name];
      const type =
        prop?.['type'] === 'array' ? (prop['items'] as Json | undefined)?.['type'] : prop?.['type'];
      if (
        prop &&
        ((prop['items'] as Json | undefined)?.['format'] === 'binary' || prop['format'] === 'binary')
      )
        errors.push(`form field ${name} must be a file`);
      if (type === 'boolean') {
        if (raw !== 'true' && raw !== 'false') errors.push(`form field ${name}=${raw} is not a boolean`);
        put(name, raw === 'true');
      } else if (type === 'integer' || type === 'number') {
        if (!/^-?\d+(\.\d+)?$/.test(raw)) errors.push(`form field ${name}=${raw} is not a number`);
        put(name, Number(raw));
      } else put(name, raw);
    }
    for (const file of form.files) {
      const prop = properties[file.field];
      const binary =
        prop?.['type'] === 'array' ? (prop['items'] as Json | undefined)?.['format'] : prop?.['format'];
      if (binary !== 'binary') errors.push(`form part ${file.field} is not documented as a file`);
      put(file.field, file.name);
    }
    return out;
  }

  private scalarOk(schema: Json, value: string): boolean {
    const type = schema['type'];
    if (
      (type === 'integer' && !/^-?\d+$/.test(value)) ||
      (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value))
    )
      return false;
    const allowed = schema['enum'] as unknown[] | undefined;
    return !allowed || allowed.includes(value);
  }

  private resolve(node: Json): Json {
    const ref = node['$ref'];
    if (typeof ref !== 'string') return node;
    let target: unknown = this.spec;
    for (const key of ref.replace(/^#\//, '').split('/')) target = (target as Json)[key];
    return target as Json;
  }

  private compile(schema: Json): ValidateFunction {
    // Local refs point into the components registered under the id `chatwoot`.
    const rewritten = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"chatwoot#/components/'),
    ) as Json;
    return this.ajv.compile(rewritten);
  }
}
