// Bit-usage analysis of generated Verilog: finds the bits of each datapath signal that nothing
// reads (the low bits a truncation drops, say), so the module can collect them into one
// `unused_bits` wire and stay clean under `verilator -Wall` without switching any warning off.

const REF = /\b([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)(?::(\d+))?\])?/g;

/**
 * `signals`: declared name -> width. `lines`: every statement that reads them. The left-hand side of
 * `assign X =` and of `X <=` is a write and does not count. Returns Verilog bit-selects of the
 * unread bits, e.g. ["d_t[3:0]", "d_m[9]"].
 */
export function unusedBits(signals: ReadonlyMap<string, number>, lines: readonly string[]): string[] {
  const used = new Map<string, boolean[]>();
  for (const [n, w] of signals) used.set(n, new Array<boolean>(w).fill(false));
  for (const line of lines) {
    if (/^\s*(wire|reg)\b/.test(line) || line.trim().startsWith('//')) continue;
    const rhs = line.replace(/^\s*assign\s+[A-Za-z_][A-Za-z0-9_]*\s*=/, '').replace(/^\s*[A-Za-z_][A-Za-z0-9_]*\s*<=/, '');
    for (const m of rhs.matchAll(REF)) {
      const bits = used.get(m[1]!);
      if (!bits) continue;
      if (m[2] === undefined) bits.fill(true);
      else {
        const hi = Number(m[2]);
        const lo = m[3] === undefined ? hi : Number(m[3]);
        for (let i = lo; i <= hi && i < bits.length; i++) bits[i] = true;
      }
    }
  }
  const out: string[] = [];
  for (const [name, bits] of used) {
    for (let i = bits.length - 1; i >= 0;) {
      if (bits[i]) { i--; continue; }
      let j = i;
      while (j > 0 && !bits[j - 1]) j--;
      out.push(i === j ? `${name}[${i}]` : `${name}[${i}:${j}]`);
      i = j - 1;
    }
  }
  return out;
}

const DECL = /^\s*(?:wire|reg)\s*(?:\[(\d+):0\])?\s*([A-Za-z_][A-Za-z0-9_]*)\s*;/;

/**
 * The `unused_bits` expression of a module: signals declared in `decls` (wire/reg lines) and the
 * registers `regs`, read by `reads` (assignments and `x <= SRC;` lines for every other reader).
 * Empty when every bit is read.
 */
export function unusedBitsSink(decls: readonly string[], regs: readonly { readonly name: string; readonly width: number }[], reads: readonly string[]): string {
  const signals = new Map<string, number>();
  for (const l of decls) {
    const m = DECL.exec(l);
    if (m) signals.set(m[2]!, m[1] === undefined ? 1 : Number(m[1]) + 1);
  }
  for (const r of regs) signals.set(r.name, r.width);
  const bits = unusedBits(signals, reads);
  return bits.length ? `&{1'b0, ${bits.join(', ')}}` : '';
}
