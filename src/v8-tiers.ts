// A gate run is short: its JS runs each function a few thousand times at most and its WASM parses a few
// files, and V8's optimising compilers (TurboFan, for JS and for WASM) then spend more CPU in background
// threads than their code saves. Measured on the bench: the PR case 0.56 → 0.47 s of CPU without JS
// optimisation, the threaded whole-corpus lint 3.4 → 3.1 s; WASM on Liftoff alone, the PR case 1.0 → 0.5 s.
// Imported first by the CLI entry, on its main thread only (flags are the process's: workers get them);
// long runs turn the optimisers back on.

import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--no-turbofan');
}

/** JS optimisation back on: one thread linting hundreds of files runs its rules long enough to pay for it. */
export function optimiseJs(): void {
  setFlagsFromString('--turbofan');
}

/** Both optimisers back on, for code compiled from now on: a dry-run's engines (PGlite's WASM, pg) run long enough. */
export function optimiseAll(): void {
  setFlagsFromString('--no-liftoff-only');
  optimiseJs();
}
