// A worker thread of the fan-out generator. Holds many connections of one role:
//   sub   subscribers: count deliveries, record publish-to-deliver latency (total and per
//         500 ms slot of arrival time, for the overload phase)
//   pub   publishers: publish at the rate the main thread sets, spread over the connections
//         (each message to a random one of `channels`), recording publish-to-ack latency (and,
//         while tracing, each ack's send and ack times and nonce, for the failover phase)
//   idle  connections that only stay open (memory per idle connection)
// Lean on purpose: a delivery costs a prefix check, a number read and a histogram increment.
import { setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import { dialects, messageBody, stampOf } from './dialects.mjs';
import { newHistogram, record } from './histogram.mjs';

// `channels`: subscriber i (counted over the whole group from `first`) subscribes to
// channels[i % channels.length]; a publisher sends each message to a random one of them.
const { dialect, urls, tokens, count, first, channels, role, messageBytes } = workerData;
const open = dialects[dialect];
const now = () => performance.timeOrigin + performance.now();
const SLOT_MS = 500;

let delivered = 0;
let marked = 0;
let others = 0; // frames that are not deliveries (Hubbub's presence events)
let histogram = newHistogram();
let slots = new Map(); // slot → { n, histogram }
let errors = 0;
let firstError = '';
let acks = 0;
let ackHistogram = newHistogram();
let tracing = false;
let ackTrace = [];

function onDelivery(text) {
  const at = now();
  const latency = at - stampOf(text);
  delivered++;
  record(histogram, latency);
  const key = Math.floor(at / SLOT_MS);
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = { n: 0, histogram: newHistogram() }));
  slot.n++;
  record(slot.histogram, latency);
}
function onAck(sentAtMs, ref) {
  acks++;
  const at = now();
  record(ackHistogram, at - sentAtMs);
  if (tracing) ackTrace.push({ sentAtMs, ackedAtMs: at, ref: ref ?? '' });
}
function onOther() {
  others++;
}
let closed = 0;
const closeCodes = {};
function onClosed(code) {
  if (shuttingDown) return;
  closed++;
  closeCodes[code] = (closeCodes[code] ?? 0) + 1;
}
let shuttingDown = false;
function onError(text) {
  errors++;
  firstError ||= text.slice(0, 300);
}

const connections = [];
let failed = 0;
let firstFailure = '';
const BATCH = 100;
for (let i = 0; i < count; i += BATCH) {
  const batch = [];
  for (let j = i; j < Math.min(count, i + BATCH); j++)
    batch.push(
      open({
        // A channel's subscribers are spread over the nodes too (one round of channels per node).
        url: urls[Math.floor((first + j) / channels.length) % urls.length],
        channel: channels[(first + j) % channels.length],
        token: tokens?.[j],
        role,
        onDelivery,
        onOther,
        onError,
        onClosed,
        onAck,
      }),
    );
  // A connection that fails to get ready is counted, not fatal: the main thread decides.
  for (const r of await Promise.allSettled(batch))
    if (r.status === 'fulfilled') connections.push(r.value);
    else {
      failed++;
      firstFailure ||= String(r.reason?.message ?? r.reason);
    }
}

// Publishing: every 2 ms, send what is due at the current rate, round robin over connections.
let rate = 0;
let sent = 0;
let sentAtRateChange = 0;
let rateSince = performance.now();
let next = 0;
setInterval(() => {
  if (rate <= 0 || connections.length === 0 || role !== 'pub') return;
  const due = Math.floor(((performance.now() - rateSince) / 1000) * rate) - (sent - sentAtRateChange);
  for (let i = 0; i < due; i++, sent++)
    connections[next++ % connections.length].publish(
      messageBody(messageBytes, now()),
      channels.length === 1 ? channels[0] : channels[Math.floor(Math.random() * channels.length)],
    );
}, 2);

parentPort.postMessage({ ready: connections.length, failed, firstFailure });
parentPort.on('message', (m) => {
  if (m.type === 'rate') {
    rate = m.rate;
    rateSince = performance.now();
    sentAtRateChange = sent;
    parentPort.postMessage({ ok: true });
  } else if (m.type === 'trace') {
    tracing = m.on;
    parentPort.postMessage({ ok: true });
  } else if (m.type === 'mark') {
    parentPort.postMessage({ delivered: delivered - marked, sent, others, answered: acks + errors });
    marked = delivered;
    others = 0;
  } else if (m.type === 'report') {
    const series = [...slots].map(([slot, s]) => ({ slot, n: s.n, histogram: s.histogram }));
    parentPort.postMessage({
      delivered,
      sent,
      histogram,
      series,
      errors,
      firstError,
      closed,
      closeCodes,
      acks,
      ackHistogram,
      ackTrace,
    });
    ackTrace = [];
    delivered = marked = sent = sentAtRateChange = errors = acks = 0;
    rateSince = performance.now();
    firstError = '';
    histogram = newHistogram();
    ackHistogram = newHistogram();
    slots = new Map();
  } else if (m.type === 'close') {
    shuttingDown = true;
    for (const c of connections) c.close();
    parentPort.postMessage({ closed: true });
  }
});
