// Public face of the spec: the knob registry, validation and defaults.
export * from './knobs.js';
export * from './spec.js';
