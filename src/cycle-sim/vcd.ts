// Value Change Dump writer (IEEE 1364 section 18) for GTKWave and friends: a header declaring one
// wire per signal, then only the values that change. Deterministic: the same samples give the same
// bytes (no $date, no timestamps of the run).

/** One dumped signal; values are raw integers, written as their two's-complement bits. */
export interface VcdSignal {
  readonly name: string;
  readonly width: number;
}

/** Receives the VCD text in order, in chunks (the header first, then one chunk per sample). */
export type VcdSink = (chunk: string) => void;

/** Short identifier code of signal `i`: base 94 over the printable characters '!'..'~'. */
export function vcdId(i: number): string {
  let s = '';
  let k = i;
  do {
    s += String.fromCharCode(33 + (k % 94));
    k = Math.floor(k / 94);
  } while (k > 0);
  return s;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export class VcdWriter {
  private readonly ids: string[];
  private readonly last: (bigint | undefined)[];
  private lastTime = -1;
  /** Time of the last `#` line written. */
  private stamped = -1;

  constructor(
    private readonly sink: VcdSink,
    module: string,
    private readonly signals: readonly VcdSignal[],
    opts: { readonly timescale?: string; readonly version?: string } = {},
  ) {
    if (!IDENT.test(module)) throw new Error(`VCD scope name must be an identifier, got ${JSON.stringify(module)}`);
    const seen = new Set<string>();
    for (const s of signals) {
      if (!IDENT.test(s.name)) throw new Error(`VCD signal name must be an identifier, got ${JSON.stringify(s.name)}`);
      if (seen.has(s.name)) throw new Error(`VCD signal ${s.name} declared twice`);
      if (!Number.isInteger(s.width) || s.width < 1) throw new Error(`VCD signal ${s.name} has width ${s.width}`);
      seen.add(s.name);
    }
    this.ids = signals.map((_, i) => vcdId(i));
    this.last = signals.map(() => undefined);
    const head = [
      ...(opts.version ? [`$version ${opts.version} $end`] : []),
      `$timescale ${opts.timescale ?? '1ns'} $end`,
      `$scope module ${module} $end`,
      ...signals.map((s, i) => `$var wire ${s.width} ${this.ids[i]} ${s.name} $end`),
      '$upscope $end',
      '$enddefinitions $end',
    ];
    sink(`${head.join('\n')}\n`);
  }

  private change(i: number, v: bigint): string {
    const w = this.signals[i]!.width;
    const bits = BigInt.asUintN(w, v);
    if (w === 1) return `${bits}${this.ids[i]}\n`;
    return `b${bits.toString(2).padStart(w, '0')} ${this.ids[i]}\n`;
  }

  /** Values of every signal at `time` (non-decreasing); the first sample is the $dumpvars block. */
  sample(time: number, values: readonly bigint[]): void {
    if (values.length !== this.signals.length) throw new Error(`VCD sample has ${values.length} values for ${this.signals.length} signals`);
    if (!Number.isInteger(time) || time < this.lastTime) throw new Error(`VCD time ${time} after ${this.lastTime}`);
    const first = this.lastTime < 0;
    let out = '';
    for (let i = 0; i < values.length; i++) {
      const v = BigInt.asUintN(this.signals[i]!.width, values[i]!);
      if (first || v !== this.last[i]) {
        out += this.change(i, v);
        this.last[i] = v;
      }
    }
    if (first) this.sink(`#${time}\n$dumpvars\n${out}$end\n`);
    else if (out) this.sink(time === this.stamped ? out : `#${time}\n${out}`);
    if (first || out) this.stamped = time;
    this.lastTime = time;
  }

  /** Marks the end time (so viewers show the last interval). */
  close(time: number): void {
    if (time > this.stamped) this.sink(`#${time}\n`);
    this.stamped = Math.max(this.stamped, time);
    this.lastTime = Math.max(this.lastTime, time);
  }
}

/** A sink that keeps the VCD in memory; `text()` gives it whole. */
export function collectVcd(): { sink: VcdSink; text(): string } {
  const parts: string[] = [];
  return { sink: (c) => { parts.push(c); }, text: () => parts.join('') };
}
