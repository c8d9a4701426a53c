// Chart.js drawn on @napi-rs/canvas into PNG bytes. Invariant: the same ChartSpec gives the same
// bytes on a given machine (fixed palette, no animation, devicePixelRatio 1, no time or text in the PNG); large
// series are decimated deterministically to the extremes of each pixel column first.

import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { chartFont } from './fonts.js';
import { useStrokeFont } from './stroke-font.js';

export interface ChartPoint { x: number; y: number }
/** An error bar at x from lo to hi (drawn as a vertical line with caps in the series' colour). */
export interface ChartErrorBar { x: number; lo: number; hi: number }
export interface ChartSeries { label: string; points: ChartPoint[]; dashed?: boolean; errorBars?: ChartErrorBar[] }
export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  /** 'line' joins the points in the order given; 'scatter' draws small dots. Default 'line'. */
  kind?: 'line' | 'scatter';
  /** Logarithmic x axis; points with x <= 0 are dropped. */
  xLog?: boolean;
  yMin?: number;
  yMax?: number;
  /** Pixels; default 800 x 500. */
  width?: number;
  height?: number;
}

/** Okabe-Ito colours (distinguishable with common colour-vision deficiencies), in series order. */
export const PALETTE: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 500;
const MAX_SIDE = 8192;

let registered = false;

const whiteBackground: Plugin = {
  id: 'isrluWhiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * Keeps, in their original order, the first and last point and in each of `buckets` equal x
 * intervals the points with the smallest and largest y (min/max per pixel column): a line or
 * scatter drawn from the result covers the same pixels' extremes as the full series. Non-finite
 * points (and, with xLog, x <= 0) are dropped. Series no longer than 2 * buckets come back
 * filtered but otherwise whole. Deterministic: ties keep the earliest point.
 */
export function decimate(points: readonly ChartPoint[], buckets: number, opts: { xLog?: boolean } = {}): ChartPoint[] {
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`decimate: buckets must be a positive integer, got ${buckets}`);
  const xLog = opts.xLog ?? false;
  const ok = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!xLog || p.x > 0));
  if (ok.length <= 2 * buckets) return ok;
  const tx = xLog ? (x: number) => Math.log(x) : (x: number) => x;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of ok) { const t = tx(p.x); if (t < lo) lo = t; if (t > hi) hi = t; }
  const span = hi - lo;
  const minIdx = new Int32Array(buckets).fill(-1);
  const maxIdx = new Int32Array(buckets).fill(-1);
  for (let i = 0; i < ok.length; i++) {
    const p = ok[i]!;
    const b = span > 0 ? Math.min(buckets - 1, Math.floor(((tx(p.x) - lo) / span) * buckets)) : 0;
    const mi = minIdx[b]!;
    if (mi < 0 || p.y < ok[mi]!.y) minIdx[b] = i;
    const ma = maxIdx[b]!;
    if (ma < 0 || p.y > ok[ma]!.y) maxIdx[b] = i;
  }
  const keep = new Uint8Array(ok.length);
  keep[0] = 1;
  keep[ok.length - 1] = 1;
  for (let b = 0; b < buckets; b++) {
    if (minIdx[b]! >= 0) keep[minIdx[b]!] = 1;
    if (maxIdx[b]! >= 0) keep[maxIdx[b]!] = 1;
  }
  const out: ChartPoint[] = [];
  for (let i = 0; i < ok.length; i++) if (keep[i]) out.push({ x: ok[i]!.x, y: ok[i]!.y });
  return out;
}

function checkSpec(c: ChartSpec): { width: number; height: number } {
  const width = c.width ?? DEFAULT_WIDTH;
  const height = c.height ?? DEFAULT_HEIGHT;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 64 || v > MAX_SIDE) throw new RangeError(`chart ${name}: must be an integer from 64 to ${MAX_SIDE}, got ${v}`);
  }
  if (c.yMin !== undefined && c.yMax !== undefined && !(c.yMin < c.yMax)) {
    throw new RangeError(`chart yMin (${c.yMin}) must be below yMax (${c.yMax})`);
  }
  return { width, height };
}

