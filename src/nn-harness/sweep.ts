// Accuracy sweeps: a deterministic list of points (baselines; ISRLU/ISRU bit width; seed-table size;
// Newton-Raphson steps), each trained independently and appended as one fsynced JSON line to a
// results file, so an interrupted sweep resumes where it stopped and shards merge into one set.

import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../common/index.js';
import { checkOutputDir, writeOutputDir } from '../common/index.js';
import { renderChartPng, type ChartSpec } from '../charts/index.js';
import { resolveSpec, specToJson } from '../spec/index.js';
import type { ActivationName } from './activations.js';
import { loadMnist, type Mnist } from './idx.js';
import { train } from './train.js';

import { SWEEP_GROUPS, DEFAULT_SWEEP, type SweepGroup, type SweepFunction, type SweepSettings } from './names.js';
export { SWEEP_GROUPS, DEFAULT_SWEEP, type SweepGroup, type SweepFunction, type SweepSettings };

/** Custom designs of the table and steps groups: 16-bit sQ3.12 in and out. */
export const CUSTOM_FORMAT = 'sQ3.12';
export const STEPS_TABLE_BITS = 3;

export interface SweepPoint {
  readonly index: number;
  /** Unique within a sweep, e.g. "bits/isrlu-q/w8/seed1". */
  readonly key: string;
  readonly group: SweepGroup;
  readonly activation: ActivationName;
  /** Bit width, tableAddressBits or steps (absent for baselines). */
  readonly x?: number;
  readonly spec?: Record<string, unknown>;
  readonly seed: number;
}

export interface PointResult extends SweepPoint {
  /** Fingerprint of the settings that shape the number (refused when mixed). */
  readonly settings: string;
  readonly testAccuracy?: number;
  readonly testLoss?: number;
  readonly trainAccuracy?: number;
  readonly trainLoss?: number;
  readonly imagesPerSecond?: number;
  readonly seconds?: number;
  /** Why the point has no accuracy (e.g. the spec cannot be built). */
  readonly error?: string;
}

/**
 * Formats of the bit-width group for a total width w: input sQi.f with i = 1 (w <= 5), 2 (w <= 8),
 * else 3 integer bits (pre-activations of the nets stay within about +-8); ISRLU's output is the
 * input format (it passes x >= 0 through), ISRU's covers its range +-1/sqrt(alpha).
 */
export function bitFormats(fn: SweepFunction, w: number, alpha: number): { input: string; output: string } {
  const i = w <= 5 ? 1 : w <= 8 ? 2 : 3;
  const input = `sQ${i}.${w - 1 - i}`;
  if (fn === 'isrlu') return { input, output: input };
  const oi = Math.max(0, Math.ceil(Math.log2(1 / Math.sqrt(alpha))));
  return { input, output: `sQ${oi}.${w - 1 - oi}` };
}

/** The points of a sweep, in a fixed order (seed, group, function, x). */
export function sweepPoints(s: SweepSettings): SweepPoint[] {
  const out: Omit<SweepPoint, 'index'>[] = [];
  for (const seed of s.seeds) {
    for (const group of s.groups) {
      if (group === 'baseline') {
        for (const a of ['relu', ...s.functions] as ActivationName[]) out.push({ key: `baseline/${a}/seed${seed}`, group, activation: a, seed });
        continue;
      }
      for (const fn of s.functions) {
        const activation = `${fn}-q` as ActivationName;
        const xs = group === 'bits' ? s.widths : group === 'table' ? s.tableBits : s.steps;
        for (const x of xs) {
          let spec: Record<string, unknown>;
          if (group === 'bits') spec = { function: fn, alpha: s.alpha, ...bitFormats(fn, x, s.alpha), accuracy: 'faithful' };
          else {
            const custom = group === 'table' ? { steps: 1, tableAddressBits: x } : { steps: x, tableAddressBits: STEPS_TABLE_BITS };
            spec = { function: fn, alpha: s.alpha, input: CUSTOM_FORMAT, output: fn === 'isrlu' ? CUSTOM_FORMAT : bitFormats(fn, 16, s.alpha).output, accuracy: 'custom', method: 'newton', ...custom };
          }
          const tag = group === 'bits' ? `w${x}` : group === 'table' ? `a${x}` : `s${x}`;
          out.push({ key: `${group}/${activation}/${tag}/seed${seed}`, group, activation, x, spec, seed });
        }
      }
    }
  }
  return out.map((p, index) => ({ ...p, index }));
}

/** The settings of the sweep in its folder (merge reads them back). */
export const SETTINGS_FILE = 'sweep.json';

