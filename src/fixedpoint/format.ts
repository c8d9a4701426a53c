// Fixed-point formats: the names users write (sQi.f, uQi.f), their widths and ranges.
// Invariant: a Format is immutable and its width is always >= 1; raw value r means r * 2^-frac.

/** A binary fixed-point format. `int` and `frac` count bits; a signed format adds one sign bit. */
export interface Format {
  readonly signed: boolean;
  /** Integer bits (excluding the sign bit). May be negative for internal formats. */
  readonly int: number;
  /** Fraction bits. May be negative for internal formats. */
  readonly frac: number;
}

/** Largest width a user-facing format may have. */
export const MAX_USER_WIDTH = 64;

export class FormatError extends Error {
  override name = 'FormatError';
}

export function fmt(signed: boolean, int: number, frac: number): Format {
  const f: Format = Object.freeze({ signed, int, frac });
  if (!Number.isInteger(int) || !Number.isInteger(frac)) {
    throw new FormatError(`format bits must be integers, got int=${int} frac=${frac}`);
  }
  if (width(f) < 1) throw new FormatError(`format ${formatName(f)} has no bits`);
  return f;
}

export const sQ = (int: number, frac: number): Format => fmt(true, int, frac);
export const uQ = (int: number, frac: number): Format => fmt(false, int, frac);

/** Total bit width: 1 + int + frac for signed, int + frac for unsigned. */
export function width(f: Format): number {
  return (f.signed ? 1 : 0) + f.int + f.frac;
}

export function formatName(f: Format): string {
  return `${f.signed ? 's' : 'u'}Q${f.int}.${f.frac}`;
}

export function sameFormat(a: Format, b: Format): boolean {
  return a.signed === b.signed && a.int === b.int && a.frac === b.frac;
}

const FORMAT_RE = /^([su])Q(-?\d+)\.(-?\d+)$/;

/**
 * Parses a user-facing format name (`sQ3.12`, `uQ0.8`). Integer and fraction bits must be
 * non-negative and the width between 1 and 64. Throws FormatError with a one-line reason.
 */
export function parseFormat(text: unknown): Format {
  if (typeof text !== 'string') {
    throw new FormatError(`expected a format name like "sQ3.12", got ${describe(text)}`);
  }
  const m = FORMAT_RE.exec(text.trim());
  if (!m) throw new FormatError(`"${text}" is not a format name like "sQ3.12" or "uQ0.8"`);
  const int = Number(m[2]);
  const frac = Number(m[3]);
  if (int < 0) throw new FormatError(`"${text}" has negative integer bits (${int})`);
  if (frac < 0) throw new FormatError(`"${text}" has negative fraction bits (${frac})`);
  const f = fmt(m[1] === 's', int, frac);
  const w = width(f);
  if (w > MAX_USER_WIDTH) throw new FormatError(`"${text}" is ${w} bits wide; the limit is ${MAX_USER_WIDTH}`);
  return f;
}

/** Smallest raw value of the format. */
export function minRaw(f: Format): bigint {
  return f.signed ? -(1n << BigInt(width(f) - 1)) : 0n;
}

/** Largest raw value of the format. */
export function maxRaw(f: Format): bigint {
  return (1n << BigInt(f.signed ? width(f) - 1 : width(f))) - 1n;
}

/** Real value of a raw code (exact when the raw value has at most 53 significant bits). */
export function toReal(raw: bigint | number, f: Format): number {
  return Number(raw) * 2 ** -f.frac;
}

/** Two's-complement code (unsigned bit pattern) of a raw value, as written in hex files. */
export function toCode(raw: bigint, f: Format): bigint {
  return BigInt.asUintN(width(f), raw);
}

/** Raw value of a code (the inverse of toCode); the code must fit in the width. */
export function fromCode(code: bigint, f: Format): bigint {
  return f.signed ? BigInt.asIntN(width(f), code) : BigInt.asUintN(width(f), code);
}

/** Number of hex digits of a code in this format: ceil(width / 4). */
export function hexDigits(f: Format): number {
  return Math.ceil(width(f) / 4);
}

export function formatHex(raw: bigint, f: Format): string {
  return toCode(raw, f).toString(16).padStart(hexDigits(f), '0');
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'bigint') return `${v}n`;
  return `a ${typeof v}`;
}
