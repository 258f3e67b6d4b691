// Sqitch's plan, sqitch.plan in the project's top folder: the changes `sqitch deploy` runs, in its order, each known by
// the change ID Sqitch computes from its plan entry and its parent's ID (App::Sqitch::Plan::Change info/id), with the
// tags that follow it, each known by the tag ID computed from its own line and that change's ID (Plan::Tag info/id).

import { prefixedHexDigest } from '../checksum/digest.js';

/** The file Sqitch reads its plan from, in the project's top folder (core.plan_file, by default). */
export const SQITCH_PLAN = 'sqitch.plan';

export interface PlanChange {
  /** The change's name as the plan writes it; it may hold `/` (its scripts are then in subfolders). */
  name: string;
  /** Its 1-based line in the plan. */
  line: number;
  /** Its 0-based place among the plan's changes. */
  index: number;
  /** The change ID Sqitch computes (SHA-1 hex), which sqitch.changes.change_id records. */
  id: string;
  /** Its `requires` and `conflicts` as Sqitch writes them back (Depend as_string, a conflict without its `!`). */
  requires: string[];
  conflicts: string[];
  plannerName: string;
  plannerEmail: string;
  /** The planned time as the plan writes it: `2026-11-23T08:40:15Z`. */
  plannedAt: string;
  note: string;
  /** The tags declared right after it, in plan order. */
  tags: PlanTag[];
  /**
   * Its deploy script's path inside the deploy folder, without `.sql`: the name, or for a change reworked later in
   * the plan, `<name>@<tag>` as Sqitch picks it (the first of its rework tags whose file exists, else the first).
   */
  script: string;
}

/** A tag line of the plan, which sqitch.tags records with the change it follows. */
export interface PlanTag {
  /** Its name, without its `@`. */
  name: string;
  /** The tag ID Sqitch computes (SHA-1 hex) from its line and its change's ID, which sqitch.tags.tag_id records. */
  id: string;
  note: string;
  plannerName: string;
  plannerEmail: string;
  /** The planned time as the plan writes it: `2026-11-23T08:40:15Z`. */
  plannedAt: string;
}

export interface Plan {
  project: string;
  uri?: string;
  changes: PlanChange[];
}

/** The plan, or why Sqitch refuses it, in Sqitch's own words, with the line it names. */
export type PlanReading = { plan: Plan } | { problem: string; line: number };

// Perl's classes on the decoded (Unicode) plan text, which JavaScript's \s, \w and \b do not match.
const BLANK = '\\t \\xA0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const SPACE = `${BLANK}\\n\\x0B\\f\\r\\x85\\u2028\\u2029`;
const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
// Plan.pm's $punct: [:punct:] without `_`.
const PUNCT = '\\-!"#$%&\'()*+,./:;<=>?@\\[\\\\\\]\\^`{|}~';
// Plan.pm's $name_re.
const NAME = `(?![${PUNCT}])(?:(?![~/=%^]\\p{Nd}+(?:$|[${BLANK}]))[^${BLANK}:@#\\\\])+(?<![${PUNCT}])${BOUNDARY}`;
const TIMESTAMP = '(?<yr>\\p{Nd}{4})-(?<mo>\\p{Nd}{2})-(?<dy>\\p{Nd}{2})T(?<hr>\\p{Nd}{2}):(?<mi>\\p{Nd}{2}):(?<sc>\\p{Nd}{2})Z';

