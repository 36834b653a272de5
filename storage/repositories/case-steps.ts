// What every change of a moderation case shares (cases.ts, case-appeals.ts): a read, a check of
// the rules against what was read, then a compare-and-set update whose filter restates what the
// check relied on, again on a fresh read when it lost a race, all under the case's document lock
// (FerretDB 1.24's updates are not atomic; a no-op on MongoDB); and the checks of their input.
import type { Connection, Types } from 'mongoose';
import { MAX_REASON, moderationCaseModel } from '../models/moderation-case.model.js';
import { notFound, oid, RepositoryError, text, type Id } from './errors.js';
import { withDocumentLock } from './document-lock.js';
import type { ModerationCaseDoc } from './types.js';

export const ATTEMPTS = 20;

/** The document-lock key of a case: its message (case-erasure.ts uses it too). */
export const caseLockKey = (messageId: Types.ObjectId) => `moderation_cases:${messageId.toHexString()}`;

export function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined)
    throw new RepositoryError('validation_failed', `${what} must be one of ${values.join(', ')}`);
  return found;
}

export function reasonOf(value: string, what = 'reason', min = 1): string {
  const reason = text(value, what).trim();
  if (reason.length < min || reason.length > MAX_REASON) {
    throw new RepositoryError('validation_failed', `${what} must be ${min} to ${MAX_REASON} characters`);
  }
  return reason;
}

export function conflict(message: string): RepositoryError {
  return new RepositoryError('conflict', message);
}

/**
 * Runs `step` on the current case under the case's document lock, again on a fresh
 * read whenever it returns undefined (its compare-and-set lost a race).
 */
export async function onCase<T>(
  connection: Connection,
  caseId: Id,
  step: (current: ModerationCaseDoc) => Promise<T | undefined>,
): Promise<T> {
  const Case = moderationCaseModel(connection);
  const id = oid(caseId, 'caseId');
  const head = await Case.findById(id, { messageId: 1 }).lean<Pick<ModerationCaseDoc, 'messageId'>>();
  if (!head) throw notFound('case');
  return withDocumentLock(connection, caseLockKey(head.messageId), async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await Case.findById(id).lean<ModerationCaseDoc>();
      if (!current) throw notFound('case');
      const result = await step(current);
      if (result !== undefined) return result;
    }
    throw conflict('the case kept changing; try again');
  });
}

export interface CaseChange {
  case: ModerationCaseDoc;
  /** False when the case already was as asked (claiming one's own claim again...). */
  changed: boolean;
}

export const after = { returnDocument: 'after', runValidators: true } as const;
