// Workload view: the activation unit beside the convolution of a CNN layer the user describes.
// How many cycles and how much area the activation takes against the MAC array, for ISRLU (this
// core), ReLU and a table-based ELU, and how many activation lanes keep up with the MAC array.
// The reviewers of the paper argued the activation is a small share of a layer's cost; this
// measures that claim for the user's own layer instead of quoting it.

export interface LayerShape {
  /** Output feature map: height, width, channels. */
  readonly h: number;
  readonly w: number;
  readonly c: number;
  /** Square kernel size and input channels. */
  readonly kernel: number;
  readonly inChannels: number;
  /** MACs the array performs per cycle. */
  readonly macs: number;
  readonly clockMHz: number;
}

export interface UnitCost {
  readonly lut: number;
  readonly ff: number;
  readonly dsp: number;
  readonly memoryBits: number;
}

export interface ActivationUnit {
  readonly name: string;
  /** Cycles from input to output, and items accepted per cycle per lane. */
  readonly latency: number;
  readonly itemsPerCycle: number;
  /** Area of one lane. */
  readonly area: UnitCost;
}

export interface ActivationShare {
  readonly name: string;
  readonly lanesToKeepUp: number;
  /** Activation cycles with one lane, and with the lanes that keep up. */
  readonly cyclesOneLane: number;
  readonly cyclesKeepingUp: number;
  /** Share of layer time when one lane runs after the convolution (not overlapped). */
  readonly timeShareOneLane: number;
  /** Extra layer time when enough lanes run beside the MAC array: the pipeline latency only. */
  readonly timeShareKeepingUp: number;
  /** Area of the lanes that keep up, and its share of MAC array plus activation (LUT and DSP). */
  readonly area: UnitCost;
  readonly lutShare: number;
  readonly dspShare: number;
}

export interface WorkloadView {
  readonly layer: LayerShape;
  readonly outputs: number;
  readonly macOps: number;
  readonly convCycles: number;
  readonly convMicroseconds: number;
  readonly macArea: UnitCost;
  readonly activations: readonly ActivationShare[];
}

const scale = (a: UnitCost, k: number): UnitCost => ({ lut: a.lut * k, ff: a.ff * k, dsp: a.dsp * k, memoryBits: a.memoryBits * k });
const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Checks a layer description; returns a one-line reason for the first bad field, or undefined. */
export function checkLayer(l: LayerShape): string | undefined {
  // Each field named as `isrlu report` takes it: the shape's three in --layer HxWxC.
  const flag: Record<keyof LayerShape, string> = { h: 'layer (height)', w: 'layer (width)', c: 'layer (channels)', kernel: 'kernel', inChannels: 'in-channels', macs: 'macs', clockMHz: 'clock' };
  for (const [k, v] of Object.entries(l) as [keyof LayerShape, unknown][]) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return `${flag[k] ?? k}: must be a positive number, got ${String(v)}`;
    if (k !== 'clockMHz' && !Number.isInteger(v)) return `${flag[k] ?? k}: must be a whole number, got ${v}`;
  }
  return undefined;
}

/**
 * The activation units beside the convolution: `macArea` is the area of one MAC (multiplier plus
 * accumulator) on the same target, so the array costs `macs` of them.
 */
export function workloadView(layer: LayerShape, macArea: UnitCost, units: readonly ActivationUnit[]): WorkloadView {
  const outputs = layer.h * layer.w * layer.c;
  const macOps = outputs * layer.kernel * layer.kernel * layer.inChannels;
  const convCycles = Math.ceil(macOps / layer.macs);
  const array = scale(macArea, layer.macs);
  const activations = units.map((u): ActivationShare => {
    // The array finishes one output every K*K*Cin/macs cycles on average.
    const perCycle = outputs / convCycles;
    const lanes = Math.max(1, Math.ceil(perCycle / u.itemsPerCycle));
    const one = Math.ceil(outputs / u.itemsPerCycle) + u.latency;
    const keep = Math.ceil(outputs / (u.itemsPerCycle * lanes)) + u.latency;
    const area = scale(u.area, lanes);
    return {
      name: u.name, lanesToKeepUp: lanes, cyclesOneLane: one, cyclesKeepingUp: keep,
      timeShareOneLane: share(one, convCycles + one), timeShareKeepingUp: share(u.latency, convCycles + u.latency),
      area, lutShare: share(area.lut, area.lut + array.lut), dspShare: share(area.dsp, area.dsp + array.dsp),
    };
  });
  return { layer, outputs, macOps, convCycles, convMicroseconds: convCycles / layer.clockMHz, macArea: array, activations };
}

/** Parses "HxWxC" (e.g. 28x28x32). */
export function parseShape(text: string): { h: number; w: number; c: number } | undefined {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(text.trim());
  return m ? { h: Number(m[1]), w: Number(m[2]), c: Number(m[3]) } : undefined;
}