/** Draws each series' errorBars on the chart's scales. */
function errorBarsPlugin(c: ChartSpec): Plugin {
  return {
    id: 'isrluErrorBars',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const xs = chart.scales.x!;
      const ys = chart.scales.y!;
      c.series.forEach((s, i) => {
        if (!s.errorBars?.length) return;
        ctx.save();
        ctx.strokeStyle = PALETTE[i % PALETTE.length]!;
        ctx.lineWidth = 1.5;
        for (const b of s.errorBars) {
          if (![b.x, b.lo, b.hi].every(Number.isFinite)) continue;
          const px = xs.getPixelForValue(b.x);
          const top = ys.getPixelForValue(b.hi);
          const bottom = ys.getPixelForValue(b.lo);
          ctx.beginPath();
          ctx.moveTo(px, top); ctx.lineTo(px, bottom);
          ctx.moveTo(px - 4, top); ctx.lineTo(px + 4, top);
          ctx.moveTo(px - 4, bottom); ctx.lineTo(px + 4, bottom);
          ctx.stroke();
        }
        ctx.restore();
      });
    },
  };
}

function configFor(c: ChartSpec, width: number, family: string): ChartConfiguration<'scatter'> {
  const scatter = c.kind === 'scatter';
  const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family, size, weight });
  const datasets = c.series.map((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    return {
      label: s.label,
      data: decimate(s.points, width, { xLog: c.xLog ?? false }),
      showLine: !scatter,
      borderColor: color,
      backgroundColor: color,
      borderWidth: scatter ? 0 : 1.5,
      borderDash: s.dashed ? [6, 4] : [],
      pointRadius: scatter ? 1.2 : s.errorBars?.length ? 2.5 : 0,
      pointHoverRadius: 0,
      pointStyle: 'circle' as const,
      fill: false,
      tension: 0,
      spanGaps: false,
    };
  });
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      events: [],
      parsing: false,
      normalized: true,
      plugins: {
        title: { display: c.title !== '', text: c.title, color: '#000000', font: font(16, 'bold') },
        legend: {
          display: c.series.length > 1,
          labels: { color: '#000000', font: font(12), boxHeight: 2, boxWidth: 24 },
        },
        tooltip: { enabled: false },
        decimation: { enabled: false },
      },
      scales: {
        x: {
          type: c.xLog ? 'logarithmic' : 'linear',
          title: { display: c.xLabel !== '', text: c.xLabel, color: '#000000', font: font(13) },
          ticks: { color: '#222222', font: font(11) },
          grid: { color: '#e0e0e0' },
        },
        y: {
          type: 'linear',
          ...(c.yMin !== undefined ? { min: c.yMin } : {}),
          ...(c.yMax !== undefined ? { max: c.yMax } : {}),
          title: { display: c.yLabel !== '', text: c.yLabel, color: '#000000', font: font(13) },
          ticks: { color: '#222222', font: font(11) },
          grid: { color: '#e0e0e0' },
        },
      },
    },
    plugins: [whiteBackground, errorBarsPlugin(c)],
  };
}

/**
 * Renders a chart to PNG bytes (8-bit RGBA; no time, text or Exif chunks). Width and height default to
 * 800 x 500 pixels. Throws RangeError on a bad size or yMin >= yMax. Text uses an installed font
 * (see chartFont()); on a machine with none, the built-in stroke font (src/charts/stroke-font.ts).
 */
export async function renderChartPng(chart: ChartSpec): Promise<Buffer> {
  const { width, height } = checkSpec(chart);
  if (!registered) { Chart.register(...registerables); registered = true; }
  const font = chartFont();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'en'; // the default 'inherit' follows the host's language, which can change shaping
  if (font.builtin) useStrokeFont(ctx);
  const family = font.family;
  const c = new Chart(canvas as unknown as HTMLCanvasElement, configFor(chart, width, family));
  try {
    return await canvas.encode('png');
  } finally {
    c.destroy();
  }
}
