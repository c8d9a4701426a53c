// Public face of the area model: a per-op estimate of LUTs, FFs, carries, DSPs and memory bits of a
// scheduled core on every target record, and its calibration. The per-op rules live with the ops
// (src/datapath/ops), the device facts in src/targets.
import { fileURLToPath } from 'node:url';

export { estimateArea, estimateAreaDetail, AREA_TARGETS, COST_CLASSES, UNIT_FACTORS } from './model.js';
export type { AreaCounts, AreaSchedule, AreaBreakdown, NodeArea, CostClass } from './model.js';
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
