// Cursor pagination. A cursor is base64url of a small JSON value saying where the next page
// starts (say the last item's sort key and id): opaque to clients, and checked against its schema
// when it comes back, so a tampered or malformed cursor is a 400, never a crash. It is not signed:
// a valid cursor only names a position, and the query behind it must enforce who sees what.
import { z } from 'zod';
import { ApiError } from './api-error.js';

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;
/** Cursors hold a sort key and an id; anything longer is not one of ours. */
export const MAX_CURSOR_CHARS = 512;

/** `?limit=`: 1 to 100, default 50. */
export const limitQuery = z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The response schema of a page of `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Cursor<S extends z.ZodType> {
  /** For the query schema: a cursor string in, the decoded position out, a 400 if invalid. */
  readonly query: z.ZodType<z.output<S>, string>;
  encode(position: z.input<S>): string;
  /** Throws validation_failed (path `cursor`) for anything that is not a cursor of this shape. */
  decode(cursor: string): z.output<S>;
}

const INVALID = 'not a valid cursor';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A cursor whose position has the shape of `position`, a plain JSON schema without transforms
 * such as `z.strictObject({ sentAt: z.number(), id: z.string() })`. */
export function defineCursor<S extends z.ZodType>(position: S): Cursor<S> {
  const read = (cursor: string): { ok: true; value: z.output<S> } | { ok: false } => {
    if (cursor.length > MAX_CURSOR_CHARS || !BASE64URL.test(cursor)) return { ok: false };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return { ok: false };
    }
    const parsed = position.safeParse(decoded);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
  };
  return {
    query: z.string().transform((cursor, ctx) => {
      const result = read(cursor);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: INVALID, input: cursor });
      return z.NEVER;
    }),
    encode: (value) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url'),
    decode: (cursor) => {
      const result = read(cursor);
      if (result.ok) return result.value;
      throw new ApiError('validation_failed', { details: [{ path: 'cursor', message: INVALID }] });
    },
  };
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only tells that a next page exists.
 * The next cursor is the position of the page's last item, as `positionOf` reads it.
 */
export function toPage<Row, S extends z.ZodType>(
  rows: readonly Row[],
  limit: number,
  cursor: Cursor<S>,
  positionOf: (last: Row) => z.input<S>,
): Page<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const hasMore = rows.length > limit && last !== undefined;
  return { items, nextCursor: hasMore ? cursor.encode(positionOf(last)) : null };
}
