// Public face of the mathematical reference (float64 with exact BigNumber decisions).
export * from './reference.js';
export * from './functions.js';
