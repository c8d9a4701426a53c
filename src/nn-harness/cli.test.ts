// `isrlu train` and `isrlu sweep` through runCli: bad options end in one line and exit 2; --check
// prints the verdict as JSON and exits 1 when the bit-exact net loses more than the tolerance.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main.js';
import { parseIntList } from './cli.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'isrlu-nncli-'));

describe('isrlu train / sweep options', () => {
  const d = tmp();
  const spec = join(d, 'spec.json');
  writeFileSync(spec, JSON.stringify({ function: 'isrlu', input: 'sQ1.1' }));
  for (const [args, msg] of [
    [['train', '--net', 'big'], 'isrlu: error: net: must be one of small, paper, lstm, gru, got "big"'],
    [['train', '--epochs', '0'], 'isrlu: error: epochs: must be an integer from 1 to 1000, got 0'],
    [['train', '--activation', 'swish'], 'isrlu: error: activation: must be one of relu, elu, tanh, isrlu, isru, sigmoid, isru-gate, isrlu-q, isru-q, isru-gate-q, got "swish"'],
    [['train', '--spec', spec, '--activation', 'relu'], 'isrlu: error: activation: "relu" is a float activation; --spec and spec flags describe a bit-exact one (use isrlu-q)'],
    [['train', '--train-size', '70000'], 'isrlu: error: train-size: must be an integer from 1 to 60000, got 70000'],
    [['train', '--activation', 'isrlu-q', '--input', 'sQ9.12'], 'isrlu: error: input: the bit-exact activation tabulates every input code and takes inputs up to 20 bits, got 22-bit "sQ9.12"'],
    [['train', '--activation', 'isrlu-q', '--grad', 'hardware'], 'isrlu: error: grad: "hardware" needs a spec with derivative: true'],
    [['sweep', '--widths', '2-30'], 'isrlu: error: widths: must be integers from 3 to 20 like "4-16" or "4,8,12", got "2-30"'],
    [['sweep', '--groups', 'bits,colour'], 'isrlu: error: groups: must be one of baseline, bits, table, steps, got "colour"'],
    [['train', '--net', 'lstm', '--activation', 'relu'], 'isrlu: error: activation: must be one of tanh, isru, isru-q, got "relu"'],
    [['train', '--net', 'small', '--gate', 'sigmoid'], 'isrlu: error: gate: the small net has no gates (--gate and --gate-spec are for lstm and gru)'],
    [['train', '--net', 'gru', '--gate', 'relu'], 'isrlu: error: gate: must be one of sigmoid, isru-gate, isru-gate-q, got "relu"'],
    [['train', '--net', 'gru', '--gate-spec', spec], 'isrlu: error: gate-spec: the gate core is function "isru-gate", got "isrlu"'],
    [['train', '--grad', 'straight'], 'isrlu: error: grad: must be one of clipped, float, hardware, got "straight"'],
    [['sweep', '--net', 'lstm', '--groups', 'bits,steps'], 'isrlu: error: groups: lstm sweeps baseline and bits (table and steps are for the CNNs)'],
    [['sweep', '--net', 'gru', '--functions', 'isrlu'], 'isrlu: error: functions: gru uses the tanh-like core, isru (with the isru-gate core)'],
    [['sweep', '--widths', '4', '--int-bits', '5'], 'isrlu: error: int-bits: no split of 5 integer bits fits the widths 4'],
    [['sweep', '--shard', '2/2'], 'isrlu: error: shard: must be i/n with 0 <= i < n (e.g. 0/4), got "2/2"'],
  ] as const) {
    it(args.join(' '), async () => {
      const a: readonly string[] = args;
      const r = await cli(...a, ...(a.includes('--train-size') ? [] : ['--train-size', '100']), '--test-size', '100');
      expect(r.stderr).toBe(`${msg}\n`);
      expect(r.code).toBe(2);
    });
  }
  it('parses integer lists', () => {
    expect(parseIntList('w', '4-6,9,5', 1, 16)).toEqual([4, 5, 6, 9]);
  });
});

