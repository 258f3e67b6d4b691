// Builds dist/: the Action (dist/index.js) and the CLI (dist/cli.js) as ncc bundles that run from a
// folder holding dist/ alone, plus the WASM and data files those bundles load at run time.

import ncc from '@vercel/ncc';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');

const entries = [
  { input: 'src/action.ts', output: 'index.js' },
  { input: 'src/bin.ts', output: 'cli.js' },
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const entry of entries) {
  const { code, assets } = await ncc(join(root, entry.input), {
    quiet: true,
    minify: false,
    sourceMap: false,
    target: 'es2022',
    cache: false,
  });
  writeFileSync(join(out, entry.output), code);
  for (const [name, asset] of Object.entries(assets ?? {})) {
    const target = join(out, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, asset.source);
  }
}

// libpg-query reads its .wasm beside the running script; ncc does not copy it.
copyFileSync(join(root, 'node_modules/libpg-query/wasm/libpg-query.wasm'), join(out, 'libpg-query.wasm'));
console.log(`built ${readdirSync(out).join(', ')}`);
