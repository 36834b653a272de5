// A worker thread of the gateway benchmark: holds many subscriber connections and reports
// deliveries and publish-to-deliver latencies. Plain JavaScript so worker threads start without
// a TypeScript loader, and lean on purpose: the send time is read from the raw frame text with
// a regex, never by parsing the frame, so the generator stays cheap.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { urls, tokens, channel } = workerData;
const STAMP = /"t":(\d+(?:\.\d+)?)/;
const origin = performance.timeOrigin;
let delivered = 0;
let latencies = [];

function open(url, token) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    let step = 0;
    ws.on('message', (raw) => {
      const text = raw.toString();
      if (step === 3) {
        if (text.startsWith('{"type":"pub"')) {
          delivered++;
          const m = STAMP.exec(text);
          if (m) latencies.push(origin + performance.now() - Number(m[1]));
        }
      } else if (step === 0 && text.startsWith('{"type":"hello"')) {
        step = 1;
        ws.send(JSON.stringify({ type: 'connect', id: 1, token }));
      } else if (step === 1 && text.startsWith('{"type":"reply","id":1,')) {
        step = 2;
        ws.send(JSON.stringify({ type: 'subscribe', id: 2, channel }));
      } else if (step === 2 && text.startsWith('{"type":"reply","id":2,')) {
        step = 3;
        resolve(ws);
      }
    });
    ws.once('error', reject);
  });
}

const sockets = [];
for (let i = 0; i < tokens.length; i += 100) {
  sockets.push(
    ...(await Promise.all(tokens.slice(i, i + 100).map((t, j) => open(urls[(i + j) % urls.length], t)))),
  );
}
parentPort.postMessage({ ready: sockets.length });
parentPort.on('message', (m) => {
  if (m === 'report') {
    parentPort.postMessage({ delivered, latencies });
    delivered = 0;
    latencies = [];
  } else if (m === 'close') {
    for (const s of sockets) s.close();
    parentPort.postMessage({ closed: true });
  }
});