describe('isrlu train --check and sweep end to end (tiny subsets)', () => {
  it('--check: JSON verdict; exit 1 when a 3-bit activation loses more than 0 points, 0 within a wide tolerance', async () => {
    const d = tmp();
    const spec = join(d, 'spec.json');
    writeFileSync(spec, JSON.stringify({ function: 'isrlu', input: 'sQ1.1' }));
    const base = ['train', '--check', '--spec', spec, '--train-size', '1000', '--test-size', '500', '--epochs', '1', '--seed', '7'];
    const fail = await cli(...base, '--tolerance', '0');
    const v = JSON.parse(fail.stdout);
    expect(v.float.testAccuracy).toBeGreaterThan(0.5);
    expect(v.quantized.testAccuracy).toBeLessThan(v.float.testAccuracy);
    expect(v.pass).toBe(false);
    expect(fail.code).toBe(1);
    const ok = await cli(...base, '--tolerance', '100', '--json');
    expect(JSON.parse(ok.stdout)).toMatchObject({ pass: true, float: { testAccuracy: v.float.testAccuracy }, quantized: { testAccuracy: v.quantized.testAccuracy } });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(''); // --json: no progress lines
    expect(fail.stderr).toMatch(/^\[float\] epoch 1\/1: train loss/m); // not a TTY: one line per epoch
  });

  it('train --net lstm --check with 8-bit cores (hidden 8, 128 images): JSON verdict names both cores', async () => {
    const r = await cli('train', '--net', 'lstm', '--hidden', '8', '--check', '--input', 'sQ3.4', '--output', 'sQ0.7', '--train-size', '128', '--test-size', '64', '--epochs', '1', '--tolerance', '100', '--json');
    expect(r.stderr).toBe('');
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ net: 'lstm', pass: true, spec: { function: 'isru', input: 'sQ3.4' }, gateSpec: { function: 'isru-gate', input: 'sQ3.4', output: 'uQ0.8' }, float: { activation: 'isru' }, quantized: { activation: 'isru-q' } });
    expect(r.code).toBe(0);
  });

  it('sweep --net gru --shard: baselines and the bits point of a tiny sweep, split over two shards', async () => {
    const d = tmp();
    const args = ['--net', 'gru', '--hidden', '8', '--train-size', '128', '--test-size', '64', '--seeds', '1', '--widths', '8', '--int-bits', '3', '--json'];
    const s0 = JSON.parse((await cli('sweep', '--out', join(d, 'a'), '--shard', '0/2', ...args)).stdout);
    const s1 = JSON.parse((await cli('sweep', '--out', join(d, 'b'), '--shard', '1/2', ...args)).stdout);
    expect([s0.total, s1.total]).toEqual([2, 1]);
    const m = await cli('sweep', 'merge', join(d, 'a'), join(d, 'b'), '--out', join(d, 'm'), '--json');
    expect(JSON.parse(m.stdout)).toMatchObject({ points: 3, conflicts: [] });
    expect(existsSync(join(d, 'm', 'report.md'))).toBe(true);
  });

  it('train --profile writes profile.json and the histogram chart; refused with --check', async () => {
    const d = tmp();
    const r = await cli('train', '--profile', join(d, 'p'), '--train-size', '64', '--test-size', '32', '--epochs', '1', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/conv1: \|x\| 99\.9 % within .* integer bits/);
    expect(JSON.parse(readFileSync(join(d, 'p', 'profile.json'), 'utf8')).layers.map((l: { layer: string }) => l.layer)).toEqual(['conv1', 'conv2', 'dense1']);
    expect(readFileSync(join(d, 'p', 'preactivations.png')).subarray(1, 4).toString()).toBe('PNG');
    const bad = await cli('train', '--check', '--profile', join(d, 'q'), '--train-size', '64', '--test-size', '32');
    expect(bad.stderr).toBe('isrlu: error: profile: profile a single run (leave out --check)\n');
  });

  it('sweep writes its files; sweep merge combines folders', async () => {
    const d = tmp();
    const r = await cli('sweep', '--out', join(d, 's'), '--train-size', '200', '--test-size', '200', '--groups', 'baseline', '--functions', 'isru', '--seeds', '5', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.total).toBe(2);
    expect(Object.keys(j.baselines).sort()).toEqual(['isru', 'relu']);
    expect(existsSync(join(d, 's', 'accuracy-vs-bits.png'))).toBe(false); // no bits group, no chart
    const m = await cli('sweep', 'merge', join(d, 's'), '--out', join(d, 'm'), '--json');
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ points: 2, duplicates: 0, conflicts: [] });
  });
});
