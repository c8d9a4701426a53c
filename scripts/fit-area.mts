// The area model's class factors, fitted to recorded Yosys runs (src/calibration/fit.ts):
//
//   npx tsx scripts/fit-area.mts [--import-qor] [--remeasure REGEX] [--check]
//
// Reads src/calibration/calibration.json and src/calibration/qor-records.json, holds out about one
// core in four (by a hash of its key), fits each device's factors on the rest, and writes
// src/area/factors.ts and docs/area-model.md (in-sample and held-out error, median and max).
// --import-qor first adds the cores of docs/qor.json that qor-records.json lacks (each row is
// elaborated again and must still be the recorded design). --remeasure REGEX first synthesizes
// again, with the project's Yosys, every recorded core whose key (qor-records.json) or label
// (calibration.json) matches, under its recorded schedule, and replaces its figures (after a change
// to the Verilog a core is spelled in). --check writes nothing and fails when the committed files
// are not what the fit gives.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { writeFileAtomic } from '../src/common/index.js';
import { QOR_JSON, designFingerprint, type QorRecord } from '../src/report/qor.js';
import type { TargetName } from '../src/targets/index.js';
import { CALIBRATION_SET, calibrationPath, measureCase, synthesizeUnder } from '../src/calibration/index.js';
import { closeYosysWorkers } from '../src/synth/index.js';
import {
  QOR_RECORDS_PATH, fitAll, fitErrors, fitSamples, formatFitErrors, mergeQorRecords, qorCalibrationRecord, readCalibration,
  readQorRecords, rebuildQorRecord, renderAreaModelDoc, renderFactors, type QorCalibrationRecord,
} from '../src/calibration/fit.js';

const args = process.argv.slice(2);
/** The targets every calibration core is synthesized for (hw-tests/area-calibration.test.ts). */
const CALIBRATION_TARGETS: readonly TargetName[] = ['ice40', 'ice40-dsp', 'xilinx'];
const FACTORS_TS = fileURLToPath(new URL('../src/area/factors.ts', import.meta.url));
const DOC = fileURLToPath(new URL('../docs/area-model.md', import.meta.url));

if (args.includes('--import-qor')) {
  const have = existsSync(QOR_RECORDS_PATH) ? readQorRecords() : undefined;
  const known = new Set(have?.records.map((r) => r.key));
  const rows = (JSON.parse(readFileSync(QOR_JSON, 'utf8')) as { rows: QorRecord[] }).rows;
  const add: QorCalibrationRecord[] = [];
  for (const r of rows) {
    const key = `${String(r.spec.device)} ${r.design}`;
    if (known.has(key)) continue;
    known.add(key);
    const e = elaborate(resolveSpec(r.spec));
    if (designFingerprint(e.datapath) !== r.design) {
      console.log(`${r.key}: the generator now chooses another design; skipped (rerun npm run bench:qor for it)`);
      continue;
    }
    const sched = scheduleDatapath(e.datapath);
    add.push(qorCalibrationRecord(key, r.spec, e.datapath, sched, r.spec.device as TargetName, { lut: r.lut, ff: r.ff, dsp: r.dsp, bram: r.bram }, r.yosys));
    console.log(`${r.key}: recorded ${key}`);
  }
  writeFileAtomic(QOR_RECORDS_PATH, `${JSON.stringify(mergeQorRecords(have, add), null, 1)}\n`);
}

const remeasureArg = args.indexOf('--remeasure');
if (remeasureArg >= 0) {
  const which = new RegExp(args[remeasureArg + 1] ?? '');
  const qor = readQorRecords();
  const fresh: QorCalibrationRecord[] = [];
  for (const r of qor.records.filter((q) => which.test(q.key))) {
    const { impl } = await synthesizeUnder(rebuildQorRecord(r), [r.device], { recorded: r, what: r.key, timeoutMs: 1_800_000 });
    const y = impl.yosys[r.device]!;
    fresh.push({ ...r, yosys: { lut: y.lut, ff: y.ff, dsp: y.dsp, bram: y.bram }, yosysVersion: y.yosysVersion });
    console.log(`${r.key}: LUT ${r.yosys.lut} -> ${y.lut}, FF ${r.yosys.ff} -> ${y.ff}, DSP ${r.yosys.dsp} -> ${y.dsp}, BRAM ${r.yosys.bram} -> ${y.bram}`);
  }
  writeFileAtomic(QOR_RECORDS_PATH, `${JSON.stringify(mergeQorRecords(qor, fresh), null, 1)}\n`);
  const cal = readCalibration(calibrationPath());
  const records = [...cal.records];
  for (const c of CALIBRATION_SET.filter((k) => which.test(k.label))) {
    const i = records.findIndex((r) => r.label === c.label);
    const { record } = await measureCase(c, CALIBRATION_TARGETS, i >= 0 ? { recorded: records[i]! } : {});
    console.log(`${c.label}: ${CALIBRATION_TARGETS.map((t) => `${t} LUT ${records[i]?.yosys[t]?.lut ?? '-'} -> ${record.yosys[t]?.lut}`).join(', ')}`);
    if (i >= 0) records[i] = record;
    else records.push(record);
  }
  writeFileAtomic(calibrationPath(), `${JSON.stringify({ ...cal, records }, null, 1)}\n`);
  await closeYosysWorkers();
}

const samples = fitSamples(readCalibration(calibrationPath()), readQorRecords());
const factors = fitAll(samples);
const errors = fitErrors(samples, factors);
console.log(`${samples.length} samples (${samples.filter((s) => s.heldOut).length} held out)`);
console.log(formatFitErrors(errors));
const ts = renderFactors(factors);
const doc = renderAreaModelDoc(samples, factors, errors);
if (args.includes('--check')) {
  const stale = [[FACTORS_TS, ts], [DOC, doc]].filter(([p, text]) => !existsSync(p!) || readFileSync(p!, 'utf8') !== text).map(([p]) => p);
  if (stale.length) {
    console.error(`not the fit's output: ${stale.join(', ')} (run npx tsx scripts/fit-area.mts)`);
    process.exit(1);
  }
} else {
  writeFileAtomic(FACTORS_TS, ts);
  writeFileAtomic(DOC, doc);
  console.log(`wrote ${FACTORS_TS} and ${DOC}`);
}
