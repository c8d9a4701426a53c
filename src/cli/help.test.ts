// Help and mistakes (issue 12, item 6): each command's own options before the spec flags, two or
// three examples per command, and "did you mean" for a mistyped command or flag.
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

const OWN: Record<string, string> = {
  run: '--train ', eval: '--in', gen: '--out', synth: '--target', sim: '--vcd', report: '--format',
  error: '--samples', elaborate: '--json', spec: '--json', export: '--lang', train: '--activation',
};

describe('isrlu COMMAND --help', () => {
  it.each(Object.entries(OWN))('%s: own options (%s) first, spec fields after, then examples', async (cmd, own) => {
    const r = await cli(cmd, '--help');
    expect(r.code).toBe(0);
    const text = r.stdout;
    const options = text.indexOf('\nOptions:\n');
    const spec = text.search(/\nSpec fields[^\n]*:\n/);
    const examples = text.indexOf('\nExamples:\n');
    expect(options).toBeGreaterThan(0);
    expect(spec).toBeGreaterThan(options);
    expect(text.indexOf(`  ${own}`)).toBeGreaterThan(options);
    expect(text.indexOf(`  ${own}`)).toBeLessThan(spec);
    expect(examples).toBeGreaterThan(spec);
    const lines = text.slice(examples).split('\n').filter((l) => /^ {2}\S/.test(l) && l.includes(`isrlu ${cmd}`));
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});

describe('mistakes get a suggestion', () => {
  it.each([
    [['gne'], 'unknown command "gne" (did you mean "gen"?); commands: run, gen, synth, sim, report, eval, error, elaborate, export, spec, knobs, bench, train, sweep'],
    [['report', '--fromat', 'md'], 'unknown option --fromat (did you mean "--format"?); see --help'],
    [['spec', '--alhpa', '2'], 'unknown option --alhpa (did you mean "--alpha"?); see --help'],
    [['report', '--no-parto'], 'unknown option --no-parto (did you mean "--pareto"?); see --help'],
    [['spec', '--zzzzzz'], 'unknown option --zzzzzz; see --help'],
  ])('%j', async (argv, msg) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: ${msg}\n`);
    expect(r.stdout).toBe('');
  });
});

describe('isrlu error --help', () => {
  it('states the real sample rule: 2^18 random codes on the fast evaluator, 2^12 on BigInt, plus corner cases', async () => {
    const r = await cli('error', '--help');
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('262144 where every node fits a double (the fast evaluator), else 4096 (the BigInt interpreter)');
    expect(text).toContain('plus the corner cases');
  });
});

describe('notation from elsewhere', () => {
  it.each([['Q3.12'], ['ap_fixed<16,4>'], ['msb=3,lsb=-12']])('--input %s is sQ3.12 in the spec', async (text) => {
    const r = await cli('spec', '--input', text, '--json');
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect([j.input, j.output, j.name]).toEqual(['sQ3.12', 'sQ3.12', 'isrlu_s3_12']);
  });
});
