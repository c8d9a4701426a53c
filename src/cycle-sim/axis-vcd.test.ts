// The VCD of an AXI4-Stream core shows the wrapper's ports (issue 12, item 8): scope NAME_axis,
// aclk, aresetn, s_axis_* and m_axis_* beside the core's own signals, for the pipelined and the
// iterative core; m_axis_tdata is the output sign-extended to whole bytes whenever m_axis_tvalid.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, interpret } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { collectVcd, runStream } from './index.js';

const CODES = Array.from({ length: 40 }, (_, i) => BigInt(i * 6 - 120));

/** Signal name -> id, and the value of every id after each time step. */
function parse(text: string) {
  const ids = new Map<string, string>();
  for (const m of text.matchAll(/\$var wire (\d+) (\S+) (\S+) \$end/g)) ids.set(m[3]!, m[2]!);
  const scope = /\$scope module (\S+) \$end/.exec(text)![1]!;
  const frames: Map<string, bigint>[] = [];
  let cur = new Map<string, bigint>();
  for (const line of text.split('\n').slice(text.split('\n').indexOf('$enddefinitions $end') + 1)) {
    if (line.startsWith('#')) { frames.push(new Map(cur)); continue; }
    const bin = /^b([01]+) (\S+)$/.exec(line);
    const bit = /^([01])(\S+)$/.exec(line);
    if (bin) cur.set(bin[2]!, BigInt(`0b${bin[1]}`));
    else if (bit) cur.set(bit[2]!, BigInt(bit[1]!));
  }
  frames.push(cur);
  return { ids, scope, frames };
}

describe('VCD of an AXI4-Stream core', () => {
  it.each([
    ['pipelined', { name: 'ax_p', input: 'sQ2.5', accuracy: 'custom', steps: 1, tableAddressBits: 4, tableDataBits: 6, interface: 'axis' }],
    ['iterative', { name: 'ax_i', input: 'sQ2.5', accuracy: 'custom', steps: 2, stepBits: 10, tableAddressBits: 3, tableDataBits: 5, architecture: 'iterative', interface: 'axis', lanes: 2 }],
  ] as const)('%s: scope NAME_axis with the s_axis_* and m_axis_* ports', (_label, json) => {
    const spec = resolveSpec(json);
    const dp = buildDatapath(spec, spec.custom!);
    const vcd = collectVcd();
    const r = runStream(dp, scheduleDatapath(dp), CODES, { seed: 3, bubbleRate: 0.2, stallRate: 0.2, sim: { vcd: vcd.sink } });
    expect(r.ok).toBe(true);
    const { ids, scope, frames } = parse(vcd.text());
    expect(scope).toBe(`${spec.name}_axis`);
    for (const p of ['aclk', 'aresetn', 's_axis_tdata', 's_axis_tvalid', 's_axis_tready', 's_axis_tlast', 'm_axis_tdata', 'm_axis_tvalid', 'm_axis_tready', 'm_axis_tlast']) expect(ids.has(p), p).toBe(true);
    expect(vcd.text()).toMatch(/\$var wire 8 \S+ s_axis_tdata \$end/);
    // Every word the wrapper delivers is the core's output, and outputs do appear.
    const expected = new Set(CODES.map((x) => BigInt.asUintN(8, interpret(dp, x).y)));
    let delivered = 0;
    for (const f of frames) {
      if (f.get(ids.get('m_axis_tvalid')!) === 1n && f.get(ids.get('aclk')!) === 1n) {
        expect(f.get(ids.get('m_axis_tdata')!)).toBe(f.get(ids.get('out_y')!));
        expect(expected.has(f.get(ids.get('m_axis_tdata')!)!)).toBe(true);
        delivered++;
      }
      expect(f.get(ids.get('s_axis_tvalid')!)).toBe(f.get(ids.get('in_valid')!));
    }
    expect(delivered).toBeGreaterThan(0);
  });
});