export function settingsFingerprint(s: SweepSettings): string {
  return `net=${s.net} epochs=${s.epochs} train=${s.trainSize} test=${s.testSize} batch=${s.batchSize} grad=${s.grad}`;
}

export interface Shard { readonly index: number; readonly count: number }

/** Parses "i/n" (0 <= i < n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new UserError(`shard: must be i/n with 0 <= i < n (e.g. 0/4), got "${text}"`);
  return { index, count };
}

export function resultsFileName(shard?: Shard): string {
  return shard && shard.count > 1 ? `results.shard-${shard.index}-of-${shard.count}.jsonl` : 'results.jsonl';
}

/**
 * Reads a results file: one JSON object per line. A last line without its newline (a write cut
 * short) is ignored and reported as `truncated`; any other unreadable line is an error.
 */
export function readResults(path: string): { results: PointResult[]; truncated: boolean; validBytes: string } {
  if (!existsSync(path)) return { results: [], truncated: false, validBytes: '' };
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const complete = text.slice(0, end);
  const results: PointResult[] = [];
  complete.split('\n').forEach((line, i) => {
    if (line === '') return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      throw new UserError(`${path}: line ${i + 1} is not JSON (a results file holds one JSON object per line)`);
    }
    if (typeof r !== 'object' || r === null || typeof (r as PointResult).key !== 'string') throw new UserError(`${path}: line ${i + 1} has no point key`);
    results.push(r as PointResult);
  });
  return { results, truncated: end < text.length, validBytes: complete };
}

/** Appends one line with a single write, then fsyncs: a crash leaves at most a cut last line. */
function appendLine(path: string, line: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, line);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface SweepRunOptions {
  readonly outDir: string;
  readonly settings: SweepSettings;
  readonly shard?: Shard;
  readonly force?: boolean;
  /** Stop after this many newly finished points (tests simulate an interruption with it). */
  readonly maxPoints?: number;
  readonly data?: Mnist;
  readonly onPoint?: (r: PointResult, done: number, total: number) => void;
  readonly onStart?: (p: SweepPoint) => void;
  readonly onProgress?: Parameters<typeof train>[0]['onProgress'];
  readonly signal?: AbortSignal;
}

export interface SweepOutcome {
  readonly outDir: string;
  readonly resultsFile: string;
  /** Points of this shard, and how many were already done before this run. */
  readonly total: number;
  readonly resumed: number;
  readonly ran: number;
  readonly complete: boolean;
  readonly results: PointResult[];
  /** Summary files written (only when the whole, unsharded sweep is complete). */
  readonly files: string[];
}

/** Runs (or resumes) a sweep; writes the summary (JSON, CSV, PNG charts) when it is complete. */
export async function runSweep(o: SweepRunOptions): Promise<SweepOutcome> {
  const s = o.settings;
  checkOutputDir(o.outDir, Boolean(o.force));
  const fp = settingsFingerprint(s);
  const points = sweepPoints(s).filter((p) => !o.shard || p.index % o.shard.count === o.shard.index);
  const name = resultsFileName(o.shard);
  const path = join(o.outDir, name);
  const prior = readResults(path);
  const foreign = prior.results.find((r) => r.settings !== fp);
  if (foreign) throw new UserError(`${path}: holds results made with other settings (${foreign.settings}; now ${fp}); use another --out`);
  // Rewrite atomically without a cut last line (and record the file as ours), then only append.
  writeOutputDir(o.outDir, { [name]: prior.validBytes, [SETTINGS_FILE]: `${JSON.stringify(s, null, 2)}\n` }, Boolean(o.force));
  const done = new Map(prior.results.map((r) => [r.key, r]));
  const resumed = points.filter((p) => done.has(p.key)).length;
  const data = o.data ?? loadMnist({ trainSize: s.trainSize, testSize: s.testSize });
  let ran = 0;
  for (const p of points) {
    if (done.has(p.key)) continue;
    if (o.maxPoints !== undefined && ran >= o.maxPoints) break;
    o.onStart?.(p);
    const r = await runPoint(p, s, fp, data, o);
    appendLine(path, `${JSON.stringify(r)}\n`);
    done.set(p.key, r);
    ran++;
    o.onPoint?.(r, done.size, points.length);
  }
  const results = points.map((p) => done.get(p.key)).filter((r): r is PointResult => r !== undefined);
  const complete = results.length === points.length;
  const files = complete && !(o.shard && o.shard.count > 1) ? await writeSummary(o.outDir, s, results, Boolean(o.force)) : [];
  return { outDir: o.outDir, resultsFile: path, total: points.length, resumed, ran, complete, results, files };
}

