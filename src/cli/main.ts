// The `isrlu` command: a thin yargs shell over the library. Every command takes a spec file and/or
// spec flags (generated from the knob registry) and --json; bad input ends in one line on stderr
// and a non-zero exit, never a stack trace; files are written atomically.

import yargs, { type Argv } from 'yargs';
import { FormatError, formatHex, formatName, width } from '../fixedpoint/index.js';
import { KNOBS, SpecError, loadSpecFile, resolveSpec, specToJson, type Spec } from '../spec/index.js';
import { evaluateCodes } from '../datapath/index.js';
import { analyzeErrors, datapathCost, elaborate, type Elaboration } from '../analysis/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { generateVerilog, implementCore } from '../rtl-gen/index.js';
import { SynthError, type SynthTarget } from '../synth/index.js';
import { UserError, checkOverwrite, parseHexCodes, readTextFile, writeFileAtomic } from './io.js';
import { checkOutputDir, writeOutputDir } from './outdir.js';
import {
  analysisJson, datapathJson, knobsMarkdown, renderDatapath, renderSizing, renderStats, round6,
} from './render.js';
import { VERSION } from '../version.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z]+)/g, '$1-$2').toLowerCase();

/** Adds one flag per spec knob (--function, --alpha, --output-rounding, ...). */
function withSpecFlags<T>(y: Argv<T>): Argv<T> {
  y.positional('spec', { type: 'string', describe: 'Spec file (JSON); without one the built-in default spec is used' });
  for (const k of KNOBS) {
    y.option(kebab(k.key), {
      type: k.type === 'boolean' ? 'boolean' : 'string',
      describe: `${k.description}${k.choices ? ` One of: ${k.choices.join(', ')}.` : ''} [default: ${k.defaultText}]`,
      group: 'Spec fields (override the spec file):',
    });
  }
  return y;
}

function specFromArgs(args: Record<string, unknown>): Spec {
  const overrides: Record<string, unknown> = {};
  for (const k of KNOBS) if (args[kebab(k.key)] !== undefined) overrides[k.key] = args[kebab(k.key)];
  const path = args.spec as string | undefined;
  return path === undefined ? resolveSpec({}, overrides) : loadSpecFile(path, overrides);
}

function progress(io: CliIo, json: boolean, text: string): void {
  if (!json) io.stderr(text);
}

