// What the migrations before a file made of a table: its columns and unique keys as the runner leaves them
// just before the file, so an INSERT into a table made in an earlier file gets the same advice as one into a
// table the file makes itself. Lazy, for a history of thousands of files: a table's name is looked up as a
// word in the files' text, only the statements that mention it and can change keys are parsed, and they
// go through the same fold as the file's own (keys.ts); parses and folds are kept for the thread's next file.
//
// Names compare as the rest of the rule compares them (sameName): an unqualified name matches the same
// name in any schema, since the runner's search_path, not the file, decides where it lands. A table whose
// name a placeholder value writes whole is not found (the search reads the files as written). Statements
// in a DO block count as run; EXECUTEd strings do not.

import { createHash } from 'node:crypto';
import type { Migration } from '../../migration.js';
import type { GateOptions } from '../../options.js';
import { asArray, doBodyStatements, nodeOf, parseOne, qualifiedName, rangeVarName, sameName, sameSchema, stringOf, stringsOf, type AstNode, type QualifiedName } from '../../sql/ast.js';
import { placeholderRegex } from '../../sql/placeholders.js';
import { skipTrivia, topLevelSemicolons } from '../../sql/split.js';
import { fillsOf, templateOf } from '../../config/runner-placeholders.js';
import { blankCopyData, copyData } from '../../sql/copy-data.js';
import { SUPABASE_PRESET_SQL } from '../../dryrun/supabase-preset.js';
import { keyChange, type TableState } from './keys.js';

/** What the fold reads of a migration: its name, its SQL, and whether it runs on the way up. */
export type Source = Pick<Migration, 'file' | 'sql' | 'kind' | 'envsub'>;

/** One statement of an earlier file, as the parser reads it; a DO block's own statements follow it. */
interface Read {
  kind: string;
  node: AstNode;
  guarded: boolean;
}

/** A statement's text in a file (cut at its top-level semicolons), in lower case for the search, parsed on demand. */
interface Piece {
  lower: string;
  read(): Read[];
  /** Its statements whatever their kind (read() parses only those that can change keys). */
  parsed(): Read[];
}

/** An enum type as the migrations before a file leave it: its values, and whether they are all of them (a migration made it, and each change to it was read). */
export interface EnumState {
  values: Set<string>;
  complete: boolean;
}

/** Words of a statement that may change an enum in a way its parse does not show (an EXECUTEd string, a function body). */
const ENUM_CHANGE = /\b(?:add|rename)\s+value\b|\bas\s+enum\b|\bdrop\s+type\b/;

/** A table's state as the earlier files leave it, and the words looked up to find the files that told it. */
interface Answer {
  state: TableState;
  terms: string[];
}

/** A fold of one table, files before `next` read: linted in apply order, each file's question starts where the last one's stopped. */
interface Run extends Answer {
  next: number;
}

/** The migrations of a set, in apply order, as one thread reads them for every file it lints. */
export class EarlierMigrations {
  private readonly sources: Source[];
  private readonly position = new Map<string, number>();
  private readonly lower: string[] = [];
  /** Which files (by position) mention a word, for each word looked up. */
  private readonly mentions = new Map<string, Set<number>>();
  private readonly pieces = new Map<number, Piece[]>();
  private readonly runs = new Map<string, Run>();
  private readonly digests = new Map<number, string>();
  private readonly regex: RegExp | null;
  private words: Map<string, number[]> | undefined;
  /** Where the project's own files start: after the platform's tables, which every file sees. */
  private readonly first: number;

  constructor(
    migrations: Source[],
    private readonly options: GateOptions,
  ) {
    // An undo migration runs only on the way down. Supabase's own tables (storage.buckets) are there before the first file.
    const platform: Source[] = options.preset === 'supabase' ? [{ file: 'the Supabase platform', sql: SUPABASE_PRESET_SQL, kind: 'versioned' }] : [];
    this.sources = [...platform, ...migrations.filter((m) => m.kind !== 'undo')];
    this.first = platform.length;
    this.sources.forEach((m, i) => this.position.set(m.file, i));
    this.regex = placeholderRegex(options.placeholderPatterns);
  }

  /** What the file rules may ask about the migrations the runner applies before `file` (none when it is not in the set). */
  before(file: string): EarlierTables {
    return new EarlierTables(this, this.position.get(file) ?? this.first);
  }

  /** A table as the files before position `end`, and the pieces before `piece` of file `end` (for a RENAME there), leave it. */
  answer(table: QualifiedName, end: number, piece = 0): Answer {
    const fresh = (): Run => ({ next: 0, state: null, terms: [table.name.toLowerCase()] });
    if (piece > 0) return this.advance(table, fresh(), end, piece);
    const name = `${table.schema ?? ''}\0${table.name}`;
    const known = this.runs.get(name);
    const run = this.advance(table, known && known.next <= end ? known : fresh(), end, 0);
    this.runs.set(name, run);
    return { state: run.state, terms: [...run.terms] };
  }

