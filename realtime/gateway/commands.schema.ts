// Validation of client frames at the edge: each command type has a strict schema, so unknown
// fields, wrong types and oversize values are refused with a coded error before any logic runs.
// A frame's nesting is bounded on its text before it is parsed, and a publish's `data` is
// measured and its keys checked before anything walks it recursively. The publish frame, the
// one clients send most, is checked by hand first (publishShape): it accepts only frames the
// schema accepts, and anything it does not accept goes to the schema, which names the problem,
// so errors are the schema's own.
import { z } from 'zod';
import type { Command } from '../../protocol/index.js';
import {
  DEFAULT_MAX_JSON_DEPTH,
  isOperatorLike,
  isPrototypeKey,
  nestsDeeperThan,
  refusedKeyPaths,
  topLevelId,
} from '../transport/json-guard.js';

const NONCE = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_CHANNEL = 200;
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const channel = z.string().min(1).max(MAX_CHANNEL);
const token = z.string().min(1).max(8_192);

/** Exported for the test that holds the hand check of publish frames to the schema. */
export const commandSchemas = {
  connect: z.object({ type: z.literal('connect'), id, token }).strict(),
  refresh: z.object({ type: z.literal('refresh'), id, token }).strict(),
  subscribe: z
    .object({
      type: z.literal('subscribe'),
      id,
      channel,
      since: z
        .object({ offset: z.number().int().min(0), epoch: z.string().min(1).max(64) })
        .strict()
        .optional(),
    })
    .strict(),
  unsubscribe: z.object({ type: z.literal('unsubscribe'), id, channel }).strict(),
  publish: z
    .object({
      type: z.literal('publish'),
      id,
      channel,
      data: z.record(z.string(), z.unknown()),
      nonce: z.string().regex(NONCE, 'nonce must be 8-64 characters of A-Z, a-z, 0-9, _ and -'),
    })
    .strict(),
  history: z
    .object({
      type: z.literal('history'),
      id,
      channel,
      before: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  presence: z.object({ type: z.literal('presence'), id, channel }).strict(),
  presence_stats: z.object({ type: z.literal('presence_stats'), id, channel }).strict(),
  typing: z.object({ type: z.literal('typing'), id, channel }).strict(),
  set_status: z
    .object({ type: z.literal('set_status'), id, status: z.enum(['online', 'idle', 'dnd']) })
    .strict(),
  ping: z.object({ type: z.literal('ping'), id }).strict(),
} as const;
const schemas = commandSchemas;

export type ParsedFrame =
  | { ok: true; command: Command }
  | {
      ok: false;
      id?: number;
      code: 'bad_request' | 'validation_failed' | 'payload_too_large';
      message: string;
    };

export interface FrameLimits {
  /** Deepest nesting of arrays and objects in a frame (the frame itself is level 1). */
  maxJsonDepth: number;
  /** Largest `data` of a publish, in bytes of its JSON. */
  maxDataBytes: number;
}

const DEFAULT_LIMITS: FrameLimits = { maxJsonDepth: DEFAULT_MAX_JSON_DEPTH, maxDataBytes: 16_384 };

/** Keys refused anywhere inside publish `data`: they could reach a prototype or a query. */
const refusedDataKey = (key: string) => isPrototypeKey(key) || isOperatorLike(key);

export function parseCommand(text: string, limits: FrameLimits = DEFAULT_LIMITS): ParsedFrame {
  if (nestsDeeperThan(text, limits.maxJsonDepth)) {
    const id = topLevelId(text);
    return {
      ok: false,
      ...(id === undefined ? {} : { id }),
      code: 'validation_failed',
      message: `frame nests arrays and objects deeper than ${limits.maxJsonDepth} levels`,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad_request', message: 'frame is not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'bad_request', message: 'frame is not a JSON object' };
  }
  const frame = raw as { type?: unknown; id?: unknown };
  const replyId =
    typeof frame.id === 'number' && Number.isSafeInteger(frame.id) && frame.id > 0 ? frame.id : undefined;
  const schema = typeof frame.type === 'string' ? schemas[frame.type as keyof typeof schemas] : undefined;
  if (!schema || !Object.hasOwn(schemas, frame.type as string)) {
    return {
      ok: false,
      id: replyId,
      code: 'bad_request',
      message: `unknown frame type ${JSON.stringify(frame.type)}`,
    };
  }
  if (frame.type === 'publish') {
    const refused = checkPublishData((raw as { data?: unknown }).data, limits.maxDataBytes);
    if (refused) return { ok: false, id: replyId, ...refused };
    const command = publishShape(raw as Record<string, unknown>);
    if (command) return { ok: true, command };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const what =
      issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue?.message;
    return {
      ok: false,
      id: replyId,
      code: 'validation_failed',
      message: `${where}${what ?? 'invalid frame'}`,
    };
  }
  return { ok: true, command: parsed.data as Command };
}

const PUBLISH_KEYS = new Set(['type', 'id', 'channel', 'data', 'nonce']);

/**
 * A well-formed publish frame, checked without the schema (which costs more than the rest of
 * parsing on the publish path): exactly its five fields, each as the schema wants it. Undefined
 * for anything else, which the schema then refuses with its own message. `data` is passed on as
 * parsed (its keys were checked by checkPublishData), not copied.
 */
export function publishShape(frame: Record<string, unknown>): Command | undefined {
  let fields = 0;
  for (const key of Object.keys(frame)) {
    if (!PUBLISH_KEYS.has(key)) return undefined;
    fields++;
  }
  const { id, channel, data, nonce } = frame;
  if (
    fields !== PUBLISH_KEYS.size ||
    typeof id !== 'number' ||
    !Number.isSafeInteger(id) ||
    id < 1 ||
    typeof channel !== 'string' ||
    channel.length < 1 ||
    channel.length > MAX_CHANNEL ||
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    Object.getPrototypeOf(data) !== Object.prototype ||
    typeof nonce !== 'string' ||
    !NONCE.test(nonce)
  ) {
    return undefined;
  }
  return { type: 'publish', id, channel, data: data as Record<string, unknown>, nonce };
}

/** The JSON text of each publish's `data`, made once to measure it and kept for the publish. */
const dataJson = new WeakMap<object, string>();

/** A publish command's `data` as JSON text: encoded when its frame was parsed, not again. */
export function publishDataJson(data: Record<string, unknown>): string {
  return dataJson.get(data) ?? JSON.stringify(data);
}

/** Size and keys of publish `data`, before the schema (which would drop a `__proto__` key). */
function checkPublishData(
  data: unknown,
  maxDataBytes: number,
): { code: 'validation_failed' | 'payload_too_large'; message: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined; // the schema names the type
  const json = JSON.stringify(data);
  dataJson.set(data, json);
  if (Buffer.byteLength(json) > maxDataBytes) {
    return { code: 'payload_too_large', message: `data is larger than ${maxDataBytes} bytes` };
  }
  const [path] = refusedKeyPaths(data, refusedDataKey);
  if (path === undefined) return undefined;
  return {
    code: 'validation_failed',
    message: `data.${path}: keys starting with $, containing a dot, or named __proto__, constructor or prototype are not allowed`,
  };
}
