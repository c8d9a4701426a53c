// npm run bench:qor: the quality of results behind docs/qor.md. For ISRLU alpha 1 and ISRU alpha 2 at
// 8 to 24 input bits, the core the faithful search chooses on each device (objective area) and on
// iCE40 with DSPs under the no-dsp and no-bram objectives, beside the best rsqrt core (methods
// newton, pwl, magic) on iCE40 with DSPs and on Xilinx 7: each synthesized with the project's Yosys
// on its device, the iCE40-DSP choice also placed with nextpnr-ice40 (UP5K) for Fmax (multipliers in
// LUTs: nextpnr cannot time through SB_MAC16), max error from the sizing's exhaustive proof.
//
//   npx tsx scripts/bench-qor.mts [--widths 8,12,16] [--only REGEX] [--render]
//
// Results are merged into docs/qor.json by row key (so a run of a few widths updates those rows),
// and each measured core is added to src/calibration/qor-records.json, the area model's fit data;
// docs/qor.md is rendered from the JSON (--render re-renders without running anything). The
// default tests (src/report/qor.test.ts) re-elaborate every row up to 16 input bits and fail when
// the design recorded here is not the one the generator chooses today: rerun this script then.

import { existsSync, readFileSync } from 'node:fs';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { estimateArea } from '../src/area/index.js';
import { generateVerilog, implementCore } from '../src/rtl-gen/index.js';
import { closeYosysWorkers } from '../src/synth/index.js';
import { writeFileAtomic } from '../src/common/index.js';
import { QOR_JSON, QOR_MD, qorRows, designFingerprint, renderQor, type QorFile, type QorNoDesign, type QorRecord } from '../src/report/qor.js';
import { SpecError } from '../src/spec/index.js';
import { QOR_RECORDS_PATH, mergeQorRecords, qorCalibrationRecord, readQorRecords } from '../src/calibration/fit.js';

const args = process.argv.slice(2);
const widthsArg = args.indexOf('--widths');
const widths = widthsArg >= 0 ? args[widthsArg + 1]!.split(',').map(Number) : [8, 12, 16, 20, 24];
// --only REGEX: the rows whose key matches (e.g. "isru a=2" or "24 ice40-dsp (chosen|rsqrt)").
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new RegExp(args[onlyArg + 1]!) : undefined;
const oldFile: QorFile | undefined = existsSync(QOR_JSON) ? JSON.parse(readFileSync(QOR_JSON, 'utf8')) as QorFile : undefined;
const byKey = new Map((oldFile?.rows ?? []).map((r) => [r.key, r]));
const noneByKey = new Map((oldFile?.none ?? []).map((r) => [r.key, r]));
const sorted = <T extends { key: string }>(m: Map<string, T>) => [...m.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
const save = () => writeFileAtomic(QOR_JSON, `${JSON.stringify({ note: 'Written by npx tsx scripts/bench-qor.mts (npm run bench:qor); docs/qor.md is rendered from it.', rows: sorted(byKey), ...(noneByKey.size ? { none: sorted(noneByKey) } : {}) }, null, 1)}\n`);

if (!args.includes('--render')) {
  for (const row of qorRows(widths).filter((r) => !only || only.test(r.key))) {
    const t0 = performance.now();
    const spec = resolveSpec(row.spec);
    let e: ReturnType<typeof elaborate>;
    try {
      e = elaborate(spec);
    } catch (err) {
      // A row whose objective no faithful design meets is a result too: recorded with the reason.
      if (!(err instanceof SpecError)) throw err;
      const none: QorNoDesign = { key: row.key, spec: row.spec, role: row.role, reason: err.message };
      noneByKey.set(row.key, none);
      byKey.delete(row.key);
      console.log(`${row.key}: no design (${err.message.slice(0, 160)})`);
      save();
      continue;
    }
    noneByKey.delete(row.key);
    const sched = scheduleDatapath(e.datapath);
    const g = generateVerilog(e.datapath, sched);
    const impl = await implementCore(e.datapath, g, [spec.device], { pnr: row.fmax, timeoutMs: 1_800_000 });
    const y = impl.yosys[spec.device]!;
    const rec: QorRecord = {
      key: row.key, spec: row.spec, role: row.role, design: designFingerprint(e.datapath),
      lut: y.lut, ff: y.ff, dsp: y.dsp, bram: y.bram, latency: sched.latency, estimateMHz: Number(sched.fmaxMHz.toFixed(1)),
      ...(impl.fmax?.status === 'ok' ? { fmaxMHz: Number(impl.fmax.fmaxMHz.toFixed(1)) } : {}),
      // Rounded down: a faithful 0.99997 ulp must not read as 1.0000.
      maxUlp: Math.floor((e.sizing?.check.y.maxUlp ?? NaN) * 1e4) / 1e4, exhaustive: e.sizing?.check.y.exhaustive ?? false,
      yosys: y.yosysVersion,
      model: (({ lut, ff, dsp, bram }) => ({ lut, ff, dsp, bram }))(estimateArea(e.datapath, sched, spec.device)),
    };
    byKey.set(row.key, rec);
    // The core joins the area model's records (scripts/fit-area.mts fits to them), kept even when a
    // later search chooses another core for this row.
    const calib = qorCalibrationRecord(`${spec.device} ${rec.design}`, row.spec, e.datapath, sched, spec.device, { lut: y.lut, ff: y.ff, dsp: y.dsp, bram: y.bram }, y.yosysVersion);
    writeFileAtomic(QOR_RECORDS_PATH, `${JSON.stringify(mergeQorRecords(existsSync(QOR_RECORDS_PATH) ? readQorRecords() : undefined, [calib]), null, 1)}\n`);
    console.log(`${row.key}: ${rec.design} | LUT ${rec.lut} FF ${rec.ff} DSP ${rec.dsp} BRAM ${rec.bram} | latency ${rec.latency}${rec.fmaxMHz ? ` | Fmax ${rec.fmaxMHz} MHz` : ''} | ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    // Saved after every row: a long run stopped midway keeps what it measured.
    save();
  }
  await closeYosysWorkers();
}
const rows = sorted(byKey);
writeFileAtomic(QOR_MD, renderQor(rows, sorted(noneByKey)));
console.log(`wrote ${QOR_MD} (${rows.length} rows)`);
