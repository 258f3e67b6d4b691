export const id = 635;
export const ids = [635];
export const modules = {

/***/ 8197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ connectTarget),
  dm: () => (/* binding */ targetUrl)
});

// UNUSED EXPORTS: DEFAULT_CONNECT_TIMEOUT_S

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
;// CONCATENATED MODULE: ./src/deploy/database-url.ts
// A pg client for the deploy target as the migration runners read its URL. pg drops query parameters it does
// not know, where the Go drivers (lib/pq, pgx: golang-migrate, goose, dbmate) send `search_path` to the server
// and Prisma reads `schema`: both put the migrations, and the runner's history table, in that schema.


/** URL parameters that name the session's search path, as the runners' drivers take them. */
const SEARCH_PATH_PARAMS = ['search_path', 'schema'];
/** URL parameters pg reads a file for when it builds the client. */
const FILE_PARAMS = ['sslrootcert', 'sslcert', 'sslkey'];
function databaseClient(url, config = {}) {
    const sent = new URL(url.toString());
    const path = SEARCH_PATH_PARAMS.map((p) => sent.searchParams.get(p)).find((v) => v);
    // golang-migrate's own settings (x-migrations-table, x-multi-statement, ...) are the runner's, never the server's (FilterCustomQuery).
    const runners = [...sent.searchParams.keys()].filter((p) => p.startsWith('x-'));
    for (const p of [...SEARCH_PATH_PARAMS, ...runners])
        sent.searchParams.delete(p);
    // libpq's options string takes `-c name=value`, with a backslash before any space in the value.
    if (path)
        sent.searchParams.set('options', [sent.searchParams.get('options'), `-c search_path=${path.replace(/[\\ ]/g, '\\$&')}`].filter(Boolean).join(' '));
    try {
        return new esm/* default.Client */.Ay.Client({ ...config, connectionString: sent.toString() });
    }
    catch (e) {
        const { code, message } = e;
        const param = FILE_PARAMS.find((p) => sent.searchParams.has(p) && message?.includes(sent.searchParams.get(p)));
        if (param)
            throw new errors/* UserError */.y(`Cannot read ${sent.searchParams.get(param)}, the ${param} file the database URL names (${code ?? message}): check the path.`);
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/deploy/target.ts
// The deploy target: one pg connection to the database the migrations are for, with a bounded
// connect timeout and errors a user can act on (never carrying the password).



/** libpq's default is to wait forever; a deploy job should fail within seconds instead. */
const DEFAULT_CONNECT_TIMEOUT_S = 10;
/** The target URL from the options, or a UserError saying how to give one. */
function targetUrl(options) {
    const url = options.dryRun.databaseUrl;
    if (!url)
        throw new errors/* UserError */.y('Deploy mode needs the target database: pass --database-url (or the database-url input).');
    return url;
}
/** Opens a connection to the target; every failure a user can cause becomes a UserError. */
async function connectTarget(rawUrl, applicationName = 'migration-gate') {
    const { url, display, redact } = parseTargetUrl(rawUrl);
    const seconds = Number(url.searchParams.get('connect_timeout') ?? DEFAULT_CONNECT_TIMEOUT_S);
    const client = databaseClient(url, {
        connectionTimeoutMillis: Math.max(1, Number.isFinite(seconds) ? seconds : DEFAULT_CONNECT_TIMEOUT_S) * 1000,
        application_name: applicationName,
    });
    // A connection that drops later (server restart, killed backend) must not crash the process.
    client.on('error', () => undefined);
    try {
        await client.connect();
    }
    catch (e) {
        await client.end().catch(() => undefined);
        throw new errors/* UserError */.y(`Cannot connect to the target database ${display}: ${redact(connectReason(e, url))}`);
    }
    return { client, display, redact };
}
function parseTargetUrl(rawUrl) {
    let url;
    try {
        url = new URL(rawUrl);
    }
    catch {
        throw new errors/* UserError */.y('The database URL is not a valid URL: expected postgres://user:password@host:5432/database.');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        throw new errors/* UserError */.y(`The database URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
    }
    return { url, display: (0,redact/* maskedUrl */.HB)(url), redact: (0,redact/* secretRedactor */.xc)(rawUrl) };
}
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);
/** What went wrong while connecting, in words that say what to fix. */
function connectReason(e, url) {
    const err = e;
    const where = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
    const user = (0,redact/* safeDecode */.ex)(url.username || 'the default user');
    const message = err.message ?? String(e);
    switch (err.code) {
        case '28P01':
            return `password authentication failed for user ${user}; check the password in the URL (or the secret it comes from).`;
        case '28000':
            return `the server does not accept user ${user} from this host (${message}).`;
        case '3D000':
            return `${message}; check the database name in the URL.`;
        case '53300':
            return 'the server has no free connection slots; try again later.';
    }
    if (err.code && UNREACHABLE.has(err.code))
        return `cannot reach ${where} (${err.code}); check the host and port, and that the server accepts connections from here.`;
    if (/timeout/i.test(message))
        return `no answer from ${where} within the connect timeout; check the host and port (or raise connect_timeout in the URL).`;
    return message;
}


/***/ }),

/***/ 8635:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B: () => (/* binding */ locateHistoryTable),
  readHistoryTable: () => (/* binding */ readHistoryTable),
  t: () => (/* binding */ readHistoryWith)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/deploy/target.ts + 1 modules
var deploy_target = __webpack_require__(8197);
// EXTERNAL MODULE: ./src/checksum/index.ts
var checksum = __webpack_require__(371);
// EXTERNAL MODULE: ./src/migration.ts
var migration = __webpack_require__(2907);
// EXTERNAL MODULE: ./src/history/tables/table.ts
var tables_table = __webpack_require__(6012);
;// CONCATENATED MODULE: ./src/history/tables/seed-runner.ts
// Seed 001's runner: schema_migrations(version, name, applied_at, checksum, execution_time_ms, applied_by),
// one row per file, written after the file ran. Its checksum is taken to be the SHA-256 hex of the
// file's bytes (the runner is not published; this is the common Node idiom, and what we write).



const seedRunner = {
    format: 'seed-runner',
    defaultTable: { name: 'schema_migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['version', 'name', 'checksum']) && !columns.has('dirty'),
    async read({ db, table, columns, migrations, folder }) {
        const timing = columns.has('execution_time_ms') ? 'execution_time_ms' : 'NULL';
        const applied = columns.has('applied_at') ? (0,tables_table/* instant */.uR)(columns, 'applied_at') : 'NULL';
        const { rows } = await db.query(`SELECT version::text AS version, name::text AS name, checksum::text AS checksum, ${applied} AS applied_at,
              ${timing} AS execution_time_ms
         FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY version`);
        const entries = rows.flatMap((r) => {
            const version = String(r.version);
            const name = r.name === null ? undefined : String(r.name);
            // The runner keys rows by version; the recorded name tells apart two files that share one.
            const byVersion = (0,tables_table/* filesWithVersion */.MP)(migrations, version);
            const byName = byVersion.filter((m) => name !== undefined && (m.name === name || (0,migration/* stem */.WS)(m.file) === name || m.file.endsWith(`/${name}`)));
            return (0,tables_table/* entriesFor */.aB)({
                version,
                ...(name !== undefined && { name }),
                ...(r.checksum && { checksum: { algorithm: 'sha256', value: String(r.checksum).toLowerCase() } }),
                ...((0,tables_table/* isoTime */.Ly)(r.applied_at) && { appliedAt: (0,tables_table/* isoTime */.Ly)(r.applied_at) }),
                ...((0,tables_table/* num */.bu)(r.execution_time_ms) !== undefined && { executionMs: (0,tables_table/* num */.bu)(r.execution_time_ms) }),
                state: 'applied',
            }, byName.length > 0 ? byName : byVersion, `${folder}/${name && name.endsWith('.sql') ? name : `${version}_${name ?? ''}.sql`}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        const m = ctx.migration;
        await (0,tables_table/* insertRow */.Il)(ctx, { version: m.version, name: m.name, checksum: (0,checksum/* checksum */.cM)('sha256', m.bytes), execution_time_ms: Math.round(ctx.executionMs) }, { applied_at: 'now()', applied_by: 'current_user' });
    },
    create: (table) => `CREATE TABLE IF NOT EXISTS ${(0,tables_table/* qualified */.LX)(table)} (
  version text PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  checksum text NOT NULL,
  execution_time_ms integer,
  applied_by text DEFAULT current_user
)`,
};

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/history/tables/filename.ts
// Seed 002's startup runner: schema_migrations(version, applied_at) where version is the file name
// ("001_init_schema.sql"); no checksum, files run in name order.


const filename = {
    format: 'filename',
    defaultTable: { name: 'schema_migrations' },
    fits: (columns) => columns.has('version') && (0,tables_table/* onlyColumns */.wq)(columns, ['version', 'applied_at', 'executed_at', 'id']),
    async confirm(db, table) {
        const { rows } = await db.query(`SELECT version::text AS version FROM ${(0,tables_table/* qualified */.LX)(table)} LIMIT 50`);
        return rows.some((r) => /\.sql$/i.test(String(r.version)));
    },
    async read({ db, table, columns, migrations, folder }) {
        const at = columns.has('applied_at') ? (0,tables_table/* instant */.uR)(columns, 'applied_at') : columns.has('executed_at') ? (0,tables_table/* instant */.uR)(columns, 'executed_at') : 'NULL';
        const { rows } = await db.query(`SELECT version::text AS version, ${at} AS applied_at FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY version`);
        const entries = rows.flatMap((r) => {
            const recorded = String(r.version);
            const files = migrations.filter((m) => external_node_path_.posix.basename(m.file) === recorded);
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.applied_at);
            return (0,tables_table/* entriesFor */.aB)({ version: recorded.match(/^\d+/)?.[0] ?? recorded, name: recorded, ...(appliedAt && { appliedAt }), state: 'applied' }, files, `${folder}/${recorded}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        await (0,tables_table/* insertRow */.Il)(ctx, { version: external_node_path_.posix.basename(ctx.migration.file) }, { applied_at: 'now()' });
    },
};

;// CONCATENATED MODULE: ./src/history/tables/supabase.ts
// Supabase CLI: supabase_migrations.schema_migrations(version text, statements text[], name text),
// version being the digits of `<version>_<name>.sql`; no checksum, no timing, each file one transaction.

const supabase = {
    format: 'supabase',
    defaultTable: { schema: 'supabase_migrations', name: 'schema_migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['version', 'statements']),
    async read({ db, table, columns, migrations, folder }) {
        const name = columns.has('name') ? 'name::text' : 'NULL';
        const { rows } = await db.query(`SELECT version::text AS version, ${name} AS name FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY version`);
        const entries = rows.flatMap((r) => {
            const version = String(r.version);
            const recordedName = r.name === null ? undefined : String(r.name);
            return (0,tables_table/* entriesFor */.aB)({ version, ...(recordedName !== undefined && { name: recordedName }), state: 'applied' }, (0,tables_table/* filesWithVersion */.MP)(migrations, version, 'supabase'), recordedName !== undefined ? `${folder}/${version}_${recordedName}.sql` : undefined);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        await (0,tables_table/* insertRow */.Il)(ctx, { version: ctx.migration.version, name: ctx.migration.name, statements: ctx.statements });
    },
};

// EXTERNAL MODULE: ./src/discover/version-order.ts
var version_order = __webpack_require__(934);
;// CONCATENATED MODULE: ./src/history/tables/flyway.ts
// Flyway: flyway_schema_history(installed_rank, version, description, type, script, checksum int,
// installed_by, installed_on, execution_time, success). Checksums are Flyway's signed CRC32; a row
// with success = false blocks every later migrate until `flyway repair`.




/** Row types that undo an earlier row of the same version (repair's DELETE, Teams' undo). */
const REMOVING = /^(DELETE|UNDO_)/;
/** Java, script and custom migrations (JDBC, SPRING_JDBC, SCRIPT, CUSTOM): applied versions with no .sql file to find. */
const FILE_TYPES = /^SQL/;
const flyway = {
    format: 'flyway',
    defaultTable: { name: 'flyway_schema_history' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['installed_rank', 'version', 'script', 'checksum', 'success']),
    // DbMigrate.applyMigrations: a transactional script that failed rolls back with its row.
    recordsFailure: { when: 'outside-transaction', as: 'failed (success = false)' },
    async read({ db, table, columns, migrations, folder, failed: run }) {
        // pgjdbc sends the JVM's zone, which the row does not keep: read in the database's, right where Flyway ran in that zone.
        const { rows } = await db.query(`SELECT installed_rank, version::text AS version, description::text AS description, type::text AS type,
              script::text AS script, checksum, ${(0,tables_table/* instant */.uR)(columns, 'installed_on')} AS installed_on, execution_time, success
         FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY installed_rank`);
        const byVersion = new Map();
        const findings = [];
        // Each repeatable script's latest successful run, by script.
        const latestRun = new Map();
        for (const r of rows) {
            const type = String(r.type ?? 'SQL');
            const version = r.version === null ? null : String(r.version);
            if (type === 'SCHEMA')
                continue;
            if (version === null) {
                if (r.success === false)
                    findings.push(failed(r, null, folder, external_node_path_.posix.join(folder, String(r.script)), run));
                else
                    latestRun.set(String(r.script), r);
                continue;
            }
            const key = canonical(version);
            if (REMOVING.test(type)) {
                byVersion.delete(key);
                continue;
            }
            if (type === 'BASELINE') {
                // A baseline stands for every version up to it: the runner never runs those files.
                for (const m of migrations) {
                    if (m.kind === 'versioned' && /^[\d._]+$/.test(m.version) && (0,version_order/* compareVersions */.Zy)(m.version, version) <= 0) {
                        byVersion.set(canonical(m.version), (0,tables_table/* entriesFor */.aB)({ version: m.version, state: 'applied' }, [m]));
                    }
                }
                if (!byVersion.has(key))
                    byVersion.set(key, (0,tables_table/* entriesFor */.aB)({ version, state: 'applied', name: String(r.description) }, []));
                continue;
            }
            const files = (0,tables_table/* filesWithVersion */.MP)(migrations, version);
            const script = external_node_path_.posix.join(folder, String(r.script ?? `V${version}__${String(r.description ?? '').replace(/ /g, '_')}.sql`));
            const entries = (0,tables_table/* entriesFor */.aB)(recorded(r, version), files, FILE_TYPES.test(type) ? script : undefined);
            byVersion.set(key, entries);
            if (r.success === false)
                findings.push(failed(r, version, folder, entries[0].file ?? folder, run));
        }
        // Flyway runs a repeatable migration again whenever its checksum changes: applied only while it matches.
        const repeatables = migrations.flatMap((m) => {
            const r = m.kind === 'repeatable' ? latestRun.get(external_node_path_.posix.relative(folder, m.file)) : undefined;
            return r && String(r.checksum) === String((0,checksum/* flywayChecksum */.qp)(m.bytes)) ? (0,tables_table/* entriesFor */.aB)(recorded(r, ''), [m]) : [];
        });
        return { entries: [...[...byVersion.values()].flat(), ...repeatables], findings };
    },
    async record(ctx) {
        const m = ctx.migration;
        await (0,tables_table/* insertRow */.Il)(ctx, {
            version: m.version.replace(/_/g, '.'),
            description: m.name.replace(/_/g, ' '),
            type: 'SQL',
            // Flyway records the path below its location: `2024/V1__orders.sql` for a file in a subfolder.
            script: external_node_path_.posix.relative(m.folder, m.file),
            checksum: (0,checksum/* flywayChecksum */.qp)(m.bytes),
            execution_time: Math.round(ctx.executionMs),
            success: !ctx.failed,
        }, {
            installed_on: 'now()',
            installed_rank: `(SELECT coalesce(max(installed_rank), 0) + 1 FROM ${(0,tables_table/* qualified */.LX)(ctx.table)})`,
            installed_by: 'current_user',
        });
    },
};
/** A flyway_schema_history row as the history model records it. */
function recorded(r, version) {
    const appliedAt = (0,tables_table/* isoTime */.Ly)(r.installed_on);
    const executionMs = (0,tables_table/* num */.bu)(r.execution_time);
    return {
        version,
        name: String(r.description ?? ''),
        ...(r.checksum !== null && { checksum: { algorithm: 'flyway', value: String(r.checksum) } }),
        ...(appliedAt && { appliedAt }),
        ...(executionMs !== undefined && { executionMs }),
        state: r.success === false ? 'failed' : 'applied',
    };
}
/** `1_1`, `1.1` and `1.1.0` are one Flyway version. */
function canonical(version) {
    return version.replace(/_/g, '.').split('.').map((p) => p.replace(/^0+(?=\d)/, '')).join('.').replace(/(\.0+)+$/, '');
}
function failed(r, version, folder, file, run) {
    const what = version === null ? `repeatable migration ${String(r.script)}` : `version ${version} (${String(r.script)})`;
    // MigrationInfoImpl.validate's words, which migrate stops on.
    const detected = version === null ? `Detected failed repeatable migration: ${String(r.description)}` : `Detected failed migration to version ${version} (${String(r.description)})`;
    const kept = run?.file === file ? run.kept : null;
    const repair = `run \`flyway repair\` to remove the failed row, and migrate again from ${folder}.`;
    return (0,tables_table/* dirtyDraft */.eL)(file, `Flyway recorded ${what} as failed (success = false), and refuses to migrate until the row is repaired: ` +
        `"${detected}. Please remove any half-completed changes then run repair to fix the schema history."`, kept === 0
        ? `Nothing of it stayed in the database (its first statement failed), so there is nothing to undo: ${repair}`
        : kept !== null
            ? `${(0,tables_table/* keptStatements */.xN)(kept, 'the script')} (it ran outside a transaction): undo that, then ${repair}`
            : `Undo whatever part of it ran (PostgreSQL rolled back a transactional script, but not a non-transactional one), then ${repair}`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/history/tables/prisma.ts
// Prisma Migrate: _prisma_migrations(id, checksum, finished_at, migration_name, logs, rolled_back_at,
// started_at, applied_steps_count), migration_name being the migration's folder. A row with neither
// finished_at nor rolled_back_at is a failed migration that blocks `prisma migrate deploy`.




const prisma = {
    format: 'prisma',
    // No Prisma command makes only the table: migrate deploy applies, migrate status only reads. The DDL is the
    // schema engine's (sql-schema-connector flavour/postgres.rs create_migrations_table).
    createOnly: (table) => `create it as Prisma does: CREATE TABLE ${table} (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, ` +
        'finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, ' +
        'started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0);',
    defaultTable: { name: '_prisma_migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['migration_name', 'checksum', 'finished_at', 'rolled_back_at']),
    // apply_migrations: record_migration_started inserts the row before the script runs; a failure leaves it unfinished.
    recordsFailure: { when: 'always', as: 'unfinished (finished_at empty)' },
    async read({ db, table, migrations, folder, failed }) {
        const { rows } = await db.query(`SELECT migration_name::text AS migration_name, checksum::text AS checksum, started_at, finished_at, rolled_back_at
         FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY started_at`);
        const byName = new Map();
        const findings = [];
        for (const r of rows) {
            // Rolled back rows are history the runner ignores: the migration is pending again.
            if (r.rolled_back_at !== null)
                continue;
            const name = String(r.migration_name);
            const files = migrations.filter((m) => folderName(m) === name);
            const done = r.finished_at !== null;
            if (byName.get(name)?.some((e) => e.state === 'applied'))
                continue;
            const stored = String(r.checksum ?? '');
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.finished_at);
            const started = r.started_at instanceof Date ? r.started_at.getTime() : NaN;
            const finished = r.finished_at instanceof Date ? r.finished_at.getTime() : NaN;
            const entries = (0,tables_table/* entriesFor */.aB)({
                version: name.match(/^\d+/)?.[0] ?? name,
                name,
                ...(stored && { checksum: { algorithm: 'prisma', value: runnerAccepted(stored, files[0]) } }),
                ...(appliedAt && { appliedAt }),
                ...(Number.isFinite(finished - started) && { executionMs: finished - started }),
                state: done ? 'applied' : 'failed',
            }, files, `${folder}/${name}/migration.sql`);
            byName.set(name, entries);
            if (!done) {
                const file = entries[0].file ?? folder;
                findings.push((0,tables_table/* dirtyDraft */.eL)(file, `Prisma started migration ${name} but never finished it (finished_at and rolled_back_at are empty); \`prisma migrate deploy\` refuses to run until it is resolved.`, repair(name, failed?.file === file ? failed.kept : null)));
            }
        }
        return { entries: [...byName.values()].flat(), findings };
    },
    async record(ctx) {
        // apply_migrations, as the engine writes the row: record_migration_started (started_at, its own clock, before the script),
        // then record_successful_step and record_migration_finished (applied_steps_count 1, finished_at), or record_failed_step (logs).
        const now = Date.now();
        const name = folderName(ctx.migration);
        await (0,tables_table/* insertRow */.Il)(ctx, {
            id: (0,external_node_crypto_.randomUUID)(),
            checksum: (0,checksum/* checksum */.cM)('prisma', ctx.migration.bytes),
            migration_name: name,
            started_at: new Date(now - ctx.executionMs),
            ...(ctx.failed ? { logs: failureLogs(name, ctx.failed), applied_steps_count: 0 } : { finished_at: new Date(now), applied_steps_count: 1 }),
        });
    },
};
/**
 * What record_failed_step writes into logs: the P3018 ApplyMigrationError apply_migration_script raises, the database error
 * as tokio-postgres prints a DbError (`ERROR: message`, then DETAIL and HINT lines). The engine follows it with the error's
 * Rust debug dump and its span trace, which are its own internals and left out.
 */
function failureLogs(name, e) {
    const error = e.sqlstate ? `ERROR: ${e.message}${e.detail ? `\nDETAIL: ${e.detail}` : ''}${e.hint ? `\nHINT: ${e.hint}` : ''}` : e.message;
    return ('A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve ' +
        `migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${name}\n\n` +
        `Database error code: ${e.sqlstate ?? 'none'}\n\nDatabase error:\n${error}\n`);
}
/** `prisma migrate resolve`: --rolled-back sets rolled_back_at, so deploy runs the migration again; --applied records it as applied. */
function repair(name, kept) {
    const rolledBack = `\`prisma migrate resolve --rolled-back ${name}\``;
    const applied = `\`prisma migrate resolve --applied ${name}\``;
    if (kept === 0)
        return `Nothing of ${name} stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: run ${rolledBack}, and \`prisma migrate deploy\` runs it again.`;
    if (kept !== null)
        return `${(0,tables_table/* keptStatements */.xN)(kept, name)}: undo that and run ${rolledBack} so it runs again, or finish the rest by hand and run ${applied}.`;
    return `Undo what it changed and run ${rolledBack} so it runs again, or finish it by hand and run ${applied}.`;
}
/** Prisma's migration name: the folder that holds migration.sql. */
function folderName(m) {
    return external_node_path_.posix.basename(external_node_path_.posix.dirname(m.file));
}
/**
 * Prisma accepts a stored checksum that matches the file with either line ending, or an old
 * unpadded hex rendering; such a value is reported as the file's own checksum, since Prisma sees no drift.
 */
function runnerAccepted(stored, file) {
    return file && (0,checksum/* checksumMatches */.XK)('prisma', stored, file.bytes) ? (0,checksum/* checksum */.cM)('prisma', file.bytes) : stored;
}

;// CONCATENATED MODULE: ./src/history/tables/golang-migrate.ts
// golang-migrate: schema_migrations(version bigint, dirty boolean), one row holding the last version
// run. Every file up to it counts as applied (the runner keeps no more); dirty = it stopped mid-file.



const golangMigrate = {
    format: 'golang-migrate',
    // Opening the database creates the table: database/postgres/postgres.go WithConnection calls ensureVersionTable.
    createOnly: () => 'run `migrate -path <folder> -database <url> version` once (opening the database creates its table; it applies nothing)',
    defaultTable: { name: 'schema_migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['version', 'dirty']) && (0,tables_table/* onlyColumns */.wq)(columns, ['version', 'dirty']),
    // runMigrations commits SetVersion(version, dirty = true) before it runs the file, and clears it only after the file succeeded.
    recordsFailure: { when: 'always', as: 'dirty (dirty = true)' },
    async read({ db, table, migrations, folder, failed }) {
        const { rows } = await db.query(`SELECT version::text AS version, dirty FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY version DESC`);
        const row = rows[0];
        if (!row)
            return { entries: [], findings: [] };
        const current = String(row.version);
        const dirty = row.dirty === true;
        const versioned = migrations.filter((m) => m.kind === 'versioned' && /^\d+$/.test(m.version));
        const below = versioned.filter((m) => (0,version_order/* compareVersions */.Zy)(m.version, current) < 0);
        const entries = [
            ...below.flatMap((m) => (0,tables_table/* entriesFor */.aB)({ version: m.version, state: 'applied' }, [m])),
            ...(0,tables_table/* entriesFor */.aB)({ version: current, state: dirty ? 'dirty' : 'applied' }, (0,tables_table/* filesWithVersion */.MP)(migrations, current), `${folder}/${current}`),
        ];
        if (!dirty)
            return { entries, findings: [] };
        const file = (0,tables_table/* filesWithVersion */.MP)(migrations, current)[0]?.file ?? folder;
        return {
            entries,
            findings: [
                (0,tables_table/* dirtyDraft */.eL)(file, `golang-migrate stopped in the middle of version ${current}: ${table.name} says dirty, and the runner refuses to go on until it is resolved.`, golang_migrate_repair(current, previousVersion(below), folder, failed?.file === file ? failed.kept : null)),
            ],
        };
    },
    async record(ctx) {
        if (!/^\d+$/.test(ctx.migration.version)) {
            throw new errors/* UserError */.y(`golang-migrate records versions as integers; ${ctx.migration.file} has version ${ctx.migration.version}.`);
        }
        // The runner keeps one row: the version just run, dirty when it failed.
        await ctx.db.query(`DELETE FROM ${(0,tables_table/* qualified */.LX)(ctx.table)}`);
        await ctx.db.query(`INSERT INTO ${(0,tables_table/* qualified */.LX)(ctx.table)} (version, dirty) VALUES ($1::bigint, $2)`, [BigInt(ctx.migration.version).toString(), ctx.failed !== undefined]);
    },
};
/** The version `migrate up` ran before `current` (source.Prev), as `force` takes it; null when there is none. */
function previousVersion(below) {
    const newest = below.reduce((max, m) => (max === null || (0,version_order/* compareVersions */.Zy)(m.version, max.version) > 0 ? m : max), null);
    return newest ? BigInt(newest.version).toString() : null;
}
/**
 * `migrate force V` sets version V and clears the dirty flag without running anything (Migrate.Force → SetVersion(V, false));
 * -1 is database.NilVersion, whose SetVersion leaves the table empty. Go's flag package takes a bare `-1` after `force`
 * for an unknown flag and exits, so it goes after `--`.
 */
function golang_migrate_repair(current, previous, folder, kept) {
    const force = (v) => `\`migrate -path ${folder} -database "$DATABASE_URL" force ${v}\``;
    const back = previous === null ? `${force('-- -1')} (no version before it: -1 removes the row)` : force(previous);
    const again = `and \`migrate up\` runs version ${current} again`;
    if (kept === 0)
        return `Nothing of version ${current} stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: run ${back}, ${again}.`;
    if (kept !== null) {
        return (`${(0,tables_table/* keptStatements */.xN)(kept, `version ${current}`)} (the file ran outside a transaction): undo that by hand and run ${back}, ${again}; ` +
            `or finish the rest of it by hand and run ${force(current)}.`);
    }
    return `Check which of version ${current}'s changes are in the database and finish or undo them by hand; then run ${force(current)} if they are all in place, or ${back} to run version ${current} again.`;
}

;// CONCATENATED MODULE: ./src/history/tables/dbmate.ts
// dbmate: schema_migrations(version varchar(128) primary key), the digits before the first `_` of
// each applied file; no checksum, no timing, no failed rows (each file runs in one transaction).

const dbmate = {
    format: 'dbmate',
    defaultTable: { name: 'schema_migrations' },
    fits: (columns) => columns.has('version') && (0,tables_table/* onlyColumns */.wq)(columns, ['version']),
    async confirm(db, table) {
        const { rows } = await db.query(`SELECT version::text AS version FROM ${(0,tables_table/* qualified */.LX)(table)} LIMIT 50`);
        return rows.every((r) => /^\d+$/.test(String(r.version)));
    },
    async read({ db, table, migrations, folder }) {
        const { rows } = await db.query(`SELECT version::text AS version FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY version`);
        const entries = rows.flatMap((r) => {
            const version = String(r.version);
            return (0,tables_table/* entriesFor */.aB)({ version, state: 'applied' }, (0,tables_table/* filesWithVersion */.MP)(migrations, version, 'dbmate'), `${folder}/${version}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        await (0,tables_table/* insertRow */.Il)(ctx, { version: ctx.migration.version });
    },
};

;// CONCATENATED MODULE: ./src/history/tables/node-pg-migrate.ts
// node-pg-migrate: pgmigrations(id serial, name varchar, run_on timestamp), name being the file name
// without its extension; no checksum, each file one transaction unless it opts out.


const nodePgMigrate = {
    format: 'node-pg-migrate',
    defaultTable: { name: 'pgmigrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['id', 'name', 'run_on']),
    async read({ db, table, columns, migrations, folder }) {
        const { rows } = await db.query(`SELECT name::text AS name, ${(0,tables_table/* instant */.uR)(columns, 'run_on')} AS run_on FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY run_on, id`);
        const entries = rows.flatMap((r) => {
            const name = String(r.name);
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.run_on);
            return (0,tables_table/* entriesFor */.aB)({ version: name.match(/^\d+/)?.[0] ?? name, name, ...(appliedAt && { appliedAt }), state: 'applied' }, migrations.filter((m) => (0,migration/* stem */.WS)(m.file) === name), `${folder}/${name}.sql`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        await (0,tables_table/* insertRow */.Il)(ctx, { name: (0,migration/* stem */.WS)(ctx.migration.file) }, { run_on: 'now()' });
    },
};

;// CONCATENATED MODULE: ./src/history/tables/goose.ts
// goose: goose_db_version(id serial, version_id bigint, is_applied boolean, tstamp timestamp default now())
// (pressly/goose internal/dialect/dialectquery/postgres.go). goose writes (0, true) when it creates the
// table, (version, true) for each up; a down deletes the version's rows, or (older goose) adds (version,
// false). A version's newest row by id decides whether it is applied, as EnsureDBVersion and
// `goose status` read them; version 0 is goose's own row, never a file (goose refuses versions below 1).
//
// No `create`: goose makes its table, with the version-0 row, the first time any goose command runs, even
// `goose status` (provider_run.go ensureVersionTable, migrate.go EnsureDBVersion). A missing one means goose
// never ran on this database or keeps its table under another name (goose -table), so apply refuses, as for
// the other runners, rather than start an empty history and run every file again.


const goose = {
    format: 'goose',
    // provider_run.go ensureVersionTable, migrate.go EnsureDBVersion: every goose command makes it.
    createOnly: () => 'run `goose status` once (it creates goose_db_version and applies nothing)',
    defaultTable: { name: 'goose_db_version' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['id', 'version_id', 'is_applied', 'tstamp']),
    async read({ db, table, columns, migrations, folder }) {
        const { rows } = await db.query(`SELECT DISTINCT ON (version_id) version_id::text AS version, is_applied, ${(0,tables_table/* instant */.uR)(columns, 'tstamp')} AS tstamp
         FROM ${(0,tables_table/* qualified */.LX)(table)} WHERE version_id <> 0 ORDER BY version_id, id DESC`);
        const entries = rows
            .filter((r) => r.is_applied === true)
            .flatMap((r) => {
            const version = String(r.version);
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.tstamp);
            return (0,tables_table/* entriesFor */.aB)({ version, ...(appliedAt && { appliedAt }), state: 'applied' }, (0,tables_table/* filesWithVersion */.MP)(migrations, version), `${folder}/${version}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        if (!/^\d+$/.test(ctx.migration.version)) {
            throw new errors/* UserError */.y(`goose records versions as integers; ${ctx.migration.file} has version ${ctx.migration.version}.`);
        }
        // goose's InsertVersion: tstamp is left to the column's default, the server's now().
        await (0,tables_table/* insertRow */.Il)(ctx, { version_id: BigInt(ctx.migration.version).toString(), is_applied: true });
    },
};

// EXTERNAL MODULE: ./src/history/tables/sqlx.ts
var sqlx = __webpack_require__(7638);
;// CONCATENATED MODULE: ./src/history/tables/graphile-migrate.ts
// graphile-migrate: graphile_migrate.migrations(hash text primary key, previous_hash text, filename text,
// date timestamptz), filename being the committed file's number and `.sql` (`000001.sql`, its message
// slug left out), hash its Hash header. A row is written only with the migration's own transaction.


const graphileMigrate = {
    format: 'graphile-migrate',
    // status reads the last migration, and getLastMigration first runs _migrateMigrationSchema (src/migration.ts).
    createOnly: () => 'run `graphile-migrate status` once (it creates graphile_migrate.migrations and applies nothing)',
    defaultTable: { schema: 'graphile_migrate', name: 'migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['hash', 'previous_hash', 'filename', 'date']),
    async read({ db, table, migrations, folder }) {
        const { rows } = await db.query(`SELECT filename::text AS filename, hash::text AS hash, date FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY filename`);
        const entries = rows.flatMap((r) => {
            const filename = String(r.filename);
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.date);
            return (0,tables_table/* entriesFor */.aB)({
                version: filename.replace(/\.sql$/, ''),
                checksum: { algorithm: 'graphile', value: String(r.hash) },
                ...(appliedAt && { appliedAt }),
                state: 'applied',
            }, migrations.filter((m) => m.kind === 'versioned' && `${m.version}.sql` === filename), `${folder}/${filename}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        const { migration: m } = ctx;
        if (!m.signature) {
            throw new errors/* UserError */.y(`${m.file} has no graphile-migrate headers (--! Previous:, --! Hash:); commit it with \`graphile-migrate commit\` before it is applied`);
        }
        await (0,tables_table/* insertRow */.Il)(ctx, { hash: m.signature.hash, previous_hash: m.signature.previous, filename: `${m.version}.sql` }, { date: 'now()' });
    },
};

;// CONCATENATED MODULE: ./src/history/tables/diesel.ts
// diesel: __diesel_schema_migrations(version varchar(50) primary key, run_on timestamp), the version
// being the folder name before its first `_` without dashes; no checksum, no failed rows (a migration
// and its row share one transaction unless its metadata.toml turns that off).

const diesel = {
    format: 'diesel',
    defaultTable: { name: '__diesel_schema_migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['version', 'run_on']) && (0,tables_table/* onlyColumns */.wq)(columns, ['version', 'run_on']),
    async read({ db, table, columns, migrations, folder }) {
        const { rows } = await db.query(`SELECT version::text AS version, ${(0,tables_table/* instant */.uR)(columns, 'run_on')} AS run_on FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY version`);
        const entries = rows.flatMap((r) => {
            const version = String(r.version);
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.run_on);
            return (0,tables_table/* entriesFor */.aB)({ version, ...(appliedAt && { appliedAt }), state: 'applied' }, (0,tables_table/* filesWithVersion */.MP)(migrations, version, 'diesel'), `${folder}/${version}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        await (0,tables_table/* insertRow */.Il)(ctx, { version: ctx.migration.version }, { run_on: 'now()' });
    },
};

// EXTERNAL MODULE: ./src/sql/quoted.ts
var quoted = __webpack_require__(5498);
;// CONCATENATED MODULE: ./src/history/tables/drizzle.ts
// drizzle-orm: drizzle.__drizzle_migrations(id serial, hash text, created_at bigint), and from drizzle-orm 1.0 also
// name text and applied_at timestamptz (pg-core migrate(); up-migrations/pg.ts adds them to an older table). created_at
// is the migration's own time in milliseconds: the journal entry's `when`, or Date.UTC of a migration folder's 14-digit
// name; hash the SHA-256 of its text as read; name (1.0) its folder's name. All pending migrations and their rows run
// in one transaction, so no failed row is ever left.
//
// drizzle-orm 0.x runs a journal migration only when its `when` is above the newest created_at, and never matches rows
// to files; 1.0 runs every folder whose name no row has, and matches an old table's rows to folders by created_at (to the
// second), by hash where that is not one folder, when it adds the name column. Rows are read back to files the same way.




/** Every column any drizzle-orm has given the table (`version` only in a 1.0 pre-release's source). */
const COLUMNS = ['id', 'hash', 'created_at', 'name', 'applied_at', 'version'];
const drizzle = {
    format: 'drizzle',
    // drizzle has no command that makes only the table: migrate() makes it (pg-core dialect.ts; async/session.ts in 1.0), then applies.
    createOnly: (table) => {
        // `schema.table` as tableName() gives it; drizzle quotes both as sql.identifier does.
        const dot = table.indexOf('.');
        const [schema, name] = [table.slice(0, dot), table.slice(dot + 1)].map(quoted/* quoted */.T);
        const create = (extra) => `CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE TABLE IF NOT EXISTS ${schema}.${name} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint${extra});`;
        return (`create it as drizzle-orm's migrate() does: for a meta/_journal.json folder (drizzle-orm 0.x), ${create('')} ` +
            `for a folder per migration (drizzle-orm 1.0), ${create(', name text, applied_at timestamp with time zone DEFAULT now()')}`);
    },
    defaultTable: { schema: 'drizzle', name: '__drizzle_migrations' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['id', 'hash', 'created_at']) && (0,tables_table/* onlyColumns */.wq)(columns, COLUMNS),
    async read({ db, table, columns, migrations, folder }) {
        const { rows } = await db.query(`SELECT hash::text AS hash, created_at::text AS created_at, ${columns.has('name') ? 'name::text' : 'NULL'} AS name,
              ${columns.has('applied_at') ? 'applied_at' : 'NULL'} AS applied_at
         FROM ${(0,tables_table/* qualified */.LX)(table)} ORDER BY id`);
        const versioned = migrations.filter((m) => m.kind === 'versioned');
        const entries = rows.flatMap((r) => {
            const hash = String(r.hash);
            const createdAt = r.created_at === null ? NaN : Number(r.created_at);
            const name = r.name === null ? undefined : String(r.name);
            const files = name !== undefined ? versioned.filter((m) => m.scheme === 'folder' && drizzle_folderName(m) === name) : byTime(versioned, createdAt, hash);
            // A hash checksumMatches takes for the file is reported as the file's own, so apply's drift check agrees with it.
            const stored = files[0] && (0,checksum/* checksumMatches */.XK)('drizzle', hash, files[0].bytes) ? (0,checksum/* checksum */.cM)('drizzle', files[0].bytes) : hash;
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.applied_at);
            return (0,tables_table/* entriesFor */.aB)({
                version: name?.match(/^\d{14}/)?.[0] ?? name ?? String(r.created_at),
                ...(name !== undefined && { name }),
                checksum: { algorithm: 'drizzle', value: stored },
                ...(appliedAt && { appliedAt }),
                state: 'applied',
            }, files, name !== undefined ? `${folder}/${name}/migration.sql` : `${folder}/${String(r.created_at)}`);
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        const m = ctx.migration;
        // drizzle 1.0 writes the folder's name; 0.x, the only drizzle that runs a journal's migrations, writes none. applied_at is its default, now().
        await (0,tables_table/* insertRow */.Il)(ctx, {
            hash: (0,checksum/* checksum */.cM)('drizzle', m.bytes),
            created_at: String(millis(m)),
            ...(m.scheme === 'folder' && { name: drizzle_folderName(m) }),
        });
    },
};
/**
 * The files a row without a name stands for: by created_at, which is a journal entry's `when`, or a folder's time to the
 * second (1.0 drops the milliseconds of an old row); among several, those of its hash. Else the folder of its hash (the
 * last, as 1.0 backfills names); a journal file never, since 0.x reruns a file whose `when` changed once above the newest row.
 */
function byTime(migrations, createdAt, hash) {
    const second = Math.floor(createdAt / 1000) * 1000;
    const timed = migrations.filter((m) => millis(m) === (m.scheme === 'folder' ? second : createdAt));
    const sameHash = (m) => (0,checksum/* checksumMatches */.XK)('drizzle', hash, m.bytes);
    if (timed.length === 1)
        return timed;
    if (timed.length === 0)
        return migrations.filter((m) => m.scheme === 'folder' && sameHash(m)).slice(-1);
    const hashed = timed.filter(sameHash);
    return hashed.length > 0 ? hashed : timed;
}
/** drizzle 1.0 knows a migration by its whole folder name. */
function drizzle_folderName(m) {
    return external_node_path_.posix.basename(external_node_path_.posix.dirname(m.file));
}
/** What drizzle stores as created_at: the journal's `when`, or Date.UTC of the folder's YYYYMMDDHHMMSS (formatToMillis). */
function millis(m) {
    if (m.scheme !== 'folder')
        return Number(m.version);
    const part = (at, length = 2) => Number(m.version.slice(at, at + length));
    return Date.UTC(part(0, 4), part(4) - 1, part(6), part(8), part(10), part(12));
}

;// CONCATENATED MODULE: ./src/history/tables/atlas.ts
// Atlas: atlas_schema_revisions.atlas_schema_revisions (cmd/atlas/internal/migrate/ent/schema/revision.go; in the connected
// schema instead when the URL names one, cmdapi/migrate.go revisionSchemaName), one row per version: version, description,
// type (1 baseline, 2 executed, 4 set by `atlas migrate set`), applied and total statements, executed_at, execution_time
// (nanoseconds), error and error_stmt, hash (the file's atlas.sum hash), partial_hashes (one `h1:` hash per statement applied)
// and operator_version. A version `.atlas_cloud_identifier` row names the table for Atlas Cloud and is no migration.
//
// sql/migrate/migrate.go Execute writes the row before the file's first statement and again after each one. Under the
// default --tx-mode file the row is written in the file's transaction, so a failure rolls it back with the file; under
// `-- atlas:txmode none` the row stays with applied below total and the error, and the next `atlas migrate apply` resumes
// the file at its first statement not applied, after checking the ones before are unchanged (HistoryChangedError).


const atlas_COLUMNS = ['version', 'description', 'type', 'applied', 'total', 'executed_at', 'execution_time', 'error', 'error_stmt', 'hash', 'partial_hashes', 'operator_version'];
/** migrate.go RevisionTypeExecute: a migration Atlas ran. */
const EXECUTED = 2;
/** cmd/atlas/internal/migrate/migrate.go revisionID: the Atlas Cloud row, which no file stands for. */
const CLOUD_ROW = '.atlas_cloud_identifier';
const atlas = {
    format: 'atlas',
    // cmdapi migrateApplyRun makes the schema and the table (EntRevisions.Migrate) before it reads the history, dry run or not.
    createOnly: () => 'run `atlas migrate apply --dry-run` once (it creates the schema and the table before it reads them, and applies nothing)',
    defaultTable: { schema: 'atlas_schema_revisions', name: 'atlas_schema_revisions' },
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['version', 'description', 'applied', 'total', 'hash', 'partial_hashes']) && (0,tables_table/* onlyColumns */.wq)(columns, atlas_COLUMNS),
    // Under txmode file the failure rolls the row back with the file; under txmode none Execute's deferred write keeps it.
    recordsFailure: {
        when: 'outside-transaction',
        as: 'partially applied (applied below total, with the error)',
        next: '`atlas migrate apply` resumes it at the statement that failed, while apply refuses to migrate until it is repaired',
    },
    async read({ db, table, migrations, folder }) {
        const { rows } = await db.query(`SELECT version::text AS version, description::text AS description, applied, total, executed_at, execution_time::text AS execution_time,
              error, error_stmt
         FROM ${(0,tables_table/* qualified */.LX)(table)} WHERE version <> $1 ORDER BY version`, [CLOUD_ROW]);
        const findings = [];
        const entries = rows.flatMap((r) => {
            const version = String(r.version);
            const description = String(r.description ?? '');
            // Atlas keys revisions by the version as written (Pending compares them as strings).
            const files = migrations.filter((m) => m.kind === 'versioned' && m.version === version);
            const [applied, total] = [(0,tables_table/* num */.bu)(r.applied) ?? 0, (0,tables_table/* num */.bu)(r.total) ?? 0];
            const unfinished = applied < total;
            if (unfinished)
                findings.push(unfinishedDraft(files[0]?.file ?? folder, { version, description, applied, total, error: r.error }, (0,tables_table/* qualified */.LX)(table)));
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.executed_at);
            const ns = (0,tables_table/* num */.bu)(r.execution_time);
            return (0,tables_table/* entriesFor */.aB)({
                version,
                name: description,
                ...(appliedAt && { appliedAt }),
                ...(ns !== undefined && { executionMs: Math.round(ns / 1e6) }),
                state: unfinished ? 'dirty' : 'applied',
            }, files, `${folder}/${version}${description ? `_${description}` : ''}.sql`);
        });
        return { entries, findings };
    },
    async record(ctx) {
        const m = ctx.migration;
        const statements = asAtlasLexes(m.sql, ctx.statements);
        const n = statements.length;
        // Not known what ran (the failure came outside the file's statements): none counted, so Atlas re-checks nothing and starts over.
        const applied = ctx.failed ? (ctx.failed.kept ?? 0) : n;
        await (0,tables_table/* insertRow */.Il)(ctx, {
            version: m.version,
            description: m.name,
            type: EXECUTED,
            applied,
            total: n,
            execution_time: Math.round(ctx.executionMs * 1e6).toString(),
            // Execute's r.Error = err.Error(), which lib/pq (Atlas's PostgreSQL driver) prints as `pq: ` and the server's message.
            ...(ctx.failed && { error: `pq: ${ctx.failed.message}`, error_stmt: statements[applied] ?? null }),
            hash: m.atlasHash ?? '',
            // One per statement applied, which Atlas checks before it resumes a revision left part-way (HistoryChangedError).
            partial_hashes: JSON.stringify(partialHashes(statements).slice(0, applied)),
            operator_version: 'migration-gate',
        }, { executed_at: 'now()' });
    },
};
/**
 * The statements as Atlas's scanner (lex.go) gives them, which its hashes and error_stmt hold: from the first token through the
 * `;` that ends it (comments before that `;` too), or the rest of the file for a last one without; a text not found stays as it is.
 */
function asAtlasLexes(sql, statements) {
    let cursor = 0;
    return statements.map((text) => {
        const at = sql.indexOf(text, cursor);
        if (at < 0)
            return text;
        cursor = at + text.length;
        const rest = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*;/.exec(sql.slice(cursor));
        if (rest)
            cursor += rest[0].length;
        return (rest ? sql.slice(at, cursor) : sql.slice(at)).trim();
    });
}
/** migrate.go Execute: one SHA-256 runs over the statements in turn, and each one's hash is that digest so far, `h1:` first. */
function partialHashes(statements) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    return statements.map((s) => `h1:${h.update(s).copy().digest('base64')}`);
}
/** The dirty-history draft for a revision Atlas left with statements not applied: it resumes there, and how to get past it. */
function unfinishedDraft(file, r, table) {
    const next = r.applied + 1;
    const failed = typeof r.error === 'string' && r.error !== '' ? `: statement ${next} failed (${r.error.split('\n')[0]})` : ` (statement ${next} never finished)`;
    return (0,tables_table/* dirtyDraft */.eL)(file, `Atlas recorded version ${r.version}${r.description ? ` (${r.description})` : ''} as partially applied, ${r.applied} of its ${r.total} statements${failed}. ` +
        `\`atlas migrate apply\` resumes it at statement ${next}, once it has checked the ${r.applied} before it are unchanged, and applies nothing after it until then.`, `Fix what stopped statement ${next} (in the database, or in the file from statement ${next} on, then \`atlas migrate hash\`) and run \`atlas migrate apply\` again; ` +
        `to start the file over instead, undo its first ${r.applied} statement(s) by hand and delete its revision: DELETE FROM ${table} WHERE version = '${r.version}';`);
}

;// CONCATENATED MODULE: ./src/history/tables/sqitch.ts
// Sqitch: its registry schema (`sqitch` unless engine.<engine>.registry says otherwise; App/Sqitch/Engine/pg.sql) holds
// changes, one row per deployed change of every project deployed to the database, keyed by the change ID Sqitch computes
// from the change's plan line and the ID of the change planned before it; script_hash is the SHA-1 of its deploy script.
// Beside it: projects, dependencies, tags, and events (the log: deploy, revert, fail, merge).
//
// Sqitch writes no changes row for a change whose script failed, only a `fail` event (Engine.pm deploy_change,
// log_fail_change), and its next deploy runs that change again: nothing in the registry stops it, so nothing is read as dirty.



const sqitch_COLUMNS = ['change_id', 'script_hash', 'change', 'project', 'note', 'committed_at', 'committer_name', 'committer_email', 'planned_at', 'planner_name', 'planner_email'];
const sqitch = {
    format: 'sqitch',
    // `sqitch status`, `log`, `check` and `upgrade` refuse a database without the registry; only `deploy` makes it, then deploys.
    createOnly: (table) => {
        const registry = table.slice(0, table.lastIndexOf('.'));
        const option = registry === 'sqitch' ? '' : ` --registry ${registry}`;
        return (`Sqitch has no command that makes only its registry: let it log its first change without running it, then take that back, ` +
            `\`sqitch deploy --log-only --to @ROOT${option} && sqitch revert -y --log-only${option}\` (the registry stays, with the project's row ` +
            'and those two events in `sqitch log`; no script runs)');
    },
    defaultTable: { schema: 'sqitch', name: 'changes' },
    // A registry older than Sqitch 0.998 has no script_hash, which Sqitch adds when it next deploys (Upgrade/pg-1.0.sql).
    fits: (columns) => (0,tables_table/* hasColumns */.q$)(columns, ['change_id', 'change', 'project', 'committed_at', 'committer_name', 'planned_at', 'planner_name']) && (0,tables_table/* onlyColumns */.wq)(columns, sqitch_COLUMNS),
    async read({ db, table, columns, migrations, folder }) {
        const planned = migrations.filter((m) => m.sqitch && m.kind === 'versioned');
        const projects = [...new Set(planned.map((m) => m.sqitch.project))];
        // Sqitch reads the changes of its plan's project only, in the order they were deployed (DBIEngine deployed_changes).
        const { rows } = await db.query(`SELECT change_id::text AS change_id, change::text AS change, project::text AS project,
              ${columns.has('script_hash') ? 'script_hash::text' : 'NULL'} AS script_hash, committed_at
         FROM ${(0,tables_table/* qualified */.LX)(table)} WHERE project = ANY ($1) ORDER BY committed_at, change_id`, [projects]);
        const fileOf = deployedFiles(rows, planned);
        // A project's first folder, as the rows name it (a later entry of a Map wins, so the list goes in reversed).
        const folderOf = new Map(planned.map((m) => [m.sqitch.project, m.folder]).reverse());
        const entries = rows.flatMap((r) => {
            const changeId = String(r.change_id);
            const name = String(r.change);
            // An old registry's script_hash is the change ID until Sqitch next deploys (_sync_plan, _update_script_hashes): no script's hash.
            const hash = r.script_hash === null || r.script_hash === changeId ? undefined : String(r.script_hash);
            const appliedAt = (0,tables_table/* isoTime */.Ly)(r.committed_at);
            const file = fileOf.get(changeId);
            const projectFolder = folderOf.get(String(r.project)) ?? folder;
            return (0,tables_table/* entriesFor */.aB)({ version: '', name, ...(hash && { checksum: { algorithm: 'sqitch', value: hash } }), ...(appliedAt && { appliedAt }), state: 'applied' }, file ? [file] : [], `${projectFolder}/deploy/${name}.sql`).map((e) => ({ ...e, changeId }));
        });
        return { entries, findings: [] };
    },
    async record(ctx) {
        const { db, migration: m } = ctx;
        if (!m.sqitch)
            throw new Error(`${m.file} is no change of a Sqitch plan, and the Sqitch registry records only those.`);
        const { project, uri, change } = m.sqitch;
        const registry = (0,quoted/* quoted */.T)(ctx.table.schema);
        // Sqitch's committer is its user.name and user.email, which the gate has not: the role that ran the change, from migration-gate.
        const role = String((await db.query('SELECT current_user AS role')).rows[0].role);
        const committer = { name: role, email: `${role}@migration-gate` };
        // As Engine/pg.pm begin_work: a `sqitch deploy` running meanwhile waits for this change's rows.
        await db.query(`LOCK TABLE ${(0,tables_table/* qualified */.LX)(ctx.table)} IN EXCLUSIVE MODE`);
        // register_project, which `sqitch deploy` runs before a project's first change.
        await db.query(`INSERT INTO ${registry}.projects (project, uri, creator_name, creator_email, created_at)
       SELECT $1, $2, $3, $4, clock_timestamp() WHERE NOT EXISTS (SELECT 1 FROM ${registry}.projects WHERE project = $1)`, [project, uri ?? null, committer.name, committer.email]);
        // DBIEngine log_deploy_change: the changes row, its dependencies, its tags, then the deploy event (tags as `@name`, dependencies as written).
        await (0,tables_table/* insertRow */.Il)(ctx, {
            change_id: change.id,
            script_hash: (0,checksum/* checksum */.cM)('sqitch', m.bytes),
            change: change.name,
            project,
            note: change.note,
            committer_name: committer.name,
            committer_email: committer.email,
            planned_at: change.plannedAt,
            planner_name: change.plannerName,
            planner_email: change.plannerEmail,
        }, { committed_at: 'clock_timestamp()' });
        const depend = (type, dependency, id) => db.query(`INSERT INTO ${registry}.dependencies (change_id, type, dependency, dependency_id) VALUES ($1, $2, $3, $4)`, [change.id, type, dependency, id]);
        for (const d of change.requires)
            await depend('require', d, await requiredId(db, registry, project, d));
        for (const d of change.conflicts)
            await depend('conflict', d, null);
        // `sqitch revert --to @tag` and a `change@tag` requirement find the tag here (change_id_for).
        for (const t of change.tags) {
            await db.query(`INSERT INTO ${registry}.tags (tag_id, tag, project, change_id, note, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp())`, [t.id, `@${t.name}`, project, change.id, t.note, committer.name, committer.email, t.plannedAt, t.plannerName, t.plannerEmail]);
        }
        await db.query(`INSERT INTO ${registry}.events (event, change_id, change, project, note, tags, requires, conflicts, committer_name, committer_email,
                                       planned_at, planner_name, planner_email, committed_at)
       VALUES ('deploy', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())`, [change.id, change.name, project, change.note, change.tags.map((t) => `@${t.name}`), change.requires, change.conflicts, committer.name, committer.email, change.plannedAt, change.plannerName, change.plannerEmail]);
    },
};
/**
 * Which migration each deployed change ID stands for, as Sqitch takes it: the planned change of that ID; else, the plan
 * having changed under the database, a planned change of the same name no row has the ID of (a reworked name's in plan
 * order; where rows outnumber them, the latest rows take them). A row of a change the plan no longer has gets none.
 */
function deployedFiles(rows, planned) {
    const key = (project, id) => `${String(project)}\0${String(id)}`;
    const byId = new Map(planned.map((m) => [key(m.sqitch.project, m.sqitch.change.id), m]));
    const fileOf = new Map();
    const unmatched = new Map();
    for (const r of rows) {
        const m = byId.get(key(r.project, r.change_id));
        if (m)
            fileOf.set(String(r.change_id), m);
        else
            unmatched.set(key(r.project, r.change), [...(unmatched.get(key(r.project, r.change)) ?? []), String(r.change_id)]);
    }
    const deployed = new Set(fileOf.values());
    for (const [name, ids] of unmatched) {
        const free = planned.filter((m) => key(m.sqitch.project, m.sqitch.change.name) === name && !deployed.has(m)).sort((a, b) => a.sqitch.change.index - b.sqitch.change.index);
        ids.slice(Math.max(0, ids.length - free.length)).forEach((id, i) => fileOf.set(id, free[i]));
    }
    return fileOf;
}
/**
 * The change ID a `requires` entry resolves to in the registry, as DBIEngine change_id_for finds it for `sqitch deploy`;
 * Sqitch deploys nothing while one is missing, and says so in these words.
 */
async function requiredId(db, registry, project, dependency) {
    // Depend as_string: `[project:]change`, `[project:]change@tag`, `[project:]@tag` or a change ID.
    const [, other, change, tag] = /^(?:([^:@]+):)?([^@]*)(?:@(.*))?$/s.exec(dependency);
    const query = changeIdFor(registry, other ?? project, change || undefined, tag);
    const id = query && (await db.query(query.sql, query.params)).rows[0]?.change_id;
    if (typeof id !== 'string')
        throw new Error(`Missing required change: ${dependency}`);
    return id;
}
/** change_id_for's query, with `first` set, as check_deploy_dependencies asks it (null: @ROOT of a change, which is nothing). */
function changeIdFor(registry, project, change, tag) {
    const changes = `SELECT change_id FROM ${registry}.changes WHERE project = $1`;
    if (change === undefined) {
        if (tag === 'HEAD' || tag === 'ROOT')
            return { sql: `${changes} ORDER BY committed_at ${tag === 'HEAD' ? 'DESC' : 'ASC'} LIMIT 1`, params: [project] };
        return { sql: `SELECT change_id FROM ${registry}.tags WHERE project = $1 AND tag = $2`, params: [project, `@${tag}`] };
    }
    if (tag === undefined) {
        if (/^[0-9a-f]{40}$/.test(change))
            return { sql: `SELECT change_id FROM ${registry}.changes WHERE change_id = $1`, params: [change] };
        return { sql: `${changes} AND change = $2 ORDER BY committed_at ASC LIMIT 1`, params: [project, change] };
    }
    if (tag === 'ROOT')
        return null;
    if (tag === 'HEAD')
        return { sql: `${changes} AND change = $2 ORDER BY committed_at DESC LIMIT 1`, params: [project, change] };
    return {
        sql: `SELECT c.change_id FROM ${registry}.changes c JOIN ${registry}.tags t ON c.committed_at <= t.committed_at AND c.project = t.project
           WHERE c.project = $1 AND c.change = $2 AND t.tag = $3 ORDER BY c.committed_at DESC LIMIT 1`,
        params: [project, change, `@${tag}`],
    };
}

;// CONCATENATED MODULE: ./src/history/tables/index.ts
// The history table formats migration-gate reads and writes, one file each.















const HISTORY_TABLES = [seedRunner, filename, supabase, flyway, prisma, golangMigrate, dbmate, nodePgMigrate, goose, sqlx/* sqlx */.l, graphileMigrate, diesel, drizzle, atlas, sqitch];
function historyTable(format) {
    return HISTORY_TABLES.find((t) => t.format === format);
}

;// CONCATENATED MODULE: ./src/history/read-table.ts
// Deploy mode's history: finds the runner's history table in the target database (configured, or
// detected by the table shapes present), and reads it in a READ ONLY transaction into a History.




async function readHistoryTable(options, migrations) {
    const target = await (0,deploy_target/* connectTarget */.u)((0,deploy_target/* targetUrl */.dm)(options));
    try {
        await target.client.query('BEGIN TRANSACTION READ ONLY');
        const read = await readHistoryWith(target, options, migrations);
        await target.client.query('COMMIT');
        return read;
    }
    finally {
        await target.client.end().catch(() => undefined);
    }
}
/** Reads the history over an open connection (apply reads it again under its lock). */
async function readHistoryWith(target, options, migrations) {
    return guarded(target, async () => {
        const located = await locateHistoryTable(target.client, options);
        const folder = migrations[0]?.folder ?? options.folders[0]?.path ?? '.';
        if (!located.exists) {
            const findings = await unrecordedTables(target.client, located, folder);
            return { history: { source: `table:${(0,tables_table/* tableName */.Cm)(located.table)}`, matchBy: 'file', entries: [] }, findings, located };
        }
        const rows = await located.format.read({ db: target.client, table: located.table, columns: located.columns, migrations, folder });
        const history = { source: `table:${(0,tables_table/* tableName */.Cm)(located.table)}`, matchBy: 'file', entries: rows.entries };
        return { history, findings: rows.findings, located };
    });
}
/** Finds the configured table, or the one runner table present; absent means nothing is applied yet. */
async function locateHistoryTable(db, options) {
    const configured = options.history.format === 'auto' ? null : historyTable(options.history.format);
    const formats = configured ? [configured] : HISTORY_TABLES;
    const candidates = options.history.table
        ? [options.history.table]
        : unique(formats.map((f) => (f.defaultTable.schema ? `${f.defaultTable.schema}.${f.defaultTable.name}` : f.defaultTable.name)));
    const found = [];
    for (const candidate of candidates) {
        const exact = asQuoted(candidate);
        const table = (await lookUp(db, candidate)) ?? (exact ? await lookUp(db, exact) : null);
        if (!table)
            continue;
        const columns = await columnsOf(db, table.oid);
        let fitting = formats.filter((f) => f.fits(columns));
        if (fitting.length > 1) {
            const confirmed = [];
            for (const f of fitting)
                if (!f.confirm || (await f.confirm(db, table.ref)))
                    confirmed.push(f);
            fitting = confirmed.length > 0 ? confirmed.slice(0, 1) : fitting.slice(0, 1);
        }
        if (fitting.length === 0) {
            // A default name taken by some other table (a Rails schema_migrations, say) is only an error when it is the only lead.
            if (options.history.table || configured)
                throw unknownShape(table.ref, columns, configured);
            continue;
        }
        if (!table.readable) {
            throw new errors/* UserError */.y(`The database role cannot read the history table ${(0,tables_table/* tableName */.Cm)(table.ref)}: grant it SELECT on that table ` +
                `(GRANT SELECT ON ${(0,tables_table/* tableName */.Cm)(table.ref)} TO <role>) and USAGE on schema ${table.ref.schema}.`);
        }
        found.push({ format: fitting[0], table: table.ref, columns, exists: true });
    }
    if (found.length > 1) {
        const list = found.map((f) => `${(0,tables_table/* tableName */.Cm)(f.table)} (${f.format.format})`).join(', ');
        throw new errors/* UserError */.y(`Found more than one migration history table: ${list}. Set history (the format) and history-table to the one this deploy uses.`);
    }
    if (found[0])
        return found[0];
    if (!options.history.table && !configured && candidates.length > 0) {
        const shapes = await presentButUnknown(db, candidates);
        if (shapes)
            throw unknownShape(shapes.ref, shapes.columns, null);
    }
    const format = configured ?? historyTable('seed-runner');
    const wanted = options.history.table ?? (format.defaultTable.schema ? `${format.defaultTable.schema}.${format.defaultTable.name}` : format.defaultTable.name);
    return { format, table: await placeFor(db, wanted), columns: new Map(), exists: false };
}
/**
 * No history table, yet the schemas on the search path hold tables: the runner would take the database for one where
 * nothing ran and apply every migration over them (Flyway refuses a non-empty schema outright). More likely the table
 * is elsewhere (another schema, a quoted name, a schema the role lacks USAGE on), or the database was set up another way.
 */
async function unrecordedTables(db, located, folder) {
    const { rows } = await db.query(`SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false))
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1, 2`);
    if (rows.length === 0)
        return [];
    const runner = located.format.format;
    const shown = rows.slice(0, 3).map((r) => `${r.schema}.${r.name}`).join(', ') + (rows.length > 3 ? `, and ${rows.length - 3} more` : '');
    const draft = (0,tables_table/* dirtyDraft */.eL)(folder, `The target has no history table ${(0,tables_table/* tableName */.Cm)(located.table)}, yet it holds ${rows.length} table${rows.length === 1 ? '' : 's'} (${shown}): ` +
        (runner === 'flyway'
            ? 'Flyway refuses to migrate a non-empty schema without its history table.'
            : `${runner} would take it for a database where nothing ran and apply every migration over them.`), "If this database is migrated, point history-table (and history) at its table: check the schema, the name's letter case " +
        `(quote it: '"MyHistory"') and that the role has USAGE on that schema. If its tables were made another way, record what they ` +
        "already hold first, with the runner's baseline (`flyway baseline`) or by inserting the rows of the migrations they stand for.");
    // Flyway stops there itself; the others run on, so it is a warning that a first deploy onto a shared schema may accept.
    return [{ ...draft, severity: runner === 'flyway' ? 'error' : 'warning' }];
}
/** A default-named table that fits no format, when no runner table was found at all. */
async function presentButUnknown(db, candidates) {
    for (const candidate of candidates) {
        const table = await lookUp(db, candidate);
        if (table)
            return { ref: table.ref, columns: await columnsOf(db, table.oid) };
    }
    return null;
}
function unknownShape(table, columns, configured) {
    const shape = [...columns].map(([n, t]) => `${n} ${t}`).join(', ');
    const expected = configured
        ? `it does not look like ${configured.format}'s history table`
        : `its columns match none of the known formats (${HISTORY_TABLES.map((f) => f.format).join(', ')})`;
    return new errors/* UserError */.y(`The history table ${(0,tables_table/* tableName */.Cm)(table)} has columns (${shape}): ${expected}. ` +
        `Set history to the runner that writes it, or history-table to the right table.`);
}
async function lookUp(db, name) {
    let rows;
    try {
        ({ rows } = await db.query(`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, has_table_privilege(c.oid, 'SELECT') AS readable
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`, [name]));
    }
    catch (e) {
        // to_regclass raises only for a malformed name ("a.b.c.d", an unterminated quote).
        if (e.code === '42501')
            throw e;
        throw new errors/* UserError */.y(`history-table "${name}" is not a valid table name: ${e.message}.`);
    }
    const r = rows[0];
    return r ? { oid: r.oid, ref: { schema: r.schema, name: r.name }, readable: r.readable } : null;
}
async function columnsOf(db, oid) {
    const { rows } = await db.query(`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [oid]);
    return new Map(rows.map((r) => [String(r.name), String(r.type)]));
}
/** Where a table that does not exist yet would be created: its schema, or the first on the search path. */
async function placeFor(db, name) {
    const { rows } = await db.query(`SELECT current_schema() AS schema`);
    const parts = (0,tables_table/* nameParts */.IN)(name);
    return parts.length === 2 ? { schema: parts[0], name: parts[1] } : { schema: String(rows[0]?.schema ?? 'public'), name: parts[0] };
}
/** `MyHistory` as the runners create it, quoting the configured name (Flyway, golang-migrate): `"MyHistory"`. */
function asQuoted(name) {
    return /[A-Z]/.test(name) && !name.includes('"') ? name.split('.').map((part) => `"${part.trim()}"`).join('.') : null;
}
function unique(values) {
    return [...new Set(values)];
}
/** Query errors a user can cause (no privilege, a table that vanished) become UserErrors without the password. */
async function guarded(target, run) {
    try {
        return await run();
    }
    catch (e) {
        if (e instanceof errors/* UserError */.y)
            throw e;
        const err = e;
        if (err.code === '42501') {
            throw new errors/* UserError */.y(`The database role cannot read the migration history (${target.redact(err.message ?? '')}): grant it SELECT on the history table and USAGE on its schema.`);
        }
        if (err.code && /^(08|57P)/.test(err.code)) {
            throw new errors/* UserError */.y(`The connection to ${target.display} failed while reading the history: ${target.redact(err.message ?? '')}.`);
        }
        throw e;
    }
}


/***/ })

};
