// The bit-exact activation is the hardware model: its quantizer equals quantize() of the fixed-point
// core, and its outputs (and hardware derivative) equal `isrlu eval` on every input code.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { formatHex, fromCode, parseFormat, quantize, ROUNDINGS, OVERFLOWS, width, type Format } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { runCli } from '../cli/main.js';
import { applyTable, bitExactTable, quantizeRaw } from './bit-exact.js';
import { makeActivation } from './activations.js';
import { initEngine } from './engine.js';
import { createRng } from './rng.js';

const SEED = 5150;

/** Seeded float32 values around the format's range: random, exact ties, boundaries, huge, infinite. */
function probeValues(f: Format, seed: number): Float32Array {
  const rng = createRng(seed);
  const ulp = 2 ** -f.frac;
  const span = 2 ** (f.int + 1);
  const v: number[] = [0, -0, Infinity, -Infinity, 3.4e38, -3.4e38, 1e-40, -1e-40, span, -span, span - ulp / 2, -span - ulp / 2];
  for (let i = 0; i < 4000; i++) v.push((rng.next() * 2 - 1) * span * 1.5); // includes out-of-range
  for (let i = 0; i < 2000; i++) v.push((rng.int(2 ** (width(f) + 2)) - 2 ** (width(f) + 1) + 0.5) * ulp); // exact ties
  for (let i = 0; i < 500; i++) v.push((rng.int(2 ** (width(f) + 2)) - 2 ** (width(f) + 1)) * ulp * (1 + 2 ** -20)); // near ties
  for (let i = 0; i < 200; i++) v.push((rng.next() * 2 - 1) * 2 ** (rng.int(200) - 100));
  return Float32Array.from(v);
}

describe('quantizeRaw equals quantize() of the fixed-point core', () => {
  for (const name of ['sQ1.2', 'sQ3.8', 'sQ3.12', 'sQ0.15', 'uQ2.6', 'sQ7.0']) {
    for (const rounding of ROUNDINGS) {
      for (const overflow of OVERFLOWS) {
        it(`${name} ${rounding} ${overflow} (seed ${SEED})`, () => {
          const f = parseFormat(name);
          const xs = probeValues(f, SEED);
          const bad: string[] = [];
          for (const x of xs) {
            const want = Number(quantize(x, f, rounding, overflow));
            const got = quantizeRaw(x, f, rounding, overflow);
            if (got !== want && bad.length < 5) bad.push(`x=${x}: quantize ${want}, quantizeRaw ${got}`);
          }
          expect(bad).toEqual([]);
        });
      }
    }
  }
  it('refuses NaN as quantize does', () => {
    expect(() => quantizeRaw(NaN, parseFormat('sQ3.8'), 'nearest-even', 'saturate')).toThrow(/NaN/);
  });
});

describe('applyTable (the fast forward path) equals quantize + table lookup', () => {
  for (const [inputRounding, inputOverflow] of [['nearest-even', 'saturate'], ['nearest-away', 'wrap'], ['truncate', 'saturate']] as const) {
    it(`sQ3.8 input, ${inputRounding} ${inputOverflow} (seed ${SEED + 1})`, () => {
      const spec = resolveSpec({ function: 'isrlu', input: 'sQ3.8', inputRounding, inputOverflow });
      const t = bitExactTable(spec);
      const xs = probeValues(spec.input, SEED + 1);
      const y = new Float32Array(xs.length);
      const d = new Float32Array(xs.length);
      applyTable(t, xs, y, d, 'float');
      for (let i = 0; i < xs.length; i++) {
        const k = Number(quantize(xs[i]!, spec.input, inputRounding, inputOverflow)) - t.minRaw;
        if (y[i] !== t.y[k] || d[i] !== t.dFloat[k]) expect.fail(`x=${xs[i]}: code index ${k}, y ${y[i]} vs ${t.y[k]}`);
      }
    });
  }
});

