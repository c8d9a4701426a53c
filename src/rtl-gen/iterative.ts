// Verilog of the iterative architecture, from the folded loop (src/datapath/loop.ts): the input
// side loads the state registers, one Newton-Raphson unit runs `steps - 1` times on the loop
// register, and its last pass feeds the output side into the output register. With lanes > 1 a
// round-robin wrapper puts that many copies behind one port, in order.
// Invariant: the cycle simulator's IterativeSim models exactly this control (see its file).

import { width, formatName, type Format } from '../fixedpoint/index.js';
import { verilogOf, lit, segmentReads, softProducts, type Datapath } from '../datapath/index.js';
import type { Schedule } from '../schedule/index.js';
import { romView, portViews, headerLines, type RomView, type RegView, type PortView } from './view.js';
import { unusedBitsSink, type SignalUse } from './unused.js';
import { controlVerilog, counterWidth, iterativeControl, lanesControl } from '../control/index.js';

export interface IterativeView {
  readonly name: string;
  readonly header: readonly string[];
  readonly ports: readonly PortView[];
  readonly latency: number;
  readonly steps: number;
  readonly hasUser: boolean;
  /** The control plan's Verilog and the signals that load the state, loop and output registers. */
  readonly control: readonly string[];
  readonly loadState: string;
  readonly loadLoop: string;
  readonly loadOutput: string;
  readonly roms: readonly RomView[];
  readonly wires: readonly string[];
  readonly body: readonly string[];
  /** State registers: loaded from the input side while the core can take an item. */
  readonly state: readonly RegView[];
  /** The loop register's next value after a pass through the unit (steps > 1). */
  readonly loopReg: string;
  readonly feedback?: string;
  readonly outY: string;
  readonly outDy?: string;
  readonly wOut: number;
  readonly wDy: number;
  readonly unusedBits: string;
}

const wire = (name: string) => `d_${name}`;
const reg = (name: string) => `q_${name}`;

/** The view model of one iterative core (module `moduleName`). */
export function iterativeView(dp: Datapath, sched: Schedule, moduleName: string): IterativeView {
  const it = sched.iterative;
  if (!it) throw new Error('iterativeView needs an iterative schedule');
  const { fold } = it;
  const f = fold.dp;
  const spec = dp.spec;
  const inState = new Set(fold.state);
  const fmt = (id: number): Format => f.nodes[id]!.fmt;
  // The unit and the output side read the state registers, never the input side's wires.
  const at = (id: number, readerStage: number) => {
    const n = f.nodes[id]!;
    return readerStage === 2 && inState.has(id) ? reg(n.name) : wire(n.name);
  };
  const wires: string[] = [];
  const body: string[] = [];
  const roms: RomView[] = [];
  const drops: string[] = [];
  const ctx = { romStyle: spec.romStyle, softProducts: softProducts(spec), drop: (bits: string) => { drops.push(bits); } };
  for (const n of f.nodes) {
    wires.push(`wire [${width(n.fmt) - 1}:0] ${wire(n.name)};`);
    const st = fold.stage[n.id]!;
    const args = n.args.map((a) => at(a, st));
    body.push(`// ${n.name}: ${n.op} -> ${formatName(n.fmt)} (${st === 1 ? 'input side' : n.id <= fold.exit || n.id === fold.feedback ? 'Newton-Raphson unit' : 'output side'})`);
    if (n.op === 'input') body.push(`assign ${wire(n.name)} = in_x;`);
    else body.push(...verilogOf(n, args, n.args.map(fmt), wire(n.name), ctx));
    if (n.op === 'rom') roms.push(romView(spec, n.table, `rom_${n.name}`, n.block));
  }
  const state: RegView[] = fold.state.map((id) => ({ name: reg(f.nodes[id]!.name), width: width(fmt(id)), src: wire(f.nodes[id]!.name) }));
  const S = fold.steps;
  const plan = iterativeControl(S);
  const outY = wire(f.nodes[f.outputs.y]!.name);
  const outDy = f.outputs.dy !== undefined ? wire(f.nodes[f.outputs.dy]!.name) : undefined;
  const feedback = fold.feedback !== undefined ? wire(f.nodes[fold.feedback]!.name) : undefined;

  // Bits nothing needs: state wires are loaded whole into their registers, the feedback into the loop
  // register, the outputs into the output register; the state registers are read by the unit.
  const reads = segmentReads(f, fold.stage, 3);
  const all = (id: number) => [...reads[id]!.values()].reduce((a, m) => a | m, 0n);
  const wholeWire = (id: number) => inState.has(id) || id === fold.feedback;
  const wireUse: SignalUse[] = f.nodes.map((n) => ({ name: wire(n.name), width: width(n.fmt), ...(wholeWire(n.id) ? {} : { needed: all(n.id) }) }));
  const stateUse: SignalUse[] = fold.state.map((id) => ({ name: reg(f.nodes[id]!.name), width: width(fmt(id)), needed: reads[id]!.get(2) ?? 0n }));
  return {
    name: moduleName, header: headerLines(spec, dp, sched.latency, sched.initiationInterval), ports: portViews(dp),
    latency: sched.latency, steps: S, hasUser: spec.interface === 'axis',
    control: controlVerilog(plan), loadState: plan.loads.state!, loadLoop: plan.loads.loop ?? '', loadOutput: plan.loads.output!, roms, wires, body, state,
    loopReg: state[0]!.name, ...(feedback ? { feedback } : {}), outY, ...(outDy ? { outDy } : {}),
    wOut: width(spec.output), wDy: width(spec.derivativeFormat), unusedBits: unusedBitsSink(wireUse, drops, stateUse),
  };
}

