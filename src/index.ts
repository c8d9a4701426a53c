// isrlu-codesign: the library's public API.
export * from './fixedpoint/index.js';
export * from './spec/index.js';
export * from './reference/index.js';
export * from './datapath/index.js';
export * from './analysis/index.js';
export * from './common/index.js';
export { VERSION } from './version.js';
export * from './cycle-sim/index.js';
