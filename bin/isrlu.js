#!/usr/bin/env node
// Runs the compiled CLI (npm install builds dist/ through the prepare script).
import('../dist/cli/entry.js').catch((e) => {
  process.stderr.write(`isrlu: cannot start (${e.message}); run "npm run build" first\n`);
  process.exitCode = 70;
});
