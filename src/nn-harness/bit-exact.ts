// The bit-exact activation's tables: every input code of a spec evaluated by the project's own model
// (elaborate + evaluateCodes, the datapath that produces the Verilog), and a fast quantizer that is
// exactly `quantize` of src/fixedpoint/arith.ts on float inputs. Elaborations are cached per process.

import { elaborate } from '../analysis/index.js';
import { evaluateCodes } from '../datapath/index.js';
import {
  overflowNum, width, formatName, type Format, type Overflow, type Rounding,
} from '../fixedpoint/index.js';
import { exactDerivReal } from '../reference/index.js';
import { specToJson, type Spec } from '../spec/index.js';
import { UserError } from '../common/index.js';
import type { GradMode } from './names.js';

/** Widest input a table of every code is built for (2^20 entries). */
export const MAX_TABLE_INPUT_BITS = 20;

export interface BitExactTable {
  readonly spec: Spec;
  /** Smallest raw input value (table index 0). */
  readonly minRaw: number;
  readonly size: number;
  /** Output real value (raw * 2^-output.frac) per input code, indexed raw - minRaw. */
  readonly y: Float32Array;
  /** Derivative of the real function at the dequantized input, per code. */
  readonly dFloat: Float32Array;
  /** Hardware derivative output (raw * 2^-derivativeFormat.frac), when spec.derivative. */
  readonly dHardware?: Float32Array;
  /** Raw model outputs per code (for comparison with `isrlu eval`). */
  readonly yRaw: Int32Array;
}

const cache = new Map<string, BitExactTable>();

/** The table of every input code of `spec` (cached by the canonical spec JSON). */
export function bitExactTable(spec: Spec): BitExactTable {
  const key = JSON.stringify(specToJson(spec));
  const hit = cache.get(key);
  if (hit) return hit;
  const w = width(spec.input);
  if (w > MAX_TABLE_INPUT_BITS) {
    throw new UserError(`input: the bit-exact activation tabulates every input code and takes inputs up to ${MAX_TABLE_INPUT_BITS} bits, got ${w}-bit "${formatName(spec.input)}"`);
  }
  const { datapath } = elaborate(spec);
  const minRaw = -(2 ** (w - 1));
  const size = 2 ** w;
  const codes = Array.from({ length: size }, (_, i) => BigInt(minRaw + i));
  const res = evaluateCodes(datapath, codes);
  const outScale = 2 ** -spec.output.frac;
  const inScale = 2 ** -spec.input.frac;
  const yRaw = Int32Array.from(res.y, (v) => Number(v));
  const y = Float32Array.from(yRaw, (v) => v * outScale);
  const dFloat = Float32Array.from({ length: size }, (_, i) => exactDerivReal(spec, (minRaw + i) * inScale));
  const dScale = 2 ** -spec.derivativeFormat.frac;
  const t: BitExactTable = {
    spec, minRaw, size, y, dFloat, yRaw,
    ...(res.dy ? { dHardware: Float32Array.from(res.dy, (v) => Number(v) * dScale) } : {}),
  };
  cache.set(key, t);
  return t;
}

/**
 * Raw value of `quantize(real, f, rounding, overflow)` as a number, for finite and infinite float
 * inputs (NaN throws, as quantize does). Exact: real * 2^frac is a power-of-two scale, its fraction
 * is non-zero only below 2^52, and overflowNum wraps exactly (the result is below 2^width).
 */
export function quantizeRaw(real: number, f: Format, rounding: Rounding, overflow: Overflow): number {
  if (Number.isNaN(real)) throw new RangeError('cannot quantize NaN');
  const w = width(f);
  const lo = f.signed ? -(2 ** (w - 1)) : 0;
  const hi = (f.signed ? 2 ** (w - 1) : 2 ** w) - 1;
  if (!Number.isFinite(real)) return overflow === 'saturate' ? (real > 0 ? hi : lo) : 0;
  const s = real * 2 ** f.frac;
  let n = Math.floor(s);
  if (rounding !== 'truncate') {
    const r = s - n;
    if (r > 0.5) n += 1;
    else if (r === 0.5) {
      if (rounding === 'nearest-even') n += n % 2 === 0 ? 0 : 1;
      else if (real >= 0) n += 1;
    }
  }
  return n >= lo && n <= hi ? n : overflowNum(n, f, overflow);
}

