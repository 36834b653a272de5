// Hubbub's profanity checker beside the two open-source word-list libraries it is built from,
// each used as its documentation says (obscenity: its English dataset and recommended
// transformers; bad-words: `new Filter().isProfane`), on the same suites: evasions caught,
// innocent phrases flagged (the project's suite and the held-out one), and messages checked per
// second of CPU on one core over the same corpus. For `npm run bench:moderation`.
import { Filter } from 'bad-words';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { buildCorpus } from './corpus.js';
import { HELD_OUT_INNOCENT } from './held-out-suite.js';
import { normalize } from './normalize.js';
import { findProfanity } from './profanity.js';
import { EVASION_SUITE, SCUNTHORPE_SUITE } from './suites.js';

export interface Checker {
  name: string;
  isProfane: (text: string) => boolean;
}

export function checkers(): Checker[] {
  const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const badWords = new Filter();
  return [
    { name: 'Hubbub', isProfane: (text) => findProfanity(normalize(text)).length > 0 },
    { name: 'obscenity', isProfane: (text) => obscenity.hasMatch(text) },
    { name: 'bad-words', isProfane: (text) => badWords.isProfane(text) },
  ];
}

export interface CheckerFigures {
  name: string;
  evasionCaught: number;
  evasionTotal: number;
  innocentFlagged: number;
  innocentTotal: number;
  heldOutFlagged: number;
  heldOutTotal: number;
  /** Messages of the corpus checked per second of this process's CPU time. */
  perCpuSecond: number;
}

/** CPU time rather than wall time: the figure holds on a machine shared with other work. */
function perCpuSecond(check: (text: string) => boolean, bodies: readonly string[], minMs: number): number {
  for (const body of bodies.slice(0, 200)) check(body);
  const started = process.cpuUsage();
  let checked = 0;
  let usedUs = 0;
  while (usedUs < minMs * 1000 || checked < bodies.length) {
    check(bodies[checked % bodies.length] as string);
    checked++;
    if (checked % 100 === 0) {
      const used = process.cpuUsage(started);
      usedUs = used.user + used.system;
    }
  }
  const used = process.cpuUsage(started);
  return Math.round(checked / ((used.user + used.system) / 1e6));
}

export function compareCheckers(options: { messages?: number; minMs?: number } = {}): CheckerFigures[] {
  const { messages = 1_000, minMs = 1_000 } = options;
  const bodies = buildCorpus(messages, 42).map((entry) => entry.message.body);
  return checkers().map(({ name, isProfane }) => ({
    name,
    evasionCaught: EVASION_SUITE.filter((c) => isProfane(c.text)).length,
    evasionTotal: EVASION_SUITE.length,
    innocentFlagged: SCUNTHORPE_SUITE.filter(isProfane).length,
    innocentTotal: SCUNTHORPE_SUITE.length,
    heldOutFlagged: HELD_OUT_INNOCENT.filter(isProfane).length,
    heldOutTotal: HELD_OUT_INNOCENT.length,
    perCpuSecond: perCpuSecond(isProfane, bodies, minMs),
  }));
}
