// The `isrlu` command: a thin yargs shell over the library. Every command takes a spec file and/or
// spec flags (generated from the knob registry) and --json; bad input ends in one line on stderr
// and a non-zero exit, never a stack trace; files are written atomically.

import yargs, { type Argv } from 'yargs';
import { FormatError, formatHex, formatName, width } from '../fixedpoint/index.js';
import { SpecError, loadSpecFile, parseSpecJson, resolveSpec, specToJson, type Spec } from '../spec/index.js';
import { evaluateCodes } from '../datapath/index.js';
import { analyzeErrors, datapathCost, elaborate, type Elaboration } from '../analysis/index.js';
import { sampleCodes, seededShuffle } from '../common/index.js';
import { scheduleDatapath, type Schedule } from '../schedule/index.js';
import { generateVerilog, implementCore, vectorCodes } from '../rtl-gen/index.js';
import { runStream, collectVcd } from '../cycle-sim/index.js';
import { estimateArea, AREA_TARGETS } from '../area/index.js';
import {
  clockShortfall, coreReport, renderReport, workloadView, checkLayer, parseShape, reluDatapath, eluTableDatapath, macDatapath,
  REPORT_FORMATS, type LayerShape, type ReportFormat,
} from '../report/index.js';
import type { Datapath } from '../datapath/index.js';
import type { JobStep } from '../job/index.js';
import { SynthError } from '../synth/index.js';
import { parseHexCodes } from './io.js';
import { STDIN_ARG, joinDashValues, synthTargets, withSuggestions } from './args.js';
import { UserError, checkOverwrite, readInput, checkOutputDir, writeOutputDir, writeOutput, isStreamPath } from '../common/index.js';
import { EXPORT_LANGS, checkExportable, exportModel, type ExportLang } from '../export/index.js';
import { withKnobFlags, knobOverrides } from '../spec/flags.js';
import {
  analysisJson, datapathJson, knobsMarkdown, renderDatapath, renderSizing, renderStats, round6,
} from './render.js';
import { VERSION } from '../version.js';
import { registerNnCommands } from '../nn-harness/cli.js';
import { benchActivationsOptions, benchActivationsCommand } from '../act-bench/index.js';


