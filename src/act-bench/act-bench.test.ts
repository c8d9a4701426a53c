// Each timed kernel computes its function (exact ones to float32 rounding, fast-rsqrt ones within
// the known 0.176 % of one Newton step), and the harness reports every kernel with sane numbers.
import { describe, expect, it } from 'vitest';
import { FAST_RSQRT_REL_ERROR, KERNELS, benchActivations, benchActivationsCommand, benchInputs, fastRsqrt, renderActivationBench } from './index.js';

const ALPHAS = [1, 0.25, 3];

describe('activation kernels', () => {
  const x = benchInputs(20_000, 7, 6);
  // fast rsqrt works on float32: 1 + alpha x^2 must stay below 3.4e38, so |x| up to ~1e19
  x.set([0, -0, 1e-30, -1e-30, 6, -6, 1e18, -1e18].map(Math.fround), 0);

  it.each(KERNELS.map((k) => [k.name, k] as const))('%s computes its function', (_n, k) => {
    for (const alpha of ALPHAS) {
      const y = new Float32Array(x.length);
      k.kernel(x, y, alpha);
      let worstFast = 0;
      const bad: string[] = [];
      for (let i = 0; i < x.length; i++) {
        const want = k.reference(x[i]!, alpha);
        const got = y[i]!;
        const err = Math.abs(got - want);
        // The gate is 1/2 + (x/4) rsqrt(...): the rsqrt's relative error scales the term beside the 1/2,
        // not the output (which cancels towards 0 for x -> -inf); the float32 store adds up to 2^-24.
        const gateTerm = k.activation === 'isru-gate' ? Math.abs(want - 0.5) : 0;
        const scale = k.activation === 'isru-gate' ? Math.max(gateTerm, 1e-30) : Math.max(Math.abs(want), 1e-30);
        const storeSlop = k.activation === 'isru-gate' ? 2 ** -23 : 0;
        const passThrough = k.activation === 'isrlu' && x[i]! >= 0;
        if (passThrough && got !== x[i]) bad.push(`x=${x[i]} got ${got}: ISRLU must pass x >= 0 through`);
        if (k.rsqrt === 'fast' && !passThrough) {
          if (scale > 0.01) worstFast = Math.max(worstFast, err / scale);
          if (!(err <= scale * FAST_RSQRT_REL_ERROR + storeSlop)) bad.push(`x=${x[i]} got ${got} want ${want}`);
        } else if (!(err <= scale * 2 ** -23 + 1e-7 + storeSlop)) {
          // float32 rounding of the result, plus exp's and tanh's own few-ulp error near 0
          bad.push(`x=${x[i]} got ${got} want ${want}`);
        }
      }
      expect(bad.slice(0, 5), `alpha=${alpha}`).toEqual([]);
      // the fast kernels really use the approximation: its error is visible
      if (k.rsqrt === 'fast') expect(worstFast).toBeGreaterThan(1e-3);
    }
  });

  it('fastRsqrt stays within its bound over many octaves', () => {
    let worst = 0;
    for (let e = -30; e <= 30; e++) {
      for (let j = 0; j < 256; j++) {
        const v = 2 ** e * (1 + j / 256);
        worst = Math.max(worst, Math.abs(fastRsqrt(v) * Math.sqrt(v) - 1));
      }
    }
    expect(worst).toBeLessThanOrEqual(FAST_RSQRT_REL_ERROR);
    expect(worst).toBeGreaterThan(0.0017); // the known 0.175 %: the magic seed, not an exact rsqrt
  });
});

describe('benchActivations', () => {
  it('times every kernel and reports ratios to the fastest ReLU and ELU', () => {
    const r = benchActivations({ elements: 4096, repeats: 3, seed: 5 });
    expect(r.timings.map((t) => t.name)).toEqual(KERNELS.map((k) => k.name));
    for (const t of r.timings) {
      expect(t.nsPerElement).toBeGreaterThan(0);
      expect(t.minNs).toBeLessThanOrEqual(t.nsPerElement);
      expect(t.maxNs).toBeGreaterThanOrEqual(t.nsPerElement);
      expect(Number.isFinite(t.checksum)).toBe(true);
    }
    expect(Math.min(...r.timings.filter((t) => t.activation === 'relu').map((t) => t.vsRelu))).toBe(1);
    expect(Math.min(...r.timings.filter((t) => t.activation === 'elu').map((t) => t.vsElu))).toBe(1);
    // same seed, same outputs
    const again = benchActivations({ elements: 4096, repeats: 1, seed: 5 });
    expect(again.timings.map((t) => t.checksum)).toEqual(r.timings.map((t) => t.checksum));
    const text = renderActivationBench(r);
    expect(text).toContain('isrlu fast-rsqrt branch-free');
    expect(text).toContain('x ELU');
    expect(text).toContain('isru-gate fast-rsqrt');
    expect(r.timings.find((t) => t.activation === 'sigmoid')!.vsSigmoid).toBe(1);
  });

  it('refuses bad options; the command prints JSON or the table', () => {
    expect(() => benchActivations({ elements: 10 })).toThrow(/elements/);
    expect(() => benchActivations({ repeats: 0 })).toThrow(/repeats/);
    expect(() => benchActivationsCommand({ elements: 1.5 }, { stdout: () => {} })).toThrow(/elements: must be an integer/);
    let out = '';
    benchActivationsCommand({ elements: 2048, repeats: 1, json: true }, { stdout: (t) => { out += t; } });
    expect(JSON.parse(out).timings).toHaveLength(KERNELS.length);
    out = '';
    benchActivationsCommand({ elements: 2048, repeats: 1 }, { stdout: (t) => { out += t; } });
    expect(out).toMatch(/^Activations on the CPU/);
  });
});
