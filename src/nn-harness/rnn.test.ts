// The recurrent nets (tiny shapes only): orthogonal initializer, seeded weights, the gate and cell
// functions really used, gradients reaching every weight, short LSTM/GRU training runs that repeat
// their numbers; the ISRU gate in float and bit-exact (every code of an 8-bit gate core).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { resolveSpec } from '../spec/index.js';
import { makeActivation } from './activations.js';
import { bitExactTable } from './bit-exact.js';
import { initEngine } from './engine.js';
import { loadMnist, type Mnist } from './idx.js';
import { buildRecurrentNet, orthogonal } from './rnn.js';
import { createRng } from './rng.js';
import { train, trainCheck } from './train.js';

const SEED = 77;

describe(`recurrent nets (seed ${SEED})`, () => {
  beforeAll(async () => { await initEngine(); });

  it('orthogonal() has orthonormal rows', () => {
    const q = orthogonal(6, 24, createRng(SEED));
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        let d = 0;
        for (let k = 0; k < 24; k++) d += q[i * 24 + k]! * q[j * 24 + k]!;
        expect(d, `row ${i} . row ${j}`).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
  });

  for (const name of ['lstm', 'gru'] as const) {
    it(`${name}: logits [batch, 10]; same seed same logits; the gate function is used; every weight gets a gradient`, () => {
      const x = tf.tidy(() => tf.tensor4d(Float32Array.from({ length: 2 * 5 * 4 }, (_, i) => ((i * 37) % 11) / 10), [2, 5, 4, 1]));
      const act = makeActivation({ name: 'tanh' });
      const sig = makeActivation({ name: 'sigmoid' });
      const isg = makeActivation({ name: 'isru-gate' });
      const a = buildRecurrentNet(name, SEED, 8, 5, 4);
      const b = buildRecurrentNet(name, SEED, 8, 5, 4);
      const c = buildRecurrentNet(name, SEED + 1, 8, 5, 4);
      const la = tf.tidy(() => a.forward(x, act, sig).arraySync());
      expect(tf.tidy(() => a.forward(x, act, sig).shape)).toEqual([2, 10]);
      expect(tf.tidy(() => b.forward(x, act, sig).arraySync())).toEqual(la);
      expect(tf.tidy(() => c.forward(x, act, sig).arraySync())).not.toEqual(la);
      expect(tf.tidy(() => a.forward(x, act, isg).arraySync())).not.toEqual(la);
      const grads = tf.tidy(() => tf.variableGrads(() => tf.sum(tf.square(a.forward(x, act, sig))) as tf.Scalar, a.variables).grads);
      for (const v of a.variables) expect(tf.tidy(() => tf.max(tf.abs(grads[v.name]!)).dataSync()[0]!), v.name).toBeGreaterThan(0);
      tf.dispose([x, ...Object.values(grads)]);
      for (const n of [a, b, c]) n.dispose();
    });
  }

  it('isru-gate in float is (1 + isru(x/2)) / 2 with slope r^3/4; isru-gate-q equals the model on every code of an 8-bit core', () => {
    const xs = Float32Array.from([-20, -3, -1, -0.25, 0, 0.5, 2, 9]);
    const g = makeActivation({ name: 'isru-gate', alpha: 1 });
    const x = tf.tensor1d(xs);
    const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(g(t)))(x);
    const y = tf.tidy(() => g(x).dataSync());
    const d = grad.dataSync();
    xs.forEach((v, i) => {
      const u = v / 2;
      expect(y[i]).toBeCloseTo(0.5 + 0.5 * u / Math.sqrt(1 + u * u), 6);
      expect(d[i]).toBeCloseTo(0.25 * (1 + u * u) ** -1.5, 6);
    });
    tf.dispose([x, value, grad]);
    const spec = resolveSpec({ function: 'isru-gate', input: 'sQ3.4' });
    expect(spec.output).toMatchObject({ signed: false, int: 0, frac: 8 });
    const t = bitExactTable(spec);
    const q = makeActivation({ name: 'isru-gate-q', spec });
    const codes = Float32Array.from({ length: t.size }, (_, k) => (t.minRaw + k) / 16);
    const yq = tf.tidy(() => q(tf.tensor1d(codes)).dataSync());
    for (let k = 0; k < t.size; k++) if (yq[k]! * 256 !== t.yRaw[k]) expect.fail(`code ${t.minRaw + k}: model ${t.yRaw[k]}, activation ${yq[k]! * 256}`);
    expect(Math.min(...yq)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...yq)).toBeLessThan(1);
  });
});

describe(`recurrent training (hidden 16, 256 training / 128 test images, seed ${SEED})`, () => {
  let data: Mnist;
  beforeAll(() => { data = loadMnist({ trainSize: 256, testSize: 128 }); });
  const cores = { spec: resolveSpec({ function: 'isru', input: 'sQ3.4', output: 'sQ0.7' }), gateSpec: resolveSpec({ function: 'isru-gate', input: 'sQ3.4' }) };

  it('lstm with bit-exact gate and cell cores: same seed, same numbers; the result names the gate core', async () => {
    const opts = { net: 'lstm' as const, activation: 'isru-q' as const, gate: 'isru-gate-q' as const, ...cores, hidden: 16, epochs: 1, seed: SEED, data, trainSize: 256, testSize: 128, batchSize: 32 };
    const a = await train(opts);
    const b = await train(opts);
    expect(b.epochs).toEqual(a.epochs.map((e) => ({ ...e, imagesPerSecond: b.epochs[0]!.imagesPerSecond, seconds: b.epochs[0]!.seconds })));
    expect(a).toMatchObject({ gate: 'isru-gate-q', hidden: 16, gateSpec: { function: 'isru-gate', output: 'uQ0.8' }, grad: 'clipped' });
    expect(a.testAccuracy).toBeGreaterThan(0.1);
  });

  it('gru learns (2 epochs: training loss falls, test accuracy above chance); a CNN refuses a gate', async () => {
    const r = await train({ net: 'gru', activation: 'tanh', gate: 'sigmoid', hidden: 16, epochs: 2, seed: SEED, data, trainSize: 256, testSize: 128, batchSize: 32, learningRate: 0.02 });
    expect(r.epochs[1]!.trainLoss, JSON.stringify(r.epochs)).toBeLessThan(r.epochs[0]!.trainLoss);
    expect(r.testAccuracy, JSON.stringify(r.epochs)).toBeGreaterThan(0.2);
    await expect(train({ net: 'small', activation: 'relu', gate: 'sigmoid', epochs: 1, seed: SEED, data, trainSize: 64, testSize: 64 })).rejects.toThrow(/gate: the small net has no gates/);
  });

  it('trainCheck on lstm: float ISRU gates against the bit-exact cores', async () => {
    const r = await trainCheck({ net: 'lstm', spec: cores.spec, hidden: 16, epochs: 1, seed: SEED, data, trainSize: 256, testSize: 128, batchSize: 32, tolerancePoints: 100 });
    expect(r.gateSpec).toMatchObject({ function: 'isru-gate', input: 'sQ3.4' });
    expect(r.float.activation).toBe('isru');
    expect(r.quantized.activation).toBe('isru-q');
    expect(r.pass).toBe(true);
  });
});