/**
 * The lookup tables of the in-backend activation, indexed by an extended index e (lookupIndex):
 *   0            the input saturated below the range (the core sees the smallest code)
 *   1 .. size    code lo + e - 1, in range
 *   size + 1     saturated above (the core sees the largest code)
 *   size + 2 + k an out-of-range input that wrapped to code lo + k (inputOverflow wrap)
 *   2 size + 2   NaN (output NaN, gradient 0: the loss then reports the divergence)
 * y is the output real value; g the backward factor of the grad mode: `clipped` is zero in the
 * saturated and wrapped slots, `float` and `hardware` hold the derivative at the code the core saw.
 */
export interface LookupTables {
  readonly table: BitExactTable;
  readonly grad: GradMode;
  readonly y: Float32Array;
  readonly g: Float32Array;
}

const lookupCache = new WeakMap<BitExactTable, Map<GradMode, LookupTables>>();

/** The extended tables of `t` for a grad mode (cached). */
export function lookupTables(t: BitExactTable, grad: GradMode): LookupTables {
  const byGrad = lookupCache.get(t) ?? new Map<GradMode, LookupTables>();
  lookupCache.set(t, byGrad);
  const hit = byGrad.get(grad);
  if (hit) return hit;
  const d = grad === 'hardware' ? t.dHardware : t.dFloat;
  if (!d) throw new UserError('grad: "hardware" needs a spec with derivative: true');
  const n = t.size;
  const y = new Float32Array(2 * n + 3);
  const g = new Float32Array(2 * n + 3);
  const outside = grad === 'clipped' ? 0 : 1;
  y[0] = t.y[0]!;
  g[0] = outside * d[0]!;
  y.set(t.y, 1);
  g.set(d, 1);
  y[n + 1] = t.y[n - 1]!;
  g[n + 1] = outside * d[n - 1]!;
  y.set(t.y, n + 2);
  for (let k = 0; k < n; k++) g[n + 2 + k] = outside * d[k]!;
  y[2 * n + 2] = NaN;
  g[2 * n + 2] = 0;
  const r: LookupTables = { table: t, grad, y, g };
  byGrad.set(grad, r);
  return r;
}

/**
 * The extended index (see LookupTables) of each input: the code quantize(x, input, inputRounding,
 * inputOverflow) would give, and whether the input was outside the format's range. Exact for every
 * float input (the same arithmetic as quantizeRaw).
 */
export function lookupIndex(t: BitExactTable, x: Float32Array, e: Int32Array): void {
  const { input, inputRounding, inputOverflow } = t.spec;
  const scale = 2 ** input.frac;
  const lo = t.minRaw;
  const hi = t.minRaw + t.size - 1;
  const n2 = t.size;
  const nearestEven = inputRounding === 'nearest-even';
  const truncate = inputRounding === 'truncate';
  const wrap = inputOverflow === 'wrap';
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const s = v * scale;
    let n = Math.floor(s);
    if (!truncate) {
      const r = s - n;
      if (r > 0.5) n += 1;
      else if (r === 0.5) n += nearestEven ? (n % 2 === 0 ? 0 : 1) : v >= 0 ? 1 : 0;
    }
    if (n >= lo && n <= hi) e[i] = n - lo + 1;
    else if (Number.isNaN(v)) e[i] = 2 * n2 + 2;
    else if (!wrap) e[i] = n < lo ? 0 : n2 + 1;
    else e[i] = n2 + 2 + quantizeRaw(v, input, inputRounding, 'wrap') - lo;
  }
}

/**
 * Forward pass of the bit-exact activation on a block of floats, on the CPU (the reference of the
 * in-backend activation): y[i] = table output of the quantized input; d[i] = the backward factor of
 * the grad mode at that input.
 */
export function applyTable(t: BitExactTable, x: Float32Array, y: Float32Array, d: Float32Array, grad: GradMode): void {
  const lt = lookupTables(t, grad);
  const e = new Int32Array(x.length);
  lookupIndex(t, x, e);
  for (let i = 0; i < x.length; i++) {
    y[i] = lt.y[e[i]!]!;
    d[i] = lt.g[e[i]!]!;
  }
}
