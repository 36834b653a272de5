// Zod schemas as JSON Schemas inside one OpenAPI document. z.toJSONSchema gives each schema its
// own `$defs` (schemas with `.meta({ id })`, and cycles) and refers to them as `#/$defs/Name`, or
// to itself as `#`; in an OpenAPI document `#` is the document, so those move into
// components.schemas and every reference is pointed there. A name already taken by a different
// schema (the input and output forms of one schema differ by defaults) gets a suffix.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

export type JsonSchema = z.core.JSONSchema.JSONSchema;

const ROOT = '#';
const COMPONENTS = '#/components/schemas/';

export class SchemaComponents {
  private readonly schemas = new Map<string, JsonSchema>();

  constructor(initial: Readonly<Record<string, JsonSchema>> = {}) {
    for (const [name, schema] of Object.entries(initial)) this.schemas.set(name, schema);
  }

  /** `schema` as it reads (`io: 'input'`) or is written (`'output'`); `name` for its root, in case
   * it refers to itself. */
  add(schema: z.ZodType, io: 'input' | 'output', name: string): JsonSchema {
    const { $schema: _dialect, $defs = {}, ...root } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    const defs = new Map<string, JsonSchema>(Object.entries($defs));
    if ([root, ...defs.values()].some(hasRootRef)) defs.set(ROOT, root);

    const base = (def: string) => (def === ROOT ? name : def.startsWith('__') ? `${name}${def}` : def);
    const attempts = new Map<string, number>();
    const nameOf = (def: string) => suffixed(base(def), attempts.get(def) ?? 0, io);
    const rewrite = (value: unknown) => rewriteRefs(value, nameOf) as JsonSchema;
    // Renaming one def changes the bodies that refer to it, so repeat until no def meets a
    // different schema under its name. Names only move forward, so this ends.
    for (let changed = true; changed;) {
      changed = false;
      for (const [def, body] of defs) {
        const candidate = nameOf(def);
        const existing = this.schemas.get(candidate);
        const clash =
          (existing !== undefined && !isDeepStrictEqual(existing, rewrite(body))) ||
          [...defs.keys()].some((other) => other !== def && nameOf(other) === candidate);
        if (clash) {
          attempts.set(def, (attempts.get(def) ?? 0) + 1);
          changed = true;
        }
      }
    }
    for (const [def, body] of defs) this.schemas.set(nameOf(def), rewrite(body));
    return defs.has(ROOT) ? { $ref: `${COMPONENTS}${nameOf(ROOT)}` } : rewrite(root);
  }

  /** `schema` as the component `name` itself (never renamed: it is the document's to give), and
   * the reference to it. */
  addNamed(name: string, schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    this.schemas.set(name, this.add(schema, io, `${name}Root`));
    return { $ref: `${COMPONENTS}${name}` };
  }

  all(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** The name after `attempt` clashes: `Item`, then `ItemInput` for a request's form, then numbers. */
function suffixed(base: string, attempt: number, io: 'input' | 'output'): string {
  if (attempt === 0) return base;
  return attempt === 1 && io === 'input' ? `${base}Input` : `${base}${attempt + 1}`;
}

function defOf(ref: string): string | undefined {
  if (ref === ROOT) return ROOT;
  return ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
}

function hasRootRef(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => (k === '$ref' ? v === ROOT : hasRootRef(v)));
}

/** A deep copy with every local `$ref` pointed at its component. */
function rewriteRefs(value: unknown, nameOf: (def: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, nameOf));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const def = k === '$ref' && typeof v === 'string' ? defOf(v) : undefined;
      return [k, def === undefined ? rewriteRefs(v, nameOf) : `${COMPONENTS}${nameOf(def)}`];
    }),
  );
}
