// Shared body of the co-simulation tests: generate a core from a spec, write it to a fresh folder,
// lint it, run its self-checking testbench under Icarus and Verilator, and check the schedule.
import { expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog } from '../src/rtl-gen/index.js';
import { runIcarus, runVerilator, lintVerilator, toolVersion } from '../src/cosim/index.js';

export function requireSimulators(): void {
  for (const t of ['iverilog', 'verilator']) {
    if (!toolVersion(t)) throw new Error(`${t} is not installed: run "bash .ci/run" or "apt-get install -y iverilog verilator"`);
  }
}

export function cosimulate(json: Record<string, unknown>): void {
  const spec = resolveSpec(json);
  const { datapath } = elaborate(spec);
  const sched = scheduleDatapath(datapath, spec.pipeline);
  const g = generateVerilog(datapath, sched);
  const dir = mkdtempSync(join(tmpdir(), `isrlu-hw-${spec.name}-`));
  for (const [f, c] of Object.entries(g.files)) writeFileSync(join(dir, f), c);

  // Deterministic: generating again gives the same bytes.
  const again = generateVerilog(elaborate(resolveSpec(json)).datapath, sched);
  expect(again.files).toEqual(g.files);
  // The module's LATENCY is the schedule's.
  expect(readFileSync(join(dir, `${spec.name}.v`), 'utf8')).toContain(`localparam LATENCY = ${sched.latency};`);

  expect(lintVerilator(dir, g.sources, g.top), 'verilator --lint-only -Wall').toBe('');
  const all = [...g.sources, `${g.tbTop}.v`];
  for (const r of [runIcarus(dir, all, g.tbTop), runVerilator(dir, all, g.tbTop)]) {
    expect(r.ok, `${r.simulator} in ${dir}:\n${r.log}`).toBe(true);
    expect(r.passed).toBe(g.vectors);
  }
}