export interface LanesView {
  readonly name: string;
  readonly lane: string;
  readonly header: readonly string[];
  readonly ports: readonly PortView[];
  readonly latency: number;
  readonly lanes: readonly { readonly i: number; readonly conns: string }[];
  /** The round-robin pointers (src/control lanesControl). */
  readonly control: readonly string[];
  readonly inReady: string;
  readonly outValid: string;
  readonly outY: string;
  readonly outDy?: string;
  readonly outUser?: string;
  readonly wOut: number;
  readonly wDy: number;
  readonly hasDy: boolean;
  readonly hasUser: boolean;
}

/** The round-robin wrapper: item k goes to lane k mod P and is taken back from it in turn. */
export function lanesView(dp: Datapath, sched: Schedule, lane: string): LanesView {
  const spec = dp.spec;
  const P = spec.lanes;
  const rw = counterWidth(P);
  const hasDy = dp.outputs.dy !== undefined;
  const hasUser = spec.interface === 'axis';
  const idx = (i: number) => lit(rw, BigInt(i));
  // A chain of ?: over the lanes (no variable bit-select, so no out-of-range index for lint).
  const pick = (sel: string, sig: (i: number) => string) => {
    let e = sig(P - 1);
    for (let i = P - 2; i >= 0; i--) e = `(${sel} == ${idx(i)}) ? ${sig(i)} : ${e}`;
    return e;
  };
  const lanes = Array.from({ length: P }, (_, i) => ({
    i, conns: [
      '.clk(clk)', '.rst(rst)', `.in_valid(l${i}_in_valid)`, `.in_ready(l${i}_in_ready)`, '.in_x(in_x)',
      ...(hasUser ? ['.in_user(in_user)'] : []), `.out_valid(l${i}_out_valid)`, `.out_ready(l${i}_out_ready)`,
      `.out_y(l${i}_y)`, ...(hasDy ? [`.out_dy(l${i}_dy)`] : []), ...(hasUser ? [`.out_user(l${i}_user)`] : []),
    ].join(', '),
  }));
  return {
    name: spec.name, lane, header: headerLines(spec, dp, sched.latency, sched.initiationInterval), ports: portViews(dp),
    latency: sched.latency, lanes, control: controlVerilog(lanesControl(P)),
    inReady: pick('rr_in', (i) => `l${i}_in_ready`), outValid: pick('rr_out', (i) => `l${i}_out_valid`),
    outY: pick('rr_out', (i) => `l${i}_y`), ...(hasDy ? { outDy: pick('rr_out', (i) => `l${i}_dy`) } : {}),
    ...(hasUser ? { outUser: pick('rr_out', (i) => `l${i}_user`) } : {}),
    wOut: width(spec.output), wDy: width(spec.derivativeFormat), hasDy, hasUser,
  };
}
