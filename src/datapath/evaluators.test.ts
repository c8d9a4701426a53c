// Custom designs over every rsqrt method, rounding and overflow mode, with and without the
// derivative: the fast evaluator equals the BigInt interpreter on every input, and the error stays
// near what the method promises.
import { describe, expect, it } from 'vitest';
import { minRaw, maxRaw, width } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, compile, interpret, fitsNumbers } from './index.js';
import { exactReal } from '../reference/index.js';

const customs: Record<string, unknown>[] = [
  { function: 'isru', method: 'newton', steps: 0, tableAddressBits: 10, tableDataBits: 12 },
  { function: 'isrlu', method: 'newton', steps: 1, derivative: true },
  { function: 'isru', method: 'newton', steps: 2, tableAddressBits: 3, tableDataBits: 5, stepBits: [10, 18], alpha: 3, derivative: true },
  { function: 'isru', method: 'newton', steps: 3, tableAddressBits: 2, tableDataBits: 4, stepBits: 17, alpha: 0.3 },
  { function: 'isrlu', method: 'pwl', steps: 0, tableAddressBits: 6, tableDataBits: 16, alpha: 0.5 },
  { function: 'isru', method: 'pwl', steps: 1, tableAddressBits: 4, tableDataBits: 10, derivative: true, derivativeFormat: 'uQ1.10' },
  { function: 'isrlu', method: 'magic', steps: 2, tableDataBits: 12, alpha: 2 },
  { function: 'isru', method: 'magic', steps: 1, tableDataBits: 8, input: 'sQ2.9', output: 'sQ0.11' },
  { function: 'isrlu', method: 'direct', input: 'sQ3.8', derivative: true },
  { function: 'isru', method: 'newton', steps: 1, input: 'sQ3.12', output: 'sQ1.6', outputRounding: 'truncate' },
  { function: 'isrlu', method: 'newton', steps: 1, input: 'sQ3.12', output: 'sQ0.9', outputOverflow: 'wrap', outputRounding: 'nearest-away' },
  { function: 'isrlu', method: 'newton', steps: 1, input: 'sQ3.12', output: 'sQ0.9', outputOverflow: 'saturate' },
  { function: 'isru', method: 'newton', steps: 1, alpha: 1000, input: 'sQ2.10' },
  { function: 'isru', method: 'newton', steps: 1, alpha: 0.001, input: 'sQ6.9' },
  // products of 60 to 70 bits feeding truncations: exact on doubles only through the split product
  { function: 'isru', method: 'newton', steps: 2, stepBits: [30, 34], mantissaBits: 34, input: 'sQ3.8', derivative: true, derivativeFormat: 'uQ1.30' },
  { function: 'isrlu', method: 'pwl', steps: 1, tableDataBits: 28, stepBits: 33, mantissaBits: 34, input: 'sQ2.9', alpha: 3 },
  // the function's own pieces: a table, multipartite tables, and piecewise polynomials whose packed
  // coefficient words (over 53 bits) and products are read through per-field tables and split products
  { function: 'isru-gate', method: 'table', input: 'sQ2.9', derivative: true },
  { function: 'isrlu', method: 'multipartite', input: 'sQ3.12', guardBits: 2 },
  { function: 'isru', method: 'poly', degree: 3, guardBits: 8, input: 'sQ3.12', output: 'sQ0.24' },
  { function: 'isrlu', method: 'poly', degree: 2, guardBits: 12, input: 'sQ2.13', output: 'sQ0.34', derivative: true, derivativeFormat: 'uQ1.30' },
];

