// Public face of reporting: core reports with a Pareto table, the CNN-layer workload view, renderers.
export * from './report.js';
export * from './workload.js';
export * from './units.js';
export * from './render.js';
export * from './clock.js';
