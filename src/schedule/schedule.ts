// Pipeline schedule: which combinational segment (1..N) computes each node. Three ways: a stage
// count (cuts balance the target's delay estimate), a list of cuts by node name, or "auto" (as few
// stages as keep every segment within the clock period). The RTL generator places a register
// wherever a value crosses a cut and the cycle simulator reads the same schedule: LATENCY = N.

import { foldLoop, type Datapath, type FoldedLoop } from '../datapath/index.js';
import { SpecError } from '../spec/index.js';
import { TARGETS, type TargetName } from '../targets/index.js';
import { nodeDelays } from './delay.js';

export interface Schedule {
  /** Register stages on every input-to-output path (the core's LATENCY). */
  readonly latency: number;
  /** Segment (1..latency) that computes each node; 0 for every node of a combinational core. */
  readonly stage: readonly number[];
  /** Arrival time (ns) of each node inside its segment, by the delay model of `target`. */
  readonly arrival: readonly number[];
  /** Longest combinational delay of each segment (index 0 = segment 1), ns. */
  readonly segmentDelay: readonly number[];
  /** Longest segment plus register overhead, ns; its inverse is the estimated Fmax. */
  readonly critical: number;
  readonly fmaxMHz: number;
  readonly target: TargetName;
  /** The clock the schedule aimed at ("auto" only). */
  readonly clockMHz?: number;
  /** Ops slower than the clock period on their own (cannot be split by registers). */
  readonly tooSlow: readonly string[];
  /** Cycles between accepted items at full rate (1 pipelined; steps for an iterative core). */
  readonly initiationInterval: number;
  /**
   * The iterative architecture: `stage`, `arrival` and `segmentDelay` then describe the folded
   * datapath `fold.dp` (segment 1 the input side, segment 2 the loop unit plus output side), and
   * `latency` is steps + 1 (state registers, `steps - 1` passes through the unit, output register).
   */
  readonly iterative?: { readonly fold: FoldedLoop; readonly steps: number; readonly lanes: number };
}

export type PipelineSpec = number | 'auto' | readonly string[];
export interface ScheduleOptions {
  readonly target?: TargetName;
  /** Clock for "auto"; defaults to the target's default clock. */
  readonly clockMHz?: number;
}

/**
 * The names in the spec's list of cuts that the datapath has no node for (none for a stage count
 * or "auto"). A list names the nodes of one design (as `isrlu elaborate` shows them): the faithful
 * search prices only the designs that have them all.
 */
export function missingCuts(dp: Datapath, pipeline: PipelineSpec = dp.spec.pipeline): string[] {
  if (!Array.isArray(pipeline)) return [];
  const names = new Set(dp.nodes.map((n) => n.name));
  return (pipeline as readonly string[]).filter((c) => !names.has(c));
}

/** Schedules the datapath (defaults: the spec's pipeline, device and clock). */
export function scheduleDatapath(dp: Datapath, pipeline: PipelineSpec = dp.spec.pipeline, opts: ScheduleOptions = {}): Schedule {
  if (dp.spec.architecture === 'iterative') return scheduleIterative(dp, opts);
  const target = opts.target ?? dp.spec.device;
  const model = TARGETS[target];
  const delay = nodeDelays(dp, target);
  const nodes = dp.nodes;
  const outs = [dp.outputs.y, ...(dp.outputs.dy !== undefined ? [dp.outputs.dy] : [])];
  let stage: number[];
  let clockMHz: number | undefined;
  const held = registeredReads(dp, delay);
  if (pipeline === 0) stage = nodes.map(() => 0);
  else if (Array.isArray(pipeline)) stage = registerHeld(dp, byCuts(dp, pipeline as readonly string[]), held, true);
  else if (pipeline === 'auto') {
    clockMHz = opts.clockMHz ?? (dp.spec.clockMHz === 'auto' ? model.defaultClockMHz : dp.spec.clockMHz);
    stage = byClock(dp, delay, 1000 / clockMHz - model.delay.register, held);
  } else stage = registerHeld(dp, byCount(dp, delay, pipeline as number), held);
  const latency = Math.max(0, ...outs.map((o) => stage[o]!));
  return { ...timeStages(dp, stage, latency, target, clockMHz), initiationInterval: 1 };
}

/**
 * The iterative core: the state registers take a new item (the input side's values), the loop
 * unit runs `steps - 1` times on the loop register, and its last pass feeds the output side into
 * the output register. Latency steps + 1; a new item every `steps` cycles per lane.
 */
function scheduleIterative(dp: Datapath, opts: ScheduleOptions): Schedule {
  const target = opts.target ?? dp.spec.device;
  const fold = foldLoop(dp);
  const clockMHz = opts.clockMHz ?? (dp.spec.clockMHz === 'auto' ? undefined : dp.spec.clockMHz);
  const t = timeStages(fold.dp, fold.stage, 2, target, clockMHz);
  return { ...t, latency: fold.steps + 1, initiationInterval: fold.steps, iterative: { fold, steps: fold.steps, lanes: dp.spec.lanes } };
}

