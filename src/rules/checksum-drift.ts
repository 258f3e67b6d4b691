// checksum-drift: a migration already applied whose content changed since. Databases that ran it keep
// the old version while new ones get the edit, and runners that store a checksum refuse to go on.
// Judged with the configured algorithm against a git base (so a CRLF-only change is no drift under
// `flyway` or `prisma`, as for those runners themselves), or with the algorithm a history table recorded. Under a runner
// that records no checksum and runs a file's up section alone (dbmate, goose, node-pg-migrate), a down-only edit is none.

import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { ChecksumAlgorithm, History, HistoryEntry } from '../history/history.js';
import type { PresetName } from '../options.js';
import { checksum, checksumMatches } from '../checksum/index.js';
import { decodeSql } from '../discover/decode.js';
import { upSection } from '../discover/sections.js';
import { historyIndex } from '../report/build.js';
import { shellQuote } from '../shell.js';
import { appliedTest, local } from './migration-set.js';
import { tamperedSignatures } from './graphile-signatures.js';
import { sqlx } from '../history/tables/sqlx.js';
import { replannedChanges } from './sqitch-changes.js';
import type { SetRule } from './rule.js';

const LABEL: Record<ChecksumAlgorithm, string> = {
  sha256: 'SHA-256',
  flyway: 'Flyway CRC32',
  prisma: 'Prisma SHA-256',
  sqlx: 'sqlx SHA-384',
  graphile: 'graphile-migrate SHA-1',
  drizzle: 'drizzle SHA-256',
  sqitch: 'Sqitch SHA-1',
};

/** What to do when the edit is intentional, in each runner's terms; `m` is the file now, recorded in `table` where configured. */
const KEEP_THE_EDIT: Record<PresetName, string | ((m: Migration, table: string | undefined) => string)> = {
  generic: 'update the checksum your runner recorded for it, and apply the change by hand where it already ran',
  flyway: 'run `flyway repair` to record the new checksum, and apply the change by hand where it already ran',
  prisma:
    '`prisma migrate deploy` does not check it, but `prisma migrate dev` wants to reset a database that ran it: set this migration\'s `checksum` in _prisma_migrations to the new SHA-256 (Prisma has no repair for applied migrations), and apply the change by hand where it already ran',
  // _sqlx_migrations.checksum is BYTEA holding the digest's 48 bytes: the hex pasted as text would store its 96 characters.
  sqlx: (m, table) =>
    `sqlx refuses a changed migration: record the new SHA-384 (\`UPDATE ${table ?? sqlx.defaultTable.name} SET checksum = decode('${checksum('sqlx', m.bytes)}', 'hex') WHERE version = ${BigInt(m.version)};\`), and apply the change by hand where it already ran`,
  supabase: 'note that the Supabase CLI records no checksum and will not run it again: apply the change by hand where it already ran',
  'golang-migrate': 'note that golang-migrate records no checksum and will not run it again: apply the change by hand where it already ran',
  goose: 'note that goose records no checksum and will not run it again: apply the change by hand where it already ran',
  dbmate: 'note that dbmate records no checksum and will not run it again: apply the change by hand where it already ran',
  'node-pg-migrate': 'note that node-pg-migrate records no checksum and will not run it again: apply the change by hand where it already ran',
  diesel: 'note that diesel records no checksum and will not run it again: apply the change by hand where it already ran',
  // sql/migrate/migrate.go Execute records the file's atlas.sum hash in its revision, and nothing compares it again.
  atlas:
    'run `atlas migrate hash` (Atlas refuses the folder until atlas.sum agrees with it); Atlas records a hash in its revision but never compares it, and will not run the file again: apply the change by hand where it already ran',
  drizzle: 'note that drizzle records a hash but never compares it, and will not run it again: apply the change by hand where it already ran',
  // Engine.pm deploys only changes after the database's latest one; `sqitch check` compares script_hash and reports the divergence.
  sqitch: (m) =>
    `keep the deployed script as it was and rework the change instead (\`sqitch rework ${m.name}\`, after a \`sqitch tag\` if no tag follows it), which deploys the new script as a change of its own: Sqitch never runs a deployed change again, and \`sqitch check\` reports its script as diverged`,
  'graphile-migrate': 'add `--! AllowInvalidHash` as its first line (graphile-migrate will not run it again), and apply the change by hand where it already ran',
};

export const checksumDrift: SetRule = {
  id: 'checksum-drift',
  scope: 'set',
  defaultSeverity: 'error',
  description: 'A migration already applied was edited: databases that ran it keep the old version, and checksum-checking runners stop.',
  check({ migrations, history, options }) {
    const drafts = tamperedSignatures(migrations, appliedTest(history));
    if (!history) return drafts;
    const entryOf = historyIndex(history);
    // A file its own signature already shows edited needs no second finding against the base.
    const flagged = new Set(drafts.map((d) => d.file));
    for (const m of migrations) {
      if (flagged.has(m.file)) continue;
      // A repeatable migration is meant to change (it re-runs); undo files never ran.
      if (m.kind !== 'versioned') continue;
      const entry = entryOf(m);
      // An edit to a failed or dirty migration is how it gets fixed, not drift.
      if (!entry || entry.state !== 'applied') continue;
      const drift = compare(m, entry, options.checksum, options.preset);
      if (drift) drafts.push(draft(m, entry, history, drift, options.preset, options.history.table));
    }
    if (options.preset === 'sqitch') drafts.push(...replannedChanges(migrations, entryOf, history));
    return drafts;
  },
};

