// Faithful sizing: choose the method, seed table, Newton-Raphson steps and internal widths that keep
// every output within 1 ulp, at the least cost, and prove it by the exhaustive check.
//
// Error budget, in output ulps u = 2^-fo, for y = x * r * 2^-e with r ~ 1/sqrt(m):
//   final rounding (nearest)                        <= 0.5
//   rsqrt relative error eps_r, times max|y|        <= 0.30   (seed, NR truncations, m truncation)
//   truncation of t = 1 + alpha x^2 to F bits       <= 0.05   (|dy/dt| <= 0.1925/sqrt(alpha), 2 truncations)
//   quantization of alpha (when not a power of 2)   <= 0.05   (|dy/dalpha| <= 1/(2 alpha^1.5))
//   margin                                             0.10
// A Newton-Raphson step maps a relative error E to 1.5 E^2 + 0.5 E^3 (from below), plus its own
// truncations: y^2 (2^-w, times m <= 4), m y^2 (2^-w), the product (2^-w): at most 3.5 * 2^-w
// absolute, 7 * 2^-w relative since r >= 1/2. The derivative r^3 triples eps_r.

import { width, type Format } from '../fixedpoint/index.js';
import { SpecError, type Spec, type RsqrtParams } from '../spec/index.js';
import { fn } from '../reference/index.js';
import {
  buildDatapath, compile, seedTable, simpleCost, isPowerOfTwo, type Datapath,
} from '../datapath/index.js';
import { analyzeErrors, type Analysis } from './error.js';
// The area model and the schedule are imported by file: their folders' index files reach back here.
import { estimateArea } from '../area/model.js';
import { scheduleDatapath } from '../schedule/schedule.js';

export interface BudgetLine {
  readonly term: string;
  readonly boundUlp: number;
  /** True for the terms that add up to the total bound; false for intermediate stages. */
  readonly inTotal: boolean;
}

/** The rsqrt route's sizing (one family of the faithful search in search.ts). */
export interface RsqrtSizing {
  readonly params: RsqrtParams;
  readonly datapath: Datapath;
  readonly cost: number;
  /** Predicted error bound of the chosen design, term by term (output ulps). */
  readonly budget: readonly BudgetLine[];
  /** Candidates tried, cheapest first, with the outcome of their check. */
  readonly tried: readonly { readonly params: RsqrtParams; readonly cost: number; readonly faithful: boolean }[];
  readonly check: Analysis;
}

const NR_TRUNC = 7;
const SHARE_RSQRT = 0.3;
const SHARE_ARG = 0.05;
const SHARE_ALPHA = 0.05;

/** The rsqrt route's alpha (the function's scale applied) and output scale 2^outShift. */
function rsqrtScale(spec: Spec): { a: number; scale: number } {
  const r = fn(spec.function).rsqrt;
  return { a: spec.alpha * r.alphaScale, scale: 2 ** r.outShift };
}

/** Largest |x r 2^outShift| over the input range (at the most negative input), capped by the output range. */
export function maxAbsOutput(spec: Spec): number {
  const x = 2 ** spec.input.int;
  const { a, scale } = rsqrtScale(spec);
  return Math.min((scale * x) / Math.sqrt(1 + a * x * x), 2 ** spec.output.int);
}

/** Sum of the simple per-op costs over a datapath. */
export function datapathCost(dp: Datapath): number {
  let c = 0;
  // An iterative core builds one Newton-Raphson unit: steps after the first cost nothing more.
  const reused = new Set<number>();
  if (dp.loop) for (let i = 1; i < dp.loop.entry.length; i++) for (let id = dp.loop.entry[i]!; id <= dp.loop.exit[i]!; id++) reused.add(id);
  for (const n of dp.nodes) {
    if (reused.has(n.id)) continue;
    const fmts: Format[] = n.args.map((a) => dp.nodes[a]!.fmt);
    const consts = n.args.map((a) => { const m = dp.nodes[a]!; return m.op === 'const' ? m.valueRaw : undefined; });
    c += simpleCost(n, fmts, consts);
  }
  return c;
}

/** Relative rsqrt error allowed by the budget (for y and, if present, the derivative). */
function rsqrtTarget(spec: Spec): number {
  let eps = (SHARE_RSQRT * 2 ** -spec.output.frac) / maxAbsOutput(spec);
  if (spec.derivative) eps = Math.min(eps, (0.1 * 2 ** -spec.derivativeFormat.frac) / 3);
  return eps;
}