const re = (source: string) => new RegExp(source, 'su');
const BLANK_LINE = re(`^[${BLANK}]*(?:#[${BLANK}]*(?<note>.+)|$)`);
const INLINE_NOTE = re(`[${BLANK}]*(?:#[${BLANK}]*(?<note>.*))?$`);
const PRAGMA = re(
  `^(?:[${BLANK}]*)?%(?:[${BLANK}]*)?(?<name>[^${PUNCT}](?:[^${BLANK}=]*?[^${PUNCT}${BLANK}])?)(?:[${BLANK}]*=[${BLANK}]*(?<value>.+))?$`,
);
const IS_TAG = re(`^[${BLANK}]*@`);
const ENTRY = re(
  `^(?:[${BLANK}]*)?(?:@|[${BLANK}]*[+-][${BLANK}]*)?(?<name>${NAME})(?:[${BLANK}]+)?` +
    `(?:\\[(?<dependencies>[^\\]]+)\\][${BLANK}]*)?(?:${TIMESTAMP}[${BLANK}]*)?` +
    `(?:(?<plannerName>[^<]+)[${BLANK}]+<(?<plannerEmail>[^>]+)>)?$`,
);
const ANY_TIMESTAMP = re(TIMESTAMP);
const ASCII_TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/;
const DEPENDENCY = re(
  `^(?<bang>!?)(?:(?<project>${NAME}):)?(?:(?<id>[0-9a-f]{40})|(?<change>${NAME})(?:@(?<tag>${NAME}))?|(?:@(?<onlyTag>${NAME}))?)$`,
);
const NAME_ONLY = re(`^${NAME}$`);
const DEPENDENCY_SPLIT = re(`[${BLANK}]+`);
const LEADING_SPACE = re(`^[${SPACE}]+`);
const TRAILING_SPACE = re(`[${SPACE}]+$`);
const MERGE_MARKER = /^(?:<{7}|\|{7}|={7}|>{7})(?: |$)/;

const INVALID_NAME =
  'Invalid name; names must not begin with punctuation, contain "@", ":", "#", "\\", or blanks, or end in punctuation or digits following punctuation';

/** Raised for what `hurl parse` (or a Perl die on the way) stops Sqitch with. */
class Refusal {
  constructor(
    readonly problem: string,
    readonly line: number,
  ) {}
}

const syntaxError = (line: number, error: string) => new Refusal(`Syntax error in ${SQITCH_PLAN} at line ${line}: ${error}`, line);

/** Perl's truth of a captured string: undefined, '' and '0' are false (Sqitch tests names, notes and pragmas so). */
const truthy = (s: string | undefined): s is string => s !== undefined && s !== '' && s !== '0';

interface Dependency {
  project?: string;
  id?: string;
  change?: string;
  tag?: string;
}

interface Entry {
  name: string;
  line: number;
  requires: Dependency[];
  conflicts: Dependency[];
  plannerName: string;
  plannerEmail: string;
  plannedAt: string;
  note: string;
  tags: Omit<PlanTag, 'id'>[];
  reworkTags: string[];
}

/**
 * Reads a plan as App::Sqitch::Plan::_parse does, with its checks (syntax, reserved and duplicate names, dependency
 * order); `exists` says whether a path inside the deploy folder exists (`users@v1.0.sql`, `a/b.sql`), which picks a
 * reworked change's script.
 */
export function readPlan(text: string, exists: (deployPath: string) => boolean): PlanReading {
  try {
    return { plan: parse(text, exists) };
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    return { problem: withMergeMarker(err, text), line: err.line };
  }
}

function withMergeMarker(refusal: Refusal, text: string): string {
  const marker = linesOf(text)[refusal.line - 1];
  if (marker === undefined || !MERGE_MARKER.test(marker)) return refusal.problem;
  return `${refusal.problem}\nLine ${refusal.line} is a git merge-conflict marker (${marker}): resolve the merge in ${SQITCH_PLAN} before Sqitch can read it`;
}

/** The lines as Perl's getline and `s/\r?\n\z//` give them, which end at a last line `0` with no newline (false in Perl). */
function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '' || lines.at(-1) === '0') lines.pop();
  return lines;
}

