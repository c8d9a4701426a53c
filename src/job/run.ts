// The main job (`isrlu run`): elaborate and prove the error bound, generate the Verilog, co-simulate
// it under whichever simulators are installed, synthesize with Yosys, simulate the pipeline, run a
// short training check with the bit-exact activation, and write out/NAME/ with the Verilog, the
// reports and their charts. Every step reads the one elaborated datapath.
// Invariant: the artifacts depend only on the spec and the options (timings live in the terminal
// output and under `timings` in report.json, nowhere else), so two runs give the same bytes.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatName, width } from '../fixedpoint/index.js';
import { specToJson, type Spec } from '../spec/index.js';
import { analyzeErrors, elaborate, type Analysis } from '../analysis/index.js';
import { describeDesign } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { generateVerilog, implementCore, vectorCodes, type Implementation } from '../rtl-gen/index.js';
import { runIcarus, runVerilator, lintVerilator, toolVersion } from '../cosim/index.js';
import { runStream } from '../cycle-sim/index.js';
import { clockShortfall, coreReport, renderReport, type ReportSection } from '../report/index.js';
import { renderChartPng, transferChart, errorChart, type AccuracyRow } from '../charts/index.js';
import { quickCheckChart } from './quick-chart.js';
import type { TargetName } from '../targets/index.js';
import { VERSION } from '../version.js';

export type StepStatus = 'ok' | 'failed' | 'skipped';
export interface JobStep { readonly step: string; readonly status: StepStatus; readonly detail: string; readonly seconds: number }

/** What the training step gives back (see src/job/training.ts). */
export interface TrainingOutcome {
  readonly status: StepStatus;
  readonly detail: string;
  readonly rows: readonly (readonly string[])[];
  readonly head: readonly string[];
  readonly accuracy: readonly AccuracyRow[];
  readonly json: Record<string, unknown>;
}

export interface JobOptions {
  /** Run Yosys (npm @yowasp/yosys) on the device's flow and on Xilinx 7-series. */
  readonly synth: boolean;
  /** Also synthesize with LUT multipliers and place with nextpnr-ice40 for a measured Fmax (slower). */
  readonly fmax: boolean;
  /** Co-simulate under Icarus and Verilator (where installed) [default true]. */
  readonly cosim?: boolean;
  /** Called as each step finishes (also the step that fails by throwing), before the next starts. */
  readonly onStep?: (step: JobStep) => void;
  /** The training step, or undefined to skip it. */
  readonly training?: (spec: Spec, log: (line: string) => void) => Promise<TrainingOutcome>;
}

export interface JobResult {
  readonly ok: boolean;
  readonly steps: readonly JobStep[];
  /** Output files (name -> bytes) for out/NAME/. */
  readonly files: Record<string, string | Uint8Array>;
  readonly headline: Record<string, unknown>;
  readonly seconds: number;
  /** The asked clock the schedule misses (see clockShortfall), in words. */
  readonly clockWarning?: string;
}

