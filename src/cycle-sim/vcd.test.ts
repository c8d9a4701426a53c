// VCD output: a well-formed header and body (parsed back here), values that replay to the simulator's
// state, and the same bytes from the same run (and from either engine).
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { mulberry32 } from '../common/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { VERSION } from '../version.js';
import { CycleSim, VcdWriter, collectVcd, vcdId, type EngineKind } from './index.js';

const spec = resolveSpec({ name: 'sc_vcd', input: 'sQ2.5', accuracy: 'custom', steps: 1, tableAddressBits: 4, tableDataBits: 6, derivative: true, interface: 'ready-valid' });
const dp = buildDatapath(spec, spec.custom!);
const sched = scheduleDatapath(dp, 3);

/** Runs 200 seeded random cycles with VCD on; returns the text and the simulator. */
function dump(engine: EngineKind = 'fast'): { text: string; sim: CycleSim } {
  const vcd = collectVcd();
  const sim = new CycleSim(dp, sched, { engine, vcd: vcd.sink });
  const rnd = mulberry32(5);
  for (let c = 0; c < 200; c++) {
    sim.set({ rst: c < 2, in_valid: rnd() % 5 !== 0, out_ready: rnd() % 3 !== 0, in_x: BigInt((rnd() % 256) - 128) });
    sim.step();
  }
  sim.finish();
  return { text: vcd.text(), sim };
}

interface Parsed {
  scope: string;
  timescale: string;
  vars: Map<string, { name: string; width: number }>;
  times: number[];
  final: Map<string, bigint>;
}

/** A strict reader of what VcdWriter writes; throws on anything else. */
function parse(text: string): Parsed {
  const [head, body] = text.split('$enddefinitions $end\n') as [string, string | undefined];
  if (body === undefined) throw new Error('no $enddefinitions');
  const scope = /^\$scope module (\S+) \$end$/m.exec(head)?.[1] ?? '';
  const timescale = /^\$timescale (\S+) \$end$/m.exec(head)?.[1] ?? '';
  const vars = new Map<string, { name: string; width: number }>();
  for (const m of head.matchAll(/^\$var wire (\d+) (\S+) (\S+) \$end$/gm)) {
    if (vars.has(m[2]!)) throw new Error(`id ${m[2]} declared twice`);
    vars.set(m[2]!, { name: m[3]!, width: Number(m[1]) });
  }
  const headLines = head.trim().split('\n');
  if (headLines.some((l) => !/^\$(version|timescale|scope|var|upscope) .*\$end$|^\$upscope \$end$/.test(l))) throw new Error('unexpected header line');
  const times: number[] = [];
  const final = new Map<string, bigint>();
  let inDump = false;
  for (const line of body.trimEnd().split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^#(\d+)$/.exec(line))) {
      const t = Number(m[1]);
      if (times.length && t <= times[times.length - 1]!) throw new Error(`time ${t} not increasing`);
      times.push(t);
    } else if (line === '$dumpvars') inDump = true;
    else if (line === '$end' && inDump) inDump = false;
    else if ((m = /^([01])(\S+)$/.exec(line)) || (m = /^b([01]+) (\S+)$/.exec(line))) {
      const v = vars.get(m[2]!);
      if (!v) throw new Error(`undeclared id ${m[2]}`);
      const bits = line.startsWith('b') ? m[1]!.length : 1;
      if (bits !== v.width) throw new Error(`${v.name}: ${bits} bits for a ${v.width}-bit wire`);
      final.set(v.name, BigInt(`0b${m[1]}`));
    } else throw new Error(`unexpected line ${JSON.stringify(line)}`);
  }
  if (!times.length || times[0] !== 0) throw new Error('must start at #0');
  return { scope, timescale, vars, times, final };
}

describe('VCD output', () => {
  it('is well formed: a module scope with every port, stage valid bit and pipeline register', () => {
    const { text, sim } = dump();
    const p = parse(text);
    expect(text.startsWith(`$version isrlu-codesign ${VERSION} cycle-sim $end\n$timescale 1ns $end\n$scope module sc_vcd $end\n`)).toBe(true);
    expect(text).not.toMatch(/\$date/);
    expect([p.scope, p.timescale]).toEqual(['sc_vcd', '1ns']);
    const names = [...p.vars.values()].map((v) => v.name);
    expect(names.slice(0, 10)).toEqual(['clk', 'rst', 'in_valid', 'in_ready', 'in_x', 'out_valid', 'out_ready', 'out_y', 'out_dy', 'valid_s2']);
    expect(names).toEqual(expect.arrayContaining(['valid_s3', 'valid_s4', ...sim.registers.map((r) => r.name)]));
    expect(names.length).toBe(9 + 3 + sim.registers.length);
    // Two samples per cycle (clock low, clock high after the edge), then the closing time.
    expect(p.times[p.times.length - 1]).toBe(200 * 10);
  });

  it('replays to the simulator\'s final state', () => {
    const { text, sim } = dump();
    const p = parse(text);
    const code = (v: bigint, w: number) => BigInt.asUintN(w, v);
    const wOf = (name: string) => [...p.vars.values()].find((v) => v.name === name)!.width;
    for (const r of sim.registers) expect(p.final.get(r.name), r.name).toBe(code(sim.register(r.nodeName, r.seg), r.width));
    expect(p.final.get('out_y')).toBe(code(sim.out_y, wOf('out_y')));
    expect(p.final.get('out_valid')).toBe(sim.out_valid ? 1n : 0n);
    expect(p.final.get('clk')).toBe(1n);
  });

  it('gives the same bytes for the same run, from either engine', () => {
    const a = dump().text;
    expect(dump().text).toBe(a);
    expect(dump('structural').text).toBe(a);
  });

  it('identifier codes are short, printable and distinct; names are checked', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => vcdId(i));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((s) => /^[!-~]{1,3}$/.test(s))).toBe(true);
    expect(() => new VcdWriter(() => {}, 'm', [{ name: 'a b', width: 1 }])).toThrow('VCD signal name must be an identifier');
    expect(() => new VcdWriter(() => {}, 'm', [{ name: 'a', width: 1 }, { name: 'a', width: 2 }])).toThrow('declared twice');
    const w = collectVcd();
    const v = new VcdWriter(w.sink, 'm', [{ name: 's', width: 4 }]);
    v.sample(0, [-1n]);
    v.sample(5, [-1n]);
    v.sample(10, [2n]);
    expect(w.text().split('$enddefinitions $end\n')[1]).toBe('#0\n$dumpvars\nb1111 !\n$end\n#10\nb0010 !\n');
    expect(() => v.sample(3, [0n])).toThrow('VCD time 3 after 10');
  });
});
