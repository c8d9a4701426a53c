// Spec validation: raw JSON (plus CLI overrides) -> a fully resolved Spec with every default
// filled in. Every refusal is a SpecError naming the field and the value received.

import { readFileSync } from 'node:fs';
import { fn, type FunctionName } from '../reference/index.js';
import { formatName, width, describe, type Format, type Rounding, type Overflow } from '../fixedpoint/index.js';
import {
  KNOBS, KNOB_KEYS, SpecError, known, DIRECT_METHODS, type Accuracy, type Device, type DirectMethod, type FoldChoice,
  type Interface, type Knob, type KnobKey, type KnownValues, type Method, type Objective, type RomStyle, type RsqrtMethod, type Architecture,
} from './knobs.js';

/** The sizes of a design through the inverse square root (and of the legacy whole-input table, direct). */
export interface RsqrtParams {
  readonly method: RsqrtMethod | 'direct';
  readonly steps: number;
  readonly tableAddressBits: number;
  readonly tableDataBits: number;
  readonly stepBits: readonly number[];
  readonly argFracBits: number;
  readonly mantissaBits: number;
  readonly alphaBits: number;
}

/** A direct method as the user sets it (accuracy "custom"); elaboration resolves the automatic parts. */
export interface DirectKnobs {
  readonly method: DirectMethod;
  readonly fold: FoldChoice;
  readonly windowBits: number | 'auto';
  readonly segmentBits: number | 'auto';
  readonly degree: number;
  /** poly: Horner products in LUTs, the narrowest first (ChannelDesign.lutProducts). */
  readonly lutProducts: number;
  readonly guardBits: number;
  readonly offsetBits: readonly number[] | 'auto';
  readonly offsetPrefixBits: readonly number[] | 'auto';
}

/** Sizes chosen by the user (accuracy "custom"). */
export type CustomParams = RsqrtParams | DirectKnobs;

/** Whether custom params name a direct method (the function itself approximated). */
export const isDirectKnobs = (p: { readonly method: string }): p is DirectKnobs => (DIRECT_METHODS as readonly string[]).includes(p.method) && !('y' in p);

/** Params narrowed to the rsqrt route's (an error for a direct method's). */
export function rsqrtParams(p: { readonly method: string }): RsqrtParams {
  if ((DIRECT_METHODS as readonly string[]).includes(p.method)) throw new Error(`method "${p.method}" has no rsqrt parameters`);
  return p as RsqrtParams;
}

export interface Spec {
  readonly name: string;
  readonly function: FunctionName;
  readonly alpha: number;
  readonly input: Format;
  readonly output: Format;
  readonly accuracy: Accuracy;
  readonly outputRounding: Rounding;
  readonly outputOverflow: Overflow;
  readonly inputRounding: Rounding;
  readonly inputOverflow: Overflow;
  readonly derivative: boolean;
  readonly derivativeFormat: Format;
  /** Register stages, "auto" (meet clockMHz), or node names to cut after. */
  readonly pipeline: number | 'auto' | readonly string[];
  readonly device: Device;
  readonly clockMHz: number | 'auto';
  readonly interface: Interface;
  readonly romStyle: RomStyle;
  /** pipelined (II 1) or iterative (one Newton-Raphson unit reused: II = steps). */
  readonly architecture: Architecture;
  /** Parallel copies of an iterative core behind one port (1 = a single core). */
  readonly lanes: number;
  /** What the faithful search minimises, and its hard budgets. */
  readonly objective: Objective;
  /** The methods the faithful search may choose from. */
  readonly methods: readonly Method[] | 'all';
  readonly maxDsp: number | 'none';
  readonly maxBram: number | 'none';
  /** Present exactly when accuracy is "custom". */
  readonly custom?: CustomParams;
}

/** The largest input width a direct (whole-function) table accepts. */
export const DIRECT_MAX_INPUT_BITS = 20;

/** The built-in default: ISRLU, alpha 1, sQ3.12 in and out, faithful. */
export const DEFAULT_SPEC_JSON: Readonly<Record<string, unknown>> = Object.freeze({
  name: 'isrlu_s3_12', function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', accuracy: 'faithful',
});

/**
 * Validates a spec object. `overrides` (e.g. CLI flags) win over the object's fields.
 * Unknown keys are refused so that typos surface.
 */
