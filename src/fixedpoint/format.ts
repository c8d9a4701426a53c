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
 * The spellings users bring from elsewhere, as [_, s|u, integer bits, fraction bits] like FORMAT_RE's
 * match: `Q3.12` (signed, the sign bit not counted), hls4ml's `ap_fixed<W,I>` (I counts the sign bit)
 * and `ap_ufixed<W,I>`, FloPoCo's bit weights `msb=M,lsb=L` (signed: M the sign bit's weight) and
 * `unsigned msb=M,lsb=L`. The canonical name stays sQi.f / uQi.f.
 */
function otherNotation(text: string): [string, string, string, string] | undefined {
  const q = /^Q(-?\d+)\.(-?\d+)$/.exec(text);
  if (q) return [text, 's', q[1]!, q[2]!];
  const ap = /^ap_(u?)fixed\s*<\s*(\d+)\s*,\s*(-?\d+)\s*>$/.exec(text);
  if (ap) {
    const w = Number(ap[2]);
    const i = Number(ap[3]);
    return ap[1] ? [text, 'u', String(i), String(w - i)] : [text, 's', String(i - 1), String(w - i)];
  }
  const fl = /^(?:(signed|unsigned)\s+)?msb\s*=\s*(-?\d+)\s*[, ]\s*lsb\s*=\s*(-?\d+)$/i.exec(text);
  if (fl) {
    const msb = Number(fl[2]);
    const lsb = Number(fl[3]);
    return fl[1]?.toLowerCase() === 'unsigned' ? [text, 'u', String(msb + 1), String(-lsb)] : [text, 's', String(msb), String(-lsb)];
  }
  return undefined;
}

/**
 * Parses a user-facing format name (`sQ3.12`, `uQ0.8`). Integer and fraction bits must be
 * non-negative and the width between 1 and 64. Throws FormatError with a one-line reason.
 */
export function parseFormat(text: unknown): Format {
  if (typeof text !== 'string') {
    throw new FormatError(`expected a format name like "sQ3.12", got ${describe(text)}`);
  }
  const m = FORMAT_RE.exec(text.trim()) ?? otherNotation(text.trim());
  if (!m) {
    const near = /^([su])q(\d+)\.(\d+)$/i.exec(text.trim());
    throw new FormatError(`"${text}" is not a format name like "sQ3.12" or "uQ0.8"${near ? ` (did you mean "${near[1]!.toLowerCase()}Q${near[2]}.${near[3]}"?)` : ''}; also accepted: Q3.12 (signed), ap_fixed<16,4> and ap_ufixed<8,0> (hls4ml: width, integer bits), msb=3,lsb=-12 (FloPoCo bit weights; "unsigned msb=-1,lsb=-8" for unsigned)`);
  }
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
