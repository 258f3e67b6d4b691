// Sqitch knows a deployed change by its change ID, which hashes the change's plan line and the ID of the change planned
// before it. A plan line edited after a deploy (its note, time or dependencies), or a change removed before it, gives it a
// new ID, and every change after it too: `sqitch deploy` then looks up the database's latest change ID in the plan
// (Engine.pm _sync_plan), fails with "Cannot find change", and deploys nothing.

import type { Draft } from '../report/finding.js';
import { inFolder, type Migration } from '../migration.js';
import { fromGit, type History, type HistoryEntry } from '../history/history.js';
import { SQITCH_PLAN } from '../discover/sqitch-plan.js';

/**
 * One checksum-drift draft per run of deployed changes whose IDs the plan changed, at the first of them: the rest follow
 * from it. A run that starts right after a new change has the out-of-order finding of that change instead.
 */
export function replannedChanges(migrations: Migration[], entryOf: (m: Migration) => HistoryEntry | undefined, history: History): Draft[] {
  const drafts: Draft[] = [];
  let previous: 'new' | 'same' | 'moved' | null = null;
  const roots: Array<{ m: Migration; was: string }> = [];
  // The database's latest change, which `sqitch deploy` looks up: the last deployed one in plan order.
  let latest: { name: string; id: string } | null = null;
  for (const m of migrations) {
    if (!m.sqitch) continue;
    const entry = entryOf(m);
    const now = !entry || entry.state !== 'applied' ? 'new' : entry.changeId === undefined || entry.changeId === m.sqitch.change.id ? 'same' : 'moved';
    if (now === 'moved' && (previous === 'same' || previous === null)) roots.push({ m, was: entry!.changeId! });
    if (now !== 'new') latest = { name: m.sqitch.change.name, id: entry!.changeId ?? m.sqitch.change.id };
    previous = now;
  }
  for (const { m, was } of roots) drafts.push(draft(m, was, latest!, history));
  return drafts;
}

function draft(m: Migration, was: string, latest: { name: string; id: string }, history: History): Draft {
  const { change } = m.sqitch!;
  const plan = inFolder(m.folder, SQITCH_PLAN);
  const base = fromGit(history) ? history.source.slice('git:'.length) : null;
  return {
    rule: 'checksum-drift',
    file: plan,
    line: change.line,
    column: 1,
    message:
      `${plan} now gives ${change.name} the change ID ${change.id.slice(0, 12)}…, but it was deployed as ${was.slice(0, 12)}…: its plan line ` +
      `(dependencies, time, planner or note) or the changes planned before it changed, and so did the ID of every change after it. ` +
      `\`sqitch deploy\` looks up a database's latest change, and fails on every database that deployed ${change.name} ` +
      `("Cannot find change ${latest.id} (${latest.name}) in ${SQITCH_PLAN}" where ${latest.name} is the latest), and deploys nothing.`,
    suggestion:
      (base ? `Restore the plan lines up to ${change.name} as ${base} has them (\`git show ${base}:${plan}\`)` : `Restore the plan lines up to ${change.name} as they were when it was deployed`) +
      ': a deployed change keeps its plan line for good; change what it does with a new change, or `sqitch rework`.',
  };
}
