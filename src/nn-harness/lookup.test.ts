// The in-backend bit-exact activation (both the tensor-op and the fused path) equals the CPU
// reference (lookupIndex + lookupTables, itself checked against quantize() in bit-exact.test.ts)
// on seeded probes with ties and out-of-range values, and the model on every code of a 16-bit spec;
// the backward rules: clipped is zero beyond the input range and the float slope inside.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { width, type Format } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { bitExactTable, lookupIndex, lookupTables } from './bit-exact.js';
import { bitExactActivation, lookupIndexOps, type LookupPath } from './lookup.js';
import { initEngine } from './engine.js';
import { createRng } from './rng.js';
import type { GradMode } from './names.js';

const SEED = 1313;

/** Seeded float32 probes: random in and beyond the range, exact ties, near ties, infinities, huge. */
function probes(f: Format, seed: number): Float32Array {
  const rng = createRng(seed);
  const ulp = 2 ** -f.frac;
  const span = 2 ** (f.int + 1);
  const v: number[] = [0, -0, Infinity, -Infinity, 3.4e38, -3.4e38, 1e-40, span, -span, span - ulp / 2, -span - ulp / 2, -span + ulp / 2];
  for (let i = 0; i < 3000; i++) v.push((rng.next() * 2 - 1) * span * 1.5);
  for (let i = 0; i < 1500; i++) v.push((rng.int(2 ** (width(f) + 2)) - 2 ** (width(f) + 1) + 0.5) * ulp);
  for (let i = 0; i < 300; i++) v.push((rng.int(2 ** (width(f) + 2)) - 2 ** (width(f) + 1)) * ulp * (1 + 2 ** -20));
  for (let i = 0; i < 200; i++) v.push((rng.next() * 2 - 1) * 2 ** (rng.int(160) - 80));
  return Float32Array.from(v);
}

function run(act: (x: tf.Tensor) => tf.Tensor, xs: Float32Array): { y: Float32Array; g: Float32Array } {
  const x = tf.tensor1d(xs);
  const [y, g] = tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(tf.mul(act(t), 1)))(x);
    return [act(x), grad, value];
  });
  const out = { y: y!.dataSync() as Float32Array, g: g!.dataSync() as Float32Array };
  tf.dispose([x, y!, g!]);
  return out;
}

describe(`in-backend bit-exact activation (seed ${SEED})`, () => {
  beforeAll(async () => { expect(await initEngine()).toBe('wasm'); });

  const cases = [
    ['sQ3.8', 'nearest-even', 'saturate'], ['sQ1.2', 'nearest-even', 'saturate'], ['sQ3.8', 'truncate', 'saturate'],
    ['sQ2.5', 'nearest-away', 'saturate'], ['sQ2.5', 'nearest-even', 'wrap'], ['sQ1.3', 'nearest-away', 'wrap'], ['sQ3.4', 'truncate', 'wrap'],
  ] as const;
  for (const [input, inputRounding, inputOverflow] of cases) {
    for (const path of ['ops', 'fused'] as LookupPath[]) {
      it(`${path}: ${input} ${inputRounding} ${inputOverflow} equals lookupIndex + tables`, () => {
        const spec = resolveSpec({ function: 'isrlu', input, inputRounding, inputOverflow });
        const t = bitExactTable(spec);
        const xs = probes(spec.input, SEED);
        const e = new Int32Array(xs.length);
        lookupIndex(t, xs, e);
        if (path === 'ops') {
          const got = tf.tidy(() => lookupIndexOps(t, tf.tensor1d(xs)).dataSync());
          const bad = [...e].flatMap((v, i) => (v === got[i] ? [] : [`x=${xs[i]}: index ${v}, ops ${got[i]}`]));
          expect(bad.slice(0, 5)).toEqual([]);
        }
        for (const grad of ['clipped', 'float'] as GradMode[]) {
          const lt = lookupTables(t, grad);
          const r = run(bitExactActivation(t, grad, path), xs);
          for (let i = 0; i < xs.length; i++) {
            if (r.y[i] !== lt.y[e[i]!] || r.g[i] !== lt.g[e[i]!]) expect.fail(`${grad} x=${xs[i]}: y ${r.y[i]} vs ${lt.y[e[i]!]}, grad ${r.g[i]} vs ${lt.g[e[i]!]}`);
          }
        }
      });
    }
  }

  for (const path of ['ops', 'fused'] as LookupPath[]) {
    it(`${path}: equals the model on every input code of the 16-bit default spec (sQ3.12)`, () => {
      const spec = resolveSpec({ function: 'isrlu' });
      expect(width(spec.input)).toBe(16);
      const t = bitExactTable(spec);
      const xs = Float32Array.from({ length: t.size }, (_, k) => (t.minRaw + k) * 2 ** -spec.input.frac);
      const r = run(bitExactActivation(t, 'clipped', path), xs);
      for (let k = 0; k < t.size; k++) {
        if (r.y[k]! * 2 ** spec.output.frac !== t.yRaw[k]) expect.fail(`code ${t.minRaw + k}: model ${t.yRaw[k]}, activation ${r.y[k]! * 2 ** spec.output.frac}`);
        if (r.g[k] !== t.dFloat[k]) expect.fail(`code ${t.minRaw + k}: grad ${r.g[k]} vs float derivative ${t.dFloat[k]}`);
      }
    });
  }

  it('backward rule: clipped is zero beyond the range and the float slope inside; float keeps the edge slope', () => {
    const spec = resolveSpec({ function: 'isrlu', input: 'sQ1.2' }); // range [-2, 1.75]
    const t = bitExactTable(spec);
    const xs = Float32Array.from([-5, -2.2, -2, -1.5, -0.25, 0, 0.5, 1.75, 1.8, 1.9, 3, 100]);
    const clipped = run(bitExactActivation(t, 'clipped'), xs);
    const float = run(bitExactActivation(t, 'float'), xs);
    const slope = (x: number) => (x >= 0 ? 1 : (1 + x * x) ** -1.5);
    // inside (codes -2 .. 1.75, 1.8 rounds to 1.75): the real function's slope at the code
    expect(Array.from(clipped.g.subarray(2, 9))).toEqual([-2, -1.5, -0.25, 0, 0.5, 1.75, 1.75].map((c) => Math.fround(slope(c))));
    // outside (-5, -2.2 below -2 - 1/8; 1.9, 3, 100 above 1.75 + 1/8): zero
    expect([clipped.g[0], clipped.g[1], clipped.g[9], clipped.g[10], clipped.g[11]]).toEqual([0, 0, 0, 0, 0]);
    expect(float.g[11]).toBe(1);
    expect(float.g[0]).toBe(Math.fround(slope(-2)));
    // the forward pass does not depend on the rule: saturated outputs
    expect(Array.from(clipped.y)).toEqual(Array.from(float.y));
    expect(clipped.y[11]).toBe(1.75);
  });
});
