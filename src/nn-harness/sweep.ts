// Accuracy sweeps: a deterministic list of points (baselines; ISRLU/ISRU bit width; seed-table size;
// Newton-Raphson steps), each trained independently and appended as one fsynced JSON line to a
// results file, so an interrupted sweep resumes where it stopped and shards merge into one set.

import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../common/index.js';
import { checkOutputDir, writeOutputDir } from '../common/index.js';
import { resolveSpec, specToJson } from '../spec/index.js';
import type { ActivationName } from './activations.js';
import { loadMnist, type Mnist } from './idx.js';
import { train } from './train.js';

import { writeSummary } from './sweep-summary.js';
import { CUSTOM_FORMAT, STEPS_TABLE_BITS, SWEEP_GROUPS, DEFAULT_SWEEP, DEFAULT_HIDDEN, isRecurrent, type GateName, type SweepGroup, type SweepFunction, type SweepSettings } from './names.js';
export { SWEEP_GROUPS, DEFAULT_SWEEP, type SweepGroup, type SweepFunction, type SweepSettings };

export { CUSTOM_FORMAT, STEPS_TABLE_BITS };
export { summarize, resultsCsv, summaryCsv, summaryMarkdown, sweepCharts, writeSummary, pointStats, type PointStats, type SweepSummary } from './sweep-summary.js';

export interface SweepPoint {
  readonly index: number;
  /** Unique within a sweep, e.g. "bits/isrlu-q/w8/seed1". */
  readonly key: string;
  readonly group: SweepGroup;
  readonly activation: ActivationName;
  /** Bit width, tableAddressBits or steps (absent for baselines). */
  readonly x?: number;
  /** Bits group: integer bits of the input format (absent: the range rule of bitFormats). */
  readonly intBits?: number;
  readonly spec?: Record<string, unknown>;
  /** lstm/gru: the gate function, and the gate core's spec when bit-exact. */
  readonly gate?: GateName;
  readonly gateSpec?: Record<string, unknown>;
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
 * Formats of the bit-width group for a total width w and `intBits` integer bits (input sQi.f,
 * f = w - 1 - i). Without intBits, the range rule: i = 1 (w <= 5), 2 (w <= 8), else 3 (pre-activations
 * of the nets stay within about +-8). ISRLU's output is the input format (it passes x >= 0
 * through), ISRU's covers its range +-1/sqrt(alpha) with w bits, the gate's is uQ0.w.
 */
export function bitFormats(fn: SweepFunction | 'isru-gate', w: number, alpha: number, intBits?: number): { input: string; output: string } {
  const i = intBits ?? (w <= 5 ? 1 : w <= 8 ? 2 : 3);
  if (!(i >= 0 && w - 1 - i >= 0)) throw new UserError(`bits: ${i} integer bits do not fit a ${w}-bit signed format`);
  const input = `sQ${i}.${w - 1 - i}`;
  if (fn === 'isrlu') return { input, output: input };
  if (fn === 'isru-gate') return { input, output: `uQ0.${w}` };
  const oi = Math.max(0, Math.ceil(Math.log2(1 / Math.sqrt(alpha))));
  return { input, output: `sQ${oi}.${w - 1 - oi}` };
}

/** The splits (integer bits) the bits group tries at width w: those of `intBits` that fit, or the range rule's one. */
export function widthSplits(s: SweepSettings, w: number): (number | undefined)[] {
  if (!s.intBits?.length) return [undefined];
  return s.intBits.filter((i) => w - 1 - i >= 0);
}

/** A point's series label: the activation, and for lstm/gru "+gate". */
export function seriesLabel(p: { activation: string; gate?: string }): string {
  return p.gate ? `${p.activation}+${p.gate}` : p.activation;
}

/**
 * The points of a sweep, in a fixed order (seed, group, function, x, split). For lstm and gru the
 * baselines are tanh+sigmoid and isru+isru-gate (float), and the bits group runs both bit-exact
 * cores at the same width and split (cell isru-q, gate isru-gate-q); they have no table or steps group.
 */
