// The benchmark's measurements, each on a load already connected: a steady window at a fixed
// publish rate (with the servers' CPU time), the saturation search, the overload run and the
// memory of idle connections.
import { ConnectionGroup, type Report } from './generator.js';
import { cpuSeconds, rssKB } from './processes.js';
import { bucketUpperMs, histogramPercentile, round } from './stats.js';
import type { RunningSystem, SystemSpec } from './systems.js';

export interface Load {
  system: RunningSystem;
  subscribers: number;
  /** Deliveries one publish makes: all subscribers on one channel, a channel's share on many. */
  fanout: number;
  /** Whether the system acknowledges publishes (Hubbub, Centrifugo): acks count then. */
  acked: boolean;
  subs: ConnectionGroup;
  pubs: ConnectionGroup;
  /** Seconds the subscribers took to connect, authenticate and subscribe (all at once). */
  subscribeS: number;
}

export interface LoadOptions {
  subscribers: number;
  publishers: number;
  threads: number;
  messageBytes: number;
  /** The channels (default: the system's one channel); subscribers spread evenly over them. */
  channels?: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wallMs = () => performance.timeOrigin + performance.now();

/** Subscribers over every node, publishers on the first node (so fan-out crosses nodes). */
export async function connectLoad(
  spec: SystemSpec,
  system: RunningSystem,
  o: LoadOptions,
  tokens: (prefix: string, count: number) => Promise<string[]>,
): Promise<Load> {
  const tokened = spec.dialect === 'hubbub' || spec.dialect === 'centrifugo';
  const channels = o.channels ?? [system.channel];
  const subTokens = tokened ? await tokens('sub', o.subscribers) : undefined;
  const subscribing = performance.now();
  const subs = await ConnectionGroup.open({
    dialect: spec.dialect,
    role: 'sub',
    urls: system.urls,
    channels,
    count: o.subscribers,
    ...(subTokens && { tokens: subTokens }),
    threads: o.threads,
    messageBytes: o.messageBytes,
  });
  const subscribeS = (performance.now() - subscribing) / 1000;
  const pubs = await ConnectionGroup.open({
    dialect: spec.dialect,
    role: 'pub',
    urls: system.urls.slice(0, 1),
    channels,
    count: o.publishers,
    ...(tokened && { tokens: await tokens('pub', o.publishers) }),
    threads: 1,
    messageBytes: o.messageBytes,
  });
  if (subs.failed || pubs.failed)
    console.error(
      `bench: ${subs.failed + pubs.failed} connection(s) failed: ${subs.firstFailure || pubs.firstFailure}`,
    );
  // Loss and expected deliveries count the subscribers actually connected.
  const load = {
    system,
    subscribers: subs.connected,
    fanout: subs.connected / channels.length,
    acked: tokened,
    subs,
    pubs,
    subscribeS,
  };
  await quiet(load);
  return load;
}

/**
 * Waits until nothing arrives any more (at most `maxMs`): in Hubbub the first members joining a
 * channel are announced to all its subscribers (presence `join` frames, until the channel has
 * HUB_PRESENCE_LIVE_MAX_USERS members; then a `presence_count` frame every couple of seconds),
 * which may still flow when the last subscribe is answered.
 */
async function quiet(load: Load, maxMs = 180_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let calm = 0;
  while (calm < 2 && Date.now() < deadline) {
    await sleep(500);
    const m = await load.subs.mark();
    calm = m.delivered + m.others === 0 ? calm + 1 : 0;
  }
}

export async function closeLoad(load: Load): Promise<void> {
  await Promise.all([load.subs.close(), load.pubs.close()]);
}

/**
 * Waits until deliveries stop (nothing for 500 ms) and, where publishes are acknowledged, every
 * publish is answered and answers stop too (a backlog's answers may outnumber the publishes
 * counted since the last report): at most `maxMs`. True when drained. (A server stalled for half
 * a second is not drained.)
 */
export async function drain(load: Load, maxMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let quiet = 0;
  let answered = !load.acked;
  let lastAnswers = -1;
  while ((quiet < 2 || !answered) && Date.now() < deadline) {
    await sleep(250);
    const delivered = (await load.subs.mark()).delivered;
    let answering = false;
    if (load.acked) {
      const pubs = await load.pubs.mark();
      answered = pubs.answered >= pubs.sent;
      answering = pubs.answered !== lastAnswers;
      lastAnswers = pubs.answered;
    }
    quiet = delivered === 0 && !answering ? quiet + 1 : 0;
  }
  return quiet >= 2 && answered;
}

const SLOT_MS = 500;

/**
 * Deliveries per second that arrived between two wall-clock times, from the 500 ms slots of
 * arrival time (not from when a busy worker answers): whole slots inside the window only.
 */
function arrivalRate(report: Report, fromMs: number, toMs: number): number {
  const inside = report.series.filter((s) => s.slot * SLOT_MS >= fromMs && (s.slot + 1) * SLOT_MS <= toMs);
  const spanS = (inside.length * SLOT_MS) / 1000;
  return spanS > 0 ? inside.reduce((n, s) => n + s.n, 0) / spanS : NaN;
}

export interface Latency {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function latencyOf(histogram: Uint32Array): Latency {
  let top = histogram.length - 1;
  while (top > 0 && histogram[top] === 0) top--;
  return {
    p50Ms: round(histogramPercentile(histogram, 50)),
    p90Ms: round(histogramPercentile(histogram, 90)),
    p99Ms: round(histogramPercentile(histogram, 99)),
    maxMs: round(bucketUpperMs(top)),
  };
}

export interface Steady extends Latency {
  publishRate: number;
  /** Publish-to-ack latency (systems that acknowledge publishes; NaN for the others). */
  ackP50Ms: number;
  ackP99Ms: number;
  acks: number;
  /** Server processes' CPU seconds per 1,000 publishes in the window. */
  cpuSecPerKPublishes: number;
  seconds: number;
  published: number;
  delivered: number;
  deliveredPerSec: number;
  loss: number;
  /** Server processes' CPU seconds (user + system) per million deliveries in the window. */
  cpuSecPerMDeliveries: number;
  /** The same with the backends counted in (Redis; for Hubbub also FerretDB, shared). */
  cpuSecPerMDeliveriesWithBackends: number;
  /** The same with Redis counted in (its one redis-server, or all six of a cluster), not FerretDB. */
  cpuSecPerMDeliveriesWithRedis: number;
  serverCpuUtilization: number;
  closed: number;
  errors: number;
  firstError: string;
}

/**
 * Publishes at `rate` for `seconds` (after `warmupS` at that rate, not counted), then waits for
 * the stragglers. Delivered/s counts the
 * window; loss and latency count every message published in it, however late it arrived.
 */
/** Longest wait for a backlog to drain before a steady window. */
const BACKLOG_DRAIN_MS = 90_000;

export async function steady(load: Load, rate: number, seconds: number, warmupS = 0): Promise<Steady> {
  if (warmupS > 0) {
    await load.pubs.setRate(rate);
    await sleep(warmupS * 1000);
    await load.pubs.setRate(0);
  }
  // The window must not start on a backlog (the saturation search before it overloads the
  // server; acks of its publishes counted here would be the backlog's, not this rate's), so the
  // wait is long; a server that still has not caught up is said so.
  if (!(await drain(load, BACKLOG_DRAIN_MS)))
    process.stderr.write(
      `steady ${rate}/s: still draining after ${BACKLOG_DRAIN_MS / 1000} s; the window starts anyway\n`,
    );
  await Promise.all([load.subs.report(), load.pubs.report()]);
  const cpu = (pids: number[]) => pids.reduce((s, pid) => s + cpuSeconds(pid), 0);
  const { pids, backendPids, redisPids } = load.system;
  const cpu0 = cpu(pids);
  // Backends' processes may start during the window (a new database connection): each counts
  // from what it had used at the start, or from nothing.
  const backendsAtStart = new Map(backendPids().map((pid) => [pid, cpuSeconds(pid)]));
  const redis0 = cpu(redisPids);
  const t0 = wallMs();
  await load.pubs.setRate(rate);
  await sleep(seconds * 1000);
  const t1 = wallMs();
  const cpuUsed = cpu(pids) - cpu0;
  const backendsUsed = backendPids().reduce(
    (s, pid) => s + cpuSeconds(pid) - (backendsAtStart.get(pid) ?? 0),
    0,
  );
  const redisUsed = cpu(redisPids) - redis0;
  await load.pubs.setRate(0);
  await drain(load);
  const [subs, pubs] = await Promise.all([load.subs.report(), load.pubs.report()]);
  const elapsedS = (t1 - t0) / 1000;
  // Deliveries in the window (CPU is for the window too), from arrival times.
  const windowDelivered = arrivalRate(subs, t0, t1) * elapsedS;
  const mDeliveries = windowDelivered / 1e6;
  const ack = latencyOf(pubs.ackHistogram);
  return {
    publishRate: rate,
    ackP50Ms: ack.p50Ms,
    ackP99Ms: ack.p99Ms,
    acks: pubs.acks,
    cpuSecPerKPublishes: round(cpuUsed / ((rate * elapsedS) / 1000), 4),
    seconds: round(elapsedS),
    published: pubs.sent,
    delivered: subs.delivered,
    deliveredPerSec: Math.round(windowDelivered / elapsedS),
    loss: round(Math.max(0, 1 - subs.delivered / (pubs.sent * load.fanout)), 5),
    ...latencyOf(subs.histogram),
    cpuSecPerMDeliveries: round(cpuUsed / mDeliveries, 3),
    cpuSecPerMDeliveriesWithBackends: round((cpuUsed + backendsUsed) / mDeliveries, 3),
    cpuSecPerMDeliveriesWithRedis: round((cpuUsed + redisUsed) / mDeliveries, 3),
    serverCpuUtilization: round(cpuUsed / elapsedS, 2),
    closed: subs.closed,
    errors: subs.errors + pubs.errors,
    firstError: pubs.firstError || subs.firstError,
  };
}

export interface Step extends Latency {
  publishRate: number;
  deliveredPerSec: number;
  expectedPerSec: number;
  /** Acknowledged publishes per second, and their median latency (NaN without acks). */
  ackedPerSec: number;
  ackP50Ms: number;
  keptUp: boolean;
}

/** One step of the search: the rate held for `seconds` after a short settling time. */
async function step(load: Load, rate: number, seconds: number, settleMs = 500): Promise<Step> {
  await load.pubs.setRate(rate);
  await sleep(settleMs);
  await Promise.all([load.subs.report(), load.pubs.report()]);
  const t0 = wallMs();
  await sleep(seconds * 1000);
  const t1 = wallMs();
  // Both at once: a busy subscriber thread answering late must not stretch the publishers' window.
  const [subs, pubs] = await Promise.all([load.subs.report(), load.pubs.report()]);
  const deliveredPerSec = Math.round(arrivalRate(subs, t0, t1));
  const expectedPerSec = rate * load.fanout;
  const latency = latencyOf(subs.histogram);
  const ackedPerSec = Math.round(pubs.acks / ((t1 - t0) / 1000));
  const ackP50Ms = latencyOf(pubs.ackHistogram).p50Ms;
  // Acks count where there are any: a publish delivered but not acknowledged is not kept up.
  const acksKeptUp = !load.acked || (ackedPerSec >= 0.9 * rate && ackP50Ms < 500);
  return {
    publishRate: rate,
    deliveredPerSec,
    expectedPerSec,
    ackedPerSec,
    ackP50Ms,
    // Kept up: (almost) everything offered arrived (a short window at a low rate counts few
    // messages, hence the tolerance), and no queue is building up.
    keptUp: deliveredPerSec >= 0.9 * expectedPerSec && latency.p50Ms < 500 && acksKeptUp,
    ...latency,
  };
}

export interface Saturation {
  steps: Step[];
  /** The highest publish rate the system kept up with: what the hold offers. */
  holdRate: number;
}

/**
 * Raises the publish rate by `factor` per step until delivered/s stops rising or the system
 * falls behind (twice in a row at that rate); then tries once the rate its best delivered/s
 * implies. The hold rate is the
 * highest rate it kept up with.
 */
export async function saturate(
  load: Load,
  o: { startRate: number; factor: number; stepS: number; maxRate: number },
  log: (s: Step) => void,
): Promise<Saturation> {
  const steps: Step[] = [];
  let holdRate = 0;
  let best = 0;
  for (let rate = o.startRate; rate <= o.maxRate; rate = Math.ceil(rate * o.factor)) {
    // The first step also warms the servers up (JIT, buffers).
    let s = await step(load, rate, o.stepS, steps.length === 0 ? 2000 : 500);
    steps.push(s);
    log(s);
    if (!s.keptUp) {
      // Once more after a pause: on a shared machine one bad window is not a verdict.
      await load.pubs.setRate(0);
      await drain(load);
      s = await step(load, rate, o.stepS, 1000);
      steps.push(s);
      log(s);
    }
    if (s.keptUp) holdRate = rate;
    // Deliveries above the expected count are a backlog of an earlier step arriving late, not
    // capacity: counted as such, they made a later step that kept up look like no rise (a
    // many-channel search stopped at 40 publishes/s after its first steps caught up).
    const delivered = Math.min(s.deliveredPerSec, s.expectedPerSec);
    const rising = delivered > best * 1.05;
    best = Math.max(best, delivered);
    if (!s.keptUp || !rising) break;
  }
  const implied = Math.floor((best / load.fanout) * 0.95);
  if (implied > holdRate) {
    await load.pubs.setRate(0);
    await drain(load);
    const s = await step(load, implied, o.stepS);
    steps.push(s);
    log(s);
    if (s.keptUp) holdRate = implied;
  }
  await load.pubs.setRate(0);
  await drain(load);
  return { steps, holdRate: holdRate || o.startRate };
}

export interface Overload {
  saturationRate: number;
  overloadRate: number;
  afterRate: number;
  baselineP99Ms: number;
  overloadDeliveredPerSec: number;
  /** Delivered/s during the overload over the saturation (hold) delivered/s. */
  overloadRetention: number;
  /** Seconds from the drop until every later 500 ms slot has a p99 within 2× the baseline; null if never. */
  recoveryS: number | null;
  closed: number;
  closeCodes: Record<string, number>;
  series: { t: number; deliveredPerSec: number; p99Ms: number }[];
}

/**
 * Half the saturation rate (the baseline), then 1.5× it for `overloadS`, then half again for
 * `afterS`: how much is still delivered under overload, and how soon latency is normal again.
 */
export async function overload(
  load: Load,
  saturationRate: number,
  saturationDeliveredPerSec: number,
  o: { baselineS: number; overloadS: number; afterS: number },
): Promise<Overload> {
  const half = Math.max(1, Math.round(saturationRate / 2));
  const over = Math.round(saturationRate * 1.5);
  await drain(load);
  await Promise.all([load.subs.report(), load.pubs.report()]);
  const t0 = wallMs();
  await load.pubs.setRate(half);
  await sleep(o.baselineS * 1000);
  const tOver = wallMs();
  await load.pubs.setRate(over);
  await sleep(o.overloadS * 1000);
  const tDrop = wallMs();
  await load.pubs.setRate(half);
  await sleep(o.afterS * 1000);
  const tEnd = wallMs();
  await load.pubs.setRate(0);
  const report: Report = await load.subs.report();
  await load.pubs.report();
  const slots = report.series.map((s) => ({
    start: s.slot * SLOT_MS,
    n: s.n,
    p99: histogramPercentile(s.histogram, 99),
    histogram: s.histogram,
  }));
  const within = (a: number, b: number) => slots.filter((s) => s.start >= a && s.start + SLOT_MS <= b);
  // The baseline leaves out its first second (connections warming to the new rate).
  const base = within(t0 + 1000, tOver);
  const baseHist = new Uint32Array(report.histogram.length);
  for (const s of base) s.histogram.forEach((n, i) => (baseHist[i] = (baseHist[i] ?? 0) + n));
  const baselineP99Ms = histogramPercentile(baseHist, 99);
  const overloadSlots = within(tOver, tDrop);
  const overloadDeliveredPerSec =
    overloadSlots.reduce((n, s) => n + s.n, 0) / ((overloadSlots.length * SLOT_MS) / 1000 || 1);
  const normal = Math.max(2 * baselineP99Ms, baselineP99Ms + 2);
  const after = within(tDrop, tEnd);
  let lastBad = -1;
  after.forEach((s, i) => {
    if (!(s.p99 <= normal) || s.n === 0) lastBad = i;
  });
  const recovered = lastBad < after.length - 1;
  const recoveryS =
    lastBad < 0
      ? 0
      : recovered
        ? round(((after[lastBad]?.start ?? tDrop) + SLOT_MS - tDrop) / 1000, 1)
        : null;
  return {
    saturationRate,
    overloadRate: over,
    afterRate: half,
    baselineP99Ms: round(baselineP99Ms),
    overloadDeliveredPerSec: Math.round(overloadDeliveredPerSec),
    overloadRetention: round(overloadDeliveredPerSec / saturationDeliveredPerSec, 3),
    recoveryS,
    closed: report.closed,
    closeCodes: report.closeCodes,
    series: slots
      .filter((s) => s.start >= t0 && s.start < tEnd + 2000)
      .map((s) => ({
        t: round((s.start - tOver) / 1000, 1),
        deliveredPerSec: s.n * (1000 / SLOT_MS),
        p99Ms: round(s.p99),
      })),
  };
}

export interface IdleMemory {
  connections: number;
  rssBeforeKB: number;
  rssAfterKB: number;
  rssPerConnKB: number;
}

/** RSS growth of one node per idle (for Hubbub: authenticated) connection. */
export async function idleMemory(
  spec: SystemSpec,
  system: RunningSystem,
  connections: number,
  threads: number,
  tokens: (prefix: string, count: number) => Promise<string[]>,
): Promise<IdleMemory> {
  const pid = system.pids[0] as number;
  const tokened = spec.dialect === 'hubbub' || spec.dialect === 'centrifugo';
  const open = async (count: number, prefix: string) =>
    ConnectionGroup.open({
      dialect: spec.dialect,
      role: 'idle',
      urls: system.urls,
      channels: [system.channel],
      count,
      ...(tokened && { tokens: await tokens(prefix, count) }),
      threads,
      messageBytes: 0,
    });
  // Warm the process (JIT, buffers, pools) before the baseline.
  const warm = await open(100, 'warm');
  await sleep(1000);
  const rssBeforeKB = rssKB(pid);
  const idle = await open(connections, 'idle');
  await sleep(2000);
  const rssAfterKB = rssKB(pid);
  await Promise.all([warm.close(), idle.close()]);
  return {
    connections: idle.connected,
    rssBeforeKB,
    rssAfterKB,
    rssPerConnKB: round((rssAfterKB - rssBeforeKB) / idle.connected, 2),
  };
}
