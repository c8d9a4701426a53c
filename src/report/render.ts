// Renders core reports and workload views as Markdown, JSON or self-contained HTML. Tables are
// built once as rows of cells; each format only spells them.

import type { AreaCounts } from '../area/index.js';
import type { CoreReport } from './report.js';
import type { WorkloadView } from './workload.js';

export type ReportFormat = 'md' | 'json' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'json', 'html'];

interface Table { readonly title: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] }

const f = (v: number, d = 2) => (Number.isInteger(v) ? String(v) : v.toFixed(d));
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const areaCells = (a: AreaCounts | undefined) => (a ? [a.lut, a.ff, a.carry, a.dsp, a.bram, a.memoryBits].map((v) => f(v)) : ['-', '-', '-', '-', '-', '-']);

function coreTables(r: CoreReport): Table[] {
  const summary: Table = {
    title: `${r.name}: ${r.spec.function} alpha ${r.spec.alpha}, ${r.spec.input} -> ${r.spec.output}`,
    head: ['latency', 'initiation interval', 'clock estimate', 'measured Fmax', 'max error', 'mean error', 'faithful', 'correctly rounded', 'monotonic'],
    rows: [[
      `${r.latency} cycles`, String(r.initiationInterval), `${f(r.clock.estimateMHz, 1)} MHz (${r.device})`,
      r.clock.measuredMHz !== undefined ? `${f(r.clock.measuredMHz, 1)} MHz (${r.clock.measuredBy})` : 'not run',
      `${f(r.error.maxUlp, 4)} ulp`, `${f(r.error.meanUlp, 4)} ulp`, pct(r.error.faithfulFraction), pct(r.error.correctlyRoundedFraction),
      r.error.monotonic === null ? '-' : r.error.monotonic ? 'yes' : 'no',
    ]],
  };
  const area: Table = {
    title: 'Area: model estimate beside Yosys',
    head: ['target', 'source', 'LUT', 'FF', 'carry', 'DSP', 'BRAM', 'memory bits'],
    rows: Object.entries(r.area.estimate).flatMap(([t, a]) => [
      [t, 'estimate', ...areaCells(a)],
      ...(r.area.yosys?.[t] ? [[t, 'Yosys', ...areaCells(r.area.yosys[t])]] : []),
    ]),
  };
  const pareto: Table = {
    title: `Every method for these formats on ${r.device}: error against cost and latency (* = Pareto front, chosen = this core)`,
    head: ['design', 'family', 'max error (ulp)', 'faithful', 'LUT', 'FF', 'DSP', 'BRAM', 'memory bits', 'cost (LUT-eq.)', 'latency', 'clock estimate', 'note'],
    rows: r.pareto.map((p) => [
      `${p.pareto ? '* ' : ''}${p.label}`, p.family, f(p.maxUlp, 3), p.faithful ? 'yes' : 'no',
      f(p.area.lut), f(p.area.ff), f(p.area.dsp), f(p.area.bram), f(p.area.memoryBits), f(p.cost, 0), String(p.latency), `${f(p.fmaxMHz, 1)} MHz`,
      p.chosen ? 'chosen' : p.excluded ? `excluded: ${p.excluded}` : '',
    ]),
  };
  const de = r.derivativeError;
  const dy: Table | undefined = de ? {
    title: `Derivative output dy (${r.spec.derivativeFormat as string})`,
    head: ['max error', 'mean error', 'faithful', 'correctly rounded', 'checked on'],
    rows: [[`${f(de.maxUlp, 4)} ulp`, `${f(de.meanUlp, 4)} ulp`, pct(de.faithfulFraction), pct(de.correctlyRoundedFraction), de.exhaustive ? 'every input code' : 'sampled input codes']],
  } : undefined;
  const why: Table | undefined = r.why ? { title: 'Why this core', head: ['faithful search'], rows: [[r.why]] } : undefined;
  return [summary, ...(dy ? [dy] : []), area, ...(why ? [why] : []), ...(r.pareto.length ? [pareto] : [])];
}

function workloadTables(w: WorkloadView): Table[] {
  const l = w.layer;
  return [
    {
      title: `Layer ${l.h}x${l.w}x${l.c}, kernel ${l.kernel}x${l.kernel}x${l.inChannels}, ${l.macs} MACs per cycle at ${l.clockMHz} MHz`,
      head: ['outputs', 'MAC operations', 'convolution cycles', 'convolution time', 'MAC array LUT', 'MAC array DSP'],
      rows: [[String(w.outputs), String(w.macOps), String(w.convCycles), `${f(w.convMicroseconds, 1)} us`, f(w.macArea.lut, 0), f(w.macArea.dsp, 0)]],
    },
    {
      title: 'Activation beside the convolution',
      head: ['activation', 'lanes to keep up', 'time share (1 lane, after the convolution)', 'extra time (lanes beside the array)', 'LUT', 'DSP', 'memory bits', 'LUT share', 'DSP share'],
      rows: w.activations.map((a) => [
        a.name, String(a.lanesToKeepUp), pct(a.timeShareOneLane), pct(a.timeShareKeepingUp),
        f(a.area.lut, 0), f(a.area.dsp, 0), f(a.area.memoryBits, 0), pct(a.lutShare), pct(a.dspShare),
      ]),
    },
  ];
}

