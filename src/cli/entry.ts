// Process entry point of the `isrlu` command.
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2));
