// Up/down sections inside one file (dbmate, goose, node-pg-migrate): only the up part is the migration.

export interface UpSection {
  /** Which tool's markers were found; null when the file has none (the whole file is "up"). */
  tool: 'dbmate' | 'goose' | 'node-pg-migrate' | null;
  sql: string;
  /** Lines of the file before `sql` starts. */
  lineOffset: number;
  /** false when the markers opt out of the runner's transaction. */
  transactional: boolean | null;
}

const MARKERS = [
  { tool: 'dbmate', up: /^--\s*migrate:up\b(.*)$/m, down: /^--\s*migrate:down\b/m },
  { tool: 'goose', up: /^--\s*\+goose\s+Up\b(.*)$/im, down: /^--\s*\+goose\s+Down\b/im },
  { tool: 'node-pg-migrate', up: /^--\s*Up Migration\b(.*)$/m, down: /^--\s*Down Migration\b/m },
] as const;

export function upSection(text: string): UpSection {
  for (const marker of MARKERS) {
    const up = marker.up.exec(text);
    if (!up) continue;
    const start = text.indexOf('\n', up.index);
    const bodyStart = start === -1 ? text.length : start + 1;
    const rest = text.slice(bodyStart);
    const down = marker.down.exec(rest);
    const sql = down ? rest.slice(0, down.index) : rest;
    return {
      tool: marker.tool,
      sql,
      lineOffset: countLines(text, bodyStart),
      transactional: optsOutOfTransaction(marker.tool, up[1] ?? '', text) ? false : null,
    };
  }
  return { tool: null, sql: text, lineOffset: 0, transactional: null };
}

function optsOutOfTransaction(tool: string, upLineRest: string, text: string): boolean {
  if (tool === 'dbmate') return /transaction:\s*false/.test(upLineRest);
  if (tool === 'goose') return /^--\s*\+goose\s+NO\s+TRANSACTION\b/im.test(text);
  return false;
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
