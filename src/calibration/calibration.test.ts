// The area model against the recorded Yosys figures of the calibration set (no Yosys run: the
// re-synthesis check is hw-tests/area-calibration.test.ts).
import { describe, expect, it } from 'vitest';
import type { TargetName } from '../targets/index.js';
import { compareCalibration, formatCalibrationTable, readCalibration, calibrationPath, CALIBRATION_SET } from './index.js';

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

