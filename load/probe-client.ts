// The probes' minimal hub client (many-channels-probe.ts, subscribe-cost.ts): a WebSocket that
// authenticates, sends commands and resolves each with its reply's text, without the SDK's
// bookkeeping, so that the probe measures the server. It notes how long its connection took,
// phase by phase, so a probe can tell where the time of a connect goes.
import WebSocket from 'ws';

/** Milliseconds of one connection's start: opening to the hello frame, connect to its reply. */
export interface ConnectTimings {
  helloMs: number;
  connectMs: number;
}

export interface ProbeClient {
  ws: WebSocket;
  /** Sends a command; resolves with the reply's text (result or error). */
  call(command: Record<string, unknown>): Promise<string>;
  timings: ConnectTimings;
}

/** A connected (authenticated) hub client; `onPub` hears every pub frame. */
export function probeClient(
  url: string,
  token: string,
  onPub: () => void = () => undefined,
): Promise<ProbeClient> {
  const opened = performance.now();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const waiting = new Map<number, (text: string) => void>();
  let nextId = 1;
  const call = (command: Record<string, unknown>) =>
    new Promise<string>((done) => {
      const id = nextId++;
      waiting.set(id, done);
      ws.send(JSON.stringify({ ...command, id }));
    });
  ws.on('message', (raw: Buffer) => {
    const text = raw.toString();
    if (text.startsWith('{"type":"pub"')) return onPub();
    const m = /^\{"type":"reply","id":(\d+),/.exec(text);
    const done = m ? waiting.get(Number(m[1])) : undefined;
    if (!done || !m) return;
    waiting.delete(Number(m[1]));
    done(text);
  });
  return new Promise((resolveClient, reject) => {
    ws.once('error', reject);
    ws.once('message', () => {
      // The hello frame: now authenticate.
      const hello = performance.now();
      void call({ type: 'connect', token }).then((text) => {
        const timings = { helloMs: hello - opened, connectMs: performance.now() - hello };
        if (text.includes('"error"')) reject(new Error(text));
        else resolveClient({ ws, call, timings });
      });
    });
  });
}
