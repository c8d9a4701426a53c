// The acceptance proof: every faithful core of the matrix is within 1 ulp on every input, and the
// fast evaluator equals the BigInt interpreter on every input, exhaustively.
import { describe, expect, it } from 'vitest';
import { width, minRaw, maxRaw } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { compile, interpret } from '../datapath/index.js';
import { elaborate, analyzeErrors } from './index.js';
import { faithfulCases, MAX_TEST_BITS } from '../testing/configs.js';

describe(`faithful cores up to ${MAX_TEST_BITS} input bits`, () => {
  it.each(faithfulCases().map((c) => [c.label, c.json] as const))('%s: below 1 ulp on every input; evaluator = interpreter', (_label, json) => {
    const spec = resolveSpec(json);
    const { datapath, sizing } = elaborate(spec, { exhaustiveBits: MAX_TEST_BITS });
    // An independent analysis (not the sizing's own early-exit check).
    const a = analyzeErrors(datapath, { exhaustiveBits: MAX_TEST_BITS });
    expect(a.y.exhaustive).toBe(true);
    expect(a.y.count).toBe(2 ** width(spec.input));
    expect(a.y.maxUlp).toBeLessThan(1);
    expect(a.y.faithfulFraction).toBe(1);
    // The analytic budget bounds the measured error of whatever design was chosen.
    const total = sizing!.budget.filter((b) => b.inTotal).reduce((s, b) => s + b.boundUlp, 0);
    if (datapath.params.method === 'newton') expect(a.y.maxUlp).toBeLessThanOrEqual(total);

    const ev = compile(datapath);
    expect(ev.mode).toBe('number');
    const lo = Number(minRaw(spec.input));
    const n = Number(maxRaw(spec.input)) - lo + 1;
    const out = new Float64Array(n);
    ev.evalRange(lo, n, out);
    for (let i = 0; i < n; i++) {
      const want = interpret(datapath, BigInt(lo + i)).y;
      if (out[i] !== Number(want)) {
        expect.fail(`x=${(lo + i).toString(16)}: interpreter ${want.toString(16)}, fast evaluator ${out[i]!.toString(16)}`);
      }
    }
  });
});
