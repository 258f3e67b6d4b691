// non-idempotent: a statement that fails, or applies twice, when its file runs a second time
// (a retried deploy, a runner without history, `psql -f` by hand). Fires in transactions too.
//
// Default severity is warning: runners that record history never re-run a file, so the statement
// bites only on a retry or a manual run; projects whose files must be re-runnable (seeds 002, 003)
// raise it to error in .migration-gate.yml.

import type { Draft, Fix } from '../report/finding.js';
import type { Statement } from '../sql/parser.js';
import { asArray, doBodyStatements, nodeOf, parseOne, sameName, sameTree, withSearchPath, withoutComments, type AstNode, type QualifiedName } from '../sql/ast.js';
import type { FileContext, FileRule } from './rule.js';
import {
  adoptedIndex,
  ambiguousDrop,
  analyze,
  CLASS_KINDS,
  conditionName,
  constantText,
  DEPENDED_ON,
  dependedOn,
  described,
  dropsRenamed,
  CONDITIONS,
  existsState,
  indexGone,
  isRelation,
  replaces,
  sameObject,
  wrongKind,
  type Adoption,
  type Analysis,
  type Definition,
  type Dependency,
  type DropBehavior,
  type IndexLoss,
  type ObjectKind,
  type ObjectRef,
  type Picked,
  type Problem,
} from './idempotency/analyze.js';
import { applyEdits, withInsertions, type Insertion } from './idempotency/fix.js';
import { replacing, statementLines, type StatementLines } from './file-lines.js';
import type { TypeRef } from './enum-literals.js';
import { keyChange, mayChangeKeys, onKeys, type StepContext, type TableState } from './idempotency/keys.js';
import { resolveNames } from './idempotency/search-path.js';
import { pathSchemas } from '../config/runner-placeholders.js';
import { doGuards } from './idempotency/do-guards.js';
import { spellings, type Spelling } from './spelling.js';

/** `read`'s value, read the first time it is asked for. */
function once<T>(read: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: read() }).v;
}

/** A statement as the file runs it: top level, or inside a DO block's body. */
interface Site {
  kind: string;
  node: AstNode;
  text: string;
  /** Offset of `text` in the parsed SQL, or -1 when a DO body statement could not be located. */
  start: number;
  /** The top-level statement that holds it (itself, or its DO block). */
  top: Statement;
  handlers: string[];
  conditional: boolean;
  /** Conditions its DO block catches only to raise an error again. */
  reraised: string[];
  /** The names the catalog lookups of the IFs around it look for: they guard it only where one is a name the file acts on (see `unguarded`). */
  lookups: string[] | null;
  /** Whether those lookups look up relations only (see `unguarded`). */
  onRelations: boolean;
}

const MAY_MISGUARD = /\braise\b|pg_|information_schema|to_reg/i;

function sitesOf(statements: Statement[]): Site[] {
  const sites: Site[] = [];
  for (const s of statements) {
    sites.push({ kind: s.kind, node: s.node, text: s.text, start: s.start, top: s, handlers: [], conditional: false, reraised: [], lookups: null, onRelations: false });
    if (s.kind !== 'DoStmt') continue;
    const inners = doBodyStatements(s.text, s.node);
    // Only a block that raises or looks in the catalogs can hold a guard that guards nothing.
    const guards = inners.length && MAY_MISGUARD.test(s.text) ? doGuards(s.text, s.node) : null;
    for (const inner of inners) {
      const parsed = inner.parsed;
      if (!parsed) continue;
      const start = inner.offset < 0 ? -1 : s.start + inner.offset;
      const handlers = guards ? inner.handlers.filter((h) => !guards.reraised.has(h)) : inner.handlers;
      const reraised = guards ? inner.handlers.filter((h) => guards.reraised.has(h)) : [];
      const lookups = (inner.conditional && guards?.lookups.get(inner.text)) || null;
      const onRelations = lookups !== null && guards!.relationLookups.has(inner.text);
      sites.push({ kind: parsed[0], node: parsed[1], text: inner.text, start, top: s, handlers, conditional: inner.conditional, reraised, lookups, onRelations });
    }
  }
  return sites;
}

const RELATION_KINDS = new Set<ObjectKind>(['table', 'view', 'materialized view', 'index', 'sequence', 'foreign table']);

/**
 * `sites` with an IF that looks up in the catalogs only names the file never acts on no longer counted as guarding its
 * statements (`IF NOT EXISTS (SELECT FROM pg_type WHERE typname = 'feeling') THEN CREATE TYPE mood`): it is true on every run.
 */
function unguarded(sites: Site[], analyses: Analysis[]): Site[] {
  if (!sites.some((s) => s.lookups)) return sites;
  const namesOf = (a: Analysis, into: Set<string>) => {
    const add = (x: ObjectRef | null | undefined) => {
      if (!x) return;
      into.add(x.name.name.toLowerCase());
      if (x.on) into.add(x.on.name.toLowerCase());
    };
    [...a.creates.map((c) => c.ref), ...a.drops, ...(a.renames ?? []).flatMap((r) => [r.from, r.to])].forEach(add);
    for (const p of a.problems) [p.object, p.changes, p.owner].forEach(add);
    return into;
  };
  // Most IFs look for what their own statement makes; the whole file's names are read only for one that does not.
  const file = once(() => analyses.reduce((all, a) => namesOf(a, all), new Set<string>()));
  // `IF EXISTS (SELECT FROM pg_tables WHERE tablename = 'users') THEN ALTER TABLE users ADD COLUMN ...` is true on every
  // run: a lookup of relations turns only where the DO block or a statement after it makes, drops or renames one it names.
  const relations = once(() =>
    analyses.map((a) =>
      [...a.creates.map((c) => c.ref), ...a.drops, ...(a.renames ?? []).flatMap((r) => [r.from, r.to])]
        .filter((x) => RELATION_KINDS.has(x.kind))
        .map((x) => x.name.name.toLowerCase()),
    ),
  );
  const turns = (s: Site) => relations().slice(sites.findIndex((x) => x.top === s.top)).some((names) => names.some((n) => s.lookups!.includes(n)));
  const guards = (s: Site, at: number) => {
    if (s.onRelations) return turns(s);
    const own = namesOf(analyses[at]!, new Set());
    return s.lookups!.some((n) => own.has(n)) || s.lookups!.some((n) => file().has(n));
  };
  return sites.map((s, at) => (s.lookups && !guards(s, at) ? { ...s, conditional: false } : s));
}

/** Whether an exception handler named `condition` catches `sqlstate` (exact, class-wide, or OTHERS). */
function catches(condition: string, sqlstate: string): boolean {
  if (condition === 'others') return true;
  const code = (CONDITIONS[condition] ?? condition).toUpperCase();
  return code === sqlstate || (code.endsWith('000') && sqlstate.startsWith(code.slice(0, 2)));
}

function caught(site: Site, p: Problem): boolean {
  if (site.conditional && !p.passesIf) return true;
  return p.sqlstate !== null && site.handlers.some((h) => catches(h, p.sqlstate!));
}

/** Whether a statement of a DO block certainly raises, on the second run, an error its block's handler catches: the block then rolls back. */
const abortsBlock = (site: Site, problems: Problem[]) =>
  !site.conditional && problems.some((p) => p.sqlstate !== null && site.handlers.some((h) => catches(h, p.sqlstate!)));

/**
 * Whether the second run never applies problem `p` of statement `at`: another statement of its DO block (the same handlers around it)
 * raises an error the handler catches, which rolls the block back, so `at` does not run after it, and what it did before it is undone.
 */