export function resolveSpec(raw: unknown, overrides: Record<string, unknown> = {}): Spec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SpecError('spec', `must be a JSON object, got ${describe(raw)}`);
  }
  const given: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) given[k] = v;
  for (const key of Object.keys(given)) {
    if (!KNOB_KEYS.has(key)) {
      const near = [...KNOB_KEYS].find((k) => editDistance(k.toLowerCase(), key.toLowerCase().replace(/[-_]/g, '')) <= 2);
      throw new SpecError(/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key), `unknown spec field${near ? ` (did you mean "${near}"?)` : ''}; known fields: ${[...KNOB_KEYS].join(', ')}`);
    }
  }
  const accuracy = given.accuracy ?? 'faithful';
  const v: KnownValues = {};
  for (const knob of KNOBS) {
    const present = Object.prototype.hasOwnProperty.call(given, knob.key) && given[knob.key] !== undefined;
    if (knob.customOnly && accuracy !== 'custom') {
      if (present) {
        throw new SpecError(knob.key, `is set only with accuracy "custom" (faithful sizing chooses it), got ${describe(given[knob.key])} with accuracy ${describe(accuracy)}`);
      }
      continue;
    }
    if (knob.methods && !knob.methods.includes(known(v, 'method'))) {
      if (present) {
        throw new SpecError(knob.key, `applies to method ${knob.methods.map((m) => `"${m}"`).join(' or ')}, got ${describe(given[knob.key])} with method "${known(v, 'method')}"`);
      }
      continue;
    }
    resolveKnob(knob, v, present ? { raw: given[knob.key] } : undefined);
  }
  const spec: Spec = {
    name: known(v, 'name'),
    function: known(v, 'function'),
    alpha: known(v, 'alpha'),
    input: known(v, 'input'),
    output: known(v, 'output'),
    accuracy: known(v, 'accuracy'),
    outputRounding: known(v, 'outputRounding'),
    outputOverflow: known(v, 'outputOverflow'),
    inputRounding: known(v, 'inputRounding'),
    inputOverflow: known(v, 'inputOverflow'),
    derivative: known(v, 'derivative'),
    derivativeFormat: known(v, 'derivativeFormat'),
    pipeline: known(v, 'pipeline'),
    device: known(v, 'device'),
    clockMHz: known(v, 'clockMHz'),
    interface: known(v, 'interface'),
    romStyle: known(v, 'romStyle'),
    architecture: known(v, 'architecture'),
    lanes: known(v, 'lanes'),
    objective: known(v, 'objective'),
    methods: known(v, 'methods'),
    maxDsp: known(v, 'maxDsp'),
    maxBram: known(v, 'maxBram'),
    ...(v.accuracy === 'custom' ? { custom: customFrom(v) } : {}),
  };
  checkCombination(spec);
  return spec;
}

/** One knob's value: parsed from what was given, or its default (which may read the knobs above). */
function resolveKnob<K extends KnobKey>(knob: Knob<K>, v: KnownValues, given: { raw: unknown } | undefined): void {
  v[knob.key] = given ? knob.parse(given.raw, v) : knob.default(v);
}

function customFrom(v: KnownValues): CustomParams {
  const method = known(v, 'method');
  if ((DIRECT_METHODS as readonly string[]).includes(method)) {
    return {
      method: method as DirectMethod, fold: known(v, 'fold'), windowBits: known(v, 'windowBits'),
      segmentBits: v.segmentBits ?? 'auto', degree: v.degree ?? 2, lutProducts: v.lutProducts ?? 0, guardBits: v.guardBits ?? 3,
      offsetBits: v.offsetBits ?? 'auto', offsetPrefixBits: v.offsetPrefixBits ?? 'auto',
    };
  }
  return {
    method: method as RsqrtMethod | 'direct',
    steps: known(v, 'steps'),
    tableAddressBits: known(v, 'tableAddressBits'),
    tableDataBits: known(v, 'tableDataBits'),
    stepBits: known(v, 'stepBits'),
    argFracBits: known(v, 'argFracBits'),
    mantissaBits: known(v, 'mantissaBits'),
    alphaBits: known(v, 'alphaBits'),
  };
}