function parse(text: string, exists: (deployPath: string) => boolean): Plan {
  const lines = linesOf(text);
  let at = 0;

  const pragmas = new Map<string, string>();
  for (; at < lines.length; at++) {
    const line = lines[at]!;
    const blank = BLANK_LINE.exec(line);
    if (blank) {
      if (truthy(noteOf(blank.groups!.note))) continue;
      at++;
      break;
    }
    const pragma = PRAGMA.exec(line.slice(0, INLINE_NOTE.exec(line)!.index));
    if (!pragma) throw syntaxError(at + 1, 'Invalid pragma; a blank line must come between pragmas and changes');
    const { name, value } = pragma.groups!;
    if (name === 'project' && !NAME_ONLY.test(value ?? '')) {
      throw syntaxError(
        at + 1,
        `invalid project name "${value ?? ''}": project names must not begin with punctuation, contain "@", ":", "#", "\\", or blanks, or end in punctuation or digits following punctuation`,
      );
    }
    pragmas.set(name!, value ?? '1');
  }
  const project = pragmas.get('project');
  if (!truthy(project)) throw new Refusal(`Missing %project pragma in ${SQITCH_PLAN}`, 1);

  const checked: Entry[] = [];
  let section: Entry[] = [];
  const lineOf = new Map<string, number>();
  const sectionLineOf = new Map<string, number>();
  const named = new Map<string, Entry>();
  let previous: Entry | undefined;
  // Plan.pm check_changes runs at each tag, on the changes since the last one.
  const closeSection = () => {
    checkOrder(project, lineOf, section);
    for (const entry of section) checked.push(entry);
    section = [];
  };

  for (; at < lines.length; at++) {
    const lineNo = at + 1;
    const full = lines[at]!;
    if (BLANK_LINE.test(full)) continue;
    const inline = INLINE_NOTE.exec(full)!;
    const line = full.slice(0, inline.index);
    const isTag = IS_TAG.test(line);
    const g = ENTRY.exec(line)?.groups ?? {};
    const name = g.name;
    if (!truthy(name) || (g.yr === undefined && ANY_TIMESTAMP.test(line))) throw syntaxError(lineNo, INVALID_NAME);
    if (g.yr === undefined && !truthy(g.plannerName)) throw syntaxError(lineNo, 'Missing timestamp and planner name and email');
    if (g.yr === undefined) throw syntaxError(lineNo, 'Missing timestamp');
    if (!truthy(g.plannerName)) throw syntaxError(lineNo, 'Missing planner name and email');
    if (name === 'ROOT' || name === 'HEAD') throw syntaxError(lineNo, `"${isTag ? '@' : ''}${name}" is a reserved name`);
    if (/^[0-9a-f]{40}/.test(name)) throw syntaxError(lineNo, `"${name}" is invalid because it could be confused with a SHA1 ID`);
    const plannedAt = timestamp(g, lineNo);

    if (isTag) {
      if (name.includes('/')) throw syntaxError(lineNo, `Tag "${name}" contains illegal character /`);
      if (!previous) throw syntaxError(lineNo, `Tag "${name}" declared without a preceding change`);
      const earlier = lineOf.get(`@${name}`);
      if (earlier) throw syntaxError(lineNo, `Tag "${name}" duplicates earlier declaration on line ${earlier}`);
      if (truthy(g.dependencies)) throw syntaxError(lineNo, 'Tags may not specify dependencies');
      closeSection();
      previous.tags.push({ name, note: noteOf(inline.groups!.note), plannerName: g.plannerName!, plannerEmail: g.plannerEmail!, plannedAt });
      for (const [key, n] of sectionLineOf) lineOf.set(key, n);
      lineOf.set(`@${name}`, lineNo);
      sectionLineOf.clear();
      continue;
    }

    const earlier = sectionLineOf.get(name);
    if (earlier) throw syntaxError(lineNo, `Change "${name}" duplicates earlier declaration on line ${earlier}`);
    const entry: Entry = {
      name,
      line: lineNo,
      requires: [],
      conflicts: [],
      plannerName: g.plannerName!,
      plannerEmail: g.plannerEmail!,
      plannedAt,
      note: noteOf(inline.groups!.note),
      tags: [],
      reworkTags: [],
    };
    readDependencies(g.dependencies, entry, lineNo);
    sectionLineOf.set(name, lineNo);
    section.push(entry);
    previous = entry;
    const reworked = named.get(name);
    if (reworked) {
      // Plan.pm: the tags between the reworked change and here, latest first, then its own.
      for (let i = checked.length - 1; checked[i] !== reworked; i--) reworked.reworkTags.push(...checked[i]!.tags.map((t) => t.name));
      reworked.reworkTags.push(...reworked.tags.map((t) => t.name));
    }
    named.set(name, entry);
  }
  closeSection();
  refuseBareIds(checked);

  const uri = truthy(pragmas.get('uri')) ? canonicalUri(pragmas.get('uri')!) : undefined;
  let parent: string | undefined;
  const changes = checked.map((entry, index): PlanChange => {
    const requires = entry.requires.map((d) => dependencyString(d, project));
    const conflicts = entry.conflicts.map((d) => dependencyString(d, project));
    const id = changeId(project, uri, entry, parent, requires, conflicts);
    parent = id;
    const { name, line, plannerName, plannerEmail, plannedAt, note } = entry;
    const tags = entry.tags.map((t): PlanTag => ({ ...t, id: tagId(project, uri, t, id) }));
    return { name, line, index, id, requires, conflicts, plannerName, plannerEmail, plannedAt, note, tags, script: scriptOf(entry, exists) };
  });
  return { project, ...(uri === undefined ? {} : { uri }), changes };
}

