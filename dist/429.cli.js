export const id = 429;
export const ids = [429];
export const modules = {

/***/ 6429:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyPending: () => (/* binding */ applyPending)
});

// UNUSED EXPORTS: DEFAULT_LOCK_WAIT_MS, summaryLine

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config/presets.ts
var presets = __webpack_require__(914);
// EXTERNAL MODULE: ./src/config/runner-config.ts
var runner_config = __webpack_require__(9041);
// EXTERNAL MODULE: ./src/config/runner-placeholders.ts + 1 modules
var runner_placeholders = __webpack_require__(5024);
// EXTERNAL MODULE: ./src/checksum/index.ts
var checksum = __webpack_require__(371);
// EXTERNAL MODULE: ./src/sql/parser.ts
var parser = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/dryrun/engine.ts
var engine = __webpack_require__(7070);
// EXTERNAL MODULE: ./src/dryrun/execute.ts
var execute = __webpack_require__(8157);
// EXTERNAL MODULE: ./src/dryrun/url-engine.ts + 2 modules
var url_engine = __webpack_require__(9975);
// EXTERNAL MODULE: ./src/dryrun/plan.ts + 1 modules
var plan = __webpack_require__(6514);
// EXTERNAL MODULE: ./src/dryrun/refusal.ts
var refusal = __webpack_require__(1554);
// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(5066);
// EXTERNAL MODULE: ./src/rules/out-of-order.ts
var out_of_order = __webpack_require__(4544);
// EXTERNAL MODULE: ./src/rules/index.ts + 16 modules
var rules = __webpack_require__(4985);
// EXTERNAL MODULE: ./src/deploy/target.ts + 1 modules
var deploy_target = __webpack_require__(8197);
// EXTERNAL MODULE: ./src/sql/quoted.ts
var quoted = __webpack_require__(5498);
;// CONCATENATED MODULE: ./src/deploy/search-path.ts
// The search path a runner puts on its connection for the migrations, which `apply` puts there as the runner does, so
// unqualified objects land where the runner would create them. Flyway, before each migration, puts its default schema
// in front of the connection's own path (flyway/flyway DbMigrate.doMigrateGroup and PostgreSQLConnection
// changeCurrentSchemaTo); graphile-migrate sets its pgSettings once on the connection, before anything runs
// (graphile/migrate src/pgReal.ts withClient). Both as a session setting (set_config(..., false)).


const LEFT_ALONE = { start: async () => undefined, beforeEach: async () => undefined };
const setSearchPath = async (db, path) => {
    await db.query(`SELECT set_config('search_path', $1, false)`, [path]);
};
/** What the preset's runner does to the search path of `db`, a fresh connection whose path is still the role's own. */
async function runnerSearchPath(db, options) {
    const path = options.dryRun.searchPath;
    if (options.preset === 'graphile-migrate' && path)
        return { start: (d) => setSearchPath(d, path), beforeEach: LEFT_ALONE.beforeEach };
    const schema = options.preset === 'flyway' ? (0,runner_placeholders/* flywayDefaultSchema */.Bo)(options) : undefined;
    if (!schema)
        return LEFT_ALONE;
    // Flyway reads the connection's path once, when it connects, and puts the schema in front of it each time.
    const { rows } = await db.query('SHOW search_path');
    const original = rows[0].search_path;
    // It leaves the path alone where it already starts with the schema.
    if (original === schema || original.startsWith(`${schema},`))
        return LEFT_ALONE;
    const flywayPath = original ? `${(0,quoted/* quoted */.T)(schema)},${original}` : (0,quoted/* quoted */.T)(schema);
    return {
        start: LEFT_ALONE.start,
        async beforeEach(d) {
            // ...and while the schema does not exist (createSchemas off, or a migration yet to create it).
            const exists = await d.query(`SELECT FROM pg_namespace WHERE nspname = $1`, [schema]);
            if (exists.rowCount)
                await setSearchPath(d, flywayPath);
        },
    };
}

