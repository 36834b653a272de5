// The probes' minimal hub client (many-channels-probe.ts, subscribe-cost.ts): a WebSocket that
// authenticates, sends commands and resolves each with its reply's text, without the SDK's
// bookkeeping, so that the probe measures the server.
import WebSocket from 'ws';

export interface ProbeClient {
  ws: WebSocket;
  /** Sends a command; resolves with the reply's text (result or error). */
  call(command: Record<string, unknown>): Promise<string>;
}

/** A connected (authenticated) hub client; `onPub` hears every pub frame. */
export function probeClient(
  url: string,
  token: string,
  onPub: () => void = () => undefined,
): Promise<ProbeClient> {
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
      void call({ type: 'connect', token }).then((text) =>
        text.includes('"error"') ? reject(new Error(text)) : resolveClient({ ws, call }),
      );
    });
  });
}
