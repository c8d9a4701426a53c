// Place and route with nextpnr-ice40 (Debian package) for an Fmax estimate. Optional: where the
// tool is missing the result says so instead of failing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ICE40 } from '../targets/ice40.js';

export type PnrResult =
  | {
    readonly status: 'ok'; readonly device: string; readonly package: string;
    /** The median over the placement seeds (nextpnr's Fmax moves by a few percent from seed to seed). */
    readonly fmaxMHz: number;
    /** Each seed's Fmax, in the order of `seeds`. */
    readonly bySeed: readonly number[]; readonly seeds: readonly number[];
    readonly seconds: number; readonly tool: string;
  }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

/** The iCE40 device and package of the place-and-route run (the iCE40 target records' `pnr`). */
export const PNR_DEVICE = { device: ICE40.pnr!.device, package: ICE40.pnr!.package } as const;

/** The placement seeds an Fmax is the median of. */
export const PNR_SEEDS: readonly number[] = [1, 2, 3];

/**
 * Runs nextpnr-ice40 on a Yosys JSON netlist (from synth_ice40) once per placement seed and gives
 * the median of the clock's Fmax (one seed alone moves a few percent with any change to the netlist).
 */
export function placeAndRouteIce40(netlistJson: string, opts: { timeoutMs?: number; seeds?: readonly number[] } = {}): PnrResult {
  const version = spawnSync('nextpnr-ice40', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (version.error) return { status: 'skipped', reason: 'nextpnr-ice40 is not installed (Debian package nextpnr-ice40)' };
  const seeds = opts.seeds ?? PNR_SEEDS;
  const t0 = performance.now();
  const bySeed: number[] = [];
  for (const seed of seeds) {
    const r = placeOnce(netlistJson, seed, opts.timeoutMs);
    if (typeof r !== 'number') return r;
    bySeed.push(r);
  }
  const sorted = [...bySeed].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    status: 'ok', device: PNR_DEVICE.device, package: PNR_DEVICE.package, fmaxMHz: median, bySeed, seeds,
    seconds: (performance.now() - t0) / 1000, tool: `${version.stdout}${version.stderr}`.trim().split('\n')[0] ?? 'nextpnr-ice40',
  };
}

/** One nextpnr-ice40 run: the clock's Fmax, or why there is none. */
function placeOnce(netlistJson: string, seed: number, timeoutMs?: number): number | Exclude<PnrResult, { status: 'ok' }> {
  const dir = mkdtempSync(join(tmpdir(), 'isrlu-pnr-'));
  try {
    writeFileSync(join(dir, 'netlist.json'), netlistJson);
    const r = spawnSync('nextpnr-ice40', [
      `--${PNR_DEVICE.device}`, '--package', PNR_DEVICE.package, '--json', 'netlist.json', '--freq', '1',
      '--seed', String(seed), '--pcf-allow-unconstrained', '--quiet', '--log', 'pnr.log',
    ], { cwd: dir, encoding: 'utf8', timeout: timeoutMs ?? 300_000 });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0) {
      const err = out.split('\n').find((l) => l.includes('ERROR')) ?? out.trim().split('\n').pop() ?? `exit ${r.status}`;
      return { status: 'failed', reason: `nextpnr-ice40: ${err.trim()}` };
    }
    const log = spawnSync('cat', [join(dir, 'pnr.log')], { encoding: 'utf8' }).stdout ?? out;
    const all = [...log.matchAll(/Max frequency for clock\s+'[^']*':\s+([\d.]+) MHz/g)];
    const last = all[all.length - 1];
    if (!last) return { status: 'failed', reason: 'nextpnr-ice40 printed no Max frequency line' };
    return Number(last[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
