#!/usr/bin/env node
// Generates the static benchmark's corpus: a long, real-shaped migration history (tables with FKs,
// indexes, ALTERs, plpgsql functions with dollar-quoted bodies, triggers, RLS policies, DO blocks,
// views, enums, inserts, backfills), deterministic from a seed so every run lints the same bytes.
// Usage: node bench/corpus.mjs [--files N] [--out DIR]   (default 1600 files into .bench/corpus/migrations)

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small, fast, well-distributed PRNG; the same seed gives the same corpus everywhere. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'account', 'invoice', 'order', 'product', 'customer', 'shipment', 'payment', 'ticket', 'project', 'task',
  'comment', 'document', 'team', 'member', 'device', 'session', 'event', 'subscription', 'plan', 'coupon',
  'warehouse', 'supplier', 'contract', 'campaign', 'lead', 'note', 'attachment', 'webhook', 'audit', 'report',
];
const QUALIFIERS = ['', 'item', 'line', 'history', 'setting', 'tag', 'link', 'snapshot', 'rule', 'stat'];
const COLUMN_TYPES = [
  ['TEXT', "''"], ['VARCHAR(255)', "'unknown'"], ['INTEGER', '0'], ['BIGINT', '0'], ['BOOLEAN', 'FALSE'],
  ['NUMERIC(12, 2)', '0'], ['TIMESTAMPTZ', 'NOW()'], ['DATE', 'CURRENT_DATE'], ['JSONB', "'{}'::jsonb"],
  ['TEXT[]', "'{}'"], ['UUID', 'gen_random_uuid()'], ['INET', null], ['SMALLINT', '1'],
];
const COLUMN_WORDS = [
  'name', 'title', 'status', 'amount', 'quantity', 'description', 'external_ref', 'priority', 'score', 'region',
  'currency', 'locale', 'source', 'label', 'kind', 'position', 'weight', 'notes', 'metadata', 'flags', 'code',
  'email', 'phone', 'url', 'version', 'checksum', 'due_on', 'closed_at', 'opened_at', 'archived',
];
const STATUSES = ['draft', 'active', 'pending', 'paused', 'closed', 'archived', 'failed', 'done'];

