// The one registry of spec knobs: name, type, default, description and parser. Validation, the CLI
// flags and the README's spec reference are all generated from this list, so they cannot drift.

import { parseFormat, FormatError, describe, formatName, type Format } from '../fixedpoint/index.js';
import { ROUNDINGS, OVERFLOWS, type Rounding, type Overflow } from '../fixedpoint/index.js';
import { TARGETS, TARGET_NAMES, type TargetName } from '../targets/index.js';
import { FUNCTION_NAMES, fn, type FunctionName } from '../reference/index.js';

export class SpecError extends Error {
  override name = 'SpecError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export type Accuracy = 'faithful' | 'custom';
/** Methods through the inverse square root (the paper's route): a seed and Newton-Raphson steps. */
export type RsqrtMethod = 'newton' | 'pwl' | 'magic';
/** Methods that approximate the function itself: a table, piecewise polynomials, multipartite tables. */
export type DirectMethod = 'table' | 'poly' | 'multipartite';
export type Method = RsqrtMethod | 'direct' | DirectMethod;
export const RSQRT_METHODS: readonly (RsqrtMethod | 'direct')[] = ['newton', 'pwl', 'magic', 'direct'];
export const DIRECT_METHODS: readonly DirectMethod[] = ['table', 'poly', 'multipartite'];
/** How a direct method folds the input: auto (the search or the function decides), the codes around 0, or |x|. */
export type FoldChoice = 'auto' | 'mid' | 'abs' | 'neg';
export const FOLD_CHOICES: readonly FoldChoice[] = ['auto', 'mid', 'abs', 'neg'];
/** What the faithful search minimises. */
export type Objective = 'area' | 'no-dsp' | 'no-bram' | 'latency';
export const OBJECTIVES: readonly Objective[] = ['area', 'no-dsp', 'no-bram', 'latency'];
export type Interface = 'valid' | 'ready-valid' | 'axis';
export type RomStyle = 'auto' | 'block' | 'logic' | 'case' | 'readmemh';
export type Architecture = 'pipelined' | 'iterative';
export const ARCHITECTURES: readonly Architecture[] = ['pipelined', 'iterative'];
export const INTERFACES: readonly Interface[] = ['valid', 'ready-valid', 'axis'];
/** Devices are the synthesis flows of src/synth: one list for spec, synthesis, delay and area. */
export type Device = TargetName;
export const DEVICES: readonly Device[] = TARGET_NAMES;
export const ROM_STYLES: readonly RomStyle[] = ['auto', 'block', 'logic', 'case', 'readmemh'];
export const FUNCTIONS: readonly FunctionName[] = FUNCTION_NAMES;
export const METHODS: readonly Method[] = [...RSQRT_METHODS, ...DIRECT_METHODS];

export type KnobType = 'string' | 'number' | 'integer' | 'boolean' | 'format' | 'enum' | 'integer-list' | 'enum-list';

/** Every knob's value type after parsing. */
export interface KnobValues {
  function: FunctionName;
  alpha: number;
  input: Format;
  output: Format;
  name: string;
  accuracy: Accuracy;
  outputRounding: Rounding;
  outputOverflow: Overflow;
  inputRounding: Rounding;
  inputOverflow: Overflow;
  derivative: boolean;
  derivativeFormat: Format;
  device: Device;
  clockMHz: number | 'auto';
  pipeline: number | 'auto' | string[];
  interface: Interface;
  architecture: Architecture;
  lanes: number;
  romStyle: RomStyle;
  objective: Objective;
  methods: Method[] | 'all';
  maxDsp: number | 'none';
  maxBram: number | 'none';
  method: Method;
  steps: number;
  tableAddressBits: number;
  tableDataBits: number;
  stepBits: number[];
  argFracBits: number;
  mantissaBits: number;
  alphaBits: number;
  fold: FoldChoice;
  windowBits: number | 'auto';
  segmentBits: number | 'auto';
  degree: number;
  lutProducts: number;
  guardBits: number;
  offsetBits: number[] | 'auto';
  offsetPrefixBits: number[] | 'auto';
}

export type KnobKey = keyof KnobValues;

/** The values resolved so far: a default may read the knobs listed above it. */
export type KnownValues = Partial<KnobValues>;

/** A knob resolved earlier (the registry's order guarantees it; a slip is a programming error). */
export function known<K extends KnobKey>(v: KnownValues, key: K): KnobValues[K] {
  const x = v[key];
  if (x === undefined) throw new Error(`knob ${key} is read before it is resolved`);
  return x;
}

export interface Knob<K extends KnobKey = KnobKey> {
  readonly key: K;
  readonly type: KnobType;
  readonly choices?: readonly string[];
  readonly description: string;
  /** Human-readable default for docs and --help. */
  readonly defaultText: string;
  /** Only meaningful with accuracy "custom" (faithful sizing chooses it). */
  readonly customOnly?: boolean;
  /** Only meaningful with these methods (custom knobs of one method family). */
  readonly methods?: readonly Method[];
  readonly default: (v: KnownValues) => KnobValues[K];
  readonly parse: (raw: unknown, v: KnownValues) => KnobValues[K];
}

/** A knob of any key, its key and value types kept together. */
export type AnyKnob = { [K in KnobKey]: Knob<K> }[KnobKey];

const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Verilog-2005 (IEEE 1364-2005) reserved words, plus SystemVerilog words that tools reject too. */
export const VERILOG_KEYWORDS: ReadonlySet<string> = new Set(
  ('always and assign automatic begin buf bufif0 bufif1 case casex casez cell cmos config deassign default defparam design disable ' +
    'edge else end endcase endconfig endfunction endgenerate endmodule endprimitive endspecify endtable endtask event for force ' +
    'forever fork function generate genvar highz0 highz1 if ifnone incdir include initial inout input instance integer join ' +
    'large liblist library localparam macromodule medium module nand negedge nmos nor noshowcancelled not notif0 notif1 or ' +
    'output parameter pmos posedge primitive pull0 pull1 pulldown pullup pulsestyle_onevent pulsestyle_ondetect rcmos real ' +
    'realtime reg release repeat rnmos rpmos rtran rtranif0 rtranif1 scalared showcancelled signed small specify specparam ' +
    'strong0 strong1 supply0 supply1 table task time tran tranif0 tranif1 tri tri0 tri1 triand trior trireg unsigned use uwire ' +
    'vectored wait wand weak0 weak1 while wire wor xnor xor ' +
    'logic bit byte int shortint longint struct union typedef enum class interface package import export always_ff ' +
    'always_comb always_latch unique priority return break continue void string chandle modport program property sequence')
    .split(/\s+/),
);

export const str = (raw: unknown) => (typeof raw === 'string' ? JSON.stringify(raw) : describe(raw));

function enumParser<T extends string>(key: string, choices: readonly T[]) {
  return (raw: unknown): T => {
    if (typeof raw !== 'string' || !choices.includes(raw as T)) {
      throw new SpecError(key, `must be one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${str(raw)}`);
    }
    return raw as T;
  };
}

/** A list of integers: a JSON array or "a,b,c". */
function intListParser(key: string, min: number, max: number) {
  return (raw: unknown): number[] => {
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
    if (items.length === 0) throw new SpecError(key, `must list at least one integer, got ${str(raw)}`);
    return items.map((r) => intParser(key, min, max)(r));
  };
}

export function intParser(key: string, min: number, max: number) {
  return (raw: unknown): number => {
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      throw new SpecError(key, `must be an integer from ${min} to ${max}, got ${str(raw)}`);
    }
    return n;
  };
}

