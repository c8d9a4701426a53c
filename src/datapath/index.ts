// Public face of the datapath: the typed graph, its op semantics, tables, elaboration and evaluators.
export * from './types.js';
export { evalNode, vshrFormat, significantBits, simpleCost, maxUnsigned, MAGIC_BIAS } from './ops.js';
export * from './tables.js';
export { buildDatapath, quantizeAlpha, isPowerOfTwo } from './build.js';
export * from './interpret.js';
export * from './compile.js';
export { verilogOf, lit, ext, slice } from './verilog.js';
export { foldLoop, LoopEvaluator, LoopError, type FoldedLoop } from './loop.js';
