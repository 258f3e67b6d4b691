// `node --import ./__tests__/deploy/ts-register.mjs child.mjs` runs a child against the TS sources.
import { register } from 'node:module';
register('./ts-hooks.mjs', import.meta.url);
