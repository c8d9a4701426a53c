// Public face of the CLI: runCli for embedding and tests.
export { runCli, type CliIo } from './main.js';
export { parseHexCodes } from './io.js';
