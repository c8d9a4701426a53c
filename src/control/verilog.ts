// A control plan printed as Verilog (the lines the core templates insert): register declarations,
// the wires, then one always block for the registers rst clears and one for those it does not.

import type { ControlPlan, Ctl } from './plan.js';

const lit = (w: number, v: number): string => (w === 1 ? `1'b${v}` : `${w}'h${v.toString(16)}`);

const atomic = (e: Ctl): boolean => e.op === 'ref' || e.op === 'const' || e.op === 'not' || e.op === 'eq';

/** A control expression in Verilog. */
export function ctlVerilog(e: Ctl): string {
  const sub = (x: Ctl) => (atomic(x) ? ctlVerilog(x) : `(${ctlVerilog(x)})`);
  switch (e.op) {
    case 'ref': return e.name;
    case 'const': return lit(e.width, e.value);
    case 'not': return `~${sub(e.a)}`;
    case 'and': return `${sub(e.a)} & ${sub(e.b)}`;
    case 'or': return `${sub(e.a)} | ${sub(e.b)}`;
    case 'eq': return `(${sub(e.a)} == ${lit(e.width, e.value)})`;
    case 'inc': {
      const plus = `${sub(e.a)} + ${lit(e.width, 1)}`;
      return e.last === undefined || e.last === 2 ** e.width - 1 ? plus : `(${sub(e.a)} == ${lit(e.width, e.last)}) ? ${lit(e.width, 0)} : ${plus}`;
    }
    case 'mux': return `${sub(e.sel)} ? ${sub(e.a)} : ${sub(e.b)}`;
  }
}

interface Load { readonly name: string; readonly width: number; readonly enable: string; readonly next: string }

/** The always block of some registers: an optional synchronous clear, then each enable's loads. */
function alwaysBlock(loads: readonly Load[], reset: boolean): string[] {
  if (loads.length === 0) return [];
  const groups = new Map<string, Load[]>();
  for (const l of loads) groups.set(l.enable, [...(groups.get(l.enable) ?? []), l]);
  const out = ['  always @(posedge clk) begin'];
  const body = (indent: string, ls: readonly Load[]) => ls.map((l) => `${indent}${l.name} <= ${l.next};`);
  const single = groups.size === 1 ? [...groups][0]! : undefined;
  if (reset) {
    out.push('    if (rst) begin', ...loads.map((l) => `      ${l.name} <= ${lit(l.width, 0)};`));
    if (single) out.push(`    end else if (${single[0]}) begin`, ...body('      ', single[1]), '    end');
    else {
      out.push('    end else begin');
      for (const [en, ls] of groups) out.push(`      if (${en}) begin`, ...body('        ', ls), '      end');
      out.push('    end');
    }
  } else {
    for (const [en, ls] of groups) out.push(`    if (${en}) begin`, ...body('      ', ls), '    end');
  }
  out.push('  end');
  return out;
}

/** The plan's Verilog, two-space indented, without the ports it drives being declared. */
export function controlVerilog(plan: ControlPlan): string[] {
  const out = plan.comment.map((c) => `  // ${c}`);
  const decl = (name: string, w: number) => `  reg ${w > 1 ? `[${w}-1:0] ` : ''}${name};`;
  for (const c of plan.chains) for (const n of c.names) out.push(decl(n, 1));
  for (const r of plan.regs) out.push(decl(r.name, r.width));
  for (const w of plan.wires) {
    if (!w.port) out.push(`  wire ${w.name};`);
    out.push(`  assign ${w.name} = ${ctlVerilog(w.expr)};`);
  }
  const loads = (reset: boolean): Load[] => [
    ...plan.chains.filter((c) => c.reset === reset).flatMap((c) => c.names.map((n, i) => ({
      name: n, width: 1, enable: ctlVerilog(c.enable), next: i === 0 ? ctlVerilog(c.input) : c.names[i - 1]!,
    }))),
    ...plan.regs.filter((r) => r.reset === reset).map((r) => ({ name: r.name, width: r.width, enable: ctlVerilog(r.enable), next: ctlVerilog(r.next) })),
  ];
  out.push(...alwaysBlock(loads(true), true), ...alwaysBlock(loads(false), false));
  return out;
}