/** Constraints that involve more than one field. */
function checkCombination(s: Spec): void {
  if (s.accuracy === 'faithful' && s.outputRounding === 'truncate') {
    throw new SpecError('outputRounding', 'accuracy "faithful" needs a round-to-nearest mode (a truncated result cannot be proven within 1 ulp), got "truncate"');
  }
  if (s.accuracy === 'faithful' && s.outputOverflow === 'wrap') {
    // Faithful is judged against the exact value clamped to the output range; a wrapped result
    // can only be faithful where the output holds the function's whole range.
    const xMin = -(2 ** s.input.int);
    const xMax = 2 ** s.input.int - 2 ** -s.input.frac;
    const lo = xMin / Math.sqrt(1 + s.alpha * xMin * xMin);
    const hi = s.function === 'isrlu' ? xMax : xMax / Math.sqrt(1 + s.alpha * xMax * xMax);
    const oMax = 2 ** s.output.int - 2 ** -s.output.frac;
    const oMin = s.output.signed ? -(2 ** s.output.int) : 0;
    if (lo < oMin || hi > oMax + 2 ** -(s.output.frac + 1)) {
      throw new SpecError('outputOverflow', `"wrap" with accuracy "faithful" needs an output that holds the function's range [${lo.toPrecision(6)}, ${hi.toPrecision(6)}], and "${formatName(s.output)}" holds [${oMin}, ${oMax}]: use "saturate" or a wider output`);
    }
  }
  if (s.romStyle === 'block' && s.pipeline === 0) {
    // A block RAM is read through its output register: a combinational core has none to give it.
    throw new SpecError('romStyle', '"block" needs a registered table read and pipeline 0 is combinational: use pipeline "auto" or a stage count of at least 1, or romStyle "auto" or "logic"');
  }
  if (s.derivativeFormat.int < 1) {
    throw new SpecError('derivativeFormat', `needs at least 1 integer bit to hold 1.0, got "${formatName(s.derivativeFormat)}"`);
  }
  if (s.architecture === 'iterative') {
    if (s.interface === 'valid') {
      throw new SpecError('interface', 'architecture "iterative" accepts one item every `steps` cycles and needs in_ready: use "ready-valid" or "axis", got "valid"');
    }
    if (s.pipeline !== 'auto') {
      throw new SpecError('pipeline', `architecture "iterative" has a fixed structure (input stage, one Newton-Raphson unit, output register): leave pipeline at "auto", got ${JSON.stringify(s.pipeline)}`);
    }
  } else if (s.lanes !== 1) {
    throw new SpecError('lanes', `parallel lanes raise the throughput of an iterative core; a pipelined core already takes one item per cycle: use architecture "iterative" or lanes 1, got ${s.lanes}`);
  }
  if (s.accuracy === 'faithful' && s.architecture === 'iterative' && s.methods !== 'all' && !s.methods.includes('newton')) {
    throw new SpecError('methods', `architecture "iterative" reuses one Newton-Raphson unit: the search needs method "newton" among its methods, got [${s.methods.join(', ')}]`);
  }
  const c = s.custom;
  if (!c) return;
  if (isDirectKnobs(c)) {
    checkDirect(s, c);
    return;
  }
  if (s.architecture === 'iterative') {
    if (c.method === 'direct' || c.steps < 1) {
      throw new SpecError('steps', `architecture "iterative" reuses one Newton-Raphson unit and needs a method with at least 1 step, got method "${c.method}" with ${c.steps} step(s)`);
    }
    if (new Set(c.stepBits).size > 1) {
      throw new SpecError('stepBits', `architecture "iterative" runs every step on the same unit, so every step keeps the same width: give one integer, got [${c.stepBits.join(', ')}]`);
    }
    if (s.lanes > c.steps) {
      throw new SpecError('lanes', `at most steps (${c.steps}) lanes: more cannot raise the throughput above one item per cycle, got ${s.lanes}`);
    }
  }
  if (c.method === 'direct' && width(s.input) > DIRECT_MAX_INPUT_BITS) {
    throw new SpecError('method', `"direct" tabulates every input code and takes inputs up to ${DIRECT_MAX_INPUT_BITS} bits, got ${width(s.input)}-bit input "${formatName(s.input)}"`);
  }
  if (c.method === 'newton') {
    if (c.tableAddressBits > c.mantissaBits + 1) {
      throw new SpecError('tableAddressBits', `must be at most mantissaBits + 1 (${c.mantissaBits + 1}), got ${c.tableAddressBits}`);
    }
  }
  if (c.method === 'pwl' && c.tableAddressBits > c.mantissaBits) {
    // Each segment needs at least one mantissa bit of offset to interpolate on.
    throw new SpecError('tableAddressBits', `for method "pwl" must be at most mantissaBits (${c.mantissaBits}), got ${c.tableAddressBits}`);
  }
  if (c.method === 'magic' && c.tableDataBits > c.mantissaBits) {
    throw new SpecError('tableDataBits', `for method "magic" must be at most mantissaBits (${c.mantissaBits}), got ${c.tableDataBits}`);
  }
}

