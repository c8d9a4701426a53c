// Re-measures the ISRLU paper's CPU claim (ISRLU cheaper than ELU) in Node: ns per element of each
// kernel over a large Float32Array, medians of interleaved repeats after a warm-up. Every run's
// output is folded into a checksum that ends up in the result, so the JIT cannot drop the work.

import { arch, cpus, loadavg } from 'node:os';
import { KERNELS, type Form, type Rsqrt } from './kernels.js';

export interface ActivationBenchOptions {
  /** Array length (default 2^20). */
  elements?: number;
  /** Timed runs per kernel; the median is reported (default 9). */
  repeats?: number;
  /** Seed of the inputs (default 1). */
  seed?: number;
}

export interface ActivationTiming {
  readonly name: string;
  readonly activation: string;
  readonly rsqrt: Rsqrt;
  readonly form: Form;
  /** Median over the repeats. */
  readonly nsPerElement: number;
  /** Fastest and slowest run, ns per element. */
  readonly minNs: number;
  readonly maxNs: number;
  /** nsPerElement over the fastest ReLU form's and over the fastest ELU form's. */
  readonly vsRelu: number;
  readonly vsElu: number;
  /** nsPerElement over the logistic sigmoid's (the gates' baseline). */
  readonly vsSigmoid: number;
  /** Sum of every 64th output of the last run (proves the work was done; same seed, same value). */
  readonly checksum: number;
}

export interface ActivationBenchResult {
  readonly elements: number;
  readonly repeats: number;
  readonly seed: number;
  readonly alpha: number;
  /** Inputs uniform in [-range, range). */
  readonly range: number;
  readonly node: string;
  readonly arch: string;
  readonly cpu: string;
  /** 1-minute load average when the run started (timings are wall clock: load inflates them). */
  readonly loadAverage: number;
  readonly seconds: number;
  readonly timings: readonly ActivationTiming[];
}

const ALPHA = 1;
const RANGE = 4;
const WARMUP_RUNS = 3;

/** Seeded uniform inputs in [-range, range) (xorshift32; the same seed gives the same array everywhere). */
export function benchInputs(elements: number, seed: number, range = RANGE): Float32Array {
  const x = new Float32Array(elements);
  let s = (seed >>> 0) || 0x9e3779b9;
  for (let i = 0; i < elements; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    x[i] = (s / 2 ** 32) * 2 * range - range;
  }
  return x;
}

function checkInt(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name}: must be an integer from ${min} to ${max}, got ${String(v)}`);
  return v;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Times every kernel in KERNELS on the same inputs: WARMUP_RUNS untimed runs each, then `repeats`
 * rounds in which every kernel runs once (interleaved, so drift in machine load spreads evenly).
 */
export function benchActivations(opts: ActivationBenchOptions = {}): ActivationBenchResult {
  const elements = checkInt('elements', opts.elements ?? 2 ** 20, 1024, 2 ** 27);
  const repeats = checkInt('repeats', opts.repeats ?? 9, 1, 1000);
  const seed = checkInt('seed', opts.seed ?? 1, 0, 2 ** 32 - 1);
  const t0 = performance.now();
  const load = loadavg()[0] ?? 0;
  const x = benchInputs(elements, seed);
  const y = new Float32Array(elements);
  const runs: number[][] = KERNELS.map(() => []);
  const sums = new Float64Array(KERNELS.length);
  let sink = 0;
  const fold = () => { let s = 0; for (let i = 0; i < elements; i += 64) s += y[i]!; return s; };

  for (const k of KERNELS) for (let w = 0; w < WARMUP_RUNS; w++) { k.kernel(x, y, ALPHA); sink += fold(); }
  for (let r = 0; r < repeats; r++) {
    KERNELS.forEach((k, i) => {
      y.fill(0);
      const a = performance.now();
      k.kernel(x, y, ALPHA);
      const ns = (performance.now() - a) * 1e6;
      runs[i]!.push(ns / elements);
      sums[i] = fold();
      sink += sums[i]!;
    });
  }
  if (Number.isNaN(sink)) throw new Error('activation bench: a kernel produced NaN');

  const ns = runs.map(median);
  const fastest = (a: string) => Math.min(...ns.filter((_, i) => KERNELS[i]!.activation === a));
  const reluNs = fastest('relu');
  const eluNs = fastest('elu');
  const sigmoidNs = fastest('sigmoid');
  const timings = KERNELS.map((k, i): ActivationTiming => ({
    name: k.name, activation: k.activation, rsqrt: k.rsqrt, form: k.form,
    nsPerElement: ns[i]!, minNs: Math.min(...runs[i]!), maxNs: Math.max(...runs[i]!),
    vsRelu: ns[i]! / reluNs, vsElu: ns[i]! / eluNs, vsSigmoid: ns[i]! / sigmoidNs, checksum: sums[i]!,
  }));
  return {
    elements, repeats, seed, alpha: ALPHA, range: RANGE,
    node: process.version, arch: arch(), cpu: cpus()[0]?.model.trim() ?? 'unknown', loadAverage: load,
    seconds: (performance.now() - t0) / 1000, timings,
  };
}

/** The result as a plain-text table (ns per element, spread, ratios to the fastest ReLU and ELU). */
export function renderActivationBench(r: ActivationBenchResult): string {
  const head = ['activation', 'ns/elem', 'min..max', 'x ReLU', 'x ELU', 'x sigmoid'];
  const rows = r.timings.map((t) => [
    t.name, t.nsPerElement.toFixed(2), `${t.minNs.toFixed(2)}..${t.maxNs.toFixed(2)}`, t.vsRelu.toFixed(2), t.vsElu.toFixed(2), t.vsSigmoid.toFixed(2),
  ]);
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((s, c) => (c === 0 ? s.padEnd(w[c]!) : s.padStart(w[c]!))).join('  ');
  return [
    `Activations on the CPU (Node ${r.node}, ${r.arch}, ${r.cpu}): ${r.elements} float32 inputs uniform in [-${r.range}, ${r.range}), alpha ${r.alpha}, seed ${r.seed}`,
    `median of ${r.repeats} interleaved runs after warm-up; ratios to the fastest ReLU and ELU form and to the sigmoid;`,
    `load average ${r.loadAverage.toFixed(2)} at start (wall-clock timings: other load inflates them)`,
    '',
    line(head),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map(line),
    '',
  ].join('\n');
}
