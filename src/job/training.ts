// The main job's training step: the small CNN on a slice of real MNIST, trained with the spec's float
// function and with its bit-exact model (same seed and data), plus a short accuracy-against-bit-width
// series for the report's chart. The full-size verdict is `isrlu train --check`; this is its quick
// form, with a tolerance sized to the test slice (see `quickTolerance`).

import { resolveSpec, specToJson, type Spec } from '../spec/index.js';
import { initEngine, loadMnist, train, trainCheck, bitFormats, type ActivationName } from '../nn-harness/index.js';
import type { TrainingOutcome } from './run.js';

export interface TrainingStepOptions {
  readonly trainImages: number;
  readonly testImages?: number;
  readonly seed: number;
  /** Bit widths of the accuracy series [default 4, 6, 8, 10, 12, 16]. */
  readonly widths?: readonly number[];
}

/**
 * Tolerance (percentage points) of the quick check: the 0.3 points of the full verdict, or three
 * standard errors of the difference of two accuracies near `acc` on `n` test images if larger.
 */
export function quickTolerance(acc: number, n: number): number {
  const se = Math.sqrt((2 * acc * (1 - acc)) / n);
  return Math.max(0.3, Number((300 * se).toFixed(2)));
}

const pct = (v: number) => `${(100 * v).toFixed(2)} %`;

export async function trainingCheck(spec: Spec, o: TrainingStepOptions, log: (line: string) => void): Promise<TrainingOutcome> {
  const testImages = o.testImages ?? 5000;
  const backend = await initEngine();
  const data = loadMnist({ trainSize: o.trainImages, testSize: testImages });
  const common = { net: 'small' as const, epochs: 1, seed: o.seed, data, trainSize: o.trainImages, testSize: testImages };
  log(`small CNN, 1 epoch on ${o.trainImages} MNIST training images, tested on ${testImages} (tfjs ${backend} backend)`);
  const check = await trainCheck({ ...common, spec, tolerancePoints: 0.3 });
  const tol = quickTolerance(check.float.testAccuracy, testImages);
  const pass = check.deltaPoints >= -tol - 1e-9;
  log(`float ${spec.function}: ${pct(check.float.testAccuracy)}, bit-exact: ${pct(check.quantized.testAccuracy)} (${check.deltaPoints >= 0 ? '+' : ''}${check.deltaPoints.toFixed(2)} points)`);

  // Accuracy against bit width: the same net with the bit-exact unit at each width (faithful).
  const widths = o.widths ?? [4, 6, 8, 10, 12, 16];
  const accuracy: { label: string; bits: number; accuracy: number }[] = [];
  const rows: string[][] = [];
  const qLabel = `${spec.function} bit-exact (faithful)`;
  const own = specToJson(spec);
  for (const w of widths) {
    const f = bitFormats(spec.function as 'isru' | 'isrlu', w, spec.alpha);
    const s = resolveSpec({ function: spec.function, alpha: spec.alpha, input: f.input, output: f.output, accuracy: 'faithful' });
    // The core itself is one of the widths when its spec is that faithful spec: no second run.
    const same = spec.accuracy === 'faithful' && own.input === f.input && own.output === f.output && spec.architecture === 'pipelined';
    const acc = same ? check.quantized.testAccuracy : (await train({ ...common, activation: `${spec.function}-q` as ActivationName, spec: s })).testAccuracy;
    accuracy.push({ label: qLabel, bits: w, accuracy: acc });
    rows.push([`${spec.function} bit-exact, ${f.input} -> ${f.output}`, `${w}`, pct(acc)]);
    log(`${w}-bit ${f.input}: ${pct(acc)}${same ? ' (this core)' : ''}`);
  }
  for (const w of [widths[0]!, widths[widths.length - 1]!]) {
    accuracy.push({ label: `${spec.function} float`, bits: w, accuracy: check.float.testAccuracy });
  }
  const relu = await train({ ...common, activation: 'relu' });
  for (const w of [widths[0]!, widths[widths.length - 1]!]) accuracy.push({ label: 'relu float', bits: w, accuracy: relu.testAccuracy });
  return {
    status: pass ? 'ok' : 'failed',
    detail: `float ${pct(check.float.testAccuracy)}, bit-exact ${pct(check.quantized.testAccuracy)} (${check.deltaPoints.toFixed(2)} points; tolerance ${tol} points on ${testImages} test images)`,
    head: ['network and activation', 'bits', 'test accuracy'],
    rows: [
      [`${spec.function} float (alpha ${spec.alpha})`, 'float', pct(check.float.testAccuracy)],
      [`${spec.function} bit-exact, this core (${specToJson(spec).input as string})`, `${spec.input.int + spec.input.frac + 1}`, pct(check.quantized.testAccuracy)],
      ['relu float', 'float', pct(relu.testAccuracy)],
      ...rows,
    ],
    accuracy,
    json: {
      net: 'small', epochs: 1, trainImages: o.trainImages, testImages, seed: o.seed, backend,
      float: { testAccuracy: check.float.testAccuracy }, quantized: { testAccuracy: check.quantized.testAccuracy },
      deltaPoints: check.deltaPoints, tolerancePoints: tol, pass,
      relu: { testAccuracy: relu.testAccuracy }, byWidth: accuracy.filter((a) => a.label === qLabel).map((a) => ({ bits: a.bits, testAccuracy: a.accuracy })),
    },
  };
}
