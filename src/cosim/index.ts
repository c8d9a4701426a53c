// Public face of co-simulation: real simulators on the generated testbench.
export * from './simulators.js';
