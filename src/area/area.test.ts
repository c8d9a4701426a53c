// The area model against the recorded Yosys figures of the calibration set (no Yosys run: the
// re-synthesis check is hw-tests/area-calibration.test.ts), and unit tests of its op rules.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import {
  estimateArea, estimateAreaDetail, compareCalibration, formatCalibrationTable, readCalibration, calibrationPath, CALIBRATION_SET,
} from './index.js';
import { bitView } from '../datapath/index.js';
import type { TargetName } from '../targets/index.js';

/** The calibration bounds of issue 4: LUTs and FFs within 20 %, DSP blocks exact. */
const BOUND_PCT = 20;
const TARGETS: readonly TargetName[] = ['ice40', 'ice40-dsp', 'xilinx'];

describe('calibration set', () => {
  const file = readCalibration(calibrationPath());

  it('covers the set: at least 20 configs, every target recorded, the current tool version', () => {
    expect(file.records.length).toBeGreaterThanOrEqual(20);
    expect(file.records.map((r) => r.label).sort()).toEqual(CALIBRATION_SET.map((c) => c.label).sort());
    for (const r of file.records) for (const t of TARGETS) expect(r.yosys[t], `${r.label} ${t}`).toBeDefined();
    expect(file.yosysVersion).toMatch(/^Yosys 0\.55/);
  });

  it(`estimates every config within ${BOUND_PCT} % on LUTs and FFs and exactly on DSPs and memory bits`, () => {
    const rows = compareCalibration(file, TARGETS);
    const bad = rows.filter((r) => Math.abs(r.lutErr) > BOUND_PCT || Math.abs(r.ffErr) > BOUND_PCT || r.estimate.dsp !== r.yosys.dsp || r.estimate.memoryBits !== r.yosys.memoryBits);
    // The whole table on failure, so the distribution is visible, not just the first miss.
    expect(bad.map((r) => `${r.label} ${r.target}`), `estimate vs Yosys:\n${formatCalibrationTable(rows)}`).toEqual([]);
  });
});

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
