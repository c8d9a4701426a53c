// The area model on iterative cores (one Newton-Raphson unit reused, 1 or 2 lanes) against Yosys
// figures recorded in iterative-calibration.json: within 20 % on LUTs and FFs, exact on DSPs, for
// every target; and an iterative core prices below the pipelined core of the same design.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, type DesignParams } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { estimateArea, AREA_TARGETS, type AreaCounts } from '../area/index.js';
import { datapathFingerprint } from './index.js';

interface Rec { spec: Record<string, unknown>; design: unknown; datapath: string; yosys: Record<string, AreaCounts> }
const file = JSON.parse(readFileSync(new URL('./iterative-calibration.json', import.meta.url), 'utf8')) as { records: Rec[] };

describe('area model on iterative cores', () => {
  it.each(file.records.map((r) => [r.spec.name as string, r] as const))('%s: within 20 percent of Yosys on LUT and FF, DSP exact', (_n, r) => {
    // Pinned to the recorded design (a faithful spec's search may choose another one as the
    // model's factors are refitted; the figures belong to this one).
    const dp = buildDatapath(resolveSpec(r.spec), r.design as DesignParams);
    expect(datapathFingerprint(dp), 'the datapath of the recorded design changed: re-record iterative-calibration.json').toBe(r.datapath);
    const sched = scheduleDatapath(dp);
    for (const t of AREA_TARGETS) {
      const e = estimateArea(dp, sched, t);
      const y = r.yosys[t]!;
      expect(Math.abs(e.lut - y.lut) / y.lut, `${t} LUT: estimate ${e.lut}, Yosys ${y.lut}`).toBeLessThanOrEqual(0.2);
      expect(Math.abs(e.ff - y.ff) / y.ff, `${t} FF: estimate ${e.ff}, Yosys ${y.ff}`).toBeLessThanOrEqual(0.2);
      expect(e.dsp, `${t} DSP`).toBe(y.dsp);
    }
  });

  it('one unit reused costs fewer LUTs and FFs than the same design unrolled; lanes cost about their number', () => {
    const json = { input: 'sQ3.10', accuracy: 'custom', steps: 3, stepBits: 14, tableAddressBits: 3, tableDataBits: 5, interface: 'ready-valid' };
    const price = (extra: Record<string, unknown>) => {
      const spec = resolveSpec({ ...json, ...extra });
      const dp = buildDatapath(spec, spec.custom!);
      return estimateArea(dp, scheduleDatapath(dp), 'ice40');
    };
    const pipelined = price({});
    const one = price({ architecture: 'iterative' });
    const three = price({ architecture: 'iterative', lanes: 3 });
    expect(one.lut).toBeLessThan(pipelined.lut * 0.7);
    expect(one.ff).toBeLessThan(pipelined.ff);
    expect(three.lut).toBeGreaterThan(2 * one.lut);
    expect(three.lut).toBeLessThan(3 * one.lut);
  });
});
