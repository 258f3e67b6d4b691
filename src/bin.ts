#!/usr/bin/env node
// The `migration-gate` executable: runs the CLI on this process's argv and sets the exit code. Started
// as a worker thread by the rule engine (src/rules/pool.ts), it serves file-rule batches instead; started
// as a parser's side worker (src/sql/side-parser.ts), it parses what overflowed another thread's stack.

import './dirname-shim.js';
import './v8-tiers.js';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { batchWorkerData, setWorkerEntry } from './rules/pool.js';
import type { GateOptions } from './options.js';

const worker = batchWorkerData();
// The side parser is imported by a side worker alone: imported by this entry, it would take split.ts, which the
// lint calls in its loops, out of the parser's chunk and into this one.
if ((workerData as { parserWorker?: unknown } | null)?.parserWorker) {
  const { serveParser } = await import('./sql/side-parser.js');
  await serveParser();
} else if (worker) {
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
