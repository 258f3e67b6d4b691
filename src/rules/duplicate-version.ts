// duplicate-version: two or more migrations in one folder share a version. A runner applies one of
// them and then skips the other (it records the version as done) or refuses to run at all.

import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import { canonicalVersion, compareText } from '../discover/version-order.js';
import { appliedTest, byFolder, local } from './migration-set.js';
import { renameCommands, versionAllocator } from './renumber.js';
import type { SetRule } from './rule.js';

export const duplicateVersion: SetRule = {
  id: 'duplicate-version',
  scope: 'set',
  defaultSeverity: 'error',
  description: 'Two or more migrations in one folder share a version: the runner applies one and skips or rejects the others.',
  check({ migrations, history }) {
    const onBase = appliedTest(history);
    const drafts: Draft[] = [];
    for (const folder of byFolder(migrations)) {
      const groups = sameVersionGroups(folder.filter((m) => m.kind === 'versioned'));
      if (groups.length === 0) continue;
      const allocate = versionAllocator(folder);
      const newer = groups.flatMap((group) => {
        // The oldest keeps its version: the one on the base, else the first by file name.
        const [keeper, ...rest] = [...group].sort((a, b) => Number(onBase(b)) - Number(onBase(a)) || compareText(a.file, b.file));
        return rest.map((m) => ({ m, keeper: keeper!, group }));
      });
      for (const { m, keeper, group } of newer) {
        const version = allocate();
        drafts.push({
          rule: 'duplicate-version',
          file: m.file,
          line: 0,
          column: 0,
          message:
            `Version ${m.version} is used by ${group.length} migrations in ${m.folder}/: ${group.map((g) => local(g)).join(', ')}. ` +
            `${local(m)} is the newer one (${onBase(m) ? 'later by file name; all are on the base' : onBase(keeper) ? 'not on the base' : 'later by file name'}).`,
          suggestion:
            `Give ${local(m)} the next free version ${version}: ${renameCommands(m, version).join(' && ')}` +
            (onBase(m)
              ? `. All of them are already on the base: renumber only one that no database has applied yet (check the history table first).`
              : onBase(keeper)
                ? ` (${local(keeper)} is on the base and keeps ${keeper.version}).`
                : ''),
        });
      }
    }
    return drafts;
  },
};

/** Groups of two or more migrations whose versions are numerically equal (`003` and `3` are one version), in order. */
function sameVersionGroups(ms: Migration[]): Migration[][] {
  const groups = new Map<string, Migration[]>();
  for (const m of ms) {
    const key = canonicalVersion(m.version);
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
