// Arbitraries of the CLI fuzz test (fuzz.test.ts): valid, cheap base specs (inputs of at most
// 11 bits; wider only with accuracy "custom"), their mutations (every knob in KNOBS with valid and
// invalid values, unknown fields, bad names, faulty combinations), and malformed spec files.
// Invariant: a case marked mustRefuse holds a value the spec contract forbids, so accepting it is a bug.
import fc from 'fast-check';
import { KNOBS, VERILOG_KEYWORDS } from '../src/spec/index.js';

export type SpecObject = Record<string, unknown>;

/** One fuzz case: the bytes (or the directory, or nothing) at the spec path. */
export interface FuzzCase {
  readonly label: string;
  readonly file: { readonly kind: 'text'; readonly text: string } | { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'dir' } | { readonly kind: 'missing' };
  /** Why the spec must be refused, or false when accepting it is allowed too. */
  readonly mustRefuse: string | false;
  /** Fields the refusal may name besides the knobs, "spec" and "out" (an unknown field). */
  readonly extraFields: readonly string[];
  /** Seed of the sampled co-simulation codes. */
  readonly seed: number;
}

const oneOf = (...xs: unknown[]) => fc.constantFrom<unknown>(...xs);
const sFormat = (maxBits: number, minBits = 1) =>
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 }))
    .filter(([i, f]) => 1 + i + f <= maxBits && 1 + i + f >= minBits).map(([i, f]) => `sQ${i}.${f}`);

const KEYWORDS = [...VERILOG_KEYWORDS];
const ROUNDING = ['truncate', 'nearest-even', 'nearest-away'];

/** Valid values of every knob (cheap ones: small inputs, small tables). */
export const VALID: Record<string, fc.Arbitrary<unknown>> = {
  function: oneOf('isru', 'isrlu', 'isru-gate'),
  alpha: oneOf(1, 2, 0.5, 3, 0.75, 0.1, 7, '2', 2 ** 20, 2 ** -20),
  input: fc.oneof(sFormat(10, 2), oneOf(' sQ2.5 ', 'sQ02.05', 'sQ0.0', 'sQ0.1')),
  output: fc.oneof(sFormat(14), oneOf('sQ0.0', 'sQ0.14', 'sQ5.0')),
  name: oneOf('c_fuzz', 'dut', 'clk', 'N', 'LATENCY', 'rst', 'xs', 'A1', '_', 'isrlu', 'Module', 'x'.repeat(64), 'assert', 'final'),
  accuracy: oneOf('faithful', 'custom'),
  outputRounding: oneOf(...ROUNDING),
  outputOverflow: oneOf('wrap', 'saturate'),
  inputRounding: oneOf(...ROUNDING),
  inputOverflow: oneOf('wrap', 'saturate'),
  derivative: oneOf(true, false, 'true', 'false'),
  derivativeFormat: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 8 })).map(([i, f]) => `uQ${i}.${f}`),
  device: oneOf('ice40', 'ice40-dsp', 'xilinx'),
  clockMHz: oneOf('auto', 1, 50, 2000, '100', 333.3),
  pipeline: oneOf('auto', 0, 1, 2, 3, 5, '2', []),
  interface: oneOf('valid', 'ready-valid', 'axis'),
  architecture: oneOf('pipelined', 'iterative'),
  lanes: fc.integer({ min: 1, max: 4 }),
  romStyle: oneOf('auto', 'block', 'logic', 'case', 'readmemh'),
  objective: oneOf('area', 'no-dsp', 'no-bram', 'latency'),
  methods: oneOf('all', 'newton', 'table,poly', ['poly', 'multipartite'], ['newton', 'pwl', 'magic']),
  maxDsp: oneOf('none', 0, 1, 4),
  maxBram: oneOf('none', 0, 2),
  method: oneOf('newton', 'pwl', 'magic', 'direct', 'table', 'poly', 'multipartite'),
  steps: fc.integer({ min: 0, max: 4 }),
  tableAddressBits: fc.integer({ min: 1, max: 10 }),
  tableDataBits: fc.integer({ min: 2, max: 20 }),
  stepBits: fc.oneof(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 30 }).map(String)),
  argFracBits: fc.integer({ min: 1, max: 24 }),
  mantissaBits: fc.integer({ min: 1, max: 24 }),
  alphaBits: fc.integer({ min: 1, max: 24 }),
  fold: oneOf('auto', 'mid', 'abs', 'neg'),
  windowBits: fc.oneof(oneOf('auto'), fc.integer({ min: 1, max: 12 })),
  segmentBits: fc.oneof(oneOf('auto'), fc.integer({ min: 0, max: 8 })),
  degree: fc.integer({ min: 1, max: 3 }),
  lutProducts: fc.integer({ min: 0, max: 2 }),
  guardBits: fc.integer({ min: 0, max: 8 }),
  offsetBits: oneOf('auto', 2, [2, 1]),
  offsetPrefixBits: oneOf('auto', 2, [2, 1]),
};

