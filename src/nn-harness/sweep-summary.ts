// The summary of a sweep's points: per series and x (and, in the bits group, per split of integer
// and fraction bits) the mean, sample standard deviation, min and max of the test accuracy over the
// seeds; the best split per width; the answer (the smallest width whose best split stays within
// ANSWER_TOLERANCE_POINTS of its float baseline, mean over seeds); written as results.json,
// results.csv (every point), summary.csv (the aggregates), report.md and PNG charts with error bars.

import { writeOutputDir } from '../common/index.js';
import { renderChartPng, type ChartSeries, type ChartSpec } from '../charts/index.js';
import { CUSTOM_FORMAT, STEPS_TABLE_BITS, isRecurrent, type SweepGroup, type SweepSettings } from './names.js';
import type { PointResult } from './sweep.js';

/** How far below its float baseline (percentage points, mean over seeds) a width may fall and still answer. */
export const ANSWER_TOLERANCE_POINTS = 0.3;

export interface PointStats {
  /** Seeds with an accuracy, and their accuracies (fractions), in seed order. */
  readonly seeds: number[];
  readonly accuracies: number[];
  readonly n: number;
  /** Mean over the seeds (also as testAccuracy, the name the single-seed summary used). */
  readonly testAccuracy: number;
  /** Sample standard deviation (n - 1; 0 for one seed), min and max. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

export function pointStats(rs: readonly PointResult[]): PointStats | undefined {
  const ok = rs.filter((r) => r.testAccuracy !== undefined).sort((a, b) => a.seed - b.seed);
  if (!ok.length) return undefined;
  const v = ok.map((r) => r.testAccuracy!);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { seeds: ok.map((r) => r.seed), accuracies: v, n: v.length, testAccuracy: mean, std, min: Math.min(...v), max: Math.max(...v) };
}

export interface SplitStats extends PointStats {
  readonly x: number;
  readonly intBits?: number;
  readonly input?: string;
  readonly output?: string;
  /** lstm/gru: the gate core's output format (its input is `input`). */
  readonly gateOutput?: string;
}
export interface Answer {
  readonly series: string;
  readonly baseline: string;
  readonly baselineAccuracy: number;
  readonly tolerancePoints: number;
  /** The smallest width within tolerance (null: none), its best split and its stats. */
  readonly width: number | null;
  readonly best?: SplitStats;
  readonly deltaPoints?: number;
}

export interface SweepSummary {
  readonly tool: string;
  readonly settings: SweepSettings & { fingerprint: string };
  /** Mean accuracy of each float baseline, and its stats. */
  readonly baselines: Record<string, number>;
  readonly baselineStats: Record<string, PointStats>;
  /** Per series: the best split per width. */
  readonly bits: Record<string, SplitStats[]>;
  /** Per series: every split at every width. */
  readonly bitsSplits: Record<string, SplitStats[]>;
  readonly answer: Record<string, Answer>;
  readonly table: Record<string, SplitStats[]>;
  readonly steps: Record<string, SplitStats[]>;
  readonly points: PointResult[];
}

const label = (r: { activation: string; gate?: string }) => (r.gate ? `${r.activation}+${r.gate}` : r.activation);
/** The float baseline of a bit-exact series: isrlu-q -> isrlu, isru-q+isru-gate-q -> isru+isru-gate. */
const baselineOf = (series: string) => series.replace(/-q\b/g, '');

