// The area model's factors are the fit of the committed Yosys records (scripts/fit-area.mts), and the
// fitted model is measured on the cores the fit did not read: src/area/factors.ts and
// docs/area-model.md cannot drift from the records, and the held-out error cannot grow unnoticed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FACTORS } from '../area/index.js';
import { calibrationPath } from './index.js';
import { fitAll, fitErrors, fitSamples, formatFitErrors, isHeldOut, readCalibration, readQorRecords, renderAreaModelDoc, renderFactors } from './fit.js';

const FACTORS_TS = fileURLToPath(new URL('../area/factors.ts', import.meta.url));
const DOC = fileURLToPath(new URL('../../docs/area-model.md', import.meta.url));

describe('the area model fit (scripts/fit-area.mts)', () => {
  const samples = fitSamples(readCalibration(calibrationPath()), readQorRecords());
  const fitted = fitAll(samples);
  const errors = fitErrors(samples, fitted);

  it('holds out about one core in four (a calibration core on all its devices) and fits only the rest', () => {
    const keys = [...new Set(samples.map((s) => s.key))];
    const held = keys.filter(isHeldOut);
    expect(held.length / keys.length).toBeGreaterThan(0.15);
    expect(held.length / keys.length).toBeLessThan(0.35);
    for (const s of samples) expect(s.heldOut).toBe(isHeldOut(s.key));
    // The fit does not move when a held-out core's figure changes.
    const moved = samples.map((s) => (s.heldOut ? { ...s, yosys: { ...s.yosys, lut: s.yosys.lut * 3 } } : s));
    expect(fitAll(moved)).toEqual(fitted);
    // ...and does when a fitted one's does (the test can fail).
    const moved2 = samples.map((s) => (!s.heldOut && s.target === 'xilinx' ? { ...s, yosys: { ...s.yosys, lut: s.yosys.lut * 3 } } : s));
    expect(fitAll(moved2).xilinx).not.toEqual(fitted.xilinx);
  });

  it('src/area/factors.ts and docs/area-model.md are the fit of the committed records', () => {
    expect(FACTORS).toEqual(fitted);
    expect(readFileSync(FACTORS_TS, 'utf8')).toBe(renderFactors(fitted));
    expect(readFileSync(DOC, 'utf8')).toBe(renderAreaModelDoc(samples, fitted, errors));
  });

  it('held out: LUT and FF median error within 20 %, DSP and block RAM counts exact on at least 95 % of cores', () => {
    console.log(formatFitErrors(errors));
    for (const set of ['in-sample', 'held-out'] as const) {
      const all = errors.find((e) => e.group === 'all' && e.set === set)!;
      expect(all.cores).toBeGreaterThanOrEqual(set === 'held-out' ? 25 : 75);
      expect(all.lutMedian, `${set} LUT median`).toBeLessThanOrEqual(20);
      expect(all.ffMedian, `${set} FF median`).toBeLessThanOrEqual(20);
      expect(all.dspExact / all.cores, `${set} DSP`).toBeGreaterThanOrEqual(0.95);
      expect(all.bramExact / all.cores, `${set} BRAM`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
