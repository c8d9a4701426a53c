// Property tests: the exact-format rules never lose a bit, and the number fast path equals BigInt.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fmt, minRaw, maxRaw, width, type Format } from './format.js';
import {
  addFormat, mulFormat, squareFormat, subFormat, resizeBig, resizeNum, resizeFitsNumber, quantize,
  ROUNDINGS, OVERFLOWS, type Rounding,
} from './arith.js';

const SEED = Number(process.env.FC_SEED ?? 20261129);
const params = { seed: SEED, numRuns: 2000 };

const arbFormat = (maxW: number): fc.Arbitrary<Format> =>
  fc.record({ signed: fc.boolean(), int: fc.integer({ min: 0, max: 30 }), frac: fc.integer({ min: 0, max: 30 }) })
    .filter((f) => (f.signed ? 1 : 0) + f.int + f.frac >= 1 && (f.signed ? 1 : 0) + f.int + f.frac <= maxW)
    .map((f) => fmt(f.signed, f.int, f.frac));

const arbRaw = (f: Format): fc.Arbitrary<bigint> => fc.bigInt({ min: minRaw(f), max: maxRaw(f) });
const withRaw = (maxW: number) => arbFormat(maxW).chain((f) => arbRaw(f).map((r) => [f, r] as const));

/** Reference rounding from first principles on rationals: compares 2*remainder with the divisor. */
function refRound(raw: bigint, d: number, rounding: Rounding): bigint {
  if (d <= 0) return raw * 2n ** BigInt(-d);
  const div = 2n ** BigInt(d);
  let q = raw / div; // toward zero
  if (raw < 0n && q * div !== raw) q -= 1n; // floor
  const rem = raw - q * div; // in [0, div)
  if (rounding === 'truncate') return q;
  if (2n * rem > div) return q + 1n;
  if (2n * rem < div) return q;
  if (rounding === 'nearest-even') return q % 2n === 0n ? q : q + 1n;
  return raw > 0n ? q + 1n : q;
}

describe('exact formats', () => {
  it('add, sub, mul and square hold every exact result', () => {
    fc.assert(fc.property(withRaw(40), withRaw(40), ([fa, a], [fb, b]) => {
      const check = (f: Format, v: bigint, fracIn: number) => {
        const raw = v * 2n ** BigInt(f.frac - fracIn);
        expect(raw >= minRaw(f) && raw <= maxRaw(f)).toBe(true);
      };
      const F = Math.max(fa.frac, fb.frac);
      const al = a * 2n ** BigInt(F - fa.frac);
      const bl = b * 2n ** BigInt(F - fb.frac);
      check(addFormat(fa, fb), al + bl, F);
      check(subFormat(fa, fb), al - bl, F);
      check(mulFormat(fa, fb), a * b, fa.frac + fb.frac);
      check(squareFormat(fa), a * a, 2 * fa.frac);
      expect(width(mulFormat(fa, fb))).toBe(width(fa) + width(fb));
      // extremes: the most negative codes multiplied
      check(mulFormat(fa, fb), minRaw(fa) * minRaw(fb), fa.frac + fb.frac);
      check(squareFormat(fa), minRaw(fa) * minRaw(fa), 2 * fa.frac);
    }), params);
  });
});

describe('resize', () => {
  it('BigInt rounding matches a first-principles reference', () => {
    fc.assert(fc.property(withRaw(64), arbFormat(64), fc.constantFrom(...ROUNDINGS), fc.constantFrom(...OVERFLOWS),
      ([from, raw], to, rnd, ovf) => {
        const got = resizeBig(raw, from, to, rnd, ovf);
        const r = refRound(raw, from.frac - to.frac, rnd);
        expect(got >= minRaw(to) && got <= maxRaw(to)).toBe(true);
        if (r >= minRaw(to) && r <= maxRaw(to)) expect(got).toBe(r);
        else if (ovf === 'saturate') expect(got).toBe(r < minRaw(to) ? minRaw(to) : maxRaw(to));
        else expect((got - r) % 2n ** BigInt(width(to))).toBe(0n);
      }), params);
  });

  it('number fast path equals BigInt wherever it claims to fit', () => {
    fc.assert(fc.property(withRaw(53), arbFormat(53), fc.constantFrom(...ROUNDINGS), fc.constantFrom(...OVERFLOWS),
      ([from, raw], to, rnd, ovf) => {
        fc.pre(resizeFitsNumber(from, to));
        expect(resizeNum(Number(raw), from, to, rnd, ovf)).toBe(Number(resizeBig(raw, from, to, rnd, ovf)));
      }), params);
  });

  it('rounds ties as named', () => {
    const from = fmt(true, 3, 2);
    const to = fmt(true, 3, 0);
    // raw 6 = 1.5, raw 10 = 2.5, raw -6 = -1.5
    expect([6n, 10n, -6n].map((r) => resizeBig(r, from, to, 'nearest-even', 'wrap'))).toEqual([2n, 2n, -2n]);
    expect([6n, 10n, -6n].map((r) => resizeBig(r, from, to, 'nearest-away', 'wrap'))).toEqual([2n, 3n, -2n]);
    expect([6n, 10n, -6n].map((r) => resizeBig(r, from, to, 'truncate', 'wrap'))).toEqual([1n, 2n, -2n]);
    expect(resizeBig(-7n, from, to, 'nearest-away', 'wrap')).toBe(-2n);
    expect(resizeBig(100n, from, fmt(true, 2, 0), 'truncate', 'saturate')).toBe(3n);
    expect(resizeBig(100n, from, fmt(true, 2, 0), 'truncate', 'wrap')).toBe(1n);
  });
});

describe('quantize', () => {
  it('agrees with resize of the exact binary value', () => {
    fc.assert(fc.property(withRaw(50), arbFormat(50), fc.constantFrom(...ROUNDINGS), fc.constantFrom(...OVERFLOWS),
      ([from, raw], to, rnd, ovf) => {
        const real = Number(raw) * 2 ** -from.frac;
        expect(quantize(real, to, rnd, ovf)).toBe(resizeBig(raw, from, to, rnd, ovf));
      }), params);
  });
});
