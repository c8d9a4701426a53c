// Public face of the CPU activation benchmark: kernels (exact and fast rsqrt), the timing harness,
// its text table and the `isrlu bench activations` command handler.
export * from './kernels.js';
export * from './bench.js';
export * from './cli.js';