interface Drift {
  algorithm: ChecksumAlgorithm;
  was: string;
  now: string;
  /** 1-based line of the first changed line in the file now; 0 when only line endings or a BOM changed. */
  line: number;
  /** What changed when no line's text did (git base only): line endings, the byte-order mark, or both. */
  unseen?: string;
}

function compare(m: Migration, entry: HistoryEntry, configured: ChecksumAlgorithm, preset: PresetName): Drift | null {
  if (entry.bytes) {
    // Same bytes, same checksum: an unchanged file (the common case, often the very same buffer) needs no hashing. A
    // migration written in code has no up section: every byte of it counts.
    if (entry.bytes.equals(m.bytes) || (!m.language && upUnchanged(entry.bytes, m.bytes, preset))) return null;
    const was = checksum(configured, entry.bytes);
    if (checksumMatches(configured, was, m.bytes)) return null;
    const line = firstChangedLine(entry.bytes, m.bytes);
    return { algorithm: configured, was, now: checksum(configured, m.bytes), line, ...(line === 0 && { unseen: unseenChange(entry.bytes, m.bytes) }) };
  }
  if (entry.checksum) {
    const { algorithm, value } = entry.checksum;
    return checksumMatches(algorithm, value, m.bytes) ? null : { algorithm, was: value, now: checksum(algorithm, m.bytes), line: 0 };
  }
  return null;
}

/**
 * Whether an edit leaves alone all that runs on `up` under a runner that cuts a file into up and down sections (dbmate,
 * goose, node-pg-migrate) and records no checksum: the file's bytes up to where its up section ends, and its opt-out of
 * the transaction (goose reads NO TRANSACTION anywhere). Under generic, whose runner may checksum the whole file, every byte counts.
 */
function upUnchanged(before: Buffer, after: Buffer, preset: PresetName): boolean {
  if (preset === 'generic') return false;
  const [was, now] = [upPart(before, preset), upPart(after, preset)];
  return was !== null && now !== null && was.transactional === now.transactional && was.bytes.equals(now.bytes);
}

/** A file's bytes up to where its up section ends as `preset`'s runner cuts it, a BOM kept; null when the runner cuts none. */
function upPart(bytes: Buffer, preset: PresetName): { bytes: Buffer; transactional: boolean | null } | null {
  const decoded = decodeSql(bytes);
  if (!decoded.ok) return null;
  const { text } = decoded;
  const section = upSection(text, preset);
  if (!section.tool) return null;
  const bodyStart = text.split('\n', section.lineOffset).reduce((at, line) => at + line.length + 1, 0);
  const bom = bytes.length - Buffer.byteLength(text);
  return { bytes: bytes.subarray(0, bom + Buffer.byteLength(text.slice(0, bodyStart + section.sql.length))), transactional: section.transactional };
}

/** What the runner itself makes of a change to line endings or a byte-order mark alone, where the gate's advice differs. */
const UNSEEN_CHANGE: Partial<Record<PresetName, string>> = {
  generic: "Flyway's own checksum (--checksum flyway) ignores line endings and a BOM.",
  flyway: "Flyway's own checksum (--checksum flyway) ignores line endings and a BOM.",
  prisma: 'Prisma accepts a file whose line endings alone changed, but not an added or removed byte-order mark.',
};

function draft(m: Migration, entry: HistoryEntry, history: History, drift: Drift, preset: PresetName, table: string | undefined): Draft {
  const fromGit = history.source.startsWith('git:');
  const ref = history.source.replace(/^git:/, '');
  const where = fromGit ? `on ${ref}` : `recorded in ${history.source.replace(/^table:/, '')}`;
  const label = LABEL[drift.algorithm];
  const at = drift.line > 0 ? ` First change at line ${drift.line}.` : drift.unseen ? ` Only the ${drift.unseen} changed.` : '';
  const restore = fromGit ? ` (\`git checkout ${shellQuote(ref)} -- ${shellQuote(m.file)}\`)` : '';
  const note = UNSEEN_CHANGE[preset];
  const keep = KEEP_THE_EDIT[preset];
  return {
    rule: 'checksum-drift',
    file: m.file,
    line: drift.line,
    column: 0,
    message:
      `${local(m)} changed after it was applied: ${label} checksum ${drift.was} ${where}, ${drift.now} now.${at} ` +
      `Databases that already ran ${m.sqitch ? `the change ${m.sqitch.change.name}` : `version ${entry.version}`} will not run the edit; new databases will.`,
    suggestion: drift.unseen
      ? `Restore the original ${drift.unseen}${restore}` +
        (drift.unseen.includes('line endings') ? ' and pin them with `*.sql -text` in .gitattributes' : '') +
        (note ? `; ${note}` : '.')
      : `Revert the edit${restore} and put the change in a new migration; if the edit is intentional, ${typeof keep === 'string' ? keep : keep(m, table)}.`,
  };
}

/** What an edit that left every line's text alone changed: the line endings, the byte-order mark, or both. */
function unseenChange(before: Buffer, after: Buffer): string {
  const bom = (b: Buffer) => b.subarray(0, 3).equals(BOM);
  const body = (b: Buffer) => (bom(b) ? b.subarray(3) : b);
  const endings = !body(before).equals(body(after));
  return bom(before) === bom(after) ? 'line endings' : endings ? 'line endings and byte-order mark' : 'byte-order mark';
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The first line whose text differs (line endings and a leading BOM aside); 0 when none does. */
function firstChangedLine(before: Buffer, after: Buffer): number {
  const lines = (b: Buffer) => b.toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const a = lines(before);
  const b = lines(after);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return Math.min(i + 1, b.length);
  }
  return 0;
}
