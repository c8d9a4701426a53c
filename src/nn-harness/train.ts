// Training and evaluation on MNIST: seeded initializers and shuffling (same seed, same numbers on
// one backend), Adam, softmax cross-entropy; per-epoch train and test loss and accuracy.

import * as tf from '@tensorflow/tfjs';
import { UserError } from '../common/index.js';
import { resolveSpec, specToJson, type Spec } from '../spec/index.js';
import { formatName } from '../fixedpoint/index.js';
import { activationSpec, makeActivation, DEFAULT_GRAD, type Activation, type ActivationName, type GradMode } from './activations.js';
import { initEngine, type EngineBackend } from './engine.js';
import type { LookupPath } from './lookup.js';
import { loadMnist, type Mnist, type Split } from './idx.js';
import { buildNet, NET_LAYERS, type NetName } from './nets.js';
import { profileForward, type LayerProfile } from './profile.js';
import { DEFAULT_HIDDEN, GATES, RNN_NETS, isRecurrent, type GateName } from './names.js';
import { createRng, permutation } from './rng.js';

export interface TrainOptions {
  readonly net: NetName;
  readonly activation: ActivationName;
  /** alpha of float isrlu/isru [default 1]. */
  readonly alpha?: number;
  /** Hardware spec of a bit-exact activation [default: built-in default for its function]. */
  readonly spec?: Spec;
  /** Backward pass of a bit-exact activation [default clipped: zero gradient where the input saturated]. */
  readonly grad?: GradMode;
  /** Gate function of lstm/gru [default sigmoid]; the CNNs take none. */
  readonly gate?: GateName;
  /** Hardware spec of the bit-exact gate isru-gate-q [default: the built-in isru-gate spec with alpha]. */
  readonly gateSpec?: Spec;
  /** Hidden size of lstm/gru [default 128]. */
  readonly hidden?: number;
  /** How a bit-exact activation runs in the backend [default: fused on wasm, tensor ops elsewhere]. */
  readonly lookupPath?: LookupPath;
  readonly epochs: number;
  /** First N training images [default 60000]. */
  readonly trainSize?: number;
  /** First N test images [default 10000]. */
  readonly testSize?: number;
  readonly seed: number;
  /** [default 64] */
  readonly batchSize?: number;
  /** Adam learning rate [default 0.001]. */
  readonly learningRate?: number;
  /** After training, profile the pre-activations on the first N test images (profile.ts) [default: none]. */
  readonly profileImages?: number;
  /** Data already loaded (the sweep loads it once); else loadMnist with the sizes above. */
  readonly data?: Mnist;
  readonly onProgress?: (p: TrainProgress) => void;
  /** After each epoch's test evaluation. */
  readonly onEpoch?: (e: EpochResult, epochs: number) => void;
  /** Stops training between batches (throws an AbortError). */
  readonly signal?: AbortSignal;
}

export interface TrainProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  /** Running means over the epoch so far. */
  readonly loss: number;
  readonly accuracy: number;
  readonly imagesPerSecond: number;
}

export interface EpochResult {
  readonly epoch: number;
  /** Means over the epoch's batches (while the weights move). */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** Training images per second (evaluation not included). */
  readonly imagesPerSecond: number;
  readonly seconds: number;
}

export interface TrainResult {
  readonly net: NetName;
  readonly activation: ActivationName;
  /** lstm/gru: the gate function, its spec when bit-exact, and the hidden size. */
  readonly gate?: GateName;
  readonly gateSpec?: Record<string, unknown>;
  readonly hidden?: number;
  readonly alpha: number;
  readonly spec?: Record<string, unknown>;
  readonly grad?: GradMode;
  readonly seed: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly backend: EngineBackend;
  readonly epochs: EpochResult[];
  /** Of the last epoch. */
  readonly testAccuracy: number;
  readonly testLoss: number;
  /** Mean training images per second over all epochs. */
  readonly imagesPerSecond: number;
  readonly seconds: number;
  /** Pre-activation profile per layer after training (with profileImages). */
  readonly profile?: LayerProfile[];
}

function checkInt(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new UserError(`${name}: must be an integer from ${min} to ${max}, got ${String(v)}`);
  return v;
}

