/**
 * 32-bit FNV-1a string hashing, used to map n-grams and words to feature
 * buckets (the hashing trick) without storing a vocabulary. Pure.
 */
export const FNV_OFFSET = 0x811c9dc5;

/** one FNV-1a step over a UTF-16 code unit */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) >>> 0;
}

export function fnv1a(s: string, seed: number = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

/** final avalanche (murmur3 fmix32): FNV's low bits are weak for power-of-two tables */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