function boolParser(key: string) {
  return (raw: unknown): boolean => {
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    throw new SpecError(key, `must be true or false, got ${str(raw)}`);
  };
}

function formatParser(key: string, signed: boolean | ((v: KnownValues) => boolean)) {
  return (raw: unknown, v: KnownValues): Format => {
    let f: Format;
    try {
      f = parseFormat(raw);
    } catch (e) {
      if (e instanceof FormatError) throw new SpecError(key, e.message);
      throw e;
    }
    const want = typeof signed === 'boolean' ? signed : signed(v);
    if (f.signed !== want) {
      const why = key === 'output' ? ` (${known(v, 'function')} ${want ? 'gives negative values' : 'gives values in (0, 1)'})` : key === 'input' ? ' (the functions take negative inputs)' : '';
      throw new SpecError(key, want
        ? `must be a signed format sQi.f${why}, got "${formatName(f)}"`
        : `must be an unsigned format uQi.f${why}, got "${formatName(f)}"${f.signed ? ` (did you mean "u${formatName(f).slice(1)}"?)` : ''}`);
    }
    return f;
  };
}

function defaultName(v: KnownValues): string {
  const f = known(v, 'input');
  return `${known(v, 'function').replace(/-/g, '_')}_${f.signed ? 's' : 'u'}${f.int}_${f.frac}`;
}

