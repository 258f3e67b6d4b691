// A drizzle-kit migrations folder for tests: meta/_journal.json listing each tag in order, and its <tag>.sql beside it.

import type { Tree } from './repo.js';

/** The journal's first `when`: each later entry is a day after the one before. */
export const FIRST_WHEN = 1718000000000;
const DAY = 86400000;

/** A journal as drizzle-kit writes it, one entry per [tag, when]. */
export function journalWith(entries: Array<[string, number]>, dialect = 'postgresql'): string {
  return JSON.stringify(
    { version: '7', dialect, entries: entries.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true })) },
    null,
    2,
  );
}

/** A journal as drizzle-kit writes it, one entry per tag, a day apart. */
export function journal(tags: string[]): string {
  return journalWith(tags.map((tag, idx) => [tag, FIRST_WHEN + idx * DAY]));
}

/** A drizzle folder of `files` (tag → SQL), listed in the journal in their order. */
export function drizzleFolder(files: Record<string, string>): Tree {
  const tree: Tree = { 'drizzle/meta/_journal.json': journal(Object.keys(files)) };
  for (const [tag, sql] of Object.entries(files)) tree[`drizzle/${tag}.sql`] = sql;
  return tree;
}

/** The created_at drizzle stores for the journal's entry `idx`. */
export function whenOf(idx: number): string {
  return String(FIRST_WHEN + idx * DAY);
}
