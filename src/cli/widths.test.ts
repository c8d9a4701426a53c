// `isrlu report` and `isrlu run --no-train --no-synth` succeed for ISRU and ISRLU at every width
// from 4 to 24 bits (issue 12, item 1: every report at 8 bits or fewer failed on a Pareto
// candidate the spec refused). The default level runs a spread of narrow widths; TEST_LEVEL=full
// runs 4, 6, 8, 12, 16, 20 and 24 bits (slow: a 20-bit ISRU report took 5 minutes on 2 shared cores,
// a 24-bit one more than 15).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.js';
import { TEST_LEVEL } from '../testing/configs.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

/** Input format of a width: one integer bit at 4 bits, two up to 8, three beyond (ISRLU's output the same). */
function formats(w: number, fn: 'isru' | 'isrlu'): { input: string; output: string } {
  const int = w <= 4 ? 1 : w <= 8 ? 2 : 3;
  const input = `sQ${int}.${w - 1 - int}`;
  return { input, output: fn === 'isrlu' ? input : `sQ0.${w - 1}` };
}

const WIDTHS = TEST_LEVEL === 'full' ? [4, 6, 8, 12, 16, 20, 24] : [4, 6, 8];
const CASES = WIDTHS.flatMap((w) => (['isru', 'isrlu'] as const).map((fn) => ({ w, fn, ...formats(w, fn) })));

describe('report and run across widths', () => {
  it.each(CASES)('$fn $w bits ($input -> $output): report with its Pareto table', async ({ fn, input, output }) => {
    const r = await cli('report', '--function', fn, '--input', input, '--output', output, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // The Pareto table keeps the candidates that fit the format; the spec's own faithful design is one.
    expect(j.pareto.length).toBeGreaterThanOrEqual(2);
    expect(j.pareto.some((p: { label: string }) => p.label.startsWith('faithful'))).toBe(true);
  }, TEST_LEVEL === 'full' ? 3_600_000 : 600_000);

  it.each(CASES)('$fn $w bits ($input -> $output): run --no-train --no-synth --no-cosim', async ({ fn, input, output }) => {
    const dir = mkdtempSync(join(tmpdir(), 'isrlu-widths-'));
    try {
      const r = await cli('run', '--function', fn, '--input', input, '--output', output, '--out', dir, '--no-train', '--no-synth', '--no-cosim', '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.ok).toBe(true);
      expect(readFileSync(join(j.outDir, 'report.md'), 'utf8')).toContain('Pareto');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, TEST_LEVEL === 'full' ? 3_600_000 : 600_000);
});
