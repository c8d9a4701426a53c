// Seeded pseudo-random numbers shared by every folder: the same seed gives the same numbers on every
// machine (tests print the seed on failure), and seeded samples of a fixed-point format's codes.

import { width, minRaw, maxRaw, type Format } from '../fixedpoint/index.js';

/** Seeded 32-bit PRNG (mulberry32): the same seed gives the same codes on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
}

/** A seeded permutation of `items` (Fisher-Yates on mulberry32): the same seed, the same order. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rnd = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Corner cases of a format plus `samples` seeded random codes, sorted ascending, unique. */
export function sampleCodes(f: Format, samples: number, seed: number): bigint[] {
  const lo = minRaw(f);
  const hi = maxRaw(f);
  const w = width(f);
  const set = new Set<bigint>([lo, lo + 1n, -1n, 0n, 1n, hi - 1n, hi]);
  for (let b = 0; b < w; b++) {
    const p = 1n << BigInt(b);
    for (const v of [p, p - 1n, p + 1n, -p, -p - 1n, -p + 1n]) set.add(v);
  }
  const rnd = mulberry32(seed);
  const span = hi - lo + 1n;
  for (let i = 0; i < samples; i++) {
    let r = 0n;
    for (let j = 0; j < Math.ceil(w / 32); j++) r = (r << 32n) | BigInt(rnd());
    set.add(lo + (r % span));
  }
  return [...set].filter((v) => v >= lo && v <= hi).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
