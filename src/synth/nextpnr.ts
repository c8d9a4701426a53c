// Place and route with nextpnr-ice40 (Debian package) for an Fmax estimate. Optional: where the
// tool is missing the result says so instead of failing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ICE40 } from '../targets/ice40.js';

export type PnrResult =
  | { readonly status: 'ok'; readonly device: string; readonly package: string; readonly fmaxMHz: number; readonly seconds: number; readonly tool: string }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

/** The iCE40 device and package of the place-and-route run (the iCE40 target records' `pnr`). */
export const PNR_DEVICE = { device: ICE40.pnr!.device, package: ICE40.pnr!.package } as const;

/** Runs nextpnr-ice40 on a Yosys JSON netlist (from synth_ice40) and parses the clock's Fmax. */
export function placeAndRouteIce40(netlistJson: string, opts: { timeoutMs?: number; seed?: number } = {}): PnrResult {
  const version = spawnSync('nextpnr-ice40', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (version.error) return { status: 'skipped', reason: 'nextpnr-ice40 is not installed (Debian package nextpnr-ice40)' };
  const dir = mkdtempSync(join(tmpdir(), 'isrlu-pnr-'));
  try {
    writeFileSync(join(dir, 'netlist.json'), netlistJson);
    const t0 = performance.now();
    const r = spawnSync('nextpnr-ice40', [
      `--${PNR_DEVICE.device}`, '--package', PNR_DEVICE.package, '--json', 'netlist.json', '--freq', '1',
      '--seed', String(opts.seed ?? 1), '--pcf-allow-unconstrained', '--quiet', '--log', 'pnr.log',
    ], { cwd: dir, encoding: 'utf8', timeout: opts.timeoutMs ?? 300_000 });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0) {
      const err = out.split('\n').find((l) => l.includes('ERROR')) ?? out.trim().split('\n').pop() ?? `exit ${r.status}`;
      return { status: 'failed', reason: `nextpnr-ice40: ${err.trim()}` };
    }
    const log = spawnSync('cat', [join(dir, 'pnr.log')], { encoding: 'utf8' }).stdout ?? out;
    const all = [...log.matchAll(/Max frequency for clock\s+'[^']*':\s+([\d.]+) MHz/g)];
    const last = all[all.length - 1];
    if (!last) return { status: 'failed', reason: 'nextpnr-ice40 printed no Max frequency line' };
    return {
      status: 'ok', device: PNR_DEVICE.device, package: PNR_DEVICE.package, fmaxMHz: Number(last[1]),
      seconds: (performance.now() - t0) / 1000, tool: `${version.stdout}${version.stderr}`.trim().split('\n')[0] ?? 'nextpnr-ice40',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
