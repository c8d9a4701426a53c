// The core report: latency, initiation interval, clock estimate, error, area (model estimate beside
// Yosys where run), why the faithful search chose the core, and a Pareto table of error against
// cost and latency across every method (the function's own pieces and the rsqrt route) for the
// same formats and device. Data first; render.ts turns it into Markdown, JSON or HTML.

import { resolveSpec, specToJson, SpecError, type Spec } from '../spec/index.js';
import { describeDesign, type Datapath } from '../datapath/index.js';
import { analyzeErrors, areaCost, elaborate, objectiveWeights, type Analysis } from '../analysis/index.js';
import { missingCuts, scheduleDatapath } from '../schedule/index.js';
import type { TargetName } from '../targets/index.js';
import { estimateArea, type AreaCounts } from '../area/index.js';
import { clockShortfall } from './clock.js';

export interface DesignPoint {
  readonly label: string;
  /** rsqrt (through the inverse square root) or direct (the function's own pieces). */
  readonly family: 'rsqrt' | 'direct';
  readonly method: string;
  readonly steps: number;
  readonly maxUlp: number;
  readonly meanUlp: number;
  readonly faithful: boolean;
  readonly latency: number;
  readonly fmaxMHz: number;
  readonly area: AreaCounts;
  /** The device's LUT-equivalent cost (docs/qor.md): LUTs, FFs, DSP blocks and block RAMs weighed. */
  readonly cost: number;
  /** Where the spec's objective or budgets exclude it. */
  readonly excluded?: string;
  /** The core this report is about. */
  readonly chosen: boolean;
  /** On the Pareto front of (max error, cost, latency). */
  readonly pareto: boolean;
}

export interface CoreReport {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly design: Record<string, unknown>;
  readonly latency: number;
  readonly initiationInterval: number;
  readonly device: TargetName;
  readonly clock: { readonly estimateMHz: number; readonly requestedMHz?: number; readonly measuredMHz?: number; readonly measuredBy?: string; readonly warning?: string };
  readonly error: { readonly maxUlp: number; readonly meanUlp: number; readonly faithfulFraction: number; readonly correctlyRoundedFraction: number; readonly exhaustive: boolean; readonly monotonic: boolean | null };
  /** The derivative output's error (cores with derivative: true), in its own format's ulps. */
  readonly derivativeError?: { readonly maxUlp: number; readonly meanUlp: number; readonly faithfulFraction: number; readonly correctlyRoundedFraction: number; readonly exhaustive: boolean };
  readonly area: { readonly estimate: Partial<Record<TargetName, AreaCounts>>; readonly yosys?: Partial<Record<string, AreaCounts>> };
  /** Why the faithful search chose this core (faithful specs). */
  readonly why?: string;
  readonly pareto: readonly DesignPoint[];
}

/** The spec's formats, device and pipelining without its design choices (the base of every candidate). */
function formatsOf(spec: Spec): Record<string, unknown> {
  const base = specToJson(spec);
  return {
    function: base.function, alpha: base.alpha, input: base.input, output: base.output, derivative: base.derivative, device: base.device,
    clockMHz: base.clockMHz, pipeline: base.pipeline, outputRounding: base.outputRounding === 'truncate' ? 'nearest-even' : base.outputRounding,
    objective: base.objective, maxDsp: base.maxDsp, maxBram: base.maxBram,
  };
}

/**
 * Custom designs compared beside the faithful search's best of each method: rsqrt sizes for the
 * spec's formats (a candidate these formats refuse is left out) and the iterative core.
 */
export function paretoCandidates(spec: Spec): Record<string, unknown>[] {
  const keep = formatsOf(spec);
  const out: Record<string, unknown>[] = [];
  const f = spec.output.frac + 2;
  for (const [k, d, steps] of [[10, 12, 0], [6, 9, 1], [4, 7, 2]] as const) out.push({ ...keep, accuracy: 'custom', method: 'newton', steps, tableAddressBits: Math.min(k, f + 1), tableDataBits: d, stepBits: f, mantissaBits: f, argFracBits: f });
  for (const [k, steps] of [[6, 0], [4, 1]] as const) out.push({ ...keep, accuracy: 'custom', method: 'pwl', steps, tableAddressBits: Math.min(k, f + 1), tableDataBits: f, stepBits: f, mantissaBits: f, argFracBits: f });
  for (const steps of [1, 2]) out.push({ ...keep, accuracy: 'custom', method: 'magic', steps, tableDataBits: Math.min(12, f), stepBits: f, mantissaBits: f, argFracBits: f });
  // One Newton-Raphson unit reused: less area, more latency, a new item every `steps` cycles.
  out.push({ ...keep, pipeline: 'auto', accuracy: 'faithful', methods: ['newton'], architecture: 'iterative', interface: 'ready-valid' });
  return out.filter((j) => {
    try {
      resolveSpec(j);
      return true;
    } catch (e) {
      if (e instanceof SpecError) return false;
      throw e;
    }
  });
}