function rolledBack(sites: Site[], aborts: boolean[], at: number, p: Problem): boolean {
  const site = sites[at]!;
  if (!site.handlers.length) return false;
  const handlers = site.handlers.join('\0');
  const aborting = (i: number) => aborts[i] && sites[i]!.handlers.join('\0') === handlers;
  // A DO block's statements follow it: the sites of the same top statement are the ones next to this one.
  for (let i = at - 1; i >= 0 && sites[i]!.top === site.top; i--) if (aborting(i)) return true;
  // One after it undoes only what this one did: rows it wrote, not an error it raised.
  if (p.outcome !== 'twice' || p.sqlstate !== null) return false;
  for (let i = at + 1; i < sites.length && sites[i]!.top === site.top; i++) if (aborting(i)) return true;
  return false;
}

/** A name coming into being or going away at statement `at`: a CREATE, a DROP, either end of a RENAME. */
interface NameEvent {
  at: number;
  ref: ObjectRef;
  exists: boolean;
  rename: boolean;
  /** A rename's old name, on the event of its new one. */
  from?: ObjectRef;
  /** A guarded CREATE's (IF NOT EXISTS, OR REPLACE, a handler that catches its error): an object of the name that is there stays, with what depends on it. */
  guarded?: true;
  /** A temporary object going away as the first run's session ends (`at` is past the last statement): no statement drops it. */
  ended?: true;
}

const RELATIONS = new Set(['table', 'view', 'materialized view', 'foreign table']);

/** The constraint named like `index` on `table`: ADD ... USING INDEX makes the index part of it. */
const constraintNamed = (index: ObjectRef, table: QualifiedName): ObjectRef => ({ kind: 'constraint', name: { name: index.name.name }, on: table });

/** The same object, where an index's or trigger's owner may be any kind of relation. */
function sameOwner(owner: ObjectRef, x: ObjectRef): boolean {
  return sameObject(owner, RELATIONS.has(owner.kind) && RELATIONS.has(x.kind) ? { ...x, kind: owner.kind } : x);
}

/** Whether `a` and `b` take one name: relations in their schema's one name space (pg_class), functions (and procedures) by name and signature. */
const sameSlot = (a: ObjectRef, b: ObjectRef) =>
  a.kind === 'function'
    ? b.kind === 'function' && sameObject({ ...a, routine: undefined }, { ...b, routine: undefined })
    : CLASS_KINDS[a.kind] !== undefined && CLASS_KINDS[b.kind] !== undefined && !a.on && !b.on && sameName(a.name, b.name);

/** Where the ledger keeps what it knows of `x`: by its name and its table's, the parts sameObject() never leaves lenient. */
const keyOf = (x: ObjectRef) => `${x.name.name}\0${x.on?.name ?? ''}`;

/** Whether a DROP FUNCTION of `drop`'s signature takes the function a call passing `use.args` arguments calls; a call to a function of defaulted or variadic arguments passes fewer or more, so only an equal number counts. */
const fits = (use: Dependency, drop: DropBehavior) => use.args === undefined || drop.args === undefined || use.args === drop.args;

/** The schema an object's name (or its table's) puts it in: DROP SCHEMA ... CASCADE takes it along. */
function inSchema(x: ObjectRef): Dependency[] {
  const schema = x.name.schema ?? x.on?.schema;
  return schema === undefined ? [] : [{ ref: { kind: 'schema', name: { name: schema } } }];
}

/**
 * What the file as a whole creates, drops, renames and clears, to judge each statement against the others. Each lookup is
 * of one object, so what it reads is kept by `keyOf` the object (clears by table name), and a lookup reads only that.
 */
class Ledger {
  /** With the CREATE's own problem (for an OR REPLACE, one kept only if the object is redefined further down) and its definition. */
  private readonly creates = new Map<string, Array<{ at: number; ref: ObjectRef; guarded: boolean; problem?: Problem; definition?: Definition }>>();
  private readonly clears = new Map<string, Array<{ at: number; table: QualifiedName }>>();
  /** By table name: DELETEs that pick rows by constants of one column (see `reseeds`). */
  private readonly picks = new Map<string, Array<Picked & { at: number }>>();
  /** In file order; `named` has their indexes here by `keyOf` their object. */
  private readonly events: NameEvent[] = [];
  private readonly named = new Map<string, number[]>();
  /** By `keyOf` what they depend on: the objects the file creates, at their site, and how they depend on it. Read only for a DROP (see `dependentsOf`). */
  private readonly dependents = once(() => {
    const out = new Map<string, Array<{ at: number; ref: ObjectRef; use: Dependency }>>();
    this.analyses.forEach((a, at) => {
      for (const c of a.creates) for (const use of [...(c.uses?.() ?? []), ...inSchema(c.ref)]) listIn(out, keyOf(use.ref)).push({ at, ref: c.ref, use });
      for (const c of a.attaches ?? []) for (const use of c.uses) listIn(out, keyOf(use.ref)).push({ at, ref: c.ref, use });
    });
    return out;
  });
  /** By `keyOf` the index each ADD ... USING INDEX takes. */
  private readonly adoptions = new Map<string, Array<Adoption & { at: number }>>();
  /** Each table's keys as the fold has read them up to a site (and the next of its key sites), for the next INSERT into it. */
  private readonly folds = new Map<string, { at: number; next: number; state: () => TableState }>();
  /**
   * By the site of a CREATE: parts of what it makes (a table's foreign key, a column's default) that a DROP at `by` before it takes,
   * not the whole; `taken` where the DROP goes through (CASCADE, or a part that always goes along) rather than PostgreSQL refusing it.
   */
  private readonly stripped = new Map<string, Array<{ part: ObjectRef; whole: ObjectRef; by: number; taken: boolean }>>();
  /** Each table's keys as the first run leaves them, by schema and name: see `keysOnSecondRun`. */
  private readonly ends = new Map<string, TableState>();
  /** The sites whose CREATE TABLE is guarded. */
  private readonly guardedTables = new Set<number>();
  private readonly keySites: (table: string) => number[];

  /** `spelled`: how findings write each site's statement and names; `earlier`: a table as the migrations before this file leave it. */
  constructor(
    private readonly sites: Site[],
    private readonly analyses: Analysis[],
    private readonly spelled: Spelling[],
    private readonly earlier: (table: QualifiedName) => TableState,
  ) {
    const event = (e: NameEvent) => {
      listIn(this.named, keyOf(e.ref)).push(this.events.length);
      this.events.push(e);
    };
    analyses.forEach((a, at) => {
      for (const c of a.creates) {
        const problem = a.problems.find((p) => p.object && sameObject(p.object, c.ref));
        const guarded = c.guarded || (problem !== undefined && caught(sites[at]!, problem));
        listIn(this.creates, keyOf(c.ref)).push({ at, ref: c.ref, guarded, problem, definition: c.definition });
        event({ at, ref: c.ref, exists: true, rename: false, ...(guarded && { guarded }) });
        if (c.ref.kind === 'table' && guarded) this.guardedTables.add(at);
      }
      for (const ref of a.drops) event({ at, ref, exists: false, rename: false });
      // What depends on a dropped object goes with it: what the first run made further down, and what stands on it from earlier; where PostgreSQL would refuse the DROP instead, `refused` says so.
      for (const b of a.behaviors ?? []) for (const ref of this.takenWith(b, at)) event({ at, ref, exists: false, rename: false });
      const renames = a.renames ?? [];
      for (const r of [...renames, ...(a.adopts ?? [])]) {
        // An index ADD ... USING INDEX renames belongs to its constraint: no DROP INDEX takes it, so no `from` to weigh a DROP against.
        const from = renames.includes(r) ? r.from : undefined;
        event({ at, ref: r.from, exists: false, rename: true });
        event({ at, ref: r.to, exists: true, rename: true, from });
      }
      for (const adopted of a.adopts ?? []) listIn(this.adoptions, keyOf(adopted.from)).push({ ...adopted, at });
      if (a.clears) listIn(this.clears, a.clears.name).push({ at, table: a.clears });
      if (a.picks) listIn(this.picks, a.picks.table.name).push({ ...a.picks, at });
    });
    // Every run is a session of its own: a temporary object the first run made is not there for the second.
    for (const a of analyses) for (const ref of a.temporary ?? []) event({ at: sites.length, ref, exists: false, rename: false, ended: true });
    this.keySites = keySitesByName(sites);
  }

