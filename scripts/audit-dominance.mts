// A check that the faithful search's choice is on the Pareto front in real synthesis, not only by the
// area model: for each spec, every faithful alternative the search priced (the best design of each
// method, the rsqrt core among them) is synthesized with the project's Yosys on the spec's device,
// and the chosen core is reported as dominated when another alternative is no worse in LUTs, FFs,
// DSP blocks, block RAMs and latency and better in one of them. A lead of at most 2 LUTs or FFs
// (or 10 %) is synthesis noise (ABC moves a core by a few LUTs with any change around it): it is
// shown, and only a wider lead, or fewer DSP blocks, block RAMs or cycles, fails the audit.
//
//   npx tsx scripts/audit-dominance.mts [--widths 8,12,16] [--only REGEX] [--spec FILE ...]
//
// Without --spec: the docs/qor.md rows of the given widths whose core the search chooses (each
// device under objective area, iCE40-DSP under no-dsp and no-bram). Exit status 1 when a chosen
// core is dominated beyond the noise. Minutes per width on 2 cores (every alternative is synthesized).

import { resolveSpec, loadSpecFile, type Spec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog, implementCore } from '../src/rtl-gen/index.js';
import { closeYosysWorkers } from '../src/synth/index.js';
import { describeDesign } from '../src/datapath/index.js';
import { qorRows } from '../src/report/qor.js';

const args = process.argv.slice(2);
const valueOf = (flag: string) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);
const widths = (valueOf('--widths') ?? '8,12,16').split(',').map(Number);
const only = valueOf('--only') === undefined ? undefined : new RegExp(valueOf('--only')!);
const specFiles = args.flatMap((a, i) => (a === '--spec' && args[i + 1] !== undefined ? [args[i + 1]!] : []));

const cases: { key: string; spec: Spec }[] = specFiles.length > 0
  ? specFiles.map((f) => ({ key: f, spec: loadSpecFile(f) }))
  : qorRows(widths).filter((r) => r.role !== 'best rsqrt' && (!only || only.test(r.key))).map((r) => ({ key: r.key, spec: resolveSpec(r.spec) }));

interface Measured { label: string; chosen: boolean; lut: number; ff: number; dsp: number; bram: number; latency: number }
const AXES = ['lut', 'ff', 'dsp', 'bram', 'latency'] as const;
/** A lead on LUTs or FFs that synthesis noise can make (2, or 10 % of the chosen core's count). */
const noise = (v: number) => Math.max(2, 0.1 * v);

let failed = 0;
for (const c of cases) {
  const sizing = elaborate(c.spec).sizing;
  if (!sizing) {
    console.log(`${c.key}: a custom spec has no alternatives to audit`);
    continue;
  }
  const measured: Measured[] = [];
  for (const a of sizing.alternatives) {
    // Only faithful alternatives compete (a direct design passed its emulation; an rsqrt one needs its proof).
    if (a.cost === Infinity || (a.check !== undefined && a.check.y.unfaithful > 0) || (a.family === 'rsqrt' && a.check === undefined)) continue;
    const sched = scheduleDatapath(a.datapath, c.spec.pipeline);
    // A synthesis failure throws (SynthError, with Yosys's first error line): the audit stops there.
    const impl = await implementCore(a.datapath, generateVerilog(a.datapath, sched), [c.spec.device], { timeoutMs: 1_800_000 });
    const y = impl.yosys[c.spec.device]!;
    measured.push({ label: describeDesign(a.params), chosen: a.chosen, lut: y.lut, ff: y.ff, dsp: y.dsp, bram: y.bram, latency: sched.latency });
  }
  const ch = measured.find((m) => m.chosen);
  if (!ch) continue;
  const dominators = measured.filter((m) => !m.chosen && AXES.every((k) => m[k] <= ch[k]) && AXES.some((k) => m[k] < ch[k]));
  const beyond = dominators.filter((m) => m.dsp < ch.dsp || m.bram < ch.bram || m.latency < ch.latency || ch.lut - m.lut > noise(ch.lut) || ch.ff - m.ff > noise(ch.ff));
  if (beyond.length > 0) failed++;
  console.log(`${c.key}: ${beyond.length > 0 ? 'DOMINATED' : dominators.length > 0 ? 'ok (dominated within synthesis noise)' : 'ok'}`);
  for (const m of measured) {
    const mark = m.chosen ? '*' : beyond.includes(m) ? '!' : dominators.includes(m) ? '~' : ' ';
    console.log(`  ${mark} ${m.lut} LUT / ${m.ff} FF / ${m.dsp} DSP / ${m.bram} BRAM, latency ${m.latency}: ${m.label}`);
  }
}
await closeYosysWorkers();
console.log(failed === 0 ? `audit passed: ${cases.length} spec(s)` : `audit failed: ${failed} spec(s) with a chosen core dominated beyond synthesis noise`);
process.exit(failed === 0 ? 0 : 1);