/** Line.pm BUILDARGS: a note is trimmed, then its `\n`, `\r` and `\\` escapes are undone. */
function noteOf(raw: string | undefined): string {
  if (!truthy(raw)) return raw ?? '';
  const trimmed = raw.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
  return trimmed.replace(/\\([\\nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

/** DateTime->new's checks on the plan's timestamp: Sqitch dies with DateTime's message for an impossible one. */
function timestamp(g: Record<string, string | undefined>, lineNo: number): string {
  const { yr, mo, dy, hr, mi, sc } = g as Record<'yr' | 'mo' | 'dy' | 'hr' | 'mi' | 'sc', string>;
  const stamp = `${yr}-${mo}-${dy}T${hr}:${mi}:${sc}Z`;
  // The usual, valid stamp in one test; the checks after it only name what is wrong.
  if (ASCII_TIMESTAMP.test(stamp) && +mo >= 1 && +mo <= 12 && +dy >= 1 && +dy <= 28 && +hr <= 23 && +mi <= 59 && +sc <= 59) return stamp;
  const where = ` in ${SQITCH_PLAN} at line ${lineNo}`;
  const ranges: [string, string, number, number][] = [
    ['Year', yr, 0, 9999],
    ['Month', mo, 1, 12],
    ['DayOfMonth', dy, 1, 31],
    ['Hour', hr, 0, 23],
    ['Minute', mi, 0, 59],
    ['Second', sc, 0, 61],
  ];
  for (const [type, value, min, max] of ranges) {
    if (!/^[0-9]+$/.test(value)) throw new Refusal(`Validation failed for type named ${type} with value "${value}"${where}`, lineNo);
    if (+value < min || +value > max) throw new Refusal(`Validation failed for type named ${type} with value ${value}${where}`, lineNo);
  }
  const leap = +yr % 4 === 0 && (+yr % 100 !== 0 || +yr % 400 === 0);
  const monthLength = +mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(+mo) ? 30 : 31;
  if (+dy > monthLength) throw new Refusal(`Invalid day of month (day = ${dy} - month = ${mo} - year = ${yr})${where}`, lineNo);
  // A leap second is valid only at the instants the IERS inserted one; Sqitch never plans one.
  if (+sc > 59) throw new Refusal(`Invalid second value (${sc})${where}`, lineNo);
  return stamp;
}

function readDependencies(list: string | undefined, entry: Entry, lineNo: number): void {
  if (!truthy(list)) return;
  const seen = new Set<string>();
  // Perl's split drops trailing empty fields but keeps a leading one (`[ a]`), which no Depend can be made from.
  const strings = list.split(DEPENDENCY_SPLIT);
  while (strings.at(-1) === '') strings.pop();
  for (const spec of strings) {
    const m = DEPENDENCY.exec(spec);
    if (!m) throw syntaxError(lineNo, `"${spec}" is not a valid dependency specification`);
    const { bang, project, id, change, tag, onlyTag } = m.groups!;
    if (change === undefined && (tag ?? onlyTag) === undefined && !truthy(id)) {
      throw new Refusal(`Depend object must have either "change", "tag", or "id" defined (dependency "${spec}" in ${SQITCH_PLAN} at line ${lineNo})`, lineNo);
    }
    if (seen.has(spec)) throw syntaxError(lineNo, `Duplicate dependency "${spec}"`);
    seen.add(spec);
    (bang ? entry.conflicts : entry.requires).push({ project, id, change, tag: tag ?? onlyTag });
  }
}

/**
 * Depend as_string looks a bare change ID up in the plan, whose lookup table needs every change's ID, this one's too:
 * Sqitch 1.3.1 recurses without end (`sqitch plan` and `sqitch deploy` hung, warning "Deep recursion"): no ID to match.
 */
function refuseBareIds(changes: Entry[]): void {
  for (const change of changes) {
    const bare = [...change.requires, ...change.conflicts].find((d) => d.id !== undefined && d.project === undefined);
    if (bare) {
      throw new Refusal(
        `Change "${change.name}" depends on "${bare.id}", a change ID without its project: Sqitch recurses without end computing the plan's change IDs (\`sqitch deploy\` hangs); write it as "project:${bare.id}" or by the change's name`,
        change.line,
      );
    }
  }
}

/** Depend key_name: `change`, `change@tag`, `@tag`, or the ID. */
function keyName(d: Dependency): string {
  const key = (d.change ?? '') + (d.tag === undefined ? '' : `@${d.tag}`);
  return key === '' ? (d.id ?? '') : key;
}

/** Depend as_string: the key, `project:`-qualified only for another project. */
function dependencyString(d: Dependency, project: string): string {
  return d.project !== undefined && d.project !== project ? `${d.project}:${keyName(d)}` : keyName(d);
}

/** Plan.pm check_changes over the changes since the last tag, `seen` holding the earlier ones' and tags' lines. */
function checkOrder(project: string, seen: Map<string, number>, section: Entry[]): void {
  const position = new Map<string, number>();
  const invalid: [Entry, string[]][] = [];
  section.forEach((change, i) => {
    const bad: string[] = [];
    for (const dep of change.requires) {
      // Other projects' changes, and bare IDs (which may be anyone's), are not in this plan to check.
      if (dep.project !== undefined ? dep.project !== project : dep.id !== undefined) continue;
      const key = keyName(dep);
      if (/.@/.test(key)) {
        const [name, tag] = [key.slice(0, key.indexOf('@')), key.slice(key.indexOf('@') + 1)];
        const tagAt = seen.get(`@${tag}`);
        const changeAt = seen.get(name);
        if (tagAt && changeAt && changeAt < tagAt) continue;
      } else if (seen.has(key) || position.has(key)) continue;
      bad.push(key);
    }
    position.set(change.name, i + 1);
    if (bad.length) invalid.push([change, bad]);
  });
  if (!invalid.length) return;

  const errors: string[] = [];
  for (const [change, bad] of invalid) {
    let maxDelta = 0;
    for (const dep of bad) {
      const pos = position.get(dep);
      if (dep === change.name) errors.push(`Change "${dep}" cannot require itself`);
      else if (pos) {
        const delta = pos - position.get(change.name)!;
        maxDelta = Math.max(maxDelta, delta);
        errors.push(`Change "${change.name}" planned ${delta} ${delta === 1 ? 'change' : 'changes'} before required change "${dep}"`);
      } else errors.push(`Unknown change "${dep}" required by change "${change.name}"`);
    }
    if (maxDelta) {
      errors[errors.length - 1] += `\n    HINT: move "${change.name}" down ${maxDelta} ${maxDelta === 1 ? 'line' : 'lines'} in ${SQITCH_PLAN}`;
    }
  }
  const head = errors.length === 1 ? 'Dependency error detected:' : 'Dependency errors detected:';
  throw new Refusal([head, ...errors].join('\n  '), invalid[0]![0].line);
}

/** Change.pm info and id: SHA-1 of `change <bytes>\0<info>` over the UTF-8 info. */
function changeId(project: string, uri: string | undefined, entry: Entry, parent: string | undefined, requires: string[], conflicts: string[]): string {
  const info = [
    `project ${project}`,
    ...(uri === undefined ? [] : [`uri ${uri}`]),
    `change ${entry.name}`,
    ...(parent === undefined ? [] : [`parent ${parent}`]),
    `planner ${entry.plannerName} <${entry.plannerEmail}>`,
    `date ${entry.plannedAt}`,
    ...(requires.length ? [`requires\n  + ${requires.join('\n  + ')}`] : []),
    ...(conflicts.length ? [`conflicts\n  - ${conflicts.join('\n  - ')}`] : []),
    ...(truthy(entry.note) ? ['', entry.note] : []),
  ];
  return objectId('change', info);
}

/** Tag.pm info and id: SHA-1 of `tag <bytes>\0<info>`, the info naming the ID of the change it follows. */
function tagId(project: string, uri: string | undefined, tag: Omit<PlanTag, 'id'>, change: string): string {
  const info = [
    `project ${project}`,
    ...(uri === undefined ? [] : [`uri ${uri}`]),
    `tag @${tag.name}`,
    `change ${change}`,
    `planner ${tag.plannerName} <${tag.plannerEmail}>`,
    `date ${tag.plannedAt}`,
    ...(truthy(tag.note) ? ['', tag.note] : []),
  ];
  return objectId('tag', info);
}

/** Sqitch's IDs hash their info lines as git hashes an object: `<kind> <byte length>\0`, then the UTF-8 bytes. */
function objectId(kind: 'change' | 'tag', infoLines: string[]): string {
  const bytes = Buffer.from(infoLines.join('\n'), 'utf8');
  return prefixedHexDigest('sha1', `${kind} ${bytes.length}\0`, bytes);
}

/** Change.pm _path_segments: a reworked change's script is `<name>@<tag>`, by the first rework tag whose file exists. */
function scriptOf(entry: Entry, exists: (deployPath: string) => boolean): string {
  if (!entry.reworkTags.length) return entry.name;
  const candidates = entry.reworkTags.map((tag) => `${entry.name}@${tag}`);
  return candidates.find((path) => exists(`${path}.sql`)) ?? candidates[0]!;
}

/** The default ports of the URI schemes whose canonical form drops them (URI::_server subclasses). */
const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443, ftp: 21, ssh: 22 };

/**
 * URI->new($uri)->canonical, which the change info records: trimmed, non-URI characters %-escaped, scheme (and a URN's
 * namespace) lowercased, escapes normalised; for a server URI, the host lowercased and a default or empty port dropped,
 * and for http(s) an empty path made `/`.
 */
function canonicalUri(raw: string): string {
  let uri = raw
    .replace(/^<(?:URL:)?(.*)>$/s, '$1')
    .replace(/^"(.*)"$/s, '$1')
    .replace(LEADING_SPACE, '')
    .replace(TRAILING_SPACE, '')
    .replace(/[^;/?:@&=+$,A-Za-z0-9\-_.!~*'()%#]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  uri = uri.replace(/^[a-zA-Z][a-zA-Z0-9.+-]*:/, (scheme) => scheme.toLowerCase());
  uri = uri.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9\-_.!~*'()]$/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
  if (/^urn:[^:%]*:/.test(uri)) return uri.replace(/^urn:[^:]*/, (nid) => nid.toLowerCase());
  const server = /^([a-z][a-z0-9.+-]*):\/\/([^/?#]*)(.*)$/s.exec(uri);
  const defaultPort = server ? DEFAULT_PORT[server[1]!] : undefined;
  if (!server || defaultPort === undefined) return uri;
  const [, scheme, authority, rest] = server as unknown as [string, string, string, string];
  const userinfo = /^.*@/s.exec(authority)?.[0] ?? '';
  let hostPort = authority.slice(userinfo.length);
  const port = /:(\d*)$/.exec(hostPort);
  if (port && (port[1] === '' || +port[1]! === defaultPort)) hostPort = hostPort.slice(0, port.index);
  const slash = rest === '' && scheme.startsWith('http') ? '/' : rest;
  return `${scheme}://${userinfo}${hostPort.toLowerCase()}${slash}`;
}
