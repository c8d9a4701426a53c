// An asked clock the schedule cannot reach is said, never passed over: one warning line on stderr
// naming the asked and reached MHz and the limiting op, the same line in every report, and exit 1
// with --strict-clock (issue 12, item 2).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/index.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

const SPEC = ['--name', 'clk8', '--function', 'isru', '--input', 'sQ2.5', '--output', 'sQ0.7', '--device', 'xilinx'];
const WARNING = /^isrlu: warning: clock: 1000 MHz asked on xilinx cannot be met: the estimate reaches \d+\.\d MHz, limited by [a-z-]+ "[A-Za-z0-9_]+" \(\d+\.\d\d ns on its own\)\n$/;

describe('an asked clock that cannot be met', () => {
  it('gen: one warning line on stderr and in NAME.report.json; exit 0, or 1 with --strict-clock', async () => {
    const d = mkdtempSync(join(tmpdir(), 'isrlu-clock-'));
    const r = await cli('gen', ...SPEC, '--clock-mhz', '1000', '--out', d);
    expect(r.stderr).toMatch(WARNING);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(join(d, 'clk8.report.json'), 'utf8'));
    expect(`isrlu: warning: ${j.schedule.clockWarning}\n`).toBe(r.stderr);
    const strict = await cli('gen', ...SPEC, '--clock-mhz', '1000', '--out', d, '--strict-clock');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(WARNING);
  });

  it.each(['md', 'html', 'json'])('report --format %s carries the warning', async (format) => {
    const r = await cli('report', ...SPEC, '--clock-mhz', '1000', '--format', format, '--no-pareto');
    expect(r.stderr).toMatch(WARNING);
    const line = r.stderr.replace('isrlu: warning: ', '').trim();
    expect(format === 'json' ? JSON.parse(r.stdout).clock.warning : r.stdout).toContain(line);
  });

  it('says nothing when the clock is met or left to auto', async () => {
    for (const clock of ['50', 'auto']) {
      const r = await cli('report', ...SPEC, '--clock-mhz', clock, '--format', 'json', '--no-pareto', '--strict-clock');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).clock.warning).toBeUndefined();
    }
  });

  it('run: the warning on stderr and in report.md; --strict-clock exits 1', async () => {
    const d = mkdtempSync(join(tmpdir(), 'isrlu-clock-'));
    const r = await cli('run', ...SPEC, '--clock-mhz', '1000', '--out', d, '--no-train', '--no-synth', '--no-cosim', '--strict-clock');
    expect(r.stderr).toMatch(WARNING);
    expect(r.code).toBe(1);
    const md = readFileSync(join(d, 'clk8', 'report.md'), 'utf8');
    expect(md).toContain(`> warning: ${r.stderr.replace('isrlu: warning: ', '').trim()}`);
  });
});
