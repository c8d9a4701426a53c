// "-" for standard input and output wherever a file is read or written, and devices such as
// /dev/stdout written in place (issue 12, item 5); real files stay atomic.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.js';

async function cli(stdin: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; }, stdin: () => stdin });
  return { code, stdout, stderr };
}

const Q8 = JSON.stringify({ name: 'q8', function: 'isru', alpha: 1, input: 'sQ2.5', output: 'sQ0.7' });

describe('pipes', () => {
  it('isrlu spec - reads the spec from standard input; flags still override it', async () => {
    const r = await cli(Q8, 'spec', '-', '--alpha', '2', '--json');
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect([j.name, j.input, j.alpha]).toEqual(['q8', 'sQ2.5', 2]);
    const bad = await cli('{"function": ', 'spec', '-');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^isrlu: error: spec: "-" is not valid JSON: /);
  });

  it('isrlu eval --in - --out - reads codes from standard input and writes only the codes', async () => {
    const d = mkdtempSync(join(tmpdir(), 'isrlu-pipes-'));
    writeFileSync(join(d, 'in.hex'), '00\n01\nff\n80\n7f\n');
    writeFileSync(join(d, 'spec.json'), Q8);
    const file = await cli('', 'eval', join(d, 'spec.json'), '--in', join(d, 'in.hex'), '--out', join(d, 'out.hex'));
    expect(file.code).toBe(0);
    const piped = await cli('00\n01\nff\n80\n7f\n', 'eval', join(d, 'spec.json'), '--in', '-', '--out', '-');
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(readFileSync(join(d, 'out.hex'), 'utf8'));
    const bad = await cli('zz\n', 'eval', join(d, 'spec.json'), '--in', '-', '--out', '-');
    expect(bad.stderr).toBe('isrlu: error: standard input: line 1: "zz" is not a hex code of at most 2 digits\n');
    expect(bad.stdout).toBe('');
  });

  it('report --out - and sim --vcd - write to standard output; report to a file stays atomic', async () => {
    const rep = await cli('', 'report', '--input', 'sQ1.2', '--output', 'sQ1.2', '--no-pareto', '--out', '-');
    expect(rep.stdout).toMatch(/^# isrlu-codesign report: /);
    const vcd = await cli('', 'sim', '--input', 'sQ1.2', '--output', 'sQ1.2', '--vcd', '-', '--items', '20');
    expect(vcd.stdout).toMatch(/^\$date|^\$version|^\$timescale/);
    expect(vcd.stderr).toMatch(/^isrlu_s1_2: 20 items, /);
    expect(vcd.stderr).not.toContain('wrote');
    const d = mkdtempSync(join(tmpdir(), 'isrlu-pipes-'));
    const f = await cli('', 'report', '--input', 'sQ1.2', '--output', 'sQ1.2', '--no-pareto', '--out', join(d, 'r.md'));
    expect(f.stdout).toBe(`wrote ${join(d, 'r.md')}\n`);
    expect(readdirSync(d)).toEqual(['r.md']);
  });

  it('a real process: --out /dev/stdout is written in place, not replaced by a rename', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'export', '--input', 'sQ1.2', '--output', 'sQ1.2', '--lang', 'c', '--out', '/dev/stdout'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('int32_t isrlu_s1_2(int32_t x) {');
    expect(r.stdout).not.toContain('wrote ');
    expect(existsSync('/dev/stdout')).toBe(true);
  }, 60_000);

  it.each(['gen', 'run', 'synth'])('%s --out - is refused: a folder of files cannot go to standard output', async (cmd) => {
    const r = await cli('', cmd, '--out', '-');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('isrlu: error: out: this command writes a folder of files; "-" (standard output) cannot hold them: name a folder\n');
  });
});