/** Fills x (batch*rows*cols, scaled to [0,1]) and labels for the images idx[from..to) of a split. */
function gather(s: Split, idx: ArrayLike<number> | undefined, from: number, to: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const px = s.rows * s.cols;
  const n = to - from;
  const x = new Float32Array(n * px);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = idx ? idx[from + i]! : from + i;
    const src = s.pixels.subarray(k * px, (k + 1) * px);
    for (let j = 0; j < px; j++) x[i * px + j] = src[j]! / 255;
    y[i] = s.labels[k]!;
  }
  return { x: tf.tensor4d(x, [n, s.rows, s.cols, 1]), y: tf.tensor1d(y, 'int32') };
}

function lossAndCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): { loss: tf.Scalar; correct: tf.Scalar } {
  const onehot = tf.oneHot(labels, logits.shape[1]!);
  const loss = tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar;
  return { loss, correct };
}

/** Test loss and accuracy of a net over a split, in batches of 1000. */
function evaluate(forward: (x: tf.Tensor4D) => tf.Tensor2D, s: Split): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let from = 0; from < s.count; from += 1000) {
    const to = Math.min(s.count, from + 1000);
    const [l, c] = tf.tidy(() => {
      const b = gather(s, undefined, from, to);
      const r = lossAndCorrect(forward(b.x), b.y);
      return [r.loss.dataSync()[0]!, r.correct.dataSync()[0]!];
    });
    loss += l * (to - from);
    correct += c;
  }
  return { loss: loss / s.count, accuracy: correct / s.count };
}

