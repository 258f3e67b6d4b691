export const id = 427;
export const ids = [427];
export const modules = {

/***/ 2427:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   applyPending: () => (/* binding */ applyPending)
/* harmony export */ });
/* unused harmony exports DEFAULT_LOCK_WAIT_MS, summaryLine */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3916);
/* harmony import */ var _checksum_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(371);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7117);
/* harmony import */ var _dryrun_engine_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7070);
/* harmony import */ var _dryrun_execute_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8157);
/* harmony import */ var _dryrun_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6127);
/* harmony import */ var _report_build_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5066);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7474);
/* harmony import */ var _history_read_table_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1334);
/* harmony import */ var _history_tables_table_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6012);
// `migration-gate apply`: runs the pending migrations against the target, one deploy at a time
// (a PostgreSQL advisory lock), each file and its history row in one transaction, stopping at the
// first failure with nothing half-recorded.












const DEFAULT_LOCK_WAIT_MS = 5 * 60 * 1000;
/** Formats that key rows by file or folder name, so two files may share a version. */
const KEYED_BY_NAME = new Set(['filename', 'prisma', 'node-pg-migrate']);
async function applyPending(options, migrations, io, settings = {}) {
    const parserReady = (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_9__/* .loadParser */ .qd)();
    const target = await (0,_target_js__WEBPACK_IMPORTED_MODULE_6__/* .connectTarget */ .u)((0,_target_js__WEBPACK_IMPORTED_MODULE_6__/* .targetUrl */ .dm)(options), 'migration-gate apply');
    try {
        // A deploy killed mid-file must not leave its backend running on with the lock held until the
        // statement ends: PostgreSQL 14+ checks for a vanished client while a query runs.
        await target.client.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
        // The deploy's own limits; a file's own SET still has the last word for the statements after it.
        const { lockTimeoutMs, statementTimeoutMs } = options.apply;
        if (lockTimeoutMs)
            await target.client.query(`SET lock_timeout = ${lockTimeoutMs}`);
        if (statementTimeoutMs)
            await target.client.query(`SET statement_timeout = ${statementTimeoutMs}`);
        const where = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_7__/* .locateHistoryTable */ .B)(target.client, options).catch((e) => rethrow(e, target));
        await acquireLock(target, lockKey((0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_8__/* .tableName */ .Cm)(where.table)), settings.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
        // Everything below is decided under the lock: another deploy may have applied files meanwhile.
        const { history, findings, located } = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_7__/* .readHistoryWith */ .t)(target, options, migrations);
        const runnable = migrations.filter((m) => m.kind === 'versioned');
        // Said, not silently left out: Flyway's own rules decide when R__ and U__ files run.
        const notRun = migrations.filter((m) => m.kind !== 'versioned');
        if (notRun.length) {
            io.log(`not run: ${notRun.map((m) => m.file).join(', ')} (repeatable and undo migrations are Flyway's to run; apply runs versioned files only)`);
        }
        refuseBlocked(findings);
        refuseDrift(history, runnable);
        const entryOf = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_5__/* .historyIndex */ .Tt)(history);
        const pending = runnable.filter((m) => entryOf(m)?.state !== 'applied');
        const skipped = runnable.filter((m) => entryOf(m)?.state === 'applied').map((m) => m.file);
        const result = { applied: [], skipped, total: runnable.length };
        if (pending.length > 0) {
            refuseWrite(located, options);
            refuseSharedVersions(located, runnable, pending);
            await parserReady;
            const plans = pending.map((m) => (0,_dryrun_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planMigration */ .Eu)(m, options));
            refuseUnfilled(plans);
            await applyInOrder(target, options, located, plans, io, result);
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
async function applyInOrder(target, options, startAt, pending, io, result) {
    let located = startAt;
    const db = target.client;
    for (const plan of pending) {
        const { migration } = plan;
        const startedAt = new Date();
        const t0 = performance.now();
        try {
            if (plan.outsideTransaction)
                await runStatements(target, plan, false, options.apply);
            await db.query('BEGIN');
            try {
                if (!plan.outsideTransaction)
                    await runStatements(target, plan, true, options.apply);
                located = await ensureTable(db, options, located);
                const executionMs = performance.now() - t0;
                const statements = (plan.statements ?? []).map((s) => s.text);
                await located.format.record({ db, table: located.table, columns: located.columns, migration, startedAt, executionMs, statements });
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
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y)
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
        const err = (0,_dryrun_execute_js__WEBPACK_IMPORTED_MODULE_3__/* .mapError */ .xm)(plan, (0,_dryrun_engine_js__WEBPACK_IMPORTED_MODULE_11__/* .toServerError */ .N)(e), sentAt, failed);
        return new StatementError(`${plan.migration.file}:${err.line}:${err.column}: ${target.redact(err.message)}${ran}${limitHint(err.sqlstate, limits)}`);
    };
    if (!plan.statements) {
        // The parser could not read the file: the server gets it whole and says where it is wrong.
        await target.client.query(plan.sql).catch((e) => {
            throw failure(e, 0);
        });
        return;
    }
    for (const [i, s] of plan.statements.entries()) {
        try {
            await target.client.query(s.text);
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
    const now = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_7__/* .locateHistoryTable */ .B)(db, { ...options, history: { ...options.history, table: `${(0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_8__/* .qualified */ .LX)(located.table)}` } });
    return now;
}
function refuseBlocked(findings) {
    if (findings.length === 0)
        return;
    const lines = findings.map((f) => `- ${f.message}\n  ${f.suggestion ?? ''}`).join('\n');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`Not applying: the history table records a migration that did not finish.\n${lines}`);
}
/** Before anything runs: a placeholder without a value would run as its stand-in and make objects named `schema___`. */
function refuseUnfilled(plans) {
    const lines = plans.flatMap(({ migration, template }) => template.unfilled.map((f) => `- ${migration.file}:${template.position(f.to).line}: ${f.text} (${f.key})`));
    if (lines.length === 0)
        return;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`Not applying: ${lines.length === 1 ? 'a placeholder has' : `${lines.length} placeholders have`} no value, and would run as a stand-in name:\n` +
        `${lines.join('\n')}\nGive each a value under placeholders in .migration-gate.yml or with --placeholder <name>=VALUE, then apply again.`);
}
function refuseDrift(history, migrations) {
    const entryOf = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_5__/* .historyIndex */ .Tt)(history);
    const drifted = migrations.filter((m) => {
        const e = entryOf(m);
        return e?.state === 'applied' && e.checksum && (0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_2__/* .checksum */ .cM)(e.checksum.algorithm, m.bytes) !== e.checksum.value;
    });
    if (drifted.length === 0)
        return;
    const list = drifted.map((m) => `- ${m.file}`).join('\n');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`Not applying: ${drifted.length === 1 ? 'an applied migration was' : `${drifted.length} applied migrations were`} edited after ` +
        `${history.source} recorded them (checksum-drift):\n${list}\nRestore the applied content (git log -p -- <file>) and put the change in a new migration.`);
}
function refuseWrite(located, options) {
    const name = (0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_8__/* .tableName */ .Cm)(located.table);
    if (!located.exists && located.format.create)
        return;
    if (!located.exists) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`The ${located.format.format} history table ${name} does not exist, and migration-gate creates only its own (seed-runner) table: ` +
            `run ${located.format.format} once, or set history: seed-runner.`);
    }
    if (located.format.format !== 'seed-runner' && !options.history.write) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`${name} belongs to ${located.format.format}; migration-gate writes another runner's history only with history-write: true ` +
            `(--history-write). Without it, run ${located.format.format} itself after this gate passes.`);
    }
}
function refuseSharedVersions(located, all, pending) {
    if (KEYED_BY_NAME.has(located.format.format))
        return;
    for (const m of pending) {
        const twin = all.find((o) => o !== m && (0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_8__/* .sameVersion */ .r1)(o.version, m.version));
        if (twin) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`Not applying: ${m.file} and ${twin.file} share version ${m.version}, and ${(0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_8__/* .tableName */ .Cm)(located.table)} records one row per version. ` +
                `Renumber ${node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(m.file)} to a free version first.`);
        }
    }
}
/** A 64-bit advisory lock key per history table, so deploys of other tables in the same database do not wait. */
function lockKey(table) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`migration-gate:${table}`).digest().readBigInt64BE(0);
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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`Another deploy is applying migrations to ${target.display} ` +
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
    if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y)
        throw e;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`Reading the history table failed: ${target.redact(e.message)}`);
}