  /** What may depend on `x` (see `dependents`): nothing for an object of a kind no Dependency names (a trigger, a policy), so a file that drops only those reads no dependencies. */
  private dependentsOf(x: ObjectRef) {
    return DEPENDED_ON.has(x.kind) || RELATIONS.has(x.kind) ? (this.dependents().get(keyOf(x)) ?? []) : [];
  }

  /**
   * What the file creates that depends on the object `drop` drops at statement `at`, directly or through each other: the object, or the
   * part of it that depends. Made after `at`, the second run finds the first run's; made before, it goes when it still stands on it (`standing`).
   */
  private takenWith(drop: DropBehavior, at: number): ObjectRef[] {
    const out: ObjectRef[] = [];
    for (let i = -1; i < out.length; i++) {
      const on = i < 0 ? drop.ref : out[i]!;
      for (const d of this.dependentsOf(on)) {
        const taken = d.use.via ?? d.ref;
        if (!sameOwner(d.use.ref, on) || (i < 0 && !fits(d.use, drop)) || out.some((o) => sameObject(o, taken))) continue;
        if (d.at > at || (d.at < at && this.standing(d, taken, on, drop, at))) out.push(taken);
        if (d.at > at && d.use.via) listIn(this.stripped, String(d.at)).push({ part: d.use.via, whole: d.ref, by: at, taken: drop.cascade || d.use.auto === true });
      }
    }
    return out;
  }

  /**
   * Whether `taken`, which statement `d.at` before the DROP at `at` made on `on`, goes with it there: PostgreSQL drops it along (always, or
   * under CASCADE), and no statement in between drops, renames or makes again either of them, so the DROP meets the very objects `d` joined.
   * A guarded CREATE of `on` in between (CREATE TABLE IF NOT EXISTS, OR REPLACE, ADD COLUMN IF NOT EXISTS) leaves it as `d` joined it;
   * one of `taken` counts as a statement of its own in `dependents`, as it may leave `taken` on something else.
   */
  private standing(d: { at: number; use: Dependency }, taken: ObjectRef, on: ObjectRef, drop: DropBehavior, at: number): boolean {
    if (!d.use.auto && !drop.cascade) return false;
    const between = (x: ObjectRef, same: (a: ObjectRef, b: ObjectRef) => boolean) => this.eventsOn(x).filter((e) => e.at > d.at && e.at < at && same(x, e.ref));
    return !between(taken, sameObject).length && between(on, sameOwner).every((e) => e.guarded);
  }

  /** A DROP without CASCADE whose object the second run finds with something the first run created further down depending on it: PostgreSQL refuses (2BP01). */
  refused(at: number): Problem[] {
    return (this.analyses[at]!.behaviors ?? []).flatMap((b) => {
      if (b.cascade || this.onSecondRun(b.ref, at) === false) return [];
      const refs = this.holding(b, at);
      return refs.length ? [dependedOn(b, refs, this.spelled[at]!)] : [];
    });
  }

  /**
   * The objects that hold names like `x`'s when the second run reaches statement `at` (see `sameSlot`), each with the statement that
   * made it: what the first run left, then what the second run's statements before `at` make and drop. A guarded CREATE keeps what is there.
   */
  private holders(x: ObjectRef, at: number): Array<{ ref: ObjectRef; at: number }> {
    const events = this.eventsOn(x).filter((e) => sameSlot(x, e.ref));
    let held: Array<{ ref: ObjectRef; at: number }> = [];
    for (const e of [...events, ...events.filter((e) => e.at < at)]) {
      if (e.exists && e.guarded && held.some((h) => sameSlot(h.ref, e.ref))) continue;
      held = held.filter((h) => !sameSlot(h.ref, e.ref));
      if (e.exists) held.push({ ref: e.from ? this.renamedKind(e as NameEvent & { from: ObjectRef }) : e.ref, at: e.at });
    }
    return held;
  }

  /** A rename's new name as the kind of object the file made under the old one: ALTER TABLE renames a view or a sequence too. */
  private renamedKind(e: NameEvent & { from: ObjectRef }): ObjectRef {
    const made = this.createsBefore(e.from, e.at, true).pop();
    return made ? { ...e.ref, kind: made.ref.kind } : e.ref;
  }

  /**
   * `problems` of the DROP at `at`, where the second run finds a name it drops held by another kind of object (see `wrongKind`) or,
   * for a DROP FUNCTION without argument types, by several overloads (see `ambiguousDrop`): that problem in place of its own for the object.
   */
  occupied(problems: Problem[], at: number): Problem[] {
    const a = this.analyses[at]!;
    const w = this.spelled[at]!;
    const found: Array<{ ref: ObjectRef; problem: Problem }> = [];
    for (const b of a.behaviors ?? []) {
      const routine = b.ref.kind === 'function';
      if (!b.word || (!routine && CLASS_KINDS[b.ref.kind] === undefined)) continue;
      const held = this.holders(b.ref, at);
      if (routine && b.ref.signature === undefined && held.length > 1) {
        found.push({ ref: b.ref, problem: ambiguousDrop(b, held.map((h) => h.ref), w) });
        continue;
      }
      const other = held.find((h) => (routine ? b.ref.routine && h.ref.routine && h.ref.routine !== b.ref.routine : h.ref.kind !== b.ref.kind));
      if (!other) continue;
      const made = `\`${oneLine(this.spelled[other.at]!.text, 60)}\` ${other.at > at ? 'further down made it on the first run' : 'before it made it'}`;
      found.push({ ref: b.ref, problem: wrongKind(b, other.ref, made, a.drops.length === 1, w) });
    }
    if (!found.length) return problems;
    const own = problems.filter((p) => !(p.dropping && p.object && found.some((f) => sameObject(f.ref, p.object!))));
    return [...own, ...found.map((f) => f.problem)];
  }

  /** What the first run created further down than statement `at` that depends on the object `drop` drops there, and the second run finds there: the object, or the part of it that depends. */
  private holding(drop: DropBehavior, at: number): ObjectRef[] {
    const there = (d: { at: number; ref: ObjectRef; use: Dependency }) => this.onSecondRun(d.ref, at) && (!d.use.via || this.partThere(d.use.via, d.at, at));
    const on = this.dependentsOf(drop.ref).filter((d) => d.at > at && !d.use.auto && sameOwner(d.use.ref, drop.ref) && fits(d.use, drop) && there(d));
    return on.map((d) => d.use.via ?? d.ref).filter((ref, i, all) => all.findIndex((r) => sameObject(r, ref)) === i);
  }

  /**
   * Whether `part` (a constraint, a default) of what statement `made` created is there when the second run reaches the DROP at `at`:
   * no other statement drops it before `at`, or after `made` on the first run (`at`'s own DROP would take it only under CASCADE).
   */
  private partThere(part: ObjectRef, made: number, at: number): boolean {
    return !this.eventsOn(part).some((e) => !e.exists && e.at !== at && (e.at < at || e.at > made) && sameObject(e.ref, part));
  }