function groupStats(results: readonly PointResult[], group: SweepGroup): Record<string, SplitStats[]> {
  const by = new Map<string, Map<string, PointResult[]>>();
  for (const r of results) {
    if (r.group !== group) continue;
    const m = by.get(label(r)) ?? new Map<string, PointResult[]>();
    by.set(label(r), m);
    const k = `${r.x ?? 0}/${r.intBits ?? ''}`;
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  const out: Record<string, SplitStats[]> = {};
  for (const [series, m] of by) {
    const rows: SplitStats[] = [];
    for (const rs of m.values()) {
      const st = pointStats(rs);
      if (!st) continue;
      const r0 = rs[0]!;
      rows.push({
        x: r0.x ?? 0, ...(r0.intBits !== undefined ? { intBits: r0.intBits } : {}),
        ...(typeof r0.spec?.input === 'string' ? { input: r0.spec.input } : {}), ...(typeof r0.spec?.output === 'string' ? { output: r0.spec.output } : {}),
        ...(typeof r0.gateSpec?.output === 'string' ? { gateOutput: r0.gateSpec.output } : {}), ...st,
      });
    }
    out[series] = rows.sort((a, b) => a.x - b.x || (a.intBits ?? 0) - (b.intBits ?? 0));
  }
  return out;
}

/** The best split per width: highest mean; ties to the smaller spread, then fewer integer bits. */
function bestSplits(splits: Record<string, SplitStats[]>): Record<string, SplitStats[]> {
  return Object.fromEntries(Object.entries(splits).map(([series, rows]) => {
    const best = new Map<number, SplitStats>();
    for (const r of rows) {
      const b = best.get(r.x);
      if (!b || r.testAccuracy > b.testAccuracy || (r.testAccuracy === b.testAccuracy && r.std < b.std)) best.set(r.x, r);
    }
    return [series, [...best.values()].sort((a, b) => a.x - b.x)];
  }));
}

/** The summary data: every point, stats per group, best splits and the answer. */
export function summarize(s: SweepSettings, results: readonly PointResult[]): SweepSummary {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const baselineStats = Object.fromEntries(Object.entries(groupStats(sorted, 'baseline')).map(([k, v]) => [k, v[0]!]).filter(([, v]) => v)) as Record<string, PointStats>;
  const baselines = Object.fromEntries(Object.entries(baselineStats).map(([k, v]) => [k, v.testAccuracy]));
  const bitsSplits = groupStats(sorted, 'bits');
  const bits = bestSplits(bitsSplits);
  const answer: Record<string, Answer> = {};
  for (const [series, rows] of Object.entries(bits)) {
    const baseline = baselineOf(series);
    const b = baselineStats[baseline];
    if (!b) continue;
    const hit = rows.find((r) => 100 * (r.testAccuracy - b.testAccuracy) >= -ANSWER_TOLERANCE_POINTS - 1e-9);
    answer[series] = {
      series, baseline, baselineAccuracy: b.testAccuracy, tolerancePoints: ANSWER_TOLERANCE_POINTS, width: hit ? hit.x : null,
      ...(hit ? { best: hit, deltaPoints: 100 * (hit.testAccuracy - b.testAccuracy) } : {}),
    };
  }
  return {
    tool: 'isrlu-codesign sweep', settings: { ...s, fingerprint: `${settingsText(s)}` }, baselines, baselineStats, bits, bitsSplits, answer,
    table: groupStats(sorted, 'table'), steps: groupStats(sorted, 'steps'), points: sorted,
  };
}

function settingsText(s: SweepSettings): string {
  return `net=${s.net}${isRecurrent(s.net) ? ` hidden=${s.hidden ?? 128}` : ''} epochs=${s.epochs} train=${s.trainSize} test=${s.testSize} batch=${s.batchSize} grad=${s.grad}`;
}

const cell = (v: unknown) => {
  const t = v === undefined ? '' : String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

const CSV_COLUMNS = ['index', 'key', 'group', 'activation', 'gate', 'x', 'intBits', 'input', 'output', 'seed', 'testAccuracy', 'testLoss', 'trainAccuracy', 'trainLoss', 'imagesPerSecond', 'seconds', 'error'] as const;

/** Every point, one row each. */
export function resultsCsv(results: readonly PointResult[]): string {
  const rows = [...results].sort((a, b) => a.index - b.index).map((r) => CSV_COLUMNS.map((c) => cell(
    c === 'input' ? r.spec?.input : c === 'output' ? r.spec?.output : (r as unknown as Record<string, unknown>)[c],
  )).join(','));
  return `${CSV_COLUMNS.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

/** The aggregates: one row per group, series, x and split, with mean, std, min, max over the seeds. */
export function summaryCsv(sum: SweepSummary): string {
  const head = ['group', 'series', 'x', 'intBits', 'input', 'output', 'n', 'seeds', 'mean', 'std', 'min', 'max', 'bestSplit'];
  const rows: unknown[][] = [];
  for (const [k, v] of Object.entries(sum.baselineStats)) rows.push(['baseline', k, '', '', '', '', v.n, v.seeds.join(' '), v.testAccuracy, v.std, v.min, v.max, '']);
  for (const [group, g] of [['bits', sum.bitsSplits], ['table', sum.table], ['steps', sum.steps]] as const) {
    for (const [series, pts] of Object.entries(g)) {
      for (const p of pts) {
        const best = group === 'bits' ? sum.bits[series]?.find((b) => b.x === p.x) === p : '';
        rows.push([group, series, p.x, p.intBits, p.input, p.output, p.n, p.seeds.join(' '), p.testAccuracy, p.std, p.min, p.max, best]);
      }
    }
  }
  return `${head.join(',')}\n${rows.map((r) => `${r.map(cell).join(',')}\n`).join('')}`;
}

const pct = (v: number) => (100 * v).toFixed(2);
const pm = (st: PointStats) => `${pct(st.testAccuracy)} ± ${(100 * st.std).toFixed(2)} (n=${st.n})`;

/** report.md: settings, the answer per series, baselines, and the bits table (every split, best marked). */
export function summaryMarkdown(sum: SweepSummary): string {
  const s = sum.settings;
  const L: string[] = [
    '# Sweep report', '',
    `${s.net} net${isRecurrent(s.net) ? ` (hidden ${s.hidden ?? 128})` : ''}, ${s.epochs} epoch(s), ${s.trainSize} training / ${s.testSize} test images, batch ${s.batchSize}, gradient rule ${s.grad}, seeds ${s.seeds.join(', ')}. Accuracies in %: mean ± sample standard deviation over the seeds.`, '',
    '## Answer', '',
  ];
  const answers = Object.values(sum.answer);
  if (!answers.length) L.push('No bits group with a float baseline in this sweep.');
  for (const a of answers) {
    L.push(a.width === null || !a.best
      ? `- ${a.series}: no width of this sweep stays within ${a.tolerancePoints} points of ${a.baseline} (${pct(a.baselineAccuracy)} %).`
      : `- ${a.series}: smallest width within ${a.tolerancePoints} points of ${a.baseline} (${pct(a.baselineAccuracy)} %): **${a.width} bits**, input ${a.best.input ?? '?'} (${a.best.intBits === undefined ? 'the range rule\'s split' : `${a.best.intBits} integer bit${a.best.intBits === 1 ? '' : 's'}`}), ${pm(a.best)}, ${a.deltaPoints! >= 0 ? '+' : ''}${a.deltaPoints!.toFixed(2)} points, seeds ${a.best.seeds.join(', ')}.`);
  }
  L.push('', '## Baselines (float)', '', '| series | accuracy |', '|---|---|');
  for (const [k, v] of Object.entries(sum.baselineStats)) L.push(`| ${k} | ${pm(v)} |`);
  for (const [series, rows] of Object.entries(sum.bitsSplits)) {
    L.push('', `## Bits: ${series}`, '', '| width | input | output | accuracy | min | max | best split |', '|---|---|---|---|---|---|---|');
    for (const r of rows) L.push(`| ${r.x} | ${r.input ?? ''} | ${r.output ?? ''}${r.gateOutput ? ` (gate ${r.gateOutput})` : ''} | ${pm(r)} | ${pct(r.min)} | ${pct(r.max)} | ${sum.bits[series]?.find((b) => b.x === r.x) === r ? 'yes' : ''} |`);
  }
  for (const [group, g, what] of [['table', sum.table, 'tableAddressBits'], ['steps', sum.steps, 'steps']] as const) {
    for (const [series, rows] of Object.entries(g)) {
      L.push('', `## ${group}: ${series}`, '', `| ${what} | accuracy |`, '|---|---|');
      for (const r of rows) L.push(`| ${r.x} | ${pm(r)} |`);
    }
  }
  return `${L.join('\n')}\n`;
}

/** Chart specs: best split per width with error bars (mean ± std), every split, table bits, steps; flat float baselines. */
export function sweepCharts(s: SweepSettings, results: readonly PointResult[]): { name: string; chart: ChartSpec }[] {
  const sum = summarize(s, results);
  const charts: { name: string; chart: ChartSpec }[] = [];
  const P = (v: number) => 100 * v;
  const nSeeds = s.seeds.length;
  const withBars = (lbl: string, pts: SplitStats[]): ChartSeries => ({
    label: lbl, points: pts.map((p) => ({ x: p.x, y: P(p.testAccuracy) })),
    ...(nSeeds > 1 ? { errorBars: pts.map((p) => ({ x: p.x, lo: P(p.testAccuracy - p.std), hi: P(p.testAccuracy + p.std) })) } : {}),
  });
  const flat = (xs: number[]) => Object.entries(sum.baselines).map(([a, y]) => ({
    label: `${a === 'relu' ? 'ReLU' : a} (float)`, dashed: true, points: [{ x: Math.min(...xs), y: P(y) }, { x: Math.max(...xs), y: P(y) }],
  }));
  const sub = `${s.net}, ${s.epochs} ep, ${s.trainSize} img, ${nSeeds} seed${nSeeds > 1 ? 's, mean ± sd' : ''}`;
  const add = (name: string, title: string, xLabel: string, series: ChartSeries[]) => {
    const xs = series.flatMap((l) => l.points.map((p) => p.x));
    if (!xs.length) return;
    const all: ChartSeries[] = [...series, ...flat(xs)];
    const lows = all.flatMap((l) => [...l.points.map((p) => p.y), ...(l.errorBars ?? []).map((b) => b.lo)]).filter(Number.isFinite);
    const highs = all.flatMap((l) => [...l.points.map((p) => p.y), ...(l.errorBars ?? []).map((b) => b.hi)]).filter(Number.isFinite);
    const yMin = Math.max(0, Math.floor(Math.min(...lows) - 0.5));
    const yMax = Math.min(100, Math.ceil(Math.max(...highs) + 0.5));
    charts.push({ name, chart: { title: `${title} (${sub})`, xLabel, yLabel: 'test accuracy (%)', series: all, kind: 'line', ...(yMin < yMax ? { yMin, yMax } : {}) } });
  };
  const multiSplit = Object.values(sum.bitsSplits).some((rows) => rows.some((r) => rows.some((q) => q.x === r.x && q !== r)));
  add('accuracy-vs-bits.png', `Accuracy vs bit width${multiSplit ? ', best split' : ''}`, 'input and output width (bits)',
    Object.entries(sum.bits).map(([a, pts]) => withBars(`${a} (bit-exact)`, pts)));
  if (multiSplit) {
    const series: ChartSeries[] = [];
    for (const [a, rows] of Object.entries(sum.bitsSplits)) {
      const splits = [...new Set(rows.map((r) => r.intBits ?? -1))].sort((p, q) => p - q);
      for (const i of splits) series.push({ label: `${a} ${i}.f`, points: rows.filter((r) => (r.intBits ?? -1) === i).map((r) => ({ x: r.x, y: P(r.testAccuracy) })) });
    }
    add('accuracy-vs-bits-splits.png', 'Accuracy per split (sQi.f)', 'input and output width (bits)', series);
  }
  add('accuracy-vs-table-bits.png', `Accuracy vs table bits (${CUSTOM_FORMAT}, 1 step)`, 'tableAddressBits',
    Object.entries(sum.table).map(([a, pts]) => withBars(`${a} (bit-exact)`, pts)));
  add('accuracy-vs-steps.png', `Accuracy vs NR steps (${CUSTOM_FORMAT}, ${STEPS_TABLE_BITS}-bit table)`, 'steps',
    Object.entries(sum.steps).map(([a, pts]) => withBars(`${a} (bit-exact)`, pts)));
  return charts;
}

/** Writes results.json, results.csv, summary.csv, report.md and the PNG charts into `dir` (each atomically). */
export async function writeSummary(dir: string, s: SweepSettings, results: readonly PointResult[], force: boolean): Promise<string[]> {
  const sum = summarize(s, results);
  const files: Record<string, string | Uint8Array> = {
    'results.json': `${JSON.stringify(sum, null, 2)}\n`,
    'results.csv': resultsCsv(results),
    'summary.csv': summaryCsv(sum),
    'report.md': summaryMarkdown(sum),
  };
  for (const c of sweepCharts(s, results)) files[c.name] = await renderChartPng(c.chart);
  writeOutputDir(dir, files, force);
  return Object.keys(files).sort();
}
