// SLOW (TEST_LEVEL=full only): re-synthesizes every core of the area-model calibration set with
// real Yosys (3 targets, about 15-30 minutes on 2 cores) and checks that the figures recorded in
// src/calibration/calibration.json are still what Yosys gives. The fast comparison of the model against
// those figures runs in the default suite (src/calibration/calibration.test.ts).
//
// AREA_CALIBRATION=record re-records the file instead (under the current scheduler):
//   AREA_CALIBRATION=record TEST_LEVEL=full npx vitest run hw-tests/area-calibration.test.ts
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeYosysWorkers } from '../src/synth/index.js';
import type { TargetName } from '../src/targets/index.js';
import { CALIBRATION_SET, calibrationPath, measureCase, readCalibration, type CalibrationFile, type CalibrationRecord } from '../src/calibration/index.js';

const FULL = process.env.TEST_LEVEL === 'full';
const RECORD = process.env.AREA_CALIBRATION === 'record';
const TARGETS: readonly TargetName[] = ['ice40', 'ice40-dsp', 'xilinx'];
const FIELDS = ['lut', 'ff', 'carry', 'dsp', 'memoryBits'] as const;

describe.skipIf(!FULL)('area calibration figures are current (slow: real Yosys on the whole set)', () => {
  const file = readCalibration(calibrationPath());
  const fresh: CalibrationRecord[] = [];
  let version = file.yosysVersion;
  let seconds = 0;
  afterAll(async () => {
    await closeYosysWorkers();
    console.log(`area calibration: ${fresh.length} cores, ${seconds.toFixed(0)} s of Yosys time (sum over targets)`);
    if (RECORD && fresh.length === CALIBRATION_SET.length) {
      const out: CalibrationFile = { note: file.note, yosysVersion: version, records: fresh };
      writeFileSync(calibrationPath(), `${JSON.stringify(out, null, 1)}\n`);
    }
  });

  for (const c of CALIBRATION_SET) {
    it(`${c.label}: Yosys gives the recorded figures`, async () => {
      const recorded = file.records.find((r) => r.label === c.label);
      const { record, yosysVersion } = await measureCase(c, TARGETS, RECORD || recorded === undefined ? {} : { recorded });
      version = yosysVersion;
      fresh.push(record);
      for (const t of TARGETS) seconds += record.yosys[t]?.seconds ?? 0;
      if (RECORD) return;
      expect(yosysVersion).toBe(file.yosysVersion);
      expect(recorded, `${c.label} is not in calibration.json`).toBeDefined();
      for (const t of TARGETS) {
        const got = Object.fromEntries(FIELDS.map((f) => [f, record.yosys[t]![f]]));
        const want = Object.fromEntries(FIELDS.map((f) => [f, recorded!.yosys[t]![f]]));
        expect(got, `${c.label} ${t}`).toEqual(want);
      }
    }, 900_000);
  }
});
