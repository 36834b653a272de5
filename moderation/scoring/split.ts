// Stratified splits: each class is shuffled with its own seeded stream and cut at the same
// fraction, so both parts keep the collection's spam ratio.
import { seededRandom, shuffle } from './prng.js';

export interface TwoWaySplit {
  /** Ascending positions (into the labels given) of the first part. */
  readonly first: number[];
  readonly second: number[];
}

/** Puts round(fraction × class size) of each class, chosen at random, in the first part. */
export function stratifiedSplit(
  labels: readonly boolean[],
  firstFraction: number,
  seed: number,
): TwoWaySplit {
  const first: number[] = [];
  const second: number[] = [];
  [false, true].forEach((label, stream) => {
    const members = labels.flatMap((value, i) => (value === label ? [i] : []));
    shuffle(members, seededRandom(seed + stream * 0x9e3779b9));
    const cut = Math.round(members.length * firstFraction);
    first.push(...members.slice(0, cut));
    second.push(...members.slice(cut));
  });
  const ascending = (a: number, b: number): number => a - b;
  return { first: first.sort(ascending), second: second.sort(ascending) };
}