/***/ }),

/***/ 7070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ toServerError),
/* harmony export */   i: () => (/* binding */ majorVersion)
/* harmony export */ });
// The Engine contract: a narrow driver (a Session that runs SQL) behind which a server URL, a
// throwaway local cluster and embedded PGlite all fit, plus the error shape they all report.
function toServerError(e) {
    const err = e;
    const position = Number(err?.position);
    return {
        sqlstate: typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : 'XX000',
        message: typeof err?.message === 'string' ? err.message : String(e),
        ...(typeof err?.detail === 'string' && err.detail ? { detail: err.detail } : {}),
        ...(typeof err?.hint === 'string' && err.hint ? { hint: err.hint } : {}),
        ...(Number.isInteger(position) && position > 0 ? { position } : {}),
    };
}
/** 150018 (server_version_num) → 15. */
function majorVersion(versionNum) {
    return Math.floor(versionNum / 10000);
}


/***/ }),

/***/ 8157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CO: () => (/* binding */ replayFile),
/* harmony export */   Zo: () => (/* binding */ runPending),
/* harmony export */   xm: () => (/* binding */ mapError)
/* harmony export */ });
/* unused harmony export lineOf */
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7070);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6127);
// Runs one migration's statements on a Session the way its runner would, and maps a server error back to
// the file's line and column, in the file's own words. Pending migrations also get their locks recorded per
// statement and a re-run proof that is rolled back.


