// Error analysis: the hot scan path equals the general path, and its verdicts equal a
// from-first-principles count against the BigNumber-backed reference.
import { describe, expect, it } from 'vitest';
import { minRaw, maxRaw } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, compile, interpret } from '../datapath/index.js';
import { bracket, faithfulCodes, referenceCode, scaledReal } from '../reference/index.js';
import { analyzeErrors, elaborate } from './index.js';
import { sampleCodes } from '../common/index.js';

const designs: Record<string, unknown>[] = [
  { function: 'isru', input: 'sQ3.8', output: 'sQ1.9', steps: 0, tableAddressBits: 5, tableDataBits: 8, derivative: true },
  { function: 'isrlu', input: 'sQ3.8', output: 'sQ2.7', steps: 1, tableAddressBits: 3, tableDataBits: 5, stepBits: 9, outputRounding: 'truncate' },
  { function: 'isrlu', input: 'sQ4.7', output: 'sQ0.6', steps: 1, alpha: 3, outputRounding: 'nearest-away', derivative: true, derivativeFormat: 'uQ1.6' },
  { function: 'isru', input: 'sQ2.9', output: 'sQ2.9', method: 'magic', steps: 1, tableDataBits: 8, stepBits: 10 },
];

describe('analyzeErrors', () => {
  it.each(designs.map((d) => [JSON.stringify(d), d] as const))('%s: scan path = general path = first principles', (_l, d) => {
    const spec = resolveSpec({ accuracy: 'custom', ...d });
    const dp = buildDatapath(spec, spec.custom!);
    const ev = compile(dp);
    const fast = analyzeErrors(dp, { evaluator: ev, worstCount: 3 });
    const slow = analyzeErrors(dp, { evaluator: { ...ev, mode: 'bigint' }, worstCount: 3 });
    expect(fast.y).toEqual({ ...slow.y, meanUlp: fast.y.meanUlp, rmsUlp: fast.y.rmsUlp });
    expect(fast.y.meanUlp).toBeCloseTo(slow.y.meanUlp, 12);
    if (slow.dy) expect(fast.dy).toEqual({ ...slow.dy, meanUlp: fast.dy!.meanUlp, rmsUlp: fast.dy!.rmsUlp });

    // First principles: per input, the reference's floor/ceil and correctly rounded code.
    let unfaithful = 0;
    let correct = 0;
    let max = 0;
    for (let x = minRaw(spec.input); x <= maxRaw(spec.input); x++) {
      const got = interpret(dp, x).y;
      const [lo, hi] = faithfulCodes(bracket(spec, 'y', x, spec.output.frac), spec.output);
      if (got < lo || got > hi) unfaithful++;
      if (got === referenceCode(spec, 'y', x, spec.output, spec.outputRounding, spec.outputOverflow)) correct++;
      const s = Math.min(Math.max(scaledReal(spec, 'y', x, spec.output.frac), Number(minRaw(spec.output))), Number(maxRaw(spec.output)));
      max = Math.max(max, Math.abs(Number(got) - s));
    }
    expect(fast.y.unfaithful).toBe(unfaithful);
    expect(fast.y.correctlyRoundedFraction * fast.y.count).toBeCloseTo(correct, 6);
    expect(fast.y.maxUlp).toBeCloseTo(max, 9);
  });

  it('formats wider than 53 bits take the all-BigInt path and are still faithful', () => {
    const spec = resolveSpec({ function: 'isru', input: 'sQ20.40', output: 'sQ1.50', alpha: 0.5 });
    const { datapath } = elaborate(spec, { exhaustiveBits: 24 });
    const a = analyzeErrors(datapath, { samples: 300, seed: 3 });
    expect(a.y.exhaustive).toBe(false);
    expect(a.y.unfaithful).toBe(0);
    expect(a.y.maxUlp).toBeLessThan(1);
    expect(a.y.worst[0]!.x).toMatch(/^[0-9a-f]{16}$/);
    // the exact code at the most negative input: -1/sqrt(0.5) * 2^50, checked in BigInt
    const xMin = -(2n ** 60n);
    const got = interpret(datapath, xMin).y;
    const want = referenceCode(spec, 'y', xMin, spec.output, 'nearest-even', 'saturate');
    expect(got - want <= 1n && want - got <= 1n).toBe(true);
  });

  it('keeps the worst inputs sorted and in hex', () => {
    const spec = resolveSpec({ accuracy: 'custom', function: 'isru', input: 'sQ3.8', steps: 0, tableAddressBits: 3, tableDataBits: 6 });
    const a = analyzeErrors(buildDatapath(spec, spec.custom!));
    expect(a.y.worst).toHaveLength(5);
    expect(a.y.worst[0]!.errorUlp).toBe(a.y.maxUlp);
    for (let i = 1; i < 5; i++) expect(a.y.worst[i]!.errorUlp).toBeLessThanOrEqual(a.y.worst[i - 1]!.errorUlp);
    expect(a.y.worst[0]!.x).toMatch(/^[0-9a-f]{3}$/);
  });

  it('samples corner cases plus seeded random codes beyond the exhaustive limit, reproducibly', () => {
    const spec = resolveSpec({ input: 'sQ3.12' });
    const codes = sampleCodes(spec.input, 1000, 9);
    expect(codes).toEqual(sampleCodes(spec.input, 1000, 9));
    expect(codes).not.toEqual(sampleCodes(spec.input, 1000, 10));
    for (const c of [-32768n, -1n, 0n, 1n, 32767n, 4096n, -4096n]) expect(codes).toContain(c);
    const dp = buildDatapath(resolveSpec({ accuracy: 'custom' }), resolveSpec({ accuracy: 'custom' }).custom!);
    const a = analyzeErrors(dp, { exhaustiveBits: 12, samples: 1000, seed: 9 });
    expect(a.y.exhaustive).toBe(false);
    expect(a.y.seed).toBe(9);
    expect(a.y.count).toBe(codes.length);
  });
});