/** Runs the CLI on argv; returns the exit code (0 ok, 1 check failed, 2 bad input, 70 internal). */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const json = (a: Record<string, unknown>) => Boolean(a.json);
  const out = (a: Record<string, unknown>, data: unknown, text: string) => io.stdout(json(a) ? `${JSON.stringify(data, null, 2)}\n` : text);

  const parser = yargs([...argv])
    .scriptName('isrlu')
    .usage('$0 <command> [spec] [options]\n\nISRU / ISRLU activation functions as verified fixed-point hardware.')
    .option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' })
    .command('run [spec]', 'The main job: elaborate, size and prove the error bound exhaustively, write out/NAME/', (y) =>
      withSpecFlags(y)
        .option('out', { type: 'string', default: 'out', describe: 'Output folder; results go to OUT/NAME/' })
        .option('force', { type: 'boolean', describe: 'Replace files in OUT/NAME/ that isrlu did not write' }),
    (a) => {
      const spec = specFromArgs(a);
      checkOutputDir(`${a.out as string}/${spec.name}`, Boolean(a.force));
      progress(io, json(a), `isrlu ${VERSION}: ${spec.name} (${spec.function}, alpha ${spec.alpha}, ${formatName(spec.input)} -> ${formatName(spec.output)}, ${spec.accuracy})`);
      const t0 = performance.now();
      const e = elaborateWithProgress(spec, io, json(a));
      const analysis = analyzeErrors(e.datapath);
      const seconds = (performance.now() - t0) / 1000;
      const report = {
        tool: `isrlu-codesign ${VERSION}`, spec: specToJson(spec), design: e.datapath.params,
        ...(e.sizing ? { budget: e.sizing.budget } : {}),
        error: analysisJson(analysis), datapath: datapathJson(e.datapath),
      };
      const dir = writeOutputDir(`${a.out as string}/${spec.name}`, { 'report.json': `${JSON.stringify(report, null, 2)}\n` }, Boolean(a.force));
      const faithful = analysis.y.unfaithful === 0 && (analysis.dy?.unfaithful ?? 0) === 0;
      if (spec.accuracy === 'faithful' && !faithful) code = 1;
      out(a, { ...report, outDir: dir, seconds: Number(seconds.toFixed(3)) }, [
        e.sizing ? renderSizing(e.sizing) : `custom design: ${JSON.stringify(e.datapath.params)}`,
        renderStats('y', analysis.y),
        ...(analysis.dy ? [renderStats('derivative', analysis.dy)] : []),
        `wrote ${dir}/report.json (${seconds.toFixed(2)} s)`,
      ].join('\n') + '\n');
    })
    .command('eval [spec]', 'Evaluate the bit-exact model on input codes (hex, one per line)', (y) =>
      withSpecFlags(y)
        .option('in', { type: 'string', demandOption: true, describe: 'File of input codes: hex, two\'s complement, ceil(width/4) digits per line' })
        .option('out', { type: 'string', demandOption: true, describe: 'File to write the output codes to' })
        .option('dy-out', { type: 'string', describe: 'File for the derivative codes (spec with derivative: true)' })
        .option('force', { type: 'boolean', describe: 'Overwrite existing output files' }),
    (a) => {
      const spec = specFromArgs(a);
      const codes = parseHexCodes(readTextFile('in', a.in as string), spec.input, a.in as string);
      const dyOut = a.dyOut as string | undefined;
      if (dyOut !== undefined && !spec.derivative) throw new UserError('dy-out: the spec has no derivative output (set derivative: true)');
      checkOverwrite('out', a.out as string, Boolean(a.force));
      if (dyOut !== undefined) checkOverwrite('dy-out', dyOut, Boolean(a.force));
      const { datapath } = elaborateWithProgress(spec, io, true);
      const res = evaluateCodes(datapath, codes);
      const ys = res.y.map((v) => formatHex(v, spec.output));
      const dys = (res.dy ?? []).map((v) => formatHex(v, spec.derivativeFormat));
      writeFileAtomic(a.out as string, ys.map((l) => `${l}\n`).join(''));
      if (dyOut !== undefined) writeFileAtomic(dyOut, dys.map((l) => `${l}\n`).join(''));
      out(a, { spec: spec.name, count: codes.length, out: a.out, ...(dyOut ? { dyOut } : {}) }, `wrote ${codes.length} output codes to ${a.out as string}\n`);
    })
    .command('gen [spec]', 'Generate Verilog: NAME.v, NAME_tb.v with its vector files, NAME.report.json', (y) =>
      withSpecFlags(y)
        .option('out', { type: 'string', demandOption: true, describe: 'Folder to write the files into' })
        .option('force', { type: 'boolean', describe: 'Write into a folder holding files isrlu did not write' }),
    (a) => {
      const spec = specFromArgs(a);
      checkOutputDir(a.out as string, Boolean(a.force));
      const c = generateCore(spec, io, json(a));
      const files = { ...c.g.files, [`${spec.name}.report.json`]: `${JSON.stringify(c.report, null, 2)}\n` };
      const dir = writeOutputDir(a.out as string, files, Boolean(a.force));
      out(a, { ...c.report, outDir: dir }, `wrote ${Object.keys(files).length} files to ${dir}: ${c.g.top} (latency ${c.sched.latency}, ${spec.interface}), testbench ${c.g.tbTop} with ${c.g.vectors} vectors\n`);
    })
    .command('synth [spec]', 'Synthesize the generated core with Yosys (npm @yowasp/yosys) and, where nextpnr-ice40 is installed, report Fmax on an iCE40 UP5K', (y) =>
      withSpecFlags(y)
        .option('target', { type: 'string', default: 'ice40', describe: 'ice40 (synth_ice40 with and without -dsp), xilinx (synth_xilinx) or all' })
        .option('pnr', { type: 'boolean', default: true, describe: 'Place and route for Fmax (nextpnr-ice40, UP5K sg48) when installed; --no-pnr skips it' })
        .option('out', { type: 'string', describe: 'Also write the generated files and NAME.report.json (with area.yosys) to this folder' })
        .option('force', { type: 'boolean', describe: 'Write into a folder holding files isrlu did not write' }),
    async (a) => {
      const spec = specFromArgs(a);
      const targets = ({ ice40: ['ice40', 'ice40-dsp'], xilinx: ['xilinx'], all: ['ice40', 'ice40-dsp', 'xilinx'] } as Record<string, SynthTarget[]>)[a.target as string];
      if (!targets) throw new UserError(`target: must be one of ice40, xilinx, all, got "${a.target as string}"`);
      if (a.out !== undefined) checkOutputDir(a.out as string, Boolean(a.force));
      const c = generateCore(spec, io, json(a));
      progress(io, json(a), `synthesizing ${c.g.top} with Yosys for ${targets.join(', ')}${a.pnr && targets.includes('ice40') ? ' and placing it with nextpnr-ice40' : ''}...`);
      let impl;
      try {
        impl = await implementCore(c.dp, c.g, targets, { pnr: Boolean(a.pnr) && targets.includes('ice40'), timeoutMs: 600_000 });
      } catch (e) {
        if (e instanceof SynthError) throw new UserError(e.message);
        throw e;
      }
      const yosys = Object.fromEntries(Object.entries(impl.yosys).map(([t, r]) => [t, { lut: r.lut, ff: r.ff, carry: r.carry, dsp: r.dsp, memoryBits: r.memoryBits, bram: r.bram, cells: r.cells, seconds: r.seconds, tool: r.yosysVersion }]));
      const report = { ...c.report, area: { ...c.report.area, yosys }, ...(impl.fmax ? { fmax: impl.fmax } : {}) };
      let where = '';
      if (a.out !== undefined) {
        const files = { ...c.g.files, [`${spec.name}.report.json`]: `${JSON.stringify(report, null, 2)}\n` };
        where = `\nwrote ${Object.keys(files).length} files to ${writeOutputDir(a.out as string, files, Boolean(a.force))}`;
      }
      const rows = Object.entries(yosys).map(([t, r]) => `  ${t.padEnd(10)} ${String(r.lut).padStart(6)} ${String(r.ff).padStart(6)} ${String(r.carry).padStart(6)} ${String(r.dsp).padStart(4)} ${String(r.memoryBits).padStart(8)} ${r.seconds.toFixed(1).padStart(6)} s`);
      const fmax = impl.fmax === undefined ? 'Fmax: not measured (needs the ice40 target and --pnr)'
        : impl.fmax.status === 'ok' ? `Fmax: ${impl.fmax.fmaxMHz.toFixed(2)} MHz on iCE40 ${impl.fmax.device.toUpperCase()} ${impl.fmax.package} (nextpnr-ice40, multipliers in LUTs, serial timing wrapper)`
          : `Fmax: ${impl.fmax.status}: ${impl.fmax.reason}`;
      out(a, report, [`${c.g.top}: latency ${c.sched.latency}, Yosys ${Object.values(impl.yosys)[0]?.yosysVersion ?? ''}`,
        '  target        LUT     FF  carry  DSP  mem bits   time', ...rows, fmax].join('\n') + where + '\n');
    })
    .command('error [spec]', 'Error analysis: exhaustive up to --exhaustive-bits input bits, sampled beyond', (y) =>
      withSpecFlags(y)
        .option('exhaustive-bits', { type: 'number', default: 24, describe: 'Check every input code up to this input width' })
        .option('samples', { type: 'number', describe: 'Random codes beyond the exhaustive limit [default: 262144]' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the random codes' }),
    (a) => {
      const spec = specFromArgs(a);
      const bits = intOption('exhaustive-bits', a.exhaustiveBits, 1, 32);
      const samples = a.samples === undefined ? undefined : intOption('samples', a.samples, 1, 2 ** 26);
      const seed = intOption('seed', a.seed, 0, 2 ** 32 - 1);
      const e = elaborateWithProgress(spec, io, json(a));
      const analysis = analyzeErrors(e.datapath, { exhaustiveBits: bits, seed, ...(samples ? { samples } : {}) });
      out(a, { spec: spec.name, ...analysisJson(analysis) }, [
        renderStats(`${spec.name} y`, analysis.y), ...(analysis.dy ? [renderStats(`${spec.name} derivative`, analysis.dy)] : []),
      ].join('\n') + '\n');
    })
    .command('elaborate [spec]', 'Show the elaborated datapath (and, for faithful specs, the sizing and error budget)', (y) => withSpecFlags(y),
      (a) => {
        const spec = specFromArgs(a);
        const e = elaborateWithProgress(spec, io, json(a));
        out(a, { spec: specToJson(spec), design: e.datapath.params, ...(e.sizing ? { budget: e.sizing.budget } : {}), datapath: datapathJson(e.datapath) },
          [...(e.sizing ? [renderSizing(e.sizing)] : []), renderDatapath(e.datapath)].join('\n') + '\n');
      })
    .command('spec [spec]', 'Validate a spec and print it with every default filled in', (y) => withSpecFlags(y),
      (a) => {
        const spec = specFromArgs(a);
        out(a, specToJson(spec), `${JSON.stringify(specToJson(spec), null, 2)}\n`);
      })
    .command('knobs', 'Print the spec reference (every field, its type, default and meaning) as Markdown', (y) => y,
      () => { io.stdout(`${knobsMarkdown()}\n`); })
    .demandCommand(1, 'name a command (run, gen, synth, eval, error, elaborate, spec, knobs); see --help')
    .strict()
    .exitProcess(false)
    .showHelpOnFail(false)
    .version(VERSION)
    .help()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      throw err ?? new UserError(msg);
    });

  try {
    // With a callback, yargs hands over --help/--version text instead of printing it itself.
    let shown = '';
    await parser.parseAsync([...argv], {}, (_err, _args, output) => { shown = output; });
    if (shown) io.stdout(`${shown}\n`);
  } catch (e) {
    if (e instanceof SpecError || e instanceof FormatError || e instanceof UserError) {
      io.stderr(`isrlu: error: ${e.message}`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`isrlu: internal error: ${err.message}${process.env.ISRLU_DEBUG ? `\n${err.stack}` : ' (set ISRLU_DEBUG=1 for the stack)'}`);
    return 70;
  }
  return code;
}

