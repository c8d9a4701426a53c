// Public face of the area model: a per-op estimate of LUTs, FFs, carries, DSPs and memory bits of a
// scheduled core on iCE40 (with and without SB_MAC16) and Xilinx 7-series, and its calibration.
import { fileURLToPath } from 'node:url';

export { estimateArea, estimateAreaDetail, AREA_TARGETS, COST_CLASSES, UNIT_FACTORS } from './model.js';
export type { AreaTarget, AreaCounts, AreaSchedule, AreaBreakdown, NodeArea, CostClass } from './model.js';
export { tileMul, ICE40_DSP_RULES, XC7_DSP_RULES } from './dsp.js';
export type { MulCell, DspRules, Tiling } from './dsp.js';
export { mulShape, softMulIce40, partialProducts } from './mul.js';
export { romLogic, bramBlocks, ICE40_BRAM, XC7_BRAM } from './rom.js';
export type { RomLogic, RomMapping, BramRules } from './rom.js';
export type { RegisterCount } from './registers.js';
export { CALIBRATION_SET } from './calibration-set.js';
export type { CalibrationCase } from './calibration-set.js';
export {
  measureCase, compareCalibration, formatCalibrationTable, readCalibration, datapathFingerprint, recordedSchedule, elaborateCase,
} from './calibration.js';
export type { CalibrationFile, CalibrationRecord, CalibrationRow, YosysFigures } from './calibration.js';

/** Where the recorded calibration figures live (beside the sources; not copied into dist/). */
export function calibrationPath(): string {
  return fileURLToPath(new URL('./calibration.json', import.meta.url));
}
