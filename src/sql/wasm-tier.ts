// The parser's WASM runs on V8's baseline compiler only: a lint spends less CPU parsing with baseline
// code than V8 spends optimising it in the background (PR case 1.0 → 0.5 s, whole corpus ~10% less).
// Imported before libpg-query by the CLI entry; the dry-run's engines get full tiering back.

import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');

/** Optimising tier back on, for WASM compiled from now on (PGlite runs long enough to pay for it). */
export function restoreWasmTierUp(): void {
  setFlagsFromString('--no-liftoff-only');
}
