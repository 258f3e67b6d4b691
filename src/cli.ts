// The CLI door: argv → GateInputs → GateOptions → the gate → stdout and an exit code
// (0 the gate passes, 1 it fails, 2 usage or internal error).

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve, sep } from 'node:path';
import { UserError, isUserError } from './errors.js';
import { FORMATS, PRESETS, isRoleName, type GateOptions, type OutputFormat } from './options.js';
import { CHECKSUM_ALGORITHMS } from './checksum/index.js';
import type { GateInputs } from './config/inputs.js';
import { resolveOptions } from './config/resolve.js';
import { runGate } from './gate.js';
import { describeFixes, planFixes, writeFixes } from './fix.js';
import { discover } from './discover/index.js';
import { renderText, ansiStyle } from './report/text.js';
import { renderMarkdown, reproduceCommand } from './report/markdown.js';
import { renderSarif } from './report/sarif.js';
import { renderCodeQuality } from './report/code-quality.js';
import { defaultSeverity, describeRule } from './rules/index.js';
import { RULE_IDS } from './report/finding.js';
import { TOOL_VERSION } from './version.js';
import { redactUrl } from './redact.js';
import { warningsTo } from './warnings.js';
import { writeAtomically } from './atomic-file.js';
import type { Report } from './report/report.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  color: boolean;
}

/** A flag's choices, wrapped under its description column: the lists grow with the presets. */
function choices(values: readonly string[]): string {
  const lines = [''];
  for (const v of values) {
    const line = lines[lines.length - 1]!;
    if (line && line.length + v.length + 2 > 88) lines.push(v);
    else lines[lines.length - 1] = line ? `${line}, ${v}` : v;
  }
  return lines.join(',\n' + ' '.repeat(27));
}

const USAGE = `Usage: migration-gate <command> [folders...] [options]

Commands:
  check    lint the migration folders and dry-run the pending migrations (default)
  status   list applied and pending migrations of a database (--database-url)
  apply    apply the pending migrations to a database, recording each (--database-url)
  rules    list the rules with their default severity

Options:
  -C, --dir DIR            run as if started in DIR (the repository root)
  --base REF               git ref of what is already merged (PR mode)
  --config FILE            config file (default .migration-gate.yml)
  --preset NAME            ${choices(PRESETS)}
  --checksum ALG           ${choices(CHECKSUM_ALGORITHMS)}
  --format FMT             text, json, markdown, sarif, gitlab (default text)
  --output FILE            also write the JSON report to FILE
  --fix                    write the findings' fixes into the migrations new against --base, then check them
  --all                    statement rules on every file, not only new or changed ones
  --fail-on LEVEL          error, warning, never (default error)
  --mode MODE              pr or deploy (deploy reads the history table of --database-url)
  --no-dry-run             static checks only
  --engine NAME            auto, url, cluster, pglite (default auto)
  --database-url URL       PostgreSQL server (default $DATABASE_URL)
  --search-path PATH       search_path for the dry-run
  --platform NAME          postgres, or supabase: the dry-run models its auth, storage, roles (its preset's default)
  --role NAME              a role production has that no migration creates (repeatable)
  --postgres-version N     lowest server major version you deploy to
  --placeholder NAME=VALUE value for a \${NAME} placeholder (repeatable)
  --history FORMAT         history table format (deploy; default auto)
  --history-table NAME     history table name (deploy)
  --history-write          let apply write another runner's history table
  --cache                  reuse the findings of unchanged files (.migration-gate-cache/)
  --cache-dir DIR          the same, kept in DIR
  --no-cache               lint every file afresh even when the config sets cache
  -h, --help               this help
  -v, --version            the version
`;

