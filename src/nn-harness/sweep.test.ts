// Sweeps: a deterministic point list; an interrupted sweep (stopped after k points, or with its last
// line cut mid-write) resumes without losing or repeating a point; shards + merge give the same
// point set and numbers as the unsharded run. Tiny subsets of MNIST keep this short.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, truncateSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnist, type Mnist } from './idx.js';
import {
  DEFAULT_SWEEP, mergeSweeps, parseShard, readResults, runSweep, sweepPoints, bitFormats, summarize, summaryCsv, summaryMarkdown, sweepCharts,
  type PointResult, type SweepSettings,
} from './sweep.js';

const SEEDS = [3];
const SETTINGS: SweepSettings = {
  ...DEFAULT_SWEEP, epochs: 1, trainSize: 300, testSize: 300, seeds: SEEDS,
  groups: ['baseline', 'bits', 'steps'], functions: ['isrlu'], widths: [4], intBits: [1, 2], steps: [0, 1],
};
const tmp = () => mkdtempSync(join(tmpdir(), 'isrlu-sweep-'));
const numbers = (rs: readonly PointResult[]) => Object.fromEntries(rs.map((r) => [r.key, [r.index, r.testAccuracy, r.testLoss, r.error]]));

describe('sweep point list', () => {
  it('is deterministic, with unique keys, in seed/group/function/x order', () => {
    const a = sweepPoints(DEFAULT_SWEEP);
    expect(sweepPoints(DEFAULT_SWEEP)).toEqual(a);
    expect(new Set(a.map((p) => p.key)).size).toBe(a.length);
    // 3 seeds x (3 baselines + 2 functions x (splits 1-3 at 4 bits, 1-4 at 5-16 bits: 3 + 12 x 4; 7 table sizes; 4 step counts))
    expect(a.length).toBe(3 * (3 + 2 * (3 + 12 * 4 + 7 + 4)));
    expect(a.slice(0, 5).map((p) => p.key)).toEqual(['baseline/relu/seed1', 'baseline/isrlu/seed1', 'baseline/isru/seed1', 'bits/isrlu-q/w4/i1/seed1', 'bits/isrlu-q/w4/i2/seed1']);
    expect(a[4]!.spec).toMatchObject({ input: 'sQ2.1', output: 'sQ2.1' });
    expect(a.map((p) => p.index)).toEqual(a.map((_, i) => i));
    // without splits, one point per width by the range rule (the keys of the single-split sweep)
    const rule = sweepPoints({ ...DEFAULT_SWEEP, seeds: [1], intBits: [] });
    expect(rule.length).toBe(3 + 2 * (13 + 7 + 4));
    expect(rule[3]!.key).toBe('bits/isrlu-q/w4/seed1');
  });
  it('lstm/gru: tanh+sigmoid and isru+isru-gate baselines; both bit-exact cores per width and split; no table or steps', () => {
    const p = sweepPoints({ ...DEFAULT_SWEEP, net: 'lstm', seeds: [2], functions: ['isru'], widths: [8], intBits: [2, 3] });
    expect(p.map((q) => q.key)).toEqual(['baseline/tanh+sigmoid/seed2', 'baseline/isru+isru-gate/seed2', 'bits/isru-q+isru-gate-q/w8/i2/seed2', 'bits/isru-q+isru-gate-q/w8/i3/seed2']);
    expect(p[3]).toMatchObject({ spec: { function: 'isru', input: 'sQ3.4', output: 'sQ0.7' }, gate: 'isru-gate-q', gateSpec: { function: 'isru-gate', input: 'sQ3.4', output: 'uQ0.8' } });
  });
  it('chooses formats for the range: sQ1.2 at 4 bits, sQ3.12 at 16; ISRU output sQ0.(w-1) for alpha 1', () => {
    expect(bitFormats('isrlu', 4, 1)).toEqual({ input: 'sQ1.2', output: 'sQ1.2' });
    expect(bitFormats('isrlu', 16, 1)).toEqual({ input: 'sQ3.12', output: 'sQ3.12' });
    expect(bitFormats('isru', 8, 1)).toEqual({ input: 'sQ2.5', output: 'sQ0.7' });
    expect(bitFormats('isru', 8, 0.25)).toEqual({ input: 'sQ2.5', output: 'sQ1.6' });
    expect(bitFormats('isrlu', 5, 1, 2)).toEqual({ input: 'sQ2.2', output: 'sQ2.2' });
    expect(bitFormats('isru-gate', 8, 1, 3)).toEqual({ input: 'sQ3.4', output: 'uQ0.8' });
    expect(() => bitFormats('isrlu', 4, 1, 4)).toThrow(/do not fit/);
  });
  it('parses --shard i/n and refuses bad ones', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/shard: must be i\/n/);
    expect(() => parseShard('x')).toThrow(/shard/);
  });
});

