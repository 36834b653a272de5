// The WebSocket gateway of a hub node on uWebSockets.js: accepts connections on /ws, applies
// the per-connection limits, hands validated commands to their handlers, and delivers live
// frames from the broker to local subscribers with uWS's native publish (one call per frame
// per node, whatever the number of subscribers). On drain it tells every client to reconnect
// elsewhere.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import uWS, { type TemplatedApp, type WebSocket } from 'uWebSockets.js';
import type { Config } from '../../config/index.js';
import {
  CloseCodes,
  overloaded,
  PROTOCOL_VERSION,
  type Command,
  type CloseCodeName,
} from '../../protocol/index.js';
import type { MessageStore } from '../../storage/messages/message-store.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Broker } from '../broker/broker.js';
import type { ControlBus } from '../control.js';
import { LoadShedder, type LoadChange } from '../limits/load-shedder.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { PresenceStore } from '../presence/presence-store.js';
import { PublishPipeline, type PublishExtension } from '../publish/pipeline.js';
import type { Publisher } from '../publisher.js';
import type { Authorizer } from './authorizer.js';
import { asHubError } from '../transport/domain-error.js';
import { CommandError } from './command-error.js';
import { parseCommand } from './commands.schema.js';
import { ConnectionRefused, RawJson, runCommand, type CommandContext } from './commands.js';
import { Connection } from './connection.js';
import { LocalTopics } from './local-topics.js';
import { Revocations } from './revocations.js';
import { hasPresence, ONLINE, PresenceTracker } from './presence-tracker.js';
import { parseTopic } from '../../protocol/index.js';

export interface GatewayOptions {
  log: Logger;
  nodeId: string;
  settings: Pick<Config, 'gateway' | 'history' | 'presence'> & { clockSkewS: number };
  verifier: TokenVerifier;
  authorizer: Authorizer;
  broker: Broker;
  store: MessageStore;
  presenceStore: PresenceStore;
  limiter: RateLimiter;
  /** The node's publisher: the pipeline's sequence and persist stages. */
  publisher: Publisher;
  /** Features on the publish pipeline (chat, AutoMod); none for a bare gateway. */
  extensions?: readonly PublishExtension[];
  /** Cross-node actions on users' live connections (bans, erasure). */
  control?: ControlBus;
  registry?: Registry;
  /** Called with the number of open connections whenever it changes. */
  onConnectionCount?: (count: number) => void;
}

interface SocketData {
  conn: Connection;
}

const SLOW_CONSUMER_CHECK_MS = 250;