const JUNK = [null, true, [], {}];
const badInt = (min: number, max: number) => [min - 1, max + 1, 1.5, 'abc', '', '1e400', 1e21, ...JUNK];
const badEnum = (choices: readonly string[]) => ['bogus', '', choices[0]!.toUpperCase(), `${choices[0]!} `, 1, ...JUNK];
const badSigned = ['sQ3.', 'uQ3.12', 'uQ0.8', 'sQ40.30', 'sQ63.1', 'uQ70.0', 'Q3.x', 'sQ3.12.1', 'sQ-1.4', 'sQ3.-4', 'sq3.12', '', 'sQ3,12', 'sQ3.1e2', 'sQ3\n.4', 12, ...JUNK, ['sQ3.12']];

/** Values every knob must refuse, whatever the rest of the spec says. */
export const INVALID: Record<string, readonly unknown[]> = {
  function: badEnum(['isru', 'isrlu', 'isru-gate']),
  alpha: [0, -1, 'abc', '', 2 ** 21, 2 ** -21, '1e999', -1e-9, ...JUNK],
  input: badSigned,
  output: badSigned,
  name: [...KEYWORDS, '1abc', '', 'a\nb', 'a b', 'a-b', 'café', 'x'.repeat(65), 'a.b', 'ab$', '$ab', 42, ...JUNK],
  accuracy: badEnum(['faithful', 'custom']),
  outputRounding: badEnum(ROUNDING),
  outputOverflow: badEnum(['wrap', 'saturate']),
  inputRounding: badEnum(ROUNDING),
  inputOverflow: badEnum(['wrap', 'saturate']),
  derivative: ['yes', 1, 0, 'TRUE', '', null, [], {}],
  derivativeFormat: ['sQ1.8', 'uQ1.', 'uQ0.8', 'uQ70.0', 'uQ65.0', 'uQ1\r.8', 8, ...JUNK],
  device: badEnum(['ice40', 'ice40-dsp', 'xilinx']),
  clockMHz: [0, -5, 2001, 'fast', '', 'AUTO', 1e400, ...JUNK],
  pipeline: [-1, 65, 1.5, '', ['1x'], ['a b'], [1], 'no_such_node', ...JUNK.filter((j) => !Array.isArray(j))],
  interface: badEnum(['valid', 'ready-valid', 'axis']),
  architecture: badEnum(['pipelined', 'iterative']),
  lanes: badInt(1, 4),
  romStyle: badEnum(['auto', 'block', 'logic', 'case', 'readmemh']),
  objective: badEnum(['area', 'no-dsp', 'no-bram', 'latency']),
  methods: ['bogus', '', 'NEWTON', [], ['newton', 'bogus'], 1, null, true, {}],
  maxDsp: [-1, 1001, 1.5, 'abc', '', null, true, [], {}],
  maxBram: [-1, 1001, 1.5, 'abc', '', null, true, [], {}],
  method: badEnum(['newton', 'pwl', 'magic', 'direct', 'table', 'poly', 'multipartite']),
  steps: badInt(0, 4),
  tableAddressBits: badInt(1, 16),
  tableDataBits: badInt(2, 40),
  stepBits: [1, 61, 'abc', '', 1.5, null, true, {}, [1000]],
  argFracBits: badInt(1, 60),
  mantissaBits: badInt(1, 60),
  alphaBits: badInt(1, 52),
  fold: badEnum(['auto', 'mid', 'abs', 'neg']),
  windowBits: badInt(1, 32),
  segmentBits: badInt(0, 24),
  degree: badInt(1, 3),
  lutProducts: badInt(0, 3),
  guardBits: badInt(0, 16),
  offsetBits: [0, 17, 1.5, 'abc', '', null, true, {}, [0]],
  offsetPrefixBits: [-1, 17, 1.5, 'abc', '', null, true, {}, [-1]],
};

