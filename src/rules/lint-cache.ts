// The lint cache (opt-in, like ESLint's --cache): what the file rules found in each migration, kept
// on disk and reused while the file, the build, the options that reach the rules and the earlier files
// they consulted are unchanged. The file rules are pure functions of those, so a hit is exactly what a
// fresh lint would say.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { Directives } from './directives.js';
import type { FileLint } from './rule.js';
import type { EarlierMigrations } from './idempotency/earlier.js';
import { TOOL_VERSION } from '../version.js';
import { warn } from '../warnings.js';
import { writeAtomically } from '../atomic-file.js';
import { hexDigest } from '../checksum/digest.js';
import { fillsOf } from '../config/runner-placeholders.js';
import { placeholderRegex, type Fill } from '../sql/placeholders.js';

/** scripts/build.mjs replaces this with a hash of src/ and the lock file: another build, another cache. */
export const BUILD_ID = '@@migration-gate-build-id@@';

const CACHE_FILE = 'lint-v1.json';

interface StoredDirectives {
  file: string[];
  statements: Array<{ line: number; endLine: number; rules: string[] }>;
}

interface Entry {
  hash: string;
  drafts: Draft[];
  directives: StoredDirectives | null;
  /** The words the rules looked up in the earlier migrations, and a digest of the earlier files that have one (EarlierMigrations.digest). */
  earlier?: { terms: string[]; digest: string };
}

interface Stored {
  tool: string;
  options: string;
  files: Record<string, Entry>;
}

const sha256 = (text: string) => hexDigest('sha256', text);

/**
 * The options that can change what a file rule says. Everything else is in the digest, so an option
 * added later invalidates the cache until it is listed here as one the file rules never read.
 * Placeholder values are keyed file by file, as filled (migrationHash): a value, configured or built
 * in (Flyway's from the search path and history table), reaches only the files that use it.
 */
function optionsDigest(options: GateOptions): string {
  const { root, folders, base, mode, all, dryRun, failOn, history, checksum, apply, cache, rules, placeholders, ...rest } = options;
  // Severities are applied after the rules run; only which rules run reaches them.
  const off = Object.entries(rules).filter(([, setting]) => setting === 'off').map(([rule]) => rule).sort();
  // The search_path decides which schema an unqualified name stands for (non-idempotent reads it).
  return sha256(JSON.stringify({ ...rest, off, searchPath: dryRun.searchPath }));
}

/** Everything the rules read of a migration: all of it but the raw bytes, whose text is `sql`, and how its placeholders are filled. */
function migrationHash(m: Migration, fills: Fill[]): string {
  const { bytes, sql, ...fields } = m;
  return sha256(`${JSON.stringify(fields)}\0${JSON.stringify(fills)}\0${sql}`);
}

export class LintCache {
  private readonly file: string;
  private readonly stored: Stored;
  private changed = false;
  /** Each migration is hashed once: a miss is looked up, then stored. */
  private readonly hashes = new WeakMap<Migration, string>();
  private readonly regex: RegExp | null;

  private constructor(
    private readonly dir: string,
    private readonly options: GateOptions,
    found: Stored | null,
  ) {
    this.file = join(dir, CACHE_FILE);
    const tool = `${TOOL_VERSION}+${BUILD_ID}`;
    const digest = optionsDigest(options);
    const usable = found?.tool === tool && found.options === digest && typeof found.files === 'object' && found.files !== null;
    this.stored = usable ? found : { tool, options: digest, files: {} };
    this.changed = !usable && found !== null;
    this.regex = placeholderRegex(options.placeholderPatterns);
  }

  /** The cache in `dir`; an unreadable or foreign file reads as empty and is replaced on save. */
  static open(dir: string, options: GateOptions): LintCache {
    let found: Stored | null = null;
    try {
      found = JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8')) as Stored;
    } catch {
      // No cache yet, or not one this version can read: start afresh.
    }
    return new LintCache(dir, options, found);
  }

  /** What the file rules found in `m` last time, when nothing they read (of it, and of the `earlier` files) has changed since. */
  get(m: Migration, earlier: EarlierMigrations): FileLint | null {
    const entry = this.stored.files[m.file];
    if (!entry || entry.hash !== this.hashOf(m) || !Array.isArray(entry.drafts)) return null;
    if (entry.earlier && (!Array.isArray(entry.earlier.terms) || entry.earlier.digest !== earlier.digest(m.file, entry.earlier.terms))) return null;
    return { file: m.file, drafts: entry.drafts, directives: entry.directives && reviveDirectives(entry.directives) };
  }

  put(m: Migration, lint: FileLint, earlier: EarlierMigrations): void {
    const entry: Entry = { hash: this.hashOf(m), drafts: lint.drafts, directives: lint.directives && storeDirectives(lint.directives) };
    const terms = lint.earlierTerms;
    if (terms) entry.earlier = { terms, digest: earlier.digest(m.file, terms) };
    this.stored.files[m.file] = entry;
    this.changed = true;
  }

  private hashOf(m: Migration): string {
    let hash = this.hashes.get(m);
    if (hash === undefined) this.hashes.set(m, (hash = migrationHash(m, fillsOf(m, this.options, this.regex))));
    return hash;
  }

  /**
   * Writes the cache when it changed, keeping the entries of `present` files only. Written whole or not
   * at all (writeAtomically), so a reader never sees half a cache; a failure only costs the speed-up.
   */
  save(present: Migration[]): void {
    const keep = new Set(present.map((m) => m.file));
    for (const file of Object.keys(this.stored.files)) {
      if (!keep.has(file)) {
        delete this.stored.files[file];
        this.changed = true;
      }
    }
    if (!this.changed) return;
    try {
      if (!existsSync(this.dir)) {
        mkdirSync(this.dir, { recursive: true });
        // A folder of our own: keep it out of `git status`, as ruff and pytest do with theirs.
        writeFileSync(join(this.dir, '.gitignore'), '# written by migration-gate: a lint cache, safe to delete\n*\n');
      }
      writeAtomically(this.file, JSON.stringify(this.stored));
      this.changed = false;
    } catch (e) {
      warn(`the lint cache was not saved in ${this.dir} (${(e as Error).message}); the findings are complete without it`);
    }
  }
}

function storeDirectives(d: Directives): StoredDirectives {
  return { file: [...d.file], statements: d.statements.map((s) => ({ ...s, rules: [...s.rules] })) };
}

function reviveDirectives(d: StoredDirectives): Directives {
  return { file: new Set(d.file), statements: d.statements.map((s) => ({ ...s, rules: new Set(s.rules) })) };
}