async function runPoint(p: SweepPoint, s: SweepSettings, fp: string, data: Mnist, o: SweepRunOptions): Promise<PointResult> {
  const base = { ...p, settings: fp };
  let spec;
  try {
    spec = p.spec ? resolveSpec(p.spec) : undefined;
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
  try {
    const r = await train({
      net: s.net, activation: p.activation, alpha: s.alpha, ...(spec ? { spec, grad: s.grad } : {}),
      epochs: s.epochs, trainSize: s.trainSize, testSize: s.testSize, batchSize: s.batchSize, seed: p.seed, data,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.signal ? { signal: o.signal } : {}),
    });
    const last = r.epochs[r.epochs.length - 1]!;
    return {
      ...base, ...(spec ? { spec: specToJson(spec) } : {}),
      testAccuracy: r.testAccuracy, testLoss: r.testLoss, trainAccuracy: last.trainAccuracy, trainLoss: last.trainLoss,
      imagesPerSecond: r.imagesPerSecond, seconds: r.seconds,
    };
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    if (e instanceof UserError) return { ...base, error: e.message };
    throw e;
  }
}

/** Mean test accuracy per (activation, x) over seeds, for tables and charts. */
function meanBy(results: readonly PointResult[], group: SweepGroup): Map<string, Map<number, number>> {
  const acc = new Map<string, Map<number, number[]>>();
  for (const r of results) {
    if (r.group !== group || r.testAccuracy === undefined) continue;
    const m = acc.get(r.activation) ?? new Map<number, number[]>();
    acc.set(r.activation, m);
    const x = r.x ?? 0;
    m.set(x, [...(m.get(x) ?? []), r.testAccuracy]);
  }
  return new Map([...acc].map(([a, m]) => [a, new Map([...m].map(([x, v]) => [x, v.reduce((p, q) => p + q, 0) / v.length]))]));
}

/** The summary data: every point, and mean accuracies per group. */
export function summarize(s: SweepSettings, results: readonly PointResult[]) {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const baselines = Object.fromEntries([...(meanBy(sorted, 'baseline'))].map(([a, m]) => [a, m.get(0)!]));
  const group = (g: SweepGroup) => Object.fromEntries([...meanBy(sorted, g)].map(([a, m]) => [a, [...m].sort((p, q) => p[0] - q[0]).map(([x, y]) => ({ x, testAccuracy: y }))]));
  return { tool: 'isrlu-codesign sweep', settings: { ...s, fingerprint: settingsFingerprint(s) }, baselines, bits: group('bits'), table: group('table'), steps: group('steps'), points: sorted };
}

const CSV_COLUMNS = ['index', 'key', 'group', 'activation', 'x', 'input', 'output', 'seed', 'testAccuracy', 'testLoss', 'trainAccuracy', 'trainLoss', 'imagesPerSecond', 'seconds', 'error'] as const;

