import { describe, expect, it } from 'vitest';
import { findProfanity, normalize } from '../moderation/automod/index.js';
import { scoreSpam } from '../moderation/scoring/spam-scorer.js';
import { chatText, stampOfText } from './chat-text.mjs';

describe('the benchmarks’ chat text', () => {
  const start = 1_796_648_734_703.123;

  it('is exactly the bytes asked for, and its send time reads back to the microsecond', () => {
    for (const bytes of [64, 128, 1024]) {
      const stamp = start + bytes * 17.125;
      const body = `{"body":"${chatText(bytes - 11, stamp)}"}`; // as the generator's messageBody
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect(JSON.parse(body)).toEqual({ body: expect.stringMatching(/^t=[26b-z]+ /) });
      expect(stampOfText(`{"type":"pub","offset":3,"data":${body}}`)).toBeCloseTo(stamp, 3);
    }
    expect(stampOfText(chatText(0, start))).toBeCloseTo(start, 3);
  });

  it('is not scored as spam, so the scoring worker leaves the benchmark’s messages alone', () => {
    // The earlier filler (`t=<13 digits> xxxx…`) was flagged every time: a phone-number-like run.
    expect(scoreSpam(`t=${start.toFixed(3)} ${'x'.repeat(90)}`).flagged).toBe(true);
    const flagged = Array.from({ length: 500 }, (_, i) => chatText(117, start + i * 37.5)).filter(
      (text) => scoreSpam(text).flagged,
    );
    expect(flagged).toEqual([]);
  });

  it('spells no word AutoMod refuses, whatever the send time', () => {
    // In base 36, one stamp in about 7,000 did ("t=hov2md5ass …"): that publish was refused.
    const refused = Array.from({ length: 20_000 }, (_, i) => chatText(117, start + i * 9.37)).filter(
      (text) => findProfanity(normalize(text)).length > 0,
    );
    expect(refused).toEqual([]);
  });
});
