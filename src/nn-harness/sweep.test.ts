// Sweeps: a deterministic point list; an interrupted sweep (stopped after k points, or with its last
// line cut mid-write) resumes without losing or repeating a point; shards + merge give the same
// point set and numbers as the unsharded run. Tiny subsets of MNIST keep this short.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, truncateSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnist, type Mnist } from './idx.js';
import {
  DEFAULT_SWEEP, mergeSweeps, parseShard, readResults, runSweep, sweepPoints, bitFormats, type PointResult, type SweepSettings,
} from './sweep.js';

const SEEDS = [3];
const SETTINGS: SweepSettings = {
  ...DEFAULT_SWEEP, epochs: 1, trainSize: 300, testSize: 300, seeds: SEEDS,
  groups: ['baseline', 'bits', 'steps'], functions: ['isrlu'], widths: [4], steps: [0, 1],
};
const tmp = () => mkdtempSync(join(tmpdir(), 'isrlu-sweep-'));
const numbers = (rs: readonly PointResult[]) => Object.fromEntries(rs.map((r) => [r.key, [r.index, r.testAccuracy, r.testLoss, r.error]]));

describe('sweep point list', () => {
  it('is deterministic, with unique keys, in seed/group/function/x order', () => {
    const a = sweepPoints(DEFAULT_SWEEP);
    expect(sweepPoints(DEFAULT_SWEEP)).toEqual(a);
    expect(new Set(a.map((p) => p.key)).size).toBe(a.length);
    // 3 baselines + 2 functions x (13 widths + 7 table sizes + 4 step counts)
    expect(a.length).toBe(3 + 2 * (13 + 7 + 4));
    expect(a.slice(0, 4).map((p) => p.key)).toEqual(['baseline/relu/seed1', 'baseline/isrlu/seed1', 'baseline/isru/seed1', 'bits/isrlu-q/w4/seed1']);
    expect(a.map((p) => p.index)).toEqual(a.map((_, i) => i));
  });
  it('chooses formats for the range: sQ1.2 at 4 bits, sQ3.12 at 16; ISRU output sQ0.(w-1) for alpha 1', () => {
    expect(bitFormats('isrlu', 4, 1)).toEqual({ input: 'sQ1.2', output: 'sQ1.2' });
    expect(bitFormats('isrlu', 16, 1)).toEqual({ input: 'sQ3.12', output: 'sQ3.12' });
    expect(bitFormats('isru', 8, 1)).toEqual({ input: 'sQ2.5', output: 'sQ0.7' });
    expect(bitFormats('isru', 8, 0.25)).toEqual({ input: 'sQ2.5', output: 'sQ1.6' });
  });
  it('parses --shard i/n and refuses bad ones', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/shard: must be i\/n/);
    expect(() => parseShard('x')).toThrow(/shard/);
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

  it('writes results.jsonl, JSON, CSV and PNG charts; every point learned or says why not', () => {
    expect(whole.length).toBe(sweepPoints(SETTINGS).length);
    for (const f of ['results.jsonl', 'results.json', 'results.csv', 'accuracy-vs-bits.png', 'accuracy-vs-steps.png', 'sweep.json']) {
      expect(existsSync(join(wholeDir, f)), f).toBe(true);
    }
    expect(readFileSync(join(wholeDir, 'accuracy-vs-bits.png')).subarray(1, 4).toString()).toBe('PNG');
    const csv = readFileSync(join(wholeDir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(whole.length + 1);
    for (const r of whole) expect(r.error ?? r.testAccuracy! > 0.2, r.key).toBeTruthy();
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
