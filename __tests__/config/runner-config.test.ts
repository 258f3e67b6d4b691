// The runner's own configuration file: a Flyway or graphile-migrate project gets its placeholder values, placeholder
// syntax and search path from flyway.conf, flyway.toml or .gmrc, with no migration-gate configuration; what
// .migration-gate.yml and the CLI say wins. Dry-runs on PGlite that pass only with the runner's values.

import { runCliIn } from '../support/cli.js';
import type { Report } from '../../src/report/report.js';
import { commit } from '../support/graphile.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

async function check(files: Tree, ...flags: string[]): Promise<{ code: number; report: Report | null; stderr: string }> {
  const root = makeTree(files);
  roots.push(root);
  const { code, report, stderr } = await runCliIn(root, ['check', '--all', '--format', 'json', ...flags]);
  return { code, report, stderr };
}

/** What a user reads of each finding. */
const seen = (report: Report | null) => report!.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}${f.suggestion ? ` | ${f.suggestion}` : ''}`);

/** Runs `body` with these environment variables set (undefined: unset), as the runner's file reads them. */
async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return await body();
  } finally {
    set(saved);
  }
}

/** Fails (division by zero) unless `table` was made in `schema`: proves the search path the migration ran with. */
const inSchema = (schema: string, table: string) =>
  `SELECT 1 / (SELECT count(*) FROM pg_tables WHERE schemaname = '${schema}' AND tablename = '${table}')::int;`;

describe('Flyway', () => {
  const MIGRATION = {
    'migrations/V1__accounts.sql': [
      'CREATE SCHEMA IF NOT EXISTS ${flyway:defaultSchema};',
      'CREATE TABLE IF NOT EXISTS accounts (id int) ${tableOptions};',
      inSchema('app', 'accounts'),
      "DO $$ BEGIN IF '${greeting}' <> 'hello world' THEN RAISE EXCEPTION 'greeting is %', '${greeting}'; END IF; END $$;",
      '',
    ].join('\n'),
  };
  const CONF = [
    '# the connection is never read',
    'flyway.url=jdbc:postgresql://db.internal:5432/app',
    'flyway.password=hunter2',
    'flyway.defaultSchema=app',
    '! a comment of the other kind',
    'flyway.placeholders.tableOptions = WITH (fillfactor = 70)',
    'flyway.placeholders.greeting=hello \\',
    '    world',
    '',
  ].join('\n');

  test('flyway.conf gives the placeholders and the search path: the dry-run passes with them and only with them', async () => {
    const withConf = await check({ ...MIGRATION, 'flyway.conf': CONF }, '--preset', 'flyway', '--engine', 'pglite');
    expect(seen(withConf.report)).toEqual([]);
    expect(withConf.report!.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['migrations/V1__accounts.sql', 'applied']]);
    expect(withConf.code).toBe(0);

    const without = await check(MIGRATION, '--preset', 'flyway', '--engine', 'pglite');
    expect(without.code).toBe(1);
    expect(without.report!.findings.map((f) => f.rule)).toContain('dry-run-failed');
  });

  test('flyway.toml: the selected environment, flyway.user.toml over it, and the placeholder prefix and suffix', async () => {
    const files = {
      'migrations/V1__invoices.sql': [
        'CREATE SCHEMA IF NOT EXISTS #[flyway:defaultSchema];',
        'CREATE TABLE IF NOT EXISTS invoices (id int) WITH (fillfactor = #[fill]);',
        "SELECT 1 / (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'billing' AND c.relname = 'invoices' AND c.reloptions @> '{fillfactor=80}')::int;",
        '',
      ].join('\n'),
      'flyway.toml': [
        '[environments.default]',
        'url = "jdbc:postgresql://localhost/app"',
        'schemas = ["public"]',
        '[environments.ci]',
        'password = "hunter2"',
        'schemas = ["billing", "public"]',
        '[flyway]',
        'environment = "ci"',
        'placeholderPrefix = "#["',
        'placeholderSuffix = "]"',
        '[flyway.placeholders]',
        'fill = 70',
        '',
      ].join('\n'),
      'flyway.user.toml': '[flyway.placeholders]\nfill = "80"\n',
    };
    const r = await check(files, '--preset', 'flyway', '--engine', 'pglite');
    expect(seen(r.report)).toEqual([]);
    expect(r.report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
    // With the prefix changed, Flyway leaves ${...} as written, and so does the gate.
    const dollar = await check({ ...files, 'migrations/V1__invoices.sql': 'CREATE TABLE IF NOT EXISTS t (id int) ${fill};\n' }, '--preset', 'flyway', '--no-dry-run');
    expect(seen(dollar.report)).toEqual([expect.stringMatching(/^syntax-error migrations\/V1__invoices.sql:1 Syntax error: syntax error at or near "\$"/)]);
  });

  test('placeholderReplacement=false: nothing is filled, as Flyway sends ${...} as written', async () => {
    const files = { 'migrations/V1__t.sql': 'CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.t (id int);\n' };
    expect(seen((await check(files, '--preset', 'flyway', '--no-dry-run')).report)).toEqual([]);
    const off = await check({ ...files, 'flyway.conf': 'flyway.placeholderReplacement=false\n' }, '--preset', 'flyway', '--no-dry-run');
    expect(seen(off.report)).toEqual([expect.stringMatching(/^syntax-error migrations\/V1__t.sql:1 Syntax error: syntax error at or near "\$"/)]);
  });

  test('createSchemas (the default): the dry-run makes the missing schemas Flyway makes before it migrates, on PGlite and PostgreSQL', async () => {
    const files = {
      'flyway.toml': '[environments.default]\nschemas = ["app", "audit"]\n',
      'migrations/V1__t.sql': [
        'CREATE TABLE IF NOT EXISTS accounts (id int);',
        'CREATE TABLE IF NOT EXISTS audit.events (id int);',
        // The history table's own name, though the gate reads it as "app"."flyway_schema_history".
        'CREATE TABLE IF NOT EXISTS audit.${flyway:table}_copy (id int);',
        inSchema('app', 'accounts'),
        inSchema('audit', 'flyway_schema_history_copy'),
        '',
      ].join('\n'),
    };
    for (const engine of [['--engine', 'pglite'], ['--engine', 'url', '--database-url', TEST_DATABASE_URL]]) {
      const made = await check(files, '--preset', 'flyway', ...engine);
      expect(seen(made.report)).toEqual([]);
      expect(made.report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
      // Flyway made `app` already, so a migration that creates it unguarded fails there, as in the dry-run.
      const again = await check({ ...files, 'migrations/V0__app.sql': 'CREATE SCHEMA app;\n' }, '--preset', 'flyway', ...engine);
      expect(again.report!.dryRun!.migrations.map((m) => [m.file, m.status, m.error?.sqlstate])).toEqual([
        ['migrations/V0__app.sql', 'failed', '42P06'],
        ['migrations/V1__t.sql', 'skipped', undefined],
      ]);
    }
    const off = ['[flyway]\ncreateSchemas = false\n', 'flyway.createSchemas=false\n'];
    const refused = await check({ ...files, 'flyway.toml': `${off[0]}${files['flyway.toml']}` }, '--preset', 'flyway', '--engine', 'pglite');
    expect(refused.report!.dryRun!.migrations.map((m) => m.error?.message)).toEqual(['schema "audit" does not exist']);
    const conf = await check({ 'flyway.conf': `${off[1]}flyway.schemas=app,audit\n`, 'migrations/V1__t.sql': files['migrations/V1__t.sql'] }, '--preset', 'flyway', '--engine', 'pglite');
    expect(conf.report!.dryRun!.migrations.map((m) => m.error?.message)).toEqual(['schema "audit" does not exist']);
    const env = await withEnv({ FLYWAY_CREATE_SCHEMAS: 'false' }, () => check(files, '--preset', 'flyway', '--engine', 'pglite'));
    expect(env.report!.dryRun!.migrations.map((m) => m.error?.message)).toEqual(['schema "audit" does not exist']);
  });

  test('.migration-gate.yml and --placeholder win over flyway.conf, and --search-path over its defaultSchema', async () => {
    const files = {
      'flyway.conf': 'flyway.defaultSchema=app\nflyway.placeholders.schema=app\n',
      // The DROP removes what the CREATE made only where the schema is app: then each run makes it afresh.
      'migrations/V1__audit.sql': 'CREATE TABLE ${schema}.audit (id int);\nDROP TABLE IF EXISTS app.audit;\n',
    };
    const flyway = ['--preset', 'flyway', '--no-dry-run'];
    expect(seen((await check(files, ...flyway)).report)).toEqual([]);
    const yml = { ...files, '.migration-gate.yml': 'placeholders:\n  schema: billing\n' };
    expect(seen((await check(yml, ...flyway)).report)).toEqual([expect.stringMatching(/^non-idempotent migrations\/V1__audit.sql:1 CREATE TABLE \$\{schema\}.audit fails/)]);
    expect(seen((await check(yml, ...flyway, '--placeholder', 'schema=app')).report)).toEqual([]);

    const searchPath = {
      'flyway.conf': 'flyway.defaultSchema=app\n',
      'migrations/V1__t.sql': `CREATE SCHEMA IF NOT EXISTS billing;\nCREATE TABLE IF NOT EXISTS t (id int);\n${inSchema('billing', 't')}\n`,
    };
    const given = await check(searchPath, '--preset', 'flyway', '--engine', 'pglite', '--search-path', 'billing');
    expect(given.report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
  });

  test('a placeholder whose ${VAR} is unset has no value, and the advice names the variable to set', async () => {
    const files = {
      'flyway.conf': 'flyway.placeholders.schemaName=${APP_SCHEMA_NAME}\n',
      'migrations/V1__t.sql': 'CREATE TABLE IF NOT EXISTS ${schemaName}.t (id int);\n',
    };
    const unset = await withEnv({ APP_SCHEMA_NAME: undefined }, () => check(files, '--preset', 'flyway', '--engine', 'pglite'));
    expect(seen(unset.report).map((line) => line.replace(/PostgreSQL [\d.]+/, 'PostgreSQL N'))).toEqual([
      'dry-run-failed migrations/V1__t.sql:1 Fails on pglite engine, PostgreSQL N: 3F000: schema "${schemaName}" does not exist. | ' +
        '${schemaName} has no value, so the dry-run ran it as a stand-in name: give it one under placeholders in .migration-gate.yml (schemaName: VALUE) or with --placeholder schemaName=VALUE. ' +
        'flyway.conf takes the value of ${schemaName} from the environment variable APP_SCHEMA_NAME, which is not set here: set it for migration-gate too.',
    ]);
    const set = await withEnv({ APP_SCHEMA_NAME: 'public' }, () => check(files, '--preset', 'flyway', '--engine', 'pglite'));
    expect(seen(set.report)).toEqual([]);
  });

  test('FLYWAY_PLACEHOLDERS_* environment variables win over the file, as in Flyway', async () => {
    const files = {
      'flyway.conf': 'flyway.placeholders.options=WITH (fillfactor = bad)\n',
      'migrations/V1__t.sql': 'CREATE TABLE IF NOT EXISTS t (id int) ${options};\n',
    };
    const r = await withEnv({ FLYWAY_PLACEHOLDERS_OPTIONS: 'WITH (fillfactor = 70)' }, () => check(files, '--preset', 'flyway', '--engine', 'pglite'));
    expect(seen(r.report)).toEqual([]);
    expect(r.report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
  });

  test('a malformed file is a user error naming the file, the line and the fix, never a stack or a password', async () => {
    const migration = { 'migrations/V1__t.sql': 'SELECT 1;\n' };
    const toml = await check({ ...migration, 'flyway.toml': '[environments.default]\npassword = "hunter2"\n[flyway\nlocations = []\n' }, '--preset', 'flyway');
    expect(toml).toMatchObject({ code: 2, report: null });
    expect(toml.stderr).toMatch(/^migration-gate: flyway\.toml: not valid TOML at line 3, column \d+: .+; Flyway cannot read it either, so fix it there\n$/);
    expect(toml.stderr).not.toContain('hunter2');

    const conf = await check({ ...migration, 'flyway.conf': 'flyway.user=me\nflyway.placeholderReplacement=no\n' }, '--preset', 'flyway');
    expect(conf).toMatchObject({ code: 2, stderr: 'migration-gate: flyway.conf line 2: placeholderReplacement must be true or false, as Flyway requires; got "no"\n' });
    const create = await check({ ...migration, 'flyway.toml': '[flyway]\ncreateSchemas = "no"\n' }, '--preset', 'flyway');
    expect(create).toMatchObject({ code: 2, stderr: 'migration-gate: flyway.toml: flyway.createSchemas must be true or false, as Flyway reads it\n' });
    const mixed = await check({ ...migration, 'flyway.conf': 'flyway.mixed=yes\n' }, '--preset', 'flyway');
    expect(mixed).toMatchObject({ code: 2, stderr: 'migration-gate: flyway.conf line 1: mixed must be true or false, as Flyway requires; got "yes"\n' });
    const mixedToml = await check({ ...migration, 'flyway.toml': '[environments.default.flyway]\nmixed = 1\n' }, '--preset', 'flyway');
    expect(mixedToml).toMatchObject({ code: 2, stderr: 'migration-gate: flyway.toml: environments.default.flyway.mixed must be true or false, as Flyway reads it\n' });

    const placeholders = await check({ ...migration, 'flyway.toml': '[flyway]\nplaceholders = "x"\n' }, '--preset', 'flyway');
    expect(placeholders).toMatchObject({ code: 2, stderr: 'migration-gate: flyway.toml: flyway.placeholders must be a table, as Flyway reads it\n' });
  });
});

describe('graphile-migrate', () => {
  const committed = (body: string) => ({ 'migrations/committed/000001.sql': commit(body, null).text });
  const BODY = [
    'create schema if not exists :APP_SCHEMA;',
    'create table if not exists accounts (id int);',
    inSchema('app_public', 'accounts'),
    'grant select on accounts to :DATABASE_VISITOR;',
    'alter table accounts owner to :DATABASE_OWNER;',
    '',
  ].join('\n');
  const GMRC = [
    '{',
    '  // JSON5: comments, unquoted keys, trailing commas',
    '  connectionString: "postgres://owner:hunter2@db.internal/app",',
    '  databaseOwner: "app_owner",',
    '  pgSettings: { search_path: "app_public, public" },',
    '  placeholders: { ":APP_SCHEMA": "app_public", ":DATABASE_VISITOR": "!ENV", },',
    '}',
    '',
  ].join('\n');
  const flags = ['migrations/committed', '--preset', 'graphile-migrate', '--engine', 'pglite', '--role', 'app_visitor'];

  test('.gmrc gives placeholders (!ENV from the environment), the search path and the owner: the dry-run passes with them and only with them', async () => {
    const r = await withEnv({ DATABASE_VISITOR: 'app_visitor' }, () => check({ ...committed(BODY), '.gmrc': GMRC }, ...flags));
    expect(seen(r.report)).toEqual([]);
    expect(r.report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
    expect(r.code).toBe(0);

    const without = await withEnv({ DATABASE_VISITOR: 'app_visitor' }, () => check(committed(BODY), ...flags));
    expect(without.code).toBe(1);
    expect(without.report!.findings.map((f) => f.rule)).toContain('dry-run-failed');
  });

  test('an !ENV placeholder whose variable is unset has no value, and the advice names the variable', async () => {
    const files = { ...committed('create table if not exists t (id int) :TABLE_OPTIONS;\n'), '.gmrc': '{ placeholders: { ":TABLE_OPTIONS": "!ENV" } }\n' };
    const r = await withEnv({ TABLE_OPTIONS: undefined }, () => check(files, 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run'));
    expect(seen(r.report)).toEqual([
      'syntax-error migrations/committed/000001.sql:4 Syntax error: syntax error at or near ":TABLE_OPTIONS". | ' +
        'The placeholder :TABLE_OPTIONS has no value, so an identifier stands in for it, which does not fit here: give it a value under placeholders in .migration-gate.yml (TABLE_OPTIONS: VALUE) or with --placeholder TABLE_OPTIONS=VALUE. ' +
        '.gmrc takes the value of :TABLE_OPTIONS from the environment variable TABLE_OPTIONS, which is not set here: set it for migration-gate too.',
    ]);
  });

  test(':DATABASE_NAME is the database the dry-run runs on, as graphile-migrate fills it with the one it is connected to', async () => {
    const body = [
      'grant connect on database :DATABASE_NAME to :DATABASE_OWNER;',
      'alter database :DATABASE_NAME set statement_timeout = 5000;',
      "create table if not exists settings (name text primary key default ':DATABASE_NAME');",
      "insert into settings values (default) on conflict do nothing;",
      "do $$ begin if (select name from settings) <> current_database() then raise 'not filled: %', (select name from settings); end if; end $$;",
      '',
    ].join('\n');
    const files = committed(body);
    const statically = await check(files, 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run');
    expect(seen(statically.report)).toEqual([]);
    for (const engine of [['--engine', 'pglite'], ['--engine', 'url', '--database-url', TEST_DATABASE_URL]]) {
      const r = await check(files, 'migrations/committed', '--preset', 'graphile-migrate', ...engine);
      expect(seen(r.report)).toEqual([]);
      expect(r.report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
    }
  });

  test("--search-path wins over .gmrc's pgSettings", async () => {
    const body = `create schema if not exists other;\ncreate table if not exists t (id int);\n${inSchema('other', 't')}\n`;
    const files = { ...committed(body), '.gmrc': '{ pgSettings: { search_path: "app_public" } }\n' };
    const run = (...extra: string[]) => check(files, 'migrations/committed', '--preset', 'graphile-migrate', '--engine', 'pglite', ...extra);
    expect((await run()).report!.dryRun!.migrations.map((m) => m.status)).toEqual(['failed']);
    expect((await run('--search-path', 'other')).report!.dryRun!.migrations.map((m) => m.status)).toEqual(['applied']);
  });

  test('.gmrc placeholders that set :DATABASE_NAME or :DATABASE_OWNER stop the gate (exit 2) in graphile-migrate\'s words, as graphile-migrate stops', async () => {
    const migration = committed('grant connect on database :DATABASE_NAME to :DATABASE_OWNER;\n');
    const run = (gmrc: string) => check({ ...migration, '.gmrc': gmrc }, 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run');
    expect(await run('{ placeholders: { ":DATABASE_NAME": "prod" } }')).toEqual({
      code: 2,
      report: null,
      stderr:
        'migration-gate: .gmrc: placeholders must not set ":DATABASE_NAME": graphile-migrate fills it itself with the name of the database it connects to (the shadow database\'s too) ' +
        `and stops before it runs any migration on another value, saying "Refusing to clobber ':DATABASE_NAME' (from 'prod' to '<that database's name>'): do not specify reserved placeholders."; remove it from placeholders\n`,
    });
    expect((await run('{ databaseOwner: "app_owner", placeholders: { ":DATABASE_OWNER": "admin" } }')).stderr).toBe(
      'migration-gate: .gmrc: placeholders must not set ":DATABASE_OWNER": graphile-migrate fills it itself with databaseOwner and stops before it runs any migration on another value, ' +
        `saying "Refusing to clobber ':DATABASE_OWNER' (from 'admin' to 'app_owner'): do not specify reserved placeholders."; remove it from placeholders\n`,
    );
    const noOwner = await run('{ placeholders: { ":DATABASE_OWNER": "admin" } }');
    expect(noOwner.code).toBe(2);
    expect(noOwner.stderr).toContain('with the owner it takes from connectionString (its user, else its database name)');
    expect(noOwner.stderr).toMatch(/; remove it from placeholders and set databaseOwner to "admin" if that is the owner\n$/);
    // The very value graphile-migrate fills it with is no clobbering: it runs, and so does the gate.
    const same = await run('{ databaseOwner: "app_owner", placeholders: { ":DATABASE_OWNER": "app_owner" } }');
    expect(same).toMatchObject({ code: 0, stderr: '' });
    expect(seen(same.report)).toEqual([]);
  });

  test('a malformed .gmrc is a user error naming the line, or the setting and what it must be', async () => {
    const migration = committed('select 1;\n');
    const syntax = await check({ ...migration, '.gmrc': '{\n  connectionString: "postgres://u:hunter2@h/db",\n  placeholders: { ":A": "x" ]\n}\n' }, 'migrations/committed', '--preset', 'graphile-migrate');
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^migration-gate: \.gmrc: not valid JSON5 at line 3, column \d+: invalid character '\]' at 3:\d+; graphile-migrate cannot read it either, so fix it there\n$/);
    expect(syntax.stderr).not.toContain('hunter2');
    const key = await check({ ...migration, '.gmrc': '{ placeholders: { "schema": "app" } }' }, 'migrations/committed', '--preset', 'graphile-migrate');
    expect(key).toMatchObject({ code: 2, stderr: 'migration-gate: .gmrc: placeholders key "schema" must look like ":ABCD_EFG_HIJ", as graphile-migrate requires\n' });
  });
});
