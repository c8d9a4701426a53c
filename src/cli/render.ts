// Plain-text and JSON renderings of specs, datapaths, error statistics and budgets for the CLI.

import { formatName, width } from '../fixedpoint/index.js';
import { KNOBS } from '../spec/index.js';
import type { Datapath } from '../datapath/index.js';
import type { Analysis, ErrorStats, SizingResult, BudgetLine } from '../analysis/index.js';
import { OVER_PART, shownCost } from '../analysis/index.js';
import { describeDesign, softNode } from '../datapath/index.js';

export function errorStatsJson(s: ErrorStats): Record<string, unknown> {
  return {
    maxUlp: round6(s.maxUlp), meanUlp: round6(s.meanUlp), rmsUlp: round6(s.rmsUlp),
    faithfulFraction: s.faithfulFraction, correctlyRoundedFraction: s.correctlyRoundedFraction,
    unfaithful: s.unfaithful, saturated: s.saturated, count: s.count, exhaustive: s.exhaustive,
    ...(s.exhaustive ? {} : { seed: s.seed }),
    monotonic: s.monotonic, ...(s.monotonicViolation ? { monotonicViolation: s.monotonicViolation } : {}),
    worst: s.worst.map((w) => ({ ...w, errorUlp: round6(w.errorUlp) })),
  };
}

/** Rounds a figure for reports so that last-bit float noise never changes the bytes. */
export function round6(v: number): number {
  return Number(v.toPrecision(6));
}

export function analysisJson(a: Analysis): Record<string, unknown> {
  return { ...errorStatsJson(a.y), ...(a.dy ? { derivative: errorStatsJson(a.dy) } : {}) };
}

export function renderStats(title: string, s: ErrorStats): string {
  const lines = [
    `${title}: ${s.count} inputs (${s.exhaustive ? 'exhaustive' : `corner cases + seeded random, seed ${s.seed}`})`,
    `  max error      ${s.maxUlp.toFixed(4)} ulp`,
    `  mean error     ${s.meanUlp.toFixed(4)} ulp (rms ${s.rmsUlp.toFixed(4)})`,
    `  faithful       ${pct(s.faithfulFraction)} (${s.unfaithful} outside 1 ulp)`,
    `  correctly rounded ${pct(s.correctlyRoundedFraction)}`,
  ];
  if (s.saturated) lines.push(`  saturated      ${s.saturated} inputs (exact value outside the output range)`);
  if (s.monotonic !== null) {
    lines.push(`  monotonic      ${s.monotonic ? 'yes' : `no (first at x=${s.monotonicViolation!.x}: ${s.monotonicViolation!.prev} then ${s.monotonicViolation!.got})`}`);
  }
  if (s.worst.length) {
    lines.push('  worst inputs:');
    for (const w of s.worst) {
      lines.push(`    x=${w.x} (${w.xReal}) got=${w.got} (${w.gotReal}) exact=${w.exact.toPrecision(10)} error=${w.errorUlp.toFixed(4)} ulp`);
    }
  }
  return lines.join('\n');
}

const pct = (f: number) => `${(100 * f).toFixed(4)} %`;

export function renderBudget(budget: readonly BudgetLine[]): string {
  const lines = ['error budget (output ulps; analytic upper bounds for the chosen widths):'];
  for (const b of budget) lines.push(`  ${b.inTotal ? '+' : ' '} ${b.boundUlp.toExponential(3).padStart(10)}  ${b.term}`);
  const total = budget.filter((b) => b.inTotal).reduce((s, b) => s + b.boundUlp, 0);
  lines.push(`  = ${total.toExponential(3).padStart(10)}  analytic bound on the total error (conservative; the check below is the proof)`);
  return lines.join('\n');
}

export function renderSizing(s: SizingResult): string {
  const c = s.check.y;
  const alts = s.alternatives.map((a) => `  ${a.chosen ? '*' : ' '} ${a.label.padEnd(22)} ${a.cost === Infinity ? `excluded (${a.excluded ?? 'over budget'})` : `${shownCost(a.cost).toFixed(0).padStart(6)} LUT-eq${a.cost >= OVER_PART ? ' (does not fit the part)' : ''}`}  LUT ${a.area.lut} FF ${a.area.ff} DSP ${a.area.dsp} BRAM ${a.area.bram}, latency ${a.latency}`);
  return [
    `faithful sizing chose ${describeDesign(s.params)} (${s.tried.length} design(s) checked)`,
    `why: ${s.why}`,
    'best design of each method (cost on the spec\'s device under its objective; * = chosen):',
    ...alts,
    renderBudget(s.budget),
    `proof: ${c.exhaustive ? `every one of the ${c.count} inputs` : `${c.count} corner and seeded random inputs (seed ${c.seed}; not exhaustive)`} within 1 ulp, max ${c.maxUlp.toFixed(4)} ulp${s.check.dy ? `; derivative max ${s.check.dy.maxUlp.toFixed(4)} ulp` : ''}`,
  ].join('\n');
}

export function datapathJson(dp: Datapath): Record<string, unknown> {
  return {
    nodes: dp.nodes.map((n) => ({
      id: n.id, name: n.name, op: n.op, format: formatName(n.fmt), width: width(n.fmt), args: n.args.map((a) => dp.nodes[a]!.name),
      ...(n.op === 'resize' ? { rounding: n.rounding, overflow: n.overflow } : {}),
      ...(n.op === 'rom' ? { table: n.table.name } : {}),
      ...(n.op === 'const' ? { valueRaw: n.valueRaw.toString() } : {}),
      ...(n.op === 'shift' ? { by: n.by } : {}),
      ...(n.op === 'seedAddr' || n.op === 'seedOffset' ? { bits: n.bits } : {}),
      ...(n.op === 'vshr' ? { factor: n.factor } : {}),
      ...(n.op === 'magicSeed' ? { magic: n.magic.toString() } : {}),
      ...(softNode(n) ? { soft: true } : {}),
    })),
    tables: dp.tables.map((t) => ({ name: t.name, entries: t.entries.length, dataFormat: formatName(t.data), description: t.description })),
    outputs: { y: dp.nodes[dp.outputs.y]!.name, ...(dp.outputs.dy !== undefined ? { dy: dp.nodes[dp.outputs.dy]!.name } : {}) },
    alphaUsed: dp.alphaUsed,
  };
}

export function renderDatapath(dp: Datapath): string {
  const lines = [`datapath ${dp.spec.name}: ${dp.nodes.length} nodes, ${dp.tables.length} table(s)`];
  for (const n of dp.nodes) {
    const args = n.args.map((a) => dp.nodes[a]!.name).join(', ');
    let extra = '';
    if (n.op === 'resize') extra = ` ${n.rounding}/${n.overflow}`;
    else if (n.op === 'rom') extra = ` ${n.table.name}`;
    else if (n.op === 'const') extra = ` = ${n.valueRaw}`;
    else if (n.op === 'shift') extra = ` by ${n.by}`;
    else if (softNode(n)) extra = ' in LUTs';
    lines.push(`  ${n.name.padEnd(16)} ${formatName(n.fmt).padEnd(10)} ${n.op}(${args})${extra}`);
  }
  return lines.join('\n');
}

/** The spec reference as a Markdown table, generated from the knob registry (README, --help). */
export function knobsMarkdown(): string {
  const rows = KNOBS.map((k) => {
    const type = k.choices ? k.choices.map((c) => `\`${c}\``).join(' \\| ') : k.type;
    return `| \`${k.key}\` | ${type} | ${k.defaultText} | ${k.customOnly ? 'custom only. ' : ''}${k.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| field | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
