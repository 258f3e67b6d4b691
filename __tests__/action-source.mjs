// The Action run from its TypeScript sources, no build: `runActionStep({ bundle: ACTION_SOURCE })` tests src/action.ts as it is.
import { register } from 'node:module';
register('./deploy/ts-hooks.mjs', import.meta.url);
await import('../src/action.js');
