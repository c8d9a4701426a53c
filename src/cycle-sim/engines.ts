// The data half of the cycle simulator, in two interchangeable engines: `structural` evaluates each
// segment node by node with evalNode into explicit registers (the reference); `fast` rests on the
// invariant below and runs the compiled evaluator once per item read. Tests hold them equal register by register.

import { compile, interpret, evalNode, type Datapath, type Evaluator } from '../datapath/index.js';
import { minRaw, width, type Format } from '../fixedpoint/index.js';
import type { PipelineLayout, Source } from '../schedule/index.js';

export type EngineKind = 'fast' | 'structural';

/** The in_x port as the engines read it: a number where exact, a bigint made only when asked. */
export class InputPort {
  private n = 0;
  private b: bigint | undefined = 0n;
  get number(): number { return this.n; }
  get big(): bigint {
    if (this.b === undefined) this.b = BigInt(this.n);
    return this.b;
  }
  setBig(v: bigint): void { this.b = v; this.n = Number(v); }
  /** Only for values a double holds exactly (the caller checks). */
  setNumber(v: number): void { this.n = v; this.b = undefined; }
}

/**
 * Register banks of the pipeline. Bank s (2..deepest) holds the registers that segment s reads;
 * every bank loads on the same enable, so all of a bank's registers come from one input code.
 */
export interface DataEngine {
  readonly kind: EngineKind;
  /** A clock edge with the enable high: bank s + 1 loads from segment s, segment 1 reading in_x. */
  advance(x: InputPort): void;
  /** out_y as driven now: the output register, or f(in_x) combinationally when the latency is 0. */
  y(x: InputPort): bigint;
  dy(x: InputPort): bigint;
  /** The same as numbers (exact when the output fits 53 bits). */
  yNumber(x: InputPort): number;
  dyNumber(x: InputPort): number;
  /** Value of pipeline register `i` (index into layout.registers). */
  register(i: number): bigint;
}

/** Widest input the output memo covers (2^20 codes: 8 MB per output). */
export const MEMO_MAX_BITS = 20;

/** Power-up state of both engines: every bank as if input code 0 had filled the pipeline. */
const POWER_UP_X = 0n;

/**
 * Reference engine: the generated RTL's structure, executed. At each enabled edge, segments are
 * evaluated from the deepest down, so each one reads its bank before the bank is reloaded.
 */
export class StructuralEngine implements DataEngine {
  readonly kind = 'structural';
  private readonly regs: bigint[];
  private readonly wires: bigint[];
  /** Per segment: its nodes with operand sources and formats, and the registers it loads. */
  private readonly plan: { nodes: { id: number; srcs: Source[]; fmts: Format[] }[]; loads: { reg: number; src: Source }[] }[] = [];
  private readonly args: bigint[] = [];

  constructor(private readonly dp: Datapath, private readonly layout: PipelineLayout) {
    const N = layout.latency;
    this.regs = layout.registers.map(() => 0n);
    this.wires = dp.nodes.map(() => 0n);
    const segs = N === 0 ? 1 : layout.deepestBank;
    for (let seg = 0; seg < segs; seg++) {
      const nodes = dp.nodes
        .filter((n) => layout.stage[n.id] === seg && n.op !== 'input' && n.op !== 'const')
        .map((n) => ({ id: n.id, srcs: n.args.map((a) => layout.source(a, seg)), fmts: n.args.map((a) => dp.nodes[a]!.fmt) }));
      const loads = layout.registers.flatMap((r, i) => (r.seg === seg + 1 ? [{ reg: i, src: layout.source(r.node, seg) }] : []));
      this.plan.push({ nodes, loads });
    }
    const zero = new InputPort();
    zero.setBig(POWER_UP_X);
    for (let b = 2; b <= layout.deepestBank; b++) this.advance(zero);
  }

  private read(s: Source, x: bigint): bigint {
    switch (s.kind) {
      case 'const': return s.value;
      case 'input': return x;
      case 'wire': return this.wires[s.node]!;
      case 'reg': return this.regs[s.reg]!;
    }
  }

