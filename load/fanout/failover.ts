// The failover phase of the `hubbubCluster` system: publishing at a steady rate on the hot
// channel, the Redis Cluster master owning the channel's slot is killed (SIGKILL); the pause is
// the time from the kill until a publish sent after it is acknowledged (the cluster promotes the
// master's replica, the hub's ioredis clients follow the new slot map). Every acknowledged
// publish must then be in durable history (MongoDB): nothing acked may be lost.
import type { AckTrace } from './generator.js';
import { drain, type Load } from './phases.js';
import { round } from './stats.js';

export type { AckTrace };

export interface Failover {
  publishRate: number;
  /** The killed master's port. */
  killedPort: number;
  /** ms from the kill until the first acknowledgement of a publish sent after it; null when
   * none came within the window. */
  pauseMs: number | null;
  /** The longest time without any acknowledgement in the window (ms). */
  longestAckGapMs: number;
  published: number;
  acked: number;
  /** Publishes answered with an error (e.g. not_ready) in the window. */
  refused: number;
  /** Acknowledged publishes missing from durable history once it settled. */
  ackedLost: number;
  firstError: string;
}

/** The pause: from the kill to the first ack of a publish sent after it (null: none). */
export function pauseAfterKill(trace: AckTrace[], killedAtMs: number): number | null {
  const after = trace.filter((t) => t.sentAtMs >= killedAtMs).map((t) => t.ackedAtMs);
  return after.length > 0 ? round(Math.min(...after) - killedAtMs) : null;
}

/** The longest silence between acknowledgements from `fromMs` to `toMs` (its ends included). */
export function longestAckGap(trace: AckTrace[], fromMs: number, toMs: number): number {
  const times = [fromMs, ...trace.map((t) => t.ackedAtMs).filter((t) => t > fromMs && t < toMs), toMs].sort(
    (a, b) => a - b,
  );
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, (times[i] as number) - (times[i - 1] as number));
  return round(gap);
}

export interface FailoverOptions {
  rate: number;
  /** Seconds of publishing before the kill, and after it. */
  beforeS: number;
  afterS: number;
  /** The port of the master owning the channel's slot, and how to kill it (at once). */
  masterPort: number;
  kill(port: number): void;
  /** Of these nonces, those stored in durable history. */
  stored(refs: string[]): Promise<Set<string>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wallMs = () => performance.timeOrigin + performance.now();

export async function failover(load: Load, o: FailoverOptions): Promise<Failover> {
  await drain(load);
  await Promise.all([load.subs.report(), load.pubs.report()]);
  await load.pubs.trace(true);
  await load.pubs.setRate(o.rate);
  await sleep(o.beforeS * 1000);
  o.kill(o.masterPort);
  const killedAtMs = wallMs();
  await sleep(o.afterS * 1000);
  const endMs = wallMs();
  await load.pubs.setRate(0);
  // Publishes held during the failover are answered late: wait for them.
  await drain(load, 30_000);
  const [pubs] = await Promise.all([load.pubs.report(), load.subs.report()]);
  await load.pubs.trace(false);
  const trace = pubs.ackTrace;
  const refs = trace.map((t) => t.ref);
  // Durable writes trail the acknowledgements (group commit): wait until they settle.
  let stored = await o.stored(refs);
  for (let waited = 0; stored.size < refs.length && waited < 20_000; waited += 500) {
    await sleep(500);
    stored = await o.stored(refs);
  }
  return {
    publishRate: o.rate,
    killedPort: o.masterPort,
    pauseMs: pauseAfterKill(trace, killedAtMs),
    longestAckGapMs: longestAckGap(trace, killedAtMs - o.beforeS * 1000, endMs),
    published: pubs.sent,
    acked: pubs.acks,
    refused: pubs.errors,
    ackedLost: refs.filter((r) => !stored.has(r)).length,
    firstError: pubs.firstError,
  };
}
