// What the scoring worker's CPU spends on one message's scores, without a queue or a database:
// the spam model's score and the whole score sheet (scoreMessage: spam, profanity, heuristics,
// trust) over the benchmark's chat text (chat-text.mjs), in µs per message of wall time on an
// otherwise quiet core. Five rounds; the fastest is the figure (the others had the machine's
// noise in them). Prints one JSON object.
//   npx tsx load/scoring-speed.ts [--messages 2000]
import { parseArgs } from 'node:util';
import { chatText } from './chat-text.mjs';
import { scoreMessage } from '../moderation/scoring/queue/score-message.js';
import { shippedSpamModel } from '../moderation/scoring/spam-scorer.js';

const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '2000' } } });
const model = shippedSpamModel();
const texts = Array.from({ length: Number(args.messages) }, (_, i) =>
  chatText(128 - '{"body":""}'.length, 1_796_681_703_181 + i * 7.3),
);
const author = { joinedAt: new Date(Date.now() - 90 * 86_400_000), violations: 0, now: new Date() };

/** µs per message of the fastest of five rounds. */
function perMessageUs(score: (text: string) => number): number {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (const text of texts) sink += score(text);
    best = Math.min(best, (performance.now() - start) / texts.length);
  }
  if (Number.isNaN(sink)) throw new Error('scoring-speed: a score was not a number');
  return Math.round(best * 10_000) / 10;
}

console.log(
  JSON.stringify({
    messages: texts.length,
    spamScoreUs: perMessageUs((text) => model.classifier.score(text)),
    scoreSheetUs: perMessageUs((text) => scoreMessage(text, author, { version: 0, model }).risk),
  }),
);
