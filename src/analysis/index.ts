// Public face of the analysis: error statistics, faithful sizing and elaboration of a spec.
export * from './error.js';
export * from './sizing.js';
export * from './elaborate.js';