/** Knobs the registry has but this file does not know (the fuzz test fails on any). */
export function uncoveredKnobs(): string[] {
  return KNOBS.map((k) => k.key).filter((k) => !(k in VALID) || !(k in INVALID));
}

const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

/** Custom sizes that satisfy the cross-field rules for the given method. */
const customArb = (iterative: boolean) => fc.record({
  method: iterative ? oneOf('newton', 'pwl', 'magic') : oneOf('newton', 'newton', 'pwl', 'magic', 'direct', 'table', 'poly', 'poly', 'multipartite'),
  degree: fc.integer({ min: 1, max: 3 }),
  lutProducts: optional(fc.integer({ min: 0, max: 3 })),
  segmentBits: optional(fc.integer({ min: 1, max: 6 })),
  guardBits: optional(fc.integer({ min: 0, max: 6 })),
  steps: fc.integer({ min: iterative ? 1 : 0, max: 3 }),
  mantissaBits: fc.integer({ min: 4, max: 18 }),
  tableAddressBits: fc.integer({ min: 1, max: 8 }),
  tableDataBits: fc.integer({ min: 2, max: 14 }),
  stepBits: optional(fc.integer({ min: 4, max: 24 })),
  argFracBits: optional(fc.integer({ min: 2, max: 20 })),
  alphaBits: optional(fc.integer({ min: 2, max: 20 })),
  lanes: fc.integer({ min: 1, max: 3 }),
  perStep: fc.boolean(),
}).map((c) => {
  if (c.method === 'table' || c.method === 'poly' || c.method === 'multipartite') {
    const d: SpecObject = { accuracy: 'custom', method: c.method };
    if (c.method === 'poly') d.degree = c.degree;
    if (c.method === 'poly' && c.lutProducts !== undefined) d.lutProducts = Math.min(c.lutProducts, c.degree);
    if (c.method === 'poly' && c.segmentBits !== undefined) d.segmentBits = c.segmentBits;
    if (c.method !== 'table' && c.guardBits !== undefined) d.guardBits = c.guardBits;
    return d;
  }
  const out: SpecObject = { accuracy: 'custom', method: c.method, mantissaBits: c.mantissaBits };
  if (c.method !== 'direct') {
    out.steps = c.steps;
    out.tableAddressBits = Math.min(c.tableAddressBits, c.mantissaBits + 1);
    out.tableDataBits = c.method === 'magic' ? Math.min(c.tableDataBits, c.mantissaBits) : c.tableDataBits;
    if (c.stepBits !== undefined) out.stepBits = c.perStep && !iterative ? Array.from({ length: c.steps }, (_, i) => c.stepBits! + i) : c.stepBits;
  }
  if (c.argFracBits !== undefined) out.argFracBits = c.argFracBits;
  if (c.alphaBits !== undefined) out.alphaBits = c.alphaBits;
  if (iterative) out.lanes = Math.min(c.lanes, c.steps);
  return out;
});

