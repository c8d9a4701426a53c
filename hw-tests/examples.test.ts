// Every spec in examples/ stays valid: generated, bit-exact under Icarus against the model, lint-clean;
// and it goes through the main job (`isrlu run`, without training and Yosys) and `isrlu report`.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpecFile } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog } from '../src/rtl-gen/index.js';
import { runIcarus, lintVerilator } from '../src/cosim/index.js';
import { runCli } from '../src/cli/index.js';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.json')).sort();

describe('examples/', () => {
  it('holds example specs', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(5));
  it.each(EXAMPLES)('%s: generated, bit-exact under Icarus, lint-clean', (file) => {
    const spec = loadSpecFile(join('examples', file));
    const dp = elaborate(spec).datapath;
    const g = generateVerilog(dp, scheduleDatapath(dp));
    const dir = mkdtempSync(join(tmpdir(), `isrlu-example-${spec.name}-`));
    for (const [f, c] of Object.entries(g.files)) writeFileSync(join(dir, f), c);
    expect(lintVerilator(dir, g.sources, g.top), 'verilator --lint-only -Wall').toBe('');
    const r = runIcarus(dir, [...g.sources, `${g.tbTop}.v`], g.tbTop);
    expect(r.ok, `icarus in ${dir}:\n${r.log}`).toBe(true);
    expect(r.passed).toBe(g.vectors);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  // Co-simulation is the test above; the job here checks the rest (proof, cycle simulation, the
  // report with its Pareto table, the charts), and `report` the command a user runs next.
  it.each(EXAMPLES)('%s: isrlu run --no-train --no-synth and isrlu report succeed', async (file) => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => { stdout += t; }, stderr: (t: string) => { stderr += `${t}\n`; } };
    const dir = mkdtempSync(join(tmpdir(), 'isrlu-example-run-'));
    try {
      const code = await runCli(['run', join('examples', file), '--out', dir, '--no-train', '--no-synth', '--no-cosim', '--json'], io);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout).ok).toBe(true);
      stdout = '';
      expect(await runCli(['report', join('examples', file), '--format', 'json'], io)).toBe(0);
      expect(stderr).toBe('');
      expect(JSON.parse(stdout).pareto.length).toBeGreaterThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
