// Determinism: the main job run twice on the same spec writes the same bytes in every artifact
// (Verilog, testbench, vectors, FuseSoC core, reports, charts), timings aside; `gen` likewise.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';

const quiet = { stdout: () => {}, stderr: () => {} };

function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

describe('determinism', () => {
  it('isrlu run twice: every artifact byte for byte (only report.timings.json differs)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isrlu-det-'));
    const spec = join(root, 'spec.json');
    writeFileSync(spec, JSON.stringify({ name: 'det', function: 'isrlu', alpha: 3, input: 'sQ2.7', interface: 'ready-valid', derivative: true }));
    const args = (out: string) => ['run', spec, '--out', out, '--train-images', '500', '--train-widths', '4,8'];
    expect(await runCli(args(join(root, 'a')), quiet)).toBe(0);
    expect(await runCli(args(join(root, 'b')), quiet)).toBe(0);
    const a = files(join(root, 'a', 'det'));
    const b = files(join(root, 'b', 'det'));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const f of ['det.v', 'det_tb.v', 'det_in.hex', 'det_out.hex', 'det_dy.hex', 'det.core', 'report.md', 'report.html', 'report.json', 'transfer.png', 'error.png', 'accuracy.png']) {
      expect(a.has(f), `${f} is written`).toBe(true);
    }
    const differing = [...a.keys()].filter((f) => !a.get(f)!.equals(b.get(f)!));
    expect(differing).toEqual(['report.timings.json']);
    // The report carries the checks it ran: co-simulation, synthesis, training.
    const report = JSON.parse(a.get('report.json')!.toString('utf8')) as { checks: Record<string, { status: string }> };
    expect(Object.fromEntries(Object.entries(report.checks).map(([k, v]) => [k, v.status]))).toEqual({
      prove: 'ok', generate: 'ok', cosim: 'ok', 'cycle-sim': 'ok', training: 'ok', synth: 'ok',
    });
    rmSync(root, { recursive: true, force: true });
  }, 600_000);

  it('isrlu gen twice (iterative core with lanes): the same bytes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isrlu-det-gen-'));
    const flags = ['--input', 'sQ3.8', '--architecture', 'iterative', '--lanes', '2', '--interface', 'axis', '--rom-style', 'readmemh'];
    expect(await runCli(['gen', ...flags, '--out', join(root, 'a')], quiet)).toBe(0);
    expect(await runCli(['gen', ...flags, '--out', join(root, 'b')], quiet)).toBe(0);
    const a = files(join(root, 'a'));
    const b = files(join(root, 'b'));
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].filter((f) => !a.get(f)!.equals(b.get(f)!))).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  }, 300_000);
});
