// Public face of the area model's calibration: the configurations synthesized with real Yosys, their
// recorded figures, and the comparison of the model against them. Above src/area (it runs the
// generator and Yosys); the model itself never reads it.
import { fileURLToPath } from 'node:url';

export { CALIBRATION_SET } from './sets.js';
export type { CalibrationCase } from './sets.js';
export {
  measureCase, synthesizeUnder, compareCalibration, formatCalibrationTable, readCalibration, datapathFingerprint, recordedSchedule, elaborateCase,
} from './records.js';
export type { CalibrationFile, CalibrationRecord, CalibrationRow, YosysFigures } from './records.js';

/** Where the recorded calibration figures live (beside the sources; not copied into dist/). */
export function calibrationPath(): string {
  return fileURLToPath(new URL('./calibration.json', import.meta.url));
}
