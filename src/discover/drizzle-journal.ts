// drizzle-kit's journal, meta/_journal.json in the migrations folder: the list of migrations drizzle-orm's migrate() runs,
// in its order. readMigrationFiles reads each entry's `<tag>.sql` beside it and fails on one it cannot read; the entry's
// `when` is what the history table's created_at records, and what decides whether a migration runs at all.

import { posix } from 'node:path';
import type { Draft } from '../report/finding.js';
import { UserError } from '../errors.js';
import type { ParsedName, RefusedName } from './naming.js';
import type { FolderListing } from './classify.js';
import { inFolder, pathIn } from '../migration.js';

/** The folder beside the migrations where drizzle-kit keeps its journal (and its schema snapshots). */
export const DRIZZLE_META = 'meta';
export const DRIZZLE_JOURNAL = `${DRIZZLE_META}/_journal.json`;

export interface JournalEntry {
  /** Its place in the journal. */
  index: number;
  tag: string;
  /** Epoch milliseconds: drizzle's folderMillis, stored as created_at. */
  when: number;
}

/** The journal's entries, or why drizzle cannot read it (in its own failure's terms). */
export type Journal = { entries: JournalEntry[] } | { problem: string };

/** Whether a listed path is the journal of `folder`. */
export function isDrizzleJournal(folder: string, path: string): boolean {
  return path === journalPath(folder);
}

/**
 * Reads the journal as readMigrationFiles does: JSON.parse, then every entry of `entries` in order, its tag naming the file
 * and its `when` the time. A journal for another database is refused: its SQL is not PostgreSQL's.
 */
export function readJournal(bytes: Buffer, path: string): Journal {
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Two branches that each add a migration leave git's markers in the journal more often than anything else.
    const conflict = /^<{7}(?: |$)/m.exec(text);
    if (conflict) return { problem: `it holds an unresolved merge conflict (line ${lineAt(text, conflict.index)})` };
    const at = /at position (\d+)/.exec((e as Error).message);
    return { problem: `it is not valid JSON${at ? ` (line ${lineAt(text, Number(at[1]))})` : ''}` };
  }
  const journal = json as { dialect?: unknown; entries?: unknown } | null;
  const dialect = journal?.dialect;
  if (typeof dialect === 'string' && dialect !== 'postgresql' && dialect !== 'pg') {
    throw new UserError(`${path} is a drizzle journal for ${dialect}, not PostgreSQL; migration-gate checks PostgreSQL migrations: give it the folder of a PostgreSQL drizzle project`);
  }
  if (!Array.isArray(journal?.entries)) return { problem: 'it has no `entries` list' };
  const entries: JournalEntry[] = [];
  for (const [i, entry] of (journal.entries as unknown[]).entries()) {
    const { tag, when } = (entry ?? {}) as { tag?: unknown; when?: unknown };
    if (typeof tag !== 'string' || tag === '' || tag.includes('/')) return { problem: `entry ${i} has no file tag` };
    if (typeof when !== 'number' || !Number.isSafeInteger(when)) return { problem: `entry ${i} (${tag}) has no \`when\` time in milliseconds` };
    entries.push({ index: i, tag, when });
  }
  return { entries };
}

/** A listed migration as drizzle knows it: its version the `when` (created_at in the history table), its name the tag. */
export function journalName(entry: JournalEntry): ParsedName {
  return { scheme: 'sequential', kind: 'versioned', version: String(entry.when), name: entry.tag };
}

/** The journal of migrations folder `folder`. */
export function journalPath(folder: string): string {
  return inFolder(folder, DRIZZLE_JOURNAL);
}

/** How a migration gets above `when` in drizzle's eyes: its entry's `when`, edited in the journal (no rename helps). */
export function whenFix(journal: string, tag: string, when: number): string {
  return `In ${journal}, set the "when" of ${tag} above ${when} (e.g. ${when + 1})`;
}

/** The file a journal entry names: `<tag>.sql` in the migrations folder. */
function tagFile(folder: string, tag: string): string {
  return inFolder(folder, `${tag}.sql`);
}

