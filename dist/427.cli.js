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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3916);
/* harmony import */ var _checksum_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(371);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7117);
/* harmony import */ var _dryrun_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6127);
/* harmony import */ var _report_build_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5066);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7474);
/* harmony import */ var _history_read_table_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1830);
/* harmony import */ var _history_tables_table_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6012);
// `migration-gate apply`: runs the pending migrations against the target, one deploy at a time
// (a PostgreSQL advisory lock), each file and its history row in one transaction, stopping at the
// first failure with nothing half-recorded.










const DEFAULT_LOCK_WAIT_MS = 5 * 60 * 1000;
/** Formats that key rows by file or folder name, so two files may share a version. */
const KEYED_BY_NAME = new Set(['filename', 'prisma', 'node-pg-migrate']);
async function applyPending(options, migrations, io, settings = {}) {
    const parserReady = (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_8__/* .loadParser */ .qd)();
    const target = await (0,_target_js__WEBPACK_IMPORTED_MODULE_5__/* .connectTarget */ .u)((0,_target_js__WEBPACK_IMPORTED_MODULE_5__/* .targetUrl */ .dm)(options), 'migration-gate apply');
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
        const where = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_6__/* .locateHistoryTable */ .B)(target.client, options).catch((e) => rethrow(e, target));
        await acquireLock(target, lockKey((0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_7__/* .tableName */ .Cm)(where.table)), settings.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
        // Everything below is decided under the lock: another deploy may have applied files meanwhile.
        const { history, findings, located } = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_6__/* .readHistoryWith */ .t)(target, options, migrations);
        const runnable = migrations.filter((m) => m.kind === 'versioned');
        // Said, not silently left out: Flyway's own rules decide when R__ and U__ files run.
        const notRun = migrations.filter((m) => m.kind !== 'versioned');
        if (notRun.length) {
            io.log(`not run: ${notRun.map((m) => m.file).join(', ')} (repeatable and undo migrations are Flyway's to run; apply runs versioned files only)`);
        }
        refuseBlocked(findings);
        refuseDrift(history, runnable);
        const entryOf = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_4__/* .historyIndex */ .Tt)(history);
        const pending = runnable.filter((m) => entryOf(m)?.state !== 'applied');
        const skipped = runnable.filter((m) => entryOf(m)?.state === 'applied').map((m) => m.file);
        const result = { applied: [], skipped, total: runnable.length };
        if (pending.length > 0) {
            refuseWrite(located, options);
            refuseSharedVersions(located, runnable, pending);
            await parserReady;
            await applyInOrder(target, options, located, pending, io, result);
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
    for (const migration of pending) {
        const plan = (0,_dryrun_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planMigration */ .Eu)(migration, options);
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
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y)
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
    const m = plan.migration;
    if (!plan.statements) {
        // The parser could not read the file: the server gets it whole and says where it is wrong.
        await target.client.query(plan.sql).catch((e) => {
            throw new StatementError(`${m.file}: ${target.redact(e.message)}`);
        });
        return;
    }
    for (const [i, s] of plan.statements.entries()) {
        try {
            await target.client.query(s.text);
        }
        catch (e) {
            const err = e;
            const at = err.position ? plan.parsed.lines.position(s.start + Number(err.position) - 1) : { line: s.line, column: s.column };
            const kept = i === 0 ? 'none of its statements had run' : i === 1 ? 'statement 1 had run and stays' : `statements 1-${i} had run and stay`;
            const ran = inTransaction ? '' : ` (run outside a transaction: ${kept}, of ${plan.statements.length})`;
            throw new StatementError(`${m.file}:${at.line + m.lineOffset}:${at.column}: ${target.redact(err.message ?? String(e))}${ran}${limitHint(err.code, limits)}`);
        }
    }
}
/** Creates the seed-001-style table when there is none yet, in the first migration's transaction. */
async function ensureTable(db, options, located) {
    if (located.exists)
        return located;
    await db.query(located.format.create(located.table));
    // Its columns decide what is written; the migration itself may have created the table its own way.
    const now = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_6__/* .locateHistoryTable */ .B)(db, { ...options, history: { ...options.history, table: `${(0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_7__/* .qualified */ .LX)(located.table)}` } });
    return now;
}
function refuseBlocked(findings) {
    if (findings.length === 0)
        return;
    const lines = findings.map((f) => `- ${f.message}\n  ${f.suggestion ?? ''}`).join('\n');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`Not applying: the history table records a migration that did not finish.\n${lines}`);
}
function refuseDrift(history, migrations) {
    const entryOf = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_4__/* .historyIndex */ .Tt)(history);
    const drifted = migrations.filter((m) => {
        const e = entryOf(m);
        return e?.state === 'applied' && e.checksum && (0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_2__/* .checksum */ .cM)(e.checksum.algorithm, m.bytes) !== e.checksum.value;
    });
    if (drifted.length === 0)
        return;
    const list = drifted.map((m) => `- ${m.file}`).join('\n');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`Not applying: ${drifted.length === 1 ? 'an applied migration was' : `${drifted.length} applied migrations were`} edited after ` +
        `${history.source} recorded them (checksum-drift):\n${list}\nRestore the applied content (git log -p -- <file>) and put the change in a new migration.`);
}
function refuseWrite(located, options) {
    const name = (0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_7__/* .tableName */ .Cm)(located.table);
    if (!located.exists && located.format.create)
        return;
    if (!located.exists) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`The ${located.format.format} history table ${name} does not exist, and migration-gate creates only its own (seed-runner) table: ` +
            `run ${located.format.format} once, or set history: seed-runner.`);
    }
    if (located.format.format !== 'seed-runner' && !options.history.write) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`${name} belongs to ${located.format.format}; migration-gate writes another runner's history only with history-write: true ` +
            `(--history-write). Without it, run ${located.format.format} itself after this gate passes.`);
    }
}
function refuseSharedVersions(located, all, pending) {
    if (KEYED_BY_NAME.has(located.format.format))
        return;
    for (const m of pending) {
        const twin = all.find((o) => o !== m && (0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_7__/* .sameVersion */ .r1)(o.version, m.version));
        if (twin) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`Not applying: ${m.file} and ${twin.file} share version ${m.version}, and ${(0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_7__/* .tableName */ .Cm)(located.table)} records one row per version. ` +
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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`Another deploy is applying migrations to ${target.display} ` +
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
    if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y)
        throw e;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .y(`Reading the history table failed: ${target.redact(e.message)}`);
}