/** Trains a net on MNIST and evaluates it on the test split after every epoch. */
export async function train(o: TrainOptions): Promise<TrainResult> {
  const epochs = checkInt('epochs', o.epochs, 1, 1000);
  const seed = checkInt('seed', o.seed, 0, 2 ** 32 - 1);
  const batchSize = checkInt('batch-size', o.batchSize ?? 64, 1, 65536);
  const learningRate = o.learningRate ?? 1e-3;
  if (!(learningRate > 0)) throw new UserError(`learning-rate: must be a positive number, got ${String(o.learningRate)}`);
  const spec = activationSpec({ name: o.activation, ...(o.spec ? { spec: o.spec } : {}), ...(o.alpha !== undefined ? { alpha: o.alpha } : {}) });
  const alpha = spec?.alpha ?? o.alpha ?? 1;
  const bitOpts = { ...(o.grad ? { grad: o.grad } : {}), ...(o.lookupPath ? { path: o.lookupPath } : {}) };
  const act: Activation = makeActivation({ name: o.activation, alpha, ...(spec ? { spec } : {}), ...bitOpts });
  const recurrent = isRecurrent(o.net);
  if (!recurrent && (o.gate !== undefined || o.gateSpec)) throw new UserError(`gate: the ${o.net} net has no gates (gates are for ${RNN_NETS.join(' and ')})`);
  const hidden = recurrent ? checkInt('hidden', o.hidden ?? DEFAULT_HIDDEN, 1, 4096) : undefined;
  const gateName: GateName | undefined = recurrent ? o.gate ?? 'sigmoid' : undefined;
  if (gateName !== undefined && !(GATES as readonly string[]).includes(gateName)) throw new UserError(`gate: must be one of ${GATES.join(', ')}, got "${String(gateName)}"`);
  if (o.gateSpec && gateName !== 'isru-gate-q') throw new UserError(`gate: a gate spec describes the bit-exact gate (use isru-gate-q), got "${String(gateName)}"`);
  const gateSpec = gateName === 'isru-gate-q' ? activationSpec({ name: gateName, alpha, ...(o.gateSpec ? { spec: o.gateSpec } : {}) }) : undefined;
  const gate: Activation | undefined = gateName ? makeActivation({ name: gateName, alpha: gateSpec?.alpha ?? alpha, ...(gateSpec ? { spec: gateSpec } : {}), ...bitOpts }) : undefined;
  const data = o.data ?? loadMnist({ ...(o.trainSize !== undefined ? { trainSize: o.trainSize } : {}), ...(o.testSize !== undefined ? { testSize: o.testSize } : {}) });
  const trainSplit = sub(data.train, o.trainSize, 'train-size');
  const testSplit = sub(data.test, o.testSize, 'test-size');
  const backend = await initEngine();
  const t0 = performance.now();
  const net = buildNet(o.net, seed, trainSplit.rows, trainSplit.cols, 10, hidden);
  const opt = tf.train.adam(learningRate);
  const rng = createRng(seed ^ 0x5eed);
  const results: EpochResult[] = [];
  let trainSeconds = 0;
  let profile: LayerProfile[] | undefined;
  try {
    for (let e = 1; e <= epochs; e++) {
      const perm = permutation(trainSplit.count, rng);
      const batches = Math.ceil(trainSplit.count / batchSize);
      let lossSum = 0;
      let correctSum = 0;
      let seen = 0;
      const te = performance.now();
      for (let b = 0; b < batches; b++) {
        if (o.signal?.aborted) throw Object.assign(new Error('training stopped'), { name: 'AbortError' });
        const from = b * batchSize;
        const to = Math.min(trainSplit.count, from + batchSize);
        const { x, y } = gather(trainSplit, perm, from, to);
        let correct: tf.Scalar | undefined;
        const loss = opt.minimize(() => {
          const r = lossAndCorrect(net.forward(x, act, gate), y);
          correct = tf.keep(r.correct);
          return r.loss;
        }, true, net.variables)!;
        const lv = loss.dataSync()[0]!;
        const cv = correct!.dataSync()[0]!;
        tf.dispose([x, y, loss, correct!]);
        if (!Number.isFinite(lv)) throw new UserError(`training diverged: loss ${lv} in epoch ${e}, batch ${b + 1} (seed ${seed})`);
        lossSum += lv * (to - from);
        correctSum += cv;
        seen += to - from;
        if (o.onProgress && (b % 10 === 9 || b === batches - 1)) {
          o.onProgress({ epoch: e, epochs, batch: b + 1, batches, loss: lossSum / seen, accuracy: correctSum / seen, imagesPerSecond: seen / ((performance.now() - te) / 1000) });
        }
        if (b % 50 === 49) await new Promise((r) => setImmediate(r));
      }
      const seconds = (performance.now() - te) / 1000;
      trainSeconds += seconds;
      const test = evaluate((x) => net.forward(x, act, gate), testSplit);
      const er: EpochResult = { epoch: e, trainLoss: lossSum / seen, trainAccuracy: correctSum / seen, testLoss: test.loss, testAccuracy: test.accuracy, imagesPerSecond: seen / seconds, seconds };
      results.push(er);
      o.onEpoch?.(er, epochs);
    }
    if (o.profileImages !== undefined) {
      const n = checkInt('profile-images', o.profileImages, 1, testSplit.count);
      const b = gather(testSplit, undefined, 0, n);
      const names = isRecurrent(o.net) ? () => 'cell' : (i: number) => layerName(o.net, i);
      profile = profileForward(net.forward, b.x, act, gate, names);
      tf.dispose([b.x, b.y]);
    }
  } finally {
    net.dispose();
    opt.dispose();
  }
  const last = results[results.length - 1]!;
  return {
    net: o.net, activation: o.activation, ...(gateName ? { gate: gateName } : {}), ...(gateSpec ? { gateSpec: specToJson(gateSpec) } : {}), ...(hidden !== undefined ? { hidden } : {}),
    alpha, ...(spec || gateSpec ? { ...(spec ? { spec: specToJson(spec) } : {}), grad: o.grad ?? DEFAULT_GRAD } : {}),
    seed, batchSize, learningRate, trainSize: trainSplit.count, testSize: testSplit.count, backend,
    epochs: results, testAccuracy: last.testAccuracy, testLoss: last.testLoss,
    imagesPerSecond: (trainSplit.count * epochs) / trainSeconds, seconds: (performance.now() - t0) / 1000,
    ...(profile ? { profile } : {}),
  };
}

/** CNN layer names in activation-call order: conv1, conv2, dense1 ... */
function layerName(net: NetName, call: number): string {
  const layers = isRecurrent(net) ? [] : NET_LAYERS[net];
  const l = layers[call];
  if (!l) return `layer${call + 1}`;
  return `${l.kind}${layers.slice(0, call + 1).filter((m) => m.kind === l.kind).length}`;
}

function sub(s: Split, n: number | undefined, what: string): Split {
  if (n === undefined || n === s.count) return s;
  if (!Number.isInteger(n) || n < 1 || n > s.count) throw new UserError(`${what}: must be an integer from 1 to ${s.count}, got ${String(n)}`);
  const px = s.rows * s.cols;
  return { ...s, count: n, pixels: s.pixels.subarray(0, n * px), labels: s.labels.subarray(0, n) };
}