  /** The events on objects that may be `refs`, in file order. */
  private eventsOn(...refs: ObjectRef[]): NameEvent[] {
    const indexes = refs.length === 1 ? (this.named.get(keyOf(refs[0]!)) ?? []) : refs.flatMap((x) => this.named.get(keyOf(x)) ?? []).sort((a, b) => a - b);
    return indexes.map((i) => this.events[i]!);
  }

  /** CREATEs of `x` (of any kind of relation, for a relation) before statement `at`: unguarded ones, or with `guarded` all. */
  private createsBefore(x: ObjectRef, at: number, guarded = false) {
    return (this.creates.get(keyOf(x)) ?? []).filter((c) => c.at < at && (guarded || !c.guarded) && sameOwner(x, c.ref));
  }

  /** DROPs (with `orRenamed`, renames away too) of objects `same` as `x`, anywhere in the file or (with `before`) before that statement. */
  private dropped(x: ObjectRef, same = sameObject, before = Infinity, orRenamed = false): boolean {
    return this.eventsOn(x).some((e) => !e.exists && (orRenamed || !e.rename) && e.at < before && same(x, e.ref));
  }

  private createdPlainBefore(x: ObjectRef, at: number): boolean {
    return this.createsBefore(x, at).length > 0;
  }

  /** The CREATE before `at` that makes `x` anew on the second run too: nothing is there when it runs, or its fix drops it first. */
  private createdFresh(x: ObjectRef, at: number) {
    return this.createsBefore(x, at, true).find((c) => {
      if (this.onSecondRun(c.ref, c.at) === false) return true;
      const remade = c.problem && this.remade(c.problem, c.at);
      const fix = remade && this.whole(remade, c.at);
      return fix?.edit?.kind === 'drop-first' && !caught(this.sites[c.at]!, fix);
    });
  }

  /**
   * The statement further down whose object a second run's CREATE of `x` at `at` meets, where OR REPLACE or IF NOT EXISTS would
   * keep that one: a CREATE after a DROP of it, unless OR REPLACE can take it (see `replaces`); with no DROP, an OR REPLACE that defines it otherwise,
   * which for a view is one with another number of columns, or a RENAME COLUMN of the view. Null when there is none.
   */
  private redefinedBy(x: ObjectRef, at: number): { at: number; dropped: boolean } | null {
    const later = this.eventsOn(x).filter((e) => e.at > at && !e.rename && sameObject(e.ref, x));
    const last = later[later.length - 1];
    const made = (i: number) => (this.creates.get(keyOf(x)) ?? []).find((c) => c.at === i && sameObject(c.ref, x))?.definition;
    const own = made(at);
    const other = last?.exists ? made(last.at) : undefined;
    if (later.some((e) => !e.exists)) return last?.exists && !(own && other && replaces(own, other)) ? { at: last.at, dropped: true } : null;
    if (!own) return null;
    if (x.kind === 'view') {
      const renamed = this.events.find((e) => e.at > at && e.rename && e.ref.kind === 'column' && e.ref.on !== undefined && sameName(e.ref.on, x.name));
      if (renamed) return { at: renamed.at, dropped: false };
      const theirs = other?.columns?.();
      return other && (theirs === undefined || theirs.length !== own.columns?.()?.length) ? { at: last!.at, dropped: false } : null;
    }
    return other && !sameTree(own.tree, other.tree) ? { at: last!.at, dropped: false } : null;
  }

  /**
   * A CREATE whose second run meets the object as a statement further down defined it (see `redefinedBy`): the fix drops it first,
   * with CASCADE where what the file creates further down depends on it. Null for an OR REPLACE that meets no other definition.
   */
  remade(p: Problem, at: number): Problem | null {
    if (!p.remake || !p.object) return p;
    const by = this.redefinedBy(p.object, at);
    if (!by) return p.ifRedefined ? null : p;
    const kind = p.object.kind;
    const name = this.spelled[at]!.name(p.object.name);
    const statement = `\`${oneLine(this.spelled[by.at]!.text, 60)}\` further down`;
    const view = kind === 'view';
    const why = by.dropped
      ? `${statement} made it again after the file dropped it`
      : `${statement} ${this.analyses[by.at]!.renames?.length ? 'renamed a column of it' : `gave it other ${view ? 'columns' : 'arguments or another result type'}`}`;
    const cannot = `OR REPLACE cannot ${view ? 'drop, rename or retype the columns of a view' : 'change the arguments or the result type of a function'}`;
    const held = this.holding({ ref: p.object, what: p.what, cascade: false, args: p.remake.args }, at);
    const advice = [
      p.ifRedefined || by.dropped ? '' : `OR REPLACE would not do: ${why}, and ${cannot}.`,
      this.analyses[by.at]!.renames?.length ? `Or create the ${kind} with the column under its final name and remove the rename.` : '',
      held.length ? `CASCADE drops ${held.map((x) => described(x, this.spelled[at]!)).join(', ')} too, which the file creates again further down, and every other object that depends on ${name}.` : '',
      ...(p.remake.columns ?? []).map((c) => this.retyped(c, at, name)),
    ].filter((a) => a);
    const reason = p.ifRedefined ? `${why}, and ${cannot}` : by.dropped ? `the ${kind} already exists: ${why}` : p.reason;
    return { ...p, edit: p.remake.drop(held.length > 0), reason, ...(advice.length && { advice: advice.join(' ') }) };
  }

  /**
   * A CREATE TABLE or ADD COLUMN whose IF NOT EXISTS would keep, on the second run, what a DROP ... CASCADE above it left of the object:
   * the part that DROP took (a foreign key, a CHECK, a default that calls a function) would stay gone. The fix drops the object first
   * instead, so the statement makes it whole again; adding the part back alone is the way to keep the rows, but a foreign key then
   * fails while they reference rows the DROP took, so that is advice.
   */
  whole(p: Problem, at: number): Problem {
    const anew = p.remake?.drop ?? p.dropFirst;
    if (!anew || !p.object || p.edit?.kind !== 'insert' || p.edit.words !== 'IF NOT EXISTS') return p;
    const taken = (this.stripped.get(String(at)) ?? []).filter((s) => s.by < at && sameObject(s.whole, p.object!));
    if (!taken.length) return p;
    const w = this.spelled[at]!;
    const parts = taken.map((s) => described(s.part, w)).filter((d, i, all) => all.indexOf(d) === i);
    const whole = described(p.object, w);
    const table = p.object.kind === 'table';
    const held = this.holding({ ref: p.object, what: p.what, cascade: false }, at);
    const advice = [
      `On a second run \`${oneLine(this.spelled[taken[0]!.by]!.text, 60)}\` above takes ${parts.join(' and ')}, not ${whole}, so IF NOT EXISTS would keep ${whole} without ${parts.length > 1 ? 'them' : 'it'}.`,
      `Dropping it first makes it as the first run did${table ? ', without its rows' : ', its values as the first run filled them'}; to keep ${table ? 'the rows' : 'its values'}, write IF NOT EXISTS and add ${parts.join(' and ')} again in a statement of its own after it.`,
      held.length ? `CASCADE drops ${held.map((x) => described(x, w)).join(', ')} too, which the file creates again further down, and every other object that depends on ${w.name(p.object.name)}.` : '',
    ].filter((a) => a);
    return { ...p, edit: anew(held.length > 0), advice: [...advice, p.advice ?? ''].filter((a) => a).join(' ') };
  }