const SHOWN_STATEMENT = 300;
/**
 * Where a server error points in the file: its `position` (1-based, in the text sent, which began at `sentAt`) or the
 * statement that failed; its words name placeholders as the file writes them, not their stand-ins.
 */
function mapError(plan, err, sentAt, failed) {
    const offset = err.position ? sentAt + err.position - 1 : (failed?.start ?? sentAt);
    const stmt = failed ?? (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .statementAt */ .BT)(plan, offset);
    const pos = plan.template.position(offset);
    const restore = (text) => plan.template.restore(text);
    const text = stmt && restore(stmt.text.trim());
    return {
        sqlstate: err.sqlstate,
        message: restore(err.message),
        ...(err.detail ? { detail: restore(err.detail) } : {}),
        ...(err.hint ? { hint: restore(err.hint) } : {}),
        line: pos.line,
        column: pos.column,
        ...(text ? { statement: text.length > SHOWN_STATEMENT ? `${text.slice(0, SHOWN_STATEMENT)}…` : text } : {}),
    };
}
function lineOf(plan, s) {
    return plan.template.position(s.start).line;
}
class StatementFailed extends Error {
    error;
    positioned;
    /** `positioned`: the server said where; otherwise the error points at the start of what was sent. */
    constructor(error, positioned = true) {
        super(error.message);
        this.error = error;
        this.positioned = positioned;
    }
}
async function run(session, plan, s) {
    const t0 = performance.now();
    try {
        await session.exec(s.text);
    }
    catch (e) {
        throw new StatementFailed(mapError(plan, (0,_engine_js__WEBPACK_IMPORTED_MODULE_1__/* .toServerError */ .N)(e), s.start, s));
    }
    return performance.now() - t0;
}
async function runWhole(session, plan) {
    const t0 = performance.now();
    try {
        await session.exec(plan.sql);
    }
    catch (e) {
        const err = (0,_engine_js__WEBPACK_IMPORTED_MODULE_1__/* .toServerError */ .N)(e);
        throw new StatementFailed(mapError(plan, err, 0), err.position !== undefined);
    }
    return performance.now() - t0;
}
const LOCKS_SQL = `SELECT relation::text AS oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted`;
/** Records locks held now on tables that existed before the migration, first statement to take each wins. */
async function collectLocks(session, tables, into, plan, s) {
    for (const { oid, mode } of await session.query(LOCKS_SQL)) {
        const relation = tables.get(oid);
        if (!relation || into.some((l) => l.oid === oid && l.mode === mode))
            continue;
        into.push({ oid, relation: plan.template.restore(relation), mode, line: lineOf(plan, s), statement: s.text });
    }
}
/** A pending migration: applied for real (and committed), locks recorded, then proven re-runnable. */
async function runPending(session, plan, tables) {
    const result = { error: null, failedIn: null, durationMs: 0, locks: [], rerunError: null };
    // The transaction of the stretch being run: a failure's message says where the runner's way put it.
    let running = null;
    const statements = plan.statements;
    try {
        if (!statements) {
            await session.exec('BEGIN');
            result.durationMs = await runWhole(session, plan);
            await session.exec('COMMIT');
            return result;
        }
        if (plan.runAs === 'query') {
            result.durationMs = await runAsOneQuery(session, plan, statements, { tables, locks: result.locks });
            result.rerunError = await rerunOutside(session, plan);
            return result;
        }
        const parts = (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .stretches */ .YA)(plan);
        const [only, ...rest] = parts;
        // In one transaction throughout: the re-run is rolled back to a savepoint, all of it.
        if (only?.transaction && rest.length === 0) {
            running = only.transaction;
            await session.exec('BEGIN');
            for (const s of only.statements) {
                result.durationMs += await run(session, plan, s);
                await collectLocks(session, tables, result.locks, plan, s);
            }
            await session.exec('SAVEPOINT migration_gate_rerun');
            try {
                for (const s of only.statements)
                    await run(session, plan, s);
            }
            catch (e) {
                if (!(e instanceof StatementFailed))
                    throw e;
                result.rerunError = e.error;
            }
            await session.exec('ROLLBACK TO SAVEPOINT migration_gate_rerun');
            await session.exec('COMMIT');
            return result;
        }
        for (const part of parts) {
            running = part.transaction;
            if (part.transaction)
                await session.exec('BEGIN');
            for (const s of part.statements) {
                result.durationMs += await run(session, plan, s);
                if (part.transaction)
                    await collectLocks(session, tables, result.locks, plan, s);
            }
            if (part.transaction)
                await session.exec('COMMIT');
        }
        result.rerunError = await rerunOutside(session, plan);
        return result;
    }
    catch (e) {
        if (!(e instanceof StatementFailed))
            throw e;
        await session.exec('ROLLBACK').catch(() => undefined);
        result.error = e.error;
        result.failedIn = running;
        return result;
    }
}
/**
 * The second run of a file that runs outside one transaction, or commits in it. Consecutive stretches that run in a
 * transaction share one, so `DROP ... IF EXISTS` still guards the `CREATE` after it; it is rolled back at the end,
 * and committed only before a statement run alone (which may need its effect).
 */