function point(dp: Datapath, device: TargetName, family: DesignPoint['family'], label: string, extra: { analysis?: Analysis; excluded?: string; chosen?: boolean } = {}): Omit<DesignPoint, 'pareto'> {
  // Another design than the core has not the nodes a list of cuts names: it is scheduled "auto".
  const sched = scheduleDatapath(dp, missingCuts(dp).length ? 'auto' : dp.spec.pipeline);
  const a = extra.analysis ?? analyzeErrors(dp, { worstCount: 0 });
  const p = dp.params;
  const area = estimateArea(dp, sched, device);
  return {
    label, family, method: p.method, steps: 'steps' in p ? p.steps : 0, maxUlp: a.y.maxUlp, meanUlp: a.y.meanUlp, faithful: a.y.unfaithful === 0,
    latency: sched.latency, fmaxMHz: sched.fmaxMHz, area, cost: areaCost(device, area, objectiveWeights({ device, objective: dp.spec.objective })),
    ...(extra.excluded ? { excluded: extra.excluded } : {}), chosen: extra.chosen ?? false,
  };
}

/** Marks the points no other point beats on every axis (error, cost, latency). */
export function markPareto(points: readonly Omit<DesignPoint, 'pareto'>[]): DesignPoint[] {
  return points.map((p) => ({
    ...p,
    pareto: !points.some((q) => q !== p && q.maxUlp <= p.maxUlp && q.cost <= p.cost && q.latency <= p.latency
      && (q.maxUlp < p.maxUlp || q.cost < p.cost || q.latency < p.latency)),
  }));
}

/**
 * The Pareto table of a core: the faithful search's best design of every method for the spec's
 * formats, device and objective (the rsqrt route and table, poly, multipartite), the rsqrt sizes of
 * paretoCandidates, and the core itself, marked chosen.
 */
export function paretoPoints(dp: Datapath): DesignPoint[] {
  const spec = dp.spec;
  const faithfulSpec = spec.custom || spec.methods !== 'all' || spec.architecture === 'iterative' ? resolveSpec({ ...formatsOf(spec), accuracy: 'faithful' }) : spec;
  const sizing = elaborate(faithfulSpec).sizing!;
  const pts: Omit<DesignPoint, 'pareto'>[] = [];
  let sawSelf = false;
  for (const a of sizing.alternatives) {
    const self = a.datapath === dp;
    sawSelf ||= self;
    pts.push(point(a.datapath, spec.device, a.family, describeDesign(a.params), { ...(a.check ? { analysis: a.check } : {}), ...(a.excluded ? { excluded: a.excluded } : {}), chosen: self }));
  }
  for (const j of paretoCandidates(spec)) {
    const s = resolveSpec(j);
    let e: Datapath;
    try {
      e = elaborate(s).datapath;
    } catch (err) {
      // A faithful candidate the objective or a budget leaves without a design is not in the table.
      if (err instanceof SpecError) continue;
      throw err;
    }
    const arch = s.architecture === 'iterative' ? `iterative (II ${scheduleDatapath(e).initiationInterval}) ` : '';
    pts.push(point(e, spec.device, 'rsqrt', arch + (s.accuracy === 'faithful' ? `faithful ${describeDesign(e.params)}` : describeDesign(e.params))));
  }
  if (!sawSelf) pts.unshift(point(dp, spec.device, 'y' in dp.params ? 'direct' : 'rsqrt', `this core: ${describeDesign(dp.params)}`, { chosen: true }));
  return markPareto(pts);
}

/**
 * Builds the report of one core (without Yosys or nextpnr figures: the caller adds them).
 * `analysis`: an exhaustive analysis already made (faithful sizing's proof), reused as it is.
 */
export function coreReport(dp: Datapath, opts: { pareto?: boolean; analysis?: Analysis } = {}): CoreReport {
  const spec = dp.spec;
  const sched = scheduleDatapath(dp);
  const a = opts.analysis ?? analyzeErrors(dp, { worstCount: 0 });
  const estimate: Partial<Record<TargetName, AreaCounts>> = {};
  for (const t of ['ice40', 'ice40-dsp', 'xilinx'] as const) estimate[t] = estimateArea(dp, sched, t);
  const pareto = opts.pareto === false ? [] : paretoPoints(dp);
  const why = spec.custom ? undefined : elaborate(spec).sizing?.why;
  const warning = clockShortfall(dp, sched);
  return {
    name: spec.name, spec: specToJson(spec), design: { ...dp.params }, latency: sched.latency, initiationInterval: sched.initiationInterval,
    ...(sched.iterative ? { architecture: 'iterative', lanes: sched.iterative.lanes } : {}),
    device: sched.target,
    clock: {
      estimateMHz: sched.fmaxMHz, ...(sched.clockMHz !== undefined ? { requestedMHz: sched.clockMHz } : {}),
      ...(warning ? { warning: warning.text } : {}),
    },
    error: {
      maxUlp: a.y.maxUlp, meanUlp: a.y.meanUlp, faithfulFraction: a.y.faithfulFraction,
      correctlyRoundedFraction: a.y.correctlyRoundedFraction, exhaustive: a.y.exhaustive, monotonic: a.y.monotonic,
    },
    ...(a.dy ? { derivativeError: { maxUlp: a.dy.maxUlp, meanUlp: a.dy.meanUlp, faithfulFraction: a.dy.faithfulFraction, correctlyRoundedFraction: a.dy.correctlyRoundedFraction, exhaustive: a.dy.exhaustive } } : {}),
    area: { estimate },
    ...(why ? { why } : {}),
    pareto,
  };
}