const OPTIONS = {
  dir: { type: 'string', short: 'C' },
  base: { type: 'string' },
  config: { type: 'string' },
  preset: { type: 'string' },
  checksum: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  fix: { type: 'boolean' },
  all: { type: 'boolean' },
  'fail-on': { type: 'string' },
  mode: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'no-dry-run': { type: 'boolean' },
  engine: { type: 'string' },
  'database-url': { type: 'string' },
  'search-path': { type: 'string' },
  platform: { type: 'string' },
  role: { type: 'string', multiple: true },
  'postgres-version': { type: 'string' },
  placeholder: { type: 'string', multiple: true },
  history: { type: 'string' },
  'history-table': { type: 'string' },
  'history-write': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];

const COMMANDS = ['check', 'status', 'apply', 'rules'] as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message.replace(/^TypeError \[\w+\]: /, '')}\nRun \`migration-gate --help\` for the options.`);
  }
}

function placeholders(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`--placeholder takes NAME=VALUE; got ${JSON.stringify(item)}`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function roleNames(list: string[] | undefined): string[] {
  for (const role of list ?? []) if (!isRoleName(role)) throw new UserError(`--role takes a role name (at most 63 bytes, not pg_..., public or none); got ${JSON.stringify(role)}`);
  return list ?? [];
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  // Said like the CLI's other lines on stderr, not as a Node process warning with its pid.
  return warningsTo((message) => io.stderr(`migration-gate: warning: ${redactUrl(message)}\n`), () => run(argv, io));
}

async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) return io.stdout(USAGE), 0;
    if (values.version) return io.stdout(`migration-gate ${TOOL_VERSION}\n`), 0;
    const command = (COMMANDS as readonly string[]).includes(positionals[0] ?? '') ? positionals.shift()! : 'check';
    if (command === 'rules') return io.stdout(listRules()), 0;

    const format = (values.format ?? 'text') as OutputFormat;
    if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(values.format)}`);
    const inputs: GateInputs = {
      root: resolve(io.cwd, values.dir ?? '.'),
      ...(positionals.length ? { paths: positionals } : {}),
      base: values.base ?? null,
      config: values.config,
      mode: command === 'check' ? values.mode : 'deploy',
      preset: values.preset,
      checksum: values.checksum,
      all: values.all,
      failOn: values['fail-on'],
      dryRun: values['no-dry-run'] ? false : values['dry-run'],
      engine: values.engine,
      databaseUrl: values['database-url'] ?? io.env.DATABASE_URL,
      searchPath: values['search-path'],
      platform: values.platform,
      roles: roleNames(values.role),
      postgresVersion: values['postgres-version'],
      placeholders: placeholders(values.placeholder),
      history: values.history,
      historyTable: values['history-table'],
      historyWrite: values['history-write'],
      cache: values['no-cache'] ? false : (values['cache-dir'] ?? values.cache),
    };
    if (values['cache-dir'] === '') throw new UserError('--cache-dir takes a folder path (e.g. .migration-gate-cache); got ""');
    if (values.output === '') throw new UserError('--output takes a file path (e.g. report.json); got ""');
    const options = await resolveOptions(inputs);
    if (values.fix) await fix(command, options, io);
    if (command === 'apply') return await apply(options, io);
    // Deploy code (pg, history tables) loads only for the commands that talk to a database.
    const status = command === 'status' ? await import('./deploy/status.js') : null;
    const read = status ? await status.readStatus(options, discover(options).migrations) : null;
    const report = read ? read.report : await runGate(options);
    const json = JSON.stringify(report, null, 2) + '\n';
    if (format === 'json') io.stdout(json);
    else if (format === 'gitlab') io.stdout(renderCodeQuality(report));
    else if (format === 'sarif') io.stdout(sarifFor(report, io));
    else if (format === 'markdown') io.stdout(renderMarkdown(report, { reproduce: reproduceCommand(report, { ...inputs, dir: values.dir }) }));
    else if (status && read) io.stdout(status.renderStatus(read));
    else io.stdout(renderText(report, io.color ? ansiStyle() : undefined));
    // After stdout, so a file that cannot be written costs only itself.
    if (values.output !== undefined) writeReport(options.root, values.output, json, report);
    return report.verdict === 'pass' ? 0 : 1;
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`migration-gate: ${redactUrl(e.message)}\n`);
      return 2;
    }
    io.stderr(`migration-gate: internal error, please report it: ${redactUrl((e as Error)?.stack ?? String(e))}\n`);
    return 2;
  }
}

/** The SARIF file within GitHub code scanning's limits, which reject a larger upload whole; what it leaves out is said on stderr. */
function sarifFor(report: Report, io: CliIO): string {
  const sarif = renderSarif(report);
  if (sarif.note) io.stderr(`migration-gate: warning: ${sarif.note}\n`);
  return sarif.text;
}

/** --output: the JSON report, at `output` (as if started in `root`, like every path), written whole or not at all; never over a migration. */
function writeReport(root: string, output: string, json: string, report: Report): void {
  const file = resolve(root, output);
  // A row's file may be a folder of parts (graphile-migrate's current/).
  const migration = report.migrations.find((m) => file === resolve(root, m.file) || file.startsWith(`${resolve(root, m.file)}${sep}`));
  if (migration) throw new UserError(`--output ${output} is the migration ${migration.file}: give the report a file of its own, e.g. migration-gate-report.json`);
  try {
    writeAtomically(file, json);
  } catch (e) {
    // Node's message names the temporary file; its code and words are the reason.
    const reason = (e as Error).message.replace(/, \w+(?: '.*)?$/s, '');
    throw new UserError(`cannot write the report to ${output} (${reason}); it went to stdout only`);
  }
}

/** Applies the pending migrations to the target; exit 1 when one fails (nothing of it is recorded). */
async function apply(options: GateOptions, io: CliIO): Promise<number> {
  const { migrations, findings, refusedNames } = discover(options);
  const unreadable = findings.filter((f) => f.rule === 'unreadable-file');
  if (unreadable.length) throw new UserError(`cannot apply: ${unreadable.map((f) => f.message).join('; ')}`);
  const { applyPending } = await import('./deploy/apply.js');
  const result = await applyPending(options, migrations, { log: (line) => io.stdout(`${line}\n`) }, {}, refusedNames);
  if (result.failed) io.stderr(`migration-gate: ${redactUrl(result.failed.error)}\n`);
  return result.failed ? 1 : 0;
}

/**
 * --fix: writes the fixes of a static check into the migrations new against the base, one line per file on stderr;
 * the check that follows (dry-run included) then reads the files as they will be committed.
 */
async function fix(command: string, options: GateOptions, io: CliIO): Promise<void> {
  if (command !== 'check') throw new UserError(`--fix goes with check, not ${command}`);
  if (options.mode !== 'pr') throw new UserError('--fix edits the migrations a pull request adds: it goes with PR mode (--base), not --mode deploy');
  if (!options.base) {
    throw new UserError(
      '--fix edits only migrations that are new against the base: one a database already ran would change its checksum, ' +
        'which runners that check it refuse (checksum-drift). Pass --base with what is already merged, e.g. --base origin/main',
    );
  }
  const found = await runGate({ ...options, dryRun: { ...options.dryRun, enabled: false } });
  const plan = planFixes(options.root, found);
  for (const { file, why } of plan.left) io.stderr(`left ${file} as it is: ${why}\n`);
  const written = writeFixes(options.root, plan.files);
  for (const file of written) if (!file.error) io.stderr(`${describeFixes(file)}\n`);
  const failed = written.filter((file) => file.error);
  if (failed.length) {
    throw new UserError(
      failed.map((f) => `cannot write ${f.file} (${f.error}): its fixes are not applied; make it writable and run --fix again`).join('\n'),
    );
  }
}

function listRules(): string {
  return RULE_IDS.map((id) => `${id.padEnd(20)} ${defaultSeverity(id).padEnd(8)} ${describeRule(id)}`).join('\n') + '\n';
}
