// Public face of the Verilog generator.
export * from './generate.js';
export { coreView, headerLines, type CoreView } from './view.js';
export * from './implement.js';
