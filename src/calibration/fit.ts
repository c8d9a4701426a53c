// The fit of the area model's class factors (src/area/factors.ts) to recorded Yosys runs, and its
// validation on cores the fit never saw. The samples are every core of calibration.json (rsqrt cores
// and whole tables, under their recorded schedules) and of qor-records.json (the cores
// scripts/bench-qor.mts measured: tables, piecewise polynomials, multipartite tables and rsqrt
// cores chosen by the faithful search), each on every device it was synthesized for. A core is
// held out by a hash of its key (about one in four) before anything is fitted: a calibration core
// on all three devices at once, a qor core on the device it was measured on (the factors are per
// device, so no device's fit sees another's held-out figures); the fit reads only the other cores. scripts/fit-area.mts runs it and writes the factors.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, type Datapath, type DesignParams } from '../datapath/index.js';
import { areaFeatures, estimateArea, lutFromFeatures, COST_CLASSES, UNIT_FACTORS, type AreaCounts, type CostClass, type Factors, type LutFeatures } from '../area/index.js';
import { TARGET_NAMES, type TargetName } from '../targets/index.js';
import { classifyCells } from '../synth/index.js';
import { solveLinear } from '../common/index.js';
import { CALIBRATION_SET } from './sets.js';
import { datapathFingerprint, elaborateCase, readCalibration, recordedSchedule, type CalibrationFile } from './records.js';

/** One core measured by scripts/bench-qor.mts, rebuilt from its exact design (no search). */
export interface QorCalibrationRecord {
  /** `<device> <design fingerprint>` (src/report/qor.ts designFingerprint). */
  readonly key: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly params: DesignParams;
  readonly datapath: string;
  readonly latency: number;
  readonly stages: Readonly<Record<string, number>>;
  readonly device: TargetName;
  readonly yosys: { readonly lut: number; readonly ff: number; readonly dsp: number; readonly bram: number };
  readonly yosysVersion: string;
}

export interface QorCalibrationFile {
  readonly note: string;
  readonly records: readonly QorCalibrationRecord[];
}

export const QOR_RECORDS_PATH = fileURLToPath(new URL('./qor-records.json', import.meta.url));

export function readQorRecords(path = QOR_RECORDS_PATH): QorCalibrationFile {
  return JSON.parse(readFileSync(path, 'utf8')) as QorCalibrationFile;
}

/** The datapath of a qor record: its spec and design parameters, checked against the recorded fingerprint. */
export function rebuildQorRecord(r: QorCalibrationRecord): Datapath {
  const dp = buildDatapath(resolveSpec(r.spec), r.params);
  if (datapathFingerprint(dp) !== r.datapath) throw new Error(`${r.key}: the datapath built from its design changed since it was recorded; rerun npm run bench:qor for its row`);
  return dp;
}

/** The record of one measured core (scripts/bench-qor.mts adds one per row it synthesizes). */
export function qorCalibrationRecord(
  key: string, spec: Readonly<Record<string, unknown>>, dp: Datapath, sched: { readonly latency: number; readonly stage: readonly number[] },
  device: TargetName, yosys: QorCalibrationRecord['yosys'], yosysVersion: string,
): QorCalibrationRecord {
  const stages: Record<string, number> = {};
  for (const n of dp.nodes) stages[n.name] = sched.stage[n.id]!;
  return { key, spec, params: dp.params, datapath: datapathFingerprint(dp), latency: sched.latency, stages, device, yosys, yosysVersion };
}