/** The journal in a folder's listing, read, and matched with the folder's .sql files; null where the folder has none. */
export function journalOf(listing: FolderListing): JournalReading | null {
  const source = listing.files.find((f) => isDrizzleJournal(listing.folder, f.path));
  if (!source) return null;
  const journal = source.bytes ? readJournal(source.bytes, source.path) : { problem: source.problem!.message };
  const direct = listing.files.filter((f) => f.path.endsWith('.sql') && !pathIn(listing.folder, f.path)!.includes('/'));
  return matchJournal(listing.folder, source.path, journal, direct.map((f) => f.path));
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** What a journal that lists its migrations makes of the folder's files: each listed file's entry, and findings for the rest. */
export interface JournalReading {
  /** Whether drizzle can read the journal: if not, it runs nothing, and the files are read by their names alone. */
  readable: boolean;
  /** The entry of each .sql file the journal lists, by path. */
  entryOf: Map<string, JournalEntry>;
  findings: Draft[];
  refusedNames: RefusedName[];
}

/**
 * Matches the journal at `path` with the .sql files directly in `folder` (`sqlPaths`): an entry without its file fails
 * migrate() before it runs anything; a file no entry names is never run; an entry whose `when` is not above every one before
 * it is passed over by a database that applied those (dialect.ts migrate() compares it with the newest created_at only).
 */
export function matchJournal(folder: string, path: string, journal: Journal, sqlPaths: string[]): JournalReading {
  const out: JournalReading = { readable: !('problem' in journal), entryOf: new Map(), findings: [], refusedNames: [] };
  const refuse = (message: string, refused: string, fix: string) => {
    out.findings.push({ rule: 'unreadable-file', file: path, line: 0, column: 0, message, suggestion: fix });
    out.refusedNames.push({ folder, file: path, refused, fix, reason: message });
  };
  if ('problem' in journal) {
    refuse(
      `drizzle cannot read ${path}: ${journal.problem}, so \`drizzle-kit migrate\` (and migrate()) fails before it applies any migration`,
      `cannot read ${DRIZZLE_JOURNAL}: ${journal.problem}`,
      'restore the journal drizzle-kit wrote (`git checkout` it, or resolve its merge conflict keeping every entry), then run `drizzle-kit check`',
    );
    return out;
  }
  const files = new Set(sqlPaths);
  const listed = new Set(journal.entries.map((e) => tagFile(folder, e.tag)));
  for (const file of sqlPaths) {
    if (listed.has(file)) continue;
    out.findings.push({
      rule: 'invalid-name',
      file,
      line: 0,
      column: 0,
      message: `${posix.basename(file)} is not in ${path}: drizzle runs only the migrations its journal lists, so it never applies this file`,
      suggestion: 'make migrations with `drizzle-kit generate` (`drizzle-kit generate --custom` for one written by hand), which writes the journal entry; or move the file out of the folder',
    });
  }
  let newest: JournalEntry | null = null;
  for (const entry of journal.entries) {
    const file = tagFile(folder, entry.tag);
    if (out.entryOf.has(file)) {
      out.findings.push({
        rule: 'duplicate-version',
        file: path,
        line: 0,
        column: 0,
        message: `${path} lists ${entry.tag} twice: drizzle runs ${posix.basename(file)} once for each entry, and the second run fails on what the first made`,
        suggestion: `remove the second ${entry.tag} entry from ${path}`,
      });
      continue;
    }
    if (!files.has(file)) {
      const refused = `No file ${file} found in ${folder} folder`;
      refuse(
        `${path} lists ${entry.tag}, but ${posix.basename(file)} is not in ${folder}: drizzle's migrate() fails with "${refused}" before it applies any migration`,
        refused,
        `restore ${posix.basename(file)}, or remove its entry from ${path} (\`drizzle-kit drop\` removes both)`,
      );
      continue;
    }
    out.entryOf.set(file, entry);
    if (newest && entry.when <= newest.when) {
      out.findings.push({
        rule: 'out-of-order',
        severity: 'error',
        file,
        line: 0,
        column: 0,
        message:
          `${posix.basename(file)} comes after ${newest.tag} in ${path}, but its \`when\` (${entry.when}) is not above ${newest.tag}'s (${newest.when}): ` +
          `drizzle's migrate() runs a migration only when its \`when\` is above that of the newest one applied before the run, so a database that ` +
          `applied ${newest.tag} in an earlier run never applies ${posix.basename(file)}, and says nothing; one that gets both in one run applies both.`,
        suggestion: `${whenFix(path, entry.tag, newest.when)}, before any database applies ${newest.tag} without it.`,
      });
    }
    if (!newest || entry.when > newest.when) newest = entry;
  }
  return out;
}
