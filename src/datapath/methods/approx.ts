// The numerics of the direct methods, on a window of 2^k local codes u with the function's real
// value h(u) (h is continuous in u, for fitting): piecewise polynomials (Chebyshev interpolation
// per segment, then c0 re-centred over the segment's codes against the hardware's own truncated
// Horner arithmetic) and multipartite tables (offset tables from the function's differences, the
// table of initial values centred over its block). Emulators compute the hardware's exact
// pre-rounding value for every u, so a candidate is screened before it is ever built.

import { solveLinear } from '../../common/index.js';

/** A piecewise polynomial: 2^m segments of 2^n codes (k = m + n), centred offset t in [-1/2, 1/2). */
export interface PolyShape {
  readonly k: number;
  readonly m: number;
  readonly degree: number;
  /** Fraction bits (LSB 2^-lsb[i]) of coefficient c_i and of the Horner sum at level i. */
  readonly lsb: readonly number[];
  /**
   * Bits of t each product uses (level i multiplies the sum of level i+1 by the top tBits[i] bits
   * of t, i = 0..degree-1): the high-order terms need fewer (truncated multipliers).
   */
  readonly tBits: readonly number[];
  /**
   * Non-uniform segments: the top log2(merge.length) bits of the segment index name a region;
   * region j merges 2^merge[j] neighbouring segments into one piece (their table rows repeat it),
   * whose offset is the top bits of the longer span (the low merge[j] bits dropped: fine where the
   * function is flat). A piece may span several regions (merge[j] above the region's own segment
   * bits): then every region it covers carries the same merge and the piece starts on a multiple
   * of its size, so the pieces form a binary tree over the top bits (a region per segment gives
   * any such tree). Empty: uniform.
   */
  readonly merge: readonly number[];
}

/** The merge (low segment-index bits dropped) of the region holding segment `seg`. */
export function mergeOf(s: Pick<PolyShape, 'm' | 'merge'>, seg: number): number {
  if (s.merge.length <= 1) return s.merge[0] ?? 0;
  const r = Math.log2(s.merge.length);
  return s.merge[seg >> (s.m - r)]!;
}

/** A piece of a (possibly non-uniform) segmentation: its first segment and its merge. */
export interface Piece {
  readonly seg: number;
  readonly dm: number;
}

/**
 * The pieces of a shape, in order. Throws where `merge` is not a tree of aligned pieces (a region
 * count that is not a power of two up to 2^m, a merge beyond m, a piece that is not aligned or
 * whose regions disagree).
 */
export function polyPieces(s: Pick<PolyShape, 'm' | 'merge'>): Piece[] {
  const regions = s.merge.length;
  if (regions > 1 && (!Number.isInteger(Math.log2(regions)) || regions > 2 ** s.m)) throw new RangeError(`merge: ${regions} regions is not a power of two up to 2^${s.m}`);
  const pieces: Piece[] = [];
  for (let seg = 0; seg < 2 ** s.m;) {
    const dm = mergeOf(s, seg);
    if (!Number.isInteger(dm) || dm < 0 || dm > s.m || seg % 2 ** dm !== 0) throw new RangeError(`merge: a piece of 2^${dm} segments cannot start at segment ${seg}`);
    for (let q = seg; q < seg + 2 ** dm; q++) if (mergeOf(s, q) !== dm) throw new RangeError(`merge: the piece at segment ${seg} (2^${dm} segments) covers regions of other merges`);
    pieces.push({ seg, dm });
    seg += 2 ** dm;
  }
  return pieces;
}

/** Whether a merge is the tree form (more than 4 regions, or pieces spanning regions) rather than merges by quarter. */
export function isTreeMerge(s: Pick<PolyShape, 'm' | 'merge'>): boolean {
  if (s.merge.length > 4) return true;
  const r = Math.log2(Math.max(1, s.merge.length));
  return s.merge.some((dm) => dm > s.m - r);
}

export interface PolyFit extends PolyShape {
  /** Raw coefficients per segment: coeffs[s][i] at LSB 2^-lsb[i]. */
  readonly coeffs: readonly (readonly number[])[];
  /** The smallest and largest raw pre-rounding value over the window (at LSB 2^-lsb[0]). */
  readonly raw: { readonly min: number; readonly max: number };
}

/** h at integer codes from a table of samples where given (the search precomputes them), else h itself. */
const sampler = (h: (u: number) => number, at?: ArrayLike<number>) => (at ? (u: number) => at[u]! : h);

