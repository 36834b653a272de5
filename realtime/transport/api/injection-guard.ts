// Keeps MongoDB operators (`$gt`, `$where`) and dotted paths (`a.b`) out of anything a handler may
// hand to a query, even where a schema is permissive (z.record, z.looseObject, z.unknown): such
// keys are refused wherever they sit, before any schema sees the input.
import { isOperatorLike, refusedKeyPaths } from '../json-guard.js';
import { ApiError, type ErrorDetail } from './api-error.js';

export { isOperatorLike } from '../json-guard.js';

export const OPERATOR_LIKE_MESSAGE = 'operator-like keys are not allowed';

/** Dotted paths of the operator-like keys in a parsed JSON value, outermost first. */
export function operatorLikePaths(value: unknown): string[] {
  return refusedKeyPaths(value, isOperatorLike);
}

/** Throws validation_failed naming every operator-like key in the query's names and the body. */
export function refuseOperatorLikeKeys(query: Readonly<Record<string, unknown>>, body: unknown): void {
  const paths = [...Object.keys(query).filter(isOperatorLike), ...operatorLikePaths(body)];
  if (paths.length === 0) return;
  const details: ErrorDetail[] = paths.map((path) => ({ path, message: OPERATOR_LIKE_MESSAGE }));
  throw new ApiError('validation_failed', { details });
}
