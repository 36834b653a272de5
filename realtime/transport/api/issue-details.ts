// Zod issues as the `details` of a validation_failed error: one `{ path, message }` per problem,
// with an unknown field named by its own path rather than its parent's.
import type { z } from 'zod';
import type { ErrorDetail } from './api-error.js';

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

export function issueDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );
}
