// Public face of synthesis: run real Yosys (WebAssembly) on Verilog text and count the cells per
// target (LUT, FF, carry, DSP, block RAM, memory bits).
export { synthesize, SynthError, DEFAULT_SYNTH_TIMEOUT_MS, firstErrorLine, parseStat, unmappedMemoryBits } from './yosys.js';
export type { SynthOptions, SynthResult, SynthFailure } from './yosys.js';
export { classifyCells, CELL_RULES } from './cells.js';
export { closeYosysWorkers } from './worker-pool.js';
export * from './nextpnr.js';
