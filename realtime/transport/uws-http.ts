// Mounts HttpRoutes on a uWebSockets.js app: the one place that knows uWS's HTTP rules (read
// the request synchronously, register onAborted before going async, cork the write). Streamed
// bodies (uploads in, downloads out) follow the socket's backpressure both ways.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { HubError } from '../../protocol/index.js';
import type { Logger } from 'pino';
import type { HttpResponse, HttpRequest as UwsRequest, TemplatedApp } from 'uWebSockets.js';
import { errorReply, statusLine, type HttpReply, type HttpRequest, type HttpRoute } from './http.js';
import { normalizeAddress, type TrustedProxies } from './client-address.js';
import type { CorsPolicy } from './cors.js';
import { replyFor } from './api/api-error.js';
import { asHubError } from './domain-error.js';

export interface HttpMountOptions {
  log: Logger;
  maxBodyBytes: number;
  /** Called once per answered request, for metrics. */
  onComplete?: (route: string, method: string, status: number, seconds: number) => void;
  /** Cross-origin access for the listed origins; none when absent. */
  cors?: CorsPolicy;
  /** Proxies whose forwarding headers name the client (`remoteAddress`); none when absent. */
  trustedProxies?: TrustedProxies;
  /** The level of each request's log line (`info` when absent); quiet routes log at `debug`. */
  requestLogLevel?: 'info' | 'debug';
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
/** A streamed body's buffer: past it, uWS stops reading the socket until the handler reads. */
const STREAMED_BODY_HIGH_WATER = 64 * 1024;
/** The most bytes uWS hands over at once: one receive of its socket buffer (uSockets' 512 KiB). */
const UWS_RECEIVE_BYTES = 512 * 1024;
/**
 * The most bytes of one streamed body held unread in the node: uWS pauses once the buffer is
 * full, and the receive in progress may still add one chunk on top.
 */
export const STREAMED_BODY_MAX_BUFFERED = STREAMED_BODY_HIGH_WATER + UWS_RECEIVE_BYTES;
/**
 * A streamed body is handed on in pieces of at most this many bytes, each in memory of its own.
 * Parsers downstream (busboy, file-type's stream, the stores) keep views into the pieces: a view
 * of a few bytes keeps its whole piece alive, so with whole receives as pieces every stage of an
 * upload held up to 512 KiB (docs/benchmarks.md#attachments: 2.7 MB live per parallel 5 MB
 * upload then, 1.4 MB with pieces and the GridFS store's own writer).
 */
export const STREAMED_BODY_PIECE_BYTES = 64 * 1024;
const METHODS_WITH_BODY = new Set(['post', 'put', 'patch', 'delete']);

/** Counts requests that have started and not yet been answered, for graceful drain. */
export class InflightRequests {
  private count = 0;
  private waiters: (() => void)[] = [];
  get size(): number {
    return this.count;
  }
  enter(): void {
    this.count++;
  }
  leave(): void {
    this.count--;
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }
  /** Resolves when no request is in flight. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
}

export function mountHttpRoutes(
  app: TemplatedApp,
  routes: readonly HttpRoute[],
  options: HttpMountOptions,
  inflight = new InflightRequests(),
): InflightRequests {
  const { cors } = options;
  if (cors?.enabled) {
    // Preflights of every path: answered here, before any route or authentication.
    app.options('/*', (res, req) => {
      const headers = cors.preflightHeaders(req.getHeader('origin'));
      res.cork(() => {
        res.writeStatus(statusLine(204));
        for (const [k, v] of Object.entries(headers)) res.writeHeader(k, v);
        res.end();
      });
    });
  }
  for (const route of routes) {
    const paramNames = [...route.pattern.matchAll(/\/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
    const name = route.name ?? route.pattern;
    app[route.method](route.pattern, (res, req) => {
      const request = readRequest(req, res, paramNames, options.trustedProxies);
      void serve(res, request, route, name, options, inflight);
    });
  }
  return inflight;
}

function readRequest(
  req: UwsRequest,
  res: HttpResponse,
  paramNames: readonly string[],
  trustedProxies: TrustedProxies | undefined,
): HttpRequest {
  const headers: Record<string, string> = {};
  req.forEach((key, value) => {
    headers[key] = value;
  });
  const params: Record<string, string> = {};
  let malformed = false;
  paramNames.forEach((n, i) => {
    const raw = req.getParameter(i) ?? '';
    try {
      params[n] = decodeURIComponent(raw);
    } catch {
      // A bad percent-escape must not throw inside uWS's callback (it would end the process).
      params[n] = raw;
      malformed = true;
    }
  });
  const given = headers['x-request-id'];
  return {
    method: req.getMethod(),
    path: req.getUrl(),
    query: new URLSearchParams(req.getQuery() ?? ''),
    headers,
    params,
    body: Buffer.alloc(0),
    requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
    remoteAddress: clientAddress(
      Buffer.from(res.getRemoteAddressAsText()).toString(),
      headers,
      trustedProxies,
    ),
    ...(malformed ? { malformed: true } : {}),
  };
}

function clientAddress(
  peer: string,
  headers: Readonly<Record<string, string>>,
  trustedProxies: TrustedProxies | undefined,
): string {
  return trustedProxies ? trustedProxies.clientAddress(peer, headers) : normalizeAddress(peer);
}

async function serve(
  res: HttpResponse,
  request: HttpRequest,
  route: HttpRoute,
  name: string,
  { log, maxBodyBytes, onComplete, cors, requestLogLevel = 'info' }: HttpMountOptions,
  inflight: InflightRequests,
): Promise<void> {
  const started = performance.now();
  let aborted = false;
  let finished = false;
  let cancelBody: (() => void) | undefined;
  let wakeWriter: (() => void) | undefined;
  res.onAborted(() => {
    aborted = true;
    cancelBody?.();
    wakeWriter?.();
  });
  inflight.enter();
  let reply: HttpReply;
  try {
    const streamed = route.streamBody && METHODS_WITH_BODY.has(request.method);
    const streamMax = route.streamBody?.maxBytes ?? maxBodyBytes;
    const body =
      METHODS_WITH_BODY.has(request.method) && !streamed
        ? await readBody(res, request, maxBodyBytes, (cancel) => (cancelBody = cancel))
        : streamed && Number(request.headers['content-length'] ?? NaN) > streamMax
          ? 'too_large' // refused before the handler runs: nothing of the body is read
          : null;
    if (streamed && body === null) {
      const live = () => !aborted && !finished;
      request.bodyStream = streamBody(res, request, streamMax, live, (c) => {
        cancelBody = c;
      });
    }
    if (request.malformed)
      reply = errorReply('bad_request', request.requestId, 'the path has a malformed escape');
    else if (body === 'aborted') reply = { status: 400 };
    else if (body === 'too_large') reply = errorReply('payload_too_large', request.requestId);
    else {
      if (body) request.body = body;
      reply = await route.handler(request);
    }
  } catch (err) {
    const known = asHubError(err);
    if (known) reply = replyFor(known, request.requestId);
    else {
      log.error({ err, requestId: request.requestId, route: name }, 'http handler failed');
      reply = errorReply('internal', request.requestId);
    }
  }
  // A handler that answered before reading its whole streamed body: the rest is not wanted.
  request.bodyStream?.destroy();
  const stream = reply.body instanceof Readable ? reply.body : undefined;
  if (!aborted) {
    res.cork(() => {
      res.writeStatus(statusLine(reply.status));
      res.writeHeader('x-request-id', request.requestId);
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.writeHeader(k, v);
      if (cors && !reply.headers?.['access-control-allow-origin']) {
        for (const [k, v] of Object.entries(cors.responseHeaders(request.headers['origin'])))
          res.writeHeader(k, v);
      }
      if (!stream) {
        finished = true;
        res.end((reply.body as string | Buffer | undefined) ?? '');
      }
    });
  }
  if (stream) {
    try {
      await writeStream(
        res,
        stream,
        () => aborted,
        (wake) => (wakeWriter = wake),
      );
    } catch (err) {
      log.warn({ err, requestId: request.requestId, route: name }, 'http response stream failed');
      if (!aborted) res.close();
    } finally {
      finished = true;
      stream.destroy();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  onComplete?.(name, request.method, reply.status, seconds);
  log[route.quiet ? 'debug' : requestLogLevel](
    {
      requestId: request.requestId,
      method: request.method,
      path: request.path,
      status: reply.status,
      ms: Math.round(seconds * 1000),
      aborted,
    },
    'http request',
  );
  inflight.leave();
}

/** Collects the body; resolves 'aborted' if the client goes away first, so nothing leaks. */
function readBody(
  res: HttpResponse,
  request: HttpRequest,
  max: number,
  onCancel: (cancel: () => void) => void,
): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > max) return Promise.resolve('too_large');
  if (declared === 0 || (Number.isNaN(declared) && !request.headers['transfer-encoding'])) {
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    onCancel(() => {
      done = true;
      resolve('aborted');
    });
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > max) {
        done = true;
        resolve('too_large');
        return;
      }
      chunks.push(Buffer.from(chunk.slice(0))); // uWS reuses the chunk's memory after this call
      if (isLast) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
  });
}