  /**
   * A guarded CREATE TABLE or ADD COLUMN (IF NOT EXISTS) at `at` whose object a DROP ... CASCADE above strips of a part on the
   * second run (a foreign key, a default that calls a function): IF NOT EXISTS keeps it without that part, and nothing fails.
   * The unguarded form fails instead, and `whole` fixes it.
   */
  keptWithout(at: number): Problem[] {
    const taken = this.stripped.get(String(at));
    if (!taken) return [];
    const w = this.spelled[at]!;
    return this.analyses[at]!.creates.flatMap((c) => {
      // A DROP of the object itself in between makes the CREATE make it whole.
      const remade = (by: number) => this.eventsOn(c.ref).some((e) => !e.exists && e.at > by && e.at < at && sameObject(e.ref, c.ref));
      const own = taken.filter((s) => s.taken && s.by < at && sameObject(s.whole, c.ref) && !remade(s.by));
      if (!c.guarded || !own.length || (c.ref.kind !== 'table' && c.ref.kind !== 'column')) return [];
      const parts = own.map((s) => described(s.part, w)).filter((d, i, all) => all.indexOf(d) === i);
      const whole = described(c.ref, w);
      const table = c.ref.kind === 'table';
      const cascade = this.holding({ ref: c.ref, what: whole, cascade: false }, at).length ? ' CASCADE' : '';
      const drop = table ? `DROP TABLE IF EXISTS ${w.name(c.ref.name)}${cascade};` : `ALTER TABLE ${w.name(c.ref.on!)} DROP COLUMN IF EXISTS ${w.name(c.ref.name.name)}${cascade};`;
      const problem: Problem = {
        what: table ? `CREATE TABLE IF NOT EXISTS ${w.name(c.ref.name)}` : `ADD COLUMN IF NOT EXISTS ${w.name(c.ref.name.name)}`,
        outcome: 'kept',
        object: c.ref,
        sqlstate: null,
        reason: `\`${oneLine(this.spelled[own[0]!.by]!.text, 60)}\` above takes ${parts.join(' and ')}, not ${whole}, and IF NOT EXISTS then skips ${whole}, which is there`,
        advice:
          `Put \`${drop}\` before it to make it as the first run did${table ? ', without its rows' : ', its values as the first run filled them'}; ` +
          `to keep ${table ? 'the rows' : 'its values'}, add ${parts.join(' and ')} again in a statement of its own after it.`,
      };
      return [problem];
    });
  }

  /**
   * For a `t.c%TYPE` argument of the function statement `at` makes, where the file leaves the column another type than it has there:
   * that a second run makes the function with that type (which the fix's DROP, resolving `t.c%TYPE` as it runs, names too). Empty where
   * the file leaves the type as it is there, or does not tell.
   */
  private retyped(column: ObjectRef, at: number, fn: string): string {
    const typeAt = (i: number) => this.keysBefore(column.on!, i)?.types[column.name.name];
    const first = typeAt(at);
    if (!first) return '';
    // As a signature tells types apart: not by a length or precision.
    const same = (t: TypeRef | undefined) => t !== undefined && t.name === first.name && t.schema === first.schema && t.array === first.array;
    if (same(typeAt(this.sites.length))) return '';
    const by = this.keySites(column.on!.name).find((i) => i > at && !same(typeAt(i + 1)));
    if (by === undefined) return '';
    const w = this.spelled[at]!;
    const written = `${w.name(column.on!)}.${w.name(column.name.name)}`;
    return (
      `${written}%TYPE is the type ${written} has when the statement runs, and \`${oneLine(this.spelled[by]!.text, 60)}\` further down changes it: ` +
      `a second run makes ${fn} with the new type, where the first run made it with the old one, so a statement that names ${fn} by the argument types ` +
      `of the first run misses it then; a DROP that names ${fn} alone, without argument types, takes it while ${fn} has no other signature.`
    );
  }

  private renamed(x: ObjectRef): boolean {
    return this.eventsOn(x).some((e) => e.rename && sameObject(e.ref, x));
  }

  /**
   * Whether `x` is there when the second run reaches statement `at`: the last event on its name before
   * `at` in this run, else the last one of the first run. Null when the file never names it.
   */
  private onSecondRun(x: ObjectRef, at: number): boolean | null {
    return this.lastEvent(this.eventsOn(x), at, (e) => sameObject(e.ref, x))?.exists ?? null;
  }

  /** The event of `events` (those `match` accepts) that decides the second run at `at`: the last before `at`, else the last of the first run. */
  private lastEvent(events: NameEvent[], at: number, match: (e: NameEvent) => boolean): NameEvent | undefined {
    let before: NameEvent | undefined;
    let last: NameEvent | undefined;
    for (const e of events) {
      if (!match(e)) continue;
      last = e;
      if (e.at < at) before = e;
    }
    return before ?? last;
  }

  /**
   * A problem as the second run meets it once renames are counted: a CREATE of a name the file renames
   * away is fine (a DROP of one it renames into place: see `moot`); a RENAME is fine when its old name is
   * back and its new one gone (Prisma's enum swap), and collides when both are there. Null when fine.
   */
  secondRun(p: Problem, at: number): Problem | null {
    if (!p.object) return p;
    if (p.renamedTo) {
      if (!this.onSecondRun(p.object, at)) return p.skipsMissing ? null : p;
      return this.onSecondRun(p.renamedTo, at) ? this.collision(p, at) : null;
    }
    if (!this.renamed(p.object)) return p;
    if (p.outcome === 'exists' && this.onSecondRun(p.object, at) === false) return null;
    return p;
  }

  /** A RENAME (or SET SCHEMA) whose old name is back on the second run while its new name is still there. */
  private collision(p: Problem, at: number): Problem {
    const kind = p.object!.kind;
    const from = this.spelled[at]!.name(p.object!.name);
    const to = this.spelled[at]!.name(p.renamedTo!.name);
    // SET SCHEMA keeps the name and changes the schema.
    const move = p.object!.name.name === p.renamedTo!.name.name;
    const create = (this.creates.get(keyOf(p.object!)) ?? []).find((c) => c.at < at && sameObject(c.ref, p.object!));
    const cause = create
      ? `\`${oneLine(this.spelled[create.at]!.text, 60)}\` finds no ${kind} ${from} (this statement ${move ? 'moved' : 'renamed'} it) and creates it again`
      : `${kind} ${from} is there again`;
    const fix = move
      ? `Drop ${to} before the move if the copy moved last time may go, or move only while ${to} does not exist yet.`
      : `Create the ${kind} under its final name ${to} and remove the rename; in a migration already applied somewhere, guard the rename on the new name not existing yet.`;
    return {
      what: p.what,
      outcome: 'exists',
      object: p.renamedTo!,
      sqlstate: existsState(kind),
      advice: `On a second run ${cause}, so the ${move ? 'move' : 'rename'} then collides with the ${kind} it ${move ? 'moved' : 'renamed'} last time. ${fix}`,
    };
  }

  /**
   * What statement `at` meets on the second run: its own problems, or, for a statement on a table a later statement
   * drops or renames away (and none before brings back), the missing table alone (none under ALTER TABLE IF EXISTS).
   */
  problemsOf(a: Analysis, at: number): Problem[] {
    if (!a.needs || this.removed().size === 0) return a.problems;
    const tables = [...a.needs.tables, ...(a.needs.reads?.() ?? [])];
    const gone = tables.flatMap((table, i) => {
      if (!this.removed().has(table.name.name)) return [];
      const last = this.lastEvent(this.eventsOn(table), at, (e) => sameOwner(table, e.ref));
      return last && !last.exists && !last.ended && last.at > at ? [{ table, last, i }] : [];
    });
    if (!gone.length) return a.problems;
    if (!a.needs.missing) return [];
    const { table, last, i } = gone[0]!;
    const by = `\`${oneLine(this.spelled[last.at]!.text, 60)}\` further down ${last.rename ? 'renamed it away' : 'dropped it'} on the first run`;
    // The statement's `what` names the one table it acts on; a table it reads, or one of several, is named here.
    const name = tables.length > 1 || i >= a.needs.tables.length ? ` ${this.spelled[at]!.name(table.name)}` : '';
    const missing = a.needs.missing(gone.map((g) => g.table));
    return [{ ...missing, reason: `the ${last.ref.kind}${name} is already gone: ${by}` }];
  }