  private evalSegment(seg: number, x: bigint): void {
    const args = this.args;
    for (const n of this.plan[seg]!.nodes) {
      args.length = n.srcs.length;
      for (let i = 0; i < n.srcs.length; i++) args[i] = this.read(n.srcs[i]!, x);
      this.wires[n.id] = evalNode(this.dp.nodes[n.id]!, args, n.fmts);
    }
  }

  advance(port: InputPort): void {
    const x = port.big;
    for (let seg = this.plan.length - 1; seg >= 1; seg--) {
      this.evalSegment(seg, x);
      for (const l of this.plan[seg]!.loads) this.regs[l.reg] = this.read(l.src, x);
    }
  }

  private out(node: number, x: bigint): bigint {
    if (this.layout.latency > 0) return this.regs[this.layout.regIndex(node, this.layout.latency + 1)]!;
    this.evalSegment(0, x);
    return this.read(this.layout.source(node, 0), x);
  }

  y(x: InputPort): bigint { return this.out(this.dp.outputs.y, x.big); }
  dy(x: InputPort): bigint { return this.dp.outputs.dy === undefined ? 0n : this.out(this.dp.outputs.dy, x.big); }
  yNumber(x: InputPort): number { return Number(this.y(x)); }
  dyNumber(x: InputPort): number { return Number(this.dy(x)); }
  register(i: number): bigint { return this.regs[i]!; }
}

/**
 * Fast engine. With one enable for the whole pipeline, bank s always holds every node's value for
 * the single input code loaded s - 1 enabled edges ago (induction over the loads: segment 1 reads
 * in_x, segment s only bank s and constants). So a ring of input codes is the register state, and
 * every register is a function of its bank's code: out_y and out_dy come from the compiled
 * evaluator, once per code, when first read (a bubble nobody reads costs nothing); any other
 * register is the interpreter's value for the code (also on demand, kept per slot).
 */
export class FastEngine implements DataEngine {
  readonly kind = 'fast';
  private readonly slots: number;
  private head = 0;
  private readonly outBank: number;
  /** Number mode (the compiled evaluator applies): codes and outputs per ring slot as doubles. */
  private readonly ev: Evaluator | undefined;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly dys: Float64Array;
  private readonly yView: Float64Array[] = [];
  private readonly dyView: Float64Array[] = [];
  /** BigInt mode: codes and outputs per slot from the interpreter. */
  private readonly xb: bigint[];
  private readonly yb: bigint[];
  private readonly dyb: bigint[];
  /** Slots whose outputs are not evaluated yet. */
  private readonly pending: Uint8Array;
  /** Slot of the output bank (latency + 1), kept by advance. */
  private outS = 0;
  private readonly lat0: boolean;
  /** Optional memo of the outputs by input code (NaN: not evaluated yet), offset by the smallest code. */
  private readonly memoY: Float64Array | undefined;
  private readonly memoDy: Float64Array | undefined;
  private readonly memoBase: number;
  /** Every node's value per slot, made on demand for register reads. */
  private readonly values: (readonly bigint[] | undefined)[];
  /** Latency 0: the last evaluation of in_x. */
  private combX: number | bigint | undefined;
  private readonly combY = new Float64Array(1);
  private readonly combDy = new Float64Array(1);
  private combYb = 0n;
  private combDyb = 0n;

