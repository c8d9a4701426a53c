// Names and defaults of the nn-harness (activations, nets, sweep groups and settings), apart from
// the modules that load TensorFlow.js, so that the CLI can list them without starting tfjs.

export const FLOAT_ACTIVATIONS = ['relu', 'elu', 'tanh', 'isrlu', 'isru', 'sigmoid', 'isru-gate'] as const;
export const BIT_EXACT_ACTIVATIONS = ['isrlu-q', 'isru-q', 'isru-gate-q'] as const;
export const ACTIVATIONS = [...FLOAT_ACTIVATIONS, ...BIT_EXACT_ACTIVATIONS] as const;
export type FloatActivation = (typeof FLOAT_ACTIVATIONS)[number];
export type ActivationName = (typeof ACTIVATIONS)[number];
/**
 * Backward pass of a bit-exact activation: `clipped` (the default) is the float derivative at the
 * quantized input inside the input format's range and zero where the input saturated (the
 * straight-through estimator of quantization-aware training); `float` the float derivative at the
 * quantized (clipped) input everywhere; `hardware` the core's own derivative output.
 */
export const GRAD_MODES = ['clipped', 'float', 'hardware'] as const;
export type GradMode = (typeof GRAD_MODES)[number];
export const DEFAULT_GRAD: GradMode = 'clipped';

export const CNN_NETS = ['small', 'paper'] as const;
export const RNN_NETS = ['lstm', 'gru'] as const;
export const NETS = [...CNN_NETS, ...RNN_NETS] as const;
export type NetName = (typeof NETS)[number];
export type RnnName = (typeof RNN_NETS)[number];
export const isRecurrent = (n: NetName): n is RnnName => (RNN_NETS as readonly string[]).includes(n);
/** Hidden size of the recurrent nets [default]. */
export const DEFAULT_HIDDEN = 128;

/** Gate functions of the recurrent nets: the logistic, the ISRU gate (1 + isru(x/2))/2 in float, and its bit-exact core. */
export const GATES = ['sigmoid', 'isru-gate', 'isru-gate-q'] as const;
export type GateName = (typeof GATES)[number];
/** Cell (tanh-like) activations of the recurrent nets. */
export const CELL_ACTIVATIONS = ['tanh', 'isru', 'isru-q'] as const;

/** Custom designs of the sweep's table and steps groups: 16-bit sQ3.12 in and out. */
export const CUSTOM_FORMAT = 'sQ3.12';
export const STEPS_TABLE_BITS = 3;

export const SWEEP_GROUPS = ['baseline', 'bits', 'table', 'steps'] as const;
export type SweepGroup = (typeof SWEEP_GROUPS)[number];
export type SweepFunction = 'isrlu' | 'isru';

export interface SweepSettings {
  readonly net: NetName;
  /** Hidden size of lstm and gru [default 128; ignored by the CNNs]. */
  readonly hidden?: number;
  readonly epochs: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly batchSize: number;
  readonly alpha: number;
  readonly grad: GradMode;
  readonly seeds: readonly number[];
  readonly groups: readonly SweepGroup[];
  readonly functions: readonly SweepFunction[];
  /** Input/output widths of the bit-width group. */
  readonly widths: readonly number[];
  /**
   * Integer bits of the input format tried at each width (sQi.f with f = w - 1 - i; splits with
   * f < 0 are skipped). Empty: one split per width by bitFormats' range rule.
   */
  readonly intBits?: readonly number[];
  /** tableAddressBits of the table group (custom sQ3.12, 1 Newton-Raphson step). */
  readonly tableBits: readonly number[];
  /** Newton-Raphson steps of the steps group (custom sQ3.12, a 3-bit seed table). */
  readonly steps: readonly number[];
}

export const DEFAULT_SWEEP: SweepSettings = {
  net: 'small', epochs: 1, trainSize: 60000, testSize: 10000, batchSize: 64, alpha: 1, grad: DEFAULT_GRAD, seeds: [1, 2, 3],
  groups: SWEEP_GROUPS, functions: ['isrlu', 'isru'],
  widths: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], intBits: [1, 2, 3, 4], tableBits: [1, 2, 3, 4, 5, 6, 8], steps: [0, 1, 2, 3],
};
