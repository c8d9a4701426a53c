// Public face of the nn-harness: MNIST, the tfjs wasm engine, float and bit-exact activations,
// the CNNs and the recurrent nets, training with the float-vs-bit-exact check, and accuracy sweeps.
export { loadMnist, readIdxImages, readIdxLabels, defaultMnistDir, MNIST_FILES, type Mnist, type Split, type LoadMnistOptions, type IdxImages } from './idx.js';
export { initEngine, type EngineBackend, type EngineOptions } from './engine.js';
export { registerWasmKernels, ALL_KERNELS, type KernelChoice } from './kernels.js';
export {
  makeActivation, activationSpec, ACTIVATIONS, FLOAT_ACTIVATIONS, BIT_EXACT_ACTIVATIONS, DEFAULT_GRAD, GRAD_MODES,
  type Activation, type ActivationName, type ActivationOptions, type FloatActivation, type GradMode,
} from './activations.js';
export { bitExactTable, quantizeRaw, applyTable, lookupTables, lookupIndex, MAX_TABLE_INPUT_BITS, type BitExactTable, type LookupTables } from './bit-exact.js';
export { bitExactActivation, lookupIndexOps, type LookupPath } from './lookup.js';
export { buildNet, NETS, CNN_NETS, RNN_NETS, isRecurrent, NET_LAYERS, type Net, type NetName } from './nets.js';
export { buildRecurrentNet, orthogonal, type RecurrentNet } from './rnn.js';
export { GATES, CELL_ACTIVATIONS, DEFAULT_HIDDEN, type GateName, type RnnName } from './names.js';
export {
  train, trainCheck, type TrainOptions, type TrainResult, type TrainProgress, type EpochResult,
  type TrainCheckOptions, type TrainCheckResult, type CheckSide,
} from './train.js';
export {
  runSweep, mergeSweeps, sweepPoints, summarize, resultsCsv, summaryCsv, summaryMarkdown, sweepCharts, writeSummary, readResults, parseShard, bitFormats, widthSplits, seriesLabel, pointStats,
  type PointStats, type SweepSummary,
  settingsFingerprint, resultsFileName, DEFAULT_SWEEP, SWEEP_GROUPS, SETTINGS_FILE,
  type SweepSettings, type SweepPoint, type PointResult, type SweepGroup, type SweepFunction, type Shard,
  type SweepRunOptions, type SweepOutcome, type MergeOutcome,
} from './sweep.js';
export { registerNnCommands, parseIntList, type NnCliContext } from './cli.js';
export { createRng, permutation, type Rng } from './rng.js';
