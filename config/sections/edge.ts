// Configuration sections of how clients reach a node: the HTTP server (`server`), the WebSocket
// gateway's limits (`gateway`) and the REST API's limits and CORS (`api`). Composed in ../schema.ts.
import { isIP } from 'node:net';
import { z } from 'zod';
import { booleanLike, count, port, positiveMs, urlWith, commaList } from './fields.js';
import ports from '../ports.json' with { type: 'json' };

const isAddressOrRange = (entry: string): boolean => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

export const server = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(ports.dev.hub),
    /** The URL browsers use to reach this hub, when it differs from host:port. */
    publicUrl: urlWith(/^https?$/, 'http(s)').optional(),
    /** Largest HTTP request body accepted, in bytes. */
    maxBodyBytes: z.coerce.number({ error: 'must be a number of bytes' }).int().min(1024).default(1_048_576),
    /**
     * Proxies (addresses or CIDR ranges, a list or comma-separated) whose `Forwarded` or
     * `X-Forwarded-For` names the client, for per-IP limits. None by default: the socket's peer.
     */
    trustedProxies: commaList(
      z.array(z.string().refine(isAddressOrRange, 'must be an IP address or CIDR range')).max(100),
    ).default([]),
  })
  .strict();

export const gateway = z
  .object({
    /** Largest WebSocket frame; a larger one closes the connection (3503). */
    maxFrameBytes: count('bytes').default(65_536),
    /** Largest `data` of one publish; a larger one is refused (payload_too_large). */
    maxDataBytes: count('bytes').default(16_384),
    /** Deepest nesting of arrays and objects in a frame; deeper is validation_failed. */
    maxJsonDepth: count('levels').max(1000).default(32),
    maxSubscriptionsPerConnection: count('subscriptions').default(200),
    /** Open connections one user may hold on one node; the next is closed with 3504. */
    maxConnectionsPerUser: count('connections').default(20),
    /** Time a new connection has to send `connect`. */
    connectTimeoutMs: positiveMs.default(5_000),
    /** Close connections silent for this long (uWS sends pings automatically). */
    idleTimeoutS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int()
      .min(8)
      .max(960)
      .default(120),
    /** Outgoing buffer per connection past which it counts as a slow consumer (3003). */
    maxBackpressureBytes: count('bytes').default(1_048_576),
    /** permessage-deflate on WebSocket frames. */
    compression: booleanLike.default(false),
    /** Frames per connection: bucket capacity and refill per second, checked in memory. */
    frameBurst: count('frames').default(60),
    frameRatePerS: count('frames per second').default(30),
    /** Refused frames in a row after which the connection is closed (3006 flood). */
    floodStrikes: count('frames').default(20),
    /** Publishes per user across all nodes: a token bucket in Redis. */
    publishBurst: count('publishes').default(10),
    publishRatePerS: count('publishes per second').default(5),
    /** Typing events per connection and channel. */
    typingThrottleMs: positiveMs.default(2_000),
    /**
     * A publish's wait from arrival to offset (the smallest of 100 ms, 300 ms in a row) past
     * which a node bounds its queue of publishes, refusing those past it (`overloaded`); 0 never
     * sheds.
     */
    shedWaitMs: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(500),
  })
  .strict();

export const api = z
  .object({
    /** Requests per client address: burst, and sustained per second (before authentication). */
    ipBurst: count('requests').default(120),
    ipRatePerS: count('requests per second').default(30),
    /** Requests per authenticated user, across all nodes. */
    userBurst: count('requests').default(60),
    userRatePerS: count('requests per second').default(15),
    /** Deepest nesting of arrays and objects in a request body; deeper is validation_failed. */
    maxJsonDepth: count('levels').max(1000).default(32),
    /**
     * Origins whose pages may call the API (widgets embedded on another origin), as a list or
     * comma-separated; '*' for any. None by default.
     */
    corsOrigins: commaList(
      z
        .array(
          z
            .string()
            .regex(
              /^(?:\*|https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?)$/,
              'must be an origin such as https://shop.example.com, or *',
            ),
        )
        .max(100),
    ).default([]),
  })
  .strict();