export function sweepPoints(s: SweepSettings): SweepPoint[] {
  const out: Omit<SweepPoint, 'index'>[] = [];
  const rnn = isRecurrent(s.net);
  for (const seed of s.seeds) {
    for (const group of s.groups) {
      if (group === 'baseline') {
        const base: { activation: ActivationName; gate?: GateName }[] = rnn
          ? [{ activation: 'tanh', gate: 'sigmoid' }, ...s.functions.map((fn) => ({ activation: fn as ActivationName, gate: 'isru-gate' as const }))]
          : (['relu', ...s.functions] as ActivationName[]).map((activation) => ({ activation }));
        for (const b of base) out.push({ key: `baseline/${seriesLabel(b)}/seed${seed}`, group, ...b, seed });
        continue;
      }
      if (rnn && group !== 'bits') continue;
      for (const fn of s.functions) {
        const activation = `${fn}-q` as ActivationName;
        const gate = rnn ? { gate: 'isru-gate-q' as const } : {};
        const xs = group === 'bits' ? s.widths : group === 'table' ? s.tableBits : s.steps;
        for (const x of xs) {
          if (group === 'bits') {
            for (const i of widthSplits(s, x)) {
              const spec = { function: fn, alpha: s.alpha, ...bitFormats(fn, x, s.alpha, i), accuracy: 'faithful' };
              const gateSpec = rnn ? { gateSpec: { function: 'isru-gate', alpha: s.alpha, ...bitFormats('isru-gate', x, s.alpha, i), accuracy: 'faithful' } } : {};
              const split = i === undefined ? '' : `/i${i}`;
              out.push({ key: `${group}/${seriesLabel({ activation, ...gate })}/w${x}${split}/seed${seed}`, group, activation, ...gate, x, ...(i !== undefined ? { intBits: i } : {}), spec, ...gateSpec, seed });
            }
            continue;
          }
          const custom = group === 'table' ? { steps: 1, tableAddressBits: x } : { steps: x, tableAddressBits: STEPS_TABLE_BITS };
          const spec = { function: fn, alpha: s.alpha, input: CUSTOM_FORMAT, output: fn === 'isrlu' ? CUSTOM_FORMAT : bitFormats(fn, 16, s.alpha).output, accuracy: 'custom', method: 'newton', ...custom };
          const tag = group === 'table' ? `a${x}` : `s${x}`;
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
  return `net=${s.net}${isRecurrent(s.net) ? ` hidden=${s.hidden ?? DEFAULT_HIDDEN}` : ''} epochs=${s.epochs} train=${s.trainSize} test=${s.testSize} batch=${s.batchSize} grad=${s.grad}`;
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
  let gateSpec;
  try {
    spec = p.spec ? resolveSpec(p.spec) : undefined;
    gateSpec = p.gateSpec ? resolveSpec(p.gateSpec) : undefined;
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
  try {
    const r = await train({
      net: s.net, activation: p.activation, alpha: s.alpha, ...(spec || gateSpec ? { grad: s.grad } : {}), ...(spec ? { spec } : {}),
      ...(p.gate ? { gate: p.gate, hidden: s.hidden ?? DEFAULT_HIDDEN } : {}), ...(gateSpec ? { gateSpec } : {}),
      epochs: s.epochs, trainSize: s.trainSize, testSize: s.testSize, batchSize: s.batchSize, seed: p.seed, data,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.signal ? { signal: o.signal } : {}),
    });
    const last = r.epochs[r.epochs.length - 1]!;
    return {
      ...base, ...(spec ? { spec: specToJson(spec) } : {}), ...(gateSpec ? { gateSpec: specToJson(gateSpec) } : {}),
      testAccuracy: r.testAccuracy, testLoss: r.testLoss, trainAccuracy: last.trainAccuracy, trainLoss: last.trainLoss,
      imagesPerSecond: r.imagesPerSecond, seconds: r.seconds,
    };
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    if (e instanceof UserError) return { ...base, error: e.message };
    throw e;
  }
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