export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Progress lines of long commands. The process writes them to stderr only when it is a terminal,
   * so that in scripts and logs bad input stays exactly one line; results go to stdout either way.
   */
  readonly progress?: (text: string) => void;
  /** Standard input, read whole, for `-` as an input file [default: the process's fd 0]. */
  readonly stdin?: () => string;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  ...(process.stderr.isTTY ? { progress: (t: string) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`) } : {}),
};

/** A message on one line: control characters (a newline inside a quoted value, say) are escaped. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Adds the spec file positional and one flag per spec knob (--function, --alpha, ...). */
function withSpecFlags<T>(y: Argv<T>): Argv<T> {
  y.positional('spec', { type: 'string', describe: 'Spec file (JSON), - for standard input; without one the built-in default spec is used' });
  // The command's own options come first in --help: yargs lists groups in the order they are named.
  y.group(['help'], 'Options:');
  return withKnobFlags(y, 'Spec fields (override the spec file):');
}

function specFromArgs(args: Record<string, unknown>, io: CliIo): Spec {
  const overrides = knobOverrides(args);
  const path = args.spec as string | undefined;
  if (path === STDIN_ARG) return resolveSpec(parseSpecJson(readInput('spec', '-', io.stdin), '-'), overrides);
  return path === undefined ? resolveSpec({}, overrides) : loadSpecFile(path, overrides);
}

function progress(io: CliIo, json: boolean, text: string): void {
  if (!json) io.progress?.(text);
}

/** Runs the CLI on argv; returns the exit code (0 ok, 1 check failed, 2 bad input, 70 internal). */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const json = (a: Record<string, unknown>) => Boolean(a.json);
  // An asked clock the schedule misses: one line on stderr; exit 1 with --strict-clock.
  const warnClock = (dp: Datapath, sched: Schedule, a: Record<string, unknown>) => {
    const w = clockShortfall(dp, sched);
    if (!w) return;
    io.stderr(`isrlu: warning: ${w.text}`);
    if (a.strictClock) code = 1;
  };
  const out = (a: Record<string, unknown>, data: unknown, text: string) => io.stdout(json(a) ? `${JSON.stringify(data, null, 2)}\n` : text);

  // yargs reads a lone "-" after a flag as no value: "--out -" becomes "--out=-" (standard output/input).
  argv = joinDashValues(argv);
  const parser = registerNnCommands(yargs([...argv])
    .scriptName('isrlu')
    .usage('$0 <command> [spec] [options]\n\nISRU / ISRLU activation functions as verified fixed-point hardware.')
    .option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' })
    .command('run [spec]', 'The main job: prove the error bound, generate Verilog, co-simulate (Icarus, Verilator), synthesize (Yosys), simulate the pipeline, check training on MNIST, and write out/NAME/ with report.md, report.html, report.json and charts', (y) =>
      withSpecFlags(y)
        .example('$0 run', 'the main job on the default spec (ISRLU sQ3.12): out/isrlu_s3_12/')
        .example('$0 run examples/isru_8bit_direct.json --no-train', 'an 8-bit core, without the MNIST training check')
        .example('$0 run --function isru --input sQ2.9 --output sQ0.11 --no-synth --no-cosim', 'a quick run from flags alone')
        .option('strict-clock', { type: 'boolean', describe: 'Exit 1 when the asked clockMHz cannot be met (a warning otherwise)' })
        .option('out', { type: 'string', default: 'out', describe: 'Output folder; results go to OUT/NAME/' })
        .option('force', { type: 'boolean', describe: 'Replace files in OUT/NAME/ that isrlu did not write' })
        .option('cosim', { type: 'boolean', default: true, describe: 'Co-simulate under Icarus and Verilator, whichever are installed (--no-cosim skips it)' })
        .option('synth', { type: 'boolean', default: true, describe: 'Synthesize with Yosys for the device and Xilinx 7-series (--no-synth skips it)' })
        .option('fmax', { type: 'boolean', default: false, describe: 'Also place and route on an iCE40 UP5K with nextpnr-ice40 for a measured Fmax (multipliers in LUTs; adds a minute or two)' })
        .option('train', { type: 'boolean', default: true, describe: 'Run the training check with the bit-exact activation (--no-train skips it)' })
        .option('train-images', { type: 'number', default: 12000, describe: 'Training images for the training check (tested on 5000 test images)' })
        .option('train-widths', { type: 'string', default: '4,6,8,12,16', describe: 'Bit widths of the accuracy-against-width chart (comma-separated, 4 to 16)' }),
    async (a) => {
      const spec = specFromArgs(a, io);
      folderOut(a.out as string);
      const dir = `${a.out as string}/${spec.name}`;
      checkOutputDir(dir, Boolean(a.force));
      const trainImages = intOption('train-images', a.trainImages, 500, 60000);
      const widths = String(a.trainWidths).split(',').map((w) => intOption('train-widths', /^\d+$/.test(w.trim()) ? Number(w) : JSON.stringify(w), 4, 16));
      progress(io, json(a), `isrlu ${VERSION}: ${spec.name} (${spec.function}, alpha ${spec.alpha}, ${formatName(spec.input)} -> ${formatName(spec.output)}, ${spec.accuracy}${spec.architecture === 'iterative' ? `, iterative x${spec.lanes}` : ''})`);
      // The job pulls in tfjs and the canvas: loaded here, not at start-up of every command.
      const { runJob } = await import('../job/index.js');
      const { trainingCheck } = await import('../job/training.js');
      // On a terminal the progress lines say it all; in a pipe or a log, one line per step as it
      // finishes (so a failure or a kill still leaves the steps that passed).
      const stepLine = (st: JobStep) => `${st.step.padEnd(10)} ${st.status.padEnd(7)} ${st.detail}\n`;
      const r = await runJob(spec, {
        synth: Boolean(a.synth), fmax: Boolean(a.fmax), cosim: Boolean(a.cosim),
        ...(io.progress || json(a) ? {} : { onStep: (st: JobStep) => io.stdout(stepLine(st)) }),
        ...(a.train ? { training: (s: Spec, log: (l: string) => void) => trainingCheck(s, { trainImages, seed: 1, widths }, log) } : {}),
      }, (line) => progress(io, json(a), line));
      writeOutputDir(dir, r.files, Boolean(a.force), `${spec.name} (run)`);
      if (!r.ok) code = 1;
      if (r.clockWarning) {
        io.stderr(`isrlu: warning: ${r.clockWarning}`);
        if (a.strictClock) code = 1;
      }
      const failed = r.steps.filter((s) => s.status === 'failed').map((s) => s.step);
      // Each skipped step with its reason: "cosim (--no-cosim)", "cosim (Icarus Verilog skipped (not installed...))".
      const skipped = r.steps.filter((s) => s.status === 'skipped').map((s) => `${s.step} ${s.detail.startsWith('skipped (') ? s.detail.slice('skipped '.length) : `(${s.detail})`}`);
      const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
      out(a, { outDir: dir, ok: r.ok, seconds: Number(r.seconds.toFixed(2)), steps: r.steps, headline: r.headline }, [
        r.ok ? (skipped.length ? `passed, ${steps(skipped.length)} skipped: ${skipped.join(', ')}` : 'all checks passed')
          : `FAILED: ${failed.join(', ')}${skipped.length ? `; ${steps(skipped.length)} skipped: ${skipped.join(', ')}` : ''}`,
        `wrote ${Object.keys(r.files).length} files to ${dir}/ (report.md, report.html, report.json) in ${r.seconds.toFixed(1)} s`,
      ].join('\n') + '\n');
    })
    .command('eval [spec]', 'Evaluate the bit-exact model on input codes (hex, one per line)', (y) =>
      withSpecFlags(y)
        .example('$0 eval --in codes.hex --out y.hex', 'output codes of the default core for the input codes in codes.hex')
        .example("printf '0000\\n1000\\n' | $0 eval --in - --out -", 'through a pipe')
        .option('in', { type: 'string', demandOption: true, describe: 'File of input codes: hex, two\'s complement, ceil(width/4) digits per line' })
        .option('out', { type: 'string', demandOption: true, describe: 'File to write the output codes to' })
        .option('dy-out', { type: 'string', describe: 'File for the derivative codes (spec with derivative: true)' })
        .option('force', { type: 'boolean', describe: 'Overwrite existing output files' }),
    (a) => {
      const spec = specFromArgs(a, io);
      const codes = parseHexCodes(readInput('in', a.in as string, io.stdin), spec.input, a.in === '-' ? 'standard input' : a.in as string);
      const dyOut = a.dyOut as string | undefined;
      if (dyOut !== undefined && !spec.derivative) throw new UserError('dy-out: the spec has no derivative output (set derivative: true)');
      if (dyOut === '-' && a.out === '-') throw new UserError('dy-out: "-" is standard output, which --out already takes; name a file');
      checkOverwrite('out', a.out as string, Boolean(a.force));
      if (dyOut !== undefined) checkOverwrite('dy-out', dyOut, Boolean(a.force));
      const { datapath } = elaborateWithProgress(spec, io, true);
      const res = evaluateCodes(datapath, codes);
      const ys = res.y.map((v) => formatHex(v, spec.output));
      const dys = (res.dy ?? []).map((v) => formatHex(v, spec.derivativeFormat));
      writeOutput(a.out as string, ys.map((l) => `${l}\n`).join(''), io.stdout);
      if (dyOut !== undefined) writeOutput(dyOut, dys.map((l) => `${l}\n`).join(''), io.stdout);
      // With "-" the codes are the output: nothing else goes to standard output.
      if (!isStreamPath(a.out as string) && (dyOut === undefined || !isStreamPath(dyOut))) out(a, { spec: spec.name, count: codes.length, out: a.out, ...(dyOut ? { dyOut } : {}) }, `wrote ${codes.length} output codes to ${a.out as string}\n`);
    })
    .command('gen [spec]', 'Generate Verilog: NAME.v, NAME_tb.v with its vector files, NAME.report.json', (y) =>
      withSpecFlags(y)
        .example('$0 gen --out rtl/', 'Verilog, testbench, vectors and NAME.core of the default core')
        .example('$0 gen examples/isrlu_iterative_axis.json --out rtl/', 'an iterative core behind AXI4-Stream')
        .example('$0 gen --device xilinx --clock-mhz 200 --out rtl/ --strict-clock', 'pipelined for 200 MHz on 7-series; exit 1 if that cannot be met')
        .option('strict-clock', { type: 'boolean', describe: 'Exit 1 when the asked clockMHz cannot be met (a warning otherwise)' })
        .option('out', { type: 'string', demandOption: true, describe: 'Folder to write the files into' })
        .option('force', { type: 'boolean', describe: 'Write into a folder holding files isrlu did not write' }),
    (a) => {
      const spec = specFromArgs(a, io);
      folderOut(a.out as string);
      checkOutputDir(a.out as string, Boolean(a.force));
      const c = generateCore(spec, io, json(a));
      warnClock(c.dp, c.sched, a);
      const files = { ...c.g.files, [`${spec.name}.report.json`]: `${JSON.stringify(c.report, null, 2)}\n` };
      const dir = writeOutputDir(a.out as string, files, Boolean(a.force), `${spec.name} (gen)`);
      out(a, { ...c.report, outDir: dir }, `wrote ${Object.keys(files).length} files to ${dir}: ${c.g.top} (latency ${c.sched.latency}, ${spec.interface}), testbench ${c.g.tbTop} with ${c.g.vectors} vectors\n`);
    })
    .command('synth [spec]', 'Synthesize the generated core with Yosys (npm @yowasp/yosys) and, where nextpnr-ice40 is installed, report Fmax on an iCE40 UP5K', (y) =>
      withSpecFlags(y)
        .example('$0 synth', "Yosys for the spec's device (ice40-dsp by default)")
        .example('$0 synth --target all --out rtl/', 'every flow, and the files with area.yosys in NAME.report.json')
        .option('strict-clock', { type: 'boolean', describe: 'Exit 1 when the asked clockMHz cannot be met (a warning otherwise)' })
        .option('target', { type: 'string', describe: 'ice40-dsp, ice40 (LUT multipliers, with and without -dsp), xilinx, or all [default: the spec\'s device]' })
        .option('pnr', { type: 'boolean', default: true, describe: 'Place and route for Fmax (nextpnr-ice40, UP5K sg48) when installed; --no-pnr skips it' })
        .option('out', { type: 'string', describe: 'Also write the generated files and NAME.report.json (with area.yosys) to this folder' })
        .option('force', { type: 'boolean', describe: 'Write into a folder holding files isrlu did not write' }),
    async (a) => {
      const spec = specFromArgs(a, io);
      const targets = synthTargets(a.target as string | undefined, spec.device);
      if (a.out !== undefined) {
        folderOut(a.out as string);
        checkOutputDir(a.out as string, Boolean(a.force));
      }
      const c = generateCore(spec, io, json(a));
      warnClock(c.dp, c.sched, a);
      progress(io, json(a), `synthesizing ${c.g.top} with Yosys for ${targets.join(', ')}${a.pnr && targets.includes('ice40') ? ' and placing it with nextpnr-ice40' : ''} (a few seconds to minutes per target)...`);
      const ticker = io.progress && !json(a) ? setInterval(() => progress(io, false, '  Yosys still running...'), 15_000) : undefined;
      const impl = await implementCore(c.dp, c.g, targets, {
        pnr: Boolean(a.pnr) && targets.includes('ice40'), timeoutMs: 600_000,
        onDone: (what, s) => progress(io, json(a), `  ${what} done (${s.toFixed(1)} s)`),
      }).finally(() => clearInterval(ticker));
      const yosys = Object.fromEntries(Object.entries(impl.yosys).map(([t, r]) => [t, { lut: r.lut, ff: r.ff, carry: r.carry, dsp: r.dsp, memoryBits: r.memoryBits, bram: r.bram, cells: r.cells, seconds: r.seconds, tool: r.yosysVersion }]));
      const report = { ...c.report, area: { ...c.report.area, yosys }, ...(impl.fmax ? { fmax: impl.fmax } : {}) };
      let where = '';
      if (a.out !== undefined) {
        const files = { ...c.g.files, [`${spec.name}.report.json`]: `${JSON.stringify(report, null, 2)}\n` };
        where = `\nwrote ${Object.keys(files).length} files to ${writeOutputDir(a.out as string, files, Boolean(a.force), `${spec.name} (synth)`)}`;
      }
      const rows = Object.entries(yosys).map(([t, r]) => `  ${t.padEnd(10)} ${String(r.lut).padStart(6)} ${String(r.ff).padStart(6)} ${String(r.carry).padStart(6)} ${String(r.dsp).padStart(4)} ${String(r.memoryBits).padStart(8)} ${r.seconds.toFixed(1).padStart(6)} s`);
      // Two different clocks: the delay model's estimate for the spec's device (DSP multipliers on
      // ice40-dsp), and nextpnr's measured Fmax of the LUT-multiplier netlist. Each is labelled.
      const estimate = `clock estimate: ${c.sched.fmaxMHz.toFixed(1)} MHz on ${c.sched.target} (delay model, the schedule's; not measured)`;
      const fmax = impl.fmax === undefined ? `measured Fmax: not run (${targets.includes('ice40') ? '--no-pnr' : 'nextpnr-ice40 places the ice40 target, multipliers in LUTs: --target ice40 or all'})`
        : impl.fmax.status === 'ok' ? `measured Fmax: ${impl.fmax.fmaxMHz.toFixed(2)} MHz on iCE40 ${impl.fmax.device.toUpperCase()} ${impl.fmax.package} (nextpnr-ice40, median of ${impl.fmax.seeds.length} placement seeds; multipliers in LUTs, not DSPs; serial timing wrapper)`
          : `measured Fmax: ${impl.fmax.status}: ${impl.fmax.reason}`;
      out(a, report, [`${c.g.top}: latency ${c.sched.latency}, ${Object.values(impl.yosys)[0]?.yosysVersion ?? 'Yosys'}`,
        '  target        LUT     FF  carry  DSP  mem bits   time', ...rows, estimate, fmax].join('\n') + where + '\n');
    })
    .command('sim [spec]', 'Cycle-level simulation of the scheduled core on a stream with random bubbles (and stalls with ready/valid): latency, throughput, stalls, utilisation', (y) =>
      withSpecFlags(y)
        .example('$0 sim', 'every input code of the default core through the cycle simulator')
        .example('$0 sim examples/isru_alpha3_stream.json --stalls 0.5 --vcd wave.vcd', 'ready/valid with heavy back-pressure, and a waveform')
        .option('strict-clock', { type: 'boolean', describe: 'Exit 1 when the asked clockMHz cannot be met (a warning otherwise)' })
        .option('items', { type: 'number', describe: 'Stream this many seeded random input codes [default: every code up to 16 bits, else 20000; 200 with --vcd]' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the traffic (and of the random codes)' })
        .option('bubbles', { type: 'number', default: 0.125, describe: 'Probability that the producer offers nothing in a cycle' })
        .option('stalls', { type: 'number', default: 0.25, describe: 'Probability that the consumer is not ready in a cycle (ready-valid, axis)' })
        .option('vcd', { type: 'string', describe: 'Write a VCD of ports, stage valid bits and pipeline registers (opens in GTKWave)' })
        .option('force', { type: 'boolean', describe: 'Overwrite an existing VCD file' }),
    (a) => {
      const spec = specFromArgs(a, io);
      const seed = intOption('seed', a.seed, 0, 2 ** 32 - 1);
      const vcdPath = a.vcd as string | undefined;
      if (vcdPath !== undefined) checkOverwrite('vcd', vcdPath, Boolean(a.force));
      const rate = (name: string, v: unknown) => {
        if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new UserError(`${name}: must be a probability in [0, 1), got ${String(v)}`);
        return v;
      };
      const bubbleRate = rate('bubbles', a.bubbles);
      const stallRate = rate('stalls', a.stalls);
      const e = elaborateWithProgress(spec, io, json(a));
      const sched = scheduleDatapath(e.datapath, spec.pipeline);
      warnClock(e.datapath, sched, a);
      const items = a.items === undefined ? (vcdPath !== undefined ? 200 : undefined) : intOption('items', a.items, 1, 2 ** 24);
      // --items N streams N items of the seeded sample (corner cases and random codes) in a seeded
      // order, so a short stream spans the whole input range, not its lowest sorted codes; a narrow
      // input has fewer codes than N, and they repeat.
      const pool = items === undefined ? vectorCodes(e.datapath, seed).codes : seededShuffle(sampleCodes(spec.input, items, seed), seed);
      const codes = items === undefined ? pool : Array.from({ length: items }, (_, i) => pool[i % pool.length]!);
      const vcd = vcdPath !== undefined ? collectVcd() : undefined;
      const r = runStream(e.datapath, sched, codes, { seed, bubbleRate, stallRate, ...(vcd ? { sim: { vcd: vcd.sink } } : {}) });
      if (vcd && vcdPath !== undefined) writeOutput(vcdPath, vcd.text(), io.stdout);
      if (!r.ok) code = 1;
      const summary = {
        spec: spec.name, items: r.items, delivered: r.delivered, cycles: r.cycles, seed: r.seed, ok: r.ok,
        latency: r.latency, scheduleLatency: sched.latency, initiationInterval: r.initiationInterval, scheduleInitiationInterval: sched.initiationInterval, minAcceptGap: r.minAcceptGap,
        throughputItemsPerCycle: round6(r.throughput), stallCycles: r.stallCycles, bubbleCycles: r.bubbleCycles,
        utilisation: round6(r.utilisation), mismatches: r.mismatchCount, lost: r.lost, extra: r.extra,
        fmaxEstimateMHz: round6(sched.fmaxMHz), device: sched.target,
        ...(vcdPath !== undefined ? { vcd: vcdPath } : {}),
      };
      // "--vcd -": the waveform is standard output, the summary goes to stderr.
      (vcdPath === '-' ? (a2: Record<string, unknown>, d: unknown, t: string) => io.stderr(json(a2) ? JSON.stringify(d) : t.trimEnd()) : out)(a, summary, [
        `${spec.name}: ${r.items} items, ${r.cycles} cycles (seed ${r.seed}; bubbles ${bubbleRate}${spec.interface !== 'valid' ? `, stalls ${stallRate}` : ''})`,
        `  latency            ${r.latency.min === r.latency.max ? r.latency.min : `${r.latency.min}..${r.latency.max} (mean ${r.latency.mean.toFixed(2)})`} cycles (schedule: ${sched.latency})`,
        `  initiation interval ${r.initiationInterval}${sched.iterative ? '' : ` (schedule: ${sched.initiationInterval}; measured: the fewest cycles between two accepted items)`}${sched.iterative ? ` per lane (schedule: ${sched.initiationInterval}); ${sched.iterative.lanes} lane(s): up to ${round6(Math.min(1, sched.iterative.lanes / sched.initiationInterval))} items/cycle at the port, fewest cycles between accepted items ${r.minAcceptGap}` : ''}`,
        `  throughput         ${r.throughput.toFixed(4)} items/cycle = ${(r.throughput * sched.fmaxMHz).toFixed(1)} M items/s at the estimated ${sched.fmaxMHz.toFixed(1)} MHz (${sched.target})`,
        `  stall cycles       ${r.stallCycles}; bubble cycles ${r.bubbleCycles}; utilisation ${(100 * r.utilisation).toFixed(1)} %`,
        `  outputs            ${r.ok ? 'all equal the bit-exact model' : `${r.mismatchCount} mismatches, ${r.lost} lost, ${r.extra} extra`}`,
        ...r.mismatches.slice(0, 5).map((m) => `    ${m.text}`),
        ...(vcdPath !== undefined && !isStreamPath(vcdPath) ? [`  wrote ${vcdPath}`] : []),
      ].join('\n') + '\n');
    })
    .command('report [spec]', 'One table per core: latency, II, clock, error, area (estimate beside Yosys with --synth), a Pareto table across every method (rsqrt and direct), and with --layer the activation beside a CNN layer', (y) =>
      withSpecFlags(y)
        .example('$0 report', "the default core's report as Markdown on stdout")
        .example('$0 report --input sQ2.5 --format html --out r.html', "an 8-bit core's report as HTML")
        .example('$0 report --layer 28x28x32 --kernel 5 --macs 64', 'the activation beside a CNN layer')
        .option('strict-clock', { type: 'boolean', describe: 'Exit 1 when the asked clockMHz cannot be met (a warning otherwise)' })
        .option('format', { type: 'string', default: 'md', describe: 'md, json or html' })
        .option('out', { type: 'string', describe: 'Write the report to this file instead of stdout' })
        .option('force', { type: 'boolean', describe: 'Overwrite an existing report file' })
        .option('synth', { type: 'boolean', describe: 'Also run Yosys for every target (slow: up to minutes)' })
        .option('pnr', { type: 'boolean', describe: 'With --synth: also place and route with nextpnr-ice40 for a measured Fmax' })
        .option('pareto', { type: 'boolean', default: true, describe: 'Compare rsqrt methods for the same formats (--no-pareto skips it)' })
        .option('layer', { type: 'string', describe: 'CNN layer output feature map HxWxC (e.g. 28x28x32): adds the workload view' })
        .option('kernel', { type: 'number', default: 5, describe: 'Kernel size K (K x K), with --layer' })
        .option('in-channels', { type: 'number', default: 1, describe: 'Input channels, with --layer' })
        .option('macs', { type: 'number', default: 64, describe: 'MACs the array performs per cycle, with --layer' })
        .option('clock', { type: 'number', describe: 'Clock of the layer in MHz, with --layer [default: the core\'s clock estimate]' }),
    async (a) => {
      const spec = specFromArgs(a, io);
      const format = a.format as string;
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UserError(`format: must be one of ${REPORT_FORMATS.join(', ')}, got "${format}"`);
      const file = a.out as string | undefined;
      if (file !== undefined) checkOverwrite('out', file, Boolean(a.force));
      let layer: LayerShape | undefined;
      if (a.layer !== undefined) {
        const shape = parseShape(a.layer as string);
        if (!shape) throw new UserError(`layer: must be HxWxC like 28x28x32, got "${a.layer as string}"`);
        layer = { ...shape, kernel: a.kernel as number, inChannels: a.inChannels as number, macs: a.macs as number, clockMHz: (a.clock as number | undefined) ?? 0 };
      }
      const e = elaborateWithProgress(spec, io, json(a) || file === undefined);
      const sched = scheduleDatapath(e.datapath);
      warnClock(e.datapath, sched, a);
      if (layer && layer.clockMHz === 0) layer = { ...layer, clockMHz: Number(sched.fmaxMHz.toFixed(1)) };
      if (layer) {
        const bad = checkLayer(layer);
        if (bad) throw new UserError(bad);
      }
      let report = coreReport(e.datapath, { pareto: Boolean(a.pareto), ...(e.sizing?.check.y.exhaustive ? { analysis: e.sizing.check } : {}) });
      if (a.synth) {
        const g = generateVerilog(e.datapath, sched);
        const impl = await implementCore(e.datapath, g, ['ice40', 'ice40-dsp', 'xilinx'], { pnr: Boolean(a.pnr), timeoutMs: 600_000 });
        report = {
          ...report, area: { ...report.area, yosys: impl.yosys },
          ...(impl.fmax?.status === 'ok' ? { clock: { ...report.clock, measuredMHz: impl.fmax.fmaxMHz, measuredBy: `nextpnr-ice40 UP5K, LUT multipliers, median of ${impl.fmax.seeds.length} seeds` } } : {}),
        };
      }
      const workload = layer ? workloadFor(e.datapath, sched.latency, layer) : undefined;
      const text = renderReport(report, format as ReportFormat, workload);
      if (file !== undefined && file !== '-') {
        writeOutput(file, text, io.stdout);
        if (!isStreamPath(file)) io.stdout(json(a) ? `${JSON.stringify({ out: file, format })}\n` : `wrote ${file}\n`);
      } else io.stdout(text);
    })
    .command('error [spec]', 'Error analysis: exhaustive up to --exhaustive-bits input bits, sampled beyond', (y) =>
      withSpecFlags(y)
        .example('$0 error', 'the error proof of the default core (every input code)')
        .example('$0 error --input sQ7.24 --samples 100000', 'a 32-bit input: corner cases plus 100000 seeded random codes')
        .option('exhaustive-bits', { type: 'number', default: 24, describe: 'Check every input code up to this input width' })
        .option('samples', { type: 'number', describe: 'Beyond the exhaustive limit, this many seeded random codes (repeats count once) plus the corner cases (the ends, 0, +-1, and +-2^k, +-2^k+-1 for every bit k) [default: 262144 where every node fits a double (the fast evaluator), else 4096 (the BigInt interpreter): a 30-bit input with 64-bit internals checks 4096 random codes plus its corners]' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the random codes' }),
    (a) => {
      const spec = specFromArgs(a, io);
      const bits = intOption('exhaustive-bits', a.exhaustiveBits, 1, 32);
      const samples = a.samples === undefined ? undefined : intOption('samples', a.samples, 1, 2 ** 26);
      const seed = intOption('seed', a.seed, 0, 2 ** 32 - 1);
      const e = elaborateWithProgress(spec, io, json(a));
      const analysis = analyzeErrors(e.datapath, { exhaustiveBits: bits, seed, ...(samples ? { samples } : {}) });
      out(a, { spec: spec.name, ...analysisJson(analysis) }, [
        renderStats(`${spec.name} y`, analysis.y), ...(analysis.dy ? [renderStats(`${spec.name} derivative`, analysis.dy)] : []),
      ].join('\n') + '\n');
    })
    .command('elaborate [spec]', 'Show the elaborated datapath (and, for faithful specs, the sizing and error budget)', (y) =>
      withSpecFlags(y)
        .example('$0 elaborate', 'the default core node by node, with the sizing and error budget')
        .example('$0 elaborate --accuracy custom --method newton --steps 1 --json', 'a hand-sized design as JSON'),
      (a) => {
        const spec = specFromArgs(a, io);
        const e = elaborateWithProgress(spec, io, json(a));
        out(a, { spec: specToJson(spec), design: e.datapath.params, ...(e.sizing ? { budget: e.sizing.budget } : {}), datapath: datapathJson(e.datapath) },
          [...(e.sizing ? [renderSizing(e.sizing)] : []), renderDatapath(e.datapath)].join('\n') + '\n');
      })
    .command('export [spec]', 'Write the core\'s bit-exact model as a self-contained C99 file (int32_t NAME(int32_t x)) or Python module (NAME(x: int) -> int, NAME_real(a) on NumPy arrays)', (y) =>
      withSpecFlags(y)
        .example('$0 export --lang c --out isrlu_s3_12.c', 'the default core as C99: int32_t isrlu_s3_12(int32_t x)')
        .example('$0 export examples/isru_8bit_direct.json --lang python --out isru_q8.py', 'an 8-bit core as a Python module (isru_q8(x), isru_q8_real(a))')
        .option('lang', { type: 'string', demandOption: true, describe: 'c (C99, <stdint.h> only) or python (Python 3; NumPy only for NAME_real)' })
        .option('out', { type: 'string', demandOption: true, describe: 'File to write (NAME.h or NAME.py, say); - for standard output' })
        .option('force', { type: 'boolean', describe: 'Overwrite an existing file' }),
    (a) => {
      const spec = specFromArgs(a, io);
      const lang = a.lang as string;
      if (!(EXPORT_LANGS as readonly string[]).includes(lang)) throw new UserError(`lang: must be one of ${EXPORT_LANGS.join(', ')}, got "${lang}"`);
      const file = a.out as string;
      checkExportable(spec, lang as ExportLang);
      checkOverwrite('out', file, Boolean(a.force));
      const e = elaborateWithProgress(spec, io, json(a) || file === '-');
      const analysis = e.sizing?.check.y.exhaustive ? e.sizing.check : analyzeErrors(e.datapath, { worstCount: 0 });
      const text = exportModel({ datapath: e.datapath, analysis }, lang as ExportLang);
      writeOutput(file, text, io.stdout);
      if (!isStreamPath(file)) out(a, { spec: spec.name, lang, out: file, functions: [spec.name, ...(spec.derivative ? [`${spec.name}_dy`] : []), ...(lang === 'python' ? [`${spec.name}_real`] : [])] }, `wrote ${file}: ${lang === 'c' ? 'C99' : 'Python'} model of ${spec.name}\n`);
    })
    .command('spec [spec]', 'Validate a spec and print it with every default filled in', (y) =>
      withSpecFlags(y)
        .example('$0 spec my.json', 'validate my.json and print it with every default')
        .example("echo '{\"function\": \"isru\"}' | $0 spec - --input sQ2.5", 'a spec from standard input, a flag overriding it'),
      (a) => {
        const spec = specFromArgs(a, io);
        out(a, specToJson(spec), `${JSON.stringify(specToJson(spec), null, 2)}\n`);
      })
    .command('knobs', 'Print the spec reference (every field, its type, default and meaning) as Markdown', (y) => y,
      () => { io.stdout(`${knobsMarkdown()}\n`); }),
    { io, setExitCode: (c) => { code = c; }, ...(io === defaultIo ? { progressStream: process.stderr } : {}) })
    .command('bench <what>', 'CPU benchmarks: "activations" times ReLU, ELU, tanh, sigmoid, ISRU, ISRLU and the ISRU gate (exact and fast inverse square root) over Float32Arrays', (y) =>
      benchActivationsOptions(y.positional('what', { type: 'string', choices: ['activations'], describe: 'What to time' })),
    (a) => { benchActivationsCommand(a, io); })
    .demandCommand(1, 'name a command (run, gen, synth, sim, report, eval, error, elaborate, spec, knobs, bench, train, sweep); see --help')
    .strict()
    .exitProcess(false)
    .showHelpOnFail(false)
    .version(VERSION)
    .help()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): keep one line.
      // At failure the parser holds the options of the command being parsed.
      throw new UserError(withSuggestions(msg.replace(/\s*\n\s*/g, ' '), argv, Object.keys((parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key)));
    });

  try {
    // With a callback, yargs hands over --help/--version text instead of printing it itself.
    let shown = '';
    await parser.parseAsync([...argv], {}, (_err, _args, output) => { shown = output; });
    if (shown) io.stdout(`${shown}\n`);
  } catch (e) {
    // A Yosys failure is reported like bad input: one line naming target, top and the first ERROR.
    if (e instanceof SpecError || e instanceof FormatError || e instanceof UserError || e instanceof SynthError) {
      io.stderr(`isrlu: error: ${oneLine(e.message)}`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`isrlu: internal error: ${oneLine(err.message)}${process.env.ISRLU_DEBUG ? `\n${err.stack}` : ' (set ISRLU_DEBUG=1 for the stack)'}`);
    return 70;
  }
  return code;
}

/** A command that writes a folder of files cannot write them to standard output. */
function folderOut(path: string): void {
  if (path === '-') throw new UserError('out: this command writes a folder of files; "-" (standard output) cannot hold them: name a folder');
}

function intOption(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new UserError(`${name}: must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

/** The activation units beside a layer: this core, ReLU and a table ELU, each priced by the area model. */
function workloadFor(dp: Datapath, latency: number, layer: LayerShape) {
  const device = dp.spec.device;
  const price = (d: Datapath) => {
    const a = estimateArea(d, scheduleDatapath(d, 1), device);
    return { lut: a.lut, ff: a.ff, dsp: a.dsp, memoryBits: a.memoryBits };
  };
  const core = estimateArea(dp, scheduleDatapath(dp), device);
  return workloadView(layer, price(macDatapath(dp.spec)), [
    { name: `${dp.spec.function} (this core)`, latency, itemsPerCycle: dp.spec.architecture === 'iterative' ? dp.spec.lanes / (dp.loop?.entry.length ?? 1) : 1, area: { lut: core.lut, ff: core.ff, dsp: core.dsp, memoryBits: core.memoryBits } },
    { name: 'ReLU', latency: 1, itemsPerCycle: 1, area: price(reluDatapath(dp.spec)) },
    { name: 'ELU (table of every input code)', latency: 1, itemsPerCycle: 1, area: price(eluTableDatapath(dp.spec)) },
  ]);
}

/** Elaborates, schedules and generates a core, with the report `gen` writes. */
function generateCore(spec: Spec, io: CliIo, quiet: boolean) {
  const e = elaborateWithProgress(spec, io, quiet);
  const sched = scheduleDatapath(e.datapath, spec.pipeline);
  const g = generateVerilog(e.datapath, sched);
  const analysis = e.sizing?.check.y.exhaustive ? e.sizing.check : analyzeErrors(e.datapath);
  const clockWarning = clockShortfall(e.datapath, sched)?.text;
  const report = {
    tool: `isrlu-codesign ${VERSION}`, name: spec.name, top: g.top, testbench: g.tbTop,
    latency: sched.latency, initiationInterval: sched.initiationInterval, interface: spec.interface,
    architecture: spec.architecture, ...(sched.iterative ? { lanes: sched.iterative.lanes, itemsPerCycle: round6(sched.iterative.lanes / sched.initiationInterval) } : {}),
    schedule: {
      device: sched.target, ...(sched.clockMHz !== undefined ? { clockMHz: sched.clockMHz } : {}),
      fmaxEstimateMHz: round6(sched.fmaxMHz), segmentDelaysNs: sched.segmentDelay.map(round6),
      ...(sched.tooSlow.length ? { slowerThanClock: sched.tooSlow } : {}),
      ...(clockWarning ? { clockWarning } : {}),
    },
    spec: specToJson(spec), design: e.datapath.params, error: analysisJson(analysis),
    area: {
      estimate: Object.fromEntries(AREA_TARGETS.map((t) => [t, estimateArea(e.datapath, sched, t)])),
      simpleCost: Math.round(datapathCost(e.datapath)),
    } as Record<string, unknown>,
    testbenchVectors: { count: g.vectors, exhaustive: g.exhaustive },
    files: Object.keys(g.files),
  };
  return { dp: e.datapath, sched, g, report };
}

function elaborateWithProgress(spec: Spec, io: CliIo, quiet: boolean): Elaboration {
  if (spec.accuracy === 'faithful') progress(io, quiet, `sizing a faithful design for ${width(spec.input)}-bit input (exhaustive check)...`);
  return elaborate(spec);
}
