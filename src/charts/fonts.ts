// Which font the charts draw text with. Skia (@napi-rs/canvas) ships no font and finds installed
// ones only; with none installed every label is silently blank. We register one installed font
// under our own family name (the first of a fixed list) so that every chart on a machine uses the
// same face whatever the host's defaults; with none at all, charts fall back to the built-in
// stroke font (stroke-font.ts). ISRLU_CHART_FONT=builtin forces that fallback.

import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family name charts ask for; it names the registered font when one was found. */
export const CHART_FONT_FAMILY = 'isrlu-chart-sans';

/** Installed fonts tried in order (Debian/Ubuntu, Fedora and Arch paths; macOS and Windows last). */
const CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/lato/Lato-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/Library/Fonts/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

export interface ChartFontStatus {
  /** The file registered as CHART_FONT_FAMILY, or undefined. */
  readonly file?: string;
  /** Font families Skia can draw with (installed plus registered). 0 means text is invisible. */
  readonly families: number;
  /** The CSS family list charts use. */
  readonly family: string;
  /** True when charts draw text with the built-in stroke font (no font found, or forced). */
  readonly builtin: boolean;
}

let status: ChartFontStatus | undefined;

/**
 * Registers the chart font once per process (ISRLU_CHART_FONT, a .ttf/.otf path, wins over the
 * list above; "builtin" forces the stroke font) and reports what text will be drawn with. Idempotent.
 */
export function chartFont(): ChartFontStatus {
  if (status) return status;
  const wanted = process.env.ISRLU_CHART_FONT;
  if (wanted === 'builtin') return (status = { families: GlobalFonts.families.length, family: 'sans-serif', builtin: true });
  const list = wanted ? [wanted, ...CANDIDATES] : CANDIDATES;
  let file: string | undefined;
  for (const p of list) {
    if (existsSync(p) && GlobalFonts.registerFromPath(p, CHART_FONT_FAMILY) !== null) { file = p; break; }
  }
  const families = GlobalFonts.families.length;
  status = file === undefined
    ? { families, family: 'sans-serif', builtin: families === 0 }
    : { file, families, family: `${CHART_FONT_FAMILY}, sans-serif`, builtin: false };
  return status;
}