/** Arrival times, segment delays and Fmax of a stage assignment. */
function timeStages(dp: Datapath, stage: readonly number[], latency: number, target: TargetName, clockMHz: number | undefined): Omit<Schedule, 'initiationInterval'> {
  const model = TARGETS[target];
  const delay = nodeDelays(dp, target);
  const nodes = dp.nodes;
  // Arrival inside each segment: operands from earlier segments come from registers (time 0).
  const arrival: number[] = [];
  for (const n of nodes) {
    const start = n.args.reduce((t, a) => (stage[a] === stage[n.id] ? Math.max(t, arrival[a]!) : t), 0);
    arrival[n.id] = start + delay[n.id]!;
  }
  const segments = Math.max(1, latency);
  const segmentDelay = new Array<number>(segments).fill(0);
  for (const n of nodes) {
    const s = Math.max(1, stage[n.id]!) - 1;
    segmentDelay[s] = Math.max(segmentDelay[s]!, arrival[n.id]!);
  }
  const critical = Math.max(...segmentDelay) + model.delay.register;
  const period = clockMHz ? 1000 / clockMHz - model.delay.register : Infinity;
  const tooSlow = nodes.filter((n) => delay[n.id]! > period).map((n) => n.name);
  return {
    latency, stage, arrival, segmentDelay, critical, fmaxMHz: 1000 / critical, target,
    ...(clockMHz !== undefined ? { clockMHz } : {}), tooSlow,
  };
}

/** N stages: each node goes to segment ceil(arrival * N / total), never before its operands. */
function byCount(dp: Datapath, delay: readonly number[], N: number): number[] {
  const t: number[] = [];
  for (const n of dp.nodes) t[n.id] = n.args.reduce((m, a) => Math.max(m, t[a]!), 0) + delay[n.id]!;
  const outs = [dp.outputs.y, ...(dp.outputs.dy !== undefined ? [dp.outputs.dy] : [])];
  const total = Math.max(1e-9, ...outs.map((o) => t[o]!));
  const stage: number[] = [];
  for (const n of dp.nodes) {
    const own = Math.min(N, Math.max(1, Math.ceil((t[n.id]! * N) / total - 1e-9)));
    stage[n.id] = n.args.reduce((m, a) => Math.max(m, stage[a]!), own);
  }
  // Outputs end in the last segment so that every path has N registers.
  for (const o of outs) stage[o] = Math.max(stage[o]!, 1);
  return stage;
}

/**
 * Values that must be registered before logic reads them: block RAM tables (a synchronous read), and
 * wiring (delay-0 nodes) of them. held(a, n): node n may not read a in a's own segment.
 */
function registeredReads(dp: Datapath, delay: readonly number[]): (a: number, n: number) => boolean {
  const src: boolean[] = [];
  for (const n of dp.nodes) src[n.id] = (n.op === 'rom' && n.block === true) || (delay[n.id] === 0 && n.op !== 'const' && n.args.some((a) => src[a]));
  return (a, n) => src[a]! && !(delay[n] === 0 && dp.nodes[n]!.op !== 'const');
}

/**
 * Moves every reader of a held value past the value's segment (and its readers after it).
 * `keepCuts`: every register the stages put between a value and its reader stays there (cuts the
 * spec names); otherwise a held read's register may stand in for one of a stage count's cuts.
 */
function registerHeld(dp: Datapath, stage: number[], held: (a: number, n: number) => boolean, keepCuts = false): number[] {
  const out: number[] = [];
  for (const n of dp.nodes) {
    out[n.id] = n.args.reduce((m, a) => Math.max(m, out[a]! + Math.max(keepCuts ? stage[n.id]! - stage[a]! : 0, held(a, n.id) ? 1 : 0)), stage[n.id]!);
  }
  return out;
}

/** As few segments as possible with each one's delay within `budget` ns (greedy, in graph order). */
function byClock(dp: Datapath, delay: readonly number[], budget: number, held: (a: number, n: number) => boolean): number[] {
  const stage: number[] = [];
  const local: number[] = [];
  for (const n of dp.nodes) {
    let s = n.args.reduce((m, a) => Math.max(m, stage[a]! + (held(a, n.id) ? 1 : 0)), 1);
    let t = n.args.reduce((m, a) => (stage[a] === s ? Math.max(m, local[a]!) : m), 0) + delay[n.id]!;
    if (t > budget && delay[n.id]! > 0 && t > delay[n.id]!) {
      s += 1;
      t = delay[n.id]!;
    }
    stage[n.id] = s;
    local[n.id] = t;
  }
  return stage;
}

/** Cuts by node name: a register after each named node (its consumers move to the next segment). */
function byCuts(dp: Datapath, cuts: readonly string[]): number[] {
  const names = new Map(dp.nodes.map((n) => [n.name, n.id]));
  const cut = new Set<number>();
  for (const c of cuts) {
    const id = names.get(c);
    if (id === undefined) {
      throw new SpecError('pipeline', `no datapath node named "${c}" to cut after (see \`isrlu elaborate\`; nodes: ${[...names.keys()].join(', ')})`);
    }
    cut.add(id);
  }
  const stage: number[] = [];
  for (const n of dp.nodes) stage[n.id] = n.args.reduce((m, a) => Math.max(m, stage[a]! + (cut.has(a) ? 1 : 0)), 1);
  return stage;
}
