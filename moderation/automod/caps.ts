// Excessive capitals: the share of upper-case letters among a message's letters. Mentions and
// links are left out (their ids and paths are not shouting); letters without case (CJK) are not
// counted.

// Bounded scheme, so a long word without one cannot make the search quadratic.
const MENTION_OR_LINK = /<@[!&]?[A-Za-z0-9_-]{1,64}>|[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\/\S*/g;

export interface CapitalsCount {
  letters: number;
  capitals: number;
}

export function countCapitals(body: string): CapitalsCount {
  const text = body.includes('<@') || body.includes('://') ? body.replace(MENTION_OR_LINK, ' ') : body;
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters++;
      capitals++;
    } else if (c >= 97 && c <= 122) {
      letters++;
    } else if (c > 127) {
      const ch = text.charAt(i);
      const lower = ch.toLowerCase();
      if (lower !== ch) {
        letters++;
        capitals++;
      } else if (ch.toUpperCase() !== ch) {
        letters++;
      }
    }
  }
  return { letters, capitals };
}
