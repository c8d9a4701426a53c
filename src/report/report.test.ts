// Core reports: estimates for every target, a Pareto front, and the three renderings.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { elaborate } from '../analysis/index.js';
import { coreReport, markPareto, renderReport } from './index.js';
import { isFigure } from './render.js';

describe('coreReport', () => {
  const spec = resolveSpec({ function: 'isru', input: 'sQ2.9', output: 'sQ1.10' });
  const r = coreReport(elaborate(spec).datapath);

  it('has latency, clock, error and an area estimate per target', () => {
    expect(r.latency).toBeGreaterThanOrEqual(1);
    expect(r.clock.estimateMHz).toBeGreaterThan(1);
    expect(r.error.faithfulFraction).toBe(1);
    for (const t of ['ice40', 'ice40-dsp', 'xilinx'] as const) {
      expect(Object.keys(r.area.estimate[t]!).sort()).toEqual(['bram', 'carry', 'dsp', 'ff', 'lut', 'memoryBits']);
    }
    expect(r.area.estimate.ice40!.dsp).toBe(0);
  });

  it('compares every method (the function\'s own pieces and the rsqrt route), marks the chosen core and a Pareto front no point dominates', () => {
    expect(r.pareto.length).toBeGreaterThanOrEqual(8);
    const methods = new Set(r.pareto.map((p) => p.method));
    for (const m of ['newton', 'pwl', 'magic', 'table', 'poly', 'multipartite']) expect(methods).toContain(m);
    expect(new Set(r.pareto.map((p) => p.family))).toEqual(new Set(['rsqrt', 'direct']));
    // Exactly one chosen point: this core, with its own area and latency.
    const chosen = r.pareto.filter((p) => p.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]!.latency).toBe(r.latency);
    expect(chosen[0]!.area).toEqual(r.area.estimate[r.device]);
    // The faithful search's choice is the cheapest faithful point its objective allows.
    for (const p of r.pareto) if (p.faithful && !p.excluded && p.family === 'direct') expect(chosen[0]!.cost).toBeLessThanOrEqual(p.cost);
    expect(r.why).toMatch(/costs \d+ LUT-equivalents on ice40-dsp/);
    const front = r.pareto.filter((p) => p.pareto);
    expect(front.length).toBeGreaterThan(0);
    for (const p of front) {
      for (const q of r.pareto) {
        const dominates = q.maxUlp <= p.maxUlp && q.cost <= p.cost && q.latency <= p.latency
          && (q.maxUlp < p.maxUlp || q.cost < p.cost || q.latency < p.latency);
        expect(dominates).toBe(false);
      }
    }
    // a point that is worse on every axis is off the front
    const a = { ...r.pareto[0]!, label: 'a', maxUlp: 0.5, latency: 1, cost: 10 };
    const b = { ...a, label: 'b', maxUlp: 0.9, latency: 2, cost: 11 };
    expect(markPareto([a, b]).map((p) => p.pareto)).toEqual([true, false]);
  });

  it('builds the table at 4 and 8 bits, where some rsqrt sizes do not fit the formats', () => {
    for (const input of ['sQ1.2', 'sQ2.5', 'sQ3.4']) {
      for (const fn of ['isru', 'isrlu']) {
        const small = coreReport(elaborate(resolveSpec({ function: fn, input })).datapath);
        expect(small.pareto.filter((p) => p.chosen)).toHaveLength(1);
        expect(small.error.faithfulFraction).toBe(1);
      }
    }
  });

  it("a core with the derivative reports dy's error beside y's", () => {
    const d = coreReport(elaborate(resolveSpec({ function: 'isru', input: 'sQ2.5', accuracy: 'custom', derivative: true })).datapath, { pareto: false });
    expect(d.derivativeError?.exhaustive).toBe(true);
    expect(d.derivativeError!.maxUlp).toBeGreaterThan(0);
    expect(renderReport(d, 'md')).toMatch(/## Derivative output dy \(uQ1\.5\)\n\n\| max error \| mean error \| faithful \| correctly rounded \| checked on \|/);
    expect(r.derivativeError).toBeUndefined();
  });

  it('renders Markdown, HTML and JSON', () => {
    const md = renderReport(r, 'md');
    expect(md).toContain('| latency | initiation interval |');
    expect(md).toContain('Pareto');
    const html = renderReport(r, 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<table>');
    expect(JSON.parse(renderReport(r, 'json')).name).toBe(spec.name);
  });

  // Issue 12, item 10: text left, numbers right.
  it('aligns text left and numbers right in HTML tables', () => {
    for (const c of ['0.877', '12', '-3', '91.54 %', '0.9545 ulp', '99.2 MHz (ice40-dsp)', '4 cycles', '-']) expect(isFigure(c), c).toBe(true);
    for (const c of ['yes', 'faithful (newton, 1 step(s))', 'ice40-dsp', 'estimate', '* direct: a table of every input code', 'sQ3.12']) expect(isFigure(c), c).toBe(false);
    const html = renderReport(r, 'html');
    expect(html).toContain('th,td{border:1px solid #bbb;padding:4px 8px;text-align:left}');
    expect(html).toContain('td.num{text-align:right');
    expect(html).toMatch(/<td>ice40-dsp<\/td><td>estimate<\/td><td class="num">\d+<\/td>/);
    expect(html).toMatch(/<td>(\* )?[^<]*<\/td><td>(rsqrt|direct)<\/td><td class="num">\d/);
  });
});
