// npm run bench:moderation — the moderation quality benchmark, reproducible (fixed seeds):
// SMS spam (held-out recall at FPR ≤ 0.5%, MCC), profanity evasion caught, innocent words
// flagged (Scunthorpe), synchronous AutoMod checks per second on one core. The last line printed
// is one JSON object; the lines before it give the details.
import {
  evaluateProfanity,
  measureHostile,
  measureLatency,
  measureThroughput,
} from '../moderation/automod/evaluate.js';
import { evaluateSms } from '../moderation/scoring/evaluate.js';

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

const sms = evaluateSms();
console.log(
  `sms: recall ${round(sms.recall)} fpr ${round(sms.fpr)} mcc ${round(sms.mcc)} threshold ${round(sms.threshold)}`,
);
const profanity = evaluateProfanity();
console.log(
  `evasion: ${profanity.evasion.caught}/${profanity.evasion.total} caught; scunthorpe: ${profanity.scunthorpe.falseFlags}/${profanity.scunthorpe.total} false flags`,
);
const latency = measureLatency();
console.log(`sync latency: ${JSON.stringify(latency)}`);
const perSecond = measureThroughput();
const hostileMaxUs = measureHostile();
console.log(`hostile messages: slowest check ${hostileMaxUs} µs`);

console.log(
  JSON.stringify({
    sms: { recall: round(sms.recall), fpr: round(sms.fpr), mcc: round(sms.mcc) },
    evasion: profanity.evasion,
    scunthorpe: profanity.scunthorpe,
    syncMsgsPerSecPerCore: Math.round(perSecond),
    syncP99Us: latency.p99Us,
    hostileMaxUs,
  }),
);
