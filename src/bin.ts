#!/usr/bin/env node
// The `migration-gate` executable: runs the CLI on this process's argv and sets the exit code.

import './dirname-shim.js';
import './sql/wasm-tier.js';
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
});
