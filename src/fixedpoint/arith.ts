// Exact fixed-point arithmetic: every operation widens to a format that holds its exact result;
// narrowing happens only in `resize`, which names its rounding and overflow handling.
// Two spellings of resize: BigInt (any width, the reference) and number (fast path, only where
// `resizeFitsNumber` proves every intermediate is an exactly representable double).

import { type Format, fmt, width, minRaw, maxRaw } from './format.js';

export type Rounding = 'truncate' | 'nearest-even' | 'nearest-away';
export type Overflow = 'wrap' | 'saturate';
export const ROUNDINGS: readonly Rounding[] = ['truncate', 'nearest-even', 'nearest-away'];
export const OVERFLOWS: readonly Overflow[] = ['wrap', 'saturate'];

/** Format of a + b (or a - b), exact for every pair of operands. */
export function addFormat(a: Format, b: Format): Format {
  return fmt(a.signed || b.signed, Math.max(a.int, b.int) + 1, Math.max(a.frac, b.frac));
}

/** Format of a - b: always signed, exact for every pair of operands. */
export function subFormat(a: Format, b: Format): Format {
  return fmt(true, Math.max(a.int, b.int) + 1, Math.max(a.frac, b.frac));
}

/** Format of a * b, exact: width(a) + width(b) bits. */
export function mulFormat(a: Format, b: Format): Format {
  const signed = a.signed || b.signed;
  // signed*signed needs one more integer bit for (-2^ia) * (-2^ib) = 2^(ia+ib).
  const int = a.int + b.int + (a.signed && b.signed ? 1 : 0);
  return fmt(signed, int, a.frac + b.frac);
}

/** Format of a * a, exact and unsigned: (-2^i)^2 = 2^(2i) needs 2i+1 integer bits. */
export function squareFormat(a: Format): Format {
  return fmt(false, 2 * a.int + (a.signed ? 1 : 0), 2 * a.frac);
}

/** Format of a * 2^k: the raw value is unchanged, only the binary point moves. */
export function shiftFormat(a: Format, k: number): Format {
  return fmt(a.signed, a.int + k, a.frac - k);
}

/** Aligns raw to `toFrac` fraction bits with the given rounding (BigInt, exact for any width). */
export function roundShiftBig(raw: bigint, fromFrac: number, toFrac: number, rounding: Rounding): bigint {
  const d = fromFrac - toFrac;
  if (d <= 0) return raw << BigInt(-d);
  const bd = BigInt(d);
  const q = raw >> bd; // arithmetic shift = floor division
  if (rounding === 'truncate') return q;
  const r = raw - (q << bd);
  const half = 1n << (bd - 1n);
  if (r > half) return q + 1n;
  if (r < half) return q;
  if (rounding === 'nearest-even') return q + (q & 1n);
  return raw >= 0n ? q + 1n : q; // nearest-away: ties move away from zero
}

/** Applies overflow handling to bring raw into the range of `to` (BigInt). */
export function overflowBig(raw: bigint, to: Format, overflow: Overflow): bigint {
  const lo = minRaw(to);
  const hi = maxRaw(to);
  if (raw >= lo && raw <= hi) return raw;
  if (overflow === 'saturate') return raw < lo ? lo : hi;
  const w = width(to);
  return to.signed ? BigInt.asIntN(w, raw) : BigInt.asUintN(w, raw);
}

/** Narrows or widens raw from `from` to `to`: round the fraction, then handle overflow. */
export function resizeBig(raw: bigint, from: Format, to: Format, rounding: Rounding, overflow: Overflow): bigint {
  return overflowBig(roundShiftBig(raw, from.frac, to.frac, rounding), to, overflow);
}

/**
 * True when resizeNum is exact for every raw value of `from`: the input, the aligned value and
 * the wrap arithmetic all stay within 53 significant bits.
 */
export function resizeFitsNumber(from: Format, to: Format): boolean {
  const grow = Math.max(0, to.frac - from.frac);
  return width(from) + grow <= 53 && width(to) <= 53;
}

/** Number spelling of roundShiftBig; exact while |raw| * 2^(toFrac-fromFrac) < 2^53. */
export function roundShiftNum(raw: number, fromFrac: number, toFrac: number, rounding: Rounding): number {
  const d = fromFrac - toFrac;
  if (d <= 0) return raw * 2 ** -d;
  const s = raw * 2 ** -d; // exact: a power-of-two scale
  const q = Math.floor(s);
  if (rounding === 'truncate') return q;
  const r = s - q; // exact, in [0, 1)
  if (r > 0.5) return q + 1;
  if (r < 0.5) return q;
  if (rounding === 'nearest-even') return q % 2 === 0 ? q : q + 1;
  return raw >= 0 ? q + 1 : q;
}

/** Number spelling of overflowBig (width(to) <= 53). */
export function overflowNum(raw: number, to: Format, overflow: Overflow): number {
  const w = width(to);
  const lo = to.signed ? -(2 ** (w - 1)) : 0;
  const hi = (to.signed ? 2 ** (w - 1) : 2 ** w) - 1;
  if (raw >= lo && raw <= hi) return raw;
  if (overflow === 'saturate') return raw < lo ? lo : hi;
  const m = 2 ** w;
  let u = raw - Math.floor(raw / m) * m; // in [0, 2^w)
  if (to.signed && u > hi) u -= m;
  return u;
}

/** Number spelling of resizeBig; call only where resizeFitsNumber(from, to) holds. */
export function resizeNum(raw: number, from: Format, to: Format, rounding: Rounding, overflow: Overflow): number {
  return overflowNum(roundShiftNum(raw, from.frac, to.frac, rounding), to, overflow);
}

/**
 * Quantizes a real number into `to` with the given rounding and overflow (the edge where reals
 * enter the fixed-point world, e.g. training). NaN is refused; infinities saturate or wrap to 0.
 */
export function quantize(real: number, to: Format, rounding: Rounding, overflow: Overflow): bigint {
  if (Number.isNaN(real)) throw new RangeError('cannot quantize NaN');
  if (!Number.isFinite(real)) return real > 0 ? (overflow === 'saturate' ? maxRaw(to) : 0n) : overflow === 'saturate' ? minRaw(to) : 0n;
  const s = real * 2 ** to.frac;
  // Split into an exact integer part and a fraction so BigInt sees no rounding of its own.
  const q = Math.floor(s);
  const r = s - q;
  let n = BigInt(q);
  if (rounding !== 'truncate') {
    if (r > 0.5) n += 1n;
    else if (r === 0.5) {
      if (rounding === 'nearest-even') n += n & 1n;
      else if (real >= 0) n += 1n;
    }
  }
  return overflowBig(n, to, overflow);
}
