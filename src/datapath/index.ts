// Public face of the datapath: the typed graph, its ops (one module each, src/datapath/ops), tables,
// elaboration, evaluators, bit liveness and the iterative fold.
export * from './types.js';
export {
  OPS, opOf, evalNode, verilogOf, significantBits, simpleCost, maxUnsigned, vshrFormat, MAGIC_BIAS, COST_CLASSES,
  lit, ext, slice, seedLayout, resizeLogic, isWiringResize, normExpStates, romLogic, bramBlocks, mapRoms, knownMask, hasEnable, romWriting, romPlacement,
  mulShape, softMulIce40, softNode, softProducts, partialProducts, fabricProducts, tileMul, ones, bitRange, topBit, popCount, dspPostAddOperand,
} from './ops/index.js';
export type {
  OpDef, NodeOf, BitSource, BitReader, BitView, RegisterBit, RomMapping, CostClass, AreaPart, AreaContext, OpArea,
  VerilogContext, RomLogic, MulShape, MulCell, Tiling,
} from './ops/index.js';
export { bitView, registerBits, outputsOf, segmentReads } from './liveness.js';
export * from './tables.js';
export { buildDatapath, quantizeAlpha, isPowerOfTwo } from './build.js';
export { describeDesign } from './methods/describe.js';
export { buildChannel, fieldFormat, roundingFold, type ChannelDesign, type ChannelFunction, type DirectMethod } from './methods/direct.js';
export { channelFunction, channelOutput, foldsFor, forgetChannelFunctions, minimalWindow, type Channel } from './methods/channel.js';
export { resolveDirectKnobs, polyLsbRule, wantsBlockRam, DIRECT_MAX_BITS } from './methods/resolve.js';
export { FOLDS, codeOf, localOf, maxWindowBits, type Fold } from './methods/window.js';
export * from './methods/approx.js';
export * from './interpret.js';
export * from './compile.js';
export { foldLoop, LoopEvaluator, LoopError, type FoldedLoop } from './loop.js';