/** A valid spec that generates quickly: at most 11 input bits (13 only when custom, rarely). */
export const baseSpecArb: fc.Arbitrary<SpecObject> = fc.record({
  function: optional(VALID.function!),
  alpha: optional(oneOf(1, 2, 0.5, 3, 0.75, 0.1, 7)),
  input: sFormat(11, 2),
  wideInput: fc.integer({ min: 0, max: 59 }),
  output: optional(sFormat(14)),
  faithful: fc.boolean(),
  outputRounding: optional(VALID.outputRounding!),
  outputOverflow: optional(VALID.outputOverflow!),
  inputRounding: optional(VALID.inputRounding!),
  inputOverflow: optional(VALID.inputOverflow!),
  derivative: optional(fc.boolean()),
  derivativeFormat: optional(VALID.derivativeFormat!),
  device: optional(VALID.device!),
  clockMHz: optional(VALID.clockMHz!),
  pipeline: optional(oneOf('auto', 0, 1, 2, 3)),
  interface: optional(VALID.interface!),
  iterative: fc.integer({ min: 0, max: 4 }),
  romStyle: optional(VALID.romStyle!),
  name: optional(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/).filter((n) => !VERILOG_KEYWORDS.has(n))),
  customPipelined: customArb(false),
  customIterative: customArb(true),
}).map((r) => {
  const iterative = r.iterative === 0;
  const s: SpecObject = {};
  for (const k of ['function', 'alpha', 'output', 'outputOverflow', 'inputRounding', 'inputOverflow', 'device', 'clockMHz', 'romStyle', 'name'] as const) {
    if (r[k] !== undefined) s[k] = r[k];
  }
  s.input = r.input;
  if (r.derivative !== undefined) s.derivative = r.derivative;
  if (r.derivative && r.derivativeFormat !== undefined) s.derivativeFormat = r.derivativeFormat;
  if (r.faithful) {
    if (r.outputRounding !== undefined && r.outputRounding !== 'truncate') s.outputRounding = r.outputRounding;
  } else {
    if (r.outputRounding !== undefined) s.outputRounding = r.outputRounding;
    Object.assign(s, iterative ? r.customIterative : r.customPipelined);
    if (r.wideInput === 0) s.input = 'sQ4.8';
  }
  if (iterative) {
    s.architecture = 'iterative';
    s.interface = r.interface === 'ready-valid' ? 'ready-valid' : 'axis';
  } else {
    if (r.interface !== undefined) s.interface = r.interface;
    if (r.pipeline !== undefined) s.pipeline = r.pipeline;
  }
  return s;
});

type Mutation =
  | { op: 'valid'; key: string; value: unknown }
  | { op: 'invalid'; key: string; value: unknown }
  | { op: 'delete'; key: string }
  | { op: 'unknown'; key: string; value: unknown };

const knobKeys: readonly string[] = KNOBS.map((k) => k.key);
const UNKNOWN_KEYS = ['foo', 'Input', 'romstyle', 'step', 'stepbits', 'clock', 'lane', '__proto__', 'constructor', 'toString', '', ' input', 'input ', 'ALPHA', 'hasOwnProperty', 'in\nput', 'a\rb'];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...knobKeys).chain((key) => VALID[key]!.map((value): Mutation => ({ op: 'valid', key, value }))) },
  { weight: 4, arbitrary: fc.constantFrom(...knobKeys).chain((key) => fc.constantFrom(...INVALID[key]!).map((value): Mutation => ({ op: 'invalid', key, value }))) },
  { weight: 1, arbitrary: fc.constantFrom(...knobKeys.filter((k) => k !== 'input')).map((key): Mutation => ({ op: 'delete', key })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.constantFrom<unknown>(1, 'x', null, true)).map(([key, value]): Mutation => ({ op: 'unknown', key, value })) },
);

