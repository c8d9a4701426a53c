// The renderer: valid PNGs of the asked size, byte-identical across renders and processes, fast on
// 65,536 points, decimation that keeps every column's extremes, and text that actually shows.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chartFont, decimate, renderChartPng, type ChartPoint, type ChartSpec } from './index.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunk types in order, and the IHDR size. */
function pngChunks(png: Buffer): { types: string[]; width: number; height: number } {
  const types: string[] = [];
  let off = 8;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    types.push(png.toString('latin1', off + 4, off + 8));
    off += 12 + len;
  }
  return { types, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixels(png: Buffer): Promise<{ data: Uint8ClampedArray; width: number }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { data: ctx.getImageData(0, 0, img.width, img.height).data, width: img.width };
}

const wave = (n: number): ChartPoint[] => Array.from({ length: n }, (_, i) => ({ x: i / 64 - 10, y: Math.sin(i / 37) + ((i * 7919) % 101) / 1000 }));

const SPEC: ChartSpec = {
  title: 'ISRLU sQ3.12', xLabel: 'x', yLabel: 'y', width: 480, height: 320,
  series: [{ label: 'core', points: wave(2000) }, { label: 'exact', points: wave(2000).map((p) => ({ x: p.x, y: p.y / 2 })), dashed: true }],
};

describe('renderChartPng', () => {
  it('writes a PNG of the asked size with no time or text chunks', async () => {
    const png = await renderChartPng(SPEC);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const { types, width, height } = pngChunks(png);
    expect([width, height]).toEqual([480, 320]);
    expect(types[0]).toBe('IHDR');
    expect(types[types.length - 1]).toBe('IEND');
    expect(types.filter((t) => ['tIME', 'tEXt', 'zTXt', 'iTXt', 'eXIf'].includes(t))).toEqual([]);
    const d = pngChunks(await renderChartPng({ ...SPEC, width: undefined, height: undefined }));
    expect([d.width, d.height]).toEqual([800, 500]);
  });

  it('gives the same bytes twice in one process and in another process', async () => {
    const a = await renderChartPng(SPEC);
    const b = await renderChartPng(structuredClone(SPEC));
    expect(a.equals(b)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'isrlu-chart-'));
    try {
      const specFile = join(dir, 'spec.json');
      const outFile = join(dir, 'out.png');
      writeFileSync(specFile, JSON.stringify(SPEC));
      const script = join(dir, 'child.mts');
      const renderUrl = new URL('./render.ts', import.meta.url).href;
      writeFileSync(script, [
        `import { readFileSync, writeFileSync } from 'node:fs';`,
        `import { renderChartPng } from ${JSON.stringify(renderUrl)};`,
        `writeFileSync(${JSON.stringify(outFile)}, await renderChartPng(JSON.parse(readFileSync(${JSON.stringify(specFile)}, 'utf8'))));`,
      ].join('\n'));
      const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
      const r = spawnSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(outFile).equals(a)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a 65,536-point scatter in well under 2 s', async () => {
    const points = wave(65536);
    await renderChartPng({ ...SPEC, series: [{ label: 'e', points: points.slice(0, 10) }] }); // warm
    const t0 = performance.now();
    const png = await renderChartPng({ title: 'error', xLabel: 'x', yLabel: 'ulp', kind: 'scatter', series: [{ label: 'e', points }] });
    const ms = performance.now() - t0;
    expect(png.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(1500);
  });

  it('draws text: a title darkens the title band, an invisible one does not', async () => {
    const f = chartFont();
    expect(f.families > 0 || f.builtin, 'no font and no stroke-font fallback: chart text would be blank').toBe(true);
    const base = { ...SPEC, series: [{ label: 'one', points: wave(100) }] };
    const band = async (title: string) => {
      const { data, width } = await pixels(await renderChartPng({ ...base, title }));
      let dark = 0;
      for (let y = 0; y < 30; y++) for (let x = 0; x < width; x++) if (data[(y * width + x) * 4]! < 128) dark++;
      return dark;
    };
    expect(await band(' ')).toBe(0); // same layout, no glyphs
    expect(await band('WWW Title MMM')).toBeGreaterThan(100);
  });

  it('refuses bad sizes and an empty y range', async () => {
    await expect(renderChartPng({ ...SPEC, width: 10 })).rejects.toThrow(/width/);
    await expect(renderChartPng({ ...SPEC, yMin: 1, yMax: 1 })).rejects.toThrow(/yMin/);
  });

  it('draws a log x axis, fixed y range and an empty series', async () => {
    const png = await renderChartPng({ ...SPEC, xLog: true, yMin: -2, yMax: 2, series: [{ label: 'a', points: wave(300).map((p, i) => ({ x: i + 1, y: p.y })) }, { label: 'none', points: [] }] });
    expect(pngChunks(png).width).toBe(480);
  });
});

describe('decimate', () => {
  it('keeps each column\'s extremes, the ends and the order; drops non-finite points', () => {
    const pts = wave(65536);
    pts[1234] = { x: pts[1234]!.x, y: 50 };
    pts[40000] = { x: pts[40000]!.x, y: -50 };
    pts.push({ x: NaN, y: 0 }, { x: 1, y: Infinity });
    const d = decimate(pts, 100);
    expect(d.length).toBeLessThanOrEqual(202);
    expect(d[0]).toEqual(pts[0]);
    expect(d[d.length - 1]).toEqual(pts[65535]);
    expect(d).toContainEqual({ x: pts[1234]!.x, y: 50 });
    expect(d).toContainEqual({ x: pts[40000]!.x, y: -50 });
    for (let i = 1; i < d.length; i++) expect(d[i]!.x).toBeGreaterThan(d[i - 1]!.x);
    // every bucket's min and max survive
    const lo = pts[0]!.x, span = pts[65535]!.x - lo;
    for (let b = 0; b < 100; b++) {
      const inB = (p: ChartPoint) => Math.min(99, Math.floor(((p.x - lo) / span) * 100)) === b;
      const all = pts.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && inB(p)).map((p) => p.y);
      const kept = d.filter(inB).map((p) => p.y);
      expect(Math.max(...kept)).toBe(Math.max(...all));
      expect(Math.min(...kept)).toBe(Math.min(...all));
    }
    expect(decimate(pts, 100)).toEqual(d);
  });

  it('returns short series whole and drops x <= 0 on a log axis', () => {
    const pts = [{ x: -1, y: 1 }, { x: 0, y: 2 }, { x: 1, y: 3 }];
    expect(decimate(pts, 10)).toEqual(pts);
    expect(decimate(pts, 10, { xLog: true })).toEqual([{ x: 1, y: 3 }]);
    expect(() => decimate(pts, 0)).toThrow(RangeError);
  });
});
