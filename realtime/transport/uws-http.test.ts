// Streamed request bodies and backpressure: a handler that reads slowly makes uWS stop reading
// the socket, so what one body holds unread in the node stays under a constant
// (STREAMED_BODY_MAX_BUFFERED), however large the body; and each piece handed on lives in memory
// of its own, at most STREAMED_BODY_PIECE_BYTES, so a reader's view of a few bytes never keeps a
// whole receive alive. Counted in bytes at every chunk uWS hands over, not in time.
import { pipeline, Writable } from 'node:stream';
import { pino } from 'pino';
import uWS from 'uWebSockets.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRoute } from './http.js';
import { mountHttpRoutes, STREAMED_BODY_MAX_BUFFERED, STREAMED_BODY_PIECE_BYTES } from './uws-http.js';

const BODY_BYTES = 24 * 1024 * 1024;
/** The slow reader's pace: this many bytes per turn of the event loop. */
const SLOW_READ_BYTES = 16 * 1024;

interface Seen {
  received: number;
  /** The most bytes the body's stream held unread, after any chunk uWS handed over. */
  maxBuffered: number;
  /** The largest memory behind a piece handed on (a Buffer's whole ArrayBuffer). */
  maxPieceMemory: number;
}

/** A reader far slower than the socket: a few KiB per turn of the event loop. */
function slowReader(onBytes: (n: number) => void): Writable {
  return new Writable({
    highWaterMark: SLOW_READ_BYTES,
    write(chunk: Buffer, _encoding, done) {
      let at = 0;
      const step = () => {
        const n = Math.min(SLOW_READ_BYTES, chunk.length - at);
        at += n;
        onBytes(n);
        if (at < chunk.length) setImmediate(step);
        else setImmediate(done);
      };
      step();
    },
  });
}

const slowRoute: HttpRoute = {
  method: 'post',
  pattern: '/slow',
  streamBody: { maxBytes: BODY_BYTES * 2 },
  handler: async (request) => {
    const body = request.bodyStream;
    if (!body) return { status: 400 };
    const seen: Seen = { received: 0, maxBuffered: 0, maxPieceMemory: 0 };
    // Every chunk uWS hands over goes through push(): measure what is unread right after it.
    const push = body.push.bind(body);
    body.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (Buffer.isBuffer(chunk))
        seen.maxPieceMemory = Math.max(seen.maxPieceMemory, chunk.buffer.byteLength);
      const taken = push(chunk, encoding);
      seen.maxBuffered = Math.max(seen.maxBuffered, body.readableLength);
      return taken;
    };
    await new Promise<void>((resolve, reject) =>
      pipeline(
        body,
        slowReader((n) => (seen.received += n)),
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    return { status: 200, body: JSON.stringify(seen) };
  },
};

describe('streamed request bodies (uWS)', () => {
  let app: uWS.TemplatedApp;
  let socket: uWS.us_listen_socket;
  let url: string;

  beforeAll(async () => {
    app = uWS.App();
    mountHttpRoutes(app, [slowRoute], { log: pino({ level: 'silent' }), maxBodyBytes: 4096 });
    socket = await new Promise<uWS.us_listen_socket>((resolve, reject) =>
      app.listen('127.0.0.1', 0, (s) => (s ? resolve(s) : reject(new Error('cannot listen')))),
    );
    url = `http://127.0.0.1:${uWS.us_socket_local_port(socket)}`;
  });
  afterAll(() => {
    uWS.us_listen_socket_close(socket);
    app.close();
  });

  it('holds a bounded number of unread bytes while a slow handler reads a large body', async () => {
    const res = await fetch(`${url}/slow`, { method: 'POST', body: Buffer.alloc(BODY_BYTES, 7) });
    expect(res.status).toBe(200);
    const seen = (await res.json()) as Seen;
    expect(seen.received).toBe(BODY_BYTES);
    expect(seen.maxBuffered).toBeGreaterThan(0);
    expect(seen.maxBuffered).toBeLessThanOrEqual(STREAMED_BODY_MAX_BUFFERED);
    expect(seen.maxPieceMemory).toBeGreaterThan(0);
    expect(seen.maxPieceMemory).toBeLessThanOrEqual(STREAMED_BODY_PIECE_BYTES);
  });
});
