// Tables: segments tile [1, 4); seed entries are the minimax choice on their grid; PWL and magic
// seeds are accurate enough to converge.
import { describe, expect, it } from 'vitest';
import { segment, seedTable, seedRelError, pwlTables, magicConstant } from './tables.js';

describe('segment', () => {
  it('tiles [1, 4) without gaps, [1,2) and [2,4) with 2^(k-1) segments each', () => {
    for (const k of [1, 2, 5, 8]) {
      let prev = 1;
      for (let a = 0; a < 2 ** k; a++) {
        const [lo, hi] = segment(k, a);
        expect(lo).toBe(prev);
        prev = hi;
      }
      expect(prev).toBe(4);
    }
  });
});

describe('seedTable', () => {
  it('chooses each entry to minimise the worst relative error over its segment', () => {
    for (const [k, d] of [[3, 6], [6, 9], [7, 12]] as const) {
      const t = seedTable(k, d);
      expect(t.entries).toHaveLength(2 ** k);
      t.entries.forEach((e, a) => {
        const [lo, hi] = segment(k, a);
        const err = (v: bigint) => seedRelError(Number(v) * 2 ** -d, lo, hi);
        expect(err(e)).toBeLessThanOrEqual(err(e - 1n));
        expect(err(e)).toBeLessThanOrEqual(err(e + 1n));
        expect(err(e)).toBeLessThanOrEqual(t.maxRelError);
      });
    }
  });

  it('beats the midpoint-value table on worst relative error', () => {
    const k = 6;
    const d = 14;
    const t = seedTable(k, d);
    let midWorst = 0;
    for (let a = 0; a < 2 ** k; a++) {
      const [lo, hi] = segment(k, a);
      const mid = Math.round(2 ** d / Math.sqrt((lo + hi) / 2)) * 2 ** -d;
      midWorst = Math.max(midWorst, seedRelError(mid, lo, hi));
    }
    expect(t.maxRelError).toBeLessThan(midWorst);
    // minimax over a segment of relative width 2^-(k-1) is about 2^-(k+1) / 2
    expect(t.maxRelError).toBeLessThan(2 ** -(k + 1));
  });
});

describe('pwlTables', () => {
  it('has a relative error far below the constant seed of the same size', () => {
    const k = 5;
    const d = 16;
    const { c0, c1 } = pwlTables(k, d);
    let worst = 0;
    for (let a = 0; a < 2 ** k; a++) {
      const [lo, hi] = segment(k, a);
      for (let i = 0; i <= 64; i++) {
        const u = i / 64;
        const y = (Number(c0.entries[a]) - Number(c1.entries[a]) * u) * 2 ** -d;
        worst = Math.max(worst, Math.abs(y * Math.sqrt(lo + u * (hi - lo)) - 1));
      }
    }
    expect(worst).toBeLessThan(seedTable(k, d).maxRelError / 8);
  });
});

describe('magicConstant', () => {
  it('reproduces the 0x5f3759df derivation shifted to bias 3', () => {
    // K = 1.5 (3 - sigma) 2^d
    expect(Number(magicConstant(23)) / 2 ** 23).toBeCloseTo(1.5 * (3 - 0.0450465), 6);
  });
});
