// What a reaction may be named: one unicode emoji (a flag, a keycap, or a pictograph with its
// variation selector, skin tone, tag sequence and zero-width-joined parts), nothing else. Names
// like `$ne`, `a.b`, `__proto__` or `constructor` become keys and query paths downstream.
import { z } from 'zod';

const PICTOGRAPH = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?`;
const ONE_EMOJI = new RegExp(
  String.raw`^(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|` +
    String.raw`${PICTOGRAPH}(?:[\u{E0020}-\u{E007E}]+\u{E007F})?(?:\u200D${PICTOGRAPH})*)$`,
  'u',
);

export function isEmoji(text: string): boolean {
  return text.length <= 64 && ONE_EMOJI.test(text);
}

/** A route parameter or field holding one unicode emoji. */
export const emojiSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isEmoji, 'must be one unicode emoji')
  .describe('One unicode emoji (a flag, keycap, or pictograph with its modifiers), such as 👍.');
