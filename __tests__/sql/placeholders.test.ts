// Templated migrations: placeholders are filled in before parsing, so a Flyway or Go-template file is
// judged on its SQL with the file's own line and column numbers, and data that only looks like a
// template stays as written.

import { fileContext } from '../../src/rules/index.js';
import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { syntaxError } from '../../src/rules/syntax-error.js';
import type { Draft } from '../../src/report/finding.js';
import { loadParser, parseSql } from '../../src/sql/parser.js';
import { DEFAULT_PLACEHOLDER_PATTERNS, fillPlaceholders, placeholderRegex } from '../../src/sql/placeholders.js';
import { migration } from '../support/build-migration.js';
import { lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';

beforeAll(() => loadParser());

const fill = (sql: string, values: Record<string, string> = {}, patterns = DEFAULT_PLACEHOLDER_PATTERNS, shellDefaults = false) =>
  fillPlaceholders(sql, placeholderRegex(patterns), values, shellDefaults).sql;
const options = (placeholders: Record<string, string>, placeholderPatterns = DEFAULT_PLACEHOLDER_PATTERNS) =>
  testOptions({ placeholders, placeholderPatterns });
const at = (d: Draft) => [d.line, d.column];

// In the style of MemberJunction's Flyway migrations, with every built-in Flyway documents.
const FLYWAY = [
  'CREATE INDEX "IX_RecordChange_Detection" ON "${flyway:defaultSchema}"."RecordChange" ("EntityID", "ChangedAt");',
  'CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.fn_geo_distance(lat numeric) RETURNS numeric LANGUAGE sql AS $$',
  '  SELECT lat FROM ${flyway:defaultSchema}."RecordGeoCode"',
  '$$;',
  'GRANT SELECT ON SCHEMA ${flyway:defaultSchema} TO ${flyway:user};',
  "COMMENT ON SCHEMA ${flyway:defaultSchema} IS 'db ${flyway:database}: ${flyway:filename} at ${flyway:timestamp} from ${flyway:workingDirectory}, ${flyway:table}, ${flyway:environment}';",
  'CREATE TABLE ${flyway:defaultSchema}.audit (id int); CREATE TABLE ${flyway:defaultSchema}.audit_log (id int);',
].join('\n');

describe('Flyway placeholders', () => {
  test('a file with ${flyway:defaultSchema} and the other built-ins parses, and its real findings are reported where they are', async () => {
    expect(await lintFile(syntaxError, FLYWAY)).toEqual([]);
    const drafts = await lintFile(nonIdempotent, FLYWAY);
    expect(drafts.map((d) => [...at(d), d.message.split(' fails')[0]])).toEqual([
      [1, 1, 'CREATE INDEX "IX_RecordChange_Detection"'],
      [7, 1, 'CREATE TABLE flyway_defaultschema___.audit'],
      // After a placeholder with no value on the same line, the column is still the file's.
      [7, FLYWAY.split('\n')[6]!.lastIndexOf('CREATE') + 1, 'CREATE TABLE flyway_defaultschema___.audit_log'],
    ]);
  });

  test("under the flyway preset the built-ins Flyway always fills have its values: the default schema, the file's name, the table", async () => {
    const sql = "DROP TABLE IF EXISTS public.audit;\nCREATE TABLE ${flyway:defaultSchema}.audit (id int);\nINSERT INTO ${flyway:table}_log VALUES ('${flyway:filename}');\n";
    const flyway = (placeholders: Record<string, string> = {}, searchPath?: string) => {
      const base = testOptions({ preset: 'flyway', placeholders });
      return { ...base, dryRun: { ...base.dryRun, ...(searchPath ? { searchPath } : {}) } };
    };
    const filled = (o: ReturnType<typeof flyway>) => fileContext(migration('db/V1__audit.sql', sql), o).template.sql;
    expect(filled(flyway())).toBe(
      "DROP TABLE IF EXISTS public.audit;\nCREATE TABLE public.audit (id int);\nINSERT INTO flyway_schema_history_log VALUES ('V1__audit.sql');\n",
    );
    // The first schema of the search path Flyway is given; a configured value wins.
    expect(filled(flyway({}, '"$user", app, public'))).toContain('CREATE TABLE app.audit');
    expect(filled(flyway({ 'flyway:defaultSchema': 'tenant' }))).toContain('CREATE TABLE tenant.audit');
    // The DROP guards the CREATE now that both name public.audit.
    expect(await lintFile(nonIdempotent, sql, {}, flyway())).toEqual([expect.objectContaining({ line: 3 })]);
  });

  test('a value set for flyway:defaultSchema is what the SQL reads, whatever the case of the name, as in Flyway', async () => {
    // The DROP guards the CREATE only when the placeholder reads `app`; messages quote the file as written.
    const sql = (name: string) => `DROP TABLE IF EXISTS app.audit;\nCREATE TABLE \${${name}}.audit (id int);`;
    for (const name of ['flyway:defaultSchema', 'FLYWAY:DEFAULTSCHEMA']) {
      expect(await lintFile(nonIdempotent, sql(name), {}, options({ 'flyway:defaultSchema': 'app' }))).toEqual([]);
      const other = await lintFile(nonIdempotent, sql(name), {}, options({ 'flyway:defaultSchema': 'other' }));
      expect(other.map((d) => d.message.split(' fails')[0])).toEqual([`CREATE TABLE \${${name}}.audit`]);
    }
  });

  test('without values, only the SQL code changes: strings, comments and the file length stay as written', () => {
    const filled = fill(FLYWAY);
    expect(filled).toHaveLength(FLYWAY.length);
    expect(filled.split('\n').map((l) => l.length)).toEqual(FLYWAY.split('\n').map((l) => l.length));
    expect(filled).toContain("IS 'db ${flyway:database}: ${flyway:filename} at ${flyway:timestamp}");
    expect(filled).toContain('GRANT SELECT ON SCHEMA flyway_defaultSchema___ TO flyway_user___;');
    expect(filled).toContain('FROM flyway_defaultSchema___."RecordGeoCode"');
  });
});

// In the style of supabase/auth, whose migrations are Go templates run with .Options.
const SUPABASE_AUTH = [
  'create table if not exists {{ index .Options "Namespace" }}.mfa_factors(id uuid not null);',
  'comment on table {{ index .Options "Namespace" }}.mfa_factors is \'auth: stores metadata about factors\';',
  'CREATE TRIGGER trigger_update_timestamp BEFORE UPDATE ON {{ index .Options "Namespace" }}.mfa_factors FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();',
  'do $$ begin',
  '    alter table {{ index .Options "Namespace" }}.users enable row level security;',
  '    grant select on {{ index .Options "Namespace" }}.users to {{ index .Options "User" }} with grant option;',
  'end $$;',
].join('\n');

describe('environment-style defaults, as goose ENVSUB expands them', () => {
  const env = (sql: string, values: Record<string, string> = {}) => fill(sql, values, DEFAULT_PLACEHOLDER_PATTERNS, true);

  test('${NAME:-word} takes the value, else the word; ${NAME-word} keeps an empty value; a lowercase ${a-b} stays a name', () => {
    expect(env('CREATE SCHEMA ${APP_SCHEMA:-app};')).toBe('CREATE SCHEMA app;');
    expect(env('CREATE SCHEMA ${APP_SCHEMA:-app};', { APP_SCHEMA: 'tenant' })).toBe('CREATE SCHEMA tenant;');
    expect(env('SELECT 1 AS x${SUFFIX:-_a}, 2 AS y${SUFFIX-_b};', { SUFFIX: '' })).toBe('SELECT 1 AS x_a, 2 AS y;');
    expect(env('CREATE SCHEMA ${app-schema};')).toBe('CREATE SCHEMA app_schema___;');
  });

  test('only under goose and the generic preset: to Flyway `APP_SCHEMA:-app` is a name with no value', async () => {
    const sql = 'CREATE TABLE ${APP_SCHEMA:-app}.users (id int);';
    const under = async (preset: 'goose' | 'flyway') =>
      (await lintFile(nonIdempotent, sql, {}, testOptions({ preset }))).map((d) => d.fix?.replacement);
    expect(await under('goose')).toEqual(['CREATE TABLE IF NOT EXISTS ${APP_SCHEMA:-app}.users (id int);']);
    expect(fill(sql)).toBe('CREATE TABLE APP_SCHEMA__app___.users (id int);');
  });

  test('findings quote the placeholder as written, with the SQL its default makes', async () => {
    const drafts = await lintFile(nonIdempotent, 'CREATE TABLE ${APP_SCHEMA:-app}.users (id int);');
    expect(drafts.map((d) => d.message.split(' fails')[0])).toEqual(['CREATE TABLE ${APP_SCHEMA:-app}.users']);
  });
});

describe("goose's ENVSUB regions: ${...} is filled only where goose substitutes it", () => {
  const within = (sql: string, envsub: Array<[number, number]>, values: Record<string, string> = {}) =>
    fillPlaceholders(sql, placeholderRegex(DEFAULT_PLACEHOLDER_PATTERNS), values, true, envsub).sql;

  test('outside the regions ${...} stays as written, which PostgreSQL rejects; inside it takes its value or default', async () => {
    const sql = 'CREATE SCHEMA ${APP_SCHEMA:-app};\nCREATE TABLE ${APP_SCHEMA:-app}.t (id int);';
    const second = sql.indexOf('\n') + 1;
    expect(within(sql, [])).toBe(sql);
    expect(within(sql, [[0, second]])).toBe('CREATE SCHEMA app;\nCREATE TABLE ${APP_SCHEMA:-app}.t (id int);');
    expect(within(sql, [[second, sql.length]], { APP_SCHEMA: 'tenant' })).toBe('CREATE SCHEMA ${APP_SCHEMA:-app};\nCREATE TABLE tenant.t (id int);');
    await loadParser();
    expect(parseSql(within(sql, [])).error?.message).toMatch(/syntax error at or near "\$"/);
  });

  test('a $$ body in a region keeps its quotes; Go actions, which goose never fills, are filled as before', () => {
    const sql = "DO $$ BEGIN RAISE NOTICE '${GOOSE_ENV_NAME}'; END $$;\nSELECT {{ .Col }} FROM t;";
    expect(within(sql, [[0, sql.indexOf('\n')]], { GOOSE_ENV_NAME: 'foo' })).toBe("DO $$ BEGIN RAISE NOTICE 'foo'; END $$;\nSELECT Col_______ FROM t;");
  });
});

describe("goose's ENVSUB regions: a bare $NAME is a variable too (mfridman/interpolate)", () => {
  const within = (sql: string, envsub: Array<[number, number]>, values: Record<string, string> = {}) =>
    fillPlaceholders(sql, placeholderRegex(DEFAULT_PLACEHOLDER_PATTERNS), values, true, envsub).sql;

  test('inside a region $NAME takes its value, or an identifier stands in; outside it stays as written, which PostgreSQL rejects', async () => {
    const sql = 'CREATE SCHEMA $APP_SCHEMA;\nCREATE TABLE $APP_SCHEMA.t (id int);';
    const second = sql.indexOf('\n') + 1;
    expect(within(sql, [[0, second]], { APP_SCHEMA: 'tenant' })).toBe('CREATE SCHEMA tenant;\nCREATE TABLE $APP_SCHEMA.t (id int);');
    expect(within(sql, [[0, sql.length]])).toBe('CREATE SCHEMA APP_SCHEMA_;\nCREATE TABLE APP_SCHEMA_.t (id int);');
    expect(fillPlaceholders(sql, placeholderRegex(DEFAULT_PLACEHOLDER_PATTERNS), {}, true).sql).toBe(sql);
    await loadParser();
    expect(parseSql(within(sql, [[0, second]])).error?.message).toMatch(/syntax error at or near "\$"/);
    expect(parseSql(within(sql, [[0, sql.length]])).error).toBeNull();
  });

  test('a $$ body keeps its quotes, and $$ is read whole: $$NAME is no variable; ${NAME} and $NAME side by side both are', () => {
    const sql = "DO $$ BEGIN RAISE NOTICE '$GOOSE_ENV_NAME'; END $$;\nSELECT '$$X', '${A}$B';";
    expect(within(sql, [[0, sql.length]], { GOOSE_ENV_NAME: 'foo', A: 'a', B: 'b' })).toBe("DO $$ BEGIN RAISE NOTICE 'foo'; END $$;\nSELECT '$$X', 'ab';");
  });
});

describe('Go template placeholders', () => {
  test('{{ index .Options "Namespace" }}, in statements and in a DO body, parses with the default patterns', async () => {
    expect(await lintFile(syntaxError, SUPABASE_AUTH)).toEqual([]);
    const [trigger, ...rest] = await lintFile(nonIdempotent, SUPABASE_AUTH, {}, options({ Namespace: 'auth' }));
    expect(rest).toEqual([]);
    expect(at(trigger!)).toEqual([3, 1]);
    expect(trigger!.suggestion).toContain('DROP TRIGGER IF EXISTS trigger_update_timestamp ON {{ index .Options "Namespace" }}.mfa_factors;');
    const filled = fill(SUPABASE_AUTH, { Namespace: 'auth', User: 'postgres' });
    expect(filled).toContain('grant select on auth.users to postgres with grant option;');
  });

  test('the defaults fill the file exactly as the explicit pattern {{ index .Options "name" }} does', () => {
    const values = { Namespace: 'auth', User: 'postgres' };
    expect(fill(SUPABASE_AUTH, values)).toBe(fill(SUPABASE_AUTH, values, ['{{ index .Options "name" }}']));
  });

  test('a value is found by the whole action, by the field without its dot, or by the last quoted key', () => {
    const sql = 'select {{ .Schema }}, {{- .Schema -}}, {{ index .Options "Namespace" }}, {{ printf "%s_log" .Table }};';
    expect(fill(sql, { Schema: 's', Namespace: 'n', 'printf "%s_log" .Table': 't_log' })).toBe('select s, s, n, t_log;');
  });

  test('an action that prints nothing becomes blank, so both branches of an if are linted on their own lines', async () => {
    const sql = [
      '{{/* partitions only where the option is set */}}',
      '{{- if .Options.Partitioned }}',
      'CREATE INDEX events_at ON {{ .Schema }}.events (at);',
      '{{ else }}',
      'CREATE INDEX events_at ON {{ .Schema }}.events USING brin (at);',
      '{{ end -}}',
      '{{ $v := .Options.Version }}',
    ].join('\n');
    expect(await lintFile(syntaxError, sql)).toEqual([]);
    const drafts = await lintFile(nonIdempotent, sql, {}, options({ Schema: 'app' }));
    expect(drafts.map(at)).toEqual([[3, 1], [5, 1]]);
    expect(fill(sql).split('\n')[3]).toBe(' '.repeat('{{ else }}'.length));
  });

  test('a syntax error after an action with no value is at its column in the file', async () => {
    const sql = 'select 1;\ncreate table {{ index .Options "Namespace" }}.t (id int,);';
    const [error] = await lintFile(syntaxError, sql);
    expect(at(error!)).toEqual([2, sql.split('\n')[1]!.indexOf(')') + 1]);
  });

  test('with placeholder-patterns that leave out {{ name }}, a Go action is a syntax error whose advice names placeholder-patterns', async () => {
    const [error] = await lintFile(syntaxError, SUPABASE_AUTH, {}, options({}, ['${name}']));
    expect(at(error!)).toEqual([1, 28]);
    expect(error!.suggestion).toContain('placeholder-patterns');
  });
});

describe('text where {{ or ${ is data', () => {
  const DATA = [
    "SELECT '{{1,2},{3,4}}'::int[][] AS grid, '{{1}}'::int[][] AS one, '{{a}}'::text[][] AS word, '{{\"x y\"}}'::text[][] AS quoted;",
    "SELECT E'it\\'s {{ index .A \"b\" }} and ${HOME}' AS escaped; -- {{ index .Options \"Namespace\" }} ${flyway:user}",
    '/* {{ printf "%s" .X }} /* nested */ {{ .Y }} */ SELECT 1;',
    "DO $$ BEGIN PERFORM '{{ index .A \"c\" }}', '{{5,6}}'::int[][]; ALTER TABLE {{ index .Options \"Namespace\" }}.t ADD COLUMN IF NOT EXISTS x int; END $$;",
  ].join('\n');

  test('array literals, E-strings, comments and strings inside a $$ body stay as written when there is no value', () => {
    const lines = fill(DATA).split('\n');
    expect(lines.slice(0, 3)).toEqual(DATA.split('\n').slice(0, 3));
    expect(lines[3]).toBe(
      "DO $$ BEGIN PERFORM '{{ index .A \"c\" }}', '{{5,6}}'::int[][]; ALTER TABLE Namespace_______________________.t ADD COLUMN IF NOT EXISTS x int; END $$;",
    );
  });

  test('the array literals reach the parser intact', () => {
    const { statements, error } = parseSql(fill(DATA));
    expect(error).toBeNull();
    expect(statements[0]!.text).toContain("'{{1,2},{3,4}}'::int[][] AS grid, '{{1}}'::int[][] AS one, '{{a}}'::text[][] AS word");
  });

  test('a quoted identifier is SQL code: "${flyway:defaultSchema}" and "{{ index .Options "Namespace" }}" are filled', () => {
    expect(fill('SELECT * FROM "${flyway:defaultSchema}".t, "{{ index .Options "Namespace" }}".u;', { 'flyway:defaultSchema': 'mj', Namespace: 'auth' })).toBe(
      'SELECT * FROM "mj".t, "auth".u;',
    );
  });

  test('a placeholder with a value is filled in strings too, as the runner does', () => {
    expect(fill("COMMENT ON TABLE t IS 'owned by ${flyway:user}, in {{ .Schema }}';", { 'flyway:user': 'deployer', Schema: 'app' })).toBe(
      "COMMENT ON TABLE t IS 'owned by deployer, in app';",
    );
  });

  test('a placeholder split over lines is left alone rather than joined, which would move every line after it', async () => {
    const [error] = await lintFile(syntaxError, 'CREATE TABLE {{\n  schema\n}}.t (id int);');
    expect(at(error!)).toEqual([1, 14]);
  });
});

describe("graphile-migrate's :NAME placeholders, matched as its (?:keys)\\b regex matches them", () => {
  const graphile = (sql: string, values: Record<string, string> = {}) => fill(sql, values, [':NAME']);

  test('one with a value is filled wherever it is, after a word or a colon too, in strings and comments, up to the end of its word', () => {
    expect(graphile("COMMENT ON DATABASE :DATABASE_NAME IS 'db:DATABASE_NAME'; -- x::DATABASE_NAME\n", { DATABASE_NAME: 'app' })).toBe(
      "COMMENT ON DATABASE app IS 'dbapp'; -- x:app\n",
    );
    // The word goes on: another placeholder, without a value here, left as written in the string.
    expect(graphile("SELECT ':DATABASE_NAMES';", { DATABASE_NAME: 'app' })).toBe("SELECT ':DATABASE_NAMES';");
  });

  test('an empty value fills nothing, as graphile-migrate replaces it with ""', () => {
    expect(graphile('CREATE TABLE t (id int) :TABLE_OPTIONS;', { TABLE_OPTIONS: '' })).toBe('CREATE TABLE t (id int) ;');
  });

  test('one without a value after a word or a colon is a cast or an array slice, left as written; elsewhere in code a stand-in', () => {
    expect(graphile('SELECT a::TEXT, b[1:N], :VISITOR;')).toBe('SELECT a::TEXT, b[1:N], VISITOR_;');
  });
});
