// Shifts by a small unsigned exponent e, one constant shift per value of e (a case-per-exponent
// multiplexer in Verilog): `normShift` (t, e) -> m = t * 4^-e truncated to the node format uQ2.M
// (m in [1, 4)), and `vshr` (a, e) -> a * 2^(-factor * e), exact (the format grows by
// factor * max(e) fraction bits, see vshrFormat).

import { width, roundShiftBig, type Format } from '../../fixedpoint/index.js';
import type { BitSource, NodeOf, OpDef } from './types.js';
import { knownBit, ones, shifted, topBit } from './bits.js';
import { decl, ext, lit, maxOfBits, p2, slice } from './spell.js';
import { selectDelay } from './timing.js';

type CaseShift = NodeOf<'normShift'> | NodeOf<'vshr'>;

const emaxOf = (fe: Format) => maxOfBits(width(fe));

/** Result format of vshr: the same integer bits, factor * max(e) more fraction bits. */
export function vshrFormat(a: Format, e: Format, factor: number): Format {
  return { signed: a.signed, int: a.int, frac: a.frac + factor * emaxOf(e) };
}

/** Left shift of the operand for exponent value `ev`. */
function shiftFor(n: CaseShift, fa: readonly Format[], ev: number): number {
  return n.op === 'vshr' ? n.factor * (emaxOf(fa[1]!) - ev) : n.fmt.frac - fa[0]!.frac - 2 * ev;
}

/** The operand bit result bit k takes for exponent value ev ('zero' outside the operand). */
function operandBit(n: CaseShift, fa: readonly Format[], k: number, ev: number): number | 'zero' {
  const s = shiftFor(n, fa, ev);
  const wa = width(fa[0]!);
  if (n.op === 'vshr') return shifted(k, s, wa, fa[0]!.signed);
  return k - s < 0 || k - s >= wa ? 'zero' : k - s;
}

function makeCaseShift(): Omit<OpDef<'normShift' | 'vshr'>, 'kind'> {
  return {
    costClass: 'shift',
    evaluate(n, a, fa) {
      if (n.op === 'vshr') return a[0]! << BigInt(n.factor * (emaxOf(fa[1]!) - Number(a[1]!)));
      const e = Number(a[1]!);
      return roundShiftBig(a[0]!, fa[0]!.frac + 2 * e, n.fmt.frac, 'truncate') & ones(width(n.fmt));
    },
    js(n, a, fa, consts) {
      const v = `v${n.id}`;
      const tbl = `P${consts.length}`;
      const emax = emaxOf(fa[1]!);
      consts.push(`const ${tbl} = [${Array.from({ length: emax + 1 }, (_, e) => p2(shiftFor(n, fa, e))).join(', ')}];`);
      if (n.op === 'vshr') return [`const ${v} = ${a[0]} * ${tbl}[${a[1]}];`];
      const m = p2(width(n.fmt));
      return [`let ${v} = Math.floor(${a[0]} * ${tbl}[${a[1]}]);`, `if (${v} >= ${m}) ${v} -= Math.floor(${v} / ${m}) * ${m};`];
    },
    verilog(n, a, fa, out) {
      const w = width(n.fmt);
      const wa = width(fa[0]!);
      const we = width(fa[1]!);
      const emax = emaxOf(fa[1]!);
      if (n.op === 'normShift') {
        // m = t * 4^-e truncated: one constant shift per value of e.
        let expr = lit(w, 0n);
        for (let e = emax; e >= 0; e--) {
          const s = shiftFor(n, fa, e); // left shift by s
          expr = `(${a[1]} == ${lit(we, BigInt(e))}) ? ${slice(a[0]!, wa, w - 1 - s, -s)} : ${expr}`;
        }
        return [`assign ${out} = ${expr};`];
      }
      // a * 2^(factor * (emax - e)): one constant left shift per value of e, sign-extended.
      const lines: string[] = [];
      for (let e = 0; e <= emax; e++) {
        const s = shiftFor(n, fa, e);
        const sh = `${out}__s${e}`;
        lines.push(decl(sh, wa + s), `assign ${sh} = ${s === 0 ? a[0] : `{${a[0]}, ${s}'b0}`};`);
        lines.push(decl(`${out}__x${e}`, w), `assign ${out}__x${e} = ${ext(sh, wa + s, w, fa[0]!.signed)};`);
      }
      let mux = `${out}__x${emax}`;
      for (let e = emax - 1; e >= 0; e--) mux = `(${a[1]} == ${lit(we, BigInt(e))}) ? ${out}__x${e} : ${mux}`;
      lines.push(`assign ${out} = ${mux};`);
      return lines;
    },
    delay: (n, dp, t) => selectDelay(t, 2 ** width(dp.nodes[n.args[1]!]!.fmt)),
    bits(n, fa, src) {
      const bits: BitSource[] = [];
      for (let k = 0; k < width(n.fmt); k++) {
        let v: 0 | 1 | undefined | null = null;
        for (let ev = 0; ev <= emaxOf(fa[1]!) && v !== undefined; ev++) {
          const i = operandBit(n, fa, k, ev);
          const b = knownBit(i === 'zero' ? 'zero' : src(n.args[0]!, i));
          v = v === null ? b : v === b ? v : undefined;
        }
        bits.push(v === null || v === undefined ? { root: n.id, bit: k } : { value: v });
      }
      return { bits, alias: false };
    },
    reads(n, u, fa) {
      let m = 0n;
      for (let ev = 0; ev <= emaxOf(fa[1]!); ev++) {
        for (let k = 0; k <= topBit(u); k++) {
          if (((u >> BigInt(k)) & 1n) === 0n) continue;
          const i = operandBit(n, fa, k, ev);
          if (i !== 'zero') m |= 1n << BigInt(i);
        }
      }
      return [m, ones(width(fa[1]!))];
    },
    area(n, { dp, view: v, target }) {
      // Per result bit, a multiplexer over the distinct operand bits the exponent values select
      // (zero fill counts as one more arm).
      const fa = n.args.map((id) => dp.nodes[id]!.fmt);
      const u = v.used[n.id]!;
      let lut = 0;
      for (let j = 0; j <= topBit(u); j++) {
        if (((u >> BigInt(j)) & 1n) === 0n) continue;
        const sources = new Set<string>();
        for (let e = 0; e <= emaxOf(fa[1]!); e++) {
          const i = operandBit(n, fa, j, e);
          if (i === 'zero') { sources.add('0'); continue; }
          const src = v.source[n.args[0]!]![i]!;
          sources.add('value' in src ? String(src.value) : `${src.root}:${src.bit}`);
        }
        const m = sources.size;
        if (m <= 1) continue;
        lut += target.lutInputs === 4 ? (m - 1) * (m > 4 ? 0.9 : 1) : m <= 4 ? 1 : 0.5 * m - 0.5;
      }
      return { parts: [{ cls: 'shift', lut, carry: 0 }] };
    },
    simpleCost: (n, fa) => width(n.fmt) * Math.max(1, width(fa[1]!)),
    significantBits: (n, argSig) => (n.op === 'vshr' ? argSig[0]! : width(n.fmt)),
    foldedResetBits: (n, fa) => ones(Math.min(width(n.fmt), n.op === 'vshr' ? n.factor * emaxOf(fa[1]!) : n.fmt.frac - fa[0]!.frac)),
  };
}

export const NORM_SHIFT: OpDef<'normShift'> = { kind: 'normShift', ...makeCaseShift() };
export const VSHR: OpDef<'vshr'> = { kind: 'vshr', ...makeCaseShift() };