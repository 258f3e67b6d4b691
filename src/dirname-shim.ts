// Bundled, libpg-query's loader reads `__dirname` (absent in ES modules) to find its .wasm beside the
// bundle; this defines it from the bundle's own URL. Imported first by each entry point.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const g = globalThis as { __dirname?: string };
g.__dirname ??= dirname(fileURLToPath(import.meta.url));
