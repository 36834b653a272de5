// The text of the benchmarks' messages: ordinary marketplace chat, the same bytes for every
// system, carrying its send time. Filler such as `t=1796648734703.123 xxxx…` is what a spam
// model scores as spam (a 13-digit run reads as a phone number): Hubbub's scoring worker then
// hid most messages and fanned a `message.hidden` out for each, a load no real community has.
// So the send time (µs) is written in a base of 19 symbols with no vowels, no c, k, l or y and
// none of the digits read as letters (0 1 3 4 5 7 8 9): in base 36 about one stamp in 7,000
// spelled a word AutoMod refuses ("…5ass", "…feg"), and that publish was refused. The rest is
// real sentences.

const STAMP_DIGITS = '26bdfghjmnpqrstvwxz';

function encodeStamp(us) {
  let text = '';
  do {
    text = STAMP_DIGITS[us % STAMP_DIGITS.length] + text;
    us = Math.floor(us / STAMP_DIGITS.length);
  } while (us > 0);
  return text;
}

/** The stamp at the start of `text` (up to its first other character), NaN if none. */
function decodeStamp(text) {
  let us = NaN;
  for (const ch of text) {
    const digit = STAMP_DIGITS.indexOf(ch);
    if (digit < 0) break;
    us = (Number.isNaN(us) ? 0 : us * STAMP_DIGITS.length) + digit;
  }
  return us;
}

const SENTENCES = [
  'Thanks for the quick reply, the leak under the sink is fixed now and everything looks dry again.',
  'Can you come by on Thursday afternoon to look at the heating? Any time after lunch works for us.',
  'The hedges look much better than before, thank you. We will let you know when the lawn needs doing.',
  'The new shelves are up in the kitchen and they look lovely. Could you send the invoice by email?',
  'Running a little late this morning because of the traffic, I should be there in about ten minutes.',
  'Do you also paint ceilings? The one in the hallway has a few cracks we would like to have covered.',
];

/** `chars` characters of chat text starting with `t=<send time> ` (ASCII only). */
export function chatText(chars, stampMs) {
  const head = `t=${encodeStamp(Math.round(stampMs * 1000))} `;
  let text = head;
  for (let i = Math.floor(stampMs) % SENTENCES.length; text.length < chars; i = (i + 1) % SENTENCES.length)
    text += `${SENTENCES[i]} `;
  return text.slice(0, Math.max(head.length, chars)).trimEnd().padEnd(Math.max(head.length, chars), '.');
}

/** The send time (ms) that chatText wrote into `text`, found without parsing the frame around it. */
export function stampOfText(text) {
  const at = text.indexOf('t=');
  if (at < 0) return NaN;
  const end = text.indexOf(' ', at);
  return decodeStamp(text.slice(at + 2, end < 0 ? undefined : end)) / 1000;
}