const outFrac = (v: KnownValues) => known(v, 'output').frac;

/** Every knob, in dependency order (a default may read knobs above it). */
export const KNOBS: readonly AnyKnob[] = [
  {
    key: 'function', type: 'enum', choices: FUNCTIONS, defaultText: 'isrlu',
    description: `Activation: ${FUNCTIONS.map((f) => fn(f).formula).join('; ')}.`,
    default: () => 'isrlu', parse: enumParser('function', FUNCTIONS),
  },
  {
    key: 'alpha', type: 'number', defaultText: '1',
    description: 'Positive constant alpha. A power of two becomes a shift; any other value a constant multiply.',
    default: () => 1,
    parse: (raw) => {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
        throw new SpecError('alpha', `must be a positive finite number, got ${str(raw)}`);
      }
      if (n < 2 ** -20 || n > 2 ** 20) throw new SpecError('alpha', `must be between 2^-20 and 2^20, got ${n}`);
      return n;
    },
  },
  {
    key: 'input', type: 'format', defaultText: 'sQ3.12',
    description: 'Input format (signed): sQi.f has 1 sign bit, i integer bits and f fraction bits (also read: Q3.12, hls4ml ap_fixed<16,4>, FloPoCo msb=3,lsb=-12).',
    default: () => parseFormat('sQ3.12'), parse: formatParser('input', true),
  },
  {
    key: 'output', type: 'format', defaultText: 'same as input (isru-gate: uQ0.W, W the input width)',
    description: 'Output format: signed for isru and isrlu, unsigned for isru-gate (its range is (0, 1)).',
    default: (v) => fn(known(v, 'function')).defaultOutput(known(v, 'input')), parse: formatParser('output', (v) => fn(known(v, 'function')).signedOutput),
  },
  {
    key: 'name', type: 'string', defaultText: 'FUNCTION_sI_F from the input format, e.g. isrlu_s3_12',
    description: 'Verilog module name: a plain identifier, not a Verilog keyword.',
    default: defaultName,
    parse: (raw) => {
      if (typeof raw !== 'string' || !IDENT_RE.test(raw)) {
        throw new SpecError('name', `must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got ${str(raw)}`);
      }
      if (VERILOG_KEYWORDS.has(raw)) throw new SpecError('name', `must not be a Verilog keyword, got "${raw}"`);
      if (raw.length > 64) throw new SpecError('name', `must be at most 64 characters, got ${raw.length}`);
      return raw;
    },
  },
  {
    key: 'accuracy', type: 'enum', choices: ['faithful', 'custom'], defaultText: 'faithful',
    description: 'faithful: the tool sizes everything so every output is within 1 ulp, and proves it; custom: you set the method and sizes and the tool reports the error.',
    default: () => 'faithful', parse: enumParser('accuracy', ['faithful', 'custom'] as const),
  },
  {
    key: 'outputRounding', type: 'enum', choices: ROUNDINGS, defaultText: 'nearest-even',
    description: 'Rounding of the final result into the output format.',
    default: () => 'nearest-even', parse: enumParser<Rounding>('outputRounding', ROUNDINGS),
  },
  {
    key: 'outputOverflow', type: 'enum', choices: OVERFLOWS, defaultText: 'saturate',
    description: 'What happens when the result does not fit the output format.',
    default: () => 'saturate', parse: enumParser<Overflow>('outputOverflow', OVERFLOWS),
  },
  {
    key: 'inputRounding', type: 'enum', choices: ROUNDINGS, defaultText: 'nearest-even',
    description: 'How real values are quantized into the input format (training harness, real-valued API).',
    default: () => 'nearest-even', parse: enumParser<Rounding>('inputRounding', ROUNDINGS),
  },
  {
    key: 'inputOverflow', type: 'enum', choices: OVERFLOWS, defaultText: 'saturate',
    description: 'What happens to real values outside the input format when they are quantized.',
    default: () => 'saturate', parse: enumParser<Overflow>('inputOverflow', OVERFLOWS),
  },
  {
    key: 'derivative', type: 'boolean', defaultText: 'false',
    description: 'Also output the derivative (1 for x >= 0 in ISRLU, (1/sqrt(1+alpha*x^2))^3 otherwise), for training hardware.',
    default: () => false, parse: boolParser('derivative'),
  },
  {
    key: 'derivativeFormat', type: 'format', defaultText: 'uQ1.F with F the output fraction bits',
    description: 'Format of the derivative output (unsigned; needs 1 integer bit to hold 1.0).',
    default: (v) => parseFormat(`uQ1.${outFrac(v)}`), parse: formatParser('derivativeFormat', false),
  },
  {
    key: 'device', type: 'enum', choices: DEVICES, defaultText: 'ice40-dsp',
    description: `Device the delay model (scheduling) assumes: ${DEVICES.map((d) => `${d} (${TARGETS[d].description})`).join(', ')}.`,
    default: () => 'ice40-dsp', parse: enumParser<Device>('device', DEVICES),
  },
  {
    key: 'clockMHz', type: 'number', defaultText: `auto: ${DEVICES.map((d) => `${TARGETS[d].defaultClockMHz} on ${d}`).join(', ')}`,
    description: 'Clock that pipeline "auto" schedules for: no segment longer than the period by the delay model.',
    default: () => 'auto',
    parse: (raw) => {
      if (raw === 'auto') return 'auto';
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || n > 2000) throw new SpecError('clockMHz', `must be "auto" or a frequency in MHz from 0 to 2000, got ${str(raw)}`);
      return n;
    },
  },
  {
    key: 'pipeline', type: 'string', defaultText: 'auto',
    description: 'Pipeline registers: "auto" (as few stages as meet clockMHz), a stage count from 0 (combinational) to 64 (cuts balance the delay model), or a list of datapath node names to cut after (see `isrlu elaborate`; a faithful spec takes the cheapest design that has them all).',
    default: () => 'auto',
    parse: (raw) => {
      if (raw === 'auto') return 'auto';
      // A flag may spell the JSON list (--pipeline '[]', --pipeline '["p0"]') as the spec file does.
      if (typeof raw === 'string' && raw.trim().startsWith('[')) {
        let parsed: unknown;
        try { parsed = JSON.parse(raw); } catch { throw new SpecError('pipeline', `a list of cuts must be a JSON list of datapath node names or names separated by commas, got ${str(raw)}`); }
        raw = parsed;
      }
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' && /[A-Za-z_]/.test(raw) ? raw.split(',').map((x) => x.trim()) : undefined;
      if (list) {
        if (!list.every((x) => typeof x === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(x))) {
          throw new SpecError('pipeline', `a list of cuts must hold datapath node names, got ${str(raw)}`);
        }
        return list;
      }
      return intParser('pipeline', 0, 64)(raw);
    },
  },
  {
    key: 'interface', type: 'enum', choices: INTERFACES, defaultText: 'valid',
    description: 'Handshake: valid (in_valid/out_valid, no backpressure), ready-valid (adds in_ready/out_ready; the pipeline stalls while the output is not taken), axis (an AXI4-Stream wrapper module NAME_axis around the ready-valid core, tlast carried through).',
    default: () => 'valid', parse: enumParser<Interface>('interface', INTERFACES),
  },
  {
    key: 'architecture', type: 'enum', choices: ARCHITECTURES, defaultText: 'pipelined',
    description: 'pipelined (every op its own hardware, initiation interval 1) or iterative (one Newton-Raphson unit reused for every step: initiation interval = steps, less area; needs interface ready-valid or axis, pipeline "auto").',
    default: () => 'pipelined', parse: enumParser<Architecture>('architecture', ARCHITECTURES),
  },
  {
    key: 'lanes', type: 'integer', defaultText: '1',
    description: 'Parallel copies of an iterative core behind one port, fed and drained round-robin in order: up to lanes/steps items per cycle (iterative only).',
    default: () => 1, parse: intParser('lanes', 1, 4),
  },
  {
    key: 'romStyle', type: 'enum', choices: ROM_STYLES, defaultText: 'auto',
    description: 'Where tables go and how they are written: auto (the design places each table: block RAM where the objective allows it and the table is big, with a registered read, else logic), block (every table in block RAM, read through a register), logic (every table in LUTs), case (a case statement in a function; synthesis decides), readmemh (a memory loaded with $readmemh from a .hex file written beside the core; placed as auto).',
    default: () => 'auto', parse: enumParser<RomStyle>('romStyle', ROM_STYLES),
  },
  {
    key: 'objective', type: 'enum', choices: OBJECTIVES, defaultText: 'area',
    description: 'What the faithful search minimises over every method: area (LUTs, FFs, DSP blocks and block RAMs weighed by the silicon each takes on the device, see docs/qor.md), no-dsp (area without DSP blocks: every product in LUTs), no-bram (area without block RAM, and on the UP5K a DSP block priced at 145 LUTs, the geometric mean of its silicon and its share of the part: the network beside the core holds the part\'s memories and DSP blocks; for DSP blocks at their silicon price without block RAM: area with maxBram 0), latency (fewest cycles, then area).',
    default: () => 'area', parse: enumParser<Objective>('objective', OBJECTIVES),
  },
  {
    key: 'methods', type: 'enum-list', choices: METHODS, defaultText: 'all',
    description: 'The methods the faithful search may choose from (a list; "all" for every one): newton, pwl and magic go through the inverse square root (iterative cores only take these), table, poly and multipartite approximate the function itself.',
    default: () => 'all',
    parse: (raw) => {
      if (raw === 'all') return 'all';
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((x) => x.trim()) : [raw];
      if (items.length === 0) throw new SpecError('methods', `must name at least one method or "all", got ${str(raw)}`);
      return [...new Set(items.map((m) => enumParser<Method>('methods', METHODS)(m)))];
    },
  },
  {
    key: 'maxDsp', type: 'integer', defaultText: 'none',
    description: 'At most this many DSP blocks in the chosen core (a hard budget of the faithful search; 0 keeps every product in LUTs, as no-dsp does); "none" for no limit.',
    default: () => 'none', parse: (raw) => (raw === 'none' ? 'none' : intParser('maxDsp', 0, 1000)(raw)),
  },
  {
    key: 'maxBram', type: 'integer', defaultText: 'none',
    description: 'At most this many block RAMs in the chosen core (a hard budget of the faithful search); "none" for no limit.',
    default: () => 'none', parse: (raw) => (raw === 'none' ? 'none' : intParser('maxBram', 0, 1000)(raw)),
  },
  {
    key: 'method', type: 'enum', choices: METHODS, defaultText: 'newton', customOnly: true,
    description: 'Through the inverse square root: newton (seed table + Newton-Raphson steps; steps 0 is the bare seed table), pwl (piecewise-linear seed segments, then steps), magic (magic-constant seed on a float-like encoding, then steps); the function itself: direct (a table of every input code; inputs up to 20 bits), table (a table of the folded input window: ISRLU only its negative half, symmetric functions |x|, the saturated tail a comparator), poly (piecewise polynomials, Horner with truncated products), multipartite (a table of initial values plus offset tables, no multiplier).',
    default: () => 'newton', parse: enumParser<Method>('method', METHODS),
  },
  {
    key: 'steps', type: 'integer', defaultText: '1', customOnly: true, methods: RSQRT_METHODS,
    description: 'Newton-Raphson steps y\' = y*(3 - m*y^2)/2 after the seed.',
    default: () => 1, parse: intParser('steps', 0, 4),
  },
  {
    key: 'tableAddressBits', type: 'integer', defaultText: '6', customOnly: true, methods: RSQRT_METHODS,
    description: 'Seed table / PWL segment address bits k (2^k entries over the normalised argument [1, 4)).',
    default: () => 6, parse: intParser('tableAddressBits', 1, 16),
  },
  {
    key: 'tableDataBits', type: 'integer', defaultText: '10', customOnly: true, methods: RSQRT_METHODS,
    description: 'Fraction bits of each seed-table entry (for magic: mantissa bits of the float-like encoding).',
    default: () => 10, parse: intParser('tableDataBits', 2, 40),
  },
  {
    key: 'stepBits', type: 'integer-list', defaultText: 'output fraction bits + 4 for every step', customOnly: true, methods: RSQRT_METHODS,
    description: 'Fraction bits kept after each Newton-Raphson step: one integer for all steps or a list, one per step.',
    default: (v) => Array.from({ length: known(v, 'steps') }, () => outFrac(v) + 4),
    parse: (raw, v) => {
      const n = known(v, 'steps');
      const one = intParser('stepBits', 2, 60);
      if (Array.isArray(raw)) {
        if (raw.length !== n) throw new SpecError('stepBits', `must list ${n} widths (one per step), got ${raw.length}`);
        return raw.map((r) => one(r));
      }
      if (typeof raw === 'string' && raw.includes(',')) {
        const parts = raw.split(',');
        if (parts.length !== n) throw new SpecError('stepBits', `must list ${n} widths (one per step), got ${parts.length}`);
        return parts.map((r) => one(r));
      }
      const w = one(raw);
      return Array.from({ length: n }, () => w);
    },
  },
  {
    key: 'argFracBits', type: 'integer', defaultText: 'output fraction bits + 4', customOnly: true, methods: RSQRT_METHODS,
    description: 'Fraction bits kept of t = 1 + alpha*x^2 before normalisation.',
    default: (v) => outFrac(v) + 4, parse: intParser('argFracBits', 1, 60),
  },
  {
    key: 'mantissaBits', type: 'integer', defaultText: 'output fraction bits + 4', customOnly: true, methods: RSQRT_METHODS,
    description: 'Fraction bits of the normalised argument m in [1, 4).',
    default: (v) => outFrac(v) + 4, parse: intParser('mantissaBits', 1, 60),
  },
  {
    key: 'alphaBits', type: 'integer', defaultText: 'output fraction bits + 4', customOnly: true, methods: RSQRT_METHODS,
    description: 'Significant bits of the alpha constant when alpha is not a power of two.',
    default: (v) => outFrac(v) + 4, parse: intParser('alphaBits', 1, 52),
  },
  {
    key: 'fold', type: 'enum', choices: FOLD_CHOICES, defaultText: 'auto', customOnly: true, methods: DIRECT_METHODS,
    description: 'How the input is folded before the approximation: auto (isrlu: its negative half; others: the codes around 0), mid (the codes around 0; for isrlu both halves, so the window is every input code unless the output saturates), abs (|x|, the output reflected: isru and isru-gate), neg (the negative half: isrlu).',
    default: () => 'auto', parse: enumParser<FoldChoice>('fold', FOLD_CHOICES),
  },
  {
    key: 'windowBits', type: 'integer', defaultText: 'auto: the smallest window whose tail is one faithful constant', customOnly: true, methods: DIRECT_METHODS,
    description: 'The approximation covers 2^windowBits codes of the folded input; outside them the output is the constant of the saturated tail (a comparator).',
    default: () => 'auto', parse: (raw) => (raw === 'auto' ? 'auto' : intParser('windowBits', 1, 32)(raw)),
  },
  {
    key: 'segmentBits', type: 'integer', defaultText: 'auto (poly: 5; multipartite: two thirds of the window)', customOnly: true, methods: ['poly', 'multipartite'],
    description: 'poly: 2^segmentBits segments over the window (top bits of the folded input); multipartite: address bits of the table of initial values.',
    default: () => 'auto', parse: (raw) => (raw === 'auto' ? 'auto' : intParser('segmentBits', 0, 24)(raw)),
  },
  {
    key: 'degree', type: 'integer', defaultText: '2', customOnly: true, methods: ['poly'],
    description: 'Degree of each polynomial piece (1 to 3), evaluated by Horner with truncated products.',
    default: () => 2, parse: intParser('degree', 1, 3),
  },
  {
    key: 'lutProducts', type: 'integer', defaultText: '0', customOnly: true, methods: ['poly'],
    description: 'On a device with DSP blocks: how many Horner products, the narrowest (highest order) first, are spelled in LUTs rather than left to synthesis, which maps every product of 11 bits or more to a DSP block (at most the degree; 0: none).',
    default: () => 0, parse: intParser('lutProducts', 0, 3),
  },
  {
    key: 'guardBits', type: 'integer', defaultText: '3', customOnly: true, methods: ['poly', 'multipartite'],
    description: 'Fraction bits kept beyond the output until the final rounding (coefficients and partial sums carry them).',
    default: () => 3, parse: intParser('guardBits', 0, 16),
  },
  {
    key: 'offsetBits', type: 'integer-list', defaultText: 'auto: one offset table of the low third of the window', customOnly: true, methods: ['multipartite'],
    description: 'Input bits of each offset table, high field first (they sum to the window minus segmentBits).',
    default: () => 'auto', parse: (raw) => (raw === 'auto' ? 'auto' : intListParser('offsetBits', 1, 16)(raw)),
  },
  {
    key: 'offsetPrefixBits', type: 'integer-list', defaultText: 'auto: a third of the window for each', customOnly: true, methods: ['multipartite'],
    description: 'Top input bits each offset table is addressed with beside its field (its slope region).',
    default: () => 'auto', parse: (raw) => (raw === 'auto' ? 'auto' : intListParser('offsetPrefixBits', 0, 16)(raw)),
  },
];

export const KNOB_KEYS: ReadonlySet<string> = new Set<string>(KNOBS.map((k) => k.key));
