// The cycle simulator against the generated RTL under Icarus: one stimulus (a driver stream with random
// bubbles and stalls, then raw random inputs with reset pulses) gives the same outputs on every cycle,
// and the simulator's latency is the RTL's LATENCY and what the RTL shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { mulberry32 } from '../src/common/index.js';
import { minRaw, width, formatHex } from '../src/fixedpoint/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog } from '../src/rtl-gen/index.js';
import { runIcarus, toolVersion } from '../src/cosim/index.js';
import { CycleSim, IterativeSim, runStream, type CycleInputs, type EngineKind } from '../src/cycle-sim/index.js';
import { HW_MATRIX } from './matrix.js';
import { cycleTestbench, readTrace, writeStimulus, TB_TOP, type RtlCycle } from './cycle-tb.js';

/** The whole matrix: valid, ready-valid and axis cores (the core module), 0 to 10 stages, with and without the derivative. */
const CONFIGS = HW_MATRIX;

/** Raw random inputs: bubbles, stalls, a long stall, reset pulses, and in_x changing every cycle. */
function randomStimulus(codesOf: (r: number) => bigint, cycles: number, seed: number): CycleInputs[] {
  const rnd = mulberry32(seed);
  const p = (q: number) => rnd() < q * 2 ** 32;
  const out: CycleInputs[] = [];
  for (let c = 0; c < cycles; c++) {
    const longStall = c >= 200 && c < 230;
    out.push({ rst: p(0.01), in_valid: p(0.75), out_ready: !longStall && p(0.7), in_user: p(0.5), in_x: codesOf(rnd()) });
  }
  return out;
}

function differences(sim: CycleSim | IterativeSim, rtl: readonly RtlCycle[], stim: readonly CycleInputs[], settle: number, hex: (v: bigint, which: 'y' | 'dy') => string): string[] {
  const bad: string[] = [];
  const note = (c: number, what: string, want: unknown, got: unknown) => {
    if (bad.length < 10) bad.push(`cycle ${c}: ${what} RTL ${String(want)} simulator ${String(got)}`);
  };
  for (let c = 0; c < stim.length; c++) {
    sim.set(stim[c]!);
    const r = rtl[c]!;
    const s = { out_valid: sim.out_valid, in_ready: sim.in_ready, out_user: sim.out_user, out_y: sim.out_y, out_dy: sim.out_dy };
    for (const k of ['out_valid', 'in_ready', 'out_user'] as const) {
      if (r[k] === undefined ? c >= settle : r[k] !== s[k]) note(c, k, r[k] ?? 'X', s[k]);
    }
    // Data registers have no reset: until the reset has loaded every stage (settle), the RTL's
    // outputs are whatever its registers held (X, or known bits where logic masks an X: a
    // partial-product AND with 0), and the simulator's its zeros. From then on, every cycle.
    if (c >= settle && r.out_y !== s.out_y) note(c, 'out_y', r.out_y === undefined ? 'X' : hex(r.out_y, 'y'), hex(s.out_y, 'y'));
    if (sim.hasDy && c >= settle && r.out_dy !== s.out_dy) note(c, 'out_dy', r.out_dy === undefined ? 'X' : hex(r.out_dy, 'dy'), hex(s.out_dy!, 'dy'));
    sim.step();
  }
  return bad;
}

describe('the cycle simulator matches the generated RTL under Icarus, cycle by cycle', () => {
  beforeAll(() => {
    if (!toolVersion('iverilog')) throw new Error('iverilog is not installed: run "bash scripts/setup.sh" or "apt-get install -y iverilog"');
  });

  it.each(CONFIGS.map((j) => [JSON.stringify(j), j] as const))('%s', (_l, json) => {
    const spec = resolveSpec(json);
    const dp = elaborate(spec).datapath;
    const sched = scheduleDatapath(dp, spec.pipeline);
    const g = generateVerilog(dp, sched);
    const N = sched.latency;
    const dir = mkdtempSync(join(tmpdir(), `isrlu-cycle-${spec.name}-`));
    for (const [f, c] of Object.entries(g.files)) writeFileSync(join(dir, f), c);
    const latencyParam = /localparam LATENCY = (\d+);/.exec(g.files[`${spec.name}.v`]!);
    expect(latencyParam, 'localparam LATENCY in the core').not.toBeNull();

    // Stimulus: a checked stream (reset long enough to load every data register), then raw inputs.
    const wIn = width(spec.input);
    const codes = Array.from({ length: 400 }, (_, i) => minRaw(spec.input) + BigInt((i * 2654435761) % 2 ** wIn));
    const stream = runStream(dp, sched, codes, { seed: 7, bubbleRate: 0.2, stallRate: 0.3, resetCycles: N + 2, record: true });
    expect(stream.ok, stream.mismatches.map((m) => m.text).join('\n')).toBe(true);
    expect(stream.latency.min).toBe(N);
    if (spec.interface === 'valid') expect(stream.latency.max).toBe(N);
    const codeOf = (r: number) => minRaw(spec.input) + BigInt(r % 2 ** Math.min(wIn, 32));
    const stim = [...stream.stimulus!, ...randomStimulus(codeOf, 1500, 11)];
    writeStimulus(dir, dp, stim);
    writeFileSync(join(dir, `${TB_TOP}.v`), cycleTestbench(dp, stim.length));

    const run = runIcarus(dir, [...g.sources.filter((f) => !f.endsWith('_axis.v')), `${TB_TOP}.v`], TB_TOP, 120_000);
    expect(run.ok, `icarus in ${dir}:\n${run.log}`).toBe(true);
    const rtl = readTrace(dir, dp);
    expect(rtl.length).toBe(stim.length);

    // The latency the RTL shows: first item accepted after reset to its out_valid.
    const resetEnd = N + 2;
    const accepted = stim.findIndex((s, c) => c >= resetEnd && s.in_valid && rtl[c]!.in_ready);
    const shown = rtl.findIndex((r, c) => c >= resetEnd && r.out_valid) - accepted;
    const hex = (v: bigint, w: 'y' | 'dy') => formatHex(v, w === 'y' ? spec.output : spec.derivativeFormat);
    const sims: [string, CycleSim | IterativeSim][] = sched.iterative
      ? [['iterative', new IterativeSim(dp, sched)]]
      : (['fast', 'structural'] as EngineKind[]).map((engine) => [engine, new CycleSim(dp, sched, { engine })]);
    for (const [engine, sim] of sims) {
      expect([sim.latency, Number(latencyParam![1]), shown]).toEqual([N, N, N]);
      expect(differences(sim, rtl, stim, resetEnd, hex), `${engine} engine vs RTL in ${dir}`).toEqual([]);
    }
    rmSync(dir, { recursive: true, force: true }); // kept only when something above failed
  }, 300_000);
});
