// Atlas's migration directory as `atlas migrate apply` reads it (ariga/atlas sql/migrate/dir.go): every `*.sql` file directly
// in the folder, by name (LocalDir.Files), and atlas.sum beside them, which must agree with them before Atlas runs anything
// (Validate, called by migrateApplyRun). Its file directives (`-- atlas:txmode none`) sit in a header an empty line ends.

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Draft } from '../report/finding.js';
import type { FolderListing, SourceFile } from './classify.js';
import type { RefusedName } from './naming.js';
import { inFolder, pathIn } from '../migration.js';
import { compareText } from './version-order.js';

/** dir.go HashFileName. */
export const ATLAS_SUM = 'atlas.sum';

/** Whether a listed path is the atlas.sum of `folder`. */
export function isAtlasSum(folder: string, path: string): boolean {
  return pathIn(folder, path) === ATLAS_SUM;
}

/** dir.go reDirective, tried on a whole text from its start: `[ -~]` is printable ASCII, so it reads the first line only. */
const DIRECTIVE = /^([ -~]*)atlas:(\w+)(?: +([ -~]*))*/;

/** The argument of directive `name` at the start of `text` (dir.go directive), or null. */
function directive(text: string, name: string): string | null {
  const m = DIRECTIVE.exec(text);
  return m && m[2] === name ? (m[3] ?? '') : null;
}

/**
 * The file directives named `name` (LocalFile.Directive): the comment lines (`--` or `#` at the very start of a line) that
 * open the file, each trimmed, and only when an empty line follows them (comments(): "\n" must come next, so a CRLF file has none).
 */
export function fileDirectives(text: string, name: string): string[] {
  const comments: string[] = [];
  let rest = text;
  while (rest.startsWith('#') || rest.startsWith('--')) {
    const end = rest.indexOf('\n');
    if (end < 0) return [];
    comments.push(rest.slice(0, end).trim());
    rest = rest.slice(end + 1);
  }
  if (!rest.startsWith('\n')) return [];
  return comments.flatMap((c) => directive(c, name) ?? []);
}

/** How Atlas runs a file: its `-- atlas:txmode` directive (cmdapi/migrate.go txmodeFor), or why Atlas fails on it when it gets there. */
export function atlasTxMode(text: string, file: string): 'none' | 'file' | null | { problem: string } {
  const modes = fileDirectives(text, 'txmode');
  if (modes.length === 0) return null;
  const name = posix.basename(file);
  if (modes.length > 1) return { problem: `multiple txmode values found in file "${name}": [${modes.map((m) => `"${m}"`).join(' ')}]` };
  const [mode] = modes as [string];
  if (mode === 'none' || mode === 'file') return mode;
  if (mode === 'all') return { problem: `txmode "all" is not allowed in file directive "${name}". Use "file" instead` };
  return { problem: `unknown txmode "${mode}" found in file directive "${name}"` };
}

/** One line of atlas.sum: a file's name and its hash (base64, without `h1:`). */
export interface SumLine {
  name: string;
  hash: string;
}

/**
 * The lines Atlas computes for the files, in name order (NewHashFile): one SHA-256 runs over each file's name and bytes in
 * turn, and a file's hash is that digest so far, so it covers every file before it too. A file opening with `atlas:sum ignore`
 * adds its name to the digest and gets no line.
 */
export function sumLines(files: Array<{ name: string; bytes: Buffer }>): SumLine[] {
  const h = createHash('sha256');
  const lines: SumLine[] = [];
  for (const f of files) {
    h.update(f.name);
    if (directive(f.bytes.toString('latin1'), 'sum') === 'ignore') continue;
    h.update(f.bytes);
    lines.push({ name: f.name, hash: h.copy().digest('base64') });
  }
  return lines;
}

/** HashFile.Sum: the SHA-256 of every line's name and hash, which atlas.sum's first line holds. */
export function sumOf(lines: SumLine[]): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(l.name).update(l.hash);
  return h.digest('base64');
}

/** atlas.sum as `atlas migrate hash` writes it (HashFile.MarshalText). */
export function sumFileText(lines: SumLine[]): string {
  return `h1:${sumOf(lines)}\n${lines.map((l) => `${l.name} h1:${l.hash}\n`).join('')}`;
}

/** atlas.sum read as HashFile.UnmarshalText reads it, or why Atlas cannot (its error, and the line). */
export type SumFile = { sum: string; lines: Array<SumLine & { line: number }> } | { problem: string; line: number };

export function readSumFile(bytes: Buffer): SumFile {
  // bufio.Scanner's lines: a last line without "\n" counts, a "\r" before "\n" is dropped.
  const text = bytes.toString('utf8');
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const rows = raw.map((l) => l.replace(/\r$/, ''));
  const sum = (rows[0] ?? '').replace(/^h1:/, '');
  const lines: Array<SumLine & { line: number }> = [];
  for (const [i, row] of rows.entries()) {
    if (i === 0) continue;
    const cut = row.indexOf('h1:');
    if (cut < 0) {
      // Two branches that each add a migration leave git's markers here more often than anything else.
      const conflict = /^(?:<{7}|={7}|>{7})(?: |$)/.test(row);
      return { problem: `checksum file format invalid${conflict ? ' (an unresolved merge conflict)' : ''}`, line: i + 1 };
    }
    lines.push({ name: row.slice(0, cut).trim(), hash: row.slice(cut + 3), line: i + 1 });
  }
  if (sum !== sumOf(lines)) return { problem: 'checksum mismatch (its first line is not the sum of the lines below it)', line: 1 };
  return { sum, lines };
}

