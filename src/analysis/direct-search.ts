// The faithful search over the direct methods, one output channel at a time: for each fold and the
// smallest window with a faithful tail, every table, piecewise polynomial (degree 1 to 3) and
// multipartite shape is fitted and emulated on every code of the window with the hardware's own
// integer arithmetic, its coefficient and table widths shaved while it stays faithful, then priced
// by the area model on the spec's device. The candidates that pass come back, cheapest first.
//
// Error budget of a fitted design (output ulps u = 2^-fo): the final rounding to nearest adds at
// most 0.5 u, so the value before it must lie within 0.5 u of the exact function on every code.
// That value's error is the approximation (minimax per segment or block) plus the rounding of every
// coefficient and table entry plus the truncation of every Horner product; c0 and the initial values
// are centred against the others' actual errors, and the emulation measures the total exactly.

import { width } from '../fixedpoint/index.js';
import type { Spec } from '../spec/index.js';
import { TARGETS } from '../targets/index.js';
import {
  buildChannel, channelFunction, channelOutput, fieldFormat, fitMultipartite, fitPoly, foldsFor, minimalWindow,
  roundingFold, polyPieces, softProducts, type Channel, type ChannelDesign, type ChannelFunction, type Datapath, type Fold,
} from '../datapath/index.js';
import { Graph } from '../datapath/graph.js';
import { missingCuts, scheduleDatapath } from '../schedule/index.js';
import { estimateArea, type AreaCounts } from '../area/index.js';
import { objectiveCost, objectiveWeights } from './objective.js';

/** A channel design that passed the emulation, with its price on the spec's device. */
export interface ChannelCandidate {
  readonly design: ChannelDesign;
  /** Largest |value before the final rounding - exact| over the window, output ulps (0 for tables). */
  readonly preRoundUlp: number;
  readonly area: AreaCounts;
  readonly latency: number;
  /** The objective's cost (Infinity where a budget is exceeded). */
  readonly cost: number;
}