describe('sweep summary: stats over seeds, best split, answer', () => {
  const S: SweepSettings = { ...DEFAULT_SWEEP, seeds: [1, 2, 3], groups: ['baseline', 'bits'], functions: ['isrlu'], widths: [4, 5], intBits: [1, 2] };
  const acc: Record<string, number[]> = {
    // per key without seed: accuracies of seeds 1, 2, 3
    'baseline/relu': [0.98, 0.981, 0.982], 'baseline/isrlu': [0.985, 0.986, 0.987],
    'bits/isrlu-q/w4/i1': [0.93, 0.86, 0.93], 'bits/isrlu-q/w4/i2': [0.975, 0.976, 0.977],
    'bits/isrlu-q/w5/i1': [0.94, 0.95, 0.96], 'bits/isrlu-q/w5/i2': [0.983, 0.984, 0.985],
  };
  const results: PointResult[] = sweepPoints(S).map((p) => ({ ...p, settings: 'x', testAccuracy: acc[p.key.replace(/\/seed\d+$/, '')]![p.seed - 1]! }));
  const sum = summarize(S, results);
  it('mean, sample sd, min, max per split; the best split per width; the smallest width within 0.3 points', () => {
    const w4i1 = sum.bitsSplits['isrlu-q']!.find((r) => r.x === 4 && r.intBits === 1)!;
    expect(w4i1.testAccuracy).toBeCloseTo((0.93 + 0.86 + 0.93) / 3, 12);
    expect(w4i1.std).toBeCloseTo(Math.sqrt(((0.93 - w4i1.testAccuracy) ** 2 * 2 + (0.86 - w4i1.testAccuracy) ** 2) / 2), 12);
    expect([w4i1.min, w4i1.max, w4i1.n, w4i1.seeds]).toEqual([0.86, 0.93, 3, [1, 2, 3]]);
    expect(sum.bits['isrlu-q']!.map((r) => [r.x, r.intBits, r.input])).toEqual([[4, 2, 'sQ2.1'], [5, 2, 'sQ2.2']]);
    expect(sum.baselines.isrlu).toBeCloseTo(0.986, 12);
    // 4 bits: 97.6 is 1.0 below 98.6; 5 bits: 98.4 is 0.2 below: the answer is 5 bits, split 2
    expect(sum.answer['isrlu-q']).toMatchObject({ baseline: 'isrlu', width: 5, best: { intBits: 2, input: 'sQ2.2' } });
    expect(sum.answer['isrlu-q']!.deltaPoints).toBeCloseTo(-0.2, 9);
  });
  it('summary.csv, report.md and charts with error bars carry the same numbers', () => {
    const csv = summaryCsv(sum).trim().split('\n');
    expect(csv[0]).toBe('group,series,x,intBits,input,output,n,seeds,mean,std,min,max,bestSplit');
    expect(csv.filter((l) => l.startsWith('bits,')).length).toBe(4);
    expect(csv.find((l) => l.startsWith('bits,isrlu-q,5,2,'))!.endsWith(',true')).toBe(true);
    const md = summaryMarkdown(sum);
    expect(md).toContain('**5 bits**, input sQ2.2 (2 integer bits), 98.40 ± 0.10 (n=3)');
    const charts = sweepCharts(S, results);
    expect(charts.map((c) => c.name)).toEqual(['accuracy-vs-bits.png', 'accuracy-vs-bits-splits.png']);
    const bars = charts[0]!.chart.series[0]!.errorBars!;
    expect(bars.map((b) => b.x)).toEqual([4, 5]);
    expect(bars[1]!.hi - bars[1]!.lo).toBeCloseTo(0.2, 9);
  });
});

