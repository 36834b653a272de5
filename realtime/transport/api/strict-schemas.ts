// Request schemas must refuse unknown fields: a plain z.object strips them silently, so a client's
// misspelt field would be dropped without a word. Checked once, when a route is defined, on the
// input JSON Schema, where a stripping object is the one without `additionalProperties`
// (z.strictObject has `false`; z.looseObject and z.record accept extra keys on purpose).
import { z } from 'zod';

export function assertRefusesUnknownFields(schema: z.ZodType, where: string): void {
  const lax = strippingObjects(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  if (lax.length > 0) {
    throw new Error(
      `${where}: the object at ${lax.join(', ')} drops unknown fields; use z.strictObject ` +
        `(or z.looseObject to accept extra fields on purpose)`,
    );
  }
}

/** JSON-pointer-like locations, inside the JSON Schema, of objects that strip unknown keys. */
function strippingObjects(root: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[root, '#']];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, at] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node) && isStrippingObject(node)) found.push(at);
    for (const [key, child] of Object.entries(node)) stack.push([child, `${at}/${key}`]);
  }
  return found.sort();
}

function isStrippingObject(node: object): boolean {
  return (
    'type' in node && node.type === 'object' && 'properties' in node && !('additionalProperties' in node)
  );
}
