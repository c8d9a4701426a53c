// Cycle-exact replay of a stimulus on the generated RTL: a small Verilog testbench that reads one
// line of inputs per cycle (rst, in_valid, out_ready, in_user, in_x) and writes the outputs it sees
// just before each rising edge (out_valid, in_ready, out_user, out_y, out_dy), run under Icarus.

import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { width, toCode, fromCode } from '../src/fixedpoint/index.js';
import type { Datapath } from '../src/datapath/index.js';
import type { CycleInputs } from '../src/cycle-sim/index.js';

export const TB_TOP = 'cycle_tb';

/** One traced cycle; a field is undefined where the RTL drove X or Z. */
export interface RtlCycle {
  readonly out_valid?: boolean;
  readonly in_ready?: boolean;
  readonly out_user?: boolean;
  readonly out_y?: bigint;
  readonly out_dy?: bigint;
}

/** The testbench text for the core module of `dp` (ports as templates/core.v.hbs writes them). */
export function cycleTestbench(dp: Datapath, cycles: number): string {
  const s = dp.spec;
  const rv = s.interface !== 'valid';
  const user = s.interface === 'axis';
  const hasDy = dp.outputs.dy !== undefined;
  const wIn = width(s.input);
  const wOut = width(s.output);
  const wDy = hasDy ? width(s.derivativeFormat) : 1;
  const ports = [
    '.clk(clk)', '.rst(rst)', '.in_valid(in_valid)', ...(rv ? ['.in_ready(in_ready_w)'] : []), '.in_x(in_x)',
    ...(user ? ['.in_user(in_user)'] : []), '.out_valid(out_valid)', ...(rv ? ['.out_ready(out_ready)'] : []),
    '.out_y(out_y)', ...(hasDy ? ['.out_dy(out_dy)'] : []), ...(user ? ['.out_user(out_user_w)'] : []),
  ];
  return [
    '`timescale 1ns/1ps',
    '`default_nettype none',
    `module ${TB_TOP};`,
    '  reg clk = 1\'b0;',
    '  reg rst = 1\'b1;',
    '  reg in_valid = 1\'b0;',
    '  reg out_ready = 1\'b1;',
    '  reg in_user = 1\'b0;',
    `  reg [${wIn - 1}:0] in_x = ${wIn}'h0;`,
    '  wire out_valid;',
    '  wire in_ready_w;',
    '  wire out_user_w;',
    `  wire [${wOut - 1}:0] out_y;`,
    `  wire [${wDy - 1}:0] out_dy;`,
    `  ${s.name} dut (${ports.join(', ')});`,
    ...(rv ? [] : ['  assign in_ready_w = 1\'b1;']),
    ...(user ? [] : ['  assign out_user_w = 1\'b0;']),
    ...(hasDy ? [] : ['  assign out_dy = 1\'b0;']),
    '  integer fi, fo, c, r;',
    '  reg rv, vv, ov, uv;',
    `  reg [${wIn - 1}:0] xv;`,
    '  initial begin',
    '    fi = $fopen("stim.txt", "r");',
    '    fo = $fopen("trace.txt", "w");',
    `    for (c = 0; c < ${cycles}; c = c + 1) begin`,
    '      r = $fscanf(fi, "%b %b %b %b %h\\n", rv, vv, ov, uv, xv);',
    '      rst = rv; in_valid = vv; out_ready = ov; in_user = uv; in_x = xv;',
    '      #1;',
    '      $fwrite(fo, "%b %b %b %h %h\\n", out_valid, in_ready_w, out_user_w, out_y, out_dy);',
    '      clk = 1\'b1; #1; clk = 1\'b0; #1;',
    '    end',
    '    $fclose(fo);',
    `    $display("%0d passed, 0 failed", ${cycles});`,
    '    $finish;',
    '  end',
    'endmodule',
    '`default_nettype wire',
    '',
  ].join('\n');
}

/** Writes the stimulus file (one cycle per line) into `dir`. */
export function writeStimulus(dir: string, dp: Datapath, stim: readonly CycleInputs[]): void {
  const b = (v: boolean | undefined) => (v ? '1' : '0');
  const lines = stim.map((c) => `${b(c.rst)} ${b(c.in_valid)} ${b(c.out_ready ?? true)} ${b(c.in_user)} ${toCode(c.in_x ?? 0n, dp.spec.input).toString(16)}\n`);
  writeFileSync(join(dir, 'stim.txt'), lines.join(''));
}

/** Reads trace.txt back, as raw values in the port formats. */
export function readTrace(dir: string, dp: Datapath): RtlCycle[] {
  const known = (t: string) => /^[0-9a-fA-F]+$/.test(t);
  const bit = (t: string) => (t === '1' ? true : t === '0' ? false : undefined);
  return readFileSync(join(dir, 'trace.txt'), 'utf8').trim().split('\n').map((line) => {
    const [ov, ir, ou, y, dy] = line.trim().split(/\s+/) as [string, string, string, string, string];
    return {
      out_valid: bit(ov), in_ready: bit(ir), out_user: bit(ou),
      out_y: known(y) ? fromCode(BigInt(`0x${y}`), dp.spec.output) : undefined,
      out_dy: dp.outputs.dy !== undefined && known(dy) ? fromCode(BigInt(`0x${dy}`), dp.spec.derivativeFormat) : undefined,
    };
  });
}