/** The file with `recs` added (a record of the same key replaced), sorted by key. */
export function mergeQorRecords(file: QorCalibrationFile | undefined, recs: readonly QorCalibrationRecord[]): QorCalibrationFile {
  const byKey = new Map((file?.records ?? []).map((r) => [r.key, r]));
  for (const r of recs) byKey.set(r.key, r);
  return {
    note: 'Yosys figures of every core scripts/bench-qor.mts synthesized (npm run bench:qor adds each row it measures), rebuilt from its exact design; scripts/fit-area.mts fits the area model to them and to calibration.json.',
    records: [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
  };
}

/** One core on one device: what the model reads and what Yosys measured. */
export interface FitSample {
  readonly key: string;
  readonly source: 'calibration' | 'qor';
  readonly target: TargetName;
  readonly heldOut: boolean;
  readonly features: LutFeatures;
  readonly yosys: Pick<AreaCounts, 'lut' | 'ff' | 'dsp' | 'bram'>;
  /** The model's FF, DSP and BRAM counts (not fitted: they are counted from the datapath). */
  readonly model: Pick<AreaCounts, 'ff' | 'dsp' | 'bram'>;
}

const fnv = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

/** The held-out split: fixed by the core's key alone, so adding cores never moves another one. */
export const isHeldOut = (key: string): boolean => fnv(key) % 4 === 0;

const sample = (key: string, source: FitSample['source'], target: TargetName, dp: Datapath, sched: NonNullable<ReturnType<typeof recordedSchedule>>, yosys: FitSample['yosys']): FitSample => {
  const e = estimateArea(dp, sched, target);
  return { key, source, target, heldOut: isHeldOut(key), features: areaFeatures(dp, sched, target), yosys, model: { ff: e.ff, dsp: e.dsp, bram: e.bram } };
};

/** Every sample of both record files (elaborates the calibration cores: a few seconds). */
export function fitSamples(cal: CalibrationFile, qor: QorCalibrationFile): FitSample[] {
  const out: FitSample[] = [];
  for (const r of cal.records) {
    const dp = elaborateCase(CALIBRATION_SET.find((x) => x.label === r.label) ?? { label: r.label, spec: r.spec });
    if (datapathFingerprint(dp) !== r.datapath) throw new Error(`${r.label}: the datapath changed since calibration.json was recorded; record it again`);
    const sched = recordedSchedule(dp, r)!;
    for (const t of TARGET_NAMES) {
      const y = r.yosys[t];
      if (y === undefined) continue;
      out.push(sample(`calibration ${r.label}`, 'calibration', t, dp, sched, { lut: y.lut, ff: y.ff, dsp: y.dsp, bram: y.bram ?? classifyCells(t, y.cells).bram }));
    }
  }
  for (const r of qor.records) {
    const dp = rebuildQorRecord(r);
    const sched = recordedSchedule(dp, r);
    if (sched === undefined) throw new Error(`${r.key}: the recorded schedule names nodes the datapath lacks`);
    out.push(sample(`qor ${r.key}`, 'qor', r.device, dp, sched, r.yosys));
  }
  return out;
}

/** Relative error in percent, against a floor of 4 LUTs (a 2-LUT core off by one is not 50 % wrong). */
const relErr = (model: number, real: number): number => (100 * Math.abs(model - real)) / Math.max(real, 4);


/** The pull of each factor towards its per-op value (keeps classes with few samples sensible). */
const RIDGE = 0.05;
const ITERATIONS = 60;
/** The norm of the relative LUT error the fit minimises (IRLS). */
const NORM = 1;

/**
 * The class factors of one device that minimise the mean relative LUT error over the samples
 * (iteratively reweighted least squares), pulled towards the per-op values, every factor but
 * 'fold' at least 0 and 'fold' at most 0.
 */
export function fitFactors(samples: readonly FitSample[], norm = NORM): Factors {
  const classes = COST_CLASSES;
  const free = new Set<CostClass>(classes);
  let f: Record<CostClass, number> = { ...UNIT_FACTORS };
  let w = samples.map((s) => 1 / Math.max(s.yosys.lut, 4) ** 2);
  for (let it = 0; it < ITERATIONS; it++) {
    for (;;) {
      const idx = classes.filter((c) => free.has(c));
      const A = idx.map(() => idx.map(() => 0));
      const b = idx.map(() => 0);
      samples.forEach((s, i) => {
        // The part of the estimate the free factors do not carry.
        let rest = s.features.fixed - s.yosys.lut;
        for (const c of classes) if (!free.has(c)) rest += f[c] * s.features.byClass[c];
        idx.forEach((c, j) => {
          b[j]! -= w[i]! * s.features.byClass[c] * rest;
          idx.forEach((d, k) => { A[j]![k]! += w[i]! * s.features.byClass[c] * s.features.byClass[d]; });
        });
      });
      idx.forEach((c, j) => { A[j]![j]! += RIDGE; b[j]! += RIDGE * UNIT_FACTORS[c]; });
      const x = solveLinear(A, b);
      const next = { ...f };
      idx.forEach((c, j) => { next[c] = x[j]!; });
      const bad = idx.filter((c) => (c === 'fold' ? next[c] > 0 : next[c] < 0));
      if (bad.length === 0) { f = next; break; }
      for (const c of bad) { free.delete(c); f[c] = 0; }
    }
    // Reweight towards the L^norm relative error: w = |r/y|^(norm-2) / y^2.
    w = samples.map((s) => {
      const y = Math.max(s.yosys.lut, 4);
      const r = Math.max(0.02, Math.abs(COST_CLASSES.reduce((a, c) => a + f[c] * s.features.byClass[c], s.features.fixed) - s.yosys.lut) / y);
      return r ** (norm - 2) / y ** 2;
    });
  }
  return Object.fromEntries(classes.map((c) => [c, Math.round(f[c] * 1000) / 1000])) as Factors;
}

/** The fit of every device from the samples the split keeps in. */
export function fitAll(samples: readonly FitSample[], norm = NORM): Record<TargetName, Factors> {
  return Object.fromEntries(TARGET_NAMES.map((t) => [t, fitFactors(samples.filter((s) => s.target === t && !s.heldOut), norm)])) as Record<TargetName, Factors>;
}

export interface FitErrors {
  readonly group: string;
  readonly set: 'in-sample' | 'held-out';
  readonly cores: number;
  readonly lutMedian: number;
  readonly lutMax: number;
  readonly ffMedian: number;
  readonly ffMax: number;
  readonly dspExact: number;
  readonly bramExact: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The model with `factors` against Yosys: per device and over all, in-sample and held out. */
export function fitErrors(samples: readonly FitSample[], factors: Readonly<Record<TargetName, Factors>>): FitErrors[] {
  const out: FitErrors[] = [];
  for (const group of [...TARGET_NAMES, 'all'] as const) {
    for (const set of ['in-sample', 'held-out'] as const) {
      const xs = samples.filter((s) => (group === 'all' || s.target === group) && s.heldOut === (set === 'held-out'));
      if (xs.length === 0) continue;
      const lut = xs.map((s) => relErr(lutFromFeatures(s.features, factors[s.target]), s.yosys.lut));
      const ff = xs.map((s) => relErr(s.model.ff, s.yosys.ff));
      out.push({
        group, set, cores: xs.length, lutMedian: median(lut), lutMax: Math.max(...lut), ffMedian: median(ff), ffMax: Math.max(...ff),
        dspExact: xs.filter((s) => s.model.dsp === s.yosys.dsp).length, bramExact: xs.filter((s) => s.model.bram === s.yosys.bram).length,
      });
    }
  }
  return out;
}

/** The error table as Markdown (docs/area-model.md, the README and the test output). */
export function formatFitErrors(rows: readonly FitErrors[]): string {
  const lines = ['| device | set | cores | LUT error median / max | FF error median / max | DSP exact | BRAM exact |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.group} | ${r.set} | ${r.cores} | ${r.lutMedian.toFixed(0)} % / ${r.lutMax.toFixed(0)} % | ${r.ffMedian.toFixed(0)} % / ${r.ffMax.toFixed(0)} % | ${r.dspExact} of ${r.cores} | ${r.bramExact} of ${r.cores} |`);
  return lines.join('\n');
}

/** src/area/factors.ts as the fit writes it. */
export function renderFactors(factors: Readonly<Record<TargetName, Factors>>): string {
  const line = (t: TargetName) => `  '${t}': { ${COST_CLASSES.map((c) => `${c}: ${factors[t][c]}`).join(', ')} },`;
  return [
    '// Generated by scripts/fit-area.mts from the recorded Yosys runs of src/calibration; do not edit by',
    '// hand (npx tsx scripts/fit-area.mts rewrites it; src/calibration/fit.test.ts checks it is the fit).',
    "import type { TargetName } from '../targets/index.js';",
    "import type { Factors } from './model.js';",
    '',
    'export const FACTORS: Readonly<Record<TargetName, Factors>> = {',
    ...TARGET_NAMES.map(line),
    '};',
    '',
  ].join('\n');
}

/** docs/area-model.md: the factors, the errors and every held-out core. */
export function renderAreaModelDoc(samples: readonly FitSample[], factors: Readonly<Record<TargetName, Factors>>, errors: readonly FitErrors[]): string {
  const held = samples.filter((s) => s.heldOut);
  const out = [
    '# The area model against Yosys',
    '',
    'Generated by `npx tsx scripts/fit-area.mts` (src/calibration/fit.ts); do not edit by hand. `src/calibration/fit.test.ts`',
    'refits and fails when this page or src/area/factors.ts is not the fit of the committed records.',
    '',
    'The model prices each op of the scheduled datapath by its own rule (src/datapath/ops: LUTs, carries,',
    'DSP blocks, memory bits), counts the pipeline registers and block RAMs from the datapath, and scales',
    'the LUTs of each cost class by a per-device factor: flat synthesis (ABC maps the whole netlist at once)',
    'shares and duplicates logic across op boundaries, which the factors absorb. Only the LUT factors are',
    'fitted; FFs, DSPs and block RAMs are counted, so their errors below are the counting rules\' own.',
    '',
    `Samples: ${new Set(samples.map((s) => s.key)).size} cores, ${samples.length} core-device pairs synthesized with the project's Yosys`,
    '(src/calibration/calibration.json: rsqrt cores and whole tables of the calibration set under their recorded',
    'schedules; src/calibration/qor-records.json: every core `npm run bench:qor` measured, tables, piecewise',
    'polynomials, multipartite tables and rsqrt cores chosen by the faithful search). About one core in four is',
    `held out by a hash of its key (${new Set(held.map((s) => s.key)).size} cores, ${held.length} pairs; a calibration core on all three devices,`,
    'a qor core on its device) before the fit; the fit (iteratively reweighted least squares on the relative LUT error, each factor',
    `pulled towards its per-op value with weight ${RIDGE}) reads only the other cores. Error = |model - Yosys| / max(Yosys, 4).`,
    '',
    formatFitErrors(errors),
    '',
    '## Fitted factors',
    '',
    `| device | ${COST_CLASSES.join(' | ')} |`,
    `|---|${COST_CLASSES.map(() => '---:').join('|')}|`,
    ...TARGET_NAMES.map((t) => `| ${t} | ${COST_CLASSES.map((c) => factors[t][c]).join(' | ')} |`),
    '',
    '## Held-out cores',
    '',
    '| core | device | LUT model / Yosys | FF model / Yosys | DSP model / Yosys | BRAM model / Yosys |',
    '|---|---|---:|---:|---:|---:|',
    ...held.map((s) => `| ${s.key.replace(/\|/g, '/')} | ${s.target} | ${lutFromFeatures(s.features, factors[s.target])} / ${s.yosys.lut} | ${s.model.ff} / ${s.yosys.ff} | ${s.model.dsp} / ${s.yosys.dsp} | ${s.model.bram} / ${s.yosys.bram} |`),
    '',
  ];
  return out.join('\n');
}

export { readCalibration };
