// Real implementation figures for a generated core: Yosys synthesis per target (cells counted by
// src/synth) and, where nextpnr-ice40 is installed, place and route of a serial timing wrapper on
// an iCE40 UP5K for Fmax.

import type { Datapath } from '../datapath/index.js';
import { synthesize, placeAndRouteIce40, type SynthResult, type PnrResult } from '../synth/index.js';
import type { TargetName } from '../targets/index.js';
import { estimateArea } from '../area/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { fitViolation } from '../analysis/objective.js';
import { fmaxWrapper, type GeneratedCore } from './generate.js';

export interface Implementation {
  readonly yosys: Partial<Record<TargetName, Omit<SynthResult, 'netlist'>>>;
  readonly fmax?: PnrResult;
}

/** The design sources Yosys reads: the core, its wrapper, and ROM init files (no test vectors). */
export function synthesisFiles(g: GeneratedCore): Record<string, string> {
  const vectors = new Set(g.vectorFiles);
  return Object.fromEntries(Object.entries(g.files).filter(([f]) => g.sources.includes(f) || (f.endsWith('.hex') && !vectors.has(f))));
}

/**
 * Synthesizes for each target (in parallel worker threads). With `pnr`, the timing wrapper is
 * synthesized with multipliers in LUTs and placed with nextpnr-ice40 (UP5K) for Fmax: nextpnr 0.4
 * does not time combinational paths through SB_MAC16 blocks (a combinational core with five
 * chained multipliers was reported at 52.7 MHz with -dsp against 4.5 MHz in LUTs), so only the
 * LUT netlist gives a trustworthy figure.
 */
export async function implementCore(
  dp: Datapath, g: GeneratedCore, targets: readonly TargetName[],
  opts: { pnr?: boolean; timeoutMs?: number; onDone?: (what: string, seconds: number) => void } = {},
): Promise<Implementation> {
  const files = synthesisFiles(g);
  const t0 = performance.now();
  const done = <T>(what: string) => (r: T): T => { opts.onDone?.(what, (performance.now() - t0) / 1000); return r; };
  const runs = targets.map((target) => synthesize({ top: g.top, files, target, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }).then(done(`Yosys ${target}`)));
  let fmax: Promise<PnrResult> | undefined;
  // A core the area model puts beyond the UP5K with multipliers in LUTs is not synthesized for
  // place and route: nextpnr could not place it, and Yosys alone takes minutes on such a netlist.
  const misfit = opts.pnr ? fitViolation({ device: 'ice40' }, estimateArea(dp, scheduleDatapath(dp), 'ice40')) : undefined;
  if (misfit) {
    fmax = Promise.resolve({ status: 'skipped', reason: `not placed: with multipliers in LUTs the core ${misfit} by the area model` });
  } else if (opts.pnr) {
    const w = fmaxWrapper(dp);
    fmax = synthesize({ top: w.top, files: { ...files, [w.file]: w.text }, target: 'ice40', netlist: true, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })
      .then((r) => placeAndRouteIce40(r.netlist ?? '')).then(done('nextpnr-ice40'));
  }
  const results = await Promise.all(runs);
  const yosys: Implementation['yosys'] = {};
  for (const r of results) yosys[r.target] = r;
  return { yosys, ...(fmax ? { fmax: await fmax } : {}) };
}
