// Elaboration: spec + design parameters -> the one datapath every back end reads. The algorithms are
// written once each: the rsqrt route in methods/rsqrt.ts, the direct methods (the function itself:
// table, piecewise polynomial, multipartite) in methods/direct.ts; this file dispatches.

import { uQ, width } from '../fixedpoint/index.js';
import { fn } from '../reference/index.js';
import { isDirectKnobs, type CustomParams, type Spec } from '../spec/index.js';
import { resolveDirectKnobs } from './methods/resolve.js';
import { functionTable } from './tables.js';
import { Graph } from './graph.js';
import { buildRsqrt } from './methods/rsqrt.js';
import { buildChannel, type ChannelDesign } from './methods/direct.js';
import { channelFunction } from './methods/channel.js';
import type { Datapath, DesignParams, DirectDesign } from './types.js';

export { quantizeAlpha, isPowerOfTwo } from './methods/rsqrt.js';

/**
 * Elaborates the datapath for a spec with the given design parameters: sized ones, or a custom
 * spec's own (a direct method's automatic parts are resolved by fixed rules first).
 */
export function buildDatapath(spec: Spec, params: DesignParams | CustomParams): Datapath {
  const p: DesignParams = isDirectKnobs(params) ? resolveDirectKnobs(spec, params) : params as DesignParams;
  const g = new Graph();
  const x = g.input('x', spec.input);
  if (p.method === 'direct') return buildWholeTable(spec, p, g, x);
  if ('y' in p) return buildDirect(spec, p, g, x);
  return buildRsqrt(spec, p, g, x);
}

/** The legacy direct method: the whole function (and derivative) as tables indexed by the input code. */
function buildWholeTable(spec: Spec, p: DesignParams, g: Graph, x: number): Datapath {
  const code = g.add('x_code', { op: 'bits' }, [x], uQ(width(spec.input), 0));
  const y = g.rom('y', code, functionTable(spec, 'y'));
  const dy = spec.derivative ? g.rom('dy', code, functionTable(spec, 'dy')) : undefined;
  return { spec, params: p, nodes: g.nodes, input: x, outputs: { y, ...(dy !== undefined ? { dy } : {}) }, tables: g.tables, alphaUsed: spec.alpha };
}

/** A direct method: each output its own channel; ISRLU's identity half (and slope 1) by a select. */
function buildDirect(spec: Spec, p: DirectDesign, g: Graph, x: number): Datapath {
  const f = fn(spec.function);
  // A channel around 0 (for ISRLU: a table of every input code, or of the codes around 0 with the
  // saturated tails outside) holds the identity half itself.
  const holdsIdentity = (c: ChannelDesign) => c.fold === 'mid';
  const neg = f.identityForNonNegative && !(holdsIdentity(p.y) && (!p.dy || holdsIdentity(p.dy))) ? g.signBit('x_neg', x) : undefined;
  let y = buildChannel(g, p.y, channelFunction(spec, 'y', p.y.fold, p.y.windowBits), x);
  if (neg !== undefined && !holdsIdentity(p.y)) {
    const pos = g.resize('y_pos', x, spec.output, spec.outputRounding, spec.outputOverflow);
    y = g.select('y', neg, y, pos);
  }
  let dy: number | undefined;
  if (spec.derivative) {
    if (!p.dy) throw new Error(`${spec.name}: a derivative output needs the dy channel's design`);
    dy = buildChannel(g, p.dy, channelFunction(spec, 'dy', p.dy.fold, p.dy.windowBits), x);
    if (neg !== undefined && !holdsIdentity(p.dy)) dy = g.select('dy', neg, dy, g.constant('dy_one', 1n << BigInt(spec.derivativeFormat.frac), spec.derivativeFormat));
  }
  return { spec, params: p, nodes: g.nodes, input: x, outputs: { y, ...(dy !== undefined ? { dy } : {}) }, tables: g.tables, alphaUsed: spec.alpha };
}
