// The client side of each benchmarked system's protocol, for the generator's worker threads:
// how a subscriber, a publisher or an idle connection gets ready, which frames are deliveries,
// and what a publish looks like on the wire. One generator design serves every system; only
// these few lines differ. Plain JavaScript so worker threads start without a TypeScript loader.
//
// open({ url, channel, token, role, onDelivery, onOther, onError, onClosed, onAck }) resolves once
// the connection is ready and returns { publish(body, channel?), close() }. `body` is the JSON
// text of the message data; `channel` defaults to the connection's own (the many-channel workload
// publishes each message to a random one). onAck(sentAtMs, ref) is called when the server
// acknowledges a publish (Hubbub, Centrifugo; the baselines have no acks); Hubbub's ref is the
// publish's nonce, by which durable history can be searched.
import { clearTimeout, setTimeout } from 'node:timers';
import { chatText, stampOfText } from '../chat-text.mjs';
import WebSocket from 'ws';

const socket = (url) => new WebSocket(url, { perMessageDeflate: false });

/**
 * Resolves when onReady says so (its second argument fails the attempt); a close after that is
 * reported through onClosed. An attempt not ready within 60 s fails, so a run never hangs.
 */
function ready(ws, onClosed, onReady, describe = () => '') {
  return new Promise((resolve, reject) => {
    const fail = (err) => {
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`not ready within 60 s${describe()}`)), 60_000);
    ws.once('error', fail);
    ws.once('close', (code) => fail(new Error(`closed with ${code} before it was ready`)));
    onReady(
      () => {
        clearTimeout(timer);
        ws.removeAllListeners('close');
        ws.removeListener('error', fail);
        ws.on('error', () => {});
        ws.on('close', (code) => onClosed?.(code));
        resolve();
      },
      (text) => fail(new Error(`refused: ${text.slice(0, 300)}`)),
    );
  });
}

/** Hubbub: hello → connect (JWT) → subscribe; deliveries are `pub` frames. docs/protocol.md */
function hubbub({ url, channel, token, role, onDelivery, onOther, onError, onClosed, onAck }) {
  const ws = socket(url);
  let step = 0; // 0 hello, 1 connecting, 2 subscribing, 3 ready
  let id = 10;
  const nonce = `n${Math.random().toString(36).slice(2, 10)}`;
  let last = '';
  const pending = new Map(); // publish id → send time
  const opened = ready(
    ws,
    onClosed,
    (done, refused) => {
      ws.on('message', (raw) => {
        const text = raw.toString();
        last = text;
        if (step === 3) {
          if (text.startsWith('{"type":"pub"')) onDelivery(text);
          else if (text.startsWith('{"type":"reply","id":')) {
            const replyId = parseInt(text.slice(21, 33), 10);
            const sentAt = pending.get(replyId);
            pending.delete(replyId);
            if (text.includes('"error"')) onError(text);
            else if (sentAt !== undefined) onAck?.(sentAt, `${nonce}${replyId}`);
          } else if (text.includes('"error"')) onError(text);
          else onOther(); // presence (join, leave)
        } else if (step === 0 && text.startsWith('{"type":"hello"')) {
          step = 1;
          ws.send(JSON.stringify({ type: 'connect', id: 1, token }));
        } else if (step === 1 && text.startsWith('{"type":"reply","id":1,"result"')) {
          if (role === 'sub') {
            step = 2;
            ws.send(JSON.stringify({ type: 'subscribe', id: 2, channel }));
          } else {
            step = 3;
            done();
          }
        } else if (step === 2 && text.startsWith('{"type":"reply","id":2,"result"')) {
          step = 3;
          done();
        } else if (text.startsWith('{"type":"reply"') || text.startsWith('{"type":"error"')) refused(text);
      });
    },
    () => ` (step ${step}, last frame: ${last.slice(0, 200)})`,
  );
  return opened.then(() => ({
    publish: (body, to = channel) => {
      pending.set(++id, performance.timeOrigin + performance.now());
      ws.send(`{"type":"publish","id":${id},"channel":"${to}","data":${body},"nonce":"${nonce}${id}"}`);
    },
    close: () => ws.close(),
  }));
}

