// The WebSocket gateway of a hub node: accepts connections on /ws, speaks protocol v1, and on
// drain tells every client to reconnect elsewhere (close code SHUTDOWN).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import { CloseCodes, type CloseCodeName } from '../protocol/index.js';

export interface GatewayOptions {
  log: Logger;
  nodeId: string;
  maxPayloadBytes?: number;
  /** Called with the number of open connections whenever it changes. */
  onConnectionCount?: (count: number) => void;
}

interface ConnectionState {
  connId: string;
}

export class Gateway {
  private readonly sockets = new Set<WebSocket<ConnectionState>>();
  private closing = false;

  constructor(private readonly options: GatewayOptions) {}

  get connectionCount(): number {
    return this.sockets.size;
  }

  mount(app: TemplatedApp, path = '/ws'): void {
    const { log } = this.options;
    app.ws<ConnectionState>(path, {
      maxPayloadLength: this.options.maxPayloadBytes ?? 64 * 1024,
      idleTimeout: 60,
      upgrade: (res, req, context) => {
        if (this.closing) {
          res.writeStatus('503 Service Unavailable').end();
          return;
        }
        res.upgrade<ConnectionState>(
          { connId: randomUUID() },
          req.getHeader('sec-websocket-key'),
          req.getHeader('sec-websocket-protocol'),
          req.getHeader('sec-websocket-extensions'),
          context,
        );
      },
      open: (ws) => {
        this.sockets.add(ws);
        this.options.onConnectionCount?.(this.sockets.size);
        const { connId } = ws.getUserData();
        log.debug({ connId }, 'ws open');
        ws.send(JSON.stringify({ type: 'hello', v: 1, node: this.options.nodeId, connectionId: connId }));
      },
      message: (ws, data) => {
        let frame: { type?: unknown; id?: unknown };
        try {
          frame = JSON.parse(Buffer.from(data).toString('utf8')) as typeof frame;
        } catch {
          ws.send(
            JSON.stringify({ type: 'error', error: { code: 'bad_request', message: 'frame is not JSON' } }),
          );
          return;
        }
        if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong', id: frame.id }));
        else
          ws.send(
            JSON.stringify({
              type: 'error',
              id: frame.id,
              error: { code: 'bad_request', message: 'unknown frame type' },
            }),
          );
      },
      close: (ws, code) => {
        this.sockets.delete(ws);
        this.options.onConnectionCount?.(this.sockets.size);
        log.debug({ connId: ws.getUserData().connId, code }, 'ws close');
      },
    });
  }

  /** Closes every connection with the given code and refuses new ones. */
  closeAll(name: CloseCodeName = 'SHUTDOWN'): void {
    this.closing = true;
    const { code, reason } = CloseCodes[name];
    for (const ws of [...this.sockets]) ws.end(code, reason);
  }
}