  /** `run` read on through the files before `end`, then (not kept) the first `stop` pieces of file `end`. */
  private advance(table: QualifiedName, run: Run, end: number, stop: number): Run {
    // Its bare name, and the names of its keys as they appear: a DROP INDEX or ALTER INDEX names only the index.
    const { terms } = run;
    const mentioned = (text: string) => terms.some((t) => hasWord(text, t));
    const read = (i: number, pieces: number) => {
      if (!terms.some((t) => this.mentioning(t).has(i))) return;
      const all = this.piecesOf(i);
      for (let j = 0; j < Math.min(pieces, all.length); j++) {
        if (!mentioned(all[j]!.lower)) continue;
        for (const s of all[j]!.read()) {
          const prior = (old: QualifiedName) => {
            const moved = this.answer(old, i, j);
            for (const t of moved.terms) if (!terms.includes(t)) terms.push(t);
            return moved.state;
          };
          const change = keyChange(s.kind, s.node, table, { file: this.sources[i]!.file, guarded: s.guarded, prior });
          if (change) run.state = change(run.state);
          for (const k of run.state?.keys ?? []) if (!terms.includes(k.name.toLowerCase())) terms.push(k.name.toLowerCase());
        }
      }
    };
    const last = Math.min(end, this.sources.length);
    for (; run.next < last; run.next++) read(run.next, Infinity);
    if (stop > 0) read(end, stop);
    return run;
  }

  /** A type's name after the ALTER TYPE ... RENAME TO of the files before position `end`, followed in file order. */
  renamedType<T extends { schema?: string; name: string }>(type: T, end: number, terms: Set<string>): T {
    let out = type;
    for (let i = 0; i < Math.min(end, this.sources.length); i++) {
      terms.add(out.name.toLowerCase());
      if (!this.mentioning(out.name.toLowerCase()).has(i)) continue;
      for (const piece of this.piecesOf(i)) {
        if (!hasWord(piece.lower, out.name.toLowerCase())) continue;
        for (const { kind, node } of piece.read()) {
          const old = qualifiedName(stringsOf(nodeOf(node.object, 'List')?.items));
          if (kind !== 'RenameStmt' || (node.renameType !== 'OBJECT_TYPE' && node.renameType !== 'OBJECT_DOMAIN') || !sameName(old, out)) continue;
          out = { ...out, name: String(node.newname) };
          terms.add(out.name.toLowerCase());
        }
      }
    }
    return out;
  }

  /**
   * An enum type as the files before position `end`, and the first `stop` pieces of file `end`, leave it (CREATE TYPE ... AS
   * ENUM, ADD and RENAME VALUE, DROP TYPE, a rename to its name followed back); null when none makes it. Only the pieces that
   * name it are parsed; every name looked up goes into `terms`.
   */
  enumType(type: QualifiedName, end: number, terms: Set<string>, stop = 0): EnumState | null {
    const word = type.name.toLowerCase();
    terms.add(word);
    let state: EnumState | null = null;
    for (const { i, j, piece } of this.piecesNaming(word, end, stop)) {
      let seen = false;
      for (const { kind, node, guarded } of piece.parsed()) {
        const change = enumChange(kind, node, type);
        if (!change) continue;
        seen = true;
        // A CREATE that a handler guards does nothing where the type is there already.
        if (change.made && !(guarded && state)) state = { values: new Set(change.made), complete: true };
        else if (change.renamedFrom) state = this.enumType(change.renamedFrom, i, terms, j);
        else if (change.gone) state = null;
        else if (change.value) {
          state ??= { values: new Set(), complete: false };
          if (change.value.old !== undefined) state.values.delete(change.value.old);
          state.values.add(change.value.new);
        }
      }
      // Named in a statement that changes some enum without its parse showing how: its values can no longer be told.
      if (!seen && state && ENUM_CHANGE.test(piece.lower)) state.complete = false;
    }
    return state;
  }

  /**
   * The statements (pieces) that name `word` as a whole word, in apply order: of the files before position `end`, then
   * the first `stop` of file `end`; each with its file's position and its own index there.
   */
  private *piecesNaming(word: string, end: number, stop = 0): Generator<{ i: number; j: number; piece: Piece }> {
    const files = this.mentioning(word);
    for (let i = 0; i <= Math.min(end, this.sources.length - 1); i++) {
      if (!files.has(i)) continue;
      const all = this.piecesOf(i);
      for (let j = 0; j < Math.min(i < end ? Infinity : stop, all.length); j++) if (hasWord(all[j]!.lower, word)) yield { i, j, piece: all[j]! };
    }
  }

