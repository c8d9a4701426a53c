// The registered wasm kernels against the cpu backend's own gradients on seeded random data,
// including the stride and padding cases the nets use (stride 1 'same') and harder ones.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './engine.js';
import { createRng } from './rng.js';

const SEED = 20261129;

function rand(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.normal()), shape);
}

/** Runs f on both backends; returns the largest error relative to the largest magnitude. */
async function compare(f: () => tf.Tensor[]): Promise<number[]> {
  const onWasm = tf.tidy(f).map((t) => { const d = t.dataSync().slice(); t.dispose(); return d; });
  await tf.setBackend('cpu');
  const onCpu = tf.tidy(f).map((t) => { const d = t.dataSync().slice(); t.dispose(); return d; });
  await tf.setBackend('wasm');
  return onWasm.map((w, i) => {
    const c = onCpu[i]!;
    expect(w.length).toBe(c.length);
    let scale = 0;
    let err = 0;
    for (let j = 0; j < c.length; j++) { scale = Math.max(scale, Math.abs(c[j]!)); err = Math.max(err, Math.abs(c[j]! - w[j]!)); }
    return err / (scale || 1);
  });
}

describe('wasm gradient kernels match the cpu backend', () => {
  beforeAll(async () => {
    const b = await initEngine();
    expect(b).toBe('wasm');
    // The wasm backend ships no Conv2DBackpropFilter: this one is ours.
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  const cases: { name: string; x: number[]; f: number[]; s: number; pad: 'same' | 'valid' }[] = [
    { name: 'small net conv1: 28x28x1, 5x5x16, same', x: [3, 28, 28, 1], f: [5, 5, 1, 16], s: 1, pad: 'same' },
    { name: 'small net conv2: 14x14x16, 5x5x32, same', x: [3, 14, 14, 16], f: [5, 5, 16, 32], s: 1, pad: 'same' },
    { name: 'paper conv2: 14x14x32, 5x5x64, same', x: [2, 14, 14, 32], f: [5, 5, 32, 64], s: 1, pad: 'same' },
    { name: '3x3 valid', x: [2, 9, 11, 3], f: [3, 3, 3, 4], s: 1, pad: 'valid' },
    { name: 'even 4x4 same (asymmetric padding)', x: [2, 8, 8, 2], f: [4, 4, 2, 3], s: 1, pad: 'same' },
    { name: 'stride 2 same', x: [2, 9, 9, 2], f: [3, 3, 2, 3], s: 2, pad: 'same' },
    { name: 'stride 2 valid, unused last row (crop path)', x: [2, 10, 10, 2], f: [3, 3, 2, 3], s: 2, pad: 'valid' },
  ];
  for (const [i, c] of cases.entries()) {
    it(`conv2d gradients: ${c.name} (seed ${SEED + i})`, async () => {
      const errs = await compare(() => {
        const x = rand(c.x, SEED + i);
        const f = rand(c.f, SEED + 100 + i);
        const out = tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.s, c.pad);
        const dy = rand(out.shape, SEED + 200 + i);
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad), dy)));
        return [out, ...g([x, f])];
      });
      // forward, dx (Conv2DBackpropInput), dW (Conv2DBackpropFilter)
      for (const e of errs) expect(e).toBeLessThan(2e-5);
    });
  }

  it(`transposed BatchMatMul in every combination, 2D and batched (seed ${SEED + 50})`, async () => {
    const errs = await compare(() => {
      const out: tf.Tensor[] = [];
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const a = rand(ta ? [37, 19] : [19, 37], SEED + 50);
        const b = rand(tb ? [23, 37] : [37, 23], SEED + 51);
        out.push(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, ta, tb));
        const a3 = rand(ta ? [3, 37, 19] : [3, 19, 37], SEED + 52);
        const b3 = rand(tb ? [3, 23, 37] : [3, 37, 23], SEED + 53);
        out.push(tf.matMul(a3 as tf.Tensor3D, b3 as tf.Tensor3D, ta, tb));
      }
      return out;
    });
    for (const e of errs) expect(e).toBeLessThan(2e-5);
  });

  for (const [i, c] of [
    { name: 'the nets\' 2x2 stride 2 valid pool', x: [3, 28, 28, 16], f: 2, s: 2, pad: 'valid' as const },
    { name: 'odd size 3x3 stride 2 same (overlapping windows, padding)', x: [2, 9, 7, 3], f: 3, s: 2, pad: 'same' as const },
  ].entries()) {
    it(`maxPool gradient: ${c.name}, with ties (seed ${SEED + 60 + i})`, async () => {
      const errs = await compare(() => {
        // Quantized values so windows hold ties, as they do after a bit-exact activation.
        const x = tf.round(tf.mul(rand(c.x, SEED + 60 + i), 2));
        const out = tf.maxPool(x as tf.Tensor4D, c.f, c.s, c.pad);
        const dy = rand(out.shape, SEED + 70 + i);
        return [out, tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, c.f, c.s, c.pad), dy)))(x)];
      });
      for (const e of errs) expect(e).toBeLessThan(2e-5);
    });
  }

  it('a failing kernel would be caught: the comparison sees a perturbed result', async () => {
    const errs = await compare(() => {
      const x = rand([2, 6, 6, 1], SEED + 7);
      return [tf.getBackend() === 'wasm' ? tf.mul(x, 1.001) : x];
    });
    expect(errs[0]).toBeGreaterThan(1e-4);
  });
});