export function generateCorpus({ out, files = 1600, seed = 20240601 }) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

  /** Tables created so far, with their columns, so later statements reference what exists. */
  const tables = [];
  const usedNames = new Set();
  let counter = 0;
  const fresh = (base) => {
    let name = base;
    while (usedNames.has(name)) name = `${base}_${++counter}`;
    usedNames.add(name);
    return name;
  };
  const guard = (p, words) => (chance(p) ? ` ${words}` : '');

  function createTable() {
    const name = fresh(`${pick(NOUNS)}${pick(QUALIFIERS) ? `_${pick(QUALIFIERS)}` : ''}s`);
    const columns = [];
    const lines = [chance(0.5) ? '  id UUID PRIMARY KEY DEFAULT gen_random_uuid()' : '  id BIGSERIAL PRIMARY KEY'];
    const parent = tables.length > 0 && chance(0.7) ? pick(tables) : null;
    if (parent) {
      const fk = `${parent.name.replace(/s$/, '')}_id`;
      lines.push(`  ${fk} ${parent.idType} REFERENCES ${parent.name}(id) ON DELETE ${pick(['CASCADE', 'RESTRICT', 'SET NULL'])}`);
      columns.push(fk);
    }
    for (let i = int(3, 11); i > 0; i--) {
      const column = `${pick(COLUMN_WORDS)}${chance(0.3) ? `_${int(1, 9)}` : ''}`;
      if (columns.includes(column)) continue;
      const [type, def] = pick(COLUMN_TYPES);
      const notNull = def !== null && chance(0.4) ? ` NOT NULL DEFAULT ${def}` : '';
      columns.push(column);
      lines.push(`  ${column} ${type}${notNull}`);
    }
    if (chance(0.5)) {
      lines.push(`  status VARCHAR(20) NOT NULL DEFAULT '${STATUSES[0]}' CHECK (status IN (${STATUSES.slice(0, int(3, 8)).map((s) => `'${s}'`).join(', ')}))`);
      columns.push('status');
    }
    lines.push('  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()', '  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()');
    columns.push('created_at', 'updated_at');
    const idType = lines[0].includes('UUID') ? 'UUID' : 'BIGINT';
    tables.push({ name, columns, idType });
    return `CREATE TABLE${guard(0.5, 'IF NOT EXISTS')} ${name} (\n${lines.join(',\n')}\n);`;
  }

  function createIndex(t) {
    const cols = [pick(t.columns), ...(chance(0.3) ? [pick(t.columns)] : [])].filter((c, i, a) => a.indexOf(c) === i);
    const unique = chance(0.15) ? 'UNIQUE ' : '';
    const name = fresh(`idx_${t.name}_${cols.join('_')}`);
    const where = chance(0.2) && t.columns.includes('status') ? ` WHERE status <> 'archived'` : '';
    return `CREATE ${unique}INDEX${guard(0.5, 'IF NOT EXISTS')} ${name} ON ${t.name} (${cols.map((c) => (chance(0.2) ? `${c} DESC` : c)).join(', ')})${where};`;
  }

  function addColumns(t) {
    const clauses = [];
    for (let i = int(1, 4); i > 0; i--) {
      const column = fresh(`${pick(COLUMN_WORDS)}_v${int(2, 9)}`);
      const [type, def] = pick(COLUMN_TYPES);
      clauses.push(`  ADD COLUMN${guard(0.5, 'IF NOT EXISTS')} ${column} ${type}${def !== null && chance(0.5) ? ` DEFAULT ${def}` : ''}`);
      t.columns.push(column);
    }
    return `ALTER TABLE ${t.name}\n${clauses.join(',\n')};`;
  }

  function plpgsqlFunction(t) {
    const name = fresh(`refresh_${t.name}_summary`);
    const col = pick(t.columns);
    return `CREATE OR REPLACE FUNCTION ${name}(p_since TIMESTAMPTZ DEFAULT NOW() - INTERVAL '1 day')
RETURNS INTEGER
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public
AS $fn$
DECLARE
  v_count INTEGER := 0;
  v_row RECORD;
BEGIN
  -- Walk the rows changed since p_since; a ';' inside the body must not split the statement.
  FOR v_row IN SELECT id, ${col} FROM ${t.name} WHERE updated_at >= p_since ORDER BY updated_at LOOP
    IF v_row.${col} IS NULL THEN
      RAISE NOTICE 'row % of ${t.name} has no ${col}; skipped', v_row.id;
      CONTINUE;
    END IF;
    UPDATE ${t.name} SET updated_at = NOW() WHERE id = v_row.id;
    v_count := v_count + 1;
  END LOOP;
  PERFORM pg_notify('${t.name}_refreshed', v_count::text);
  RETURN v_count;
EXCEPTION
  WHEN lock_not_available THEN
    RAISE WARNING 'could not lock ${t.name}: %', SQLERRM;
    RETURN -1;
END;
$fn$;`;
  }

  function trigger(t) {
    const name = fresh(`trg_${t.name}_updated_at`);
    const drop = chance(0.6) ? `DROP TRIGGER IF EXISTS ${name} ON ${t.name};\n` : '';
    return `${drop}CREATE TRIGGER ${name}
  BEFORE UPDATE ON ${t.name}
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();`;
  }

  function policy(t) {
    const name = fresh(`${t.name} ${pick(['read', 'write', 'owner', 'member'])} access`);
    const drop = chance(0.4) ? `DROP POLICY IF EXISTS "${name}" ON ${t.name};\n` : '';
    return `ALTER TABLE ${t.name} ENABLE ROW LEVEL SECURITY;
${drop}CREATE POLICY "${name}" ON ${t.name}
  FOR ${pick(['SELECT', 'ALL', 'UPDATE', 'DELETE'])}
  USING (current_setting('app.tenant_id', true) IS NOT NULL AND ${t.columns.includes('status') ? "status <> 'archived'" : 'true'});`;
  }

  function doBlock(t) {
    const name = fresh(`${t.name}_${pick(t.columns)}_check`.slice(0, 60));
    return `DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_constraint WHERE conname = '${name}'
  ) THEN
    ALTER TABLE ${t.name} ADD CONSTRAINT ${name} CHECK (created_at <= updated_at);
  END IF;
EXCEPTION
  WHEN duplicate_object THEN NULL;
END $$;`;
  }

  function insert(t) {
    const rows = [];
    for (let i = int(2, 8); i > 0; i--) rows.push(`  ('${pick(STATUSES)}', '${pick(NOUNS)} ${int(1, 9999)}', NOW() - INTERVAL '${int(1, 400)} days')`);
    const conflict = chance(0.5) ? '\nON CONFLICT DO NOTHING' : '';
    return `INSERT INTO ${t.name}_seed (status, label, created_at) VALUES\n${rows.join(',\n')}${conflict};`;
  }

  function seedTable(t) {
    return `CREATE TABLE IF NOT EXISTS ${t.name}_seed (status TEXT, label TEXT, created_at TIMESTAMPTZ);\n${insert(t)}`;
  }

  function view(t) {
    const name = fresh(`v_${t.name}_daily`);
    return `CREATE OR REPLACE VIEW ${name} AS
SELECT date_trunc('day', created_at) AS day,
       COUNT(*) AS total,
       COUNT(*) FILTER (WHERE updated_at > created_at) AS changed
FROM ${t.name}
GROUP BY 1;`;
  }

  function enumType() {
    const name = fresh(`${pick(NOUNS)}_state`);
    return `CREATE TYPE ${name} AS ENUM (${STATUSES.slice(0, int(3, 8)).map((s) => `'${s}'`).join(', ')});`;
  }

  function backfill(t) {
    const col = pick(t.columns);
    return `UPDATE ${t.name}\nSET updated_at = NOW()\nWHERE ${col} IS NOT NULL\n  AND created_at < NOW() - INTERVAL '${int(1, 90)} days';`;
  }

  function comment(t) {
    return `COMMENT ON TABLE ${t.name} IS '${pick(NOUNS)} records kept for ${pick(['billing', 'support', 'reporting', 'audits'])}; see the runbook';`;
  }

  const onExisting = [createIndex, addColumns, plpgsqlFunction, trigger, policy, doBlock, seedTable, view, backfill, comment];
  const dir = out;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const width = String(files + 1).length;
  for (let n = 1; n <= files; n++) {
    const statements = [];
    if (n === 1) {
      statements.push(`CREATE EXTENSION IF NOT EXISTS pgcrypto;`, `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS TRIGGER LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := NOW();\n  RETURN NEW;\nEND;\n$$;`);
    }
    if (n === 1 || chance(0.45)) statements.push(createTable());
    if (chance(0.08)) statements.push(enumType());
    for (let i = int(1, 6); i > 0; i--) statements.push(pick(onExisting)(pick(tables.slice(-40))));
    const title = `${pick(['add', 'update', 'create', 'backfill', 'index', 'secure', 'extend'])}_${pick(NOUNS)}_${pick(['tables', 'columns', 'indexes', 'policies', 'functions', 'data'])}`;
    const sql = `-- Migration ${n}: ${title.replace(/_/g, ' ')}\n-- Generated by bench/corpus.mjs (seed ${seed}).\n\n${statements.join('\n\n')}\n`;
    writeFileSync(join(dir, `${String(n).padStart(width, '0')}_${title}.sql`), sql);
    bytes += Buffer.byteLength(sql);
  }
  return { dir, files, bytes };
}

/** One more migration, as a pull request would add it on top of the corpus. */
export function extraMigration(files) {
  const width = String(files + 1).length;
  return {
    name: `${String(files + 1).padStart(width, '0')}_add_customer_preferences.sql`,
    sql: `-- A new migration added by a pull request.\nCREATE TABLE IF NOT EXISTS customer_preferences (\n  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n  customer_ref TEXT NOT NULL,\n  channel TEXT NOT NULL DEFAULT 'email',\n  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()\n);\nCREATE INDEX idx_customer_preferences_ref ON customer_preferences (customer_ref);\n`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (flag, fallback) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const result = generateCorpus({ out: arg('--out', '.bench/corpus/migrations'), files: Number(arg('--files', 1600)) });
  console.log(`${result.files} files, ${(result.bytes / 1e6).toFixed(2)} MB in ${result.dir}`);
}
