// The no-font fallback: the stroke font draws visible text of the measured width, and a whole chart
// rendered with it forced (ISRLU_CHART_FONT=builtin, as on a machine with no font) shows its title.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { strokeTextWidth, useStrokeFont } from './stroke-font.js';

function darkColumns(data: Uint8ClampedArray, width: number, rows: [number, number]): number[] {
  const cols: number[] = [];
  for (let x = 0; x < width; x++) {
    for (let y = rows[0]; y < rows[1]; y++) if (data[(y * width + x) * 4]! < 128) { cols.push(x); break; }
  }
  return cols;
}

describe('stroke font', () => {
  it('draws text where fillText is asked to, as wide as measureText says', () => {
    const c = createCanvas(300, 60);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 300, 60);
    useStrokeFont(ctx);
    ctx.font = 'bold 20px whatever';
    ctx.fillStyle = '#000';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const text = 'Error (ulp) -0.5';
    const w = ctx.measureText(text).width;
    expect(w).toBeCloseTo(strokeTextWidth(text, ctx.font), 9);
    expect(w).toBeGreaterThan(100);
    ctx.fillText(text, 150, 30);
    const cols = darkColumns(ctx.getImageData(0, 0, 300, 60).data, 300, [0, 60]);
    expect(cols.length).toBeGreaterThan(w / 2);
    expect(cols[0]!).toBeGreaterThanOrEqual(Math.floor(150 - w / 2) - 2);
    expect(cols[cols.length - 1]!).toBeLessThanOrEqual(Math.ceil(150 + w / 2) + 2);
  });

  it('is what a chart uses when forced, and the title shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isrlu-stroke-'));
    try {
      const script = join(dir, 'child.mts');
      const out = join(dir, 'out.png');
      const renderUrl = new URL('./render.ts', import.meta.url).href;
      const fontsUrl = new URL('./fonts.ts', import.meta.url).href;
      writeFileSync(script, [
        `import { writeFileSync } from 'node:fs';`,
        `import { renderChartPng } from ${JSON.stringify(renderUrl)};`,
        `import { chartFont } from ${JSON.stringify(fontsUrl)};`,
        `if (!chartFont().builtin) throw new Error('builtin font not chosen');`,
        `writeFileSync(${JSON.stringify(out)}, await renderChartPng({ title: 'WWW Title MMM', xLabel: 'x', yLabel: 'y', width: 400, height: 300, series: [{ label: 'a', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }] }));`,
      ].join('\n'));
      const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
      const r = spawnSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ISRLU_CHART_FONT: 'builtin' } });
      expect(r.stderr).toBe('');
      const img = await loadImage(readFileSync(out));
      const c = createCanvas(img.width, img.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      expect(darkColumns(ctx.getImageData(0, 0, 400, 300).data, 400, [0, 30]).length).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
