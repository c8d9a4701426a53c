// Every table the hardware holds is computed here, once, and shared by the model, the simulator
// and the Verilog (FloPoCo's habit: the function that fills the ROM is the reference for it).
// Segments of the normalised argument m in [1, 4): address {m >= 2, next k-1 bits after the
// leading one}, so [1, 2) and [2, 4) each get 2^(k-1) equal segments and no entry is wasted.

import { width, uQ, type Format } from '../fixedpoint/index.js';
import { referenceCode } from '../reference/index.js';
import type { Spec } from '../spec/index.js';
import { MAGIC_BIAS } from './ops/index.js';
import type { Table } from './types.js';

/** The real interval [lo, hi) of m covered by seed address `a` of a k-bit table. */
export function segment(k: number, a: number): [number, number] {
  const hi = a >> (k - 1);
  const idx = a & ((1 << (k - 1)) - 1);
  const base = hi ? 2 : 1;
  const w = (hi ? 2 : 1) * 2 ** -(k - 1);
  return [base + idx * w, base + (idx + 1) * w];
}

/** Worst relative error |y*sqrt(m) - 1| of a constant seed y over [lo, hi] (monotone in m). */
export function seedRelError(y: number, lo: number, hi: number): number {
  return Math.max(Math.abs(y * Math.sqrt(lo) - 1), Math.abs(y * Math.sqrt(hi) - 1));
}

/**
 * Seed table for 1/sqrt(m): 2^k entries of d fraction bits (uQ0.d). Each entry minimises the
 * worst relative error over its whole segment (not the midpoint value): the real optimum is
 * 2/(sqrt(lo) + sqrt(hi)), and of its two neighbours on the d-bit grid the better one is kept.
 */
export function seedTable(k: number, d: number): Table & { readonly maxRelError: number } {
  const entries: bigint[] = [];
  let maxRel = 0;
  for (let a = 0; a < 2 ** k; a++) {
    const [lo, hi] = segment(k, a);
    const opt = 2 / (Math.sqrt(lo) + Math.sqrt(hi));
    const dn = Math.floor(opt * 2 ** d);
    const cands = [dn, dn + 1].filter((c) => c > 0 && c < 2 ** d);
    let best = cands[0]!;
    for (const c of cands) if (seedRelError(c * 2 ** -d, lo, hi) < seedRelError(best * 2 ** -d, lo, hi)) best = c;
    entries.push(BigInt(best));
    maxRel = Math.max(maxRel, seedRelError(best * 2 ** -d, lo, hi));
  }
  return {
    name: `rsqrt_seed_k${k}_d${d}`, addrBits: k, data: uQ(0, d), entries, maxRelError: maxRel,
    description: `1/sqrt(m) seed, m in [1,4), ${2 ** k} segments, minimax relative error ${maxRel.toExponential(3)}`,
  };
}

/**
 * Piecewise-linear 1/sqrt(m) (the ac_math style): per segment y = c0 - c1 * u with u in [0, 1)
 * the position inside the segment. For the convex 1/sqrt the minimax line is the chord moved down
 * by half its largest gap to the curve (at the point where the slope equals the chord's).
 * Returns the two coefficient tables, both uQ0.d (c1 holds the magnitude of the slope).
 */
export function pwlTables(k: number, d: number): { c0: Table; c1: Table } {
  const c0: bigint[] = [];
  const c1: bigint[] = [];
  for (let a = 0; a < 2 ** k; a++) {
    const [lo, hi] = segment(k, a);
    const f = (m: number) => 1 / Math.sqrt(m);
    const slope = (f(hi) - f(lo)) / (hi - lo);
    const c = (-2 * slope) ** (-2 / 3); // f'(c) = slope
    const gap = f(lo) + slope * (c - lo) - f(c);
    c0.push(BigInt(Math.min(2 ** d - 1, Math.round((f(lo) - gap / 2) * 2 ** d))));
    c1.push(BigInt(Math.min(2 ** d - 1, Math.round(-slope * (hi - lo) * 2 ** d))));
  }
  return {
    c0: { name: `rsqrt_pwl_c0_k${k}_d${d}`, addrBits: k, data: uQ(0, d), entries: c0, description: `1/sqrt(m) PWL offsets, ${2 ** k} segments` },
    c1: { name: `rsqrt_pwl_c1_k${k}_d${d}`, addrBits: k, data: uQ(0, d), entries: c1, description: `1/sqrt(m) PWL slopes (magnitude), ${2 ** k} segments` },
  };
}

/** Lomont's offset: log2(1 + f) ~ f + sigma on [0, 1) (the 0x5f3759df constant's sigma). */
const MAGIC_SIGMA = 0.0450465;

/**
 * Magic constant for d mantissa bits with MAGIC_BIAS: K = 1.5 (B - sigma) 2^d, the same
 * derivation as the 1986-era 0x5f3759df (there with d = 23, B = 127).
 */
export function magicConstant(d: number): bigint {
  return BigInt(Math.round(1.5 * (MAGIC_BIAS - MAGIC_SIGMA) * 2 ** d));
}

/**
 * Table of the whole function (or its derivative) indexed by the input's two's-complement code:
 * every entry is the correctly rounded reference in the spec's output rounding and overflow.
 */
export function functionTable(spec: Spec, which: 'y' | 'dy'): Table {
  const w = width(spec.input);
  const out: Format = which === 'y' ? spec.output : spec.derivativeFormat;
  const entries: bigint[] = new Array(2 ** w);
  const overflow = which === 'y' ? spec.outputOverflow : 'saturate';
  for (let code = 0; code < 2 ** w; code++) {
    const xRaw = BigInt(code >= 2 ** (w - 1) ? code - 2 ** w : code);
    entries[code] = referenceCode(spec, which, xRaw, out, spec.outputRounding, overflow);
  }
  return {
    name: `${spec.name}_${which === 'y' ? 'fn' : 'deriv'}_table`, addrBits: w, data: out, entries,
    description: `${which === 'y' ? spec.function : `d/dx ${spec.function}`}(x) for every input code, correctly rounded`,
  };
}