function intOption(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new UserError(`${name}: must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

/** Elaborates, schedules and generates a core, with the report `gen` writes. */
function generateCore(spec: Spec, io: CliIo, quiet: boolean) {
  const e = elaborateWithProgress(spec, io, quiet);
  const sched = scheduleDatapath(e.datapath, spec.pipeline);
  const g = generateVerilog(e.datapath, sched);
  const analysis = e.sizing?.check.y.exhaustive ? e.sizing.check : analyzeErrors(e.datapath);
  const report = {
    tool: `isrlu-codesign ${VERSION}`, name: spec.name, top: g.top, testbench: g.tbTop,
    latency: sched.latency, initiationInterval: 1, interface: spec.interface,
    schedule: {
      device: sched.target, ...(sched.clockMHz !== undefined ? { clockMHz: sched.clockMHz } : {}),
      fmaxEstimateMHz: round6(sched.fmaxMHz), segmentDelaysNs: sched.segmentDelay.map(round6),
      ...(sched.tooSlow.length ? { slowerThanClock: sched.tooSlow } : {}),
    },
    spec: specToJson(spec), design: e.datapath.params, error: analysisJson(analysis),
    area: { simpleCost: Math.round(datapathCost(e.datapath)) } as Record<string, unknown>,
    testbenchVectors: { count: g.vectors, exhaustive: g.exhaustive },
    files: Object.keys(g.files),
  };
  return { dp: e.datapath, sched, g, report };
}

function elaborateWithProgress(spec: Spec, io: CliIo, quiet: boolean): Elaboration {
  if (spec.accuracy === 'faithful') progress(io, quiet, `sizing a faithful design for ${width(spec.input)}-bit input (exhaustive check)...`);
  return elaborate(spec);
}
