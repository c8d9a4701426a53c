// ChartSpecs for a core, read from its elaborated datapath: the outputs come from evaluateCodes (the
// same bit-exact model everything else uses) and the exact function from src/reference; nothing
// here re-implements the arithmetic. Inputs up to 16 bits are charted exhaustively, wider ones on a
// seeded sample (corner cases plus random codes, as the error analysis samples them).

import { width, minRaw, maxRaw, toReal, formatName, type Format } from '../fixedpoint/index.js';
import { evaluateCodes, type Datapath } from '../datapath/index.js';
import { exactReal } from '../reference/index.js';
import { sampleCodes } from '../common/index.js';
import type { ChartPoint, ChartSeries, ChartSpec } from './render.js';

/** Inputs up to this many bits are charted on every code. */
export const CHART_EXHAUSTIVE_BITS = 16;

export interface CoreChartOptions {
  /** Random codes beyond the exhaustive limit (default 2^14). */
  readonly samples?: number;
  /** Seed of the sample (default 1). */
  readonly seed?: number;
  readonly width?: number;
  readonly height?: number;
}

/** The input codes a core chart plots, ascending: every code up to 16 bits, a seeded sample above. */
export function chartCodes(input: Format, opts: CoreChartOptions = {}): bigint[] {
  if (width(input) <= CHART_EXHAUSTIVE_BITS) {
    const out: bigint[] = [];
    for (let v = minRaw(input); v <= maxRaw(input); v++) out.push(v);
    return out;
  }
  return sampleCodes(input, opts.samples ?? 2 ** 14, opts.seed ?? 1);
}

function size(opts: CoreChartOptions): { width?: number; height?: number } {
  return { ...(opts.width !== undefined ? { width: opts.width } : {}), ...(opts.height !== undefined ? { height: opts.height } : {}) };
}

function describeCore(dp: Datapath): string {
  const s = dp.spec;
  return `${s.name}: ${s.function.toUpperCase()} alpha=${s.alpha}, ${formatName(s.input)} -> ${formatName(s.output)}`;
}

/**
 * The exact float64 function (series 0, dashed, not clamped to the output range) and the core's
 * output y as a real (series 1) over its input codes.
 */
export function transferChart(dp: Datapath, opts: CoreChartOptions = {}): ChartSpec {
  const s = dp.spec;
  const codes = chartCodes(s.input, opts);
  const { y } = evaluateCodes(dp, codes);
  const core: ChartPoint[] = [];
  const exact: ChartPoint[] = [];
  codes.forEach((c, i) => {
    const x = toReal(c, s.input);
    core.push({ x, y: toReal(y[i]!, s.output) });
    exact.push({ x, y: exactReal(s, x) });
  });
  const series: ChartSeries[] = [
    { label: 'exact', points: exact, dashed: true },
    { label: `core (${formatName(s.output)})`, points: core }, // Chart.js draws the first series on top
  ];
  return { title: `${describeCore(dp)}: transfer`, xLabel: 'x', yLabel: 'y', series, kind: 'line', ...size(opts) };
}

/**
 * The core's error in output ulps over its input codes: got - exact, the exact value scaled by
 * 2^frac and clamped to the output range (as src/analysis measures it, but signed). float64: for
 * outputs wider than 53 bits the error is only approximate.
 */
export function errorChart(dp: Datapath, opts: CoreChartOptions = {}): ChartSpec {
  const s = dp.spec;
  const codes = chartCodes(s.input, opts);
  const { y } = evaluateCodes(dp, codes);
  const lo = Number(minRaw(s.output));
  const hi = Number(maxRaw(s.output));
  const scale = 2 ** s.output.frac;
  const points: ChartPoint[] = codes.map((c, i) => {
    const x = toReal(c, s.input);
    const e = exactReal(s, x) * scale;
    return { x, y: Number(y[i]!) - (e < lo ? lo : e > hi ? hi : e) };
  });
  const sampled = width(s.input) > CHART_EXHAUSTIVE_BITS ? ` (${codes.length} sampled inputs)` : '';
  return {
    title: `${describeCore(dp)}: error${sampled}`,
    xLabel: 'x',
    yLabel: 'error (ulp)',
    series: [{ label: 'core - exact', points }],
    kind: 'scatter',
    ...size(opts),
  };
}

export interface AccuracyRow {
  /** Series name, e.g. the activation. */
  readonly label: string;
  /** Bit width (x axis). */
  readonly bits: number;
  readonly accuracy: number;
}

/** Accuracy against bit width, one line per label (labels in first-seen order, points by bits). */
export function accuracyChart(rows: readonly AccuracyRow[], opts: { title?: string; yLabel?: string; width?: number; height?: number } = {}): ChartSpec {
  const byLabel = new Map<string, ChartPoint[]>();
  for (const r of rows) {
    let pts = byLabel.get(r.label);
    if (!pts) byLabel.set(r.label, (pts = []));
    pts.push({ x: r.bits, y: r.accuracy });
  }
  const series = [...byLabel].map(([label, pts]) => ({ label, points: [...pts].sort((a, b) => a.x - b.x) }));
  return {
    title: opts.title ?? 'Accuracy vs bit width',
    xLabel: 'bits',
    yLabel: opts.yLabel ?? 'accuracy',
    series,
    kind: 'line',
    ...(opts.width !== undefined ? { width: opts.width } : {}),
    ...(opts.height !== undefined ? { height: opts.height } : {}),
  };
}