const solve = solveLinear;

/** Chebyshev nodes of [lo, hi] and the inverse of their Vandermonde matrix, per (lo, hi, d). */
type Nodes = { ts: number[]; inv: number[][] };
const nodeCache: Map<number, Map<number, Nodes>>[] = [];
function chebyshevNodes(lo: number, hi: number, d: number): Nodes {
  const byLo = (nodeCache[d] ??= new Map<number, Map<number, Nodes>>());
  const byHi = byLo.get(lo) ?? new Map<number, Nodes>();
  byLo.set(lo, byHi);
  const key = hi;
  let c = byHi.get(key);
  if (!c) {
    const ts = Array.from({ length: d + 1 }, (_, i) => (lo + hi) / 2 + ((hi - lo) / 2) * Math.cos((Math.PI * (2 * i + 1)) / (2 * (d + 1))));
    const v = ts.map((t) => Array.from({ length: d + 1 }, (_, j) => t ** j));
    // Column j of the inverse solves V x = e_j.
    const cols = ts.map((_, j) => solve(v, ts.map((__, i) => (i === j ? 1 : 0))));
    c = { ts, inv: ts.map((_, r) => cols.map((col) => col[r]!)) };
    byHi.set(key, c);
  }
  return c;
}

/** Real coefficients (in t) of the degree-d interpolant of g at Chebyshev nodes of [lo, hi]. */
export function chebyshevFit(g: (t: number) => number, lo: number, hi: number, d: number): number[] {
  if (hi <= lo) return [g(lo), ...Array.from({ length: d }, () => 0)];
  const { ts, inv } = chebyshevNodes(lo, hi, d);
  const y = ts.map(g);
  return inv.map((row) => row.reduce((a, v, j) => a + v * y[j]!, 0));
}

/**
 * Fits every segment: Chebyshev interpolation of h, coefficients c1..cd rounded to their LSBs,
 * then c0 centred between the extremes of h minus the hardware's truncated Horner sum over the
 * segment's codes (so the error is balanced, truncations included). With `verify`, each code's
 * raw pre-rounding value (at LSB 2^-lsb[0]) is handed to it, and the first refusal ends the fit.
 */
export function fitPoly(h: (u: number) => number, s: PolyShape, at?: ArrayLike<number>): PolyFit;
export function fitPoly(h: (u: number) => number, s: PolyShape, at: ArrayLike<number> | undefined, verify: (u: number, raw: number) => boolean, only?: { readonly from: number; readonly to: number }): PolyFit | undefined;
/**
 * With `only`, the pieces of segments [from, to) alone are fitted and verified (each piece's fit is
 * independent of the others': the search tests one piece of a tree this way); the other rows of
 * the result are left empty.
 */