/**
 * The body as a stream: uWS pauses the socket while the stream's buffer is full. Past `max`
 * bytes sent the stream fails with `payload_too_large`; an abort fails it too. (A declared
 * length past `max` is refused before the handler runs.) The handler may still be checking the
 * caller when that happens, with nothing reading the stream yet: the failure then waits for a
 * reader's first listener, since an 'error' nobody listens to would crash the process, and one
 * emitted before the reader came would leave it waiting for ever.
 */
function streamBody(
  res: HttpResponse,
  request: HttpRequest,
  max: number,
  live: () => boolean,
  onCancel: (cancel: () => void) => void,
): Readable {
  let paused = false;
  let failure: HubError | undefined;
  const stream = new Readable({
    highWaterMark: STREAMED_BODY_HIGH_WATER,
    read() {
      if (paused && live()) {
        paused = false;
        res.resume();
      }
    },
    // A paused socket would hold back the answer too: whatever ends the stream resumes it.
    destroy(err, callback) {
      if (paused && live()) {
        paused = false;
        res.resume();
      }
      callback(err);
    },
  });
  const fail = (err: HubError) => {
    if (failure || stream.destroyed) return;
    failure = err;
    // Someone reads (piped, iterated or listening): tell them now; otherwise once a reader comes.
    if (stream.readableFlowing !== null || stream.listenerCount('error') > 0) {
      stream.destroy(err);
      return;
    }
    const onReader = (event: string | symbol) => {
      if (event !== 'error' && event !== 'data' && event !== 'readable') return;
      stream.off('newListener', onReader);
      process.nextTick(() => stream.destroy(err)); // once the listener being added is in place
    };
    stream.on('newListener', onReader);
  };
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared === 0 || (Number.isNaN(declared) && !request.headers['transfer-encoding'])) {
    stream.push(null);
    return stream;
  }
  let size = 0;
  onCancel(() => fail(new HubError('bad_request', 'the client went away')));
  res.onData((chunk, isLast) => {
    if (stream.destroyed || failure) return;
    size += chunk.byteLength;
    if (size > max) {
      fail(new HubError('payload_too_large'));
      return;
    }
    // uWS reuses the chunk's memory after this call: copied, in pieces of their own.
    let wantsMore = true;
    for (let at = 0; at < chunk.byteLength; at += STREAMED_BODY_PIECE_BYTES)
      wantsMore = stream.push(Buffer.from(chunk.slice(at, at + STREAMED_BODY_PIECE_BYTES)));
    if (!wantsMore && !isLast && live()) {
      paused = true;
      res.pause();
    }
    if (isLast) stream.push(null);
  });
  return stream;
}

/** Writes a stream out, waiting for the socket to drain whenever uWS buffers too much. */
async function writeStream(
  res: HttpResponse,
  stream: Readable,
  aborted: () => boolean,
  onWake: (wake: () => void) => void,
): Promise<void> {
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    if (aborted()) return;
    let drained = true;
    res.cork(() => {
      drained = res.write(chunk);
    });
    if (!drained) {
      await new Promise<void>((resolve) => {
        onWake(resolve);
        res.onWritable(() => {
          resolve();
          return true;
        });
      });
    }
  }
  if (!aborted()) res.cork(() => res.end());
}
