// name-order: a folder where plain file-name order and version order disagree. Runners that apply
// files "in alphabetical order" (seed 002's runner, dbmate, Prisma, the Supabase CLI, psql loops over
// `ls`) would then run them in another order than their versions say: `00010-x.sql` before `0009-y.sql`.
// Runners that parse and sort versions (Flyway, golang-migrate, goose, sqlx) are not affected, so the
// rule stays quiet under those presets and in Flyway-named folders.

import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { PresetName } from '../options.js';
import { compareText, isDateShaped } from '../discover/version-order.js';
import { byFolder, local } from './migration-set.js';
import { renameCommands } from './renumber.js';
import type { SetRule } from './rule.js';

const SORTS_BY_VERSION: ReadonlySet<PresetName> = new Set(['flyway', 'golang-migrate', 'goose', 'sqlx']);
const MAX_RENAMES = 10;

export const nameOrder: SetRule = {
  id: 'name-order',
  scope: 'set',
  defaultSeverity: 'warning',
  description: 'File-name order and version order disagree: a runner that sorts by name applies the migrations in another order.',
  check({ migrations, options }) {
    if (SORTS_BY_VERSION.has(options.preset)) return [];
    const drafts: Draft[] = [];
    for (const folder of byFolder(migrations)) {
      const byVersion = folder.filter((m) => m.kind === 'versioned' && m.scheme !== 'flyway');
      const byName = [...byVersion].sort((a, b) => compareText(local(a), local(b)));
      const i = byName.findIndex((m, k) => m !== byVersion[k]);
      if (i < 0) continue;
      const early = byName[i]!;
      const late = byVersion[i]!;
      const renames = uniformNames(byVersion);
      drafts.push({
        rule: 'name-order',
        file: early.file,
        line: 0,
        column: 0,
        message:
          `File-name order and version order disagree in ${early.folder}/: sorted by name, ${local(early)} (version ${early.version}) ` +
          `runs before ${local(late)} (version ${late.version}); by version, ${local(late)} runs first.`,
        suggestion:
          renames.length > 0
            ? `Write every version in one width so that names sort as versions do (rename only files no database has applied ` +
              `under their old name, if your runner records file names): ${renames.slice(0, MAX_RENAMES).join(' && ')}` +
              (renames.length > MAX_RENAMES ? ` (and ${renames.length - MAX_RENAMES} more)` : '')
            : 'Rename the files so that their names sort in version order, or run them with a runner that sorts by version.',
      });
    }
    return drafts;
  },
};

/**
 * Renames that give a folder one version format: sequential versions padded to the folder's usual
 * width (the most common one, the wider on a tie), dates padded to the folder's timestamp length.
 */
function uniformNames(ms: Migration[]): string[] {
  const dateLength = Math.max(0, ...ms.filter((m) => isDateShaped(m.version)).map((m) => m.version.length));
  const widths = new Map<number, number>();
  for (const m of ms) if (!isDateShaped(m.version)) widths.set(m.version.length, (widths.get(m.version.length) ?? 0) + 1);
  const [width] = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0];
  const out: string[] = [];
  for (const m of ms) {
    const value = m.version.replace(/^0+(?=\d)/, '');
    const next = isDateShaped(m.version) ? m.version.padEnd(dateLength, '0') : value.length <= width ? value.padStart(width, '0') : m.version;
    if (next !== m.version) out.push(...renameCommands(m, next));
  }
  return out;
}
