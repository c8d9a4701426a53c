// Verilog generation: elaborated datapath + schedule -> view model -> handlebars templates. Produces
// every file `isrlu gen` writes (core, AXI4-Stream wrapper, testbench, vectors, ROM init files),
// deterministically: the same spec gives the same bytes.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { width, minRaw, maxRaw, formatHex, formatName } from '../fixedpoint/index.js';
import { VERSION } from '../version.js';
import { evaluateCodes, type Datapath } from '../datapath/index.js';
import { sampleCodes } from '../common/index.js';
import type { Schedule } from '../schedule/index.js';
import { coreView, headerLines } from './view.js';
import { iterativeView, lanesView } from './iterative.js';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
const templates = new Map<string, Handlebars.TemplateDelegate>();

/** Compiles a template once; noEscape because Verilog is not HTML. */
function template(name: string): Handlebars.TemplateDelegate {
  let t = templates.get(name);
  if (!t) {
    t = Handlebars.compile(readFileSync(join(TEMPLATE_DIR, name), 'utf8'), { noEscape: true, strict: true });
    templates.set(name, t);
  }
  return t;
}

/** Inputs up to this width are co-simulated exhaustively by the generated testbench. */
export const TB_EXHAUSTIVE_BITS = 16;
/** Seeded random vectors (plus corner cases) above that width. */
export const TB_RANDOM_VECTORS = 20000;

export interface GeneratedCore {
  /** File name -> contents, in a fixed order. */
  readonly files: Record<string, string>;
  readonly top: string;
  readonly tbTop: string;
  /** The Verilog sources of the design (core, wrapper), without the testbench. */
  readonly sources: readonly string[];
  /** The testbench's vector files. */
  readonly vectorFiles: readonly string[];
  readonly latency: number;
  readonly vectors: number;
  readonly exhaustive: boolean;
}

/** Input codes for the testbench: every code up to 16 bits, else corners plus seeded random. */
export function vectorCodes(dp: Datapath, seed = 1): { codes: bigint[]; exhaustive: boolean } {
  const f = dp.spec.input;
  if (width(f) <= TB_EXHAUSTIVE_BITS) {
    const codes: bigint[] = [];
    for (let v = minRaw(f); v <= maxRaw(f); v++) codes.push(v);
    return { codes, exhaustive: true };
  }
  return { codes: sampleCodes(f, TB_RANDOM_VECTORS, seed), exhaustive: false };
}

