// The activation kernels the CPU benchmark times, each a plain loop over Float32Arrays so that V8
// compiles one monomorphic function per activation. ISRU and ISRLU come with the exact 1 / Math.sqrt
// and with the fast inverse square root (magic 0x5f3759df plus one Newton step). The piecewise ones
// (ReLU, ELU, ISRLU) also come branch-free, through m = min(x, 0) = (x - |x|) / 2: on inputs of
// random sign a branch mispredicts about half the time (~5 ns here), which would swamp the
// arithmetic the comparison is about.

/** y[i] = f(x[i]) for i < x.length; alpha is ELU's, ISRU's and ISRLU's alpha. */
export type ActivationKernel = (x: Float32Array, y: Float32Array, alpha: number) => void;

/** Relative error bound of fastRsqrt: one Newton step from the 0x5f3759df seed (Lomont 2003). */
export const FAST_RSQRT_REL_ERROR = 0.00176;

// One shared 4-byte buffer seen as float32 and int32: the bit reinterpretation the C code does
// with a pointer cast.
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/**
 * 1/sqrt(v) for v in the positive normal float32 range (1.2e-38 .. 3.4e38; beyond, the float32
 * store gives 0 or Infinity) to within FAST_RSQRT_REL_ERROR: the float32 bits I of v give
 * the seed 0x5f3759df - (I >> 1), refined by one Newton-Raphson step y * (1.5 - 0.5 v y^2) in double.
 */
export function fastRsqrt(v: number): number {
  F32[0] = v;
  I32[0] = 0x5f3759df - (I32[0]! >> 1);
  const y = F32[0]!;
  return y * (1.5 - 0.5 * v * y * y);
}

export const relu: ActivationKernel = (x, y) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = v > 0 ? v : 0; }
};

export const reluBf: ActivationKernel = (x, y) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = (v + Math.abs(v)) * 0.5; }
};

export const elu: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = v >= 0 ? v : alpha * (Math.exp(v) - 1); }
};

export const eluBf: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; const m = (v - Math.abs(v)) * 0.5; y[i] = (v - m) + alpha * (Math.exp(m) - 1); }
};

export const tanh: ActivationKernel = (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]!);
};

export const sigmoid: ActivationKernel = (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = 1 / (1 + Math.exp(-x[i]!));
};

export const isru: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = v * (1 / Math.sqrt(1 + alpha * v * v)); }
};

export const isruFast: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = v * fastRsqrt(1 + alpha * v * v); }
};

export const isrlu: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = v >= 0 ? v : v * (1 / Math.sqrt(1 + alpha * v * v)); }
};

export const isrluFast: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = v >= 0 ? v : v * fastRsqrt(1 + alpha * v * v); }
};

// (x - m) + m * rsqrt(1 + alpha m^2) rather than x * rsqrt(...): the fast rsqrt(1) is 0.9983, not 1,
// and ISRLU must pass x >= 0 through unchanged.
export const isrluBf: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; const m = (v - Math.abs(v)) * 0.5; y[i] = (v - m) + m * (1 / Math.sqrt(1 + alpha * m * m)); }
};

export const isrluFastBf: ActivationKernel = (x, y, alpha) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; const m = (v - Math.abs(v)) * 0.5; y[i] = (v - m) + m * fastRsqrt(1 + alpha * m * m); }
};

// The ISRU gate g(x) = (1 + isru(x/2)) / 2 = 1/2 + x / (4 sqrt(1 + alpha x^2 / 4)), the sigmoid's
// stand-in for LSTM/GRU gates: the same rsqrt as ISRU, against the logistic's exp and divide.
export const isruGate: ActivationKernel = (x, y, alpha) => {
  const a = alpha * 0.25;
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = 0.5 + 0.25 * v * (1 / Math.sqrt(1 + a * v * v)); }
};

export const isruGateFast: ActivationKernel = (x, y, alpha) => {
  const a = alpha * 0.25;
  for (let i = 0; i < x.length; i++) { const v = x[i]!; y[i] = 0.5 + 0.25 * v * fastRsqrt(1 + a * v * v); }
};

export type Rsqrt = 'exact' | 'fast' | 'none';

export type Form = 'branch' | 'branch-free';

export interface KernelEntry {
  /** Row name, e.g. "isrlu fast-rsqrt branch-free". */
  readonly name: string;
  readonly activation: 'relu' | 'elu' | 'tanh' | 'sigmoid' | 'isru' | 'isrlu' | 'isru-gate';
  readonly rsqrt: Rsqrt;
  /** How x < 0 and x >= 0 are told apart ('branch' also for functions with no pieces). */
  readonly form: Form;
  readonly kernel: ActivationKernel;
  /** The function in float64, for checks. */
  readonly reference: (x: number, alpha: number) => number;
}

const isruRef = (v: number, a: number) => v / Math.sqrt(1 + a * v * v);
const isrluRef = (v: number, a: number) => (v >= 0 ? v : isruRef(v, a));
const eluRef = (v: number, a: number) => (v >= 0 ? v : a * Math.expm1(v));
const reluRef = (v: number) => Math.max(v, 0);

function entry(activation: KernelEntry['activation'], rsqrt: Rsqrt, form: Form, kernel: ActivationKernel, reference: KernelEntry['reference']): KernelEntry {
  const parts: string[] = [activation];
  if (rsqrt !== 'none') parts.push(`${rsqrt}-rsqrt`);
  if (form === 'branch-free') parts.push('branch-free');
  return { name: parts.join(' '), activation, rsqrt, form, kernel, reference };
}

/** Every kernel the benchmark times, in table order. */
export const KERNELS: readonly KernelEntry[] = [
  entry('relu', 'none', 'branch', relu, reluRef),
  entry('relu', 'none', 'branch-free', reluBf, reluRef),
  entry('elu', 'none', 'branch', elu, eluRef),
  entry('elu', 'none', 'branch-free', eluBf, eluRef),
  entry('tanh', 'none', 'branch', tanh, (v) => Math.tanh(v)),
  entry('sigmoid', 'none', 'branch', sigmoid, (v) => 1 / (1 + Math.exp(-v))),
  entry('isru', 'exact', 'branch', isru, isruRef),
  entry('isru', 'fast', 'branch', isruFast, isruRef),
  entry('isrlu', 'exact', 'branch', isrlu, isrluRef),
  entry('isrlu', 'fast', 'branch', isrluFast, isrluRef),
  entry('isrlu', 'exact', 'branch-free', isrluBf, isrluRef),
  entry('isrlu', 'fast', 'branch-free', isrluFastBf, isrluRef),
  entry('isru-gate', 'exact', 'branch', isruGate, (v, a) => 0.5 + 0.5 * isruRef(v / 2, a)),
  entry('isru-gate', 'fast', 'branch', isruGateFast, (v, a) => 0.5 + 0.5 * isruRef(v / 2, a)),
];