/** The knobs of a direct method that can be checked before the window is known. */
function checkDirect(s: Spec, c: DirectKnobs): void {
  if (s.architecture === 'iterative') {
    throw new SpecError('architecture', `"iterative" reuses one Newton-Raphson unit; method "${c.method}" approximates the function itself and has none: use architecture "pipelined" or an rsqrt method, got method "${c.method}"`);
  }
  const f = fn(s.function);
  if (c.fold === 'neg' && !f.identityForNonNegative) throw new SpecError('fold', `"neg" approximates only the negative half and needs a function that is x for x >= 0 (isrlu), got function "${s.function}"`);
  if (c.fold === 'abs' && f.symmetryCenter === undefined) throw new SpecError('fold', `"abs" folds the input to |x| and needs a symmetric function (isru, isru-gate), got function "${s.function}"`);
  const w = width(s.input);
  if (c.method === 'table' && typeof c.windowBits === 'number' && c.windowBits > 16) {
    throw new SpecError('windowBits', `method "table" holds one entry per code of the window, at most 2^16: got windowBits ${c.windowBits}`);
  }
  if (typeof c.windowBits === 'number' && c.windowBits > w) throw new SpecError('windowBits', `must be at most the input width (${w}), got ${c.windowBits}`);
  if (typeof c.windowBits === 'number' && typeof c.segmentBits === 'number' && c.segmentBits >= c.windowBits) {
    throw new SpecError('segmentBits', `must be less than windowBits (${c.windowBits}): each segment needs offset bits, got ${c.segmentBits}`);
  }
  if (c.offsetBits !== 'auto' && c.offsetPrefixBits !== 'auto' && c.offsetPrefixBits.length !== c.offsetBits.length) {
    throw new SpecError('offsetPrefixBits', `must list one prefix per offset table (${c.offsetBits.length}), got ${c.offsetPrefixBits.length}`);
  }
}

/** Reads and validates a spec file; every failure is a SpecError with a one-line message. */
export function loadSpecFile(path: string, overrides: Record<string, unknown> = {}): Spec {
  return resolveSpec(readSpecJson(path), overrides);
}

export function readSpecJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new SpecError('spec', `cannot read "${path}": ${why}`);
  }
  return parseSpecJson(text, path);
}

/** Spec JSON text (a file's, or standard input's with `source` "-") as data; bad JSON names the source. */
export function parseSpecJson(text: string, source: string): unknown {
  // A byte-order mark (editors on Windows write one) is not part of the JSON text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SpecError('spec', `"${source}" is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The resolved spec as canonical JSON data (formats as names, keys in registry order). */
export function specToJson(s: Spec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: s.name, function: s.function, alpha: s.alpha, input: formatName(s.input), output: formatName(s.output),
    accuracy: s.accuracy, outputRounding: s.outputRounding, outputOverflow: s.outputOverflow,
    inputRounding: s.inputRounding, inputOverflow: s.inputOverflow, derivative: s.derivative,
  };
  if (s.derivative) out.derivativeFormat = formatName(s.derivativeFormat);
  Object.assign(out, {
    device: s.device, clockMHz: s.clockMHz, pipeline: Array.isArray(s.pipeline) ? [...s.pipeline] : s.pipeline, interface: s.interface, romStyle: s.romStyle,
    architecture: s.architecture, lanes: s.lanes, objective: s.objective, methods: s.methods === 'all' ? 'all' : [...s.methods], maxDsp: s.maxDsp, maxBram: s.maxBram,
  });
  if (s.custom) {
    // Only the knobs of the custom method: resolveSpec refuses the others, so the JSON reads back.
    const method = s.custom.method;
    for (const [k, value] of Object.entries(JSON.parse(JSON.stringify(s.custom)) as Record<string, unknown>)) {
      const knob = KNOBS.find((x) => x.key === k);
      if (!knob?.methods || knob.methods.includes(method)) out[k] = value;
    }
  }
  return out;
}

/**
 * The candidate nearest to `word` (case and "-"/"_" ignored) within an edit distance of 2 (3 for
 * words of 8 letters or more), for "did you mean" hints on unknown fields, flags and commands.
 */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  const norm = (w: string) => w.toLowerCase().replace(/[-_]/g, '');
  const limit = word.length >= 8 ? 3 : 2;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(norm(c), norm(word));
    if (d <= limit && d < bestD) { best = c; bestD = d; }
  }
  return best;
}

/** Levenshtein distance, for "did you mean" hints on unknown fields. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
