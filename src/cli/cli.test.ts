// The CLI end to end, in process (runCli) and once as a real process: outputs, exit codes, one-line
// errors, atomic writes and refusal to overwrite.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.js';
import { resolveSpec } from '../spec/index.js';
import { elaborate } from '../analysis/index.js';
import { interpret } from '../datapath/index.js';
import { formatHex } from '../fixedpoint/index.js';
import { VERSION } from '../version.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'isrlu-cli-'));

describe('isrlu eval', () => {
  it('writes the model output for every input code, in the DESIGN.md hex format', async () => {
    const d = tmp();
    const spec = join(d, 'spec.json');
    writeFileSync(spec, JSON.stringify({ function: 'isru', alpha: 3, input: 'sQ2.9', output: 'sQ1.10', derivative: true }));
    const codes = ['000', '001', 'fff', '800', '7ff', 'a5c', '3'];
    writeFileSync(join(d, 'in.hex'), `${codes.join('\n')}\n`);
    const r = await cli('eval', spec, '--in', join(d, 'in.hex'), '--out', join(d, 'out.hex'), '--dy-out', join(d, 'dy.hex'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = resolveSpec(JSON.parse(readFileSync(spec, 'utf8')));
    const dp = elaborate(s).datapath;
    const xs = codes.map((c) => BigInt.asIntN(12, BigInt(`0x${c}`)));
    expect(readFileSync(join(d, 'out.hex'), 'utf8')).toBe(xs.map((x) => `${formatHex(interpret(dp, x).y, s.output)}\n`).join(''));
    expect(readFileSync(join(d, 'dy.hex'), 'utf8')).toBe(xs.map((x) => `${formatHex(interpret(dp, x).dy!, s.derivativeFormat)}\n`).join(''));
    expect(readFileSync(join(d, 'out.hex'), 'utf8').split('\n')[0]).toHaveLength(3); // ceil(12/4) digits
  });

  it('refuses to overwrite an existing file unless --force, and leaves no temporary files', async () => {
    const d = tmp();
    writeFileSync(join(d, 'in.hex'), '0000\n1000\n');
    writeFileSync(join(d, 'out.hex'), 'precious\n');
    const r = await cli('eval', '--in', join(d, 'in.hex'), '--out', join(d, 'out.hex'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: out: "${join(d, 'out.hex')}" already exists; pass --force to overwrite it\n`);
    expect(readFileSync(join(d, 'out.hex'), 'utf8')).toBe('precious\n');
    expect((await cli('eval', '--in', join(d, 'in.hex'), '--out', join(d, 'out.hex'), '--force')).code).toBe(0);
    expect(readFileSync(join(d, 'out.hex'), 'utf8')).toBe('0000\n1000\n');
    expect(readdirSync(d).sort()).toEqual(['in.hex', 'out.hex']);
  });

  it.each([
    ['not hex', 'zz\n', 'line 1: "zz" is not a hex code of at most 4 digits'],
    ['too many digits', '0\n12345\n', 'line 2: "12345" is not a hex code of at most 4 digits'],
    ['blank line', '0\n\n1\n', 'line 2: "" is not a hex code of at most 4 digits'],
  ])('refuses an input file with %s, writing nothing', async (_w, text, msg) => {
    const d = tmp();
    writeFileSync(join(d, 'in.hex'), text);
    const r = await cli('eval', '--in', join(d, 'in.hex'), '--out', join(d, 'o.hex'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: ${join(d, 'in.hex')}: ${msg}\n`);
    expect(existsSync(join(d, 'o.hex'))).toBe(false);
  });

  it('refuses a missing input file', async () => {
    const r = await cli('eval', '--in', '/nonexistent/in.hex', '--out', join(tmp(), 'o.hex'));
    expect(r.stderr).toBe('isrlu: error: in: cannot read "/nonexistent/in.hex": no such file\n');
  });
});

describe('isrlu error', () => {
  it('--json gives the statistics the issue names', async () => {
    const r = await cli('error', '--function', 'isru', '--input', 'sQ2.7', '--output', 'sQ1.8', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ['maxUlp', 'meanUlp', 'rmsUlp', 'faithfulFraction', 'correctlyRoundedFraction', 'worst', 'monotonic']) expect(j).toHaveProperty(k);
    expect(j.count).toBe(1024);
    expect(j.faithfulFraction).toBe(1);
    expect(j.worst.length).toBeGreaterThan(0);
  });

  it('samples with a printed seed beyond --exhaustive-bits', async () => {
    const r = await cli('error', '--exhaustive-bits', '12', '--samples', '5000', '--seed', '42');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('corner cases + seeded random, seed 42');
  });
});

describe('isrlu run', () => {
  it('writes out/NAME/report.json, replaces its own files, refuses foreign ones without --force', async () => {
    const d = tmp();
    const quick = ['--no-cosim', '--no-synth', '--no-train'];
    const r = await cli('run', '--function', 'isru', '--input', 'sQ2.7', '--out', d, ...quick);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(join(d, 'isru_s2_7', 'report.json'), 'utf8'));
    expect(rep.spec.name).toBe('isru_s2_7');
    expect(rep.error.faithfulFraction).toBe(1);
    expect(r.stdout).toMatch(/^cosim +skipped +skipped \(--no-cosim\)$/m);
    expect(r.stdout).toMatch(/^passed, 3 steps skipped: cosim \(--no-cosim\), training \(--no-train\), synth \(--no-synth\)$/m);
    expect(readdirSync(join(d, 'isru_s2_7')).sort()).toEqual(expect.arrayContaining(['report.md', 'report.html', 'report.json', 'transfer.png', 'error.png', 'isru_s2_7.v', 'isru_s2_7_tb.v']));
    expect((await cli('run', '--function', 'isru', '--input', 'sQ2.7', '--out', d, ...quick)).code).toBe(0);
    writeFileSync(join(d, 'isru_s2_7', 'notes.txt'), 'mine');
    const again = await cli('run', '--function', 'isru', '--input', 'sQ2.7', '--out', d, ...quick);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('holds files isrlu did not write (notes.txt)');
    expect((await cli('run', '--function', 'isru', '--input', 'sQ2.7', '--out', d, '--force', ...quick)).code).toBe(0);
    expect(readFileSync(join(d, 'isru_s2_7', 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('isrlu gen', () => {
  it('writes the core, testbench, vectors and report; twice gives the same bytes', async () => {
    const d1 = tmp();
    const d2 = tmp();
    const args = ['gen', '--function', 'isru', '--input', 'sQ2.7', '--interface', 'axis', '--derivative', '--rom-style', 'readmemh'];
    expect((await cli(...args, '--out', d1)).code).toBe(0);
    expect((await cli(...args, '--out', d2)).code).toBe(0);
    const files = readdirSync(d1).sort();
    expect(files).toEqual(expect.arrayContaining(['isru_s2_7.v', 'isru_s2_7_axis.v', 'isru_s2_7_tb.v', 'isru_s2_7_in.hex', 'isru_s2_7_out.hex', 'isru_s2_7_dy.hex', 'isru_s2_7.report.json']));
    for (const f of files) expect(readFileSync(join(d2, f), 'utf8'), f).toBe(readFileSync(join(d1, f), 'utf8'));
    const rep = JSON.parse(readFileSync(join(d1, 'isru_s2_7.report.json'), 'utf8'));
    expect(rep.initiationInterval).toBe(1);
    for (const t of ['ice40', 'ice40-dsp', 'xilinx']) expect(Object.keys(rep.area.estimate[t]).sort()).toEqual(['bram', 'carry', 'dsp', 'ff', 'lut', 'memoryBits']);
    expect(files).toContain('isru_s2_7.core');
    expect(rep.latency).toBeGreaterThanOrEqual(1);
    expect(rep.error.faithfulFraction).toBe(1);
    const v = readFileSync(join(d1, 'isru_s2_7.v'), 'utf8');
    expect(v).toContain(`localparam LATENCY = ${rep.latency};`);
    expect(v).toContain('isrlu-codesign');
    expect(v).not.toMatch(/20\d\d-\d\d-\d\d/); // no timestamps
  });

  it('refuses a folder holding files it did not write', async () => {
    const d = tmp();
    writeFileSync(join(d, 'mine.v'), 'module mine; endmodule\n');
    const r = await cli('gen', '--input', 'sQ2.5', '--out', d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: out: "${d}" holds files isrlu did not write (mine.v); pass --force to write there anyway\n`);
    expect(readdirSync(d)).toEqual(['mine.v']);
  });
});

describe('isrlu sim and report', () => {
  it('sim --json: latency equals the schedule with no stalls, outputs equal the model', async () => {
    const r = await cli('sim', '--function', 'isru', '--input', 'sQ2.7', '--pipeline', '3', '--bubbles', '0', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(true);
    expect(j.latency).toEqual({ min: 3, max: 3, mean: 3 });
    expect(j.items).toBe(1024);
    expect(j.initiationInterval).toBe(1);
    expect(j.throughputItemsPerCycle).toBeGreaterThan(0.99);
  });

  it('sim --items N streams N items (a narrow input repeats its codes); sparse traffic loses none', async () => {
    const j = JSON.parse((await cli('sim', '--input', 'sQ2.5', '--items', '600', '--json')).stdout);
    expect([j.ok, j.items, j.delivered, j.scheduleInitiationInterval]).toEqual([true, 600, 600, 1]);
    const r = await cli('sim', '--input', 'sQ2.5', '--items', '4', '--bubbles', '0.999');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/initiation interval \d+ \(schedule: 1; measured: the fewest cycles between two accepted items\)/);
  });

  it('sim --items N streams a seeded sample across the input range, not its lowest codes', async () => {
    const d = mkdtempSync(join(tmpdir(), 'isrlu-items-'));
    const vcd = join(d, 'w.vcd');
    expect((await cli('sim', '--items', '40', '--vcd', vcd)).code).toBe(0);
    // in_x values the producer drives (16-bit two's complement): both signs appear in 40 items.
    const xs = [...readFileSync(vcd, 'utf8').matchAll(/^b([01]+) \$$/gm)].map((m) => parseInt(m[1]!, 2));
    expect(xs.some((v) => v >= 0x8000)).toBe(true);
    expect(xs.some((v) => v > 0 && v < 0x8000)).toBe(true);
  });
  it('sim --vcd writes a waveform and refuses to overwrite it', async () => {
    const d = tmp();
    const vcd = join(d, 'w.vcd');
    expect((await cli('sim', '--input', 'sQ2.5', '--interface', 'ready-valid', '--vcd', vcd)).code).toBe(0);
    expect(readFileSync(vcd, 'utf8')).toMatch(/^\$version isrlu-codesign/);
    expect((await cli('sim', '--input', 'sQ2.5', '--vcd', vcd)).code).toBe(2);
  });

  it('report --format html --layer writes the workload view', async () => {
    const d = tmp();
    const f = join(d, 'r.html');
    const r = await cli('report', '--function', 'isru', '--input', 'sQ2.7', '--no-pareto', '--format', 'html', '--out', f, '--layer', '14x14x16', '--kernel', '3', '--in-channels', '8', '--macs', '32');
    expect(r.code).toBe(0);
    const html = readFileSync(f, 'utf8');
    expect(html).toContain('Activation beside the convolution');
    expect(html).toContain('ELU (table of every input code)');
    const bad = await cli('report', '--layer', '14x14', '--format', 'md');
    expect(bad.stderr).toBe('isrlu: error: layer: must be HxWxC like 28x28x32, got "14x14"\n');
    expect((await cli('report', '--format', 'pdf')).stderr).toBe('isrlu: error: format: must be one of md, json, html, got "pdf"\n');
  });
});

describe('every command', () => {
  it.each(['run', 'gen', 'synth', 'sim', 'report', 'eval', 'error', 'elaborate', 'spec', 'knobs'])('%s --help prints usage and exits 0', async (cmd) => {
    const r = await cli(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`isrlu ${cmd}`);
    if (cmd !== 'knobs') expect(r.stdout).toContain('--output-rounding');
  });

  it('a real process: exit code 2, one line on stderr, nothing on stdout', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'spec', '--alpha', '-1'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('isrlu: error: alpha: must be a positive finite number, got "-1"\n');
    expect(r.stdout).toBe('');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'spec', '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).name).toBe('isrlu_s3_12');
  });

  it.each([
    [['spec', '--alpha', '0'], 'isrlu: error: alpha: must be a positive finite number, got "0"'],
    [['spec', '--input', 'sQ3.-2'], 'isrlu: error: input: "sQ3.-2" has negative fraction bits (-2)'],
    [['spec', '--name', 'wire'], 'isrlu: error: name: must not be a Verilog keyword, got "wire"'],
    [['spec', '/no/such/spec.json'], 'isrlu: error: spec: cannot read "/no/such/spec.json": no such file'],
    [['spec', '--function', 'gelu'], 'isrlu: error: function: must be one of "isru", "isrlu", "isru-gate", got "gelu"'],
    [['eval'], 'isrlu: error: Missing required arguments: in, out'],
    [['frobnicate'], 'isrlu: error: unknown command "frobnicate"; commands: run, gen,'],
  ])('refuses %j with one line and exit 2', async (argv, msg) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(msg)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('elaborate --json lists nodes with exact formats', async () => {
    const r = await cli('elaborate', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.datapath.nodes[0]).toMatchObject({ name: 'x', op: 'input', format: 'sQ3.12' });
    expect(j.budget.length).toBeGreaterThan(2);
  });

  it('reports the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(VERSION).toBe(pkg.version);
    mkdirSync(tmp(), { recursive: true });
  });
});
