// Public face of the CLI: runCli for embedding and tests.
export { runCli, type CliIo } from './main.js';
export { UserError, writeFileAtomic, parseHexCodes } from './io.js';
export { writeOutputDir } from './outdir.js';
