// Public face of the fixed-point core: formats and exact arithmetic with explicit narrowing.
export * from './format.js';
export * from './arith.js';
