// The main job's step lines (issue 12, item 4): outside a terminal one line per step as it finishes,
// and a step that fails by throwing still leaves the steps that passed printed, itself named.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSpec } from '../spec/index.js';
import { runCli } from '../cli/index.js';
import { runJob, type JobStep } from './index.js';

const SPEC = ['--function', 'isrlu', '--input', 'sQ1.2', '--output', 'sQ1.2'];

describe('isrlu run step lines', () => {
  it('in a pipe: one stdout line per finished step, each written as the step ends, then the verdict', async () => {
    const writes: string[] = [];
    const code = await runCli(['run', ...SPEC, '--out', mkdtempSync(join(tmpdir(), 'isrlu-steps-')), '--no-train', '--no-synth', '--no-cosim'],
      { stdout: (t) => { writes.push(t); }, stderr: (t) => { writes.push(`stderr: ${t}`); } });
    expect(code).toBe(0);
    const steps = ['prove', 'generate', 'cosim', 'cycle-sim', 'training', 'synth', 'report'];
    expect(writes.slice(0, steps.length).map((w) => w.split(' ')[0])).toEqual(steps);
    for (const w of writes.slice(0, steps.length)) expect(w).toMatch(/^[a-z-]+ +(ok|skipped|failed) +\S.*\n$/);
    expect(writes[steps.length]).toMatch(/^passed, 3 steps skipped: /);
  });

  it('a step that throws is reported failed after the steps that passed, then the error goes up', async () => {
    const seen: JobStep[] = [];
    const run = runJob(resolveSpec({ function: 'isrlu', input: 'sQ1.2', output: 'sQ1.2' }), {
      synth: false, fmax: false, cosim: false, onStep: (s) => seen.push(s),
      training: async () => { throw new Error('MNIST files missing\nsecond line'); },
    }, () => {});
    await expect(run).rejects.toThrow('MNIST files missing');
    expect(seen.map((s) => `${s.step} ${s.status}`)).toEqual(['prove ok', 'generate ok', 'cosim skipped', 'cycle-sim ok', 'training failed']);
    expect(seen.at(-1)!.detail).toBe('MNIST files missing');
  });
});