export function fitPoly(h: (u: number) => number, s: PolyShape, at?: ArrayLike<number>, verify?: (u: number, raw: number) => boolean, only?: { readonly from: number; readonly to: number }): PolyFit | undefined {
  const n = s.k - s.m;
  const N = 2 ** n;
  const d = s.degree;
  const hi0 = sampler(h, at);
  const top = 2 ** s.lsb[0]!;
  // The hardware's Horner value before c0 is added, raw at LSB 2^-lsb[0]: acc_d = c_d;
  // acc_i = trunc(acc_{i+1} * t_i) + c_i, t_i the top tBits[i] bits of the centred offset t
  // (floor), each product truncated to the next level's LSB. Its powers of two are computed once:
  // the loop below is the search's hot path (every code of the window, for every candidate shape).
  const dropMul = Array.from({ length: d }, (_, i) => 2 ** -Math.max(0, n - s.tBits[i]!));
  const shMul = Array.from({ length: d }, (_, i) => 2 ** -(s.lsb[i + 1]! + s.tBits[i]! - s.lsb[i]!));
  const shFloor = Array.from({ length: d }, (_, i) => s.lsb[i + 1]! + s.tBits[i]! - s.lsb[i]! > 0);
  const [D0 = 1, D1 = 1, D2 = 1] = dropMul;
  const [S0 = 1, S1 = 1, S2 = 1] = shMul;
  const [F0 = false, F1 = false, F2 = false] = shFloor;
  // Unrolled per degree.
  const horner = (c1: number, c2: number, c3: number, tc: number): number => {
    let acc = d === 1 ? c1 : d === 2 ? c2 : c3;
    if (d >= 3) { const p = acc * Math.floor(tc * D2) * S2; acc = (F2 ? Math.floor(p) : p) + c2; }
    if (d >= 2) { const p = acc * Math.floor(tc * D1) * S1; acc = (F1 ? Math.floor(p) : p) + c1; }
    const p = acc * Math.floor(tc * D0) * S0;
    return F0 ? Math.floor(p) : p;
  };
  // The pieces (a merged region is one piece of 2^dm segments), fitted independently of each other.
  const pieces = polyPieces(s).filter((p) => !only || (p.seg >= only.from && p.seg < only.to));
  // A refused fit starts at the piece that refused the previous one of the same function: shaving
  // a width usually fails where it failed before, so most refusals cost one piece, not the window.
  const first = verify && failHint.h === h ? Math.max(0, pieces.findIndex((p) => (p.seg + 2 ** p.dm) * N > failHint.u)) : 0;
  const coeffs: number[][] = new Array<number[]>(2 ** s.m);
  const raw = { min: Infinity, max: -Infinity };
  // The real fit of a piece depends on the function, k, m, the degree and the piece only (not on
  // the widths the search shaves): kept per function object.
  const byShape = realFits.get(h) ?? new Map<string, Map<number, number[]>>();
  realFits.set(h, byShape);
  const fits = byShape.get(`${s.k} ${s.m} ${d}`) ?? new Map<number, number[]>();
  byShape.set(`${s.k} ${s.m} ${d}`, fits);
  let parts = new Float64Array(N);
  for (let q = 0; q < pieces.length; q++) {
    const { seg, dm } = pieces[(first + q) % pieces.length]!;
    const span = N * 2 ** dm;
    const u0 = seg * N;
    const lo = n === 0 ? 0 : -0.5;
    const hi = n === 0 ? 0 : 0.5 - 2 ** -(n + dm);
    const real = fits.get(seg * 64 + dm) ?? chebyshevFit((t) => h(u0 + span / 2 + t * span), lo, hi, Math.min(d, Math.max(0, span - 1)));
    fits.set(seg * 64 + dm, real);
    // The offset is n bits of the span: coefficients in units of those n bits' range.
    const c = Array.from({ length: d + 1 }, (_, i) => Math.round((real[i] ?? 0) * 2 ** s.lsb[i]!));
    const c1 = c[1] ?? 0;
    const c2 = c[2] ?? 0;
    const c3 = c[3] ?? 0;
    let mn = Infinity;
    let mx = -Infinity;
    let pMin = Infinity;
    let pMax = -Infinity;
    if (parts.length < span) parts = new Float64Array(span);
    // The centred offset of code j in its piece, its low dm bits dropped (a merged piece's offset).
    const centred = n + dm > 0;
    const inv = 2 ** -dm;
    for (let j = 0; j < span; j++) {
      const acc = d === 0 ? 0 : horner(c1, c2, c3, centred ? Math.floor((j - span / 2) * inv) : 0);
      parts[j] = acc;
      if (acc < pMin) pMin = acc;
      if (acc > pMax) pMax = acc;
      const r = hi0(u0 + j) * top - acc;
      if (r < mn) mn = r;
      if (r > mx) mx = r;
    }
    c[0] = Math.round((mn + mx) / 2);
    if (verify) {
      for (let j = 0; j < span; j++) {
        if (!verify(u0 + j, parts[j]! + c[0])) {
          failHint.h = h;
          failHint.u = u0 + j;
          return undefined;
        }
      }
    }
    for (let r = 0; r < 2 ** dm; r++) coeffs[seg + r] = c;
    raw.min = Math.min(raw.min, pMin + c[0]);
    raw.max = Math.max(raw.max, pMax + c[0]);
  }
  return { ...s, coeffs, raw };
}

/** Real Chebyshev fits of pieces, per function object and shape (see fitPoly). */
const realFits = new WeakMap<(u: number) => number, Map<string, Map<number, number[]>>>();

/** Where the last refused fit failed, per function (see fitPoly). */
const failHint: { h: unknown; u: number } = { h: undefined, u: 0 };

/**
 * A multipartite shape: the top `tiv` bits of u address the table of initial values; then offset
 * fields of `bits` each (high to low, summing to k - tiv), each addressed with the top `prefix`
 * bits of u beside it. `lsb`: fraction bits of every table entry and of the sum.
 */