/** `fn`, run the first time only. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

export class Gateway {
  private readonly connections = new Set<Connection>();
  /** Authenticated connections per user, for the per-user limit. */
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly ctx: CommandContext;
  private readonly tracker: PresenceTracker;
  private readonly revocations: Revocations;
  private app: TemplatedApp | undefined;
  private draining = false;
  private slowConsumerTimer: NodeJS.Timeout | undefined;
  private readonly metrics;
  /** Bounds this node's queue of publishes while they wait (load shedding). */
  private readonly shedder: LoadShedder;

  constructor(private readonly options: GatewayOptions) {
    const { settings, broker, store, publisher } = options;
    this.tracker = new PresenceTracker(options.presenceStore, broker, settings.presence, options.log);
    const topics = new LocalTopics(broker, (topic) => this.app?.numSubscribers(topic) ?? 0);
    this.shedder = new LoadShedder({ targetMs: settings.gateway.shedWaitMs });
    this.ctx = {
      nodeId: options.nodeId,
      verifier: options.verifier,
      authorizer: options.authorizer,
      broker,
      store,
      publisher,
      pipeline: new PublishPipeline({
        authorizer: options.authorizer,
        limiter: options.limiter,
        publisher,
        extensions: options.extensions ?? [],
        log: options.log,
        limits: {
          maxDataBytes: settings.gateway.maxDataBytes,
          publishBurst: settings.gateway.publishBurst,
          publishRatePerS: settings.gateway.publishRatePerS,
        },
      }),
      presenceStore: options.presenceStore,
      presence: this.tracker,
      topics,
      log: options.log,
      limits: {
        maxSubscriptionsPerConnection: settings.gateway.maxSubscriptionsPerConnection,
        typingThrottleMs: settings.gateway.typingThrottleMs,
        recoveryMaxCount: settings.history.recoveryMaxCount,
        clockSkewMs: settings.clockSkewS * 1000,
      },
    };
    // Access taken away reaches this node's connections through the control bus.
    this.revocations = new Revocations({
      connections: this.connections,
      authorizer: options.authorizer,
      tracker: this.tracker,
      log: options.log,
      close: (conn, name) => this.close(conn, name),
    });
    if (options.control) this.revocations.listen(options.control);
    const registers = options.registry ? [options.registry] : [];
    this.metrics = {
      commands: new Counter({
        name: 'hubbub_ws_commands_total',
        help: 'Commands received, by type and outcome (ok or an error code).',
        labelNames: ['type', 'outcome'],
        registers,
      }),
      closes: new Counter({
        name: 'hubbub_ws_closes_total',
        help: 'Connections closed by this node, by close reason.',
        labelNames: ['reason'],
        registers,
      }),
      publishSeconds: new Histogram({
        name: 'hubbub_publish_duration_seconds',
        help: 'From a publish command received to its ack sent (checks, offset, delivery, durable write).',
        buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers,
      }),
      frames: new Counter({
        name: 'hubbub_broker_frames_total',
        help: 'Live frames this node received from the broker and published to its local subscribers.',
        registers,
      }),
    };
    const shedder = this.shedder;
    new Gauge({
      name: 'hubbub_publish_wait_seconds',
      help: "The smallest wait of this node's publishes in the last 100 ms, from arrival to offset (0 with fewer than 5).",
      registers,
      collect() {
        this.set(shedder.waitMs / 1000);
      },
    });
    new Gauge({
      name: 'hubbub_publishes_queued',
      help: 'Publishes this node admitted that have not reached their offset yet.',
      registers,
      collect() {
        this.set(shedder.queued);
      },
    });
    new Gauge({
      name: 'hubbub_publish_shedding',
      help: 'Whether this node bounds its queue of publishes, refusing those past it (overloaded).',
      registers,
      collect() {
        this.set(shedder.shedding ? 1 : 0);
      },
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  mount(app: TemplatedApp, path = '/ws'): void {
    this.app = app;
    const { gateway } = this.options.settings;
    this.options.broker.onFrame((topic, frame) => {
      this.ctx.topics.buffer(topic, frame);
      this.metrics.frames.inc();
      app.publish(topic, frame, false, gateway.compression);
    });
    app.ws<SocketData>(path, {
      compression: gateway.compression ? uWS.SHARED_COMPRESSOR : uWS.DISABLED,
      // Twice our limit, so frames a little too big get our own close code (3503).
      maxPayloadLength: gateway.maxFrameBytes * 2,
      maxBackpressure: gateway.maxBackpressureBytes,
      closeOnBackpressureLimit: 0,
      idleTimeout: gateway.idleTimeoutS,
      sendPingsAutomatically: true,
      upgrade: (res, req, context) => {
        if (this.draining) {
          res.writeStatus('503 Service Unavailable').end('draining');
          return;
        }
        const key = req.getHeader('sec-websocket-key');
        const protocol = req.getHeader('sec-websocket-protocol');
        const extensions = req.getHeader('sec-websocket-extensions');
        res.upgrade<SocketData>(
          { conn: undefined as unknown as Connection },
          key,
          protocol,
          extensions,
          context,
        );
      },
      open: (ws) => this.onOpen(ws),
      message: (ws, data, isBinary) => this.onMessage(ws.getUserData().conn, data, isBinary),
      subscription: (_ws, topic, newCount) => {
        if (newCount === 0) this.ctx.topics.releaseIfUnused(Buffer.from(topic).toString());
      },
      close: (ws, code) => this.onClose(ws.getUserData().conn, code),
    });
    this.slowConsumerTimer = setInterval(() => this.closeSlowConsumers(), SLOW_CONSUMER_CHECK_MS);
    this.slowConsumerTimer.unref();
    this.shedder.start((change) => this.loadChanged(change));
  }

  /** Closes every connection with the given code and refuses new ones. */
  closeAll(name: CloseCodeName = 'SHUTDOWN'): void {
    this.draining = true;
    clearInterval(this.slowConsumerTimer);
    this.shedder.stop();
    // Presence entries of drained connections expire; their clients rejoin elsewhere first.
    this.tracker.stop();
    for (const conn of [...this.connections]) this.close(conn, name);
  }

  /** Whether the user has a live connection on any node (within the presence expiry). */
  isOnline(userId: string): Promise<boolean> {
    return this.tracker.isOnline(userId);
  }

  private onOpen(ws: WebSocket<SocketData>): void {
    const { gateway } = this.options.settings;
    const conn = new Connection(randomUUID(), ws, gateway.frameBurst, gateway.frameRatePerS);
    ws.getUserData().conn = conn;
    this.connections.add(conn);
    this.options.onConnectionCount?.(this.connections.size);
    conn.connectTimer = setTimeout(() => {
      if (!conn.user) this.close(conn, 'BAD_REQUEST', 'connect timeout');
    }, gateway.connectTimeoutMs);
    conn.send(
      JSON.stringify({
        type: 'hello',
        v: PROTOCOL_VERSION,
        node: this.options.nodeId,
        connectionId: conn.id,
      }),
    );
  }

  private onMessage(conn: Connection, data: ArrayBuffer, isBinary: boolean): void {
    const { gateway } = this.options.settings;
    if (isBinary) return this.close(conn, 'BAD_REQUEST', 'binary frames are not part of the protocol');
    if (data.byteLength > gateway.maxFrameBytes) return this.close(conn, 'MESSAGE_TOO_BIG');
    const text = Buffer.from(data).toString('utf8');
    if (!conn.takeFrame()) {
      if (conn.strikes >= gateway.floodStrikes) return this.close(conn, 'FLOOD');
      // Refused unparsed (floods must stay cheap); the id is picked out so the request ends now.
      const id = /"id":\s*(\d{1,15})[,}]/.exec(text)?.[1];
      const error = {
        code: 'rate_limited',
        message: 'too many frames; slow down',
        retryAfterMs: conn.msUntilNextFrame(),
      };
      conn.send(JSON.stringify(id ? { type: 'reply', id: Number(id), error } : { type: 'error', error }));
      return;
    }
    const parsed = parseCommand(text, gateway);
    if (!parsed.ok) {
      this.metrics.commands.inc({ type: 'invalid', outcome: parsed.code });
      const error = { code: parsed.code, message: parsed.message };
      conn.send(
        JSON.stringify(parsed.id ? { type: 'reply', id: parsed.id, error } : { type: 'error', error }),
      );
      return;
    }
    // One connection's commands take effect in the order received: a client may pipeline an
    // unsubscribe, a subscribe and publishes, and rely on their order. A publish lets the next
    // command start once it has its offset; its durable write and ack need not hold the queue.
    const command = parsed.command;
    const arrived = performance.now();
    const settle = command.type === 'publish' ? this.admitPublish(conn, command.id) : () => undefined;
    if (!settle) return;
    conn.pending = conn.pending.then(
      () =>
        new Promise<void>((next) => {
          const sequenced = once(() => {
            settle();
            next();
          });
          void this.execute(conn, command, arrived, sequenced).finally(sequenced);
        }),
    );
  }

  /**
   * Takes a publish into this node's queue, or refuses it (`overloaded`) while the node's
   * publishes queue and the queue is at its bound (load-shedder.ts): before it waits, so a
   * refusal costs next to nothing. Returns what tells the shedder it left the queue.
   */
  private admitPublish(conn: Connection, id: number): (() => void) | undefined {
    if (this.shedder.admit()) return () => this.shedder.settled();
    this.metrics.commands.inc({ type: 'publish', outcome: 'overloaded' });
    conn.send(JSON.stringify({ type: 'reply', id, error: overloaded().toFrameError() }));
    return undefined;
  }

  private async execute(
    conn: Connection,
    command: Command,
    arrived: number,
    sequenced: () => void,
  ): Promise<void> {
    let outcome = 'ok';
    // A publish's wait, from arrival to its offset, is the shedder's signal.
    const onSequenced =
      command.type === 'publish'
        ? () => {
            this.shedder.sequenced(performance.now() - arrived);
            sequenced();
          }
        : sequenced;
    try {
      const result = await runCommand(this.ctx, conn, command, onSequenced);
      if (command.type === 'connect' && this.overConnectionLimit(conn)) {
        outcome = CloseCodes.CONNECTION_LIMIT.reason;
        this.close(conn, 'CONNECTION_LIMIT', 'too many connections for this user on this node');
        return;
      }
      const json = result instanceof RawJson ? result.json : JSON.stringify(result);
      conn.send(`{"type":"reply","id":${command.id},"result":${json}}`);
      if (result instanceof RawJson) for (const frame of result.followUp) conn.send(frame);
    } catch (err) {
      if (err instanceof ConnectionRefused) {
        outcome = CloseCodes[err.close].reason;
        this.close(conn, err.close, err.message);
        return;
      }
      const error =
        asHubError(err) ??
        (this.options.log.error({ err, connId: conn.id, type: command.type }, 'command failed'),
        new CommandError('internal'));
      outcome = error.code;
      conn.send(JSON.stringify({ type: 'reply', id: command.id, error: error.toFrameError() }));
    } finally {
      this.metrics.commands.inc({ type: command.type, outcome });
      if (command.type === 'publish' && outcome === 'ok')
        this.metrics.publishSeconds.observe((performance.now() - arrived) / 1000);
    }
  }

  /** Admits a just-authenticated connection unless its user already holds the most allowed. */
  private overConnectionLimit(conn: Connection): boolean {
    const userId = conn.user?.id;
    if (userId === undefined) return false;
    const admitted = this.byUser.get(userId) ?? new Set<Connection>();
    if (admitted.size >= this.options.settings.gateway.maxConnectionsPerUser) return true;
    this.byUser.set(userId, admitted.add(conn));
    return false;
  }

  private onClose(conn: Connection, code: number): void {
    conn.closed = true;
    conn.clearTimers();
    this.connections.delete(conn);
    const admitted = conn.user && this.byUser.get(conn.user.id);
    if (admitted?.delete(conn) && admitted.size === 0) this.byUser.delete(conn.user?.id as string);
    this.options.onConnectionCount?.(this.connections.size);
    this.options.log.debug({ connId: conn.id, user: conn.user?.id, code }, 'ws closed');
    if (this.draining) return;
    if (conn.user) void this.tracker.leave(ONLINE, conn).catch(() => undefined);
    for (const topic of conn.subscriptions) {
      const parsed = parseTopic(topic);
      if (parsed && hasPresence(parsed)) void this.tracker.leave(topic, conn).catch(() => undefined);
    }
    // uWS drops a closed socket's subscriptions after this handler; look again then.
    const topics = [...conn.subscriptions];
    setImmediate(() => topics.forEach((t) => this.ctx.topics.releaseIfUnused(t)));
  }

  private close(conn: Connection, name: CloseCodeName, why?: string): void {
    const { code, reason } = CloseCodes[name];
    this.metrics.closes.inc({ reason });
    if (why) this.options.log.info({ connId: conn.id, user: conn.user?.id, code, why }, 'closing connection');
    conn.end(code, reason);
  }

  /** Logs when the node starts and stops shedding publishes (not every step between). */
  private loadChanged({ shedding, waitMs, queueLimit }: LoadChange): void {
    const { log } = this.options;
    if (shedding)
      log.warn(
        { waitMs, targetMs: this.shedder.targetMs, queueLimit },
        'publishes queue: refusing those past the bound (overloaded)',
      );
    else log.info({ waitMs }, 'publishes no longer queue: admitting every publish again');
  }

  /** A client whose buffer passed the bound misses frames (uWS skips it): make it recover. */
  private closeSlowConsumers(): void {
    const limit = this.options.settings.gateway.maxBackpressureBytes;
    for (const conn of this.connections) if (conn.bufferedBytes() >= limit) this.close(conn, 'SLOW_CONSUMER');
  }
}
