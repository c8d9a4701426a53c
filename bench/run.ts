// npm run bench: throughput of the bit-accurate model. For 16-, 20- and 24-bit faithful ISRLU and ISRU cores:
// the fast evaluator alone, the exhaustive error analysis (evaluator + exact reference + statistics),
// and the BigInt interpreter as the in-run reference, as medians of repeated runs, with ratios.
// Numbers depend on the machine; compare ratios, not absolute figures, across machines.

import { resolveSpec } from '../src/spec/index.js';
import { elaborate, analyzeErrors } from '../src/analysis/index.js';
import { compile, interpret } from '../src/datapath/index.js';
import { width } from '../src/fixedpoint/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void) => { const t = performance.now(); f(); return (performance.now() - t) / 1000; };
const fmtRate = (r: number) => (r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : `${(r / 1e3).toFixed(0)} k/s`);

const only = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const widths = only.length ? only : [16, 20, 24];
const rows: Record<string, unknown>[] = [];
console.log(`isrlu-codesign model benchmark (node ${process.version}, one core, medians)`);
console.log('fn     bits  sizing   evaluator      analysis       interpreter    eval/interp  analysis 2^w inputs');
for (const fn of ['isrlu', 'isru'] as const) for (const w of widths) {
  const spec = resolveSpec({ function: fn, alpha: 1, input: `sQ3.${w - 4}` });
  let e!: ReturnType<typeof elaborate>;
  const sizing = time(() => { e = elaborate(spec); });
  const dp = e.datapath;
  const ev = compile(dp);
  const n = 2 ** width(spec.input);
  const reps = w >= 24 ? 3 : 5;
  const CH = 1 << 16;
  const buf = new Float64Array(CH);
  const evalT = median(Array.from({ length: reps }, () => time(() => {
    for (let s = -(n / 2); s < n / 2; s += CH) ev.evalRange(s, Math.min(CH, n / 2 - s), buf);
  })));
  const anaT = median(Array.from({ length: reps }, () => time(() => analyzeErrors(dp, { evaluator: ev }))));
  const sample = 20000;
  const interpT = median(Array.from({ length: 3 }, () => time(() => {
    for (let i = 0; i < sample; i++) interpret(dp, BigInt(-(n / 2) + Math.floor((i * n) / sample)));
  })));
  const row = {
    function: fn, bits: w, design: dp.params, sizingSeconds: sizing, evaluatorPerSecond: n / evalT,
    analysisPerSecond: n / anaT, analysisSeconds: anaT, interpreterPerSecond: sample / interpT,
  };
  rows.push(row);
  console.log(`${fn.padEnd(6)} ${String(w).padStart(4)}  ${sizing.toFixed(2).padStart(5)} s  ${fmtRate(row.evaluatorPerSecond).padStart(12)}  ${fmtRate(row.analysisPerSecond).padStart(12)}  ${fmtRate(row.interpreterPerSecond).padStart(12)}  ${(row.evaluatorPerSecond / row.interpreterPerSecond).toFixed(0).padStart(10)}x  ${anaT.toFixed(3)} s`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
