import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ErrorBody } from '../../../protocol/index.js';
import { ApiError } from './api-error.js';
import { defineCursor, limitQuery, pageSchema, toPage } from './pagination.js';
import {
  memoryContext,
  messageCursor,
  messages,
  sampleRoutes,
  startServer,
  token,
  type Message,
  type TestServer,
} from './test-support.js';

const position = z.strictObject({ sentAt: z.number().int(), id: z.string() });
const cursor = defineCursor(position);

describe('cursors', () => {
  it('round-trip a position through an opaque, URL-safe string', () => {
    const encoded = cursor.encode({ sentAt: 1_700_000_000_000, id: 'm/+?&=42' });
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.decode(encoded)).toEqual({ sentAt: 1_700_000_000_000, id: 'm/+?&=42' });
  });

  const asBase64url = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%/+'],
    ['not JSON', asBase64url('sentAt=1')],
    ['JSON of another shape', asBase64url('{"sentAt":"yesterday","id":"m1"}')],
    ['JSON with an extra field', asBase64url('{"sentAt":1,"id":"m1","admin":true}')],
    ['JSON null', asBase64url('null')],
    ['too long', 'A'.repeat(10_000)],
  ])('refuse a cursor that is %s with validation_failed on `cursor`', (_label, text) => {
    const thrown = (() => {
      try {
        cursor.decode(text);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: 'validation_failed', details: [{ path: 'cursor' }] });
    expect(cursor.query.safeParse(text).success).toBe(false);
  });
});

describe('limitQuery', () => {
  it('defaults to 50 and accepts 1 to 100 from a query string', () => {
    expect(limitQuery.parse(undefined)).toBe(50);
    expect(limitQuery.parse('1')).toBe(1);
    expect(limitQuery.parse('100')).toBe(100);
    for (const bad of ['0', '101', '2.5', 'ten', '-1']) expect(limitQuery.safeParse(bad).success).toBe(false);
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ sentAt: n, id: `r${n}` }));
  const at = (row: { sentAt: number; id: string }) => row;

  it('keeps limit rows and points the next cursor at the last one when there are more', () => {
    const page = toPage(rows, 3, cursor, at);
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(page.nextCursor).not.toBeNull();
    expect(cursor.decode(page.nextCursor ?? '')).toEqual({ sentAt: 3, id: 'r3' });
  });

  it('has no next cursor on the last page, full or not', () => {
    expect(toPage(rows.slice(0, 3), 3, cursor, at)).toEqual({ items: rows.slice(0, 3), nextCursor: null });
    expect(toPage([], 3, cursor, at)).toEqual({ items: [], nextCursor: null });
  });

  it('fits pageSchema', () => {
    const schema = pageSchema(position);
    expect(schema.parse(toPage(rows, 2, cursor, at)).items).toHaveLength(2);
    expect(schema.safeParse({ items: rows }).success).toBe(false);
  });
});

describe('a paginated route', () => {
  let server: TestServer;
  let authorization: string;
  beforeAll(async () => {
    const roomy = { capacity: 1_000, refillPerS: 1_000 };
    server = await startServer(sampleRoutes, memoryContext({ perIp: roomy, perUser: roomy }));
    authorization = `Bearer ${await token('reader')}`;
  });
  afterAll(() => server.close());

  const list = (query: string) =>
    fetch(`${server.url}/api/v1/channels/general/messages${query}`, { headers: { authorization } });

  it('walks three pages in a stable order, each message once', async () => {
    const seen: Message[] = [];
    const cursors: (string | null)[] = [];
    let next: string | null = null;
    do {
      const res: Response = await list(`?limit=3${next ? `&cursor=${next}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Message[]; nextCursor: string | null };
      seen.push(...page.items);
      cursors.push(page.nextCursor);
      next = page.nextCursor;
    } while (next && cursors.length < 10);
    expect(cursors).toHaveLength(3);
    expect(cursors[2]).toBeNull();
    expect(seen.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(seen).toEqual(messages);
  });

  it('uses 50 as the default limit', async () => {
    const page = (await (await list('')).json()) as { items: Message[]; nextCursor: string | null };
    expect(page).toEqual({ items: messages, nextCursor: null });
  });

  it('refuses a tampered cursor with 400 validation_failed on `cursor`', async () => {
    const first = (await (await list('?limit=3')).json()) as { nextCursor: string };
    const decoded = Buffer.from(first.nextCursor, 'base64url').toString();
    const tampered = [
      Buffer.from(decoded.replace(/"id":"m3"/, '"id":{"$gt":""}')).toString('base64url'),
      `${first.nextCursor.slice(0, -2)}!!`,
      first.nextCursor.slice(0, 5),
    ];
    for (const bad of tampered) {
      const res = await list(`?limit=3&cursor=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'cursor', message: 'not a valid cursor' }],
      });
    }
  });

  it('decodes with the same cursor the route encodes with', () => {
    expect(messageCursor.decode(messageCursor.encode({ sentAt: 100, id: 'm3' }))).toEqual({
      sentAt: 100,
      id: 'm3',
    });
  });
});