  constructor(private readonly dp: Datapath, private readonly layout: PipelineLayout, memo = false) {
    const ev = compile(dp);
    this.ev = ev.mode === 'number' ? ev : undefined;
    const inF = dp.nodes[dp.input]!.fmt;
    this.memoBase = -Number(minRaw(inF));
    const useMemo = memo && this.ev !== undefined && width(inF) <= MEMO_MAX_BITS;
    this.memoY = useMemo ? new Float64Array(2 ** width(inF)).fill(NaN) : undefined;
    this.memoDy = useMemo && dp.outputs.dy !== undefined ? new Float64Array(2 ** width(inF)) : undefined;
    const k = Math.max(1, layout.deepestBank - 1);
    this.slots = k;
    this.outBank = layout.latency + 1;
    this.lat0 = layout.latency === 0;
    this.xs = new Float64Array(k);
    this.ys = new Float64Array(k);
    this.dys = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      this.yView.push(this.ys.subarray(i, i + 1));
      this.dyView.push(this.dys.subarray(i, i + 1));
    }
    this.xb = new Array<bigint>(k).fill(POWER_UP_X);
    this.yb = new Array<bigint>(k).fill(0n);
    this.dyb = new Array<bigint>(k).fill(0n);
    this.values = new Array<readonly bigint[] | undefined>(k).fill(undefined);
    this.pending = new Uint8Array(k);
    const zero = new InputPort();
    zero.setBig(POWER_UP_X);
    for (let i = 0; i < k; i++) this.advance(zero);
  }

  /** Ring slot of bank `b` (2..deepest). */
  private slotOf(b: number): number {
    const s = this.head + b - 2;
    return s >= this.slots ? s - this.slots : s;
  }

  advance(x: InputPort): void {
    const h = this.head === 0 ? this.slots - 1 : this.head - 1;
    this.head = h;
    const o = h + this.outBank - 2;
    this.outS = o >= this.slots ? o - this.slots : o;
    this.values[h] = undefined;
    this.pending[h] = 1;
    if (this.ev) this.xs[h] = x.number;
    else this.xb[h] = x.big;
  }

  /** The output bank's slot, its outputs evaluated (latency > 0). */
  private out(): number {
    const s = this.outS;
    if (this.pending[s] !== 0) this.evaluate(s);
    return s;
  }

  /** Evaluates the outputs of the code in slot `s`. */
  private evaluate(s: number): void {
    this.pending[s] = 0;
    if (this.memoY) {
      const i = this.xs[s]! + this.memoBase;
      const y = this.memoY[i]!;
      if (y === y) {
        this.ys[s] = y;
        if (this.memoDy) this.dys[s] = this.memoDy[i]!;
        return;
      }
      this.ev!.evalRange(this.xs[s]!, 1, this.yView[s]!, this.dyView[s]);
      this.memoY[i] = this.ys[s]!;
      if (this.memoDy) this.memoDy[i] = this.dys[s]!;
    } else if (this.ev) this.ev.evalRange(this.xs[s]!, 1, this.yView[s]!, this.dyView[s]);
    else {
      const r = interpret(this.dp, this.xb[s]!);
      this.yb[s] = r.y;
      this.dyb[s] = r.dy ?? 0n;
      this.values[s] = r.values;
    }
  }

  private comb(x: InputPort): void {
    if (this.ev) {
      if (this.combX === x.number) return;
      this.combX = x.number;
      this.ev.evalRange(x.number, 1, this.combY, this.combDy);
    } else {
      if (this.combX === x.big) return;
      this.combX = x.big;
      const r = interpret(this.dp, x.big);
      this.combYb = r.y;
      this.combDyb = r.dy ?? 0n;
    }
  }

  yNumber(x: InputPort): number {
    if (this.lat0) {
      this.comb(x);
      return this.ev ? this.combY[0]! : Number(this.combYb);
    }
    const s = this.out();
    return this.ev ? this.ys[s]! : Number(this.yb[s]!);
  }

  dyNumber(x: InputPort): number {
    if (this.dp.outputs.dy === undefined) return 0;
    if (this.lat0) {
      this.comb(x);
      return this.ev ? this.combDy[0]! : Number(this.combDyb);
    }
    const s = this.out();
    return this.ev ? this.dys[s]! : Number(this.dyb[s]!);
  }

  y(x: InputPort): bigint {
    if (this.ev) return BigInt(this.yNumber(x));
    if (this.lat0) { this.comb(x); return this.combYb; }
    return this.yb[this.out()]!;
  }

  dy(x: InputPort): bigint {
    if (this.ev) return BigInt(this.dyNumber(x));
    if (this.dp.outputs.dy === undefined) return 0n;
    if (this.lat0) { this.comb(x); return this.combDyb; }
    return this.dyb[this.out()]!;
  }

  register(i: number): bigint {
    const r = this.layout.registers[i]!;
    const s = this.slotOf(r.seg);
    let v = this.values[s];
    if (!v) {
      v = interpret(this.dp, this.ev ? BigInt(this.xs[s]!) : this.xb[s]!).values;
      this.values[s] = v;
    }
    return v[r.node]!;
  }
}

export function makeEngine(kind: EngineKind, dp: Datapath, layout: PipelineLayout, memo = false): DataEngine {
  return kind === 'fast' ? new FastEngine(dp, layout, memo) : new StructuralEngine(dp, layout);
}
