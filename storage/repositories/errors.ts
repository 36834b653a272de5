// The errors repositories throw for outcomes callers branch on, with the API's error codes;
// anything else (a lost connection, a bug) propagates as it is.
import mongoose, { Types } from 'mongoose';
import { HubError, type ErrorCode } from '../../protocol/index.js';
import { USER_ID } from '../models/fields.js';

/** The hub's domain error as repositories raise it: a refusal about the data itself. */
export class RepositoryError extends HubError {
  constructor(
    override readonly code: Extract<ErrorCode, 'not_found' | 'validation_failed' | 'conflict' | 'forbidden'>,
    message: string,
  ) {
    super(code, message);
    this.name = 'RepositoryError';
  }
}

export const DUPLICATE_KEY = 11_000;

export function isDuplicateKey(err: unknown): boolean {
  return err instanceof mongoose.mongo.MongoServerError && err.code === DUPLICATE_KEY;
}

/** An id as callers hold it: an ObjectId, or its hex form from a URL or a frame. */
export type Id = Types.ObjectId | string;

/**
 * Parses an id at the boundary. Every filter is built from parsed values only, so a caller's
 * object (`{ $ne: null }` from a JSON body) never reaches a query as an operator.
 */
export function oid(id: Id, what = 'id'): Types.ObjectId {
  if (id instanceof Types.ObjectId) return id;
  if (typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id)) return new Types.ObjectId(id);
  throw new RepositoryError('validation_failed', `${what} is not a valid id`);
}

export function userId(value: string, what = 'userId'): string {
  if (typeof value !== 'string' || !USER_ID.test(value)) {
    throw new RepositoryError('validation_failed', `${what} must be 1-64 characters of A-Za-z0-9_-`);
  }
  return value;
}

export function offsetOf(value: number, what = 'offset'): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RepositoryError('validation_failed', `${what} must be a non-negative integer`);
  }
  return value;
}

export function text(value: string, what: string): string {
  if (typeof value !== 'string') throw new RepositoryError('validation_failed', `${what} must be text`);
  return value;
}

export function notFound(what: string): RepositoryError {
  return new RepositoryError('not_found', `${what} not found`);
}

/** Runs a write, turning mongoose's schema errors into `validation_failed`. */
export async function validated<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (
      err instanceof mongoose.Error.ValidationError ||
      err instanceof mongoose.Error.CastError ||
      err instanceof mongoose.Error.StrictModeError
    ) {
      throw new RepositoryError('validation_failed', err.message);
    }
    throw err;
  }
}
