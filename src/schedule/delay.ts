// The delay model: each op's combinational delay (ns) on a device, from the op's own rule
// (src/datapath/ops) and the device's fabric facts (src/targets). Rough by design (no placement),
// but it orders designs correctly and keeps every stage under the clock period the user asks for;
// nextpnr-ice40 gives the measured Fmax where installed.

import { TARGETS, type TargetName } from '../targets/index.js';
import { opOf, type Datapath, type Node } from '../datapath/index.js';

/** Combinational delay (ns) of node `n` on the target. */
export function nodeDelay(n: Node, dp: Datapath, target: TargetName): number {
  return opOf(n).delay(n, dp, TARGETS[target]);
}

/** Delay of every node on the target, by id. */
export function nodeDelays(dp: Datapath, target: TargetName): number[] {
  return dp.nodes.map((n) => nodeDelay(n, dp, target));
}
