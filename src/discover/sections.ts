// Up/down sections inside one file (dbmate, goose, node-pg-migrate): only the up part is the migration.

import { gooseMarkers } from './goose-split.js';

export interface UpSection {
  /** Which tool's markers were found; null when the file has none (the whole file is "up"). */
  tool: 'dbmate' | 'goose' | 'node-pg-migrate' | null;
  sql: string;
  /** Lines of the file before `sql` starts. */
  lineOffset: number;
  /** false when the markers opt out of the runner's transaction. */
  transactional: boolean | null;
}

/** Where a tool's up section starts (the offset of its marker line), where its down marker is, and whether the markers opt out of the runner's transaction. */
interface Markers {
  up: number;
  down: number | null;
  optsOut: boolean;
}

type Tool = NonNullable<UpSection['tool']>;

/** A tool whose markers a regex finds: the up marker's line, then the down marker after it; `optsOut` reads the rest of the up marker's line. */
function byRegex(up: RegExp, down: RegExp, optsOut?: (upLineRest: string) => boolean): (text: string) => Markers | null {
  return (text) => {
    const found = up.exec(text);
    if (!found) return null;
    const eol = text.indexOf('\n', found.index);
    const downAt = eol === -1 ? null : down.exec(text.slice(eol + 1));
    return { up: found.index, down: downAt ? eol + 1 + downAt.index : null, optsOut: optsOut?.(found[1] ?? '') ?? false };
  };
}

// goose reads its annotations its own way (any case, whole line, no leading white space): goose-split.ts.
const MARKERS: ReadonlyArray<{ tool: Tool; find: (text: string) => Markers | null }> = [
  { tool: 'dbmate', find: byRegex(/^--\s*migrate:up\b(.*)$/m, /^--\s*migrate:down\b/m, (rest) => /transaction:\s*false/.test(rest)) },
  {
    tool: 'goose',
    find: (text) => {
      const found = gooseMarkers(text);
      return found && { up: found.up.start, down: found.down?.start ?? null, optsOut: found.noTransaction };
    },
  },
  { tool: 'node-pg-migrate', find: byRegex(/^--\s*Up Migration\b(.*)$/m, /^--\s*Down Migration\b/m) },
];

export function upSection(text: string): UpSection {
  for (const { tool, find } of MARKERS) {
    const found = find(text);
    if (!found) continue;
    const eol = text.indexOf('\n', found.up);
    const bodyStart = eol === -1 ? text.length : eol + 1;
    return {
      tool,
      sql: text.slice(bodyStart, found.down ?? text.length),
      lineOffset: countLines(text, bodyStart),
      transactional: found.optsOut ? false : null,
    };
  }
  return { tool: null, sql: text, lineOffset: 0, transactional: null };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** sqlx's marker: a first line `-- no-transaction` runs the file outside a transaction. */
export function sqlxNoTransaction(text: string): boolean {
  return /^--\s*no-transaction\s*$/m.test(text.split('\n', 1)[0] ?? '');
}
