// Cycles per second of the cycle simulator, Verilator and Icarus on the default core's generated
// Verilog, same LFSR stimulus, outputs folded into a checksum that must agree; medians of 3, RTL rates
// marginal (long run minus short run: no start-up). Usage: tsx bench/cycle.ts [--interface ready-valid] [--json]

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { width } from '../src/fixedpoint/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog } from '../src/rtl-gen/index.js';
import { runIcarus, runVerilator, toolVersion } from '../src/cosim/index.js';
import { CycleSim, type EngineKind } from '../src/cycle-sim/index.js';

const REPS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const spec = resolveSpec(arg('--interface') ? { interface: arg('--interface') } : {});
const dp = elaborate(spec).datapath;
const sched = scheduleDatapath(dp, spec.pipeline);
const wIn = width(spec.input);
const wOut = width(spec.output);
const rv = spec.interface !== 'valid';
if (wIn > 16 || wOut > 31) throw new Error('the bench stimulus takes inputs up to 16 bits and outputs up to 31');

/** The stimulus and checksum of the Verilog bench below, in JavaScript, on the simulator. */
function runSim(cycles: number, engine: EngineKind, memo = false): { seconds: number; checksum: string; outputs: number } {
  const t0 = performance.now();
  const sim = new CycleSim(dp, sched, { engine, memo });
  const inMask = 2 ** wIn - 1;
  const half = 2 ** (wIn - 1);
  const outSpan = 2 ** wOut;
  let rst = true, inValid = false, outReady = true, inX = 0, lfsr = 0x12345678, acc = 0, outs = 0;
  for (let c = 0; c < cycles; c++) {
    sim.rst = rst;
    sim.in_valid = inValid;
    sim.out_ready = outReady;
    sim.in_x_number = inX >= half ? inX - 2 * half : inX;
    if (sim.out_valid && outReady) {
      const y = sim.out_y_number;
      acc = (((acc << 1) | (acc >>> 31)) ^ (y < 0 ? y + outSpan : y)) >>> 0;
      outs++;
    }
    sim.step();
    rst = c < 2;
    inValid = (lfsr & 7) !== 0;
    if (rv) outReady = ((lfsr >>> 5) & 3) !== 0;
    inX = (lfsr ^ (lfsr >>> 16)) & inMask;
    lfsr = ((lfsr << 1) | (((lfsr >>> 31) ^ (lfsr >>> 21) ^ (lfsr >>> 1) ^ lfsr) & 1)) >>> 0;
  }
  return { seconds: (performance.now() - t0) / 1000, checksum: acc.toString(16).padStart(8, '0'), outputs: outs };
}

const TB = 'cycle_bench_tb';
const testbench = [
  '`timescale 1ns/1ps',
  '`default_nettype none',
  `module ${TB};`,
  '  reg clk = 1\'b0;',
  '  always #5 clk = ~clk;',
  '  reg rst = 1\'b1;',
  '  reg in_valid = 1\'b0;',
  '  reg out_ready = 1\'b1;',
  `  reg [${wIn - 1}:0] in_x = ${wIn}'h0;`,
  '  wire out_valid;',
  ...(rv ? ['  wire in_ready;'] : []),
  `  wire [${wOut - 1}:0] out_y;`,
  ...(dp.outputs.dy !== undefined ? [`  wire [${width(spec.derivativeFormat) - 1}:0] out_dy;`] : []),
  '  reg [31:0] lfsr = 32\'h12345678;',
  '  reg [31:0] acc = 32\'h0;',
  '  integer cycle = 0;',
  '  integer outs = 0;',
  '  integer ncycles;',
  '  initial if (!$value$plusargs("cycles=%d", ncycles)) ncycles = 1000;',
  `  ${spec.name} dut (.clk(clk), .rst(rst), .in_valid(in_valid),${rv ? ' .in_ready(in_ready),' : ''} .in_x(in_x), .out_valid(out_valid),${rv ? ' .out_ready(out_ready),' : ''} .out_y(out_y)${dp.outputs.dy !== undefined ? ', .out_dy(out_dy)' : ''});`,
  '  always @(posedge clk) begin',
  '    cycle <= cycle + 1;',
  '    lfsr <= {lfsr[30:0], lfsr[31] ^ lfsr[21] ^ lfsr[1] ^ lfsr[0]};',
  '    rst <= cycle < 2;',
  '    in_valid <= lfsr[2:0] != 3\'d0;',
  ...(rv ? ['    out_ready <= lfsr[6:5] != 2\'d0;'] : []),
  `    in_x <= lfsr[${wIn - 1}:0] ^ lfsr[${16 + wIn - 1}:16];`,
  '    if (out_valid && out_ready) begin',
  `      acc <= {acc[30:0], acc[31]} ^ {${32 - wOut}'h0, out_y};`,
  '      outs <= outs + 1;',
  '    end',
  '    if (cycle == ncycles) begin',
  '      $display("%0d passed, 0 failed", ncycles);',
  '      $display("checksum %h outputs %0d", acc, outs);',
  '      $finish;',
  '    end',
  '  end',
  'endmodule',
  '`default_nettype wire',
  '',
].join('\n');

