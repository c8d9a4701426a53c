// Flip-flops of the pipelined core as Yosys leaves them: one per live, non-constant bit per stage
// crossed (copies merged), valid bits, one-hot re-encoded exponent registers (the fsm pass), minus
// registers packed into DSP blocks and, on Xilinx, shift chains that become SRL16E.

import type { Target } from '../targets/index.js';
import {
  opOf, popCount, resizeLogic, normExpStates, hasEnable, type BitView, type Datapath, type RegisterBit, type RomMapping,
} from '../datapath/index.js';

/** Output bits of a root whose register opt_dff splits (see OpDef.foldedResetBits). */
function foldedResetBits(dp: Datapath, v: BitView, root: number): bigint {
  const n = dp.nodes[root]!;
  return opOf(n).foldedResetBits(n, n.args.map((a) => dp.nodes[a]!.fmt), v);
}

export interface RegisterCount {
  /** Flip-flops left in the fabric (valid bits included). */
  readonly ff: number;
  /** Data FFs before DSP packing, RAM merging and SRL extraction. */
  readonly pipelineBits: number;
  readonly absorbedByDsp: number;
  /** FFs that went into block RAM ports (negative: a table's data register replaced its address). */
  readonly absorbedByRam: number;
  readonly inSrl: number;
  /** Number of SRL16E cells (Xilinx), which count neither as LUT nor as FF. */
  readonly srl: number;
}

/** What the register count needs to know about the other resources. */
export interface RegisterContext {
  /** Multipliers whose DSP tiles take registers (single-tile products; every SB_MAC16 product). */
  readonly dspMuls: ReadonlySet<number>;
  readonly roms: ReadonlyMap<number, RomMapping>;
}