  /**
   * Whether the files before position `end` leave `table` partitioned (made PARTITION BY, not dropped or renamed away
   * since). A rename into its name is not followed: such a table reads as not partitioned, and no finding rides on it.
   */
  partitioned(table: QualifiedName, end: number, terms: Set<string>): boolean {
    const word = table.name.toLowerCase();
    terms.add(word);
    let parted = false;
    for (const { piece } of this.piecesNaming(word, end)) {
      for (const { kind, node } of piece.parsed()) parted = partitionChange(kind, node, table) ?? parted;
    }
    return parted;
  }

  /** The positions of the files that have `term` (lower case) as a whole word anywhere, comments and strings too: a superset is fine. */
  mentioning(term: string): Set<number> {
    let found = this.mentions.get(term);
    if (found) return found;
    if (this.mentions.size >= SCANS_BEFORE_INDEX && /^[\w$\u0080-\uffff]+$/.test(term)) found = new Set(this.wordIndex().get(term));
    else {
      found = new Set();
      for (let i = 0; i < this.sources.length; i++) if (hasWord(this.lowerOf(i), term)) found.add(i);
    }
    this.mentions.set(term, found);
    return found;
  }

  private lowerOf(i: number): string {
    return (this.lower[i] ??= this.sources[i]!.sql.toLowerCase());
  }

  /** Every word of every file, and the files it is in: built once the words looked up make one pass cheaper than a scan each. */
  private wordIndex(): Map<string, number[]> {
    if (this.words) return this.words;
    const words = new Map<string, number[]>();
    for (let i = 0; i < this.sources.length; i++) {
      for (const word of this.lowerOf(i).match(WORD) ?? []) {
        const files = words.get(word);
        if (!files) words.set(word, [i]);
        else if (files[files.length - 1] !== i) files.push(i);
      }
    }
    return (this.words = words);
  }

  /** A file's statements, with its placeholders filled as the file rules fill them, each parsed only when asked. */
  private piecesOf(i: number): Piece[] {
    let pieces = this.pieces.get(i);
    if (pieces) return pieces;
    // COPY rows are not SQL: blanked, so they are not glued to the statement after them.
    const filled = templateOf(this.sources[i]!, this.options, this.regex).sql;
    const sql = blankCopyData(filled, copyData(filled));
    let from = 0;
    pieces = [...topLevelSemicolons(sql), sql.length].map((to) => {
      const text = sql.slice(from, (from = to));
      const lower = text.toLowerCase();
      let read: Read[] | undefined;
      let parsed: Read[] | undefined;
      return { lower, read: () => (read ??= KEYED.test(lower.slice(skipTrivia(lower, 0))) ? statementsOf(text) : []), parsed: () => (parsed ??= statementsOf(text)) };
    });
    this.pieces.set(i, pieces);
    return pieces;
  }

  /** A digest of the files before `file` that mention any of `terms`: all that a lint of it that looked them up read of them. */
  digest(file: string, terms: string[]): string {
    const end = this.position.get(file) ?? 0;
    const hash = createHash('sha256');
    for (let i = 0; i < end; i++) if (terms.some((t) => this.mentioning(t).has(i))) hash.update(this.fileDigest(i)).update('\0');
    return hash.digest('hex');
  }

  private fileDigest(i: number): string {
    let digest = this.digests.get(i);
    if (digest === undefined) {
      const { file, sql } = this.sources[i]!;
      // Its placeholders' fills too: what it makes of a table can hang on a value (${flyway:defaultSchema}.plans).
      const fills = JSON.stringify(fillsOf(this.sources[i]!, this.options, this.regex));
      this.digests.set(i, (digest = createHash('sha256').update(file).update('\0').update(fills).update('\0').update(sql).digest('hex')));
    }
    return digest;
  }
}

/** A run of identifier characters, as the word index and hasWord read words. */
const WORD = /[\w$\u0080-\uffff]+/g;
const WORD_CHAR = /[\w$\u0080-\uffff]/;

/** How a statement that can change a table's keys (keyChange) or rename a column's type starts: other statements (INSERT, CREATE FUNCTION, ...) go unparsed. */
const KEYED = /^(?:create\s+(?:unique\s+index|index|(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table)|alter\s+(?:table|index|type|domain)|drop\s+(?:table|index)|do)\b/;

/** After this many words looked up with a scan each, one pass that indexes every word of every file costs less than more scans. */
const SCANS_BEFORE_INDEX = 8;

/** Whether `text` has `word` with no identifier character either side. */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHAR.test(text[at - 1] ?? ' ') && !WORD_CHAR.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}

/** One piece's statement, and a DO block's: a handler makes a CREATE in it safe when the table is there. */
function statementsOf(text: string): Read[] {
  const parsed = parseOne(text);
  if (!parsed) return [];
  const [kind, node] = parsed;
  if (kind !== 'DoStmt') return [{ kind, node, guarded: false }];
  const inner = doBodyStatements(text, node).flatMap((s) => (s.parsed ? [{ kind: s.parsed[0], node: s.parsed[1], guarded: s.handlers.length > 0 }] : []));
  return [{ kind, node, guarded: false }, ...inner];
}