/** What checking a folder's atlas.sum finds, and each file's hash as Atlas computes it (what its revision records). */
export interface SumCheck {
  findings: Draft[];
  refusedNames: RefusedName[];
  hashOf: Map<string, string>;
}

const REHASH = (folder: string) => `run \`atlas migrate hash --dir file://${folder}\` and commit the atlas.sum it writes`;

/**
 * Checks atlas.sum against the folder's files as Validate does, and says which line is wrong: a file with no line
 * ("added"), a line whose file is gone ("removed"), and the first line whose hash differs ("edited"). A file's hash covers
 * every file before it, so past the first difference the later lines say nothing more of their own files.
 */
export function checkAtlasSum(listing: FolderListing): SumCheck {
  const { folder } = listing;
  const out: SumCheck = { findings: [], refusedNames: [], hashOf: new Map() };
  const sqlFiles = listing.files
    .filter((f) => isAtlasFile(folder, f))
    .sort((a, b) => compareText(posix.basename(a.path), posix.basename(b.path)));
  const computed = sumLines(sqlFiles.map((f) => ({ name: posix.basename(f.path), bytes: f.bytes ?? Buffer.alloc(0) })));
  const pathOf = new Map(sqlFiles.map((f) => [posix.basename(f.path), f.path]));
  for (const l of computed) out.hashOf.set(pathOf.get(l.name)!, l.hash);
  const source = listing.files.find((f) => isAtlasSum(folder, f.path));
  const sumPath = inFolder(folder, ATLAS_SUM);
  const refuse = (file: string, line: number, message: string, refused: string) => {
    const fix = `${REHASH(folder)}; \`atlas migrate apply\` refuses the folder until atlas.sum agrees with it`;
    out.findings.push({ rule: 'unreadable-file', file, line, column: 0, message, suggestion: fix });
    out.refusedNames.push({ folder, file, refused, fix, reason: message });
  };
  const refusal = (error: string, where?: string) =>
    `\`atlas migrate apply\` fails with "You have a checksum error in your migration directory.${where ? ` ${where}` : ''}" (Error: ${error}) before it applies any migration`;
  if (!source) {
    if (sqlFiles.length > 0) refuse(sumPath, 0, `${folder} has migrations but no atlas.sum: ${refusal('checksum file not found')}`, 'checksum file not found');
    return out;
  }
  const read = source.bytes ? readSumFile(source.bytes) : { problem: source.problem!.message, line: 0 };
  if ('problem' in read) {
    refuse(sumPath, read.line, `Atlas cannot read ${sumPath}: ${read.problem}; ${refusal(read.problem.replace(/ \(.*$/, ''))}`, read.problem);
    return out;
  }
  const names = new Set(computed.map((l) => l.name));
  const recorded = new Set(read.lines.map((l) => l.name));
  for (const [i, l] of computed.entries()) {
    if (recorded.has(l.name)) continue;
    refuse(pathOf.get(l.name)!, 0, `${sumPath} has no line for ${l.name}: ${refusal('checksum mismatch', `L${i + 2}: ${l.name} was added`)}`, `checksum mismatch: ${l.name} was added`);
  }
  for (const l of read.lines) {
    if (names.has(l.name)) continue;
    refuse(sumPath, l.line, `${sumPath} line ${l.line} is for ${l.name}, which is not in ${folder}: ${refusal('checksum mismatch', `L${l.line}: ${l.name} was removed`)}`, `checksum mismatch: ${l.name} was removed`);
  }
  // Where the two lists first part, when both name the file there: it, or what it was hashed after, changed. Past that
  // point every line hashes a different history, and says nothing more of its own file.
  const at = computed.findIndex((l, i) => l.name !== read.lines[i]?.name || l.hash !== read.lines[i]!.hash);
  const was = at < 0 ? undefined : read.lines[at];
  if (was && was.name === computed[at]!.name) {
    const { name } = was;
    refuse(
      sumPath,
      was.line,
      `${sumPath} line ${was.line} does not match ${name}: it was hashed over other bytes of ${name}, or of the files before it (as when a merge kept both ` +
        `branches' atlas.sum lines, each hashed without the other's file); ${refusal('checksum mismatch', `L${was.line}: ${name} was edited`)}`,
      `checksum mismatch: ${name} was edited`,
    );
  }
  return out;
}

/** Whether Atlas reads `source` as a migration of `folder`: a .sql file directly in it (LocalDir.Files globs `*.sql`). */
export function isAtlasFile(folder: string, source: SourceFile): boolean {
  const rel = pathIn(folder, source.path);
  return rel !== null && rel.endsWith('.sql') && !rel.includes('/');
}
