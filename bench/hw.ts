// npm run bench (hardware part): time to generate the default 16-bit core and to co-simulate it
// exhaustively (65,536 vectors) under Icarus and Verilator, medians of 3 runs, with the ratio.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog } from '../src/rtl-gen/index.js';
import { runIcarus, runVerilator, toolVersion } from '../src/cosim/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const REPS = 3;
const spec = resolveSpec({});
const gens: number[] = [];
let g!: ReturnType<typeof generateVerilog>;
for (let i = 0; i < REPS; i++) {
  const t0 = performance.now();
  const dp = elaborate(spec).datapath;
  g = generateVerilog(dp, scheduleDatapath(dp, spec.pipeline));
  gens.push((performance.now() - t0) / 1000);
}
console.log(`\nhardware benchmark: default core ${spec.name}, ${g.vectors} vectors, medians of ${REPS}`);
console.log(`  elaborate + size + generate: ${median(gens).toFixed(2)} s`);
/** A fresh folder per run, so no build is reused. */
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'isrlu-bench-'));
  for (const [f, c] of Object.entries(g.files)) writeFileSync(join(dir, f), c);
  return dir;
};
const all = [...g.sources, `${g.tbTop}.v`];
const rates: Record<string, number> = {};
for (const [sim, fn] of [['icarus', runIcarus], ['verilator', runVerilator]] as const) {
  if (!toolVersion(sim === 'icarus' ? 'iverilog' : 'verilator')) { console.log(`  ${sim}: not installed (bash scripts/setup.sh)`); continue; }
  const builds: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const r = fn(freshDir(), all, g.tbTop);
    if (!r.ok) throw new Error(`${sim} failed:\n${r.log}`);
    builds.push(r.buildSeconds);
    runs.push(r.runSeconds);
  }
  rates[sim] = g.vectors / median(runs);
  console.log(`  ${sim.padEnd(9)} build ${median(builds).toFixed(2)} s, simulate ${median(runs).toFixed(2)} s (${(rates[sim]! / 1e3).toFixed(0)} k vectors/s), total ${(median(builds) + median(runs)).toFixed(2)} s`);
}
if (rates.icarus && rates.verilator) console.log(`  Verilator simulates ${(rates.verilator / rates.icarus).toFixed(1)}x faster than Icarus (build time aside)`);
