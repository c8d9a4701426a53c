// The area model against the recorded Yosys figures of the calibration set (no Yosys run: the
// re-synthesis check is hw-tests/area-calibration.test.ts), and unit tests of its op rules.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import {
  estimateArea, estimateAreaDetail, tileMul, softMulIce40, romLogic, bramBlocks, partialProducts, compareCalibration,
  formatCalibrationTable, readCalibration, calibrationPath, CALIBRATION_SET, ICE40_DSP_RULES, XC7_DSP_RULES, ICE40_BRAM, XC7_BRAM,
  type AreaTarget,
} from './index.js';
import { bitView } from './bits.js';

/** The calibration bounds of issue 4: LUTs and FFs within 20 %, DSP blocks exact. */
const BOUND_PCT = 20;
const TARGETS: readonly AreaTarget[] = ['ice40', 'ice40-dsp', 'xilinx'];

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

describe('DSP tiling (mul2dsp rules)', () => {
  it('fits a 16x16 product in one SB_MAC16 and splits wider ones into slices plus fabric adders', () => {
    expect(tileMul({ a: 16, b: 16, signed: false, y: 32 }, ICE40_DSP_RULES)).toEqual({ dsp: 1, soft: [], adders: [] });
    const t = tileMul({ a: 20, b: 20, signed: true, y: 39 }, ICE40_DSP_RULES);
    expect(t.dsp).toBe(3);
    expect(t.adders.length).toBeGreaterThan(0);
  });

  it('widens unsigned operands by a sign bit on 7-series (25x18 signed only)', () => {
    expect(tileMul({ a: 24, b: 17, signed: false, y: 41 }, XC7_DSP_RULES).dsp).toBe(1);
    expect(tileMul({ a: 25, b: 17, signed: false, y: 42 }, XC7_DSP_RULES).dsp).toBe(2);
  });

  it('leaves narrow products in LUTs (result under 11 bits on iCE40, 9 on 7-series)', () => {
    expect(tileMul({ a: 5, b: 5, signed: false, y: 10 }, ICE40_DSP_RULES)).toMatchObject({ dsp: 0, soft: [{ a: 5, b: 5 }] });
    expect(tileMul({ a: 5, b: 5, signed: false, y: 10 }, XC7_DSP_RULES).dsp).toBe(1);
    expect(tileMul({ a: 4, b: 4, signed: false, y: 8 }, XC7_DSP_RULES).dsp).toBe(0);
  });
});

describe('soft multipliers on iCE40', () => {
  const shape = (a: number, b: number, opts: { signed?: boolean; square?: boolean; y?: number; constant?: bigint } = {}) => ({
    a, b, signed: opts.signed ?? false, y: opts.y ?? a + b, square: opts.square ?? false, varWidth: a,
    raw: [{ w: a, signed: opts.signed ?? false }, { w: b, signed: false }] as const, ...(opts.constant !== undefined ? { constant: opts.constant } : {}),
  });

  it('matches isolated Yosys runs of unsigned products within 10 % (8x8: 142, 14x14: 494 LUT4s)', () => {
    expect(softMulIce40(shape(8, 8)).lut).toBeGreaterThan(142 * 0.9);
    expect(softMulIce40(shape(8, 8)).lut).toBeLessThan(142 * 1.1);
    expect(softMulIce40(shape(14, 14)).lut).toBeGreaterThan(494 * 0.9);
    expect(softMulIce40(shape(14, 14)).lut).toBeLessThan(494 * 1.1);
  });

  it('costs a square about two thirds of a general product, and a constant as shift-and-add', () => {
    expect(softMulIce40(shape(10, 10, { square: true })).lut).toBeLessThan(0.75 * softMulIce40(shape(10, 10)).lut);
    expect(softMulIce40(shape(13, 2, { constant: 3n })).lut).toBe(15); // one adder (Yosys: 13)
    expect(softMulIce40(shape(13, 1, { constant: 4n })).lut).toBe(0); // a power of two is wiring
  });

  it('does not build the columns above the highest bit read', () => {
    expect(partialProducts(12, 12, 16)).toBe(144 - 28);
    expect(softMulIce40(shape(12, 12, { y: 16 })).lut).toBeLessThan(softMulIce40(shape(12, 12)).lut);
  });
});

describe('tables', () => {
  it('costs a table by its contents: constant columns are free, a 4-input table is one LUT per bit', () => {
    const entries = Array.from({ length: 16 }, (_, i) => BigInt(0x100 | (i * 5) % 16));
    const r = romLogic(entries, 4, 9, 4, (1n << 9n) - 1n);
    expect(r.leaves).toBeLessThanOrEqual(4);
    expect(r.muxes).toBe(0);
  });

  it('maps a registered table to block RAM above the measured size and counts whole blocks', () => {
    expect(bramBlocks(1024, 10, ICE40_BRAM)).toBe(3);
    expect(bramBlocks(1024, 12, XC7_BRAM)).toBe(1);
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
