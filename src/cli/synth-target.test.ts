// `isrlu synth` without --target synthesizes for the spec's device (issue 12, item 3: it used to run
// the LUT-multiplier ice40 flow for an ice40-dsp spec), labels the clock estimate and the measured
// Fmax apart, and names a mistyped target with a suggestion.
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { synthTargets } from './args.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const progress: string[] = [];
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; }, progress: (t) => { progress.push(t); } });
  return { code, stdout, stderr, progress };
}

describe('isrlu synth targets', () => {
  it('defaults to the spec\'s device; ice40 keeps both iCE40 flows; all is every flow', () => {
    expect(synthTargets(undefined, 'ice40-dsp')).toEqual(['ice40-dsp']);
    expect(synthTargets(undefined, 'xilinx')).toEqual(['xilinx']);
    expect(synthTargets('ice40', 'xilinx')).toEqual(['ice40', 'ice40-dsp']);
    expect(synthTargets('all', 'xilinx')).toEqual(['ice40', 'ice40-dsp', 'xilinx']);
  });

  it('refuses an unknown target in one line, with the nearest name', async () => {
    const r = await cli('synth', '--target', 'ice40dsp');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('isrlu: error: target: must be one of ice40-dsp, ice40, xilinx, all, got "ice40dsp" (did you mean "ice40-dsp"?)\n');
  });

  it('a real Yosys run of a 4-bit core: the device only, progress per finished target, both clocks labelled', async () => {
    const r = await cli('synth', '--input', 'sQ1.2', '--output', 'sQ1.2', '--no-pnr');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}ice40-dsp +\d+/);
    expect(r.stdout).not.toMatch(/\n {2}ice40 +\d+/);
    expect(r.stdout).toMatch(/\nclock estimate: \d+\.\d MHz on ice40-dsp \(delay model/);
    expect(r.stdout).toContain('\nmeasured Fmax: not run (nextpnr-ice40 places the ice40 target, multipliers in LUTs');
    expect(r.progress.some((l) => /^ {2}Yosys ice40-dsp done \(\d+\.\d s\)$/.test(l))).toBe(true);
  }, 120_000);
});