/** Counts the FFs of the core for `target`, given its register chains (registerBits). */
export function countRegisters(dp: Datapath, v: BitView, chains: readonly RegisterBit[], latency: number, target: Target, ctx: RegisterContext): RegisterCount {
  // alive[c][s - first]: whether that FF stays in the fabric; tapped: FFs a DSP copies from.
  const alive = chains.map((c) => c.readersAt.map(() => true));
  const tapped = chains.map((c) => c.readersAt.map(() => false));
  const byRoot = new Map<number, number[]>();
  chains.forEach((c, i) => byRoot.set(c.root, [...(byRoot.get(c.root) ?? []), i]));
  let extra = 0;

  // opt_merge: the low bits a saturating resize appends (frac widening) are one signal.
  chains.forEach((c, i) => {
    const n = dp.nodes[c.root]!;
    if (n.op !== 'resize') return;
    const from = dp.nodes[n.args[0]!]!.fmt;
    const grow = n.fmt.frac - from.frac;
    if (grow > 1 && c.bit > 0 && c.bit < grow && resizeLogic(n, from).saturate) alive[i]!.fill(false);
  });

  // The fsm pass re-encodes a once-registered exponent that only feeds comparisons: one-hot.
  for (const [root, idx] of byRoot) {
    if (dp.nodes[root]!.op !== 'normExp') continue;
    const cs = idx.map((i) => chains[i]!);
    const onlyCompares = cs.every((c) => c.first === c.last && c.readersAt[0]!.every((r) => r >= 0 && (dp.nodes[r]!.op === 'normShift' || dp.nodes[r]!.op === 'vshr')));
    const states = normExpStates(dp, root);
    if (onlyCompares && states >= 3) extra += states - cs.length;
  }

  // Tables: memory_dff merges one register into the read port; block RAM keeps it inside, logic
  // gives it back as a data register after the table.
  let ram = 0;
  let ramData = 0;
  for (const [id, r] of ctx.roms) {
    const s = v.stage[id]!;
    if (r.merged === 'output' && r.bram) {
      for (const i of byRoot.get(id) ?? []) if (chains[i]!.first === s + 1 && alive[i]![0]) { alive[i]![0] = false; ram++; }
    }
    if (r.merged === 'address') {
      // Under a clock enable (ready-valid, AXI4-Stream) memory_map keeps the address register
      // beside the new data register (measured on the default core, synth_ice40 and synth_xilinx:
      // 6 of its 7 address FFs stay), so the merge saves nothing on the address side.
      if (!r.bram && hasEnable(dp)) { ramData += popCount(v.used[id]!); continue; }
      chains.forEach((c, i) => {
        if (c.last === s && c.first <= s && c.readersAt[s - c.first]!.includes(id) && alive[i]![s - c.first]) { alive[i]![s - c.first] = false; ram++; }
      });
      if (!r.bram) ramData += popCount(v.used[id]!);
    }
  }

  // DSP operand registers: an FF goes into the DSP blocks when every consumer is a multiplier that
  // packs it within its register levels (A1/A2, B1/B2 on 7-series; one level on SB_MAC16);
  // multipliers reading an FF that stays keep their own copies and tap the chain further back.
  const levels = target.dsp?.registers ?? { input: 0, output: 0 };
  let absorbed = 0;
  if (levels.input > 0) {
    const folded = new Set<number>();
    for (const c of chains) if ((foldedResetBits(dp, v, c.root) & v.used[c.root]!) !== 0n) folded.add(c.root);
    chains.forEach((c, ci) => {
      const packable = (k: number) => k > 0 || !folded.has(c.root);
      const depth: number[] = [];
      for (let k = c.readersAt.length - 1; k >= 0; k--) {
        const rs = c.readersAt[k]!;
        const last = k + 1 === c.readersAt.length;
        const dspReaders = new Set(rs);
        // One multiplier per FF and segment (packers copy along a chain, not across DSPs); a square
        // (A and B from one FF) shares its FF with a later stage only through the fabric.
        const alone = dspReaders.size <= 1 && (levels.input === 1 || last || ![...dspReaders].some((r) => dp.nodes[r]!.op === 'square'));
        let d = rs.some((r) => r < 0 || !ctx.dspMuls.has(r)) || !alive[ci]![k] || !alone ? Infinity : rs.length > 0 ? 1 : 0;
        if (!last) d = Math.max(d, depth[k + 1]! + 1);
        if (!packable(k)) d = Infinity;
        depth[k] = d;
      }
      for (let k = 0; k < depth.length; k++) {
        if (depth[k]! <= levels.input && alive[ci]![k]) { alive[ci]![k] = false; absorbed++; }
      }
      // Kept FFs read by a DSP: the DSP copies up to `input` levels and reads the chain behind them
      // (the root itself when the copy reaches back to it); one it cannot copy it reads in place.
      for (let k = 0; k < depth.length; k++) {
        if (!alive[ci]![k] || !c.readersAt[k]!.some((r) => ctx.dspMuls.has(r))) continue;
        let t = k;
        for (let l = 0; l < levels.input && t >= 0 && packable(t); l++) t--;
        if (t >= 0) tapped[ci]![t] = true;
      }
    });
    // Result register: packed when nothing in the multiplier's own segment reads the product.
    for (const m of levels.output > 0 ? ctx.dspMuls : []) {
      const s = v.stage[m]!;
      const sameStage = v.readers[m]!.some((rs) => rs.some((r) => r.seg === s));
      if (sameStage) continue;
      for (const i of byRoot.get(m) ?? []) if (chains[i]!.first === s + 1 && alive[i]![0]) { alive[i]![0] = false; absorbed++; }
    }
  }

  const pipelineBits = chains.reduce((a, c) => a + c.readersAt.length, 0);
  let inSrl = 0;
  let srl = 0;
  const srlMin = target.srlMinLength;
  if (srlMin !== undefined) {
    chains.forEach((c, ci) => {
      let run = 0;
      const flush = () => { if (run >= srlMin) { inSrl += run; srl += Math.ceil(run / 16); } run = 0; };
      const folded = (foldedResetBits(dp, v, c.root) >> BigInt(c.bit)) & 1n;
      c.readersAt.forEach((rs, k) => {
        if (!alive[ci]![k]) { flush(); return; }
        // An FF with a folded set/reset (the first of a saturating or shifting root) is no SRL tap.
        if (k === 0 && folded) return;
        run++;
        // A multiplier whose DSP copied this FF reads the chain further back (tapped), not here:
        // the FF is no tap, and the chain behind it can still be one shift register.
        if (rs.some((r) => !ctx.dspMuls.has(r)) || tapped[ci]![k]) flush();
      });
      flush();
    });
  }
  const kept = alive.reduce((a, c) => a + c.filter((x) => x).length, 0);
  // AXI4-Stream carries tlast through a 1-bit chain beside the valid bits (no reset: SRL-able).
  const user = dp.spec.interface === 'axis' && !(srlMin !== undefined && latency >= srlMin) ? latency : 0;
  const ff = kept - inSrl + extra + ramData + latency + user;
  return { ff, pipelineBits, absorbedByDsp: absorbed, absorbedByRam: ram - ramData, inSrl, srl };
}
