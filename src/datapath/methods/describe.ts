// One line naming a design, for reports, logs and headers: the method and the sizes that matter.

import type { DesignParams } from '../types.js';
import type { ChannelDesign } from './direct.js';

const FOLD_TEXT = { neg: 'negative half', mid: 'codes around 0', abs: '|x|' } as const;

function channel(c: ChannelDesign): string {
  const where = `${c.blockRam ? 'block RAM' : 'logic'}`;
  const win = `2^${c.windowBits} codes of the ${FOLD_TEXT[c.fold]}`;
  if (c.method === 'table') return `table of ${win} (${where})`;
  if (c.method === 'poly') {
    const pieces = c.merge.length > 1 ? ` (non-uniform: ${c.merge.map((v) => 2 ** (c.segmentBits - Math.log2(c.merge.length) - v)).join('+')} pieces by quarter)` : '';
    return `degree-${c.degree} pieces, 2^${c.segmentBits} segments${pieces} over ${win} (${where})`;
  }
  const tos = c.offsets.map((o) => `2^${o.prefix + o.bits}`).join(' + ');
  return `2^${c.segmentBits} initial values + offset tables ${tos} over ${win} (${where})`;
}

/** "newton, 1 step(s), table 2^7 x 8", "poly: degree-1 pieces, 2^8 segments over ...". */
export function describeDesign(p: DesignParams): string {
  if ('y' in p) return `${p.method}: ${channel(p.y)}${p.dy ? `; derivative ${p.dy.method}: ${channel(p.dy)}` : ''}`;
  if (p.method === 'direct') return 'direct: a table of every input code';
  if (p.method === 'magic') return `magic, ${p.steps} step(s), ${p.tableDataBits}-bit encoding`;
  return `${p.method}, ${p.steps} step(s), table 2^${p.tableAddressBits} x ${p.tableDataBits}`;
}
