// Runs the generated testbench under real simulators: Icarus Verilog (iverilog -g2005, vvp) and
// Verilator (--binary), plus `verilator --lint-only -Wall`. Time-limited, with typed results; a
// missing tool is reported as such, never as a failed design.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export type Simulator = 'icarus' | 'verilator';

export interface SimResult {
  readonly simulator: Simulator;
  /** The testbench finished with "N passed, 0 failed" and exit status 0. */
  readonly ok: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly buildSeconds: number;
  readonly runSeconds: number;
  /** Last lines of the simulator's output (mismatch reports, $fatal message). */
  readonly log: string;
}

export class ToolMissingError extends Error {
  override name = 'ToolMissingError';
}

/** The tool's version line, or undefined when it is not installed. */
export function toolVersion(tool: string): string | undefined {
  const r = spawnSync(tool, tool === 'iverilog' ? ['-V'] : ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status === null) return undefined;
  return `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim())?.trim();
}

interface Run { status: number | null; out: string; seconds: number; timedOut: boolean }

function run(cmd: string, args: readonly string[], cwd: string, timeoutMs: number): Run {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new ToolMissingError(`${cmd} is not installed (apt-get install -y iverilog verilator)`);
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, seconds: (performance.now() - t0) / 1000, timedOut: r.signal === 'SIGTERM' };
}

const tail = (s: string, n = 25) => s.trim().split('\n').slice(-n).join('\n');

function result(simulator: Simulator, build: Run, sim: Run | undefined): SimResult {
  const text = sim?.out ?? build.out;
  const m = /^(\d+) passed, (\d+) failed$/m.exec(text);
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 0;
  const ok = build.status === 0 && sim?.status === 0 && m !== null && failed === 0;
  const why = build.timedOut || sim?.timedOut ? '\n(time limit reached)' : '';
  return { simulator, ok, passed, failed, buildSeconds: build.seconds, runSeconds: sim?.seconds ?? 0, log: tail(text) + why };
}

/** Compiles with iverilog -g2005 and runs vvp in `dir` (where the vector files are). */
export function runIcarus(dir: string, sources: readonly string[], tbTop: string, timeoutMs = 600_000): SimResult {
  const build = run('iverilog', ['-g2005', '-Wall', '-Wno-timescale', '-o', 'icarus.vvp', '-s', tbTop, ...sources], dir, timeoutMs);
  if (build.status !== 0) return result('icarus', build, undefined);
  return result('icarus', build, run('vvp', ['-n', 'icarus.vvp'], dir, timeoutMs));
}

/** Builds with verilator --binary (C++, --timing for the testbench clock) and runs it in `dir`. */
export function runVerilator(dir: string, sources: readonly string[], tbTop: string, timeoutMs = 600_000): SimResult {
  const mdir = 'verilator_obj';
  const build = run('verilator', ['--binary', '--timing', '-O2', '--x-assign', 'fast', '--top-module', tbTop, '-Mdir', mdir, ...sources], dir, timeoutMs);
  if (build.status !== 0) return result('verilator', build, undefined);
  return result('verilator', build, run(join(dir, mdir, `V${tbTop}`), [], dir, timeoutMs));
}

/** `verilator --lint-only -Wall` on the design sources; returns the warnings (empty when clean). */
export function lintVerilator(dir: string, sources: readonly string[], top: string, timeoutMs = 120_000): string {
  const r = run('verilator', ['--lint-only', '-Wall', '--top-module', top, ...sources], dir, timeoutMs);
  return r.status === 0 && !/%(Warning|Error)/.test(r.out) ? '' : tail(r.out, 40);
}
