#!/usr/bin/env node
// The `migration-gate` executable: runs the CLI on this process's argv and sets the exit code. Started
// as a worker thread by the rule engine (src/rules/pool.ts), it serves file-rule batches instead.

import './dirname-shim.js';
import './v8-tiers.js';
import { fileURLToPath } from 'node:url';
import { batchWorkerData, setWorkerEntry } from './rules/pool.js';
import type { GateOptions } from './options.js';

const worker = batchWorkerData();
if (worker) {
  const { serveFileRules } = await import('./rules/index.js');
  await serveFileRules(worker.shared as GateOptions);
} else {
  setWorkerEntry(fileURLToPath(import.meta.url));
  const { runCli } = await import('./cli.js');
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
}