async function rerunOutside(session, plan) {
    let open = false;
    try {
        for (const part of (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .stretches */ .YA)(plan)) {
            if (!part.transaction && open)
                await session.exec('COMMIT');
            if (part.transaction && !open)
                await session.exec('BEGIN');
            open = part.transaction !== null;
            for (const s of part.statements)
                await run(session, plan, s);
        }
        return null;
    }
    catch (e) {
        if (!(e instanceof StatementFailed))
            throw e;
        return e.error;
    }
    finally {
        if (open)
            await session.exec('ROLLBACK');
    }
}
/**
 * A baseline (already merged) file: as fast as possible, one round trip when it can run in one transaction. Not
 * as its runner runs it (runAs): it is merged already, and replayed so the pending migrations get its schema.
 */
async function replayFile(session, plan) {
    try {
        if (plan.statements && plan.outsideTransaction) {
            for (const s of plan.statements)
                await run(session, plan, s);
            return null;
        }
        await runWhole(session, plan);
        return null;
    }
    catch (e) {
        if (!(e instanceof StatementFailed))
            throw e;
        // Without a position the server does not say which statement failed: find it by running them one by one.
        if (!plan.statements || e.positioned)
            return e.error;
        return pinned(e, await rehearse(session, plan, plan.statements));
    }
}
/**
 * A file its runner sends as one query, sent so: it fails where the runner's does, several statements running as one
 * implicit transaction that refuses CONCURRENTLY and the like. A rehearsal first shows what one query does not: the
 * locks each statement takes, and which one fails.
 */
