// The core report: latency, initiation interval, clock estimate, error, area (model estimate beside
// Yosys where run), and a Pareto table of error against area and latency across the rsqrt methods
// for the same formats. Data first; render.ts turns it into Markdown, JSON or HTML.

import { width } from '../fixedpoint/index.js';
import { SpecError, resolveSpec, specToJson, type Spec } from '../spec/index.js';
import { describeDesign, type Datapath } from '../datapath/index.js';
import { analyzeErrors, elaborate, type Analysis } from '../analysis/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import type { TargetName } from '../targets/index.js';
import { estimateArea, type AreaCounts } from '../area/index.js';
import { clockShortfall } from './clock.js';

export interface DesignPoint {
  readonly label: string;
  readonly method: string;
  readonly steps: number;
  readonly maxUlp: number;
  readonly meanUlp: number;
  readonly faithful: boolean;
  readonly latency: number;
  readonly fmaxMHz: number;
  readonly area: AreaCounts;
  /** On the Pareto front of (max error, LUT + 16 x DSP equivalents, latency). */
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
  readonly area: { readonly estimate: Partial<Record<TargetName, AreaCounts>>; readonly yosys?: Partial<Record<string, AreaCounts>> };
  readonly pareto: readonly DesignPoint[];
}

/** A LUT-equivalent cost to rank designs: a DSP block counts as 16 LUTs, a memory bit as 1/16. */
export const lutEquivalent = (a: AreaCounts): number => a.lut + 16 * a.dsp + a.memoryBits / 16;

/** The designs compared in the Pareto table: rsqrt methods and sizes for the spec's formats. */
export function paretoCandidates(spec: Spec): Record<string, unknown>[] {
  const base = specToJson(spec);
  delete base.name;
  const keep = { function: base.function, alpha: base.alpha, input: base.input, output: base.output, derivative: base.derivative, device: base.device, clockMHz: base.clockMHz, pipeline: base.pipeline, outputRounding: base.outputRounding === 'truncate' ? 'nearest-even' : base.outputRounding };
  const out: Record<string, unknown>[] = [{ ...keep, accuracy: 'faithful' }];
  const f = spec.output.frac + 2;
  // A seed table is addressed by at most mantissaBits + 1 bits: narrow formats get a smaller table.
  const addr = (k: number) => Math.min(k, f + 1);
  for (const [k, d, steps] of [[10, 12, 0], [6, 9, 1], [4, 7, 2]] as const) out.push({ ...keep, accuracy: 'custom', method: 'newton', steps, tableAddressBits: addr(k), tableDataBits: d, stepBits: f, mantissaBits: f, argFracBits: f });
  for (const [k, steps] of [[6, 0], [4, 1]] as const) out.push({ ...keep, accuracy: 'custom', method: 'pwl', steps, tableAddressBits: addr(k), tableDataBits: f, stepBits: f, mantissaBits: f, argFracBits: f });
  for (const steps of [1, 2]) out.push({ ...keep, accuracy: 'custom', method: 'magic', steps, tableDataBits: Math.min(12, f), stepBits: f, mantissaBits: f, argFracBits: f });
  if (width(spec.input) <= 14) out.push({ ...keep, accuracy: 'custom', method: 'direct' });
  // One Newton-Raphson unit reused: less area, more latency, a new item every `steps` cycles.
  out.push({ ...keep, pipeline: 'auto', accuracy: 'faithful', architecture: 'iterative', interface: 'ready-valid' });
  return out;
}

function point(json: Record<string, unknown>, device: TargetName): Omit<DesignPoint, 'pareto'> {
  const spec = resolveSpec(json);
  const { datapath } = elaborate(spec);
  const sched = scheduleDatapath(datapath);
  const a = analyzeErrors(datapath, { worstCount: 0 });
  const p = datapath.params;
  const arch = spec.architecture === 'iterative' ? `iterative (II ${sched.initiationInterval}) ` : '';
  const label = arch + (spec.accuracy === 'faithful' ? `faithful (${describeDesign(p)})` : describeDesign(p));
  return {
    label, method: p.method, steps: 'steps' in p ? p.steps : 0, maxUlp: a.y.maxUlp, meanUlp: a.y.meanUlp, faithful: a.y.unfaithful === 0,
    latency: sched.latency, fmaxMHz: sched.fmaxMHz, area: estimateArea(datapath, sched, device),
  };
}

/**
 * The Pareto table's points. A candidate the spec refuses for these formats (a size that does not
 * fit a narrow format) is left out: the table compares what can be built, it never fails the report.
 */
function paretoPoints(spec: Spec): Omit<DesignPoint, 'pareto'>[] {
  const points: Omit<DesignPoint, 'pareto'>[] = [];
  for (const j of paretoCandidates(spec)) {
    try {
      points.push(point(j, spec.device));
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
    }
  }
  return points;
}

/** Marks the points no other point beats on every axis (error, area, latency). */
export function markPareto(points: readonly Omit<DesignPoint, 'pareto'>[]): DesignPoint[] {
  return points.map((p) => ({
    ...p,
    pareto: !points.some((q) => q !== p && q.maxUlp <= p.maxUlp && lutEquivalent(q.area) <= lutEquivalent(p.area) && q.latency <= p.latency
      && (q.maxUlp < p.maxUlp || lutEquivalent(q.area) < lutEquivalent(p.area) || q.latency < p.latency)),
  }));
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
  const pareto = opts.pareto === false ? [] : markPareto(paretoPoints(spec));
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
    area: { estimate },
    pareto,
  };
}