  /** Names of relations a statement drops or renames away: only a statement on one of them can miss its table. */
  private readonly removed = once(() => new Set(this.events.filter((e) => !e.exists && isRelation(e.ref)).map((e) => e.ref.name.name)));

  /**
   * By the DROP's site: DROPs of a name a later RENAME moves another object into, where nothing brings that one back,
   * so the second run drops what the first run's rename made. Only names some RENAME moves into are looked at.
   */
  private readonly overwrites = once(() => {
    const into = new Set(this.events.filter((e) => e.from).map((e) => e.ref.name.name));
    const out = new Map<number, Array<{ object: ObjectRef; rename: NameEvent & { from: ObjectRef } }>>();
    for (const d of this.events) {
      if (d.exists || d.rename || !into.has(d.ref.name.name)) continue;
      const last = this.lastEvent(this.eventsOn(d.ref), d.at, (e) => sameObject(e.ref, d.ref));
      if (!last?.from || last.at <= d.at || this.onSecondRun(last.from, last.at) !== false) continue;
      out.set(d.at, [...(out.get(d.at) ?? []), { object: d.ref, rename: { ...last, from: last.from } }]);
    }
    return out;
  });

  /** The sites of the RENAMEs `overwrites` holds. */
  private readonly overwritingRenames = once(() => new Set([...this.overwrites().values()].flatMap((drops) => drops.map((o) => o.rename.at))));

  /** The problems of a DROP that destroys what a later RENAME made: see `overwrites`. */
  overwritten(at: number): Problem[] {
    return (this.overwrites().get(at) ?? []).flatMap(({ object, rename }) => {
      const text = this.spelled[rename.at]!.text;
      const problem = dropsRenamed(object, rename.from, { text, line: oneLine(text, 80) }, this.spelled[at]!);
      return problem ? [problem] : [];
    });
  }

  /** An UPDATE judged by its columns' types as the migrations before this file and this file up to it declare them. */
  typed(p: Problem, at: number): Problem | null {
    if (!p.typed || !p.changes) return p;
    const table = once(() => this.keysBefore(p.changes!.name, at));
    return p.typed((column) => table()?.types[column]);
  }

  /** Indexes statement `at` creates that a later ADD CONSTRAINT ... USING INDEX renames: each run builds one more, unless the file drops that constraint. */
  adopted(at: number): Problem[] {
    // Few files take an index into a constraint: the rest need no lookup per CREATE.
    if (!this.adoptions.size) return [];
    return this.analyses[at]!.creates
      .flatMap((c) => (this.adoptions.get(keyOf(c.ref)) ?? []).filter((a) => a.at > at && sameObject(c.ref, a.from)))
      .filter((a) => !this.dropped(constraintNamed(a.to, a.table)))
      .map((a) => adoptedIndex(a, this.spelled[at]!));
  }

  /**
   * An INSERT, judged by the keys the migrations before this file and this file up to it give its table; where a statement further
   * down changes them, by the keys the second run meets instead: a unique index made after the INSERT (IF NOT EXISTS, or in a DO
   * block) is there on the second run, and its ON CONFLICT fires.
   */
  keyed(p: Problem, at: number): Problem | null {
    if (!p.insert || !p.changes) return p;
    const first = onKeys(p, p.insert, this.keysBefore(p.changes.name, at), this.spelled[at]!);
    if (!first || !this.keySites(p.changes.name.name).some((i) => i > at)) return first;
    return onKeys(p, p.insert, this.keysOnSecondRun(p.changes.name, at), this.spelled[at]!);
  }

  /**
   * ADD ... USING INDEX i when the second run finds no index i: this ADD renamed it last time, or a DROP of the
   * constraint named like it (which i became part of) dropped it too, and the file does not make it again before.
   */
  missingIndex(p: Problem, at: number): Problem {
    const a = p.usingIndex;
    if (!a) return p;
    const holder = constraintNamed(a.from, a.table);
    const last = this.lastEvent(this.eventsOn(a.from, holder), at, (e) => sameObject(e.ref, a.from) || (!e.exists && !e.rename && sameObject(e.ref, holder)));
    if (!last || last.exists) return p;
    const loss: IndexLoss = last.ref.kind === 'constraint' ? 'dropped with its constraint' : last.rename && last.at === at ? 'renamed' : 'gone';
    return indexGone(p, a, loss, this.onSecondRun(constraintNamed(a.to, a.table), at) === false, this.spelled[at]!);
  }

  /**
   * A table's columns and keys just before statement `at`: the earlier migrations' fold, then this file's statements.
   * Lazy: the earlier migrations are read only for a table no CREATE TABLE of this file before `at` makes.
   */
  private keysBefore(table: QualifiedName, at: number): TableState {
    // A table this file creates before `at` has the keys it gives it (a guarded CREATE says so): the earlier files are not read.
    // A table is on nothing: its CREATEs are kept under its name alone.
    const here = (this.creates.get(keyOf({ kind: 'table', name: table })) ?? []).some((c) => c.ref.kind === 'table' && c.at < at && sameName(c.ref.name, table));
    const name = `${here}\0${table.schema ?? ''}\0${table.name}`;
    const known = this.folds.get(name);
    let { next, state } = known && known.at <= at ? known : { next: 0, state: here ? () => null : once(() => this.earlier(table)) };
    const sites = this.keySites(table.name);
    for (; next < sites.length && sites[next]! < at; next++) state = this.stepped(table, sites[next]!, state);
    this.folds.set(name, { at, next, state });
    return state();
  }

  /** `state`, a table's keys, with what statement `i` does to them, read when asked. */
  private stepped(table: QualifiedName, i: number, state: () => TableState): () => TableState {
    const site = this.sites[i]!;
    const change = keyChange(site.kind, site.node, table, { file: null, guarded: this.guardedTables.has(i), prior: (old) => this.keysBefore(old, i) });
    return change ? once(() => change(state())) : state;
  }

  /** A table's keys when the second run reaches statement `at`: as the first run leaves them at the end of the file, then as this file's statements before `at` change them. */
  private keysOnSecondRun(table: QualifiedName, at: number): TableState {
    const name = `${table.schema ?? ''}\0${table.name}`;
    if (!this.ends.has(name)) this.ends.set(name, this.keysBefore(table, this.sites.length));
    let state: () => TableState = () => this.ends.get(name);
    for (const i of this.keySites(table.name)) if (i < at) state = this.stepped(table, i, state);
    return state();
  }