/***/ }),

/***/ 6127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BT: () => (/* binding */ statementAt),
/* harmony export */   Eu: () => (/* binding */ planMigration),
/* harmony export */   c1: () => (/* binding */ cannotRunInTransaction),
/* harmony export */   df: () => (/* binding */ positionOf)
/* harmony export */ });
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(914);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7117);
/* harmony import */ var _sql_placeholders_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(816);
/* harmony import */ var _sql_template_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7880);
/* harmony import */ var _rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5678);
// How one migration file will be run: its SQL after placeholder substitution, its statements (from
// the real parser), how its runner runs it (in a transaction, as one query, or statement by statement),
// which extensions it creates, and the way back from the SQL sent to the file's own words.





const TX_CONTROL = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT']);
/** Statements PostgreSQL refuses inside a transaction block: the ones transaction-unsafe names. */
function cannotRunInTransaction(s) {
    return (0,_rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__/* .needsOwnTransaction */ .i)(s.kind, s.node) !== null;
}
/** How the preset's runner runs a file that holds what cannot run in a transaction, or opts out of its transaction. */
function runAsOutside(migration, preset) {
    const { runner, runsAlone } = _config_presets_js__WEBPACK_IMPORTED_MODULE_0__/* .PRESET_TABLE */ .r[preset];
    // A runner that wraps the file runs CONCURRENTLY in its transaction, unless it takes such statements out (Supabase).
    if (migration.runnerWraps && runsAlone.length === 0)
        return 'transaction';
    return runner.sends === 'query' ? 'query' : 'statements';
}
function planMigration(migration, options) {
    const template = new _sql_template_js__WEBPACK_IMPORTED_MODULE_2__/* .Template */ .B(migration.sql, (0,_sql_placeholders_js__WEBPACK_IMPORTED_MODULE_1__/* .placeholderRegex */ .zH)(options.placeholderPatterns), options.placeholders);
    const sql = template.sql;
    const parsed = (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSql */ .eg)(sql);
    const statements = parsed.error
        ? null
        : parsed.statements.filter((s) => !(s.kind === 'TransactionStmt' && TX_CONTROL.has(String(s.node.kind))));
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
        runAs: outsideTransaction ? runAsOutside(migration, options.preset) : 'transaction',
        extensions,
    };
}
/** The file's own line and column of `offset` in the plan's SQL. */
function positionOf(plan, offset) {
    const p = plan.template.position(offset);
    return { line: p.line + plan.migration.lineOffset, column: p.column };
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