/**
 * A figure (a number, optionally signed, with a unit such as %, ulp, MHz, cycles, s or points; or
 * "-" for none) aligns right in HTML tables, where its digits line up; text aligns left.
 */
export const isFigure = (cell: string): boolean => /^(-|[-+]?\d[\d,]*(\.\d+)?( ?(%|ulp|MHz|cycles|us|ns|s|points|bits|items\/cycle))?( \([^)]*\))?)$/.test(cell.trim());

const cellHtml = (c: string) => `<td${isFigure(c) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function markdown(tables: readonly Table[], title: string, sections: readonly ReportSection[] = [], warnings: readonly string[] = []): string {
  const out = [`# ${title}`, '', ...warnings.flatMap((w) => [`> warning: ${w}`, ''])];
  // Verification and charts first: what a reader checks before the tables.
  for (const s of sections) out.push(...sectionMarkdown(s));
  for (const t of tables) {
    out.push(`## ${t.title}`, '', `| ${t.head.join(' | ')} |`, `|${t.head.map(() => '---').join('|')}|`);
    for (const r of t.rows) out.push(`| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

function html(tables: readonly Table[], title: string, sections: readonly ReportSection[] = [], warnings: readonly string[] = []): string {
  const body = [...warnings.map((w) => `<p class="warning">warning: ${escapeHtml(w)}</p>`), ...sections.map(sectionHtml), ...tables.map((t) => [
    `<h2>${escapeHtml(t.title)}</h2>`, '<table>',
    `<tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`,
    ...t.rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`),
    '</table>',
  ].join('\n'))].join('\n');
  return [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}',
    'th,td{border:1px solid #bbb;padding:4px 8px;text-align:left}th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%;border:1px solid #ddd;margin-bottom:1.5em}.warning{color:#a00;font-weight:bold}</style>',
    '</head><body>', `<h1>${escapeHtml(title)}</h1>`, body, '</body></html>', '',
  ].join('\n');
}

/** More sections after the core's tables: a table, a chart (PNG beside the report), or lines of text. */
export interface ReportSection {
  readonly title: string;
  readonly head?: readonly string[];
  readonly rows?: readonly (readonly string[])[];
  readonly lines?: readonly string[];
  /** A chart: `file` is its name beside the report (Markdown links it, HTML embeds the bytes). */
  readonly image?: { readonly file: string; readonly png: Uint8Array; readonly alt: string };
}

/** Renders a core report (and optionally a workload view and more sections) in the given format. */
export function renderReport(r: CoreReport, format: ReportFormat, workload?: WorkloadView, sections: readonly ReportSection[] = [], json: Record<string, unknown> = {}): string {
  if (format === 'json') return `${JSON.stringify({ ...r, ...(workload ? { workload } : {}), ...json }, null, 2)}\n`;
  const tables = [...coreTables(r), ...(workload ? workloadTables(workload) : [])];
  const title = `isrlu-codesign report: ${r.name}`;
  const warnings = r.clock.warning ? [r.clock.warning] : [];
  return format === 'md' ? markdown(tables, title, sections, warnings) : html(tables, title, sections, warnings);
}

function sectionMarkdown(s: ReportSection): string[] {
  const out = [`## ${s.title}`, ''];
  if (s.lines) out.push(...s.lines, '');
  if (s.head && s.rows) {
    out.push(`| ${s.head.join(' | ')} |`, `|${s.head.map(() => '---').join('|')}|`);
    for (const r of s.rows) out.push(`| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    out.push('');
  }
  if (s.image) out.push(`![${s.image.alt}](${s.image.file})`, '');
  return out;
}

function sectionHtml(s: ReportSection): string {
  const out = [`<h2>${escapeHtml(s.title)}</h2>`];
  if (s.lines) out.push(...s.lines.map((l) => `<p>${escapeHtml(l)}</p>`));
  if (s.head && s.rows) {
    out.push('<table>', `<tr>${s.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`,
      ...s.rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`), '</table>');
  }
  if (s.image) out.push(`<img alt="${escapeHtml(s.image.alt)}" src="data:image/png;base64,${Buffer.from(s.image.png).toString('base64')}">`);
  return out.join('\n');
}
