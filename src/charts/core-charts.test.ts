// Core charts read the datapath: the plotted outputs are evaluateCodes' outputs, the exact curve is
// exactReal, the error is their difference in ulps; wide inputs are sampled deterministically.
import { describe, expect, it } from 'vitest';
import { maxRaw, minRaw, sQ, toReal } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, evaluateCodes } from '../datapath/index.js';
import { exactReal } from '../reference/index.js';
import { analyzeErrors } from '../analysis/index.js';
import { accuracyChart, chartCodes, errorChart, renderChartPng, transferChart } from './index.js';

const spec = resolveSpec({ accuracy: 'custom', function: 'isrlu', input: 'sQ3.5', output: 'sQ1.6', steps: 0, tableAddressBits: 4, tableDataBits: 7 });
const dp = buildDatapath(spec, spec.custom!);

describe('core charts', () => {
  it('transferChart plots evaluateCodes over every input code beside exactReal', () => {
    const c = transferChart(dp);
    const codes: bigint[] = [];
    for (let v = minRaw(spec.input); v <= maxRaw(spec.input); v++) codes.push(v);
    const { y } = evaluateCodes(dp, codes);
    const [exact, core] = c.series;
    expect(core!.points).toEqual(codes.map((x, i) => ({ x: toReal(x, spec.input), y: toReal(y[i]!, spec.output) })));
    expect(exact!.points).toEqual(codes.map((x) => ({ x: toReal(x, spec.input), y: exactReal(spec, toReal(x, spec.input)) })));
    expect(exact!.dashed).toBe(true);
    expect(c.kind).toBe('line');
  });

  it('errorChart is got - exact in ulps (clamped to the output range); its extreme equals the analysis', () => {
    const c = errorChart(dp);
    const pts = c.series[0]!.points;
    expect(pts).toHaveLength(512);
    const { y } = evaluateCodes(dp, [5n]);
    const x = toReal(5n, spec.input);
    expect(pts.find((p) => p.x === x)!.y).toBeCloseTo(Number(y[0]!) - exactReal(spec, x) * 64, 12);
    const maxAbs = Math.max(...pts.map((p) => Math.abs(p.y)));
    expect(maxAbs).toBeCloseTo(analyzeErrors(dp).y.maxUlp, 9);
    expect(c.kind).toBe('scatter');
  });

  it('samples inputs wider than 16 bits deterministically', () => {
    const wide = sQ(3, 16);
    const a = chartCodes(wide, { samples: 1000, seed: 7 });
    expect(a.length).toBeGreaterThan(1000);
    expect(a.length).toBeLessThan(1200);
    expect(chartCodes(wide, { samples: 1000, seed: 7 })).toEqual(a);
    expect(chartCodes(sQ(3, 12))).toHaveLength(65536);
  });

  it('accuracyChart groups rows by label and sorts by bits', () => {
    const c = accuracyChart([
      { label: 'isrlu', bits: 8, accuracy: 0.97 }, { label: 'relu', bits: 4, accuracy: 0.9 },
      { label: 'isrlu', bits: 4, accuracy: 0.91 }, { label: 'relu', bits: 8, accuracy: 0.98 },
    ]);
    expect(c.series.map((s) => s.label)).toEqual(['isrlu', 'relu']);
    expect(c.series[0]!.points).toEqual([{ x: 4, y: 0.91 }, { x: 8, y: 0.97 }]);
  });

  it('renders the transfer and error charts of the default-size input (65,536 codes) quickly', async () => {
    const s = resolveSpec({ accuracy: 'custom', function: 'isru', input: 'sQ3.12', output: 'sQ3.12', steps: 1, tableAddressBits: 5, tableDataBits: 9 });
    const big = buildDatapath(s, s.custom!);
    const t0 = performance.now();
    const png = await renderChartPng(errorChart(big));
    expect(png.length).toBeGreaterThan(1000);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect((await renderChartPng(transferChart(big))).length).toBeGreaterThan(1000);
  });
});
