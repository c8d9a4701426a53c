// Public face of the control plans: one description of a core's control (handshake, valid chain,
// iterative busy flag and pass counter, lanes' round-robin), printed by src/rtl-gen and run by
// src/cycle-sim. It imports nothing of the tool.
export {
  pipelinedControl, iterativeControl, lanesControl, counterWidth, ref, bit, not, and, or, mux,
  type ControlPlan, type Ctl, type CtlWire, type CtlReg, type CtlChain,
} from './plan.js';
export { controlVerilog, ctlVerilog } from './verilog.js';
export { ControlRunner } from './run.js';
