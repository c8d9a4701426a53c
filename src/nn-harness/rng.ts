// Seeded pseudo-random numbers for initializers, shuffling and test data: same seed, same numbers.
// mulberry32 (src/common) for uniform draws; Box-Muller for normals.

import { mulberry32 } from '../common/index.js';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  // The shared mulberry32 on a scrambled seed (so that seeds 1, 2, 3 start far apart).
  const draw = mulberry32((seed >>> 0) ^ 0x9e3779b9);
  const next = () => draw() / 4294967296;
  return {
    next,
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (n) => Math.floor(next() * n),
  };
}

/** A seeded permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