/** The exact value of every window code, and the output codes a faithful core may give there. */
interface WindowTruth {
  readonly k: number;
  readonly h: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

function truth(spec: Spec, which: Channel, fold: Fold, k: number): WindowTruth {
  const fnc = channelFunction(spec, which, fold, k);
  const { out } = channelOutput(spec, which);
  const n = 2 ** k;
  const h = new Float64Array(n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const oLo = out.signed ? -(2 ** (width(out) - 1)) : 0;
  const oHi = out.signed ? 2 ** (width(out) - 1) - 1 : 2 ** width(out) - 1;
  const s = 2 ** out.frac;
  const at = fnc.samples();
  for (let u = 0; u < n; u++) {
    const v = at[u]!;
    h[u] = v;
    lo[u] = Math.min(oHi, Math.max(oLo, Math.floor(v * s)));
    hi[u] = Math.min(oHi, Math.max(oLo, Math.ceil(v * s)));
  }
  return { k, h, lo, hi };
}

/**
 * A verifier of pre-rounding values (raw at LSB 2^-lsb) against the window's truth: each code's
 * rounded output must be faithful; `worst` tracks the largest pre-rounding error in ulps.
 */
function verifier(t: WindowTruth, fnc: Pick<ChannelFunction, 'out' | 'rounding'>, lsb: number): { check: (u: number, raw: number) => boolean; worst: () => number } {
  let worst = 0;
  const outFrac = fnc.out.frac;
  const s = 2 ** outFrac;
  const inv = 2 ** -lsb;
  // The hardware adds the rounding half to c0 (or the initial values) and truncates, saturating.
  const half = roundingFold(fnc, lsb);
  const d = 2 ** (outFrac - lsb);
  const oLo = fnc.out.signed ? -(2 ** (width(fnc.out) - 1)) : 0;
  const oHi = fnc.out.signed ? 2 ** (width(fnc.out) - 1) - 1 : 2 ** width(fnc.out) - 1;
  return {
    check: (u, raw) => {
      const q = Math.floor((raw + half) * d);
      const y = q < oLo ? oLo : q > oHi ? oHi : q;
      if (y < t.lo[u]! || y > t.hi[u]!) return false;
      const e = Math.abs(raw * inv - t.h[u]!) * s;
      if (e > worst) worst = e;
      return true;
    },
    worst: () => worst,
  };
}

/** Bits of the table field holding every one of the raw values (the hardware's own field format). */
const fieldBits = (values: readonly number[]): number => width(fieldFormat(values, 0));

/** The widest input whose whole table (every input code, no fold) the search prices. */
const WHOLE_TABLE_MAX_BITS = 12;

/** The finest segmentation a tree of pieces is searched on (its index table has 2^8 rows at most). */
const TREE_MAX_SEGMENT_BITS = 8;

/**
 * A tree of pieces, given as the merge of every segment, in its fewest regions: one per prefix of
 * the finest piece's depth (the form the hardware's index table is addressed by).
 */
function treeMerge(m: number, perSegment: readonly number[]): number[] {
  const depth = Math.max(1, m - Math.min(...perSegment));
  return Array.from({ length: 2 ** depth }, (_, j) => perSegment[j << (m - depth)]!);
}

export interface ChannelSearchOptions {
  /** Largest window a table method tabulates (default 14 bits). */
  readonly maxTableBits?: number;
}

/** A one-channel datapath (the channel as output y), for pricing. */
function channelDatapath(spec: Spec, which: Channel, d: ChannelDesign): Datapath {
  const g = new Graph();
  const x = g.input('x', spec.input);
  const y = buildChannel(g, d, channelFunction(spec, which, d.fold, d.windowBits), x);
  const noDy = { ...spec, derivative: false };
  return { spec: noDy, params: { method: d.method, y: d }, nodes: g.nodes, input: x, outputs: { y }, tables: g.tables, alphaUsed: spec.alpha };
}

/** Prices a channel design on the spec's device (schedule, area model, objective). */
export function priceChannel(spec: Spec, which: Channel, d: ChannelDesign, preRoundUlp: number): ChannelCandidate {
  const dp = channelDatapath(spec, which, d);
  // A list of cuts is priced with the names this channel has (the core's own nodes around the
  // channel, its sign fold and select, are not in this graph); sizeFaithful drops a design whose
  // whole core lacks one.
  const miss = missingCuts(dp);
  const sched = scheduleDatapath(dp, miss.length ? (spec.pipeline as readonly string[]).filter((c) => !miss.includes(c)) : spec.pipeline);
  const area = estimateArea(dp, sched, spec.device);
  return { design: d, preRoundUlp, area, latency: sched.latency, cost: objectiveCost(spec, area, sched.latency) };
}

/** Whether the objective and the spec allow tables in block RAM. */
function placements(spec: Spec, tableBits: number): boolean[] {
  const noBlock = spec.objective === 'no-bram' || spec.maxBram === 0 || spec.pipeline === 0 || spec.romStyle === 'logic' || spec.romStyle === 'case';
  if (spec.romStyle === 'block') return [true];
  const out = [false];
  if (!noBlock && tableBits > TARGETS[spec.device].bram.minBits / 4) out.push(true);
  return out;
}

/** Every passing design of one channel (several per method), priced; cheapest first. */
export function searchChannel(spec: Spec, which: Channel, opts: ChannelSearchOptions = {}): ChannelCandidate[] {
  const { out } = channelOutput(spec, which);
  const fo = out.frac;
  const rnd = { out, rounding: spec.outputRounding };
  const found: ChannelCandidate[] = [];
  const allowed = (m: string) => spec.methods === 'all' || (spec.methods as readonly string[]).includes(m);
  let bestCost = Infinity;
  // logicOnly: a design whose table is worth its index logic only where rows cost LUTs (a tree of
  // pieces: in block RAM the rows it saves are free).
  // A piecewise polynomial on a device with DSP blocks is also priced with its first 1..degree-1
  // Horner products (the narrowest) in LUTs: a small product in the fabric can save a DSP block.
  // (Always beside a product left to synthesis: a core of LUT products alone is the no-dsp
  // objective's, and the area model's LUT products are fitted on iCE40 soft arrays.)
  // Whether synthesis may put this spec's products in DSP blocks (a device with them, and products
  // not all in LUTs by the objective).
  const dspProducts = TARGETS[spec.device].dsp !== undefined && !softProducts(spec);
  // Under a DSP budget every product may go to LUTs as well: with a derivative the two channels
  // share the budget, and a channel with no DSP block beside one with a single block may be the
  // only pair that keeps it (the all-LUT channel the maxDsp 0 search would have offered).
  // So too where the objective prices a DSP block above its silicon (no-bram on a fixed part): a
  // product in LUTs may then be cheaper than the block it saves.
  const allSoft = spec.maxDsp !== 'none' || objectiveWeights(spec).dsp > TARGETS[spec.device].cost.dsp;
  const lutProducts = (d: Omit<ChannelDesign, 'blockRam'>): (number | undefined)[] =>
    d.method === 'poly' && dspProducts ? [undefined, ...Array.from({ length: allSoft ? d.degree : d.degree - 1 }, (_, i) => i + 1)] : [undefined];
  // Prices a design in each placement, with its LUT-product variants.
  const add = (d: Omit<ChannelDesign, 'blockRam'>, tableBits: number, err: number, logicOnly = false): void => {
    for (const blockRam of placements(spec, tableBits).filter((b) => !logicOnly || !b)) {
      // Tables far too big for logic are not priced there (decomposing them costs seconds).
      if (!blockRam && tableBits / 64 >= bestCost) continue;
      let dsp = Infinity;
      for (const lut of lutProducts(d)) {
        const c = priceChannel(spec, which, lut === undefined ? { ...d, blockRam } : { ...d, blockRam, lutProducts: lut }, err);
        // A variant whose DSP count did not drop is the same core, dearer or equal: not kept.
        if (c.area.dsp >= dsp) continue;
        dsp = c.area.dsp;
        found.push(c);
        bestCost = Math.min(bestCost, c.cost);
      }
    }
  };
  // A floor under the cost of tables of `bits` bits: whole block RAMs, or a generous 64 bits per
  // LUT in logic. Shapes whose tables alone cost more than the best design so far are not fitted.
  const dev = TARGETS[spec.device];
  const floor = (bits: number) => Math.min(Math.ceil(bits / dev.bram.bitsPerBlock) * dev.bram.tilesPerBlock * dev.cost.bram, bits / 64);
  for (const fold of foldsFor(spec)) {
    const k = minimalWindow(spec, which, fold);
    const t = truth(spec, which, fold, k);
    const hc = channelFunction(spec, which, fold, k).h;
    const base = { fold, windowBits: k, segmentBits: 0, degree: 0, lsb: [] as number[], tBits: [] as number[], merge: [] as number[], offsets: [] as { prefix: number; bits: number }[] };
    // Piecewise polynomials: the fewest segments that can be faithful, then shaved widths.
    for (let d = 1; d <= 3; d++) {
      if (k < 3 || !allowed('poly')) break;
      const tried = new Map<string, number | undefined>();
      const tryPoly = (m: number, lsb: number[], tBits: number[] = Array.from({ length: d }, () => k - m), merge: number[] = []): number | undefined => {
        const key = JSON.stringify([m, lsb, tBits, merge]);
        if (tried.has(key)) return tried.get(key);
        const v = verifier(t, rnd, lsb[0]!);
        const r = fitPoly(hc, { k, m, degree: d, lsb, tBits, merge }, t.h, v.check) ? v.worst() : undefined;
        tried.set(key, r);
        return r;
      };
      const generous = Array.from({ length: d + 1 }, () => fo + 12);
      // Shaves each LSB (highest degree first) to the fewest bits that stay faithful, the others
      // fixed; then the bits of t each product needs (the higher-order terms tolerate a short t).
      // narrowFirst: the t of that many products, the first first, shaved before any LSB (addNarrow).
      const shave = (m: number, lsb: number[], merge: number[], t0 = Array.from({ length: d }, () => k - m), narrowFirst = 0): { lsb: number[]; tBits: number[]; err: number } => {
        for (let i = d - 1; i >= d - narrowFirst; i--) t0 = shaveT(m, lsb, t0, merge, i);
        let best: number[] = lsb;
        for (let i = d; i >= 0; i--) {
          let a = Math.max(0, best[i]! - 8);
          let b = best[i]!;
          while (a < b) {
            const mid = (a + b) >> 1;
            if (tryPoly(m, best.map((v, j) => (j === i ? mid : v)), t0, merge) !== undefined) b = mid;
            else a = mid + 1;
          }
          best = best.map((v, j) => (j === i ? a : v));
        }
        let tBits = t0;
        for (let i = d - 1; i >= 0; i--) tBits = shaveT(m, best, tBits, merge, i);
        return { lsb: best, tBits, err: tryPoly(m, best, tBits, merge)! };
      };
      // The fewest bits of t product i needs, the rest fixed.
      const shaveT = (m: number, lsb: number[], tBits: number[], merge: number[], i: number): number[] => {
        let a = 1;
        let b = tBits[i]!;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (tryPoly(m, lsb, tBits.map((v, j) => (j === i ? mid : v)), merge) !== undefined) b = mid;
          else a = mid + 1;
        }
        return tBits.map((v, j) => (j === i ? a : v));
      };
      // On a device with DSP blocks, the first Horner products (c_d times t, ...) are worth making
      // narrow: synthesis keeps a product below the device's DSP width (iCE40: 11 bits) in LUTs, small
      // (a hand-built core's 3 x 5 beside one DSP block). So each design is also shaved with the t
      // of its first j products first, from two guard bits on every coefficient, then as usual.
      const softShave = dspProducts && d >= 2;
      const addNarrow = (m: number, lsb: number[], merge: number[], tableBits: number): void => {
        if (!softShave) return;
        const g2 = lsb.map((v) => v + 2);
        if (tryPoly(m, g2, undefined, merge) === undefined) return;
        for (let j = 1; j < d; j++) {
          const nr = shave(m, g2, merge, undefined, j);
          add({ ...base, method: 'poly', segmentBits: m, degree: d, lsb: nr.lsb, tBits: nr.tBits, merge }, tableBits, nr.err);
        }
      };
      // More than 2^13 pieces is a table no core wants (and a slow fit): the degree is skipped.
      let lo = 1;
      let hi = Math.min(k - 1, 13);
      if (tryPoly(hi, generous) === undefined) continue;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tryPoly(mid, generous) !== undefined) hi = mid;
        else lo = mid + 1;
      }
      // Wide windows (every try a pass over 2^17 codes or more) try only the fewest segments and
      // skip the non-uniform merges: the search stays in seconds, the design a little less shaved.
      const wide = k > 16;
      for (let m = lo; m <= Math.min(k - 1, wide ? lo : lo + 1); m++) {
        if (floor(2 ** m * (d + 1) * (fo + 2)) >= bestCost) break;
        let lsb: number[] | undefined;
        for (let g = 0; g <= 8 && !lsb; g++) {
          const cand = Array.from({ length: d + 1 }, (_, i) => fo + g + (i === 0 ? 0 : 1) - Math.max(0, i - 1));
          if (tryPoly(m, cand) !== undefined) lsb = cand;
        }
        if (!lsb) continue;
        const uni = shave(m, lsb, []);
        add({ ...base, method: 'poly', segmentBits: m, degree: d, lsb: uni.lsb, tBits: uni.tBits }, 2 ** m * (d + 1) * (fo + 2), uni.err);
        addNarrow(m, uni.lsb, [], 2 ** m * (d + 1) * (fo + 2));
        if (m < 3 || wide) continue;
        // Non-uniform, by quarter: 4 regions, each merging as many neighbouring segments as stays
        // faithful with the uniform design's widths (the flat parts of the function need fewer
        // pieces; their table rows repeat).
        const merge = [0, 0, 0, 0];
        for (let j = 0; j < 4; j++) {
          while (merge[j]! < m - 2 && tryPoly(m, uni.lsb, uni.tBits, merge.map((v, i) => (i === j ? v + 1 : v))) !== undefined) merge[j]!++;
        }
        if (merge.some((v) => v > 0)) {
          const e2 = tryPoly(m, uni.lsb, uni.tBits, merge)!;
          add({ ...base, method: 'poly', segmentBits: m, degree: d, lsb: uni.lsb, tBits: uni.tBits, merge }, 2 ** m * (d + 1) * (fo + 2), e2);
          addNarrow(m, uni.lsb, merge, 2 ** m * (d + 1) * (fo + 2));
        }
        // Non-uniform, a tree: from the whole window down, a piece is kept where it is faithful
        // and split in halves where it is not (the fewest pieces of any power-of-two aligned
        // segmentation at those widths, as faithfulness only gets easier on a smaller piece); then
        // the widths are shaved for the tree. Its table has a row per piece, addressed through a
        // small table of the top bits. The pieces are tested at the uniform design's widths plus g
        // guard bits on every coefficient (more bits let more pieces merge, and widen the table):
        // each g gives a candidate. A bounded tree also keeps every coefficient but c0 within the
        // uniform design's field widths, so that its products stay as narrow (a wider product can
        // take one more DSP block).
        if (m > TREE_MAX_SEGMENT_BITS || spec.romStyle === 'block') continue;
        const seen = new Set<string>([JSON.stringify(polyPieces({ m, merge }))]);
        const uniFit = fitPoly(hc, { k, m, degree: d, lsb: uni.lsb, tBits: uni.tBits, merge: [] }, t.h);
        const uniBits = Array.from({ length: d + 1 }, (_, i) => fieldBits(uniFit.coeffs.map((c) => c[i]!)));
        for (const [g, bounded] of [[0, false], [1, false], [2, false], [3, false], [0, true], [1, true], [2, true]] as const) {
          const wide1 = uni.lsb.map((v) => v + g);
          const fine = Array.from({ length: 2 ** m }, () => 0);
          // One piece is fitted and verified alone (its fit does not depend on the others').
          const pieceOk = (seg: number, dm: number): boolean => {
            const merge1 = fine.map((v, i) => (i >= seg && i < seg + 2 ** dm ? dm : v));
            const v = verifier(t, rnd, wide1[0]!);
            const only = { from: seg, to: seg + 2 ** dm };
            const fit = fitPoly(hc, { k, m, degree: d, lsb: wide1, tBits: Array.from({ length: d }, () => k - m), merge: merge1 }, t.h, v.check, only);
            return fit !== undefined && (!bounded || uniBits.every((b, i) => i === 0 || fieldBits(fit.coeffs.slice(seg, seg + 2 ** dm).map((c) => c[i]!)) - g <= b));
          };
          const split = (seg: number, dm: number): void => {
            if (dm === 0 || pieceOk(seg, dm)) {
              for (let i = seg; i < seg + 2 ** dm; i++) fine[i] = dm;
              return;
            }
            split(seg, dm - 1);
            split(seg + 2 ** (dm - 1), dm - 1);
          };
          split(0, m);
          const tree = treeMerge(m, fine);
          const pieces = polyPieces({ m, merge: tree });
          // Worth a table of its own where it has at most half the uniform design's rows and is
          // not a segmentation already priced.
          const key = JSON.stringify(pieces);
          if (pieces.length > 2 ** (m - 1) || seen.has(key)) continue;
          seen.add(key);
          const tr = shave(m, wide1, tree);
          add({ ...base, method: 'poly', segmentBits: m, degree: d, lsb: tr.lsb, tBits: tr.tBits, merge: tree }, pieces.length * (d + 1) * (fo + 2), tr.err, true);
        }
      }
    }
    // A table of every window code, where it can compete.
    // (Small tables are always priced: the report's Pareto table shows every method.)
    if (allowed('table') && k <= (opts.maxTableBits ?? 14) && (k <= 12 || floor(2 ** k * width(out)) < bestCost)) add({ ...base, method: 'table' }, 2 ** k * width(out), 0);
    // Multipartite tables: initial values addressed by the top bits, one or two offset tables.
    if (allowed('multipartite') && k >= 4 && k <= 20) {
      const tryMp = (tiv: number, offsets: { prefix: number; bits: number }[], lsb: number): number | undefined => {
        const v = verifier(t, rnd, lsb);
        return fitMultipartite(hc, { k, tiv, offsets, lsb }, t.h, v.check) ? v.worst() : undefined;
      };
      for (let tiv = Math.ceil(k / 2); tiv <= Math.min(k - 2, 14); tiv++) {
        if (floor(2 ** tiv * (fo + 2)) >= bestCost) break;
        const rest = k - tiv;
        const shapes: { prefix: number; bits: number }[][] = [];
        // Offset tables beyond 2^13 entries are as big as the table of initial values: not a saving.
        for (let p = 1; p <= tiv && p + rest <= 13; p++) shapes.push([{ prefix: p, bits: rest }]);
        if (rest >= 4) {
          const g1 = Math.ceil(rest / 2);
          for (let p = 1; p <= tiv && p + g1 <= 13; p++) shapes.push([{ prefix: p, bits: g1 }, { prefix: Math.max(1, p - 2), bits: rest - g1 }]);
        }
        // The smallest prefix that passes with generous table widths (binary search: a longer prefix
        // follows the slope more closely), per number of offset tables.
        for (const count of [1, 2]) {
          const mine = shapes.filter((s) => s.length === count);
          if (mine.length === 0 || tryMp(tiv, mine[mine.length - 1]!, fo + 8) === undefined) continue;
          let a = 0;
          let b = mine.length - 1;
          while (a < b) {
            const mid = (a + b) >> 1;
            if (tryMp(tiv, mine[mid]!, fo + 8) !== undefined) b = mid;
            else a = mid + 1;
          }
          const ok = mine[a]!;
          let lo2 = fo;
          let lsb = fo + 8;
          while (lo2 < lsb) {
            const mid = (lo2 + lsb) >> 1;
            if (tryMp(tiv, ok, mid) !== undefined) lsb = mid;
            else lo2 = mid + 1;
          }
          const err = tryMp(tiv, ok, lsb)!;
          const bits = 2 ** tiv * (fo + 2) + ok.reduce((a, o) => a + 2 ** (o.prefix + o.bits) * 6, 0);
          if (floor(bits) >= bestCost) continue;
          add({ ...base, method: 'multipartite', segmentBits: tiv, lsb: [lsb], offsets: ok }, bits, err);
        }
      }
    }
  }
  // A table of every input code: no fold, no tail, no identity half to select (in block RAM, the
  // whole core is one registered read). Up to 12-bit inputs: beyond, its block RAMs outweigh any
  // logic it saves.
  const w = width(spec.input);
  if (allowed('table') && w <= WHOLE_TABLE_MAX_BITS && !foldsFor(spec).some((f) => f === 'mid' && minimalWindow(spec, which, f) >= w)) {
    const base = { fold: 'mid' as const, windowBits: w, segmentBits: 0, degree: 0, lsb: [], tBits: [], merge: [], offsets: [] };
    add({ ...base, method: 'table' }, 2 ** w * width(out), 0);
  }
  return found.sort((a, b) => a.cost - b.cost);
}