async function runAsOneQuery(session, plan, statements, record) {
    const rehearsed = await rehearse(session, plan, statements, record);
    try {
        return await runWhole(session, plan);
    }
    catch (e) {
        if (!(e instanceof StatementFailed))
            throw e;
        throw new StatementFailed(pinned(e, rehearsed));
    }
}
/** The error of text sent whole, at the statement a rehearsal saw fail with the same error, where the server gave no position. */
function pinned(e, rehearsed) {
    const same = rehearsed?.sqlstate === e.error.sqlstate && rehearsed.message === e.error.message;
    return !e.positioned && same ? rehearsed : e.error;
}
/**
 * Runs the statements in a transaction that is rolled back, which PostgreSQL runs as it runs the implicit one of a
 * multi-statement query: the first error, if any, and with `record` the locks each statement takes.
 */
async function rehearse(session, plan, statements, record) {
    await session.exec('BEGIN');
    try {
        for (const s of statements) {
            await run(session, plan, s);
            if (record)
                await collectLocks(session, record.tables, record.locks, plan, s);
        }
        return null;
    }
    catch (e) {
        if (!(e instanceof StatementFailed))
            throw e;
        return e.error;
    }
    finally {
        await session.exec('ROLLBACK');
    }
}


/***/ }),

/***/ 6127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BT: () => (/* binding */ statementAt),
/* harmony export */   Eu: () => (/* binding */ planMigration),
/* harmony export */   YA: () => (/* binding */ stretches)
/* harmony export */ });
/* unused harmony exports cannotRunInTransaction, runsAlone */
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(914);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7117);
/* harmony import */ var _sql_placeholders_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(816);
/* harmony import */ var _sql_template_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7880);
/* harmony import */ var _rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8500);
// How one migration file will be run: its SQL after placeholder substitution, its statements (from
// the real parser), how its runner runs it (in a transaction, as one query, or statement by statement),
// which extensions it creates, and the way back from the SQL sent to the file's own words.





const TX_CONTROL = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT']);
function txControl(s) {
    if (s.kind !== 'TransactionStmt' || !TX_CONTROL.has(String(s.node.kind)))
        return null;
    return s.node.kind === 'TRANS_STMT_COMMIT' ? 'commit' : 'begin';
}
/**
 * The file cut where its runner's transactions begin and end, the file's own BEGIN/COMMIT included: a COMMIT ends the
 * block it is in (the runner's too), and outside a block each statement commits on its own until a BEGIN, except in a
 * file sent as one query, whose rest PostgreSQL runs as one implicit transaction until the next COMMIT.
 */
