// A raw protocol client for gateway tests: sends any frame (valid or not), records every frame
// it receives, and waits for replies and pushes. The SDK has its own tests; this one lets tests
// speak the protocol byte by byte.
import WebSocket from 'ws';
import { eventually } from './wait.js';

export interface Frame {
  type: string;
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: string; message: string; retryAfterMs?: number };
  [key: string]: unknown;
}

export class TestClient {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | undefined;
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString()) as Frame));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  /** Opens a socket and waits for the hello frame. */
  static async open(wsUrl: string): Promise<TestClient> {
    const client = new TestClient(new WebSocket(wsUrl));
    await client.next((f) => f.type === 'hello');
    return client;
  }

  /** Opens a socket and authenticates with the token. */
  static async connect(wsUrl: string, token: string): Promise<TestClient> {
    const client = await TestClient.open(wsUrl);
    const reply = await client.request({ type: 'connect', token });
    if (reply.error) throw new Error(`connect refused: ${reply.error.code}`);
    return client;
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** Sends a command with a fresh id and resolves with its reply. */
  async request(command: Record<string, unknown>, timeoutMs = 10_000): Promise<Frame> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ ...command, id }));
    return this.next((f) => f.type === 'reply' && f.id === id, timeoutMs);
  }

  /** A successful reply's result, or throws with the error code. */
  async ok(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = await this.request(command);
    if (reply.error)
      throw new Error(`${String(command['type'])} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result ?? {};
  }

  /** The first received frame (seen or future) matching, removed from the record. */
  async next(match: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    return eventually(
      () => {
        const i = this.frames.findIndex(match);
        if (i < 0) return undefined;
        return this.frames.splice(i, 1)[0];
      },
      timeoutMs,
      5,
    );
  }

  pubs(channel: string): Frame[] {
    return this.frames.filter((f) => f.type === 'pub' && f['channel'] === channel);
  }

  async waitClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return eventually(() => this.closed, timeoutMs, 5);
  }

  close(): void {
    this.ws.close();
  }
}
