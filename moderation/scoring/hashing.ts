// The hashing trick: feature names map to a fixed index space, so the model needs no vocabulary
// and words it has never seen cost nothing.

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so the low bits mix well. */
export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The feature's slot in a space of 2^bits weights. */
export const featureIndex = (name: string, bits: number): number => hashFeature(name) & ((1 << bits) - 1);
