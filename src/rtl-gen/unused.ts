// The `unused_bits` sink of a module: the bits of its signals that no statement needs, collected into
// one wire so that `verilator -Wall` sees every bit read without switching a warning off. The bits
// come from the datapath's liveness (segmentReads: which bits each segment's readers need) and
// from the ops' own helper wires (the bits their spelling leaves, reported through VerilogContext).

/** One Verilog signal of a core: its width and the bits statements need (undefined: all of them). */
export interface SignalUse {
  readonly name: string;
  readonly width: number;
  readonly needed?: bigint;
}

/** Bit-selects of the bits of `s` not in `needed`, high ranges first, e.g. ["d_t[3:0]", "d_m[9]"]. */
function unneeded(s: SignalUse): string[] {
  if (s.needed === undefined) return [];
  const out: string[] = [];
  const has = (i: number) => ((s.needed! >> BigInt(i)) & 1n) === 1n;
  for (let i = s.width - 1; i >= 0;) {
    if (has(i)) { i--; continue; }
    let j = i;
    while (j > 0 && !has(j - 1)) j--;
    out.push(i === j ? `${s.name}[${i}]` : `${s.name}[${i}:${j}]`);
    i = j - 1;
  }
  return out;
}

/**
 * The sink expression over the wires' unneeded bits, the ops' helper-wire leftovers and the
 * registers' unneeded bits, in that order; empty when every bit is needed.
 */
export function unusedBitsSink(wires: readonly SignalUse[], helperDrops: readonly string[], regs: readonly SignalUse[]): string {
  const bits = [...wires.flatMap(unneeded), ...helperDrops, ...regs.flatMap(unneeded)];
  return bits.length ? `&{1'b0, ${bits.join(', ')}}` : '';
}