/** Cross-field combinations the contract forbids, applied last. */
const COMBOS: readonly { readonly why: string; readonly apply: (s: SpecObject) => void }[] = [
  { why: 'iterative with interface valid', apply: (s) => { delete s.pipeline; Object.assign(s, { architecture: 'iterative', interface: 'valid' }); } },
  { why: 'lanes without iterative', apply: (s) => { delete s.architecture; s.lanes = 2; } },
  { why: 'iterative with a pipeline setting', apply: (s) => { Object.assign(s, { architecture: 'iterative', interface: 'axis', pipeline: 2 }); } },
  { why: 'custom-only knob with accuracy faithful', apply: (s) => {
    for (const k of KNOBS) if (k.customOnly) delete s[k.key];
    s.accuracy = 'faithful';
    s.steps = 1;
  } },
  { why: 'stepBits list of the wrong length', apply: (s) => {
    Object.assign(s, { accuracy: 'custom', method: 'newton', steps: 2, stepBits: [12, 12, 12] });
  } },
  { why: 'iterative with per-step widths', apply: (s) => {
    delete s.pipeline;
    Object.assign(s, { accuracy: 'custom', method: 'newton', steps: 2, stepBits: [12, 14], architecture: 'iterative', interface: 'ready-valid', lanes: 1 });
  } },
  { why: 'iterative direct', apply: (s) => { delete s.pipeline; delete s.steps; delete s.stepBits; Object.assign(s, { accuracy: 'custom', method: 'direct', architecture: 'iterative', interface: 'axis', lanes: 1 }); } },
  { why: 'more lanes than steps', apply: (s) => { delete s.pipeline; delete s.stepBits; Object.assign(s, { accuracy: 'custom', method: 'newton', steps: 1, architecture: 'iterative', interface: 'axis', lanes: 3 }); } },
  { why: 'faithful with truncate', apply: (s) => { for (const k of KNOBS) if (k.customOnly) delete s[k.key]; Object.assign(s, { accuracy: 'faithful', outputRounding: 'truncate' }); } },
  { why: 'direct above 20 input bits', apply: (s) => { Object.assign(s, { accuracy: 'custom', method: 'direct', input: 'sQ10.11' }); } },
  { why: 'poly above 24 input bits', apply: (s) => { for (const k of ['steps', 'tableAddressBits', 'tableDataBits', 'stepBits', 'argFracBits', 'mantissaBits', 'alphaBits', 'lanes', 'architecture']) delete s[k]; if (s.interface === undefined) delete s.interface; Object.assign(s, { accuracy: 'custom', method: 'poly', input: 'sQ10.20' }); } },
  { why: 'tableAddressBits above mantissaBits + 1', apply: (s) => { Object.assign(s, { accuracy: 'custom', method: 'pwl', mantissaBits: 4, tableAddressBits: 6 }); } },
  { why: 'magic tableDataBits above mantissaBits', apply: (s) => { Object.assign(s, { accuracy: 'custom', method: 'magic', mantissaBits: 6, tableDataBits: 8 }); } },
  { why: 'derivativeFormat without an integer bit', apply: (s) => { Object.assign(s, { derivative: true, derivativeFormat: 'uQ0.12' }); } },
];

/** A mutated spec object, with why it must be refused (false: either outcome is allowed). */
const customOnly = new Set<string>(KNOBS.filter((k) => k.customOnly).map((k) => k.key));

