// The frame parser's hand check of publish frames must agree with the publish schema: it
// accepts exactly what the schema accepts, yields the same command, and leaves every refusal
// (and its message) to the schema.
import { describe, expect, it } from 'vitest';
import { commandSchemas, parseCommand, publishShape } from './commands.schema.js';

const valid = { type: 'publish', id: 7, channel: 'chan:abc:def', data: { body: 'hi' }, nonce: 'nonce-0001' };

/** Valid frames and one-field departures from them, each as the client's JSON text would parse. */
const variants: Record<string, unknown>[] = [
  valid,
  { ...valid, data: {} },
  { ...valid, data: { body: 'x', nested: { a: [1, 2, { b: null }] } } },
  { ...valid, id: 1 },
  { ...valid, id: Number.MAX_SAFE_INTEGER },
  { ...valid, channel: 'c'.repeat(200) },
  { ...valid, nonce: 'A'.repeat(64) },
  { ...valid, nonce: 'a_b-C_d-' },
  // departures
  { ...valid, id: 0 },
  { ...valid, id: -3 },
  { ...valid, id: 1.5 },
  { ...valid, id: Number.MAX_SAFE_INTEGER + 2 },
  { ...valid, id: '7' },
  { ...valid, channel: '' },
  { ...valid, channel: 'c'.repeat(201) },
  { ...valid, channel: 5 },
  { ...valid, data: [] },
  { ...valid, data: null },
  { ...valid, data: 'text' },
  { ...valid, nonce: 'short' },
  { ...valid, nonce: 'A'.repeat(65) },
  { ...valid, nonce: 'has space!' },
  { ...valid, nonce: 12345678 },
  { ...valid, extra: true },
  (({ nonce: _, ...rest }) => rest)(valid),
  (({ data: _, ...rest }) => rest)(valid),
  (({ id: _, ...rest }) => rest)(valid),
  (({ channel: _, ...rest }) => rest)(valid),
];

describe('publish frames checked by hand', () => {
  it.each(variants.map((v) => [JSON.stringify(v), v] as const))(
    'agrees with the schema on %s',
    (_text, frame) => {
      const schema = commandSchemas.publish.safeParse(frame);
      const byHand = publishShape(frame);
      if (byHand) {
        expect(schema.success).toBe(true);
        expect(byHand).toEqual(schema.data);
      } else {
        expect(schema.success).toBe(false);
      }
    },
  );

  it('accepts a well-formed publish without copying its data', () => {
    const parsed = parseCommand(JSON.stringify(valid));
    expect(parsed).toEqual({ ok: true, command: valid });
  });

  it('leaves refusals to the schema: its message names the field', () => {
    expect(parseCommand(JSON.stringify({ ...valid, nonce: 'short' }))).toEqual({
      ok: false,
      id: 7,
      code: 'validation_failed',
      message: 'nonce: nonce must be 8-64 characters of A-Z, a-z, 0-9, _ and -',
    });
    expect(parseCommand(JSON.stringify({ ...valid, extra: 1 }))).toMatchObject({
      ok: false,
      id: 7,
      code: 'validation_failed',
      message: 'unknown field extra',
    });
    expect(parseCommand(JSON.stringify({ ...valid, data: [] }))).toMatchObject({
      ok: false,
      code: 'validation_failed',
      message: expect.stringMatching(/^data: /) as unknown,
    });
  });

  it('still refuses prototype and operator keys inside data before any check', () => {
    const text = `{"type":"publish","id":3,"channel":"c","nonce":"nonce-0001","data":{"a":{"__proto__":{"x":1}}}}`;
    expect(parseCommand(text)).toMatchObject({ ok: false, id: 3, code: 'validation_failed' });
    expect(parseCommand(JSON.stringify({ ...valid, data: { $gt: 1 } }))).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
  });
});
