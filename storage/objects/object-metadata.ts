// What every ObjectStore accepts as an object's metadata, checked once for all of them: keys a
// document field and an HTTP header can both carry unchanged, and a total small enough for S3's
// 2 KB of user metadata once encoded (`encodeMetadata`: one base64url JSON value, which keeps the
// keys' case and any Unicode in the values, where S3 itself lowercases keys and HTTP headers
// take ASCII only).
import { HubError } from '../../protocol/hub-error.js';

/** Letters, digits, `_` and `-`, starting with a letter: never a `$` operator or a `.` path. */
const METADATA_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The largest metadata accepted, as UTF-8 JSON (1,368 bytes once base64url-encoded for S3). */
export const MAX_METADATA_BYTES = 1024;

/** Throws `validation_failed` for metadata no store could keep as given. */
export function checkMetadata(metadata: Record<string, string>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key)) {
      throw new HubError(
        'validation_failed',
        `object metadata: key ${JSON.stringify(key)} must match ${METADATA_KEY}`,
      );
    }
    if (typeof value !== 'string') {
      throw new HubError('validation_failed', `object metadata: the value of ${key} must be a string`);
    }
  }
  if (Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    throw new HubError('validation_failed', `object metadata: more than ${MAX_METADATA_BYTES} bytes as JSON`);
  }
}

/** Metadata as one ASCII header value. */
export function encodeMetadata(metadata: Record<string, string>): string {
  return Buffer.from(JSON.stringify(metadata)).toString('base64url');
}

/** The metadata `encodeMetadata` wrote; an object written by something else has none. */
export function decodeMetadata(encoded: string | undefined): Record<string, string> {
  if (!encoded) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}