/** Mostly-accepted cases (valid mutations only, 25 %) and mostly-refused ones. */
export const specCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  base: baseSpecArb,
  benign: fc.integer({ min: 0, max: 99 }).map((n) => n < 25),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
  combo: fc.option(fc.integer({ min: 0, max: COMBOS.length - 1 }), { nil: undefined, freq: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
}).map(({ base, benign, mutations: all, combo: anyCombo, seed }) => {
  const s: SpecObject = { ...base };
  // Benign: valid values only, and custom-only knobs only where the base is custom.
  const mutations = benign ? all.filter((m) => m.op === 'valid' && (base.accuracy === 'custom' || !customOnly.has(m.key)) && m.key !== 'accuracy').slice(0, 2) : all;
  const combo = benign ? undefined : anyCombo;
  const bad = new Map<string, string>();
  const extra: string[] = [];
  for (const m of mutations) {
    if (m.op === 'delete') { delete s[m.key]; bad.delete(m.key); continue; }
    // A JSON key "__proto__" is an own property after JSON.parse; write it the same way here.
    Object.defineProperty(s, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    if (m.op === 'valid') bad.delete(m.key);
    else {
      bad.set(m.key, m.op === 'invalid' ? `${m.key} = ${JSON.stringify(m.value)}` : `unknown field ${JSON.stringify(m.key)}`);
      if (m.op === 'unknown') extra.push(m.key);
    }
  }
  let why = [...bad.values()].join('; ');
  if (combo !== undefined) {
    const c = COMBOS[combo]!;
    // A combination is refused only as such when the fields it sets are otherwise valid.
    c.apply(s);
    for (const k of [...bad.keys()]) {
      if (!knobKeys.includes(k)) continue;
      if (!Object.prototype.hasOwnProperty.call(s, k) || !INVALID[k]!.includes(s[k])) bad.delete(k);
    }
    why = [...bad.values(), c.why].join('; ');
  }
  const label = `spec ${JSON.stringify(s)}`;
  return { label, file: { kind: 'text', text: JSON.stringify(s) }, mustRefuse: why || false, extraFields: extra, seed };
});

const VALID_SPEC_TEXT = JSON.stringify({ name: 'fz_file', input: 'sQ2.5', accuracy: 'custom', method: 'pwl', steps: 1, mantissaBits: 8, tableAddressBits: 4 });

const text = (label: string, t: string, mustRefuse: string | false = 'malformed file'): fc.Arbitrary<Omit<FuzzCase, 'seed'>> =>
  fc.constant({ label, file: { kind: 'text', text: t }, mustRefuse, extraFields: [] });

/** Malformed spec files: bad JSON, JSON that is no object, garbage bytes, odd paths, huge numbers. */
export const fileCaseArb: fc.Arbitrary<FuzzCase> = fc.tuple(fc.oneof(
  fc.constantFrom('{', '{"input":', '{input: "sQ3.4"}', "{'a':1}", '{"a":1,}', 'NaN', '[1,2', 'nul', '}', '{"input":"sQ3.4"}}', '{"input" "sQ3.4"}', '// c\n{}')
    .chain((t) => text(`invalid JSON ${JSON.stringify(t)}`, t)),
  fc.integer({ min: 0, max: VALID_SPEC_TEXT.length - 1 }).chain((n) => text(`truncated JSON at ${n}`, VALID_SPEC_TEXT.slice(0, n))),
  fc.constantFrom(`[${VALID_SPEC_TEXT}]`, '[]', '"sQ3.4"', '"a\\nb"', '42', '-0', '1e400', 'true', 'false', 'null', '""', '[[[[[[[[]]]]]]]]', '[1,"x",null]')
    .chain((t) => text(`JSON that is not an object ${JSON.stringify(t)}`, t)),
  fc.constantFrom('', ' ', '\n\n', '\t').chain((t) => text(`empty file ${JSON.stringify(t)}`, t)),
  fc.uint8Array({ minLength: 1, maxLength: 256 }).map((bytes) => ({ label: `binary garbage (${bytes.length} bytes)`, file: { kind: 'bytes' as const, bytes }, mustRefuse: false as const, extraFields: [] })),
  fc.constant({ label: 'a directory instead of a file', file: { kind: 'dir' as const }, mustRefuse: 'directory', extraFields: [] }),
  fc.constant({ label: 'a missing path', file: { kind: 'missing' as const }, mustRefuse: 'missing file', extraFields: [] }),
  text('UTF-8 BOM before a valid spec', `\uFEFF${VALID_SPEC_TEXT}`, false),
  text('UTF-16LE text', Buffer.from(VALID_SPEC_TEXT, 'utf16le').toString('latin1')),
  fc.constantFrom('{"alpha": 1e400}', '{"alpha": -1e400}', '{"input": 1e400}', '{"steps": 1e400, "accuracy": "custom"}', '{"lanes": 123456789012345678901234567890}',
    '{"pipeline": 99999999999999999999}', '{"clockMHz": 1e308}', '{"alpha": 1e-400}', '{"tableAddressBits": 9007199254740993, "accuracy": "custom"}')
    .chain((t) => text(`huge number ${t}`, t)),
  fc.constantFrom('[', '{"a":').map((open) => ({ label: `deep nesting ${open}`, file: { kind: 'text' as const, text: open.repeat(100_000) }, mustRefuse: 'deep nesting', extraFields: [] })),
  fc.constantFrom('{"input":"sQ3.4","input":"sQ2.x"}', '{"input":"sQ2.4","name":"a","name":"module"}').chain((t) => text(`duplicate keys ${t}`, t)),
), fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([c, seed]) => ({ ...c, seed }));