export interface MultipartiteShape {
  readonly k: number;
  readonly tiv: number;
  readonly offsets: readonly { readonly prefix: number; readonly bits: number }[];
  readonly lsb: number;
}

export interface MultipartiteFit extends MultipartiteShape {
  readonly tivTable: readonly number[];
  /** The smallest and largest raw sum over the window (at LSB 2^-lsb). */
  readonly raw: { readonly min: number; readonly max: number };
  /** Raw offset table j, addressed by {prefix bits, field bits}. */
  readonly offsetTables: readonly (readonly number[])[];
}

/** Weight (in u units) of offset field j: the bits below it. */
export function fieldShift(s: MultipartiteShape, j: number): number {
  return s.offsets.slice(j + 1).reduce((a, o) => a + o.bits, 0);
}

/** Offset table j's address at u: {top prefix bits of u, field j}. */
export function offsetAddress(s: MultipartiteShape, j: number, u: number): number {
  const o = s.offsets[j]!;
  const sh = fieldShift(s, j);
  if (s.k <= 30) return ((u >> (s.k - o.prefix)) << o.bits) | ((u >> sh) & ((1 << o.bits) - 1));
  const field = Math.floor(u / 2 ** sh) % 2 ** o.bits;
  const pre = Math.floor(u / 2 ** (s.k - o.prefix));
  return pre * 2 ** o.bits + field;
}

/** Every offset table's address of every u (k <= 30), for the hot loops. */
function addressFns(s: MultipartiteShape): ((u: number) => number)[] {
  return s.offsets.map((o, j) => {
    const sh = fieldShift(s, j);
    const top = s.k - o.prefix;
    const mask = (1 << o.bits) - 1;
    return s.k <= 30 ? (u: number) => ((u >> top) << o.bits) | ((u >> sh) & mask) : (u: number) => offsetAddress(s, j, u);
  });
}

/**
 * Fits the tables: offset j holds h(c + (C - mid) 2^w) - h(c) for the centre c of its prefix
 * region (the other fields at their middle), rounded; the initial values are then centred between
 * the extremes of h minus the offsets over each block.
 */
export function fitMultipartite(h: (u: number) => number, s: MultipartiteShape, at?: ArrayLike<number>): MultipartiteFit;
export function fitMultipartite(h: (u: number) => number, s: MultipartiteShape, at: ArrayLike<number> | undefined, verify: (u: number, raw: number) => boolean): MultipartiteFit | undefined;
export function fitMultipartite(h: (u: number) => number, s: MultipartiteShape, at?: ArrayLike<number>, verify?: (u: number, raw: number) => boolean): MultipartiteFit | undefined {
  const scale = 2 ** s.lsb;
  const hi0 = sampler(h, at);
  const addr = addressFns(s);
  const offsetTables = s.offsets.map((o, j) => {
    const w = fieldShift(s, j);
    const region = 2 ** (s.k - o.prefix);
    const mid = (2 ** o.bits - 1) / 2;
    const t: number[] = [];
    for (let p = 0; p < 2 ** o.prefix; p++) {
      const centre = p * region + (region - 1) / 2;
      for (let c = 0; c < 2 ** o.bits; c++) t.push(Math.round((h(centre + (c - mid) * 2 ** w) - h(centre)) * scale));
    }
    return t;
  });
  const block = 2 ** (s.k - s.tiv);
  const tivTable: number[] = [];
  const raw = { min: Infinity, max: -Infinity };
  const off = new Float64Array(block);
  for (let a = 0; a < 2 ** s.tiv; a++) {
    let mn = Infinity;
    let mx = -Infinity;
    let oMin = Infinity;
    let oMax = -Infinity;
    for (let j = 0; j < block; j++) {
      const u = a * block + j;
      let o = 0;
      for (let q = 0; q < addr.length; q++) o += offsetTables[q]![addr[q]!(u)]!;
      off[j] = o;
      if (o < oMin) oMin = o;
      if (o > oMax) oMax = o;
      const r = hi0(u) * scale - o;
      if (r < mn) mn = r;
      if (r > mx) mx = r;
    }
    const tiv = Math.round((mn + mx) / 2);
    tivTable.push(tiv);
    raw.min = Math.min(raw.min, tiv + oMin);
    raw.max = Math.max(raw.max, tiv + oMax);
    if (verify) for (let j = 0; j < block; j++) if (!verify(a * block + j, tiv + off[j]!)) return undefined;
  }
  return { ...s, tivTable, offsetTables, raw };
}

