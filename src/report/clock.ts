// The clock a spec asks for against the one its schedule reaches: when an asked clockMHz cannot be
// met (an op slower than the period on its own, or a fixed register count), one warning that names
// the asked and the reached frequency and the op that limits it. Every report and command says it.

import type { Datapath } from '../datapath/index.js';
import { nodeDelays, type Schedule } from '../schedule/index.js';

export interface ClockWarning {
  readonly askedMHz: number;
  readonly reachedMHz: number;
  /** The slowest single op of the slowest register-to-register segment. */
  readonly limitingOp: { readonly name: string; readonly op: string; readonly delayNs: number };
  readonly text: string;
}

/** The warning when the spec names a clock (not "auto") that the schedule's estimate misses. */
export function clockShortfall(dp: Datapath, sched: Schedule): ClockWarning | undefined {
  const asked = dp.spec.clockMHz;
  if (asked === 'auto' || sched.fmaxMHz >= asked * (1 - 1e-9)) return undefined;
  // The iterative schedule describes its folded datapath.
  const sdp = sched.iterative ? sched.iterative.fold.dp : dp;
  const delay = nodeDelays(sdp, sched.target);
  const worst = sched.segmentDelay.indexOf(Math.max(...sched.segmentDelay)) + 1;
  let limit = sdp.nodes[0]!;
  for (const n of sdp.nodes) {
    if (Math.max(1, sched.stage[n.id] ?? 0) === worst && delay[n.id]! > delay[limit.id]!) limit = n;
  }
  const delayNs = delay[limit.id]!;
  const reached = sched.fmaxMHz;
  return {
    askedMHz: asked, reachedMHz: Number(reached.toFixed(2)), limitingOp: { name: limit.name, op: limit.op, delayNs: Number(delayNs.toFixed(3)) },
    text: `clock: ${asked} MHz asked on ${sched.target} cannot be met: the estimate reaches ${reached.toFixed(1)} MHz, limited by ${limit.op} "${limit.name}" (${delayNs.toFixed(2)} ns on its own)`,
  };
}