describe('custom designs', () => {
  it.each(customs.map((c) => [JSON.stringify(c), c] as const))('%s: fast evaluator = interpreter on every input', (_l, c) => {
    const spec = resolveSpec({ accuracy: 'custom', ...c });
    const dp = buildDatapath(spec, spec.custom!);
    expect(fitsNumbers(dp)).toBe(true);
    const ev = compile(dp);
    const lo = Number(minRaw(spec.input));
    const n = 2 ** width(spec.input);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    ev.evalRange(lo, n, y, dy);
    for (let i = 0; i < n; i++) {
      const r = interpret(dp, BigInt(lo + i));
      if (y[i] !== Number(r.y) || (r.dy !== undefined && dy[i] !== Number(r.dy))) {
        expect.fail(`x=${lo + i}: interpreter y=${r.y} dy=${r.dy}, fast y=${y[i]} dy=${dy[i]}`);
      }
    }
  });
});

describe('evaluator modes', () => {
  it('falls back to the BigInt interpreter where a product cannot be proven exact on doubles', () => {
    const spec = resolveSpec({ accuracy: 'custom', function: 'isru', input: 'sQ3.8', output: 'sQ1.50', steps: 1, stepBits: 52, mantissaBits: 52 });
    const dp = buildDatapath(spec, spec.custom!);
    expect(fitsNumbers(dp)).toBe(false);
    const ev = compile(dp);
    expect(ev.mode).toBe('bigint');
    for (const x of [-2048, -1, 0, 5, 2047]) expect(ev.y(x)).toBe(Number(interpret(dp, BigInt(x)).y));
  });
});

describe('datapath structure', () => {
  it('a power-of-two alpha is a shift, any other alpha a constant multiply', () => {
    const ops = (alpha: number) => buildDatapath(resolveSpec({ accuracy: 'custom', alpha }), resolveSpec({ accuracy: 'custom', alpha }).custom!).nodes.map((n) => n.op);
    expect(ops(0.5)).toContain('shift');
    expect(ops(0.5).filter((o) => o === 'mul')).toHaveLength(3); // 2 per NR step + x*r
    expect(ops(3).filter((o) => o === 'mul')).toHaveLength(4);
  });

  it('every node format holds its exact value on every input (no hidden overflow)', () => {
    const spec = resolveSpec({ accuracy: 'custom', function: 'isru', alpha: 3, steps: 2, derivative: true, input: 'sQ3.8' });
    const dp = buildDatapath(spec, spec.custom!);
    for (let x = Number(minRaw(spec.input)); x <= Number(maxRaw(spec.input)); x++) {
      const v = interpret(dp, BigInt(x)).values;
      for (const n of dp.nodes) {
        if (v[n.id]! < minRaw(n.fmt) || v[n.id]! > maxRaw(n.fmt)) expect.fail(`${n.name} = ${v[n.id]} outside its format at x=${x}`);
      }
    }
  });

  it('the bare seed table is about as accurate as its table size allows, each step roughly doubles the bits', () => {
    const err = (steps: number, k: number) => {
      const spec = resolveSpec({ accuracy: 'custom', function: 'isru', input: 'sQ3.12', output: 'sQ1.20', steps, tableAddressBits: k, tableDataBits: k + 4, stepBits: 28, mantissaBits: 30, argFracBits: 30 });
      const dp = buildDatapath(spec, spec.custom!);
      const ev = compile(dp);
      let worst = 0;
      for (let x = -32768; x < 32768; x += 3) {
        if (Math.abs(x) < 1024) continue; // |x| >= 1/4 keeps output rounding out of the relative error
        const want = exactReal(spec, x / 4096);
        worst = Math.max(worst, Math.abs(ev.y(x) / 2 ** 20 - want) / Math.abs(want));
      }
      return worst;
    };
    const e0 = err(0, 6);
    const e1 = err(1, 6);
    const e2 = err(2, 6);
    expect(e0).toBeGreaterThan(2 ** -10);
    expect(e0).toBeLessThan(2 ** -6); // minimax 2^-7 plus 10-bit entry quantization
    expect(e1).toBeLessThan(e0 * e0 * 4);
    expect(e2).toBeLessThan(2 ** -18); // limited by the 2^-21 output rounding on |y| >= 0.24
  });
});