export interface TrainCheckOptions extends Omit<TrainOptions, 'activation' | 'spec' | 'alpha' | 'gate' | 'onProgress' | 'onEpoch'> {
  /** The hardware spec: float FUNCTION(alpha) against its bit-exact model (lstm/gru: the cell core, isru). */
  readonly spec: Spec;
  /** Allowed test-accuracy loss of the bit-exact net, in percentage points [default 0.3]. */
  readonly tolerancePoints?: number;
  readonly onProgress?: (phase: 'float' | 'quantized', p: TrainProgress) => void;
  readonly onEpoch?: (phase: 'float' | 'quantized', e: EpochResult, epochs: number) => void;
}

export interface CheckSide {
  readonly activation: ActivationName;
  /** Fraction in [0, 1]. */
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly epochs: EpochResult[];
  readonly imagesPerSecond: number;
  readonly seconds: number;
}

export interface TrainCheckResult {
  readonly spec: Record<string, unknown>;
  /** lstm/gru: the gate core's spec. */
  readonly gateSpec?: Record<string, unknown>;
  readonly net: NetName;
  readonly seed: number;
  readonly epochs: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly grad: GradMode;
  readonly float: CheckSide;
  readonly quantized: CheckSide;
  readonly tolerancePoints: number;
  /** quantized - float test accuracy, in percentage points. */
  readonly deltaPoints: number;
  /** quantized >= float - tolerance. */
  readonly pass: boolean;
}

/**
 * The verdict: trains the same net with the same seed and data twice, with the spec's float
 * function and with its bit-exact model, and compares test accuracies.
 */
export async function trainCheck(o: TrainCheckOptions): Promise<TrainCheckResult> {
  const tolerancePoints = o.tolerancePoints ?? 0.3;
  if (!(tolerancePoints >= 0)) throw new UserError(`tolerance: must be a number of percentage points >= 0, got ${String(o.tolerancePoints)}`);
  const data = o.data ?? loadMnist({ ...(o.trainSize !== undefined ? { trainSize: o.trainSize } : {}), ...(o.testSize !== undefined ? { testSize: o.testSize } : {}) });
  const { onProgress, onEpoch, spec, gateSpec: gateSpecIn, ...rest } = o;
  const recurrent = isRecurrent(o.net);
  if (recurrent && spec.function !== 'isru') throw new UserError(`function: the ${o.net} check compares the tanh-like core, isru; got "${spec.function}"`);
  // lstm/gru: float ISRU gates against the bit-exact gate core (default: the isru-gate spec on the cell's input format).
  const gateSpec = recurrent ? gateSpecIn ?? resolveSpec({ function: 'isru-gate', alpha: spec.alpha, input: formatName(spec.input) }) : undefined;
  const side = (r: TrainResult): CheckSide => ({ activation: r.activation, testAccuracy: r.testAccuracy, testLoss: r.testLoss, epochs: r.epochs, imagesPerSecond: r.imagesPerSecond, seconds: r.seconds });
  const run = (phase: 'float' | 'quantized') => train({
    ...rest, data, alpha: spec.alpha,
    activation: (phase === 'float' ? spec.function : `${spec.function}-q`) as ActivationName,
    ...(phase === 'quantized' ? { spec, ...(gateSpec ? { gate: 'isru-gate-q' as const, gateSpec } : {}) } : recurrent ? { gate: 'isru-gate' as const } : {}),
    ...(onProgress ? { onProgress: (p: TrainProgress) => onProgress(phase, p) } : {}),
    ...(onEpoch ? { onEpoch: (e: EpochResult, n: number) => onEpoch(phase, e, n) } : {}),
  });
  const f = await run('float');
  const q = await run('quantized');
  const deltaPoints = 100 * (q.testAccuracy - f.testAccuracy);
  return {
    spec: specToJson(spec), ...(gateSpec ? { gateSpec: specToJson(gateSpec) } : {}), net: o.net, seed: f.seed, epochs: f.epochs.length, trainSize: f.trainSize, testSize: f.testSize, grad: o.grad ?? DEFAULT_GRAD,
    float: side(f), quantized: side(q), tolerancePoints, deltaPoints,
    pass: deltaPoints >= -tolerancePoints - 1e-9,
  };
}
