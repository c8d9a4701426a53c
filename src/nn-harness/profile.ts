// Pre-activation profile (as hls4ml profiles layers): the values that reach each activation call of a
// net on a batch of images, per layer (CNN: in call order conv1, conv2, dense; lstm/gru: the gate and
// the cell activation over all steps), as a histogram with the fraction beyond each power of two and
// the integer bits that would cover 99.9 % of them. Profiling reads values out of the backend
// (dataSync): it runs once after training, never inside a training step.

import * as tf from '@tensorflow/tfjs';
import type { ChartSpec } from '../charts/index.js';
import type { Activation } from './activations.js';

export interface LayerProfile {
  readonly layer: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Quantiles of |x|. */
  readonly absP99: number;
  readonly absP999: number;
  /** Fraction of values with |x| >= 2^i, for i = 0 .. 4 (beyond the range of i integer bits). */
  readonly beyond: { readonly intBits: number; readonly fraction: number }[];
  /** Smallest i with 2^i > absP999: integer bits of sQi.f that hold 99.9 % of the values. */
  readonly suggestedIntBits: number;
  /** Histogram over [-HIST_RANGE, HIST_RANGE) in HIST_BINS bins (counts), plus the counts below and above. */
  readonly histogram: { readonly lo: number; readonly hi: number; readonly counts: number[]; readonly below: number; readonly above: number };
}

export const HIST_RANGE = 8;
export const HIST_BINS = 64;

/** Collects the inputs of an activation into `sink` under a layer name, then applies it. */
export class PreActivationRecorder {
  private readonly values = new Map<string, Float32Array[]>();
  private calls = 0;
  /** Wraps `act`: calls are named by `name(callIndex)` (e.g. CNN layers by order). */
  wrap(act: Activation, name: (call: number) => string): Activation {
    return (x) => {
      const layer = name(this.calls++);
      const list = this.values.get(layer) ?? [];
      list.push(x.dataSync() as Float32Array);
      this.values.set(layer, list);
      return act(x);
    };
  }
  profiles(): LayerProfile[] {
    return [...this.values].map(([layer, parts]) => profileValues(layer, parts));
  }
}

/** The profile of one layer's values. */
export function profileValues(layer: string, parts: readonly Float32Array[]): LayerProfile {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const abs = new Float32Array(n);
  const counts = new Array<number>(HIST_BINS).fill(0);
  let below = 0;
  let above = 0;
  let min = Infinity;
  let max = -Infinity;
  let k = 0;
  for (const p of parts) {
    for (const v of p) {
      abs[k++] = Math.abs(v);
      if (v < min) min = v;
      if (v > max) max = v;
      const b = Math.floor(((v + HIST_RANGE) / (2 * HIST_RANGE)) * HIST_BINS);
      if (b < 0) below++;
      else if (b >= HIST_BINS) above++;
      else counts[b]!++;
    }
  }
  abs.sort();
  const q = (f: number) => (n ? abs[Math.min(n - 1, Math.floor(f * n))]! : 0);
  const absP999 = q(0.999);
  const beyond = [0, 1, 2, 3, 4].map((i) => {
    // first index with |x| >= 2^i in the sorted array
    let lo = 0;
    let hi = n;
    while (lo < hi) { const m = (lo + hi) >> 1; if (abs[m]! >= 2 ** i) hi = m; else lo = m + 1; }
    return { intBits: i, fraction: n ? (n - lo) / n : 0 };
  });
  let suggestedIntBits = 0;
  while (2 ** suggestedIntBits <= absP999) suggestedIntBits++;
  return { layer, count: n, min, max, absP99: q(0.99), absP999, beyond, suggestedIntBits, histogram: { lo: -HIST_RANGE, hi: HIST_RANGE, counts, below, above } };
}

/** Histogram chart: percent of each layer's values per bin, one line per layer. */
export function profileChart(profiles: readonly LayerProfile[], title: string): ChartSpec {
  const w = (2 * HIST_RANGE) / HIST_BINS;
  return {
    title, xLabel: 'pre-activation value (bin centre)', yLabel: '% of values in bin', kind: 'line',
    series: profiles.map((p) => ({
      label: `${p.layer} (99.9 % within +-${p.absP999.toPrecision(3)}: ${p.suggestedIntBits} integer bits)`,
      points: p.histogram.counts.map((c, i) => ({ x: -HIST_RANGE + (i + 0.5) * w, y: p.count ? (100 * c) / p.count : 0 })),
    })),
  };
}

/** Runs `forward` once on `x` with recording activations and returns the profiles. */
export function profileForward(
  forward: (x: tf.Tensor4D, act: Activation, gate?: Activation) => tf.Tensor2D,
  x: tf.Tensor4D, act: Activation, gate: Activation | undefined, layerNames: (call: number) => string,
): LayerProfile[] {
  const rec = new PreActivationRecorder();
  const a = rec.wrap(act, gate ? () => 'cell' : layerNames);
  const g = gate ? rec.wrap(gate, () => 'gate') : undefined;
  tf.tidy(() => { forward(x, a, g); });
  return rec.profiles();
}
