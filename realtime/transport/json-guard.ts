// Bounds on client JSON shared by the REST API and the WebSocket gateway: how deep the text nests
// (measured on the raw text, before JSON.parse, so no recursive walk ever sees a deep value), and
// which keys may not appear anywhere (MongoDB operators, dotted paths, prototype names). Both
// walks are iterative and linear in the input.

/** Default deepest nesting of arrays and objects accepted from a client. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth` (the top-level value counts
 * as depth 1). One pass over the characters, skipping string contents; stops at the first
 * bracket past the bound. Text that is not JSON is left to JSON.parse to refuse.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/**
 * The positive integer `id` member of a JSON object's text, found without parsing it (so a frame
 * refused for its nesting can still be answered by id): one pass, keys read only at the top
 * level. Undefined when there is none.
 */
export function topLevelId(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      if (depth !== 1 || text.slice(start, i + 1) !== '"id"') continue;
      const value = /^\s*:\s*(\d{1,15})\s*[,}]/.exec(text.slice(i + 1, i + 40));
      const id = value ? Number(value[1]) : 0;
      if (id > 0) return id;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** MongoDB operators (`$gt`) and dotted paths (`a.b`): never keys a query could be built from. */
export function isOperatorLike(key: string): boolean {
  return key.startsWith('$') || key.includes('.');
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys that reach or shadow an object's prototype when a value is merged or copied. */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/**
 * Dotted paths (array indexes included) of the object keys in a parsed JSON value for which
 * `refused` holds, outermost first. Breadth-first with parent links, so each node costs the same
 * whatever its depth; a path is only spelled out for a key that is found.
 */
export function refusedKeyPaths(value: unknown, refused: (key: string) => boolean): string[] {
  const found: string[] = [];
  const nodes: unknown[] = [value];
  const parents: number[] = [-1];
  const keys: string[] = [''];
  const pathOf = (index: number): string => {
    const parts: string[] = [];
    for (let i = index; i > 0; i = parents[i] as number) parts.push(keys[i] as string);
    return parts.reverse().join('.');
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (typeof node !== 'object' || node === null) continue;
    const isArray = Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      nodes.push(child);
      parents.push(i);
      keys.push(key);
      if (!isArray && refused(key)) found.push(pathOf(nodes.length - 1));
    }
  }
  return found;
}