/** Every input code of the spec through `isrlu eval` (in process), as raw values. */
async function evalEveryCode(specJson: Record<string, unknown>): Promise<{ codes: bigint[]; y: bigint[]; dy?: bigint[] }> {
  const spec = resolveSpec(specJson);
  const d = mkdtempSync(join(tmpdir(), 'isrlu-nn-eval-'));
  writeFileSync(join(d, 'spec.json'), JSON.stringify(specJson));
  const n = 2 ** width(spec.input);
  const codes = Array.from({ length: n }, (_, i) => fromCode(BigInt(i), spec.input));
  writeFileSync(join(d, 'in.hex'), codes.map((c) => `${formatHex(c, spec.input)}\n`).join(''));
  const args = ['eval', join(d, 'spec.json'), '--in', join(d, 'in.hex'), '--out', join(d, 'y.hex'), ...(spec.derivative ? ['--dy-out', join(d, 'dy.hex')] : [])];
  let err = '';
  const code = await runCli(args, { stdout: () => {}, stderr: (t) => { err += t; } });
  expect(err).toBe('');
  expect(code).toBe(0);
  const read = (file: string, f: Format) => readFileSync(join(d, file), 'utf8').trim().split('\n').map((h) => fromCode(BigInt(`0x${h}`), f));
  return { codes, y: read('y.hex', spec.output), ...(spec.derivative ? { dy: read('dy.hex', spec.derivativeFormat) } : {}) };
}

describe('the bit-exact activation equals `isrlu eval` on every input code', () => {
  beforeAll(async () => { await initEngine(); });

  const specs: Record<string, unknown>[] = [
    { function: 'isrlu', alpha: 1, input: 'sQ3.8', output: 'sQ3.8', derivative: true },
    { function: 'isru', alpha: 0.75, input: 'sQ2.7', output: 'sQ0.9' },
    { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12' }, // the default spec
    { function: 'isrlu', alpha: 1, input: 'sQ3.8', accuracy: 'custom', steps: 0, tableAddressBits: 3 },
  ];
  for (const json of specs) {
    it(JSON.stringify(json), async () => {
      const spec = resolveSpec(json);
      const ref = await evalEveryCode(json);
      const name = spec.function === 'isru' ? 'isru-q' : 'isrlu-q';
      const grad = spec.derivative ? 'hardware' : 'float';
      const act = makeActivation({ name, spec, grad });
      // Feed the dequantized value of every code; read the output back as raw codes.
      const xs = Float32Array.from(ref.codes, (c) => Number(c) * 2 ** -spec.input.frac);
      const x = tf.tensor1d(xs);
      const [y, g] = tf.tidy(() => {
        const { value, grad: gr } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(act(t)))(x);
        return [value, gr];
      });
      const yv = makeActivationOutput(act, x);
      const bad: string[] = [];
      for (let i = 0; i < xs.length; i++) {
        const got = yv[i]! * 2 ** spec.output.frac;
        if (got !== Number(ref.y[i]) && bad.length < 5) {
          bad.push(`in ${formatHex(ref.codes[i]!, spec.input)}: eval ${formatHex(ref.y[i]!, spec.output)}, activation raw ${got}`);
        }
      }
      expect(bad).toEqual([]);
      const gv = g!.dataSync();
      if (ref.dy) {
        for (let i = 0; i < xs.length; i++) {
          if (gv[i]! * 2 ** spec.derivativeFormat.frac !== Number(ref.dy[i])) expect.fail(`in ${formatHex(ref.codes[i]!, spec.input)}: dy eval ${ref.dy[i]}, grad ${gv[i]}`);
        }
      } else {
        const t = bitExactTable(spec);
        for (let i = 0; i < xs.length; i++) {
          const want = t.dFloat[Number(ref.codes[i]!) - t.minRaw]!;
          if (gv[i] !== want) expect.fail(`in ${formatHex(ref.codes[i]!, spec.input)}: float derivative ${want}, grad ${gv[i]}`);
        }
        // The float derivative is the real function's: 1 at x >= 0 for ISRLU, below 1 for x < 0.
        if (spec.function === 'isrlu') expect(t.dFloat[t.size - 1]).toBe(1);
        else expect(t.dFloat[t.size - 1]).toBeLessThan(0.5);
        expect(t.dFloat[0]).toBeLessThan(0.1);
      }
      tf.dispose([x, y!, g!]);
    });
  }

  it('a wrong table would be caught: eval differs from the float isrlu somewhere on sQ3.8', async () => {
    const ref = await evalEveryCode({ function: 'isrlu', input: 'sQ3.8' });
    const xs = Float32Array.from(ref.codes, (c) => Number(c) / 256);
    const yv = makeActivationOutput(makeActivation({ name: 'isrlu' }), tf.tensor1d(xs));
    expect(xs.some((_, i) => yv[i]! * 256 !== Number(ref.y[i]))).toBe(true);
  });
});

function makeActivationOutput(act: (t: tf.Tensor) => tf.Tensor, x: tf.Tensor): Float32Array {
  const y = act(x);
  const v = y.dataSync() as Float32Array;
  y.dispose();
  return v;
}