describe(`sweep runs (seeds ${SEEDS.join(',')}, ${SETTINGS.trainSize} images)`, () => {
  let data: Mnist;
  let whole: PointResult[];
  let wholeDir: string;
  beforeAll(async () => {
    data = loadMnist({ trainSize: SETTINGS.trainSize, testSize: SETTINGS.testSize });
    wholeDir = tmp();
    const r = await runSweep({ outDir: wholeDir, settings: SETTINGS, data });
    expect(r.complete).toBe(true);
    whole = r.results;
  });

  it('writes results.jsonl, JSON, CSV and PNG charts; every point learned', () => {
    expect(whole.length).toBe(sweepPoints(SETTINGS).length);
    for (const f of ['results.jsonl', 'results.json', 'results.csv', 'summary.csv', 'report.md', 'accuracy-vs-bits.png', 'accuracy-vs-bits-splits.png', 'accuracy-vs-steps.png', 'sweep.json']) {
      expect(existsSync(join(wholeDir, f)), f).toBe(true);
    }
    expect(readFileSync(join(wholeDir, 'accuracy-vs-bits.png')).subarray(1, 4).toString()).toBe('PNG');
    const csv = readFileSync(join(wholeDir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(whole.length + 1);
    // Every point trained (an error would be a failed point) and learned something.
    for (const r of whole) {
      expect(r.error, r.key).toBeUndefined();
      expect(r.testAccuracy, r.key).toBeGreaterThan(0.2);
    }
    const json = JSON.parse(readFileSync(join(wholeDir, 'results.json'), 'utf8'));
    expect(Object.keys(json.baselines).sort()).toEqual(['isrlu', 'relu']);
  });

  it('resumes after a stop after k points and after a last line cut mid-write: nothing lost, nothing repeated', async () => {
    const dir = tmp();
    const first = await runSweep({ outDir: dir, settings: SETTINGS, data, maxPoints: 3 });
    expect(first.ran).toBe(3);
    expect(first.complete).toBe(false);
    const file = join(dir, 'results.jsonl');
    // Cut the third line in half, as a crash during the write would.
    const lines = readFileSync(file, 'utf8').split('\n');
    const keep = lines[0]!.length + lines[1]!.length + 2 + Math.floor(lines[2]!.length / 2);
    truncateSync(file, keep);
    expect(statSync(file).size).toBe(keep);
    expect(readResults(file)).toMatchObject({ truncated: true });
    const second = await runSweep({ outDir: dir, settings: SETTINGS, data });
    expect(second.resumed).toBe(2);
    expect(second.ran).toBe(whole.length - 2);
    expect(second.complete).toBe(true);
    const onDisk = readResults(file);
    expect(onDisk.truncated).toBe(false);
    expect(onDisk.results.map((r) => r.key)).toEqual(whole.map((r) => r.key)); // each once, in order
    expect(numbers(onDisk.results)).toEqual(numbers(whole)); // same seed, same numbers
    // A third run has nothing left to do.
    expect((await runSweep({ outDir: dir, settings: SETTINGS, data })).ran).toBe(0);
  });

  it('shards 0/2 and 1/2 merged equal the unsharded run; duplicates dropped, conflicts reported', async () => {
    const base = tmp();
    const a = join(base, 'a');
    const b = join(base, 'b');
    const r0 = await runSweep({ outDir: a, settings: SETTINGS, data, shard: { index: 0, count: 2 } });
    const r1 = await runSweep({ outDir: b, settings: SETTINGS, data, shard: { index: 1, count: 2 } });
    expect(r0.results.every((r) => r.index % 2 === 0)).toBe(true);
    expect(r1.results.every((r) => r.index % 2 === 1)).toBe(true);
    expect(r0.files).toEqual([]); // a shard writes no summary
    const m = await mergeSweeps([a, b, wholeDir], join(base, 'merged'), false);
    expect(m.points).toBe(whole.length);
    expect(m.duplicates).toBe(whole.length);
    expect(m.conflicts).toEqual([]);
    expect(numbers(readResults(join(base, 'merged', 'results.jsonl')).results)).toEqual(numbers(whole));
    // A point with other numbers is a conflict.
    const c = join(base, 'c');
    mkdirSync(c);
    const other = { ...whole[0]!, testAccuracy: 0.01 };
    writeFileSync(join(c, 'results.jsonl'), `${JSON.stringify(other)}\n`);
    const m2 = await mergeSweeps([wholeDir, c], join(base, 'merged2'), false);
    expect(m2.conflicts).toEqual([{ key: whole[0]!.key, files: [join(wholeDir, 'results.jsonl'), join(c, 'results.jsonl')] }]);
  });

  it('refuses a folder with foreign files, and results made with other settings', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(runSweep({ outDir: dir, settings: SETTINGS, data, maxPoints: 0 })).rejects.toThrow(/did not write/);
    await expect(runSweep({ outDir: wholeDir, settings: { ...SETTINGS, epochs: 2 }, data, maxPoints: 0 })).rejects.toThrow(/other settings/);
  });
});
