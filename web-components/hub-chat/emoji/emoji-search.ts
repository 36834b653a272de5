// The emoji picker's rules, pure: its data (emoji-data.ts) read into groups, a search by name,
// skin tones applied to the emoji that take one, and the member's tone kept in localStorage.
/** The picker's groups, in Unicode's order (its "Component" group is left out). */
export const GROUP_KEYS = [
  'smileys',
  'people',
  'nature',
  'food',
  'travel',
  'activities',
  'objects',
  'symbols',
  'flags',
] as const;

export type GroupKey = (typeof GROUP_KEYS)[number];

/** No tone (the default yellow), then Fitzpatrick types 1-2 to 6. */
export const SKIN_TONES = ['', '\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'] as const;

export interface Emoji {
  /** The emoji without a skin tone. */
  char: string;
  /** Unicode's short name ("thumbs up"). */
  name: string;
  /** Takes a skin tone. */
  toned: boolean;
}

export interface EmojiGroup {
  key: GroupKey;
  emoji: Emoji[];
}

/** The groups of the generated data: one emoji a line, "~" first when it takes a tone. */
export function readGroups(data: readonly (readonly [string, string])[]): EmojiGroup[] {
  return data.map(([key, lines]) => ({
    key: key as GroupKey,
    emoji: lines.split('\n').map((line) => {
      const toned = line.startsWith('~');
      const rest = toned ? line.slice(1) : line;
      const space = rest.indexOf(' ');
      return { char: rest.slice(0, space), name: rest.slice(space + 1), toned };
    }),
  }));
}

/**
 * The emoji whose name has every word of the query at the start of one of its words
 * ("thu up" finds "thumbs up"); names that start with the query come first.
 */
export function searchEmoji(groups: readonly EmojiGroup[], query: string): Emoji[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const first: Emoji[] = [];
  const rest: Emoji[] = [];
  for (const e of groups.flatMap((g) => g.emoji)) {
    const name = e.name.toLowerCase();
    const starts = name.split(/[\s:,.!&()-]+/);
    if (!words.every((w) => starts.some((s) => s.startsWith(w)))) continue;
    (name.startsWith(words.join(' ')) ? first : rest).push(e);
  }
  return [...first, ...rest];
}

/**
 * `emoji` with `tone` after each of its modifier bases (a variation selector after one goes),
 * as Unicode writes them: "👋" → "👋🏽", "👩‍❤️‍💋‍👨" → "👩🏽‍❤️‍💋‍👨🏽".
 */
export const toneOf = (emoji: string, tone: string): string =>
  tone ? emoji.replace(/(\p{Emoji_Modifier_Base})\uFE0F?/gu, `$1${tone}`) : emoji;

/** What a pick inserts: the emoji in the member's tone when it takes one. */
export const withTone = (e: Emoji, tone: number): string =>
  e.toned ? toneOf(e.char, SKIN_TONES[tone] ?? '') : e.char;

const toneKey = (userId: string) => `hub-emoji-tone:${userId}`;

/** The member's skin tone (0, no tone, to 5), as they last chose it on this browser. */
export function storedTone(userId: string): number {
  try {
    const tone = Number(localStorage.getItem(toneKey(userId)));
    return Number.isInteger(tone) && tone >= 0 && tone < SKIN_TONES.length ? tone : 0;
  } catch {
    return 0; // Storage refused (a sandboxed frame, private mode): the default tone.
  }
}

export function storeTone(userId: string, tone: number): void {
  try {
    localStorage.setItem(toneKey(userId), String(tone));
  } catch {
    // Not kept; the tone still holds until the page goes.
  }
}
