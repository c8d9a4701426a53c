// The mathematical reference: each activation function (src/reference/functions.ts) and its
// derivative in float64, with a high-precision (mathjs BigNumber) decision wherever float64 cannot
// tell on which side of a rounding boundary the exact value lies. Everything that needs "the right
// answer" (error analysis, tables, fitted approximations, tests) asks this module.

import { create, all, type BigNumber, type MathJsInstance } from 'mathjs';
import { type Format, type Rounding, type Overflow, minRaw, maxRaw, resizeBig } from '../fixedpoint/index.js';
import { fn, type FunctionName } from './functions.js';

export type Which = 'y' | 'dy';
export interface RefFunction {
  readonly function: FunctionName;
  readonly alpha: number;
  readonly input: Format;
}

/** The function in float64 (relative error a few 2^-53). */
export function exactReal(f: RefFunction, x: number): number {
  return fn(f.function).value(f.alpha, x);
}

/** The derivative in float64. */
export function exactDerivReal(f: RefFunction, x: number): number {
  return fn(f.function).derivative(f.alpha, x);
}

let bigMath: MathJsInstance | undefined;
function big(): MathJsInstance {
  bigMath ??= create(all!, { number: 'BigNumber', precision: 140 });
  return bigMath;
}

/** The exact value scaled to output ulps, to 140 significant digits. */
function scaledBig(f: RefFunction, which: Which, xRaw: bigint, outFrac: number): BigNumber {
  const m = big();
  const x = m.divide(m.bignumber(xRaw.toString()), m.pow(m.bignumber(2), f.input.frac)) as BigNumber;
  const a = m.bignumber(f.alpha);
  const scale = m.pow(m.bignumber(2), outFrac) as BigNumber;
  const d = fn(f.function);
  const v = which === 'y' ? d.valueBig(m, a, x) : d.derivativeBig(m, a, x);
  return m.multiply(v, scale) as BigNumber;
}

/**
 * Where the exact value s (in output ulps, i.e. value * 2^frac) lies: `floor` = floor(s),
 * `isInt` whether s is an integer, `half` = sign of frac(s) - 1/2. Decided exactly.
 */
export interface Bracket {
  readonly approx: number;
  /** s - floor(s), in [0, 1) (accurate even where s itself exceeds 2^53). */
  readonly frac: number;
  readonly floor: bigint;
  readonly isInt: boolean;
  readonly half: -1 | 0 | 1;
}

/** Float64 bracket of s; returns undefined when s is too close to a boundary to decide. */
export function bracketFast(s: number): Bracket | undefined {
  const fl = Math.floor(s);
  const r = s - fl;
  const tol = Math.abs(s) * 2 ** -47 + 2 ** -60;
  if (r < tol || 1 - r < tol || Math.abs(r - 0.5) < tol) return undefined;
  return { approx: s, frac: r, floor: BigInt(fl), isInt: false, half: r < 0.5 ? -1 : 1 };
}

/** Decides the bracket of the exact value with BigNumber arithmetic. */
export function bracketExact(f: RefFunction, which: Which, xRaw: bigint, outFrac: number): Bracket {
  const s = scaledBig(f, which, xRaw, outFrac);
  const m = big();
  const fl = m.floor(s) as BigNumber;
  const r = m.subtract(s, fl) as BigNumber;
  const half = r.comparedTo(m.bignumber(0.5)) as -1 | 0 | 1;
  return { approx: s.toNumber(), frac: r.toNumber(), floor: BigInt(fl.toFixed(0)), isInt: r.isZero(), half };
}

/** Exact value of `which` at xRaw, scaled to ulps of `outFrac`, in float64. */
export function scaledReal(f: RefFunction, which: Which, xRaw: bigint | number, outFrac: number): number {
  const x = Number(xRaw) * 2 ** -f.input.frac;
  return (which === 'y' ? exactReal(f, x) : exactDerivReal(f, x)) * 2 ** outFrac;
}

/** Bracket of the exact value, float64 first, BigNumber where float64 cannot decide. */
export function bracket(f: RefFunction, which: Which, xRaw: bigint, outFrac: number): Bracket {
  if (which === 'y' && fn(f.function).identityForNonNegative && xRaw >= 0n) {
    // exact: x itself, a dyadic rational
    const d = outFrac - f.input.frac;
    const num = d >= 0 ? xRaw << BigInt(d) : xRaw;
    const den = d >= 0 ? 1n : 1n << BigInt(-d);
    const fl = num / den; // non-negative: truncation = floor
    const rem = num - fl * den;
    const half = 2n * rem < den ? -1 : 2n * rem > den ? 1 : 0;
    return { approx: Number(xRaw) * 2 ** d, frac: Number(rem) / Number(den), floor: fl, isInt: rem === 0n, half };
  }
  return bracketFast(scaledReal(f, which, xRaw, outFrac)) ?? bracketExact(f, which, xRaw, outFrac);
}

/** Rounds a bracketed exact value into `out` with the given rounding and overflow. */
export function roundBracket(b: Bracket, out: Format, rounding: Rounding, overflow: Overflow): bigint {
  let q = b.floor;
  if (!b.isInt && rounding !== 'truncate') {
    if (b.half > 0) q += 1n;
    else if (b.half === 0) {
      if (rounding === 'nearest-even') q += q & 1n;
      else if (b.approx > 0) q += 1n;
    }
  }
  return resizeBig(q, { signed: true, int: 200, frac: out.frac }, out, 'truncate', overflow);
}

/** The correctly rounded output code of `which` at xRaw (what a perfect core would give). */
export function referenceCode(f: RefFunction, which: Which, xRaw: bigint, out: Format, rounding: Rounding, overflow: Overflow): bigint {
  return roundBracket(bracket(f, which, xRaw, out.frac), out, rounding, overflow);
}

/** Clamps a bracket's floor/ceil into the output range: the codes a faithful core may return. */
export function faithfulCodes(b: Bracket, out: Format): [bigint, bigint] {
  const lo = minRaw(out);
  const hi = maxRaw(out);
  const clamp = (v: bigint) => (v < lo ? lo : v > hi ? hi : v);
  return [clamp(b.floor), clamp(b.isInt ? b.floor : b.floor + 1n)];
}
