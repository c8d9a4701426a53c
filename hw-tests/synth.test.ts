// Real Yosys figures respond to the design: a second Newton-Raphson step costs LUTs on iCE40 (no
// DSP) and DSP blocks on Xilinx; the objective no-dsp keeps every product in LUTs on devices with
// DSP blocks; a product's post-adder goes into its SB_MAC16. Also `isrlu synth --json` end to end.
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSpec } from '../src/spec/index.js';
import { buildDatapath } from '../src/datapath/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { estimateArea } from '../src/area/index.js';
import { generateVerilog, implementCore } from '../src/rtl-gen/index.js';
import { closeYosysWorkers } from '../src/synth/index.js';
import { runCli } from '../src/cli/index.js';

const design = (steps: number, extra: Record<string, unknown> = {}) => {
  const spec = resolveSpec({ function: 'isru', input: 'sQ2.5', accuracy: 'custom', steps, tableAddressBits: 4, tableDataBits: 6, stepBits: 10, mantissaBits: 10, argFracBits: 8, pipeline: 2, ...extra });
  const dp = buildDatapath(spec, spec.custom!);
  const sched = scheduleDatapath(dp, spec.pipeline);
  return { dp, sched, g: generateVerilog(dp, sched) };
};

describe('isrlu synth', () => {
  afterAll(closeYosysWorkers);

  it('more Newton-Raphson steps cost more LUTs (iCE40) and more DSPs (Xilinx)', async () => {
    const one = design(1);
    const two = design(2);
    // Generous limits: a loaded 2-core CI machine runs these four Yosys jobs two at a time.
    const limit = { timeoutMs: 500_000 };
    const [a, b] = await Promise.all([implementCore(one.dp, one.g, ['ice40', 'xilinx'], limit), implementCore(two.dp, two.g, ['ice40', 'xilinx'], limit)]);
    expect(a.yosys.ice40!.lut).toBeGreaterThan(50);
    expect(b.yosys.ice40!.lut).toBeGreaterThan(a.yosys.ice40!.lut);
    expect(b.yosys.xilinx!.dsp).toBeGreaterThan(a.yosys.xilinx!.dsp);
    expect(a.yosys.ice40!.dsp).toBe(0);
    expect(a.yosys.ice40!.ff).toBeGreaterThan(0);
  }, 900_000);

  it('objective no-dsp (and maxDsp 0): every product in LUTs on iCE40-DSP and Xilinx, by the model and by Yosys', async () => {
    const hard = design(1);
    const soft = design(1, { objective: 'no-dsp' });
    const none = design(1, { maxDsp: 0, device: 'xilinx' });
    const verilog = (d: typeof soft) => d.g.sources.map((f) => d.g.files[f]!).join('\n');
    expect(verilog(soft)).not.toMatch(/ \* /);
    expect(verilog(soft)).toMatch(/__x << 1\)/);
    expect(verilog(hard)).toMatch(/ \* /);
    for (const t of ['ice40-dsp', 'xilinx'] as const) {
      expect(estimateArea(soft.dp, soft.sched, t).dsp).toBe(0);
      expect(estimateArea(hard.dp, hard.sched, t).dsp).toBeGreaterThan(0);
    }
    const limit = { timeoutMs: 500_000 };
    const [s, n] = await Promise.all([implementCore(soft.dp, soft.g, ['ice40-dsp', 'xilinx'], limit), implementCore(none.dp, none.g, ['xilinx'], limit)]);
    expect(s.yosys['ice40-dsp']!.dsp).toBe(0);
    expect(s.yosys.xilinx!.dsp).toBe(0);
    expect(n.yosys.xilinx!.dsp).toBe(0);
    expect(s.yosys['ice40-dsp']!.lut).toBeGreaterThan(100);
  }, 900_000);

  it('lutProducts: the first Horner product in LUTs, the second in a DSP block, by the model and by Yosys', async () => {
    const poly = (lutProducts: number) => {
      const spec = resolveSpec({ function: 'isrlu', input: 'sQ2.9', accuracy: 'custom', method: 'poly', degree: 2, segmentBits: 4, lutProducts });
      const dp = buildDatapath(spec, spec.custom!);
      const sched = scheduleDatapath(dp);
      return { dp, sched, g: generateVerilog(dp, sched) };
    };
    const both = poly(0);
    const one = poly(1);
    const products = (d: typeof one) => (d.g.files[d.g.sources[0]!]!.match(/ \* /g) ?? []).length;
    expect(products(both)).toBe(2);
    expect(products(one)).toBe(1);
    expect(estimateArea(both.dp, both.sched, 'ice40-dsp').dsp).toBe(2);
    expect(estimateArea(one.dp, one.sched, 'ice40-dsp').dsp).toBe(1);
    const limit = { timeoutMs: 500_000 };
    const [a, b] = await Promise.all([implementCore(both.dp, both.g, ['ice40-dsp'], limit), implementCore(one.dp, one.g, ['ice40-dsp'], limit)]);
    expect(a.yosys['ice40-dsp']!.dsp).toBe(2);
    expect(b.yosys['ice40-dsp']!.dsp).toBe(1);
    expect(b.yosys['ice40-dsp']!.lut).toBeGreaterThan(a.yosys['ice40-dsp']!.lut);
  }, 900_000);

  it('a DSP product and the add of its own stage go into one SB_MAC16 on iCE40 (no carry chain in the fabric), as the area model prices them', async () => {
    // The default faithful core: c0 + c1 * t read from block RAM (issue 11: at most 30 LUTs).
    const spec = resolveSpec({ function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', accuracy: 'faithful' });
    const dp = elaborate(spec).datapath;
    const sched = scheduleDatapath(dp);
    const g = generateVerilog(dp, sched);
    expect(g.files[g.sources[0]!]).toMatch(/__w = \$signed\(/);
    const r = (await implementCore(dp, g, ['ice40-dsp'], { timeoutMs: 500_000 })).yosys['ice40-dsp']!;
    expect(r.dsp).toBe(1);
    expect(r.bram).toBe(2);
    expect(r.cells.SB_CARRY ?? 0).toBe(0);
    expect(r.lut).toBeLessThanOrEqual(30);
    expect(Math.abs(r.lut - estimateArea(dp, sched, 'ice40-dsp').lut)).toBeLessThanOrEqual(6);
  }, 600_000);

  it('--json reports area.yosys per target and an Fmax result', async () => {
    let stdout = '';
    const code = await runCli(['synth', '--function', 'isru', '--input', 'sQ2.7', '--accuracy', 'custom', '--table-address-bits', '4', '--table-data-bits', '6', '--step-bits', '10', '--target', 'ice40', '--json'], { stdout: (t) => { stdout += t; }, stderr: () => {} });
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.area.yosys.ice40.lut).toBeGreaterThan(0);
    expect(r.area.yosys['ice40-dsp']).toBeDefined();
    expect(r.latency).toBeGreaterThanOrEqual(1);
    expect(['ok', 'skipped']).toContain(r.fmax.status);
    if (r.fmax.status === 'ok') expect(r.fmax.fmaxMHz).toBeGreaterThan(1);
  }, 300_000);
});
