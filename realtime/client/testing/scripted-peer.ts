// A scripted hub for the client's tests: a real WebSocket server on a free port that speaks the
// frames of protocol v1. It says hello, answers `connect` and `ping` by itself (both can be
// changed), records every command, and lets each test take commands and reply, push and close.
import { WebSocketServer, type WebSocket } from 'ws';
import type {
  Command,
  CommandType,
  ConnectCommand,
  ConnectResult,
  FrameError,
  ServerFrame,
} from '../../../protocol/index.js';
import type { Emitter } from '../emitter.js';

const WAIT_MS = 3_000;

export type ConnectAnswer = { result: ConnectResult } | { error: FrameError } | 'silent';

export function session(overrides: Partial<ConnectResult> = {}): ConnectResult {
  return {
    connectionId: 'conn-1',
    node: 'node-a',
    user: { id: 'u1', name: 'Ada' },
    expiresAt: Date.now() + 3_600_000,
    ...overrides,
  };
}

export class PeerConnection {
  /** Every command received, in order. */
  readonly received: Command[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly taken = new Set<Command>();
  private readonly waiters: { type: CommandType; resolve(command: Command): void }[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly peer: ScriptedPeer,
  ) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data) => this.onCommand(JSON.parse(String(data)) as Command));
    if (peer.sayHello) this.send({ type: 'hello', v: 1, node: 'node-a', connectionId: 'conn-1' });
  }

  /** The first command of this type not taken yet, waiting for it if need be. */
  take<T extends CommandType>(type: T, timeoutMs = WAIT_MS): Promise<Extract<Command, { type: T }>> {
    const found = this.received.find((c) => c.type === type && !this.taken.has(c));
    if (found) {
      this.taken.add(found);
      return Promise.resolve(found as Extract<Command, { type: T }>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.received.map((c) => c.type).join(', ');
        reject(new Error(`no '${type}' within ${timeoutMs} ms; received: ${seen || 'nothing'}`));
      }, timeoutMs);
      this.waiters.push({
        type,
        resolve: (command) => {
          clearTimeout(timer);
          resolve(command as Extract<Command, { type: T }>);
        },
      });
    });
  }

  /** The types of the commands received so far. */
  types(): CommandType[] {
    return this.received.map((c) => c.type);
  }

  send(frame: ServerFrame): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Sends text as it is, e.g. a frame the protocol does not allow. */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  reply(id: number, result: unknown): void {
    this.send({ type: 'reply', id, result });
  }

  fail(id: number, error: FrameError): void {
    this.send({ type: 'reply', id, error });
  }

  close(code: number, reason = ''): void {
    this.socket.close(code, reason);
  }

  /** Drops the TCP connection without a close frame: the client sees 1006. */
  drop(): void {
    this.socket.terminate();
  }

  private onCommand(command: Command): void {
    this.received.push(command);
    if (command.type === 'connect') {
      const answer = this.peer.onConnect(command, this);
      if (answer !== 'silent') {
        if ('result' in answer) this.reply(command.id, answer.result);
        else this.fail(command.id, answer.error);
      }
    }
    if (command.type === 'ping' && this.peer.answerPings) this.reply(command.id, {});
    const index = this.waiters.findIndex((w) => w.type === command.type);
    const waiter = index === -1 ? undefined : this.waiters.splice(index, 1)[0];
    if (waiter) {
      this.taken.add(command);
      waiter.resolve(command);
    }
  }
}

export class ScriptedPeer {
  readonly connections: PeerConnection[] = [];
  /** How `connect` is answered; default: accepted with session(). */
  onConnect: (command: ConnectCommand, connection: PeerConnection) => ConnectAnswer = () => ({
    result: session(),
  });
  sayHello = true;
  answerPings = true;
  private readonly arrivals: (() => void)[] = [];

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.connections.push(new PeerConnection(socket, this));
      for (const arrived of this.arrivals.splice(0)) arrived();
    });
  }

  static async start(): Promise<ScriptedPeer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    return new ScriptedPeer(server);
  }

  get url(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the peer is not listening on TCP');
    return `ws://127.0.0.1:${address.port}/ws`;
  }

  /** The index-th connection (from 0), waiting for it to arrive. */
  async connection(index: number, timeoutMs = WAIT_MS): Promise<PeerConnection> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connections[index]) {
      if (Date.now() > deadline) throw new Error(`connection ${index} did not arrive within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.arrivals.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.connections[index];
  }

  async close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The next payload of an event, or an error after `timeoutMs`. */
export function nextEvent<Events extends object, K extends keyof Events>(
  emitter: Emitter<Events>,
  event: K,
  timeoutMs = WAIT_MS,
): Promise<Events[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no '${String(event)}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = emitter.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Collects every payload of an event. */
export function record<Events extends object, K extends keyof Events>(
  emitter: Emitter<Events>,
  event: K,
): Events[K][] {
  const payloads: Events[K][] = [];
  emitter.on(event, (payload) => payloads.push(payload));
  return payloads;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