/** The budget of a design, term by term, in output ulps. */
export function errorBudget(spec: Spec, p: RsqrtParams, alphaUsed: number): BudgetLine[] {
  const u = 2 ** -spec.output.frac;
  const ymax = maxAbsOutput(spec);
  const lines: BudgetLine[] = [
    { term: `final rounding (${spec.outputRounding})`, boundUlp: spec.outputRounding === 'truncate' ? 1 : 0.5, inTotal: true },
  ];
  if (p.method === 'direct') return lines;
  const seedErr = p.method === 'newton' ? seedTable(p.tableAddressBits, p.tableDataBits).maxRelError : NaN;
  if (p.method === 'newton') {
    let e = seedErr;
    lines.push({ term: `seed table 2^${p.tableAddressBits} x ${p.tableDataBits} bits: relative ${e.toExponential(2)}`, boundUlp: (e * ymax) / u, inTotal: p.steps === 0 });
    p.stepBits.forEach((w, i) => {
      e = 1.5 * e * e + 0.5 * e * e * e + NR_TRUNC * 2 ** -w;
      lines.push({ term: `after Newton-Raphson step ${i + 1} (${w} bits): relative ${e.toExponential(2)}`, boundUlp: (e * ymax) / u, inTotal: i === p.steps - 1 });
    });
    lines.push({ term: `mantissa truncation (${p.mantissaBits} bits)`, boundUlp: (2 ** -(p.mantissaBits + 1) * ymax) / u, inTotal: true });
  }
  const { a, scale } = rsqrtScale(spec);
  lines.push({ term: `argument t truncation (${p.argFracBits} fraction bits)`, boundUlp: (scale * 0.1925 * 2 * 2 ** -p.argFracBits) / Math.sqrt(a) / u, inTotal: true });
  if (!isPowerOfTwo(a)) {
    lines.push({ term: `alpha quantized to ${alphaUsed} (${p.alphaBits} bits)`, boundUlp: (scale * Math.abs(alphaUsed - a)) / (2 * a ** 1.5) / u, inTotal: true });
  }
  return lines;
}

/** Candidate designs for the Newton method with n steps, widths from the budget (extra guard bits). */
function newtonCandidate(spec: Spec, n: number, guard: number): RsqrtParams | undefined {
  const epsR = rsqrtTarget(spec);
  const u = 2 ** -spec.output.frac;
  const stepBits: number[] = new Array(n);
  let need = epsR * 0.9;
  for (let i = n - 1; i >= 0; i--) {
    stepBits[i] = Math.ceil(Math.log2((4 * NR_TRUNC) / need)) + guard;
    need = Math.sqrt(need / 2) * 0.95;
  }
  // One reused unit computes every step of an iterative core, so all steps get the widest width.
  if (spec.architecture === 'iterative') stepBits.fill(Math.max(...stepBits));
  const mantissaBits = Math.max(...stepBits, Math.ceil(-Math.log2(epsR)) + 1) + 2 + guard;
  // cheapest table meeting `need` (relative): smallest k, then smallest d
  for (let k = 1; k <= 16; k++) {
    if (2 ** -(k + 2) > need * 1.5) continue; // minimax error alone is about 2^-(k+2)
    for (let d = k + 1; d <= Math.min(40, k + 12); d++) {
      if (seedTable(k, d).maxRelError <= need) {
        if (k > mantissaBits + 1) return undefined;
        const { a, scale } = rsqrtScale(spec);
        const argFracBits = Math.ceil(Math.log2((scale * 0.1925 * 2) / Math.sqrt(a) / (SHARE_ARG * u))) + guard;
        const alphaBits = Math.ceil(Math.log2(scale / (2 * Math.sqrt(a) * SHARE_ALPHA * u))) + 2 + guard;
        return { method: 'newton', steps: n, tableAddressBits: k, tableDataBits: d, stepBits, mantissaBits, argFracBits: Math.max(1, argFracBits), alphaBits: Math.min(52, Math.max(1, alphaBits)) };
      }
    }
  }
  return undefined;
}

export interface SizingOptions {
  readonly exhaustiveBits?: number;
  readonly maxSteps?: number;
  /** Exhaustive checks spent shaving bits off the budget's widths (default 40). */
  readonly maxShaveChecks?: number;
}

interface Candidate {
  readonly params: RsqrtParams;
  readonly dp: Datapath;
  readonly cost: number;
}
type Tried = RsqrtSizing['tried'][number];

function candidate(spec: Spec, params: RsqrtParams): Candidate {
  const dp = buildDatapath(spec, params);
  return { params, dp, cost: spec.architecture === 'iterative' ? iterativeCost(dp) : datapathCost(dp) };
}

/**
 * An iterative core trades steps for table size on one reused unit, and the simple op cost cannot
 * weigh a wider unit against a bigger table: rank those by the area model on the spec's device
 * (LUTs plus 16 per DSP block plus a LUT per 16 memory bits).
 */
function iterativeCost(dp: Datapath): number {
  const a = estimateArea(dp, scheduleDatapath(dp), dp.spec.device);
  return a.lut + 16 * a.dsp + a.memoryBits / 16;
}