function stretches(plan) {
    const out = [];
    const open = (transaction) => {
        const opened = { statements: [], transaction };
        out.push(opened);
        return opened;
    };
    // A file sent as one query: PostgreSQL runs it as one implicit transaction, where a BEGIN takes in what ran before it.
    const oneQuery = plan.runAs === 'transaction' && _config_presets_js__WEBPACK_IMPORTED_MODULE_0__/* .PRESET_TABLE */ .r[plan.preset].runner.sends === 'query';
    // The block open now: the runner's transaction around the file, one the file's BEGIN opened, or the query's.
    let block = plan.runAs === 'transaction' ? open('runner') : null;
    for (const s of plan.parsed.statements) {
        const control = txControl(s);
        // A BEGIN inside a block and a COMMIT outside one only warn (25001, 25P01).
        if (control === 'begin')
            block ??= open('file');
        if (control === 'commit')
            block = null;
        if (control)
            continue;
        // The Supabase CLI commits its transaction before what it runs alone.
        if (plan.runAs === 'batches' && runsAlone(plan, s))
            block = null;
        if (block)
            block.statements.push(s);
        else if (oneQuery)
            (block = open('query')).statements.push(s);
        else if (runsAlone(plan, s))
            out.push({ statements: [s], transaction: null });
        else if (plan.runAs === 'batches')
            (block = open('runner')).statements.push(s);
        else
            out.push({ statements: [s], transaction: 'statement' });
    }
    return out;
}
/** Statements PostgreSQL refuses inside a transaction block: the ones transaction-unsafe names. */
function cannotRunInTransaction(s) {
    return (0,_rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__/* .needsOwnTransaction */ .i)(s.kind, s.node) !== null;
}
/** Whether the plan's runner runs the statement on its own, outside a transaction. */
function runsAlone(plan, s) {
    return plan.runAs === 'batches' ? (0,_config_presets_js__WEBPACK_IMPORTED_MODULE_0__/* .runsAloneAs */ .a)(plan.preset, s.text) !== null : cannotRunInTransaction(s);
}
/** How the preset's runner runs the file: `outside` when it holds what cannot run in a transaction, or opts out of its transaction. */
function runAsFor(migration, preset, statements, outside) {
    const { runner } = _config_presets_js__WEBPACK_IMPORTED_MODULE_0__/* .PRESET_TABLE */ .r[preset];
    // A runner that wraps the file runs the rest of it in its transaction, where CREATE DATABASE and the like fail as they do there.
    if (migration.runnerWraps)
        return statements.some((s) => (0,_config_presets_js__WEBPACK_IMPORTED_MODULE_0__/* .runsAloneAs */ .a)(preset, s.text)) ? 'batches' : 'transaction';
    if (!outside)
        return 'transaction';
    return runner.sends === 'query' ? 'query' : 'statements';
}
function planMigration(migration, options) {
    const template = new _sql_template_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .B(migration.sql, (0,_sql_placeholders_js__WEBPACK_IMPORTED_MODULE_1__/* .placeholderRegex */ .zH)(options.placeholderPatterns), options.placeholders, migration.lineOffset);
    const sql = template.sql;
    const parsed = (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSql */ .eg)(sql);
    const statements = parsed.error ? null : parsed.statements.filter((s) => !txControl(s));
    const extensions = parsed.statements
        .filter((s) => s.kind === 'CreateExtensionStmt')
        .map((s) => String(s.node.extname));
    const outsideTransaction = !migration.transactional || (statements ?? []).some(cannotRunInTransaction);
    return {
        migration,
        template,
        sql,
        parsed,
        statements,
        outsideTransaction,
        runAs: runAsFor(migration, options.preset, statements ?? [], outsideTransaction),
        preset: options.preset,
        extensions,
    };
}
/** The statement that covers character `offset` of the plan's SQL (or the last one before it). */
function statementAt(plan, offset) {
    let found;
    for (const s of plan.parsed.statements) {
        if (s.start <= offset)
            found = s;
        else
            break;
    }
    return found;
}


/***/ })

};
