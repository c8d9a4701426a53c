// Spelling helpers shared by the ops' Verilog and JavaScript: sized literals, extension and slices
// with explicit widths (lint-clean under verilator -Wall), and exact powers of two for JavaScript.

/** A sized Verilog literal of `w` bits holding the two's-complement code of `v`. */
export function lit(w: number, v: bigint): string {
  return `${w}'h${BigInt.asUintN(w, v).toString(16)}`;
}

/** `e` (a plain identifier of `from` bits) extended to `to` bits, by sign or by zeros. */
export function ext(e: string, from: number, to: number, signed: boolean): string {
  if (to === from) return e;
  if (to < from) return `${e}[${to - 1}:0]`;
  const pad = to - from;
  return signed ? `{{${pad}{${e}[${from - 1}]}}, ${e}}` : `{${pad}'b0, ${e}}`;
}

/** Bits [hi:lo] of a `w`-bit identifier, zero-filled where the range leaves the vector. */
export function slice(e: string, w: number, hi: number, lo: number): string {
  const parts: string[] = [];
  if (hi >= w) parts.push(`${hi - Math.max(lo, w) + 1}'b0`);
  const top = Math.min(hi, w - 1);
  const bot = Math.max(lo, 0);
  if (top >= bot) parts.push(top === bot ? `${e}[${top}]` : `${e}[${top}:${bot}]`);
  if (lo < 0) parts.push(`${Math.min(hi, -1) - lo + 1}'b0`);
  return parts.length === 1 ? parts[0]! : `{${parts.join(', ')}}`;
}

export const decl = (name: string, w: number) => `wire [${w - 1}:0] ${name};`;

/** Bits to hold the integers 0..n. */
export const bitsFor = (n: number) => Math.max(1, Math.ceil(Math.log2(n + 1)));

/** 2^k as a JavaScript literal (an expression where the double would over- or underflow). */
export const p2 = (k: number): string => {
  const v = 2 ** k;
  return Number.isFinite(v) && v !== 0 ? String(v) : `(2 ** ${k})`;
};

/** Largest value an unsigned integer format of `w` bits holds (the shift range of vshr). */
export const maxOfBits = (w: number): number => 2 ** w - 1;

/** A k-input selection (mux tree or table) in LUT levels of a device with `lutInputs`-input LUTs. */
export const lg2 = (v: number) => Math.ceil(Math.log2(Math.max(2, v)));
