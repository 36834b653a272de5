// The text of the benchmarks' messages: ordinary marketplace chat, the same bytes for every
// system, carrying its send time. Filler such as `t=1796648734703.123 xxxx…` is what a spam
// model scores as spam (a 13-digit run reads as a phone number): Hubbub's scoring worker then
// hid most messages and fanned a `message.hidden` out for each, a load no real community has.
// So the send time is written in base 36 (`t=houx1r8duw`) and the rest is real sentences.

const SENTENCES = [
  'Thanks for the quick reply, the leak under the sink is fixed now and everything looks dry again.',
  'Can you come by on Thursday afternoon to look at the heating? Any time after lunch works for us.',
  'The hedges look much better than before, thank you. We will let you know when the lawn needs doing.',
  'The new shelves are up in the kitchen and they look lovely. Could you send the invoice by email?',
  'Running a little late this morning because of the traffic, I should be there in about ten minutes.',
  'Do you also paint ceilings? The one in the hallway has a few cracks we would like to have covered.',
];

/** `chars` characters of chat text starting with `t=<send time in base 36> ` (ASCII only). */
export function chatText(chars, stampMs) {
  const head = `t=${Math.round(stampMs * 1000).toString(36)} `;
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
  return parseInt(text.slice(at + 2, end < 0 ? undefined : end), 36) / 1000;
}