// EXTERNAL MODULE: ./src/history/read-table.ts + 13 modules
var read_table = __webpack_require__(308);
// EXTERNAL MODULE: ./src/history/tables/table.ts
var table = __webpack_require__(6012);
;// CONCATENATED MODULE: ./src/deploy/apply.ts
// `migration-gate apply`: runs the pending migrations against the target, one deploy at a time
// (a PostgreSQL advisory lock), each file and its history row in one transaction, stopping at the
// first failure with nothing half-recorded.




















const DEFAULT_LOCK_WAIT_MS = 5 * 60 * 1000;
/** Formats that key rows by file or folder name, so two files may share a version. */
const KEYED_BY_NAME = new Set(['filename', 'prisma', 'node-pg-migrate']);
async function applyPending(options, migrations, io, settings = {}, refusedNames = []) {
    const parserReady = (0,parser/* loadParser */.qd)();
    const target = await (0,deploy_target/* connectTarget */.u)((0,deploy_target/* targetUrl */.dm)(options), 'migration-gate apply');
    try {
        // Read before anything else touches the session: Flyway builds on the path the connection starts with.
        const searchPath = await runnerSearchPath(target.client, options);
        // A deploy killed mid-file must not leave its backend running on with the lock held until the
        // statement ends: PostgreSQL 14+ checks for a vanished client while a query runs.
        await target.client.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
        // The deploy's own limits; a file's own SET still has the last word for the statements after it.
        const { lockTimeoutMs, statementTimeoutMs } = options.apply;
        if (lockTimeoutMs)
            await target.client.query(`SET lock_timeout = ${lockTimeoutMs}`);
        if (statementTimeoutMs)
            await target.client.query(`SET statement_timeout = ${statementTimeoutMs}`);
        const where = await (0,read_table/* locateHistoryTable */.B)(target.client, options).catch((e) => rethrow(e, target));
        await acquireLock(target, lockKey((0,table/* tableName */.Cm)(where.table)), settings.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
        // Everything below is decided under the lock: another deploy may have applied files meanwhile.
        const { history, findings, located } = await (0,read_table/* readHistoryWith */.t)(target, options, migrations);
        const runnable = migrations.filter((m) => m.kind === 'versioned');
        // Said, not silently left out: Flyway's own rules decide when R__ and U__ files run.
        const notRun = migrations.filter((m) => m.kind !== 'versioned');
        if (notRun.length) {
            io.log(`not run: ${notRun.map((m) => m.file).join(', ')} (repeatable and undo migrations are Flyway's to run; apply runs versioned files only)`);
        }
        for (const f of findings.filter((d) => d.severity === 'warning'))
            io.log(`warning: ${f.message} ${f.suggestion ?? ''}`.trim());
        refuseBlocked(findings.filter((d) => d.severity !== 'warning'));
        refuseDrift(history, runnable);
        refuseOutOfOrder(options, migrations, history);
        const entryOf = (0,build/* historyIndex */.Tt)(history);
        const pending = runnable.filter((m) => entryOf(m)?.state !== 'applied');
        refuseNames(options, pending, refusedNames);
        const skipped = runnable.filter((m) => entryOf(m)?.state === 'applied').map((m) => m.file);
        const result = { applied: [], skipped, total: runnable.length };
        if (pending.length > 0) {
            refuseWrite(located, options);
            refuseSharedVersions(located, runnable, pending);
            await parserReady;
            const onTarget = await (0,runner_placeholders/* withDatabaseName */.tV)(options, async () => (await target.client.query('SELECT current_database() AS name')).rows[0].name);
            const plans = pending.map((m) => (0,plan/* planMigration */.Eu)(m, onTarget));
            refuseUnfilled(plans);
            if (options.runnerSchemas)
                await createSchemas(target, options, options.runnerSchemas, io);
            await searchPath.start(target.client);
            await applyInOrder(target, options, located, plans, searchPath, io, result);
        }
        io.log(summaryLine(result));
        return result;
    }
    finally {
        // Closing the session releases the advisory lock too.
        await target.client.end().catch(() => undefined);
    }
}
/** The line seed 002's runner prints, which deploy logs are grepped for. */
function summaryLine(result) {
    return `${result.applied.length} applied, ${result.skipped.length} skipped, ${result.total} total`;
}
async function applyInOrder(target, options, startAt, pending, searchPath, io, result) {
    let located = startAt;
    const db = target.client;
    for (const plan of pending) {
        const { migration } = plan;
        const t0 = performance.now();
        try {
            if (plan.outsideTransaction) {
                await searchPath.beforeEach(db);
                await runStatements(target, plan, false, options.apply);
            }
            await db.query('BEGIN');
            try {
                if (!plan.outsideTransaction) {
                    await searchPath.beforeEach(db);
                    await runStatements(target, plan, true, options.apply);
                }
                located = await ensureTable(db, options, located);
                const executionMs = performance.now() - t0;
                const statements = (plan.statements ?? []).map((s) => s.text);
                await located.format.record({ db, table: located.table, columns: located.columns, migration, executionMs, statements });
                await db.query('COMMIT');
            }
            catch (e) {
                await db.query('ROLLBACK').catch(() => undefined);
                throw e;
            }
            result.applied.push(migration.file);
            io.log(`applied ${migration.file} (${Math.round(performance.now() - t0)} ms)`);
        }
        catch (e) {
            if (e instanceof errors/* UserError */.y)
                throw e;
            const error = e instanceof StatementError ? e.message : `${migration.file}: ${target.redact(e.message)}`;
            result.failed = { file: migration.file, error };
            io.log(`failed ${migration.file}: ${error}`);
            if (plan.outsideTransaction) {
                io.log(`${migration.file} runs outside a transaction: the statements before the failing one stay applied; it is not recorded, so the next apply runs it again from the start.`);
            }
            else {
                io.log(`${migration.file} was rolled back and not recorded; nothing after it ran.`);
            }
            return;
        }
    }
}
/** The schemas the runner creates where missing before it migrates (Flyway's createSchemas), created as it creates them. */
async function createSchemas(target, options, schemas, io) {
    const runner = presets/* PRESET_TABLE */.rv[options.preset].runner.name;
    const created = await (0,runner_config/* createRunnerSchemas */.Xv)((0,url_engine/* clientSession */.y1)(target.client), schemas).catch((e) => {
        throw new errors/* UserError */.y(`Not applying: ${runner} creates the schemas it manages (${schemas.join(', ')}) where missing before it migrates, and creating them failed: ` +
            `${target.redact(e.message)}. Create them, or grant the role CREATE on the database.`);
    });
    for (const name of created)
        io.log(`created schema ${name}, as ${runner} creates a missing schema it manages before it migrates`);
}
class StatementError extends Error {
}
/** What to do when one of the deploy's own limits (when set) stopped a statement, by SQLSTATE. */
function limitHint(code, limits) {
    if (code === '55P03' && limits.lockTimeoutMs) {
        return `. It waited ${limits.lockTimeoutMs} ms for a lock another session holds; run apply again when that session is done, or raise apply.lock-timeout-ms.`;
    }
    if (code === '57014' && limits.statementTimeoutMs)
        return `. It ran past apply.statement-timeout-ms (${limits.statementTimeoutMs} ms); raise it, or split the work.`;
    return '';
}
/** Runs the plan's statements one by one, so a failure names its line; inTransaction decides only the message. */
async function runStatements(target, plan, inTransaction, limits) {
    // Mapped as the dry-run maps its errors: the file's own line and column and words, not the filled text's.
    const failure = (e, sentAt, failed, ran = '') => {
        const err = (0,execute/* mapError */.xm)(plan, (0,engine/* toServerError */.N)(e), sentAt, failed);
        return new StatementError(`${plan.migration.file}:${err.line}:${err.column}: ${target.redact(err.message)}${ran}${limitHint(err.sqlstate, limits)}`);
    };
    if (!plan.statements) {
        // The parser could not read the file: the server gets it whole and says where it is wrong.
        await target.client.query(plan.sql).catch((e) => {
            throw failure(e, 0);
        });
        return;
    }
    const session = (0,url_engine/* clientSession */.y1)(target.client);
    for (const [i, s] of plan.statements.entries()) {
        try {
            await (0,execute/* send */.tN)(session, plan.sql, s);
        }
        catch (e) {
            const kept = i === 0 ? 'none of its statements had run' : i === 1 ? 'statement 1 had run and stays' : `statements 1-${i} had run and stay`;
            throw failure(e, s.start, s, inTransaction ? '' : ` (run outside a transaction: ${kept}, of ${plan.statements.length})`);
        }
    }
}
/** Creates the seed-001-style table when there is none yet, in the first migration's transaction. */
async function ensureTable(db, options, located) {
    if (located.exists)
        return located;
    await db.query(located.format.create(located.table));
    // Its columns decide what is written; the migration itself may have created the table its own way.
    const now = await (0,read_table/* locateHistoryTable */.B)(db, { ...options, history: { ...options.history, table: `${(0,table/* qualified */.LX)(located.table)}` } });
    return now;
}
function refuseBlocked(findings) {
    if (findings.length === 0)
        return;
    throw new errors/* UserError */.y(`Not applying: the migration history needs repair first.\n${listed(findings)}`);
}
/** Findings as a refusal lists them: each message, its advice below it. */
function listed(findings) {
    return findings.map((f) => `- ${f.message}\n  ${f.suggestion ?? ''}`).join('\n');
}
/** A file the runner refuses or never runs (below its newest applied version) would leave the runner stuck on its next run. */
function refuseOutOfOrder(options, migrations, history) {
    const refused = (0,rules/* resolve */.hd)(out_of_order/* outOfOrder */.w.check({ migrations, history, options }), options).filter((f) => f.severity === 'error');
    if (refused.length === 0)
        return;
    throw new errors/* UserError */.y(`Not applying: ${refused.length === 1 ? 'a pending migration is' : `${refused.length} pending migrations are`} out of order.\n${listed(refused)}`);
}
/** A file name the runner refuses stops it while it lists the folder, before it applies any migration there (sqlx, goose). */
function refuseNames(options, pending, refused) {
    const stopped = new Map();
    for (const m of pending) {
        const why = (0,refusal/* folderRefusal */.p)(m, refused, options);
        if (why)
            stopped.set(m.folder, why);
    }
    if (stopped.size === 0)
        return;
    const { name } = presets/* PRESET_TABLE */.rv[options.preset].runner;
    const folders = [...stopped.keys()].map((f) => `${f}/`).join(', ');
    throw new errors/* UserError */.y(`Not applying: ${name} would apply no migration of ${folders}.\n${[...stopped.values()].map((why) => `- ${why}`).join('\n')}\n` +
        `Rename ${stopped.size === 1 ? 'the file' : 'each file'} to a name ${name} takes, or move it out of the folder, then apply again.`);
}
/** Before anything runs: a placeholder without a value would run as its stand-in and make objects named `schema___`. */
function refuseUnfilled(plans) {
    const lines = plans.flatMap(({ migration, template }) => template.unfilled.map((f) => `- ${migration.file}:${template.position(f.to).line}: ${f.text} (${f.key})`));
    if (lines.length === 0)
        return;
    throw new errors/* UserError */.y(`Not applying: ${lines.length === 1 ? 'a placeholder has' : `${lines.length} placeholders have`} no value, and would run as a stand-in name:\n` +
        `${lines.join('\n')}\nGive each a value under placeholders in .migration-gate.yml or with --placeholder <name>=VALUE, then apply again.`);
}
function refuseDrift(history, migrations) {
    const entryOf = (0,build/* historyIndex */.Tt)(history);
    const drifted = migrations.filter((m) => {
        const e = entryOf(m);
        return e?.state === 'applied' && e.checksum && (0,checksum/* checksum */.cM)(e.checksum.algorithm, m.bytes) !== e.checksum.value;
    });
    if (drifted.length === 0)
        return;
    const list = drifted.map((m) => `- ${m.file}`).join('\n');
    throw new errors/* UserError */.y(`Not applying: ${drifted.length === 1 ? 'an applied migration was' : `${drifted.length} applied migrations were`} edited after ` +
        `${history.source} recorded them (checksum-drift):\n${list}\nRestore the applied content (git log -p -- <file>) and put the change in a new migration.`);
}
function refuseWrite(located, options) {
    const name = (0,table/* tableName */.Cm)(located.table);
    if (!located.exists && located.format.create)
        return;
    if (!located.exists) {
        throw new errors/* UserError */.y(`The ${located.format.format} history table ${name} does not exist, and migration-gate creates only its own (seed-runner) table: ` +
            `run ${located.format.format} once, or set history: seed-runner.`);
    }
    if (located.format.format !== 'seed-runner' && !options.history.write) {
        throw new errors/* UserError */.y(`${name} belongs to ${located.format.format}; migration-gate writes another runner's history only with history-write: true ` +
            `(--history-write). Without it, run ${located.format.format} itself after this gate passes.`);
    }
}
function refuseSharedVersions(located, all, pending) {
    if (KEYED_BY_NAME.has(located.format.format))
        return;
    for (const m of pending) {
        const twin = all.find((o) => o !== m && (0,table/* sameVersion */.r1)(o.version, m.version, located.format.format));
        if (twin) {
            throw new errors/* UserError */.y(`Not applying: ${m.file} and ${twin.file} share version ${m.version}, and ${(0,table/* tableName */.Cm)(located.table)} records one row per version. ` +
                `Renumber ${external_node_path_.posix.basename(m.file)} to a free version first.`);
        }
    }
}
/** A 64-bit advisory lock key per history table, so deploys of other tables in the same database do not wait. */
function lockKey(table) {
    return (0,external_node_crypto_.createHash)('sha256').update(`migration-gate:${table}`).digest().readBigInt64BE(0);
}
const POLL_MS = 200;
async function acquireLock(target, key, waitMs) {
    const deadline = Date.now() + waitMs;
    for (;;) {
        const { rows } = await target.client.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key.toString()]);
        if (rows[0]?.ok === true)
            return;
        if (Date.now() >= deadline)
            break;
        await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    }
    const holder = await lockHolder(target, key);
    throw new errors/* UserError */.y(`Another deploy is applying migrations to ${target.display} ` +
        `(${holder ?? 'a session holding the migration-gate lock'}); waited ${Math.round(waitMs / 1000)} s for it. ` +
        `Run this deploy again when it has finished${holder ? `; if that session is stuck, end it with SELECT pg_terminate_backend(${holder.match(/pid (\d+)/)?.[1]})` : ''}.`);
}
async function lockHolder(target, key) {
    const unsigned = BigInt.asUintN(64, key);
    const { rows } = await target.client.query(`SELECT a.pid, a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 1`, [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()]);
    const r = rows[0];
    if (!r)
        return null;
    const since = r.backend_start instanceof Date ? `, connected since ${r.backend_start.toISOString()}` : '';
    return `pid ${r.pid}, ${r.application_name || 'no application name'}${since}`;
}
function rethrow(e, target) {
    if (e instanceof errors/* UserError */.y)
        throw e;
    throw new errors/* UserError */.y(`Reading the history table failed: ${target.redact(e.message)}`);
}


/***/ })

};
