#!/usr/bin/env node
// The floor under any linter built on libpg-query's WASM: a process that only loads the parser and
// parses every file of a folder, in as many threads as the gate lints in, with no rule and no report.
// `tree` parses to the JSON tree that rules read; `check` parses without one (fingerprint), the least a
// syntax check can do. bench/static.mjs times it beside the gate and squawk.
// Usage: node bench/parser-floor.mjs <folder> tree|check [threads]

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

// The gate runs the parser on V8's baseline compiler (src/v8-tiers.ts): the floor does the same.
setFlagsFromString('--liftoff-only');

const [folder, mode, threadArg] = isMainThread ? process.argv.slice(2) : workerData.argv;

async function parseAll(files) {
  const pg = await import('libpg-query');
  await pg.loadModule();
  const parse = mode === 'tree' ? pg.parseSync : pg.fingerprintSync;
  let parsed = 0;
  for (const file of files) {
    try {
      parse(readFileSync(join(folder, file), 'utf8'));
      parsed++;
    } catch {
      // A syntax error costs the parse all the same.
    }
  }
  return parsed;
}

if (isMainThread) {
  if (!folder || !['tree', 'check'].includes(mode)) {
    console.error('usage: node bench/parser-floor.mjs <folder> tree|check [threads]');
    process.exit(2);
  }
  const threads = Number(threadArg ?? availableParallelism());
  const files = readdirSync(folder).filter((f) => f.endsWith('.sql'));
  const shares = Array.from({ length: threads }, (_, t) => files.filter((_, i) => i % threads === t));
  const workers = shares.slice(1).map(
    (share) =>
      new Promise((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { argv: [folder, mode], share } });
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  const counts = [await parseAll(shares[0]), ...(await Promise.all(workers))];
  // One line on stdout, so the bench's runner sees output.
  console.log(JSON.stringify({ files: files.length, parsed: counts.reduce((a, b) => a + b, 0), threads }));
} else {
  parentPort.postMessage(await parseAll(workerData.share));
}
