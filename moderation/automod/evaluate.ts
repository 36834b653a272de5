// Figures for `npm run bench:moderation`: how well the profanity matcher does on the suites the
// tests use, and how fast the engine checks messages with a realistic rule set, on one core.
import { buildCorpus, realisticConfig, type CorpusMessage } from './corpus.js';
import type { AutoModConfigInput } from './rules.js';
import { AutoMod } from './engine.js';
import { normalize } from './normalize.js';
import { findProfanity } from './profanity.js';
import { EVASION_SUITE, SCUNTHORPE_SUITE } from './suites.js';

export interface ProfanityEvaluation {
  evasion: { caught: number; total: number; missed: string[] };
  scunthorpe: { falseFlags: number; total: number; flagged: string[] };
}

/** Flags at any severity: an evasion counts as caught, an innocent text as a false flag. */
export function evaluateProfanity(): ProfanityEvaluation {
  const flagged = (text: string) => findProfanity(normalize(text)).length > 0;
  const missed = EVASION_SUITE.filter((c) => !flagged(c.text)).map((c) => c.text);
  const falselyFlagged = SCUNTHORPE_SUITE.filter(flagged);
  return {
    evasion: { caught: EVASION_SUITE.length - missed.length, total: EVASION_SUITE.length, missed },
    scunthorpe: {
      falseFlags: falselyFlagged.length,
      total: SCUNTHORPE_SUITE.length,
      flagged: falselyFlagged,
    },
  };
}

export interface ThroughputOptions {
  /** Distinct messages in the corpus (default 5,000). */
  messages?: number;
  /** Passes over the corpus that are timed, after one untimed warm-up pass (default 3). */
  passes?: number;
  seed?: number;
  /** Every category's level at 4 besides the rules (default false). */
  strictestLevels?: boolean;
  /** Divide by this process's CPU time rather than wall time (default false): for shared machines. */
  cpuTime?: boolean;
}

/** `realisticConfig()`, with every level at its strictest when asked. */
function benchConfig(strictestLevels: boolean): AutoModConfigInput {
  const config = realisticConfig();
  if (!strictestLevels) return config;
  return { ...config, levels: { identity: 4, sexual: 4, aggression: 4, profanity: 4, spam: 4 } };
}

/** Synchronous checks per second on one core, with `realisticConfig()` over `buildCorpus()`. */
export function measureThroughput(options: ThroughputOptions = {}): number {
  const { messages = 5_000, passes = 3, seed = 42, strictestLevels = false, cpuTime = false } = options;
  const corpus = buildCorpus(messages, seed);
  const span = (corpus[corpus.length - 1]?.at ?? 0) + 1_000;
  const automod = new AutoMod(benchConfig(strictestLevels));
  runPass(automod, corpus, 0);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let pass = 1; pass <= passes; pass++) runPass(automod, corpus, pass * span);
  const cpu = process.cpuUsage(cpuStarted);
  const elapsedMs = cpuTime ? (cpu.user + cpu.system) / 1000 : performance.now() - started;
  return Math.round((passes * corpus.length) / (elapsedMs / 1000));
}

export interface Latency {
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/** Times each check is repeated in `measureLatency`; the fastest counts. */
const LATENCY_ROUNDS = 5;

/**
 * The distribution of one check's duration, in microseconds, over the same corpus and rules.
 * Each message is checked in LATENCY_ROUNDS rounds (each round later than the last, so rate
 * windows behave alike) and its fastest check counts: on a shared machine a check the
 * scheduler pre-empted would otherwise count the other processes' time as its own, while a
 * message that is slow to check is slow in every round.
 */
export function measureLatency(options: Omit<ThroughputOptions, 'passes' | 'cpuTime'> = {}): Latency {
  const { messages = 5_000, seed = 42, strictestLevels = false } = options;
  const corpus = buildCorpus(messages, seed);
  const span = (corpus[corpus.length - 1]?.at ?? 0) + 1_000;
  const automod = new AutoMod(benchConfig(strictestLevels));
  runPass(automod, corpus, 0);
  const durations = new Float64Array(corpus.length).fill(Infinity);
  for (let round = 1; round <= LATENCY_ROUNDS; round++) {
    corpus.forEach((entry, i) => {
      const started = performance.now();
      automod.check(entry.message, { roleIds: entry.roleIds }, round * span + entry.at);
      durations[i] = Math.min(durations[i] ?? Infinity, (performance.now() - started) * 1000);
    });
  }
  durations.sort();
  const at = (q: number) =>
    Math.round((durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0) * 10) / 10;
  return { p50Us: at(0.5), p99Us: at(0.99), maxUs: at(1) };
}

function runPass(automod: AutoMod, corpus: readonly CorpusMessage[], offsetMs: number): void {
  for (const entry of corpus) automod.check(entry.message, { roleIds: entry.roleIds }, offsetMs + entry.at);
}

/** Messages built to be slow to check: long runs, evasions, zero-width and full-width text. */
export const HOSTILE_MESSAGES: readonly string[] = [
  'f u c k '.repeat(500),
  'fuck'.repeat(1000),
  'a'.repeat(4000),
  `${'<@a> '.repeat(800)}`,
  'a.'.repeat(2000),
  'ｆ'.repeat(4000),
  'x\u200b'.repeat(2000),
  'free nitro '.repeat(360),
  `${'a'.repeat(3990)}!`,
  `${'ab'.repeat(1999)}*x`,
  '[.]'.repeat(1300),
  '$!|'.repeat(1300),
];

/** The slowest check of a hostile message, in microseconds (best of five runs each). */
export function measureHostile(): number {
  const automod = new AutoMod(benchConfig(true));
  let worst = 0;
  HOSTILE_MESSAGES.forEach((body, i) => {
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const message = { body, authorId: `hostile-${i}-${run}`, channelId: 'c' };
      const started = performance.now();
      automod.check(message, { roleIds: [] }, run);
      best = Math.min(best, (performance.now() - started) * 1000);
    }
    worst = Math.max(worst, best);
  });
  return Math.round(worst);
}
