// What graphile-migrate refuses in its signed, chained committed migrations, found without a database:
// a body that no longer matches its Hash (checksum-drift) and a Previous that is not the Hash of the
// file before it (out-of-order). Either stops `graphile-migrate migrate` before it runs anything.

import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import { committedOrder, hashRefused } from '../discover/graphile.js';
import { byFolder, local } from './migration-set.js';

/** A committed migration whose body does not match its Hash, or that allows an invalid hash it does not have. */
export function tamperedSignatures(migrations: Migration[], applied: (m: Migration) => boolean): Draft[] {
  const drafts: Draft[] = [];
  for (const m of migrations) {
    const s = m.signature;
    if (!s || !hashRefused(s)) continue;
    const at = { rule: 'checksum-drift' as const, file: m.file, line: headerLine(m, 'Hash'), column: 1 };
    if (s.allowInvalidHash) {
      drafts.push({
        ...at,
        line: headerLine(m, 'AllowInvalidHash'),
        message: `${local(m)} says \`--! AllowInvalidHash\`, but its body matches its Hash: graphile-migrate refuses it ("Invalid hash allowed ... but hash matches") and runs no migration.`,
        suggestion: 'Remove the `--! AllowInvalidHash` line.',
      });
      continue;
    }
    drafts.push({
      ...at,
      message:
        `${local(m)} was edited after \`graphile-migrate commit\` signed it: its body hashes to ${s.computed}, its Hash header says ${s.hash}. ` +
        'Where it has not run yet, graphile-migrate refuses it ("has the file been tampered with?") and stops there; where it has, the edit never runs.',
      suggestion: applied(m)
        ? 'Revert the edit and make the change in current.sql, as a new migration: databases that ran this one will not run it again. ' +
          'If it must change because it no longer runs on a fresh database, add `--! AllowInvalidHash` as its first line.'
        : `Sign it again: move its body back to current.sql, delete ${local(m)} and run \`graphile-migrate commit\`.`,
    });
  }
  return drafts;
}

/** Each committed migration whose Previous is not the Hash of the one before it, in graphile-migrate's order. */
export function brokenChains(migrations: Migration[]): Draft[] {
  const drafts: Draft[] = [];
  // Only graphile-migrate's files are signed: other folders need no sort.
  if (!migrations.some((m) => m.signature)) return drafts;
  for (const folder of byFolder(migrations, 'graphile-migrate')) {
    const signed = committedOrder(folder).filter((m) => m.signature);
    const byHash = new Map(signed.map((m) => [m.signature!.hash, m]));
    signed.forEach((m, i) => {
      const before = signed[i - 1];
      const want = before?.signature!.hash ?? null;
      const previous = m.signature!.previous;
      if (previous === want) return;
      const parent = previous === null ? null : byHash.get(previous);
      const committedOn = previous === null ? 'as the first migration' : parent ? `on top of ${local(parent)}` : `on top of ${previous}, which no migration here has as its Hash`;
      drafts.push({
        rule: 'out-of-order',
        file: m.file,
        line: headerLine(m, 'Previous'),
        column: 1,
        message:
          `${local(m)} was committed ${committedOn}, but ${before ? `${local(before)} comes before it now` : 'it is the first migration now'}: ` +
          `graphile-migrate refuses to run any migration ("${before ? "Previous migration with hash ... doesn't match" : 'expected a previous migration'}").`,
        suggestion: before
          ? commitAgain(m, before)
          : 'Restore the migrations before it, or commit it again as the first one (`--! Previous: -`) with `graphile-migrate commit`.',
      });
    });
  }
  return drafts;
}

/** How to sign `m` again on top of `last`, the last committed migration once it is gone: the fix for a broken chain. */
export function commitAgain(m: Migration, last: Migration): string {
  return `Commit it again on top of ${local(last)}: move its body to current.sql, delete ${local(m)} and run \`graphile-migrate commit\`.`;
}

/** The 1-based line of a `--! <name>` header (headers are the file's first lines). */
export function headerLine(m: Migration, name: string): number {
  const lines = m.sql.split('\n', 8);
  const at = lines.findIndex((l) => l.startsWith(`--! ${name}`));
  return at + 1;
}
