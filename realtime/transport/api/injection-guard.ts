// Keeps MongoDB operators (`$gt`, `$where`) and dotted paths (`a.b`) out of anything a handler may
// hand to a query, even where a schema is permissive (z.record, z.looseObject, z.unknown): such
// keys are refused wherever they sit, before any schema sees the input.
import { ApiError, type ErrorDetail } from './api-error.js';

export const OPERATOR_LIKE_MESSAGE = 'operator-like keys are not allowed';

export function isOperatorLike(key: string): boolean {
  return key.startsWith('$') || key.includes('.');
}

/** Dotted paths of the operator-like keys in a parsed JSON value, outermost first. */
export function operatorLikePaths(value: unknown): string[] {
  const found: string[] = [];
  // Breadth-first with a queue rather than recursion: nesting depth is the client's choice.
  const queue: [unknown, string[]][] = [[value, []]];
  for (let i = 0; i < queue.length; i++) {
    const [node, path] = queue[i] as [unknown, string[]];
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, key];
      if (!Array.isArray(node) && isOperatorLike(key)) found.push(at.join('.'));
      queue.push([child, at]);
    }
  }
  return found;
}

/** Throws validation_failed naming every operator-like key in the query's names and the body. */
export function refuseOperatorLikeKeys(query: Readonly<Record<string, unknown>>, body: unknown): void {
  const paths = [...Object.keys(query).filter(isOperatorLike), ...operatorLikePaths(body)];
  if (paths.length === 0) return;
  const details: ErrorDetail[] = paths.map((path) => ({ path, message: OPERATOR_LIKE_MESSAGE }));
  throw new ApiError('validation_failed', { details });
}