/** What a statement does to enum `type`: makes it with these values, adds (or renames) a value, drops it, or gives it its name (renamedFrom); null for none of these. */
function enumChange(kind: string, node: AstNode, type: QualifiedName): { made?: string[]; value?: { old?: string; new: string }; gone?: true; renamedFrom?: QualifiedName } | null {
  switch (kind) {
    case 'CreateEnumStmt':
      return sameName(qualifiedName(stringsOf(node.typeName)), type) ? { made: asArray(node.vals).flatMap((v) => stringOf(v) ?? []) } : null;
    case 'AlterEnumStmt':
      if (!sameName(qualifiedName(stringsOf(node.typeName)), type) || typeof node.newVal !== 'string') return null;
      return { value: { ...(typeof node.oldVal === 'string' && { old: node.oldVal }), new: node.newVal } };
    case 'DropStmt':
      return node.removeType === 'OBJECT_TYPE' && asArray(node.objects).some((o) => sameName(qualifiedName(stringsOf(nodeOf(o, 'TypeName')?.names)), type)) ? { gone: true } : null;
    case 'RenameStmt': {
      if (node.renameType !== 'OBJECT_TYPE') return null;
      const old = qualifiedName(stringsOf(nodeOf(node.object, 'List')?.items));
      if (sameName(old, type)) return { gone: true };
      return node.newname === type.name && sameSchema(old.schema, type.schema) ? { renamedFrom: old } : null;
    }
    default:
      return null;
  }
}

/** Whether a statement leaves `table` partitioned (true), not (false: made plain, dropped or renamed), or says nothing of it (null). */
function partitionChange(kind: string, node: AstNode, table: QualifiedName): boolean | null {
  switch (kind) {
    case 'CreateStmt':
      return sameName(rangeVarName(node.relation), table) ? node.partspec !== undefined : null;
    case 'DropStmt':
      return node.removeType === 'OBJECT_TABLE' && asArray(node.objects).some((o) => sameName(qualifiedName(stringsOf(nodeOf(o, 'List')?.items)), table)) ? false : null;
    case 'RenameStmt':
      return node.renameType === 'OBJECT_TABLE' && (sameName(rangeVarName(node.relation), table) || node.newname === table.name) ? false : null;
    default:
      return null;
  }
}

/** The migrations before one file, as its file rules ask about them; the words looked up, for the lint cache. */
export class EarlierTables {
  /** Every word looked up in the earlier files' text (lower case): the findings depend on the files that have one. */
  readonly terms = new Set<string>();

  constructor(
    private readonly set: EarlierMigrations,
    private readonly end: number,
  ) {}

  /** A table, named as the INSERT writes it, as the migrations before this file leave it: null when none makes it. */
  table(name: QualifiedName): TableState {
    const { state, terms } = this.set.answer(name, this.end);
    for (const t of terms) this.terms.add(t);
    return state;
  }

  /** By schema and name: an enum type as the earlier files leave it, asked once per file. */
  private readonly enums = new Map<string, EnumState | null>();

  /** An enum type, named as the file writes it, as the migrations before this file leave it: null when none makes it. */
  enumType(type: QualifiedName): EnumState | null {
    const key = `${type.schema ?? ''}\0${type.name}`;
    let state = this.enums.get(key);
    if (state === undefined) this.enums.set(key, (state = this.set.enumType(type, this.end, this.terms)));
    return state;
  }

  /** By schema and name: whether the earlier files leave a table partitioned, asked once per file. */
  private readonly parts = new Map<string, boolean>();

  /** Whether the migrations before this file leave `table` (named as the file writes it) a partitioned table. */
  partitioned(table: QualifiedName): boolean {
    const key = `${table.schema ?? ''}\0${table.name}`;
    let parted = this.parts.get(key);
    if (parted === undefined) this.parts.set(key, (parted = this.set.partitioned(table, this.end, this.terms)));
    return parted;
  }

  /** By schema and name: a type's name after the earlier files' renames, asked once per file. */
  private readonly renames = new Map<string, string>();

  /** A column's type under the name the migrations before this file leave it (a type renamed keeps its columns). */
  renamedType<T extends { schema?: string; name: string | null }>(type: T): T {
    if (type.name === null || type.schema === 'pg_catalog') return type;
    const key = `${type.schema ?? ''}\0${type.name}`;
    let name = this.renames.get(key);
    if (name === undefined) this.renames.set(key, (name = this.set.renamedType({ ...type, name: type.name }, this.end, this.terms).name));
    return name === type.name ? type : { ...type, name };
  }
}

