// Public face of the cycle simulator: the scheduled datapath clocked cycle by cycle (CycleSim), the
// stream driver with its latency/throughput report, and the VCD writer.
export { CycleSim, type CycleSimOptions, type CycleInputs } from './sim.js';
export { runStream, type StreamOptions, type StreamReport, type StreamMismatch } from './stream.js';
export { pipelineLayout, ScheduleError, type PipelineLayout, type StageRegister, type Source } from '../schedule/index.js';
export { VcdWriter, collectVcd, vcdId, type VcdSignal, type VcdSink } from './vcd.js';
export { MEMO_MAX_BITS, type EngineKind } from './engines.js';
export { IterativeSim } from './iterative.js';
