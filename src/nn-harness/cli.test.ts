// `isrlu train` and `isrlu sweep` through runCli: bad options end in one line and exit 2; --check
// prints the verdict as JSON and exits 1 when the bit-exact net loses more than the tolerance.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    [['train', '--net', 'big'], 'isrlu: error: net: must be one of small, paper, got "big"'],
    [['train', '--epochs', '0'], 'isrlu: error: epochs: must be an integer from 1 to 1000, got 0'],
    [['train', '--activation', 'swish'], 'isrlu: error: activation: must be one of relu, elu, tanh, isrlu, isru, isrlu-q, isru-q, got "swish"'],
    [['train', '--spec', spec, '--activation', 'relu'], 'isrlu: error: activation: "relu" is a float activation; --spec and spec flags describe a bit-exact one (use isrlu-q)'],
    [['train', '--train-size', '70000'], 'isrlu: error: train-size: must be an integer from 1 to 60000, got 70000'],
    [['train', '--activation', 'isrlu-q', '--input', 'sQ9.12'], 'isrlu: error: input: the bit-exact activation tabulates every input code and takes inputs up to 20 bits, got 22-bit "sQ9.12"'],
    [['train', '--activation', 'isrlu-q', '--grad', 'hardware'], 'isrlu: error: grad: "hardware" needs a spec with derivative: true'],
    [['sweep', '--widths', '2-30'], 'isrlu: error: widths: must be integers from 3 to 20 like "4-16" or "4,8,12", got "2-30"'],
    [['sweep', '--groups', 'bits,colour'], 'isrlu: error: groups: must be one of baseline, bits, table, steps, got "colour"'],
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