export function resultsCsv(results: readonly PointResult[]): string {
  const cell = (v: unknown) => {
    const t = v === undefined ? '' : String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = [...results].sort((a, b) => a.index - b.index).map((r) => CSV_COLUMNS.map((c) => cell(
    c === 'input' ? r.spec?.input : c === 'output' ? r.spec?.output : (r as unknown as Record<string, unknown>)[c],
  )).join(','));
  return `${CSV_COLUMNS.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

/** Chart specs: accuracy vs bit width (with flat float and ReLU baselines), vs table bits, vs steps. */
export function sweepCharts(s: SweepSettings, results: readonly PointResult[]): { name: string; chart: ChartSpec }[] {
  const sum = summarize(s, results);
  const charts: { name: string; chart: ChartSpec }[] = [];
  const pct = (v: number) => 100 * v;
  const lines = (g: Record<string, { x: number; testAccuracy: number }[]>) => Object.entries(g).map(([a, pts]) => ({ label: `${a} (bit-exact)`, points: pts.map((p) => ({ x: p.x, y: pct(p.testAccuracy) })) }));
  const flat = (xs: number[]) => Object.entries(sum.baselines).map(([a, y]) => ({
    label: `${a === 'relu' ? 'ReLU' : a} (float)`, dashed: true, points: [{ x: Math.min(...xs), y: pct(y) }, { x: Math.max(...xs), y: pct(y) }],
  }));
  const add = (name: string, title: string, xLabel: string, g: Record<string, { x: number; testAccuracy: number }[]>) => {
    const series = lines(g);
    const xs = series.flatMap((l) => l.points.map((p) => p.x));
    if (!xs.length) return;
    charts.push({ name, chart: { title: `${title} (${s.net} net, ${s.epochs} epoch${s.epochs > 1 ? 's' : ''}, ${s.trainSize} training images)`, xLabel, yLabel: 'test accuracy (%)', series: [...series, ...flat(xs)], kind: 'line' } });
  };
  add('accuracy-vs-bits.png', 'MNIST test accuracy vs activation bit width', 'input and output width (bits)', sum.bits);
  add('accuracy-vs-table-bits.png', `Accuracy vs seed-table address bits (${CUSTOM_FORMAT}, 1 Newton-Raphson step)`, 'tableAddressBits', sum.table);
  add('accuracy-vs-steps.png', `Accuracy vs Newton-Raphson steps (${CUSTOM_FORMAT}, ${STEPS_TABLE_BITS}-bit seed table)`, 'steps', sum.steps);
  return charts;
}

/** Writes results.json, results.csv and the PNG charts into `dir` (each atomically). */
export async function writeSummary(dir: string, s: SweepSettings, results: readonly PointResult[], force: boolean): Promise<string[]> {
  const files: Record<string, string | Uint8Array> = {
    'results.json': `${JSON.stringify(summarize(s, results), null, 2)}\n`,
    'results.csv': resultsCsv(results),
  };
  for (const c of sweepCharts(s, results)) files[c.name] = await renderChartPng(c.chart);
  writeOutputDir(dir, files, force);
  return Object.keys(files).sort();
}

export interface MergeOutcome {
  readonly outDir: string;
  readonly points: number;
  readonly duplicates: number;
  /** Keys found with different numbers in different files (the first one seen is kept). */
  readonly conflicts: { key: string; files: string[] }[];
  readonly files: string[];
}

/**
 * Merges the results files (results*.jsonl) of several sweep folders into `outDir`: one line per
 * point key, sorted by point index; identical duplicates are dropped, differing ones reported.
 */
export async function mergeSweeps(dirs: readonly string[], outDir: string, force = false): Promise<MergeOutcome> {
  checkOutputDir(outDir, force);
  if (!dirs.length) throw new UserError('merge: name at least one sweep folder');
  const settingsPath = join(dirs[0]!, SETTINGS_FILE);
  if (!existsSync(settingsPath)) throw new UserError(`merge: "${dirs[0]}" has no ${SETTINGS_FILE} (not a sweep folder)`);
  let settings: SweepSettings;
  try {
    settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as SweepSettings;
  } catch {
    throw new UserError(`merge: ${settingsPath} is not valid JSON`);
  }
  const byKey = new Map<string, { r: PointResult; file: string }>();
  const conflicts = new Map<string, Set<string>>();
  let duplicates = 0;
  let fp: string | undefined;
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new UserError(`merge: "${dir}" does not exist`);
    const names = readdirSync(dir).filter((f) => /^results(\.shard-\d+-of-\d+)?\.jsonl$/.test(f)).sort();
    if (!names.length) throw new UserError(`merge: "${dir}" holds no results*.jsonl file`);
    for (const n of names) {
      const file = join(dir, n);
      for (const r of readResults(file).results) {
        fp ??= r.settings;
        if (r.settings !== fp) throw new UserError(`merge: ${file} was made with other settings (${r.settings}) than the first file (${fp})`);
        const seen = byKey.get(r.key);
        if (!seen) { byKey.set(r.key, { r, file }); continue; }
        duplicates++;
        if (JSON.stringify(metrics(seen.r)) !== JSON.stringify(metrics(r))) {
          const c = conflicts.get(r.key) ?? new Set([seen.file]);
          c.add(file);
          conflicts.set(r.key, c);
        }
      }
    }
  }
  const results = [...byKey.values()].map((v) => v.r).sort((a, b) => a.index - b.index);
  writeOutputDir(outDir, { 'results.jsonl': results.map((r) => `${JSON.stringify(r)}\n`).join(''), [SETTINGS_FILE]: `${JSON.stringify(settings, null, 2)}\n` }, force);
  const files = ['results.jsonl', SETTINGS_FILE, ...(await writeSummary(outDir, settings, results, force))];
  return { outDir, points: results.length, duplicates, conflicts: [...conflicts].map(([key, f]) => ({ key, files: [...f] })), files };
}

function metrics(r: PointResult) {
  return [r.index, r.testAccuracy, r.testLoss, r.trainAccuracy, r.error];
}