  /**
   * A change to an object a CREATE before it makes anew on the second run (dropped or renamed away first, or so fixed): null, as the
   * object is new each time, unless it is a column or constraint that the file leaves the new table without (for a DROP or RENAME) or
   * with (for an ADD), where the first run may have met a table made before the file, which it changed: every statement before this one
   * that makes, drops or renames the table is a guarded CREATE (IF NOT EXISTS). Then the second run meets the table as the file makes it.
   */
  anew(p: Problem, at: number): Problem | null {
    const create = p.changes && this.createdFresh(p.changes, at);
    if (!create) return p;
    const part = p.object;
    if (!part?.on || (part.kind !== 'column' && part.kind !== 'constraint') || create.ref.kind !== 'table') return null;
    if (this.eventsOn(create.ref).some((e) => e.at < at && sameOwner(create.ref, e.ref) && !e.guarded)) return null;
    // Undefined where the statements do not show all of the table (LIKE, INHERITS, ...); null where a DROP in between leaves none.
    const table = this.keysBefore(create.ref.name, at);
    if (!table) return null;
    const name = part.name.name;
    const has = part.kind === 'column' ? table.columns.includes(name) : table.keys.some((k) => k.constraint && k.name === name) || table.constraints.some((c) => c.name === name);
    if (has === (p.outcome === 'missing')) return null;
    const t = this.spelled[at]!.name(create.ref.name);
    const made = `on the second run \`${oneLine(this.spelled[create.at]!.text, 60)}\` makes ${t} anew ${has ? 'with' : 'without'} it`;
    return { ...p, reason: `the ${part.kind} ${has ? 'already exists' : 'is not there'}: ${made}, where on the first run it found ${t} already there and left it as it was` };
  }

  /** A problem another statement of the file already makes harmless, or that shares a root cause reported elsewhere. */
  moot(p: Problem, at: number, site: Site): boolean {
    // A CREATE paired with a DROP of the same object (before it, or after it with nothing made again) re-creates it on every run.
    if (p.outcome === 'exists' && p.object && this.dropped(p.object) && this.onSecondRun(p.object, at) === false) return true;
    // A DROP of what the second run finds there: made again (or renamed into place) before it, or after it with no DROP further down.
    if (p.dropping && p.object && this.onSecondRun(p.object, at) === true) return true;
    // A RENAME into a name an earlier DROP empties: that DROP's finding is the root cause, and its block guards both.
    if (p.renamedTo && this.overwritingRenames().has(at)) return true;
    // An index, trigger or policy goes away with its table: dropped earlier in the file, or dropped and re-created bare.
    if (p.owner && this.dropped(p.owner, sameOwner, at)) return true;
    // A trigger or policy is named per table, so one on a table renamed away earlier leaves the new table free; an index name stays taken in its schema.
    if (p.owner && p.object?.kind !== 'index' && this.dropped(p.owner, sameOwner, at, true)) return true;
    if (p.owner && this.createdPlainBefore(p.owner, at) && this.dropped(p.owner)) return true;
    // DELETE/TRUNCATE then INSERT re-seeds the table.
    if (site.kind === 'InsertStmt' && p.changes) {
      const table = p.changes.name;
      if ((this.clears.get(table.name) ?? []).some((c) => c.at < at && sameName(c.table, table))) return true;
      if ((this.picks.get(table.name) ?? []).some((d) => d.at < at && sameName(d.table, table) && this.reseeds(site.node, d, at))) return true;
    }
    return false;
  }

  /** Whether the INSERT at `at` writes only rows the DELETE `d` before it takes: VALUES rows whose `d.column` is one of its constants. */
  private reseeds(insert: AstNode, d: Picked, at: number): boolean {
    const listed = asArray(insert.cols).map((c) => nodeOf(c, 'ResTarget')?.name);
    // Without a column list, a VALUES row fills the columns in the order the table has them.
    const order = listed.length ? listed : (this.keysBefore(d.table, at)?.columns ?? []);
    const i = order.indexOf(d.column);
    const rows = asArray(nodeOf(insert.selectStmt, 'SelectStmt')?.valuesLists).map((r) => asArray(nodeOf(r, 'List')?.items));
    return i >= 0 && rows.length > 0 && rows.every((r) => d.values.includes(constantText(r[i]) ?? '\0'));
  }
}

/** The list `map` holds at `key`, made empty the first time. */
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** Every string in an AST: the names its statement writes among them. */
function stringsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (typeof node === 'string') out.add(node);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) stringsIn(value, out);
  return out;
}

/** The fields a key-changing statement names its table in, for keyChange (a RENAME's new name too). */
const TABLE_FIELDS = ['relation', 'into', 'intoClause', 'objects', 'newname'];

/**
 * For a table name, the sites (in file order) whose statement may change the keys of a table of that name, so the fold
 * for each INSERT reads those alone. keyChange matches a table by a name the statement writes, or matches every table
 * (DROP INDEX); an unqualified name matches it in every schema. Each site is asked once per string its table fields hold
 * (not its columns': a CREATE TABLE holds hundreds of strings and names one table).
 */
function keySitesByName(sites: Site[]): (table: string) => number[] {
  const probe: StepContext = { file: null, guarded: false, prior: () => undefined };
  // Under no search_path, the unqualified probe matches the name in every schema, as the sites kept must.
  const changes = (site: Site, name: string) => withSearchPath(null, () => keyChange(site.kind, site.node, { name }, probe)) !== null;
  const named = new Map<string, number[]>();
  const any: number[] = [];
  const read = once(() =>
    sites.forEach((site, i) => {
      // Most statements change no keys: their names need not be tried one by one.
      if (!mayChangeKeys(site.kind, site.node)) return;
      // No table is named with a NUL: a statement that changes that one changes any.
      if (changes(site, '\0')) any.push(i);
      else for (const name of stringsIn(TABLE_FIELDS.map((f) => site.node[f]))) if (changes(site, name)) listIn(named, name).push(i);
    }),
  );
  const merged = new Map<string, number[]>();
  return (table) => {
    read();
    if (!merged.has(table)) merged.set(table, [...(named.get(table) ?? []), ...any].sort((a, b) => a - b));
    return merged.get(table)!;
  };
}

/** How the second run finds a link rather than an object: a partition, a parent table, an identity. */
const LINK_STATES: Record<string, { exists: string; missing: string }> = {
  partition: { exists: 'is already attached', missing: 'is already detached' },
  parent: { exists: 'is already a parent', missing: 'is no longer a parent' },
  identity: { exists: 'is already set', missing: 'is already gone' },
};

function consequence(p: Problem): string {
  const what = p.object?.kind ?? 'object';
  const state = p.sqlstate ? ` (SQLSTATE ${p.sqlstate} ${conditionName(p.sqlstate)})` : '';
  const fails = (stock: string) => `fails when the file runs a second time: ${p.reason ?? `the ${what} ${stock}`}${state}`;
  switch (p.outcome) {
    case 'exists':
      return fails(LINK_STATES[what]?.exists ?? 'already exists');
    case 'missing':
      return fails(LINK_STATES[what]?.missing ?? 'is already gone');
    case 'kept':
      return `keeps the ${what} without part of it when the file runs a second time: ${p.reason}`;
    case 'twice':
      return p.sqlstate
        ? `applies twice when the file runs a second time: the rows are inserted again, or the run fails on a unique key${state}`
        : `applies twice when the file runs a second time: ${p.reason ?? 'PostgreSQL picks a new name and creates a duplicate'}`;
  }
}

function handlerNote(site: Site, problems: Problem[]): string {
  const raised = [...new Set(problems.map((p) => p.sqlstate).filter((s): s is string => s !== null))];
  if (!raised.length) return '';
  const again = site.reraised.filter((h) => raised.some((s) => catches(h, s)));
  if (again.length) return ` The DO block's handler for ${again.join(', ')} raises the error again.`;
  if (!site.handlers.length) return '';
  return ` The DO block's handler catches ${site.handlers.join(', ')}, not ${raised.map(conditionName).join(', ')}.`;
}

