// Unit tests of the area model: block RAM mapping, the bit view and the register count. Its accuracy
// against Yosys is src/calibration's.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { estimateArea, estimateAreaDetail } from './index.js';
import { bitView } from '../datapath/index.js';
import type { TargetName } from '../targets/index.js';

const TARGETS: readonly TargetName[] = ['ice40', 'ice40-dsp', 'xilinx'];

describe('tables', () => {
  it('maps a registered table to block RAM above the measured size and counts whole blocks', () => {
    const spec = resolveSpec({ function: 'isru', alpha: 3, input: 'sQ4.5', accuracy: 'custom', method: 'direct', pipeline: 1 });
    const dp = buildDatapath(spec, spec.custom!);
    const s = scheduleDatapath(dp, 1);
    expect(estimateArea(dp, s, 'ice40')).toMatchObject({ lut: 0, memoryBits: 3 * 4096, ff: 1 });
    expect(estimateArea(dp, { latency: 0, stage: s.stage.map(() => 0) }, 'ice40').memoryBits).toBe(0);
  });
});

describe('bit view and registers', () => {
  const spec = resolveSpec({ function: 'isrlu', input: 'sQ3.8', accuracy: 'custom', steps: 1, tableAddressBits: 5, tableDataBits: 7, stepBits: 10, pipeline: 3 });
  const dp = buildDatapath(spec, spec.custom!);
  const sched = scheduleDatapath(dp, 3);

  it('resolves wiring ops to their source bits and drops bits nothing reads', () => {
    const v = bitView(dp, sched.stage, sched.latency);
    const neg = dp.nodes.find((n) => n.op === 'signBit')!;
    expect(v.alias[neg.id]).toBe(true);
    expect(v.source[neg.id]![0]).toEqual({ root: dp.input, bit: 11 });
    const sq = dp.nodes.find((n) => n.name === 'x_sq')!;
    expect(v.used[sq.id]! & 1n).toBe(0n); // truncated away before t
  });

  it('counts one FF per live bit per stage crossed, plus the valid bits (no DSP: nothing absorbed)', () => {
    const d = estimateAreaDetail(dp, sched, 'ice40');
    expect(d.registers.absorbedByDsp).toBe(0);
    expect(d.ff).toBeGreaterThan(sched.latency);
    expect(estimateArea(dp, { latency: 0, stage: sched.stage.map(() => 0) }, 'ice40').ff).toBe(0);
  });

  it('packs operand registers into DSP blocks and shift chains into SRLs (Xilinx)', () => {
    const ice = estimateAreaDetail(dp, sched, 'ice40');
    const xil = estimateAreaDetail(dp, sched, 'xilinx');
    expect(xil.registers.absorbedByDsp).toBeGreaterThan(0);
    expect(xil.ff).toBeLessThan(ice.ff);
  });

  it('runs in milliseconds', () => {
    const t0 = performance.now();
    for (const t of TARGETS) estimateArea(dp, sched, t);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
