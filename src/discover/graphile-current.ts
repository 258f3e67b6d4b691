// graphile-migrate's work in progress: current.sql, or the .sql files of current/ ("current directory" mode), beside
// committed/. `graphile-migrate watch` runs it after the committed migrations and again on every save, so it must be
// idempotent; `graphile-migrate commit` signs it into committed/, and `migrate` never runs it. Read as graphile-migrate's
// current.ts reads it (getCurrentMigrationLocation, readCurrentMigration): current/'s files joined into one body, which
// runs as one query; it has no version, and is no part of the set.

import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Draft, Finding } from '../report/finding.js';
import type { DryRun } from '../report/report.js';
import { inFolder, type Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { SourceFile } from './classify.js';
import { decodeSql } from './decode.js';
import { readSource } from './files.js';
import { readHeaders, repeatedHeader, type Header } from './graphile.js';
import { commitRefusals } from './graphile-commit.js';

/** current/'s file names (migrationFilename.ts VALID_FILE_REGEX): a number, then an optional `-message`. */
const CURRENT_NAME = /^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$/;

/** writeCurrentMigration's split line: where it cuts the body it writes back into current/, and the file it starts there. */
const SPLIT_LINE = /^--! split: ([0-9]+(?:-[-_a-zA-Z0-9]+)?\.sql)$/;

/** header.ts isNoTransactionDefined: the first line of the text. */
const NO_TRANSACTION = /^--!\s*no-transaction\b/;

/** migration.ts compileIncludes: a line `--!include <path>.sql`, the path inside the fixtures folder. */
const INCLUDE = /^--![ \t]*include[ \t]+(.*\.sql)[ \t]*$/gm;

/** compileIncludes refuses the markers `commit` writes around an included file anywhere in a file it expands. */
const MARKER = /--!\s*(End)?Included?/;

/** Where graphile-migrate keeps the work in progress of a checked folder, and the fixtures it includes: null unless the folder is a `committed/`. */
export function currentPaths(folder: string): { file: string; dir: string; fixtures: string } | null {
  if (posix.basename(folder) !== 'committed') return null;
  const parent = posix.dirname(folder);
  const at = (name: string) => inFolder(parent, name);
  return { file: at('current.sql'), dir: at('current'), fixtures: at('fixtures') };
}

/** How graphile-migrate's messages name the current migration a file belongs to: current.sql, or current/. */
export function currentName(file: string): string {
  return posix.basename(file) === 'current.sql' ? 'current.sql' : 'current/';
}

/**
 * What is there of the work in progress: current.sql, and the files of current/ that graphile-migrate reads (null: no
 * such folder); `misfit`, a current.sql that is no file or a current that is no folder, which graphile-migrate refuses.
 */
export interface CurrentListing {
  file: SourceFile | null;
  dir: SourceFile[] | null;
  misfit?: { path: string; not: 'file' | 'directory' };
}

/** The work in progress as it is on disk under `root`. */
export function listCurrent(root: string, paths: { file: string; dir: string }): CurrentListing {
  const realRoot = realpathSync(root);
  const read = (path: string) => readSource(realRoot, join(root, path), path);
  // getCurrentMigrationLocation stats both (links followed), and judges the file first.
  const stat = (path: string) => (existsSync(join(root, path)) ? statSync(join(root, path)) : null);
  const [fileStat, dirStat] = [stat(paths.file), stat(paths.dir)];
  const file = fileStat?.isFile() ? read(paths.file) : null;
  const dir = dirStat?.isDirectory() ? readdirSync(join(root, paths.dir)).filter(readsName).sort().map((name) => read(`${paths.dir}/${name}`)) : null;
  if (fileStat && !fileStat.isFile()) return { file, dir, misfit: { path: paths.file, not: 'file' } };
  if (dirStat && !dirStat.isDirectory()) return { file, dir, misfit: { path: paths.dir, not: 'directory' } };
  return { file, dir };
}

/** graphile-migrate's fixtures folder, where `--!include` paths start. */
export interface Fixtures {
  /** Repo-relative path of the folder, links followed (compileIncludes takes its realpath). */
  dir: string;
  exists: boolean;
  /** The repo-relative path `${dir}/${raw}` leads to, links followed, or null where nothing is there. */
  resolve(raw: string): string | null;
  read(path: string): Buffer;
}

/** The fixtures folder `dir` as it is on disk under `root`. */
export function diskFixtures(root: string, dir: string): Fixtures {
  const realRoot = realpathSync(root);
  const real = (path: string) => {
    try {
      return relative(realRoot, realpathSync(path)).split(sep).join('/');
    } catch {
      return null;
    }
  };
  const folder = real(join(root, dir));
  return {
    dir: folder ?? dir,
    exists: folder !== null,
    resolve: (raw) => (folder === null ? null : real(join(realRoot, folder, raw))),
    read: (path) => readFileSync(join(realRoot, path)),
  };
}

/** Where a line of the text graphile-migrate runs was written: its file and line, the columns trimmed off its start, and the include it came by. */
export interface SourceLine {
  file: string;
  line: number;
  shift: number;
  /** `file:line` of the `--!include` in the current migration's own file that brought it in; null for that file's own lines. */
  via: string | null;
}

/** Why graphile-migrate refuses to expand a file's includes, in its words, and where. */
interface IncludeRefusal {
  file: string;
  line: number;
  said: string;
  fix: string;
}

/** Text built piece by piece, each line with the place its first piece was written. */
class WrittenText {
  readonly lines: string[] = [''];
  readonly from: Array<SourceLine | null> = [null];

  /** Appends `text`, whose lines (split at `\n`) were written at `from`. */
  add(text: string, from: SourceLine[]): void {
    text.split('\n').forEach((part, i) => {
      if (i > 0) {
        this.lines.push('');
        this.from.push(null);
      }
      const at = this.lines.length - 1;
      this.lines[at] += part;
      this.from[at] ??= from[i]!;
    });
  }
}

/**
 * `text` of `file` with its `--!include`s expanded as compileIncludes expands them (graphile/migrate src/migration.ts):
 * each such line becomes the fixture's text (its own includes expanded, trimmed) between `--! Included <path>` and
 * `--! EndIncluded <path>`, and a fixture that includes itself again is refused; with the place each line was written.
 * `chain` holds the files that include this one, `via` the include line of the current migration's own file that
 * brought it in.
 */
function compileIncludes(text: string, file: string, fixtures: Fixtures, chain: string[], via: string | null): { text: string; lines: SourceLine[] } | IncludeRefusal {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const marker = MARKER.exec(text);
  if (marker) {
    return {
      file,
      line: lineOf(marker.index),
      said: '`--! Included` / `--! EndIncluded` comments not allowed in user migrations. Use `--!include` instead.',
      fix: 'write `--!include <path>` (the Included and EndIncluded markers are what `graphile-migrate commit` writes around a fixture)',
    };
  }
  const own = (line: number): SourceLine => ({ file, line, shift: 0, via });
  const lines = (piece: string, from: number) => piece.split('\n').map((_, k) => own(lineOf(from) + k));
  const matches = [...text.matchAll(INCLUDE)];
  if (matches.length === 0) return { text, lines: lines(text, 0) };
  const refuse = (at: RegExpMatchArray, said: string, fix: string): IncludeRefusal => ({ file, line: lineOf(at.index!), said, fix });
  if (!fixtures.exists) {
    return refuse(matches[0]!, `File contains '--!include' but fixtures folder '${fixtures.dir}' doesn't exist?`, `keep the included files in ${fixtures.dir}/, beside committed/`);
  }
  // Every include is checked, in the order written, before any fixture is read.
  const paths: string[] = [];
  for (const match of matches) {
    const raw = match[1]!;
    const path = fixtures.resolve(raw);
    if (path === null) return refuse(match, `Include of '${raw}' failed because '${fixtures.dir}/${raw}' doesn't seem to exist?`, `add ${fixtures.dir}/${raw}, or correct the path: it starts in ${fixtures.dir}/`);
    if (chain.includes(path)) {
      const trace = [...chain].reverse().join(', ');
      return refuse(match, `Circular include detected - '${path}' is included again! Import statement: \`${match[0]}\`; trace: ${trace}`, `remove this include: ${path} would include itself`);
    }
    if (posix.relative(fixtures.dir, path).startsWith('..')) {
      return refuse(match, `Forbidden: cannot include path '${path}' because it's not inside '${fixtures.dir}'`, `move the file into ${fixtures.dir}/ and include it from there`);
    }
    paths.push(path);
  }
  const out = new WrittenText();
  let end = 0;
  for (const [i, match] of matches.entries()) {
    const [path, site] = [paths[i]!, own(lineOf(match.index!))];
    out.add(text.slice(end, match.index), lines(text.slice(end, match.index), end));
    let included: string;
    try {
      included = fixtures.read(path).toString('utf8');
    } catch (e) {
      return refuse(match, (e as Error).message, `make ${path} a readable file`);
    }
    const inner = compileIncludes(included, path, fixtures, [...chain, path], via ?? `${file}:${site.line}`);
    if (!('text' in inner)) return inner;
    const body = trimmed(inner);
    out.add(`--! Included ${match[1]}\n${body.text}\n--! EndIncluded ${match[1]}`, [site, ...body.lines, site]);
    end = match.index! + match[0].length;
  }
  out.add(text.slice(end), lines(text.slice(end), end));
  return { text: out.lines.join('\n'), lines: out.from.map((f) => f!) };
}

/** `text` trimmed, with the places of its lines: those trim takes off both ends go, and the columns off the first one left. */
function trimmed({ text, lines }: { text: string; lines: SourceLine[] }): { text: string; lines: SourceLine[] } {
  const lead = text.slice(0, text.length - text.trimStart().length).split('\n');
  const body = text.trim();
  const kept = lines.slice(lead.length - 1, lead.length - 1 + body.split('\n').length);
  kept[0] = { ...kept[0]!, shift: kept[0]!.shift + lead[lead.length - 1]!.length };
  return { text: body, lines: kept };
}

/** A file's own lines, where nothing was included. */
function ownLines(text: string, file: string): SourceLine[] {
  return text.split('\n').map((_, i) => ({ file, line: i + 1, shift: 0, via: null }));
}

/** One file of current/ as readCurrentMigration reads it (parseMigrationText): its header lines, and its body trimmed. */
interface CurrentPart {
  name: string;
  headers: Array<[string, SourceLine]>;
  body: { text: string; lines: SourceLine[] };
}

/** A file of current/, its includes expanded: its header lines (`headers`, which parseMigrationText lifts off its top) serialized again, and the rest trimmed. */
function currentPart(name: string, compiled: { text: string; lines: SourceLine[] }, read: Header[]): CurrentPart {
  const lines = compiled.text.split('\n');
  const split = read.length;
  // serializeHeader: `--! Key`, and `: value` where it has one.
  const headers = read.map((h): [string, SourceLine] => [`--! ${h.key}${h.value ? `: ${h.value}` : ''}`, compiled.lines[h.index]!]);
  const rest = compiled.lines.slice(split);
  return { name, headers, body: trimmed({ text: lines.slice(split).join('\n'), lines: rest.length ? rest : [compiled.lines.at(-1)!] }) };
}

/**
 * current/'s files joined into the one body readCurrentMigration gives `watch` (graphile/migrate src/current.ts), which
 * runs it as one query: each body after a `--! split: <name>` line, a blank line between two, and every file's headers
 * on top; with the place each line was written (a split line is told as its file's first, a blank one as the file before).
 */
function joinCurrent(parts: CurrentPart[]): { text: string; lines: SourceLine[] } {
  const joined: Array<[string, SourceLine]> = [];
  for (const [i, part] of parts.entries()) {
    const first = part.body.lines[0]!;
    if (i > 0) joined.push(['', joined.at(-1)![1]]);
    joined.push([`--! split: ${part.name}`, first]);
    part.body.text.split('\n').forEach((l, k) => joined.push([l, part.body.lines[k]!]));
  }
  const headers = parts.flatMap((p) => p.headers);
  const all = headers.length ? [...headers, ['', headers.at(-1)![1]] as [string, SourceLine], ...joined] : joined;
  // The body ends with a line break: its last, empty line is the end of the last file.
  all.push(['', all.at(-1)![1]]);
  return { text: all.map(([l]) => l).join('\n'), lines: all.map(([, at]) => at) };
}

/** A name's number in current/ as migrationFilename.ts idFromFilename reads it, or its refusal in its words. */
function currentId(name: string): { id: number } | { said: string } {
  const raw = CURRENT_NAME.exec(name)?.[1];
  if (raw === undefined) {
    return {
      said: `Invalid current migration filename: '${name}'. File must follow the naming 001.sql or 001-message.sql, where 001 is a unique number (with optional zero padding) and message is an optional alphanumeric string.`,
    };
  }
  const id = parseInt(raw, 10);
  if (!id || !isFinite(id)) return { said: `Invalid current migration filename: '${name}'. File must start with a (positive) number, could not coerce '${raw}' to int.` };
  return { id };
}

/**
 * Why writeCurrentMigration stops half-way, in its words, where it cuts the body it writes back into current/ at split
 * lines naming `names` in turn (each file's number must be above the one before); null where it writes them all.
 */
function splitRefusal(names: string[]): string | null {
  let [highest, from] = [0, ''];
  for (const name of names) {
    const read = currentId(name);
    if ('said' in read) return read.said;
    if (read.id <= highest) return `Bad migration, split ids must be monotonically increasing, but '${read.id}' (from '${name}') <= '${highest}' (from '${from}').`;
    [highest, from] = [read.id, name];
  }
  return null;
}

/**
 * The `--! split: <file>` lines written in current/'s files (`sources`, in the order graphile-migrate joins them): it writes
 * one itself before each file, and `uncommit`, or a `commit` that fails, writes current/ back by cutting the body at
 * every such line, so there one more cuts a file in two, or stops the write half-way.
 */
function strayCuts(sources: Array<{ path: string; text: string }>): Draft[] {
  const cuts = sources.map(({ path, text }) => ({
    path,
    stray: text.split('\n').flatMap((l, i) => {
      const name = SPLIT_LINE.exec(l)?.[1];
      return name ? [{ name, line: i + 1 }] : [];
    }),
  }));
  if (!cuts.some((c) => c.stray.length)) return [];
  const stops = splitRefusal(cuts.flatMap((c) => [posix.basename(c.path), ...c.stray.map((s) => s.name)]));
  return cuts.flatMap(({ path, stray }) =>
    stray.map(({ name, line }) => ({
      rule: 'syntax-error' as const,
      file: path,
      line,
      column: 1,
      message:
        `\`--! split: ${name}\` is the line graphile-migrate writes before each file of current/ when it joins them: ` +
        '`graphile-migrate uncommit`, and a `commit` that fails, write current/ back by cutting the body at each such line, so ' +
        (stops ? `at this one they stop half-way ("${stops}") and current/ is not written back as it was.` : `this one would cut ${posix.basename(path)} in two, the lines below it going to a new file ${name}.`),
      suggestion: 'remove this line: graphile-migrate writes the `--! split` lines itself (to make a file of the SQL below it, move that SQL into a new file of current/)',
    })),
  );
}

/** Whether readCurrentMigration reads a name in current/: it leaves out dot files and names not ending in `.sql`. */
export function readsName(name: string): boolean {
  return !name.startsWith('.') && name.endsWith('.sql');
}

/** The current migration (none, or one), what graphile-migrate refuses, and where the lines of a text not as written (includes, current/ joined) were. */
export interface CurrentMigration {
  migrations: Migration[];
  /** Those on the text watch runs are at its lines, which atWrittenLines moves to where they were written. */
  findings: Draft[];
  written: Map<string, SourceLine[]>;
}

/**
 * The work in progress of the committed folder `folder` as the one migration of kind `current` that graphile-migrate
 * runs: current.sql, or current/'s files joined in the order of their numbers as values (its `file` the folder), their
 * `--!include`s of `fixtures` expanded (none without), with what `commit` (which numbers its file after the last of the
 * names `committed`) or `uncommit` would refuse in it though `watch` runs it; or the finding that says why
 * graphile-migrate refuses to read it, and so `watch` runs none of it.
 */
export function classifyCurrent(folder: string, listing: CurrentListing, fixtures?: Fixtures, committed: string[] = []): CurrentMigration {
  const { file, dir, misfit } = listing;
  const written = new Map<string, SourceLine[]>();
  const refuse = (at: string, line: number, said: string, fix: string, rule: Draft['rule'] = 'unreadable-file') => ({
    migrations: [],
    findings: [{ rule, file: at, line, column: line ? 1 : 0, message: `graphile-migrate refuses to read its current migration, so \`graphile-migrate watch\` runs none of it: "${said}"`, suggestion: fix }],
    written,
  });
  if (misfit?.not === 'file') {
    return refuse(misfit.path, 0, `'${misfit.path}' exists but is not a file.`, 'graphile-migrate reads current.sql as a file: remove this folder, or move its SQL into current/ as 001.sql, 002-message.sql, …');
  }
  if (misfit) {
    return refuse(misfit.path, 0, `'${misfit.path}' exists but is not a directory.`, 'graphile-migrate reads current as a folder of 001.sql, 002-message.sql, …: remove this file, or move its SQL into current.sql');
  }
  if (file && dir) {
    return refuse(file.path, 0, `Invalid current migration: both the '${file.path}' file and the '${posix.dirname(file.path)}/current' directory exist; only one of these may exist at a time.`, 'keep current.sql or current/, not both');
  }
  const sources = file ? [file] : (dir ?? []);
  const ids = new Map<number, SourceFile>();
  for (const source of dir ?? []) {
    const name = posix.basename(source.path);
    const read = currentId(name);
    if ('said' in read) return refuse(source.path, 0, read.said, 'name it 001.sql or 001-message.sql (a number from 1; letters, digits, `-` and `_` after it)', 'invalid-name');
    const { id } = read;
    const twin = ids.get(id);
    if (twin) {
      return refuse(
        source.path,
        0,
        `Current migration filename clash: files must have a unique numeric prefix, but at least 2 files ('${name}' and '${posix.basename(twin.path)}') have the prefix '${id}'.`,
        `give one of them another number: graphile-migrate runs current/'s files in the order of their numbers`,
        'invalid-name',
      );
    }
    ids.set(id, source);
  }
  const ordered = file ? sources : [...ids.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
  const parts: CurrentPart[] = [];
  const texts: Array<{ path: string; text: string }> = [];
  for (const source of ordered) {
    if (source.problem) return refuse(source.path, 0, source.problem.message, source.problem.fix);
    const bytes = source.bytes!;
    const decoded = decodeSql(bytes);
    if (!decoded.ok) return refuse(source.path, decoded.line, `${posix.basename(source.path)} ${decoded.problem}`, decoded.fix);
    // readCurrentMigration expands each file's includes first, then reads its headers and `--! no-transaction`.
    const compiled = fixtures ? compileIncludes(decoded.text, source.path, fixtures, [source.path], null) : { text: decoded.text, lines: ownLines(decoded.text, source.path) };
    if (!('text' in compiled)) return refuse(compiled.file, compiled.line, compiled.said, compiled.fix);
    if (file) {
      if (compiled.text !== decoded.text) written.set(source.path, compiled.lines);
      // current.sql is no committed file: runStringMigration reads `--! no-transaction` on its very first line, headers or not.
      const noTransaction = NO_TRANSACTION.test(compiled.text.split('\n')[0]!);
      const findings = commitRefusals(source.path, currentName(source.path), compiled.text, committed);
      return { migrations: [currentMigration(source.path, folder, bytes, compiled.text, !noTransaction)], findings, written };
    }
    const headers = readHeaders(compiled.text.split('\n'));
    if (headers.repeated) {
      const { key, index } = headers.repeated;
      return refuse(source.path, compiled.lines[index]!.line, repeatedHeader(source.path, key), `keep one \`--! ${key}\` line: graphile-migrate reads a header once in a file`);
    }
    const part = currentPart(posix.basename(source.path), compiled, headers.headers);
    if (NO_TRANSACTION.test(part.body.text.split('\n')[0]!)) {
      return refuse(
        source.path,
        part.body.lines[0]!.line,
        `Error in '${source.path}': cannot use '--! no-transaction' with 'current/' directory migrations; use 'current.sql' instead.`,
        'move the work in progress to current.sql, whose very first line may be `--! no-transaction`',
      );
    }
    parts.push(part);
    texts.push({ path: source.path, text: decoded.text });
  }
  if (parts.length === 0) return { migrations: [], findings: [], written };
  // watch runs current/ as one body, one query: so it is one migration, told by the folder, each line where it was written.
  const dirPath = posix.dirname(ordered[0]!.path);
  const joined = joinCurrent(parts);
  written.set(dirPath, joined.lines);
  const findings = [...commitRefusals(dirPath, currentName(dirPath), joined.text, committed), ...strayCuts(texts)];
  return { migrations: [currentMigration(dirPath, folder, Buffer.from(joined.text), joined.text, true)], findings, written };
}

/** The current migration `path` (current.sql, or the folder current/) with `sql` the text watch runs. */
function currentMigration(path: string, folder: string, bytes: Buffer, sql: string, transactional: boolean): Migration {
  return {
    file: path,
    folder,
    version: '',
    name: posix.basename(path, '.sql'),
    scheme: 'graphile',
    kind: 'current',
    bytes,
    sql,
    lineOffset: 0,
    transactional,
    runnerWraps: transactional,
  };
}

/** graphile-migrate's work in progress beside each checked `committed/` folder, read from disk (PR mode and full lint only). */
export function discoverCurrent(options: GateOptions): CurrentMigration {
  const out: CurrentMigration = { migrations: [], findings: [], written: new Map() };
  if (options.preset !== 'graphile-migrate') return out;
  for (const folder of options.folders) {
    const paths = currentPaths(folder.path);
    if (!paths) continue;
    const committed = existsSync(join(options.root, folder.path)) ? readdirSync(join(options.root, folder.path)) : [];
    const found = classifyCurrent(folder.path, listCurrent(options.root, paths), diskFixtures(options.root, paths.fixtures), committed);
    out.migrations.push(...found.migrations);
    out.findings.push(...found.findings);
    found.written.forEach((lines, file) => out.written.set(file, lines));
  }
  return out;
}

/**
 * The findings on the text graphile-migrate runs of a current migration with includes, or of current/'s files joined,
 * moved to where each line was written: a file's own line, or an included fixture's, saying which include brought it in.
 * A fix goes with a finding only where its lines are one file's own (not a fixture's: that is shared), one after another.
 */
export function atWrittenLines(findings: Finding[], written: Map<string, SourceLine[]>): Finding[] {
  if (written.size === 0) return findings;
  return findings.map((f) => {
    const at = writtenPlace(written, f.file, f.line, f.column);
    if (!at) return f;
    const { fix, ...moved } = {
      ...f,
      file: at.file,
      line: at.line,
      column: at.column,
      message: at.via ? `${f.message} (${at.file} is included by the \`--!include\` at ${at.via})` : f.message,
    };
    if (!fix) return moved;
    const lines = written.get(f.file)!.slice(fix.line - 1, fix.endLine);
    const own = lines.length === fix.endLine - fix.line + 1 && lines.every((l, i) => l.via === null && l.file === at.file && l.line === lines[0]!.line + i && l.shift === 0);
    return own ? { ...moved, fix: { ...fix, line: lines[0]!.line, endLine: lines.at(-1)!.line } } : moved;
  });
}

/**
 * The dry-run's results with a current migration's error and the lines of its locks moved, as its findings are, to the
 * line they were written at; their `file` says where that is when it is not the migration's own (a file of current/, an
 * included fixture).
 */
export function runsAtWrittenLines(dryRun: DryRun, written: Map<string, SourceLine[]>): DryRun {
  if (written.size === 0) return dryRun;
  const migrations = dryRun.migrations.map((m) => {
    const place = (line: number, column: number) => {
      const at = writtenPlace(written, m.file, line, column);
      return at && { line: at.line, column: at.column, ...(at.file !== m.file ? { file: at.file } : {}) };
    };
    const error = m.error && place(m.error.line, m.error.column);
    const locks = m.locks.map((l) => {
      const at = l.line && place(l.line, 0);
      return at ? { ...l, line: at.line, ...(at.file ? { file: at.file } : {}) } : l;
    });
    return { ...m, ...(error ? { error: { ...m.error!, ...error } } : {}), locks };
  });
  return { ...dryRun, migrations };
}

/** Where line `line`, column `column` of the text run for `file` was written; null where that text is the file as written. */
function writtenPlace(written: Map<string, SourceLine[]>, file: string, line: number, column: number): (SourceLine & { column: number }) | null {
  const at = written.get(file)?.[line - 1];
  return at ? { ...at, column: column && column + at.shift } : null;
}