/** Runs the whole job for `spec`; `log` gets one progress line per step. */
export async function runJob(spec: Spec, opts: JobOptions, log: (line: string) => void): Promise<JobResult> {
  const t0 = performance.now();
  const steps: JobStep[] = [];
  const total = 7;
  let n = 0;
  const step = async <T>(name: string, what: string, body: () => Promise<{ status: StepStatus; detail: string; value: T }> | { status: StepStatus; detail: string; value: T }): Promise<T> => {
    n++;
    log(`[${n}/${total}] ${what}...`);
    const s = performance.now();
    const finish = (status: StepStatus, detail: string) => {
      const seconds = (performance.now() - s) / 1000;
      const done = { step: name, status, detail, seconds: Number(seconds.toFixed(2)) };
      steps.push(done);
      log(`      ${status === 'ok' ? 'ok' : status.toUpperCase()}: ${detail} (${seconds.toFixed(1)} s)`);
      opts.onStep?.(done);
    };
    let r: { status: StepStatus; detail: string; value: T };
    try {
      r = await body();
    } catch (e) {
      // The steps before stay printed; this one is named as failed before the error goes up.
      finish('failed', (e as Error).message.split('\n')[0]!);
      throw e;
    }
    finish(r.status, r.detail);
    return r.value;
  };

  // 1. Size and prove.
  const { e, analysis } = await step('prove', `elaborating ${spec.name} and proving the error bound (${width(spec.input)}-bit input, ${width(spec.input) <= 24 ? 'every code' : 'sampled'})`, () => {
    const e = elaborate(spec);
    const analysis: Analysis = e.sizing?.check.y.exhaustive ? e.sizing.check : analyzeErrors(e.datapath);
    const y = analysis.y;
    const faithful = y.unfaithful === 0 && (analysis.dy?.unfaithful ?? 0) === 0;
    const status: StepStatus = spec.accuracy === 'faithful' && !faithful ? 'failed' : 'ok';
    const dy = analysis.dy;
    const unfaithful = y.unfaithful + (dy?.unfaithful ?? 0);
    return { status, detail: `${describeDesign(e.datapath.params)}; max ${y.maxUlp.toFixed(4)} ulp${dy ? ` (dy ${dy.maxUlp.toFixed(4)} ulp)` : ''} over ${y.count} ${y.exhaustive ? 'codes (all)' : 'sampled codes'}, ${faithful ? 'faithful' : `${unfaithful} unfaithful`}`, value: { e, analysis } };
  });
  const dp = e.datapath;
  const sched = scheduleDatapath(dp);

  // 2. Verilog; Yosys starts now in worker threads and runs beside the next steps.
  const g = await step('generate', 'generating Verilog, testbench and vectors', () => {
    const g = generateVerilog(dp, sched);
    return { status: 'ok', detail: `${g.sources.join(', ')}; latency ${sched.latency}, initiation interval ${sched.initiationInterval}; ${g.vectors} test vectors`, value: g };
  });
  const targets: TargetName[] = [...new Set<TargetName>([dp.spec.device, 'xilinx'])];
  const synthRun: Promise<Implementation | Error> | undefined = opts.synth
    ? implementCore(dp, g, opts.fmax ? [...new Set<TargetName>([...targets, 'ice40'])] : targets, { pnr: opts.fmax, timeoutMs: 600_000 }).catch((err: Error) => err)
    : undefined;

  // 3. Co-simulation under whichever simulators are installed.
  const cosim = await step('cosim', 'co-simulating the Verilog against the model', () => {
    if (opts.cosim === false) return { status: 'skipped' as StepStatus, detail: 'skipped (--no-cosim)', value: {} };
    const dir = mkdtempSync(join(tmpdir(), `isrlu-run-${spec.name}-`));
    try {
      for (const [f, c] of Object.entries(g.files)) writeFileSync(join(dir, f), c);
      const parts: string[] = [];
      const results: Record<string, unknown> = {};
      let status: StepStatus = 'ok';
      const all = [...g.sources, `${g.tbTop}.v`];
      const ran: string[] = [];
      for (const [tool, label, go] of [
        ['iverilog', 'Icarus Verilog', () => runIcarus(dir, all, g.tbTop)],
        ['verilator', 'Verilator', () => runVerilator(dir, all, g.tbTop)],
      ] as const) {
        const version = toolVersion(tool);
        if (!version) {
          parts.push(`${label} skipped (not installed; bash scripts/setup.sh installs it)`);
          results[tool] = { status: 'skipped', reason: 'not installed' };
          continue;
        }
        const r = go();
        ran.push(tool);
        if (!r.ok) status = 'failed';
        parts.push(`${label}: ${r.passed} of ${g.vectors} vectors bit-exact${r.ok ? '' : ` (${r.failed} failed)`}`);
        results[tool] = { status: r.ok ? 'ok' : 'failed', version, passed: r.passed, failed: r.failed };
      }
      if (ran.includes('verilator')) {
        const lint = lintVerilator(dir, g.sources, g.top);
        if (lint) status = 'failed';
        parts.push(`verilator --lint-only -Wall: ${lint ? 'warnings' : 'clean'}`);
        results.lint = lint ? { status: 'failed', log: lint } : { status: 'ok' };
      }
      if (ran.length === 0) status = 'skipped';
      return { status, detail: parts.join('; '), value: results };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // 4. The cycle simulator on every test vector, with bubbles and (ready/valid) stalls.
  const sim = await step('cycle-sim', 'simulating the pipeline cycle by cycle', () => {
    const r = runStream(dp, sched, vectorCodes(dp).codes, { seed: 1, bubbleRate: 0.125, stallRate: 0.25 });
    const ok = r.ok && r.latency.min === sched.latency;
    return {
      status: ok ? 'ok' : 'failed',
      detail: `${r.delivered} of ${r.items} items, latency ${r.latency.min}${r.latency.max !== r.latency.min ? `..${r.latency.max}` : ''} cycles (schedule ${sched.latency}), throughput ${r.throughput.toFixed(3)} items/cycle with random bubbles${spec.interface !== 'valid' ? ' and stalls' : ''}`,
      value: { items: r.items, delivered: r.delivered, cycles: r.cycles, latency: r.latency, initiationInterval: r.initiationInterval, throughput: r.throughput, stallCycles: r.stallCycles, mismatches: r.mismatchCount },
    };
  });

  // 5. Training with the bit-exact activation.
  const training = await step('training', 'quick training check on MNIST (float against bit-exact activation; isrlu sweep answers how many bits)', async () => {
    if (!opts.training) return { status: 'skipped' as StepStatus, detail: 'skipped (--no-train)', value: undefined };
    if (spec.function !== 'isru' && spec.function !== 'isrlu') {
      return { status: 'skipped' as StepStatus, detail: `skipped (the CNN check trains isru and isrlu activations; ${spec.function} is a recurrent gate: see isrlu train --net lstm)`, value: undefined };
    }
    const t = await opts.training(spec, (l) => log(`      ${l}`));
    return { status: t.status, detail: t.detail, value: t };
  });

  // 6. Yosys (started in step 2).
  const impl = await step('synth', `waiting for Yosys (${opts.synth ? [...targets, ...(opts.fmax ? ['ice40 + nextpnr'] : [])].join(', ') : 'off'})`, async () => {
    if (!synthRun) return { status: 'skipped' as StepStatus, detail: 'skipped (--no-synth)', value: undefined };
    const r = await synthRun;
    if (r instanceof Error) return { status: 'failed' as StepStatus, detail: r.message.split('\n')[0]!, value: undefined };
    const parts = Object.entries(r.yosys).map(([t, y]) => `${t} ${y.lut} LUT / ${y.ff} FF / ${y.dsp} DSP${y.memoryBits ? ` / ${y.memoryBits} memory bits` : ''}`);
    if (r.fmax) parts.push(r.fmax.status === 'ok' ? `Fmax ${r.fmax.fmaxMHz.toFixed(2)} MHz (nextpnr-ice40 UP5K, median of ${r.fmax.seeds.length} seeds)` : `Fmax ${r.fmax.status}: ${r.fmax.reason}`);
    return { status: 'ok' as StepStatus, detail: parts.join('; '), value: r };
  });

  // 7. Charts and reports.
  const files: Record<string, string | Uint8Array> = {};
  const headline = await step('report', 'drawing charts and writing the reports', async () => {
    let report = coreReport(dp, { pareto: true, analysis });
    if (impl) {
      // Cell counts only: Yosys's run times would make the report differ from run to run.
      const yosys = Object.fromEntries(Object.entries(impl.yosys).map(([t, y]) => [t, { lut: y.lut, ff: y.ff, carry: y.carry, dsp: y.dsp, memoryBits: y.memoryBits, bram: y.bram }]));
      report = {
        ...report, area: { ...report.area, yosys },
        ...(impl.fmax?.status === 'ok' ? { clock: { ...report.clock, measuredMHz: impl.fmax.fmaxMHz, measuredBy: `nextpnr-ice40 UP5K, LUT multipliers, median of ${impl.fmax.seeds.length} seeds` } } : {}),
      };
    }
    const charts: [string, string, Promise<Buffer>][] = [
      ['transfer.png', `${spec.function.toUpperCase()} transfer curve: the core against the exact function`, renderChartPng(transferChart(dp))],
      ['error.png', 'Error in ulp against input', renderChartPng(errorChart(dp))],
    ];
    const quick = training?.accuracy.length
      ? quickCheckChart(training.accuracy, Number(training.json.trainImages ?? 0), Number(training.json.testImages ?? 5000)) : undefined;
    if (quick) charts.push(['accuracy.png', quick.title, renderChartPng(quick.chart)]);
    const images = await Promise.all(charts.map(async ([file, title, png]) => ({ file, title, png: await png, ...(file === 'accuracy.png' && quick ? { lines: quick.lines } : {}) })));
    const sections: ReportSection[] = [
      {
        title: 'Checks',
        head: ['check', 'result', 'detail'],
        rows: steps.filter((s) => s.step !== 'report' && s.step !== 'generate').map((s) => [s.step, s.status, s.detail]),
      },
      ...(training && training.rows.length ? [{ title: 'Training with the bit-exact activation', head: training.head, rows: training.rows }] : []),
      ...images.map((i) => ({ title: i.title, ...('lines' in i ? { lines: i.lines } : {}), image: { file: i.file, png: i.png, alt: i.title } })),
    ];
    for (const [f, c] of Object.entries(g.files)) files[f] = c;
    files['report.md'] = renderReport(report, 'md', undefined, sections);
    files['report.html'] = renderReport(report, 'html', undefined, sections);
    for (const i of images) files[i.file] = i.png;
    const headline = {
      design: dp.params, latency: sched.latency, initiationInterval: sched.initiationInterval,
      maxUlp: analysis.y.maxUlp, meanUlp: analysis.y.meanUlp, exhaustive: analysis.y.exhaustive,
      clockEstimateMHz: Number(sched.fmaxMHz.toFixed(2)),
      ...(impl?.fmax?.status === 'ok' ? { fmaxMHz: impl.fmax.fmaxMHz } : {}),
      ...(impl ? { yosys: Object.fromEntries(Object.entries(impl.yosys).map(([t, y]) => [t, { lut: y.lut, ff: y.ff, carry: y.carry, dsp: y.dsp, memoryBits: y.memoryBits, bram: y.bram }])) } : {}),
      ...(training ? { training: training.json } : {}),
    };
    const checks = Object.fromEntries(steps.map((s) => [s.step, { status: s.status, detail: s.detail }]));
    files['report.json'] = renderReport(report, 'json', undefined, [], {
      tool: `isrlu-codesign ${VERSION}`, specJson: specToJson(spec), input: formatName(spec.input), checks,
      cosim, cycleSim: sim, headline, timings: 'see report.timings.json',
    });
    return { status: 'ok' as StepStatus, detail: `${Object.keys(files).length} files`, value: headline };
  });
  const seconds = (performance.now() - t0) / 1000;
  files['report.timings.json'] = `${JSON.stringify({ seconds: Number(seconds.toFixed(2)), steps: steps.map((s) => ({ step: s.step, seconds: s.seconds })) }, null, 2)}\n`;
  const warning = clockShortfall(dp, sched);
  return { ok: steps.every((s) => s.status !== 'failed'), steps, files, headline, seconds, ...(warning ? { clockWarning: warning.text } : {}) };
}
