// The one registry of spec knobs: name, type, default, description and parser. Validation, the CLI
// flags and the README's spec reference are all generated from this list, so they cannot drift.

import { parseFormat, FormatError, describe, formatName, type Format } from '../fixedpoint/index.js';
import { ROUNDINGS, OVERFLOWS, type Rounding, type Overflow } from '../fixedpoint/index.js';
import { TARGETS, TARGET_NAMES, type TargetName } from '../targets/index.js';

export class SpecError extends Error {
  override name = 'SpecError';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export type FunctionName = 'isru' | 'isrlu';
export type Accuracy = 'faithful' | 'custom';
export type Method = 'newton' | 'pwl' | 'magic' | 'direct';
export type Interface = 'valid' | 'ready-valid' | 'axis';
export type RomStyle = 'case' | 'readmemh';
export type Architecture = 'pipelined' | 'iterative';
export const ARCHITECTURES: readonly Architecture[] = ['pipelined', 'iterative'];
export const INTERFACES: readonly Interface[] = ['valid', 'ready-valid', 'axis'];
/** Devices are the synthesis flows of src/synth: one list for spec, synthesis, delay and area. */
export type Device = TargetName;
export const DEVICES: readonly Device[] = TARGET_NAMES;
export const ROM_STYLES: readonly RomStyle[] = ['case', 'readmemh'];
export const FUNCTIONS: readonly FunctionName[] = ['isru', 'isrlu'];
export const METHODS: readonly Method[] = ['newton', 'pwl', 'magic', 'direct'];

export type KnobType = 'string' | 'number' | 'integer' | 'boolean' | 'format' | 'enum' | 'integer-list';

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
  method: Method;
  steps: number;
  tableAddressBits: number;
  tableDataBits: number;
  stepBits: number[];
  argFracBits: number;
  mantissaBits: number;
  alphaBits: number;
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

function formatParser(key: string, signed: boolean) {
  return (raw: unknown): Format => {
    let f: Format;
    try {
      f = parseFormat(raw);
    } catch (e) {
      if (e instanceof FormatError) throw new SpecError(key, e.message);
      throw e;
    }
    if (f.signed !== signed) {
      throw new SpecError(key, signed
        ? `must be a signed format sQi.f (ISRU/ISRLU take and give negative values), got "${formatName(f)}"`
        : `must be an unsigned format uQi.f, got "${formatName(f)}"`);
    }
    return f;
  };
}

function defaultName(v: KnownValues): string {
  const f = known(v, 'input');
  return `${known(v, 'function')}_${f.signed ? 's' : 'u'}${f.int}_${f.frac}`;
}

const outFrac = (v: KnownValues) => known(v, 'output').frac;

/** Every knob, in dependency order (a default may read knobs above it). */
export const KNOBS: readonly AnyKnob[] = [
  {
    key: 'function', type: 'enum', choices: FUNCTIONS, defaultText: 'isrlu',
    description: 'Activation: isru(x) = x/sqrt(1+alpha*x^2); isrlu(x) = x for x >= 0, isru(x) otherwise.',
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
    description: 'Input format (signed): sQi.f has 1 sign bit, i integer bits and f fraction bits.',
    default: () => parseFormat('sQ3.12'), parse: formatParser('input', true),
  },
  {
    key: 'output', type: 'format', defaultText: 'same as input',
    description: 'Output format (signed).',
    default: (v) => known(v, 'input'), parse: formatParser('output', true),
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
    description: 'Pipeline registers: "auto" (as few stages as meet clockMHz), a stage count from 0 (combinational) to 64 (cuts balance the delay model), or a list of datapath node names to cut after (see `isrlu elaborate`).',
    default: () => 'auto',
    parse: (raw) => {
      if (raw === 'auto') return 'auto';
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
    key: 'romStyle', type: 'enum', choices: ROM_STYLES, defaultText: 'case',
    description: 'How tables appear in Verilog: a case statement in a function, or a memory loaded with $readmemh from a .hex file written beside the core.',
    default: () => 'case', parse: enumParser<RomStyle>('romStyle', ROM_STYLES),
  },
  {
    key: 'method', type: 'enum', choices: METHODS, defaultText: 'newton', customOnly: true,
    description: 'Inverse square root method: newton (seed table + Newton-Raphson steps; steps 0 is the bare seed table), pwl (piecewise-linear segments, then steps), magic (magic-constant seed on a float-like encoding, then steps), direct (a table of the whole function indexed by the input code; inputs up to 20 bits).',
    default: () => 'newton', parse: enumParser<Method>('method', METHODS),
  },
  {
    key: 'steps', type: 'integer', defaultText: '1', customOnly: true,
    description: 'Newton-Raphson steps y\' = y*(3 - m*y^2)/2 after the seed.',
    default: () => 1, parse: intParser('steps', 0, 4),
  },
  {
    key: 'tableAddressBits', type: 'integer', defaultText: '6', customOnly: true,
    description: 'Seed table / PWL segment address bits k (2^k entries over the normalised argument [1, 4)).',
    default: () => 6, parse: intParser('tableAddressBits', 1, 16),
  },
  {
    key: 'tableDataBits', type: 'integer', defaultText: '10', customOnly: true,
    description: 'Fraction bits of each seed-table entry (for magic: mantissa bits of the float-like encoding).',
    default: () => 10, parse: intParser('tableDataBits', 2, 40),
  },
  {
    key: 'stepBits', type: 'integer-list', defaultText: 'output fraction bits + 4 for every step', customOnly: true,
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
    key: 'argFracBits', type: 'integer', defaultText: 'output fraction bits + 4', customOnly: true,
    description: 'Fraction bits kept of t = 1 + alpha*x^2 before normalisation.',
    default: (v) => outFrac(v) + 4, parse: intParser('argFracBits', 1, 60),
  },
  {
    key: 'mantissaBits', type: 'integer', defaultText: 'output fraction bits + 4', customOnly: true,
    description: 'Fraction bits of the normalised argument m in [1, 4).',
    default: (v) => outFrac(v) + 4, parse: intParser('mantissaBits', 1, 60),
  },
  {
    key: 'alphaBits', type: 'integer', defaultText: 'output fraction bits + 4', customOnly: true,
    description: 'Significant bits of the alpha constant when alpha is not a power of two.',
    default: (v) => outFrac(v) + 4, parse: intParser('alphaBits', 1, 52),
  },
];

export const KNOB_KEYS: ReadonlySet<string> = new Set<string>(KNOBS.map((k) => k.key));
