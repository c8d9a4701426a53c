// The reference: float64 brackets agree with the 140-digit BigNumber decision wherever float64
// claims to decide, and exact ties are found exactly.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sQ } from '../fixedpoint/index.js';
import { bracket, bracketExact, referenceCode, type RefFunction } from './index.js';

const SEED = Number(process.env.FC_SEED ?? 7);

describe('bracket', () => {
  it('float64 decisions equal the BigNumber decisions (seeded random inputs)', () => {
    fc.assert(fc.property(
      fc.constantFrom<RefFunction['function']>('isru', 'isrlu'), fc.constantFrom(1, 3, 0.5, 2, 0.3),
      fc.integer({ min: -(2 ** 19), max: 2 ** 19 - 1 }), fc.constantFrom<'y' | 'dy'>('y', 'dy'),
      (fn, alpha, x, which) => {
        const f: RefFunction = { function: fn, alpha, input: sQ(3, 16) };
        const fast = bracket(f, which, BigInt(x), 16);
        const slow = bracketExact(f, which, BigInt(x), 16);
        expect([fast.floor, fast.isInt, fast.half]).toEqual([slow.floor, slow.isInt, slow.half]);
      }), { seed: SEED, numRuns: 300 });
  });

  it('finds exact values and ties exactly', () => {
    // alpha = 3, x = 1: 1/sqrt(4) = 0.5 exactly; in an output with 0 fraction bits that is a tie.
    const f: RefFunction = { function: 'isru', alpha: 3, input: sQ(3, 4) };
    const b = bracket(f, 'y', 16n, 0);
    expect([b.floor, b.isInt, b.half]).toEqual([0n, false, 0]);
    expect(referenceCode(f, 'y', 16n, sQ(3, 0), 'nearest-even', 'saturate')).toBe(0n);
    expect(referenceCode(f, 'y', 16n, sQ(3, 0), 'nearest-away', 'saturate')).toBe(1n);
    expect(referenceCode(f, 'y', -16n, sQ(3, 0), 'nearest-away', 'saturate')).toBe(-1n);
    expect(referenceCode(f, 'y', 16n, sQ(3, 1), 'truncate', 'saturate')).toBe(1n); // exactly 0.5
    // x = 0 is exact zero
    expect(bracket(f, 'y', 0n, 12).isInt).toBe(true);
  });

  it('ISRLU passes x >= 0 through exactly, rounding and saturating into the output', () => {
    const f: RefFunction = { function: 'isrlu', alpha: 1, input: sQ(3, 12) };
    expect(referenceCode(f, 'y', 4097n, sQ(3, 11), 'nearest-even', 'saturate')).toBe(2048n); // 1.000244 -> 1.0 (tie to even)
    expect(referenceCode(f, 'y', 30000n, sQ(0, 12), 'nearest-even', 'saturate')).toBe(4095n);
  });
});