/**
 * Greedy shaving: the budget's widths are conservative, so take one bit at a time off each width
 * (last step first) and keep every change that is cheaper and still passes the exhaustive check.
 */
function shave(spec: Spec, start: Candidate, startAnalysis: Analysis, check: (c: Candidate) => Analysis | undefined, maxChecks: number): { cand: Candidate; analysis: Analysis } {
  let best = start;
  let analysis = startAnalysis;
  let checks = 0;
  const moves = (p: RsqrtParams): RsqrtParams[] => {
    const out: RsqrtParams[] = [];
    if (spec.architecture === 'iterative') {
      if (p.stepBits[0]! > 2) out.push({ ...p, stepBits: p.stepBits.map((w) => w - 1) });
    } else {
      for (let i = p.stepBits.length - 1; i >= 0; i--) {
        if (p.stepBits[i]! > 2) out.push({ ...p, stepBits: p.stepBits.map((w, j) => (j === i ? w - 1 : w)) });
      }
    }
    if (p.mantissaBits > Math.max(1, p.tableAddressBits - 1)) out.push({ ...p, mantissaBits: p.mantissaBits - 1 });
    if (p.argFracBits > 1) out.push({ ...p, argFracBits: p.argFracBits - 1 });
    if (p.tableDataBits > 2) out.push({ ...p, tableDataBits: p.tableDataBits - 1 });
    if (!isPowerOfTwo(rsqrtScale(spec).a) && p.alphaBits > 1) out.push({ ...p, alphaBits: p.alphaBits - 1 });
    return out;
  };
  for (let improved = true; improved && checks < maxChecks;) {
    improved = false;
    for (const p of moves(best.params)) {
      if (checks >= maxChecks) break;
      const c = candidate(spec, p);
      if (c.cost >= best.cost) continue;
      checks++;
      const a = check(c);
      if (a) {
        best = c;
        analysis = a;
        improved = true;
        break;
      }
    }
  }
  return { cand: best, analysis };
}

/**
 * Sizes a faithful design through the inverse square root: seed table plus 0..3 Newton-Raphson
 * steps (at least one, and `lanes`, for an iterative core), sorted by cost; the first that passes
 * the check, its widths shaved (every passing candidate for an iterative core, the cheapest kept).
 */
export function sizeRsqrt(spec: Spec, opts: SizingOptions = {}): RsqrtSizing {
  const exhaustiveBits = opts.exhaustiveBits ?? 24;
  const cands: Candidate[] = [];
  const add = (p: RsqrtParams | undefined) => { if (p) cands.push(candidate(spec, p)); };
  const iterative = spec.architecture === 'iterative';
  // An iterative core needs at least one step to reuse (and at least `lanes` steps to use its lanes).
  for (let n = iterative ? Math.max(1, spec.lanes) : 0; n <= Math.max(opts.maxSteps ?? 3, iterative ? spec.lanes : 0); n++) add(newtonCandidate(spec, n, 0));
  cands.sort((a, b) => a.cost - b.cost);
  const tried: Tried[] = [];
  const check = (c: Candidate): Analysis | undefined => {
    const a = analyzeErrors(c.dp, { exhaustiveBits, stopOnUnfaithful: true, evaluator: compile(c.dp) });
    const faithful = a.y.unfaithful === 0 && (a.dy?.unfaithful ?? 0) === 0;
    tried.push({ params: c.params, cost: c.cost, faithful });
    return faithful ? a : undefined;
  };
  let best: { cand: Candidate; analysis: Analysis } | undefined;
  for (const c of cands) {
    // The budget is conservative, but a candidate that fails gets guard bits before we move on.
    for (let guard = 0; guard <= 2; guard++) {
      const cand = guard === 0 ? c : candidate(spec, newtonCandidate(spec, c.params.steps, guard)!);
      const passed = check(cand);
      if (passed) {
        // Only an exhaustive check proves a shaved design; sampled checks keep the budget's widths.
        const shaved = width(spec.input) <= exhaustiveBits && cand.params.method === 'newton'
          ? shave(spec, cand, passed, check, opts.maxShaveChecks ?? 40)
          : { cand, analysis: passed };
        if (!best || shaved.cand.cost < best.cand.cost) best = shaved;
        break;
      }
    }
    // Shaving can reorder an iterative core's candidates (unit width against table size), so
    // those are all shaved and the cheapest kept; otherwise the first that passes is the design.
    if (best && !iterative) break;
  }
  if (best) {
    const b = best.cand;
    return { params: b.params, datapath: b.dp, cost: b.cost, budget: errorBudget(spec, b.params, b.dp.alphaUsed), tried, check: best.analysis };
  }
  throw new SpecError('accuracy', `faithful sizing found no design for ${spec.name} (${tried.length} candidates up to ${opts.maxSteps ?? 3} Newton-Raphson steps fail the exhaustive check): widen the output or use accuracy "custom"`);
}