interface RtlRun { seconds: number; checksum: string; outputs: number }
interface RtlSim { readonly buildSeconds: number; readonly dir: string; once(cycles: number): RtlRun }

/** Builds the bench through src/cosim (which runs it once); returns a runner of the built simulation. */
function prepareRtl(sim: 'icarus' | 'verilator'): RtlSim | undefined {
  if (!toolVersion(sim === 'icarus' ? 'iverilog' : 'verilator')) { console.log(`  ${sim}: not installed (bash scripts/setup.sh)`); return undefined; }
  const g = generateVerilog(dp, sched);
  const dir = mkdtempSync(join(tmpdir(), `isrlu-cycle-bench-${sim}-`));
  for (const [f, c] of Object.entries(g.files)) writeFileSync(join(dir, f), c);
  writeFileSync(join(dir, `${TB}.v`), testbench);
  const built = (sim === 'icarus' ? runIcarus : runVerilator)(dir, [...g.sources, `${TB}.v`], TB);
  if (!built.ok) throw new Error(`${sim} failed in ${dir}:\n${built.log}`);
  const [cmd, args] = sim === 'icarus' ? ['vvp', ['-n', 'icarus.vvp']] : [join(dir, 'verilator_obj', `V${TB}`), []];
  return {
    buildSeconds: built.buildSeconds, dir,
    once(cycles) {
      const t0 = performance.now();
      const r = spawnSync(cmd, [...args, `+cycles=${cycles}`], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
      const seconds = (performance.now() - t0) / 1000;
      const m = /checksum ([0-9a-f]+) outputs (\d+)/.exec(r.stdout ?? '');
      if (r.status !== 0 || !m) throw new Error(`${sim} run failed in ${dir}:\n${r.stdout}${r.stderr}`);
      return { seconds, checksum: m[1]!, outputs: Number(m[2]) };
    },
  };
}

const fmt = (r: number) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${(r / 1e3).toFixed(1)} k`);
/** Cycles per run: [short, long] for the RTL simulators (marginal rate), one length for CycleSim. */
const LENGTHS = { cycleSim: 5_000_000, verilator: [10_000, 5_000_000], icarus: [2_000, 50_000] } as const;
console.log(`cycle benchmark: core ${spec.name} (latency ${sched.latency}, interface ${spec.interface}), LFSR stimulus, in_valid 7/8${rv ? ', out_ready 3/4' : ''}; medians of ${REPS} interleaved rounds`);
const rtl = { verilator: prepareRtl('verilator'), icarus: prepareRtl('icarus') };
runSim(200_000, 'fast'); // warm-up
// Rounds interleave the simulators so that a change in machine load hits all of them alike.
const rounds: Record<string, number>[] = [];
let simCheck: { checksum: string; outputs: number } | undefined;
const rtlCheck: Record<string, RtlRun> = {};
for (let i = 0; i < REPS; i++) {
  const round: Record<string, number> = {};
  const mine = runSim(LENGTHS.cycleSim, 'fast');
  simCheck = mine;
  round.cycleSim = LENGTHS.cycleSim / mine.seconds;
  const memo = runSim(LENGTHS.cycleSim, 'fast', true);
  if (memo.checksum !== mine.checksum) throw new Error(`memo changed the checksum: ${memo.checksum} vs ${mine.checksum}`);
  round.cycleSimMemo = LENGTHS.cycleSim / memo.seconds;
  for (const name of ['verilator', 'icarus'] as const) {
    const r = rtl[name];
    if (!r) continue;
    const [short, long] = LENGTHS[name];
    const a = r.once(short);
    const b = r.once(long);
    rtlCheck[name] = b;
    round[name] = (long - short) / Math.max(1e-9, b.seconds - a.seconds);
  }
  rounds.push(round);
}
const rate = (k: string) => median(rounds.map((r) => r[k] ?? NaN));
const ratio = (a: string, b: string) => median(rounds.map((r) => (r[a] ?? NaN) / (r[b] ?? NaN)));
const structRate = 20_000 / median(Array.from({ length: REPS }, () => runSim(20_000, 'structural').seconds));
console.log(`  CycleSim (fast)        ${fmt(rate('cycleSim')).padStart(9)} cycles/s   ${LENGTHS.cycleSim} cycles, checksum ${simCheck!.checksum}, ${simCheck!.outputs} outputs`);
console.log(`  CycleSim (fast, memo)  ${fmt(rate('cycleSimMemo')).padStart(9)} cycles/s   (outputs remembered per input code: each code evaluated once)`);
console.log(`  CycleSim (structural)  ${fmt(structRate).padStart(9)} cycles/s   (the BigInt reference engine)`);
for (const name of ['verilator', 'icarus'] as const) {
  const r = rtl[name];
  if (!r) continue;
  const cycles = LENGTHS[name][1];
  const mine = cycles === LENGTHS.cycleSim ? simCheck! : runSim(cycles, 'fast');
  const theirs = rtlCheck[name]!;
  const agree = mine.checksum === theirs.checksum && mine.outputs === theirs.outputs;
  console.log(`  ${name.padEnd(22)} ${fmt(rate(name)).padStart(9)} cycles/s   build ${r.buildSeconds.toFixed(1)} s; ${cycles} cycles, checksum ${theirs.checksum} ${agree ? '= CycleSim' : `!= CycleSim ${mine.checksum}`}`);
  if (!agree) process.exitCode = 1;
}
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}x` : 'n/a');
console.log(`  CycleSim / Verilator ${x(ratio('cycleSim', 'verilator'))}, CycleSim / Icarus ${x(ratio('cycleSim', 'icarus'))}, Verilator / Icarus ${x(ratio('verilator', 'icarus'))} (medians of per-round ratios)`);
console.log(`  with memo: CycleSim / Verilator ${x(ratio('cycleSimMemo', 'verilator'))}, CycleSim / Icarus ${x(ratio('cycleSimMemo', 'icarus'))}`);
for (const r of Object.values(rtl)) if (r) rmSync(r.dir, { recursive: true, force: true });
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({
    core: spec.name, latency: sched.latency, interface: spec.interface, rounds,
    cyclesPerSecond: { cycleSim: rate('cycleSim'), cycleSimMemo: rate('cycleSimMemo'), cycleSimStructural: structRate, verilator: rate('verilator'), icarus: rate('icarus') },
    ratios: {
      cycleSimOverVerilator: ratio('cycleSim', 'verilator'), cycleSimOverIcarus: ratio('cycleSim', 'icarus'),
      memoOverVerilator: ratio('cycleSimMemo', 'verilator'), memoOverIcarus: ratio('cycleSimMemo', 'icarus'),
    },
  }, null, 2));
}