/** The statement on one line, for a sentence: its comments go, or a `--` would swallow the rest of the line. */
function oneLine(text: string, max = 120): string {
  const flat = withoutComments(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** `insertions` in the site's parsed text as offsets in its text in the file; null when one falls inside a placeholder's value. */
function inFile(ctx: FileContext, site: Site, lines: StatementLines, insertions: Insertion[]): Insertion[] | null {
  const out: Insertion[] = [];
  for (const i of insertions) {
    const at = ctx.template.exactOffset(site.start + i.at);
    if (at === null) return null;
    out.push({ at: at - lines.start, text: i.text });
  }
  return out;
}

/** The site's whole lines in the file with `written` made; null when a DROP put before it would name objects by a value filled in. */
function lineFix(ctx: FileContext, site: Site, lines: StatementLines, written: Insertion[], drops: boolean): Fix | null {
  if (drops && ctx.template.valueIn(site.start, site.start + site.text.length)) return null;
  return replacing(lines, lines.before + withInsertions(lines.text, written) + lines.after);
}

/** The white space before the statement on its line in the file, for a line put before it. */
const indentOf = (lines: StatementLines) => (/^\s*$/.test(lines.before) ? lines.before : '');

/** Why an IF around the statement does not guard it. */
function ifNote(site: Site, problems: Problem[]): string {
  if (site.conditional && problems.some((p) => p.passesIf)) return ' An IF that looks for the constraint runs it all the same: the constraint is gone too.';
  if (!site.lookups || site.conditional) return '';
  const unturned = site.onRelations ? 'which no statement from its DO block on makes, drops or renames' : 'which the file does not make';
  return ` The IF around it looks for ${site.lookups.join(', ')}, ${unturned}, so it runs it every time.`;
}

/**
 * An ALTER TABLE of several commands where a command's problem has no edit (its guard is a DO block): each command as an ALTER
 * TABLE of its own, in order, guarded where it has an edit, the others left to their blocks. Null where that is not the case, or
 * the commands cannot be cut out or an edit placed in one.
 */
function splitWords(problems: Problem[]): string | null {
  const own = problems.filter((p) => p.split);
  if (!own.some((p) => !p.edit)) return null;
  const commands = own[0]!.split!.commands();
  if (!commands) return null;
  const steps: string[] = [];
  for (const [i, command] of commands.entries()) {
    const p = own.find((q) => q.split!.index === i);
    if (p && !p.split!.guard) {
      steps.push(`${p.what} in the block below`);
      continue;
    }
    const parsed = p?.split!.guard ? parseOne(command) : null;
    const insertions = parsed ? applyEdits({ kind: parsed[0], node: parsed[1], text: command }, [p!.split!.guard!], '') : [];
    if (!insertions) return null;
    steps.push(`\`${withInsertions(command, insertions)};\``);
  }
  return `Split it into one ALTER TABLE per command, each guarded on its own, in this order: ${steps.join(', then ')}.`;
}

function draftFor(ctx: FileContext, site: Site, problems: Problem[]): Draft {
  // One DROP ... IF EXISTS guards every object it names: the same edit object, applied once.
  const edits = [...new Set(problems.flatMap((p) => (p.edit ? [p.edit] : [])))];
  const lines = site.start >= 0 ? statementLines(ctx, site.start, site.start + site.text.length) : null;
  // Guards put in place would fix some commands of the ALTER and leave the statement failing on the others.
  const split = splitWords(problems);
  const insertions = edits.length && lines && !split ? applyEdits(site, edits, indentOf(lines)) : null;
  // Quoted and fixed as the file writes it: no edit where the file has no place for it.
  const written = insertions && lines && inFile(ctx, site, lines, insertions);
  const drops = edits.flatMap((e) => (e.kind === 'drop-first' ? [e.drop] : []));
  const pos = ctx.position(site.start >= 0 ? site.start : site.top.start);
  const advice: string[] = split ? [split] : [];
  for (const p of problems) {
    if (p.edit && !written && !split && !advice.includes(editWords(p))) advice.push(editWords(p));
    if (p.advice) advice.push(p.advice);
  }
  if (written && lines) advice.unshift(drops.length ? `Put \`${drops.join(' ')}\` before it.` : `Write \`${oneLine(withInsertions(lines.text, written))}\`.`);
  const message = `${problems.map((p) => `${p.what} ${consequence(p)}`).join('; ')}.${handlerNote(site, problems)}${ifNote(site, problems)}`;
  const draft: Draft = {
    rule: 'non-idempotent',
    file: ctx.migration.file,
    line: pos.line,
    column: pos.column,
    message,
    suggestion: advice.join(' '),
  };
  const fix = written && lines && lineFix(ctx, site, lines, written, drops.length > 0);
  if (fix) draft.fix = fix;
  return draft;
}

function editWords(p: Problem): string {
  if (!p.edit) return '';
  if (p.edit.kind === 'insert') return `Add ${p.edit.words} to ${p.what}.`;
  if (p.edit.kind === 'drop-first') return `Put \`${p.edit.drop}\` before it.`;
  return 'Add ON CONFLICT DO NOTHING.';
}

export const nonIdempotent: FileRule = {
  id: 'non-idempotent',
  scope: 'file',
  defaultSeverity: 'warning',
  description: 'A statement that fails or applies twice when the migration file runs a second time.',
  check(ctx) {
    if (ctx.parsed.error) return [];
    const sites = sitesOf(ctx.parsed.statements);
    const names = resolveNames(sites, runnerPath(ctx), ctx.template.sql);
    return withSearchPath(names.schemas, () => judge(ctx, sites, names.nodes));
  },
};

/**
 * The schemas of the runner's search_path, which a file starts under: configured, else PostgreSQL's default
 * `"$user", public` (Supabase's roles add `extensions`), `"$user"` left out (pathSchemas).
 */
function runnerPath(ctx: FileContext): string[] {
  const given = ctx.options.dryRun.searchPath;
  return given ? pathSchemas(given.split(',')) : ['public', ...(ctx.options.preset === 'supabase' ? ['extensions'] : [])];
}

/** The findings on a file that parses, each site read as `resolved` (its names in the schemas its search_path puts them). */
function judge(ctx: FileContext, written: Site[], resolved: AstNode[]): Draft[] {
  const spelled = spellings(ctx, written);
  const analyses = written.map((s, at) => analyze(s.kind, resolved[at]!, s.text, spelled[at]!));
  const sites = unguarded(written, analyses);
  const ledger = new Ledger(sites, analyses, spelled, (table) => ctx.earlier.table(table));
  const judged = sites.map((site, at) => {
    const found = [
      ...ledger.occupied(ledger.problemsOf(analyses[at]!, at), at),
      ...ledger.refused(at),
      ...ledger.adopted(at),
      ...ledger.overwritten(at),
      ...ledger.keptWithout(at),
    ];
    // Most statements have none: the steps below are not set up for them.
    if (!found.length) return [];
    return found
      .map((p) => ledger.typed(p, at))
      .map((p) => p && ledger.secondRun(p, at))
      .map((p) => p && ledger.remade(p, at))
      .map((p) => p && ledger.whole(p, at))
      .map((p) => p && ledger.keyed(p, at))
      .map((p) => p && ledger.missingIndex(p, at))
      .map((p) => p && ledger.anew(p, at))
      .filter((p): p is Problem => p !== null && !ledger.moot(p, at, site));
  });
  const aborts = sites.map((site, at) => abortsBlock(site, judged[at]!));
  const drafts: Draft[] = [];
  sites.forEach((site, at) => {
    const open = judged[at]!.filter((p) => !caught(site, p) && !rolledBack(sites, aborts, at, p));
    if (open.length) drafts.push(draftFor(ctx, site, open));
  });
  return drafts;
}
