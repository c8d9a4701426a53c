// One line naming a design, for reports, logs and headers: the method and the sizes that matter.

import type { DesignParams } from '../types.js';
import type { ChannelDesign } from './direct.js';
import { isTreeMerge, polyPieces } from './approx.js';

const FOLD_TEXT = { neg: 'negative half', mid: 'codes around 0', abs: '|x|' } as const;

function channel(c: ChannelDesign): string {
  const where = `${c.blockRam ? 'block RAM' : 'logic'}`;
  const win = `2^${c.windowBits} codes of the ${FOLD_TEXT[c.fold]}`;
  if (c.method === 'table') return `table of ${win} (${where})`;
  if (c.method === 'poly') {
    const n = c.windowBits - c.segmentBits;
    let pieces = '';
    if (isTreeMerge({ m: c.segmentBits, merge: c.merge })) {
      const ps = polyPieces({ m: c.segmentBits, merge: c.merge });
      const sizes = ps.map((p) => p.dm + n);
      pieces = ` (non-uniform: a tree of ${ps.length} pieces of 2^${Math.min(...sizes)} to 2^${Math.max(...sizes)} codes)`;
    } else if (c.merge.length > 1) pieces = ` (non-uniform: ${c.merge.map((v) => 2 ** (c.segmentBits - Math.log2(c.merge.length) - v)).join('+')} pieces by ${c.merge.length === 4 ? 'quarter' : 'half'})`;
    const soft = c.lutProducts ? `, ${c.lutProducts === c.degree ? 'every product' : c.lutProducts === 1 ? 'the first product' : `the first ${c.lutProducts} products`} in LUTs` : '';
    return `degree-${c.degree} pieces, 2^${c.segmentBits} segments${pieces} over ${win} (${where}${soft})`;
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
