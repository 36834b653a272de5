// Reading an upload's body under its size bound, for every ObjectStore: the chunks as Buffers,
// counted as they arrive, and `payload_too_large` as soon as one goes past the bound, before
// the store writes it. A store consumes these one at a time and awaits each write, so nothing
// of a refused body is in flight when it cleans up.
import type { Readable } from 'node:stream';
import { HubError } from '../../protocol/hub-error.js';

export const tooLarge = (maxBytes: number): HubError =>
  new HubError('payload_too_large', `The file is larger than ${maxBytes} bytes.`);

/** The body's chunks; throws `payload_too_large` on the chunk that passes `maxBytes`. */
export async function* chunksWithin(body: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of body as AsyncIterable<unknown>) {
    const bytes = asBuffer(chunk);
    seen += bytes.length;
    if (seen > maxBytes) throw tooLarge(maxBytes);
    yield bytes;
  }
}

/** A view of the chunk's bytes, without copying them. */
function asBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('object store: a body must yield bytes or strings');
}
