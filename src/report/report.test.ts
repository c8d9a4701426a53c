// Core reports: estimates for every target, a Pareto front, and the three renderings.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { elaborate } from '../analysis/index.js';
import { coreReport, markPareto, renderReport, lutEquivalent } from './index.js';
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

  it('compares the rsqrt methods and marks a Pareto front no point dominates', () => {
    expect(r.pareto.length).toBeGreaterThanOrEqual(8);
    // The rsqrt methods, the whole-input table, and whatever the faithful search chose for the spec.
    const methods = new Set(r.pareto.map((p) => p.method));
    for (const m of ['newton', 'pwl', 'magic', 'direct', r.design.method as string]) expect(methods).toContain(m);
    const front = r.pareto.filter((p) => p.pareto);
    expect(front.length).toBeGreaterThan(0);
    for (const p of front) {
      for (const q of r.pareto) {
        const dominates = q.maxUlp <= p.maxUlp && lutEquivalent(q.area) <= lutEquivalent(p.area) && q.latency <= p.latency
          && (q.maxUlp < p.maxUlp || lutEquivalent(q.area) < lutEquivalent(p.area) || q.latency < p.latency);
        expect(dominates).toBe(false);
      }
    }
    // a point that is worse on every axis is off the front
    const a = { ...r.pareto[0]!, label: 'a', maxUlp: 0.5, latency: 1, area: { lut: 10, ff: 0, carry: 0, dsp: 0, memoryBits: 0, bram: 0 } };
    const b = { ...a, label: 'b', maxUlp: 0.9, latency: 2 };
    expect(markPareto([a, b]).map((p) => p.pareto)).toEqual([true, false]);
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
    expect(html).toMatch(/<td>(\* )?faithful \([^<]*\)<\/td><td class="num">\d/);
  });
});