/**
 * Centrifugo v6, client protocol v2 in JSON (github.com/centrifugal/protocol): commands
 * `{"id":N,"connect":{"token":JWT}}`, `{"id":N,"subscribe":{"channel":C}}`,
 * `{"id":N,"publish":{"channel":C,"data":D}}`; replies carry the command's id and a result named
 * after it (or `error`); publications arrive as `{"push":{"channel":C,"pub":{"data":D,…}}}`.
 * The server may put several of these in one frame, one per line; an empty `{}` is its ping,
 * answered with `{}`.
 */
function centrifugo({ url, channel, token, role, onDelivery, onOther, onError, onClosed, onAck }) {
  const ws = socket(`${url}/connection/websocket`);
  let step = 0; // 0 connecting, 1 subscribing, 2 ready
  let id = 10;
  let last = '';
  const pending = new Map();
  const opened = ready(
    ws,
    onClosed,
    (done, refused) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, connect: { token, name: 'bench' } })));
      ws.on('message', (raw) => {
        for (const line of raw.toString().split('\n')) {
          if (!line) continue;
          last = line;
          if (line === '{}') ws.send('{}');
          else if (step === 2) {
            if (line.startsWith('{"push":')) {
              if (line.includes('"pub":')) onDelivery(line);
              else onOther();
            } else if (line.startsWith('{"id":')) {
              const replyId = parseInt(line.slice(6, 18), 10);
              const sentAt = pending.get(replyId);
              pending.delete(replyId);
              if (line.includes('"error":')) onError(line);
              else if (sentAt !== undefined) onAck?.(sentAt);
            } else onOther();
          } else if (line.includes('"error":')) refused(line);
          else if (step === 0 && line.startsWith('{"id":1,')) {
            if (role === 'sub') {
              step = 1;
              ws.send(JSON.stringify({ id: 2, subscribe: { channel } }));
            } else {
              step = 2;
              done();
            }
          } else if (step === 1 && line.startsWith('{"id":2,')) {
            step = 2;
            done();
          }
        }
      });
    },
    () => ` (step ${step}, last frame: ${last.slice(0, 200)})`,
  );
  return opened.then(() => ({
    publish: (body, to = channel) => {
      pending.set(++id, performance.timeOrigin + performance.now());
      ws.send(`{"id":${id},"publish":{"channel":"${to}","data":${body}}}`);
    },
    close: () => ws.close(),
  }));
}

/** Raw uWebSockets.js: the topic in the URL; every frame a subscriber receives is a delivery. */
function uws({ url, channel, role, onDelivery, onClosed }) {
  const ws = socket(`${url}/?topic=${encodeURIComponent(channel)}&sub=${role === 'sub' ? 1 : 0}`);
  return ready(ws, onClosed, (done) => ws.once('open', done)).then(() => {
    ws.on('message', (raw) => onDelivery(raw.toString()));
    return { publish: (body) => ws.send(body), close: () => ws.close() };
  });
}

/** Socket.IO 4 over a raw WebSocket speaking Engine.IO 4: `40` joins the namespace. */
function socketio({ url, channel, role, onDelivery, onError, onClosed }) {
  const query = `EIO=4&transport=websocket&room=${encodeURIComponent(channel)}&sub=${role === 'sub' ? 1 : 0}`;
  const ws = socket(`${url}/socket.io/?${query}`);
  let connected = false;
  const opened = ready(ws, onClosed, (done) => {
    ws.on('message', (raw) => {
      const text = raw.toString();
      if (text.startsWith('42')) onDelivery(text);
      else if (text === '2')
        ws.send('3'); // Engine.IO ping → pong
      else if (text.startsWith('0{')) ws.send('40');
      else if (!connected && text.startsWith('40')) {
        connected = true;
        done();
      } else if (text.startsWith('44')) onError(text);
    });
  });
  return opened.then(() => ({ publish: (body) => ws.send(`42["pub",${body}]`), close: () => ws.close() }));
}

export const dialects = { hubbub, uws, socketio, centrifugo };

/** A message body of exactly `bytes` bytes of JSON: chat text starting with the send time. */
export function messageBody(bytes, stampMs) {
  return `{"body":"${chatText(Math.max(0, bytes - 11), stampMs)}"}`;
}

/** The send time a delivered frame carries, read without parsing the frame. */
export const stampOf = stampOfText;
