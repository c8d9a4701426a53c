// Calibration records: each core of the calibration set with the schedule it was synthesized under
// and the Yosys figures per target. Recording runs real Yosys; reading needs no tool at all.

import { formatName } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { elaborate } from '../analysis/index.js';
import type { Datapath } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { generateVerilog, implementCore, type Implementation } from '../rtl-gen/index.js';
import type { TargetName } from '../targets/index.js';
import { classifyCells } from '../synth/index.js';
import { readFileSync } from 'node:fs';
import { estimateArea, type AreaSchedule, type AreaCounts } from '../area/index.js';
import { CALIBRATION_SET, type CalibrationCase } from './sets.js';

/** Yosys's figures for one core on one target. */
export interface YosysFigures extends Omit<AreaCounts, 'bram'> {
  /** Block RAM tiles (older records lack it: it follows from `cells`). */
  readonly bram?: number;
  /** Raw `num_cells_by_type`, I/O buffers included. */
  readonly cells: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** One recorded core. */
export interface CalibrationRecord {
  readonly label: string;
  readonly spec: Readonly<Record<string, unknown>>;
  /** Fingerprint of the elaborated datapath (node names, ops, formats); see datapathFingerprint. */
  readonly datapath: string;
  readonly latency: number;
  /** Segment of each node, by node name, as synthesized. */
  readonly stages: Readonly<Record<string, number>>;
  readonly yosys: Partial<Record<TargetName, YosysFigures>>;
}

export interface CalibrationFile {
  readonly note: string;
  readonly yosysVersion: string;
  readonly records: readonly CalibrationRecord[];
}

/** A short, stable digest of the datapath's structure (FNV-1a over names, ops, formats, args). */
export function datapathFingerprint(dp: Datapath): string {
  const text = dp.nodes.map((n) => `${n.name}:${n.op}:${formatName(n.fmt)}:${n.args.join(',')}`).join(';');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${dp.nodes.length}-${h.toString(16).padStart(8, '0')}`;
}

/** Elaborates a calibration case (faithful cases are sized, which can take a second). */
export function elaborateCase(c: CalibrationCase): Datapath {
  return elaborate(resolveSpec({ name: `cal_${c.label}`, ...c.spec })).datapath;
}

/** The recorded schedule of a case, as estimateArea takes it; undefined when node names differ. */
export function recordedSchedule(dp: Datapath, r: Pick<CalibrationRecord, 'latency' | 'stages'>): AreaSchedule | undefined {
  const stage: number[] = [];
  for (const n of dp.nodes) {
    const s = r.stages[n.name];
    if (s === undefined) return undefined;
    stage.push(s);
  }
  return { latency: r.latency, stage };
}

/**
 * Synthesizes a datapath for `targets` with real Yosys, under a recorded schedule where given (so the
 * figures stay comparable after the scheduler changed; `what` names the record when its node names
 * no longer match), else under the current scheduler. Shared by the calibration set (measureCase)
 * and scripts/fit-area.mts --remeasure (qor records).
 */
export async function synthesizeUnder(
  dp: Datapath, targets: readonly TargetName[], opts: { recorded?: Pick<CalibrationRecord, 'latency' | 'stages'>; what?: string; timeoutMs?: number } = {},
): Promise<{ sched: AreaSchedule; impl: Implementation }> {
  const fixed = opts.recorded === undefined ? undefined : recordedSchedule(dp, opts.recorded);
  if (opts.recorded !== undefined && fixed === undefined) throw new Error(`${opts.what ?? dp.spec.name}: the datapath no longer has the recorded node names; record it again`);
  const sched = fixed === undefined ? scheduleDatapath(dp, dp.spec.pipeline) : { ...scheduleDatapath(dp, fixed.latency), stage: fixed.stage, latency: fixed.latency };
  const impl = await implementCore(dp, generateVerilog(dp, sched), targets, { timeoutMs: opts.timeoutMs ?? 300_000 });
  return { sched, impl };
}

/**
 * Synthesizes one case for `targets` with real Yosys (minutes for the whole set). With `recorded`,
 * the core is generated under that record's schedule (so the figures are comparable even after
 * the scheduler changed); otherwise under the current scheduler.
 */
export async function measureCase(c: CalibrationCase, targets: readonly TargetName[], opts: { recorded?: CalibrationRecord; timeoutMs?: number } = {}): Promise<{ record: CalibrationRecord; yosysVersion: string }> {
  const dp = elaborateCase(c);
  const { sched, impl } = await synthesizeUnder(dp, targets, { ...opts, what: c.label });
  const yosys: Partial<Record<TargetName, YosysFigures>> = {};
  let yosysVersion = '';
  for (const t of targets) {
    const r = impl.yosys[t];
    if (r === undefined) continue;
    yosysVersion = r.yosysVersion;
    yosys[t] = { lut: r.lut, ff: r.ff, carry: r.carry, dsp: r.dsp, memoryBits: r.memoryBits, bram: r.bram, cells: r.cells, seconds: r.seconds };
  }
  const stages: Record<string, number> = {};
  for (const n of dp.nodes) stages[n.name] = sched.stage[n.id]!;
  return { record: { label: c.label, spec: c.spec, datapath: datapathFingerprint(dp), latency: sched.latency, stages, yosys }, yosysVersion };
}

/** Reads the committed calibration file (src/calibration/calibration.json). */
export function readCalibration(path: string): CalibrationFile {
  return JSON.parse(readFileSync(path, 'utf8')) as CalibrationFile;
}

/** One config's estimate against Yosys, per target: signed errors in percent of Yosys. */
export interface CalibrationRow {
  readonly label: string;
  readonly target: TargetName;
  readonly estimate: AreaCounts;
  readonly yosys: AreaCounts;
  readonly lutErr: number;
  readonly ffErr: number;
}

const pct = (e: number, y: number): number => (y === 0 ? (e === 0 ? 0 : 100) : (100 * (e - y)) / y);

/** Compares the model with every recorded figure (no Yosys run). */
export function compareCalibration(file: CalibrationFile, targets: readonly TargetName[]): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (const r of file.records) {
    const c = CALIBRATION_SET.find((x) => x.label === r.label) ?? { label: r.label, spec: r.spec };
    const dp = elaborateCase(c);
    if (datapathFingerprint(dp) !== r.datapath) throw new Error(`${r.label}: the datapath changed since calibration.json was recorded; record it again`);
    const sched = recordedSchedule(dp, r)!;
    for (const t of targets) {
      const y = r.yosys[t];
      if (y === undefined) continue;
      const e = estimateArea(dp, sched, t);
      const yosys: AreaCounts = { ...y, bram: y.bram ?? classifyCells(t, y.cells).bram };
      rows.push({ label: r.label, target: t, estimate: e, yosys, lutErr: pct(e.lut, y.lut), ffErr: pct(e.ff, y.ff) });
    }
  }
  return rows;
}

/** The per-config error table (for test failures and reports). */
export function formatCalibrationTable(rows: readonly CalibrationRow[]): string {
  const lines = ['config target      LUT est/yosys    err   FF est/yosys   err  DSP est/yosys  mem est/yosys'];
  for (const r of rows) {
    lines.push(`${r.label.padEnd(6)} ${r.target.padEnd(10)} ${`${r.estimate.lut}/${r.yosys.lut}`.padStart(12)} ${r.lutErr.toFixed(1).padStart(6)}% ${`${r.estimate.ff}/${r.yosys.ff}`.padStart(11)} ${r.ffErr.toFixed(1).padStart(5)}% ${`${r.estimate.dsp}/${r.yosys.dsp}`.padStart(8)} ${`${r.estimate.memoryBits}/${r.yosys.memoryBits}`.padStart(14)}`);
  }
  return lines.join('\n');
}