/** Generates the core, its testbench and vector files. */
export function generateVerilog(dp: Datapath, sched: Schedule, opts: { seed?: number } = {}): GeneratedCore {
  const spec = dp.spec;
  const name = spec.name;
  const files: Record<string, string> = {};
  let roms: readonly { readonly file?: string; readonly hex: string }[];
  if (sched.iterative) {
    // One file holds every module the core needs: the lanes wrapper (when lanes > 1) and the core.
    const lanes = spec.lanes > 1;
    const iv = iterativeView(dp, sched, lanes ? `${name}_lane` : name);
    roms = iv.roms;
    files[`${name}.v`] = lanes ? template('lanes.v.hbs')(lanesView(dp, sched, iv.name)) : template('iterative.v.hbs')(iv);
    if (lanes) files[`${iv.name}.v`] = template('iterative.v.hbs')(iv);
  } else {
    const view = coreView(dp, sched);
    roms = view.roms;
    files[`${name}.v`] = template('core.v.hbs')(view);
  }
  const axis = spec.interface === 'axis';
  const bytes = (w: number) => Math.ceil(w / 8) * 8;
  const wIn = width(spec.input);
  const wOut = width(spec.output);
  const wDy = width(spec.derivativeFormat);
  const hasDy = dp.outputs.dy !== undefined;
  const signExt = (e: string, w: number) => (bytes(w) === w ? e : `{{${bytes(w) - w}{${e}[${w - 1}]}}, ${e}}`);
  const zeroExt = (e: string, w: number) => (bytes(w) === w ? e : `{${bytes(w) - w}'b0, ${e}}`);
  if (axis) {
    files[`${name}_axis.v`] = template('axis.v.hbs')({
      header: [`AXI4-Stream wrapper of ${name}; latency ${sched.latency} cycle(s).`], name: `${name}_axis`, core: name,
      wIn, wOut, wDy, hasDy, wInBytes: bytes(wIn), wOutBytes: bytes(wOut), wDyBytes: bytes(wDy), inPad: bytes(wIn) > wIn,
      yExt: signExt('y', wOut), dyExt: zeroExt('dy', wDy),
    });
  }
  for (const r of roms) if (r.file) files[r.file] = r.hex;

  // Vectors from the bit-exact model.
  const { codes, exhaustive } = vectorCodes(dp, opts.seed ?? 1);
  const out = evaluateCodes(dp, codes);
  const ys = out.y.map((v) => formatHex(v, spec.output));
  const dys = (out.dy ?? []).map((v) => formatHex(v, spec.derivativeFormat));
  const lines = (xs: string[]) => xs.map((l) => `${l}\n`).join('');
  files[`${name}_in.hex`] = lines(codes.map((c) => formatHex(c, spec.input)));
  files[`${name}_out.hex`] = lines(ys);
  if (hasDy) files[`${name}_dy.hex`] = lines(dys);

  const tbTop = `${name}_tb`;
  const dut = axis
    ? [
      `wire [${bytes(wOut) - 1}:0] m_tdata;`,
      ...(hasDy ? [`wire [${bytes(wDy) - 1}:0] m_tuser;`] : []),
      `${name}_axis dut (.aclk(clk), .aresetn(~rst), .s_axis_tdata(${zeroExt('in_x', wIn)}), .s_axis_tvalid(in_valid), .s_axis_tready(in_ready), .s_axis_tlast(in_last),`,
      `  .m_axis_tdata(m_tdata), .m_axis_tvalid(out_valid), .m_axis_tready(out_ready), .m_axis_tlast(out_last)${hasDy ? ', .m_axis_tuser(m_tuser)' : ''});`,
      `assign out_y = m_tdata[${wOut - 1}:0];`,
      ...(hasDy ? [`assign out_dy = m_tuser[${wDy - 1}:0];`] : []),
    ]
    : [
      `${name} dut (.clk(clk), .rst(rst), .in_valid(in_valid),${spec.interface === 'ready-valid' ? ' .in_ready(in_ready),' : ''} .in_x(in_x),`,
      `  .out_valid(out_valid),${spec.interface === 'ready-valid' ? ' .out_ready(out_ready),' : ''} .out_y(out_y)${hasDy ? ', .out_dy(out_dy)' : ''});`,
      ...(spec.interface === 'valid' ? ['assign in_ready = 1\'b1;'] : []),
      'assign out_last = 1\'b0;',
    ];
  files[`${tbTop}.v`] = template('tb.v.hbs')({
    header: headerLines(spec, dp, sched.latency, sched.initiationInterval), tbName: tbTop, count: codes.length, latency: sched.latency,
    timeout: codes.length * (spec.interface === 'valid' ? 2 : 4 + 2 * sched.initiationInterval) + 200 + 4 * sched.latency,
    vectorsNote: exhaustive ? 'every input code' : `corner cases plus ${TB_RANDOM_VECTORS} seeded random codes`,
    readyValid: spec.interface !== 'valid', hasDy, hasLast: axis, wIn, wOut, wDy,
    inFile: `${name}_in.hex`, outFile: `${name}_out.hex`, dyFile: `${name}_dy.hex`,
    seedHex: ((opts.seed ?? 1) * 2654435761 >>> 0 || 1).toString(16).padStart(8, '0'), dutLines: dut,
  });
  const sources = [`${name}.v`, ...(sched.iterative && spec.lanes > 1 ? [`${name}_lane.v`] : []), ...(axis ? [`${name}_axis.v`] : [])];
  const vectorFiles = [`${name}_in.hex`, `${name}_out.hex`, ...(hasDy ? [`${name}_dy.hex`] : [])];
  // FuseSoC (CAPI2): the RTL and testbench filesets, so the core drops into FuseSoC flows.
  files[`${name}.core`] = template('fusesoc.core.hbs')({
    header: `Generated by isrlu-codesign ${VERSION}; latency ${sched.latency}.`, name, version: VERSION,
    description: JSON.stringify(`${spec.function.toUpperCase()} alpha ${spec.alpha}, ${formatName(spec.input)} -> ${formatName(spec.output)}, latency ${sched.latency}`),
    rtlFiles: sources, romFiles: roms.flatMap((r) => (r.file ? [r.file] : [])), tbFile: `${tbTop}.v`, vectorFiles,
    top: axis ? `${name}_axis` : name, tbTop,
  });
  return { files, top: axis ? `${name}_axis` : name, tbTop, sources,
    vectorFiles: [`${name}_in.hex`, `${name}_out.hex`, ...(hasDy ? [`${name}_dy.hex`] : [])], latency: sched.latency, vectors: codes.length, exhaustive };
}

/** A serial-I/O wrapper around the core for place-and-route timing on a small package (Fmax). */
export function fmaxWrapper(dp: Datapath): { top: string; file: string; text: string } {
  const spec = dp.spec;
  const wIn = width(spec.input);
  const wOut = width(spec.output);
  const wDy = width(spec.derivativeFormat);
  const hasDy = dp.outputs.dy !== undefined;
  const wCat = wOut + (hasDy ? wDy : 0);
  const top = `${spec.name}_fmax`;
  const text = template('fmax.v.hbs')({
    name: top, core: spec.name, wIn, wInM2: Math.max(0, wIn - 2), wOut, wDy, hasDy, readyValid: spec.interface !== 'valid',
    hasUser: spec.interface === 'axis', wCat, wCatM2: Math.max(0, wCat - 2), catExpr: hasDy ? '{y, dy}' : 'y',
  });
  return { top, file: `${top}.v`, text };
}
