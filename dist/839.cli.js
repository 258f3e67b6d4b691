export const id = 839;
export const ids = [839];
export const modules = {

/***/ 3839:
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
// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
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
var dryrun_plan = __webpack_require__(6514);
// EXTERNAL MODULE: ./src/dryrun/refusal.ts
var refusal = __webpack_require__(1554);
// EXTERNAL MODULE: ./src/dryrun/one-transaction.ts
var one_transaction = __webpack_require__(7519);
// EXTERNAL MODULE: ./src/rules/transaction-unsafe.ts + 1 modules
var transaction_unsafe = __webpack_require__(6832);
;// CONCATENATED MODULE: ./src/deploy/run-transaction.ts
// drizzle-orm's migrate() sends BEGIN, each pending migration's statements and its history row, then COMMIT, all on one
// connection, so the server decides what a migration's own BEGIN, COMMIT or ROLLBACK does to the run: a COMMIT ends
// drizzle's transaction and keeps all of the run before it, and what follows commits statement by statement (drizzle's
// COMMIT then only warns) until a BEGIN opens another block. apply sends them so; this follows what stays of the run.



/** drizzle's run of one folder's pending migrations, as the server holds it: which files are committed, which still wait. */
class RunTransaction {
    /** The files done in the open block, which its COMMIT keeps and a ROLLBACK (or a failure) discards; and the dry-run's words for them. */
    held;
    /** Whether a transaction block is open: drizzle's from the start, or one a file's BEGIN opened after its COMMIT. */
    open = true;
    /** The file whose COMMIT or ROLLBACK ended drizzle's transaction, once one has. */
    endedBy = null;
    /** Statements of the running file stay whatever comes: committed by its COMMIT, or run outside any block. */
    partly = false;
    constructor(runner) {
        this.held = new one_transaction/* OneTransaction */.h(runner);
    }
    /** `plan` begins to run. */
    start() {
        this.partly = false;
    }
    /** `s`, a statement of `file`, ran without error: what it did to the files waiting in the block it ended, if it ended one. */
    ran(file, s) {
        const control = s.kind === 'TransactionStmt' ? String(s.node.kind) : '';
        // In a block, BEGIN only warns (25001).
        if (control === 'TRANS_STMT_BEGIN' || control === 'TRANS_STMT_START') {
            this.open = true;
            return null;
        }
        const ends = control === 'TRANS_STMT_COMMIT' || (0,transaction_unsafe/* isRollback */.z1)(s);
        // Outside a block each statement commits as it runs, and COMMIT or ROLLBACK only warns (25P01).
        if (!this.open) {
            this.partly ||= !ends;
            return null;
        }
        if (!ends)
            return null;
        const kept = !(0,transaction_unsafe/* isRollback */.z1)(s);
        this.partly ||= kept;
        this.endedBy ??= file;
        // AND CHAIN opens the next block as it ends this one.
        this.open = (0,dryrun_plan/* chains */.Bt)(s);
        return { kept, files: this.held.end() };
    }
    /** `plan`'s history row is written, at `entry` of the run: true when it is committed at once (no block open), else it waits. */
    recorded(plan, entry) {
        if (this.open)
            this.held.applied(plan, entry);
        return !this.open;
    }
    /** drizzle's COMMIT at the end of the run, or its ROLLBACK after a failure: the files that waited in the open block. */
    close() {
        this.open = false;
        return this.held.end();
    }
}

// EXTERNAL MODULE: ./src/discover/naming.ts
var naming = __webpack_require__(6591);
// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(5066);
// EXTERNAL MODULE: ./src/rules/out-of-order.ts
var out_of_order = __webpack_require__(4544);
// EXTERNAL MODULE: ./src/rules/index.ts + 20 modules
var rules = __webpack_require__(7738);
// EXTERNAL MODULE: ./src/deploy/target.ts + 1 modules
var deploy_target = __webpack_require__(8197);
// EXTERNAL MODULE: ./src/deploy/search-path.ts
var search_path = __webpack_require__(8375);
// EXTERNAL MODULE: ./src/history/read-table.ts + 15 modules
var read_table = __webpack_require__(8635);
// EXTERNAL MODULE: ./src/history/tables/table.ts
var table = __webpack_require__(6012);
;// CONCATENATED MODULE: ./src/deploy/apply.ts
// `migration-gate apply`: runs the pending migrations against the target, one deploy at a time
// (a PostgreSQL advisory lock), each file as its runner runs it with its history row in its last transaction (or one
// of its own after it), stopping at the first failure, which is not recorded (but as golang-migrate, Prisma, Flyway and Atlas record theirs).
// drizzle runs all of a folder's pending files and their rows in one transaction, which a failure rolls back whole.
























const DEFAULT_LOCK_WAIT_MS = 5 * 60 * 1000;
/** Formats that key rows by file or folder name (drizzle 1.0 by its folders' names), so two files may share a version. */
const KEYED_BY_NAME = new Set(['filename', 'prisma', 'node-pg-migrate', 'drizzle']);
async function applyPending(options, migrations, io, settings = {}, refusedNames = []) {
    const parserReady = (0,parser/* loadParser */.qd)();
    const target = await (0,deploy_target/* connectTarget */.u)((0,deploy_target/* targetUrl */.dm)(options), 'migration-gate apply');
    try {
        // Read before anything else touches the session: Flyway builds on the path the connection starts with.
        const searchPath = await (0,search_path/* runnerSearchPath */.i)((0,url_engine/* clientSession */.y1)(target.client), options);
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
        refuseCode(options, pending);
        const skipped = runnable.filter((m) => entryOf(m)?.state === 'applied').map((m) => m.file);
        // Prisma applies the migrations before a folder it cannot read the script of, and fails there.
        const stop = (0,refusal/* runnerStop */.bK)(refusedNames, options);
        const stopped = new Map(pending.flatMap((m) => {
            const why = (0,refusal/* stoppedBefore */.Dn)(m, refusedNames, options);
            return why ? [[m, why]] : [];
        }));
        // What the runner never reaches is not planned: its placeholders, say, do not stop the deploy.
        const reached = pending.filter((m) => !stopped.has(m));
        const result = { applied: [], skipped, total: runnable.length };
        if (pending.length > 0) {
            refuseWrite(located, options);
            refuseSharedVersions(located, runnable, pending);
            await parserReady;
            const onTarget = await (0,runner_placeholders/* withDatabaseName */.tV)(options, async () => (await target.client.query('SELECT current_database() AS name')).rows[0].name);
            const plans = reached.map((m) => (0,dryrun_plan/* planMigration */.Eu)(m, onTarget));
            refuseUnfilled(plans);
            if (options.runnerSchemas)
                await createSchemas(target, options, options.runnerSchemas, io);
            await searchPath.start((0,url_engine/* clientSession */.y1)(target.client));
            const deploy = { target, options, searchPath, io, result };
            if ((0,one_transaction/* runsPendingAsOne */.I)(options))
                await applyAsOneRun(deploy, located, plans);
            else
                await applyInOrder(deploy, migrations, located, plans);
        }
        if (stop && !result.failed) {
            result.failed = { file: stop.file, error: `${stop.file}/: ${stop.refused}` };
            io.log(`failed ${stop.file}/: ${stop.refused}; ${stop.fix}.`);
            if (stopped.size)
                io.log(`not run: ${[...stopped.keys()].map((m) => m.file).join(', ')} (${[...stopped.values()][0]})`);
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
async function applyInOrder({ target, options, searchPath, io, result }, migrations, startAt, pending) {
    let located = startAt;
    const db = target.client;
    const session = (0,url_engine/* clientSession */.y1)(db);
    for (const plan of pending) {
        const { migration } = plan;
        const t0 = performance.now();
        // In the file's last transaction (one of its own after a file run outside one), as the runners write it: a file that
        // failed is not recorded (but where its runner records the failure, below).
        const record = async (failed) => {
            located = await ensureTable(db, options, located);
            const statements = (plan.statements ?? []).map((s) => s.text);
            const executionMs = performance.now() - t0;
            await located.format.record({ db, table: located.table, columns: located.columns, migration, executionMs, statements, ...(failed && { failed }) });
        };
        try {
            // As plan.runAs says the runner runs it: in its transaction (a runner that wraps the file, or Flyway's choice), where
            // what cannot run in one fails as it fails there; in the runner's batches around what it takes out of them; as one query; or outside one.
            if (plan.runAs === 'transaction') {
                await inTransaction(db, async () => {
                    await searchPath.beforeEach(session);
                    await runStatements(target, plan, options.apply);
                    await record();
                });
            }
            else {
                await searchPath.beforeEach(session);
                if (plan.runAs === 'batches')
                    await runBatches(target, plan, options.apply, record);
                else {
                    await (plan.runAs === 'query' ? runWhole : runStatements)(target, plan, options.apply);
                    await inTransaction(db, record);
                }
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
            const { name } = presets/* PRESET_TABLE */.rv[plan.preset].runner;
            const rolledBack = plan.runAs === 'transaction' || plan.runAs === 'query';
            // What of the file stays, which the runner's repair step turns on. A failure outside its statements (recording it, say)
            // rolled them back in the runner's transaction, and elsewhere leaves a part not counted in place.
            const kept = e instanceof StatementError ? e.kept : plan.runAs === 'transaction' ? 0 : null;
            const changes = plan.runAs === 'transaction'
                ? `${migration.file} was rolled back`
                : plan.runAs === 'query'
                    ? `${name} sends ${migration.file} as one query, which PostgreSQL runs as one implicit transaction: ${kept === 0 ? 'it was rolled back' : 'what its own COMMIT committed before the failure stays, the rest was rolled back'}`
                    : `${migration.file} runs ${plan.runAs === 'batches' ? `in ${name}'s batches: the statements they committed before` : 'outside a transaction: the statements before'} the failing one stay applied`;
            const failure = located.format.recordsFailure;
            // As the runner leaves it: apply stops on the row until it is repaired (the runner's own step, as read back); the runner stops there too, or (Atlas) resumes it.
            if (failure && options.preset === located.format.format && (failure.when === 'always' || !rolledBack)) {
                const runError = e instanceof StatementError ? { ...e.error, message: target.redact(e.error.message) } : { message: target.redact(e.message) };
                await inTransaction(db, () => record({ ...runError, kept }));
                const failed = { file: migration.file, kept };
                const { findings } = await located.format.read({ db, table: located.table, columns: located.columns, migrations, folder: migration.folder, failed });
                const repair = findings.find((f) => f.file === migration.file)?.suggestion;
                const next = failure.next ?? `neither ${name} nor apply migrates again until it is repaired`;
                io.log(`${changes}; it is recorded as ${failure.as}, as ${name} records it, and ${next}${repair ? `: ${repair}` : '.'}`);
            }
            else {
                io.log(rolledBack ? `${changes} and not recorded; nothing after it ran.` : `${changes}; it is not recorded, so the next apply runs it again from the start.`);
            }
            return;
        }
    }
}
/**
 * drizzle-orm's migrate(), once per folder: BEGIN, each pending migration's statements as written (its own BEGIN, COMMIT or
 * ROLLBACK too, which the server takes as it takes them from drizzle) and its history row, then COMMIT. A failure rolls
 * back what is still open, the files before it in the run with it, and nothing after it runs.
 */
async function applyAsOneRun({ target, options, searchPath, io, result }, startAt, pending) {
    let located = startAt;
    const db = target.client;
    const session = (0,url_engine/* clientSession */.y1)(db);
    const { name } = presets/* PRESET_TABLE */.rv[options.preset].runner;
    for (const folder of byFolder(pending)) {
        const run = new RunTransaction(name);
        // How long each file of the run took, by its place in it; a file counts as applied once what it did is committed.
        const took = [];
        const committed = ({ ran }) => {
            for (const { plan, entry } of ran) {
                result.applied.push(plan.migration.file);
                io.log(`applied ${plan.migration.file} (${Math.round(took[entry])} ms)`);
            }
        };
        let plan = folder[0];
        let committing = false;
        try {
            await db.query('BEGIN');
            for (const [entry, next] of folder.entries()) {
                plan = next;
                const t0 = performance.now();
                run.start();
                await searchPath.beforeEach(session);
                await runStatements(target, plan, options.apply, plan.statements && plan.parsed.statements, 0, (s) => {
                    const ended = run.ran(plan.migration.file, s);
                    if (ended?.kept)
                        committed(ended.files);
                    else if (ended)
                        io.log(rolledBackBy(ended.files, plan, name));
                });
                took[entry] = performance.now() - t0;
                located = await ensureTable(db, options, located);
                const statements = (plan.statements ?? []).map((s) => s.text);
                await located.format.record({ db, table: located.table, columns: located.columns, migration: plan.migration, executionMs: took[entry], statements });
                if (run.recorded(plan, entry))
                    committed({ ran: [{ plan, entry }] });
            }
            // After a file's COMMIT ended drizzle's transaction this only warns (25P01), as drizzle's own does.
            committing = true;
            await db.query('COMMIT');
            committed(run.close());
        }
        catch (e) {
            await db.query('ROLLBACK').catch(() => undefined);
            if (e instanceof errors/* UserError */.y)
                throw e;
            // A deferred constraint is checked at the COMMIT, after the last file.
            const at = committing ? `${name}'s COMMIT after it failed: ` : '';
            const error = e instanceof StatementError ? e.message : `${plan.migration.file}: ${at}${target.redact(e.message)}`;
            result.failed = { file: plan.migration.file, error };
            io.log(`failed ${plan.migration.file}: ${error}`);
            for (const line of runFailure(run, run.close(), plan, name, e instanceof StatementError ? e.error : null))
                io.log(line);
            return;
        }
    }
}
/** A run per folder, in order: drizzle's migrate() takes one folder. */
function byFolder(plans) {
    const runs = [];
    for (const plan of plans) {
        const last = runs.at(-1);
        if (last?.[0].migration.folder === plan.migration.folder)
            last.push(plan);
        else
            runs.push([plan]);
    }
    return runs;
}
function listFiles(files) {
    return files.length === 1 ? files[0] : `${files.slice(0, -1).join(', ')} and ${files.at(-1)}`;
}
/** The files a ROLLBACK of `by`'s own discarded: they ran, and the server keeps nothing of them, rows included. */
function rolledBackBy({ ran }, by, runner) {
    const files = ran.map((r) => r.plan.migration.file);
    const [was, none, they] = files.length === 1 ? ['was', 'it is not', 'it were'] : ['were', 'none of them is', 'they were'];
    return `${listFiles(files)} ${was} rolled back by the ROLLBACK in ${by.migration.file}, which ends ${runner}'s transaction: ${none} applied or recorded, though ${runner} goes on as if ${they}.`;
}
/** What of the run stays after `failed` failed: the files that waited in the open block went with it; what was committed stays. */
function runFailure(run, open, failed, runner, error) {
    const file = failed.migration.file;
    const before = open.ran.map((r) => r.plan.migration.file);
    // A file's own COMMIT or ROLLBACK ended drizzle's transaction: what ran after it committed as it ran, or in a block a BEGIN opened.
    const ended = run.endedBy && `${runner}'s transaction ended in ${run.endedBy === file ? 'it' : run.endedBy}`;
    const lines = [];
    if (run.partly) {
        const waited = before.length ? `; ${listFiles(before)}, in a block a BEGIN opened since, ${before.length === 1 ? 'was' : 'were'} rolled back with it` : '';
        lines.push(`${ended}, so the statements of ${file} that ran before the failing one stay applied${waited}; ${file} is not recorded, ` +
            `so the next apply (or ${runner}) runs it again from the start; nothing after it ran.`);
    }
    else if (before.length) {
        const why = ended ? `${ended}, and ${file} failed in the block a BEGIN opened after that` : `${runner} runs every pending migration of a folder in one transaction, and ${file} failed in it`;
        lines.push(`${listFiles([...before, file])} were rolled back: ${why}, so none of them is applied or recorded; nothing after it ran.`);
    }
    else
        lines.push(`${file} was rolled back and not recorded; nothing after it ran.`);
    const advice = error && run.held.advice(error, open);
    if (advice)
        lines.push(advice);
    return lines;
}
async function inTransaction(db, work) {
    await db.query('BEGIN');
    try {
        await work();
        await db.query('COMMIT');
    }
    catch (e) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw e;
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
/** A statement of the file failed: the server's error, mapped to the file, and how many of its statements stay applied (null: not known). */
class StatementError extends Error {
    error;
    kept;
    constructor(message, error, kept) {
        super(message);
        this.error = error;
        this.kept = kept;
    }
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
/** Why a statement that cannot run in a transaction failed in one: its runner runs the file in its transaction, and how to keep it out. */
function wrappedHint(plan, s) {
    const { name, optOut, noWayOut } = presets/* PRESET_TABLE */.rv[plan.preset].runner;
    if (!(0,dryrun_plan/* cannotRunInTransaction */.c1)(s))
        return '';
    if (optOut)
        return `. ${name} runs this file in one transaction: to run it outside one, ${optOut}.`;
    return noWayOut ? `. ${(0,plural/* capital */.N)(noWayOut.why)}: ${noWayOut.instead}.` : '';
}
/**
 * Runs statements of the plan (all of them by default) one by one, so a failure names its line, telling `after` of each that
 * ran. A failure says what of the file stays: nothing in the runner's transaction (and how to keep the file out of it), else
 * what ran or was committed before.
 */
async function runStatements(target, plan, limits, statements = plan.statements, committed = 0, after) {
    // The parser could not read the file: the server gets it whole and says where it is wrong.
    if (!statements)
        return runWhole(target, plan, limits);
    const session = (0,url_engine/* clientSession */.y1)(target.client);
    const total = plan.statements.length;
    for (const [i, s] of statements.entries()) {
        try {
            await (0,execute/* send */.tN)(session, plan.sql, s);
        }
        catch (e) {
            const ran = plan.runAs === 'transaction'
                ? wrappedHint(plan, s)
                : plan.runAs === 'batches'
                    ? ` (in ${presets/* PRESET_TABLE */.rv[plan.preset].runner.name}'s batches: ${kept(committed, 'been committed')}, of ${total})`
                    : ` (run outside a transaction: ${kept(i, 'run')}, of ${total})`;
            const stays = plan.runAs === 'transaction' ? 0 : plan.runAs === 'batches' ? committed : i;
            throw failure(target, plan, limits, (0,engine/* toServerError */.Nn)(e), stays, s.start, s, ran);
        }
        after?.(s);
    }
}
/** Mapped as the dry-run maps its errors: the file's own line and column and words, not the filled text's. */
function failure(target, plan, limits, e, stays, sentAt, failed, ran = '') {
    const err = (0,execute/* mapError */.xm)(plan, e, sentAt, failed);
    return new StatementError(`${plan.migration.file}:${err.line}:${err.column}: ${target.redact(err.message)}${ran}${limitHint(err.sqlstate, limits)}`, err, stays);
}
/**
 * Sends the file whole, as one query, as its runner does (runAs 'query'): several statements run as one implicit
 * transaction, which refuses CONCURRENTLY and the like. Also a file the parser could not read: the server says where.
 */
async function runWhole(target, plan, limits) {
    await target.client.query(plan.sql).catch((e) => {
        const err = (0,engine/* toServerError */.Nn)(e);
        // The server names no place for what it refuses in the implicit transaction: the first such statement, as those before it ran.
        const refused = err.sqlstate === '25001' && !err.position ? plan.statements?.find(dryrun_plan/* cannotRunInTransaction */.c1) : undefined;
        // One implicit transaction rolls back whole, but the file's own COMMIT ends it and keeps what ran before.
        const commits = plan.parsed.statements.some((s) => s.kind === 'TransactionStmt' && s.node.kind === 'TRANS_STMT_COMMIT');
        throw failure(target, plan, limits, err, commits ? null : 0, refused?.start ?? 0, refused);
    });
}
/** What of a file stays after its first `n` statements ran (or were committed) outside the transaction that failed. */
function kept(n, done) {
    return n === 0 ? `none of its statements had ${done}` : n === 1 ? `statement 1 had ${done} and stays` : `statements 1-${n} had ${done} and stay`;
}
/**
 * The Supabase CLI's way (ExecBatch, legacy-migration-apply.ts execMigrationBatch): each stretch of the file in a
 * transaction of its own, committed before a statement it runs alone, the history row in the last one.
 */
async function runBatches(target, plan, limits, record) {
    let committed = 0;
    let recorded = false;
    const parts = (0,dryrun_plan/* stretches */.YA)(plan);
    for (const [i, part] of parts.entries()) {
        const run = () => runStatements(target, plan, limits, part.statements, committed);
        if (!part.transaction)
            await run();
        else {
            recorded = i === parts.length - 1;
            await inTransaction(target.client, async () => {
                await run();
                if (recorded)
                    await record();
            });
        }
        committed += part.statements.length;
    }
    if (!recorded)
        await inTransaction(target.client, record);
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
/**
 * A file name the runner refuses stops it while it lists the folder, before it applies any migration there (sqlx, goose),
 * as a folder diesel cannot read does.
 */
function refuseNames(options, pending, refused) {
    const stopped = new Map();
    for (const m of pending) {
        const at = (0,refusal/* folderRefused */.n_)(m, refused);
        if (at)
            stopped.set(m.folder, at);
    }
    if (stopped.size === 0)
        return;
    const { name } = presets/* PRESET_TABLE */.rv[options.preset].runner;
    const folders = [...stopped.keys()].map((f) => `${f}/`).join(', ');
    const names = [...stopped.values()];
    // A folder the runner cannot read carries its fix; a refused file name is renamed.
    const fix = [...new Set(names.flatMap((r) => r.fix ?? []))].join('; ') || `rename ${names.length === 1 ? 'the file' : 'each file'} to a name ${name} takes, or move it out of the folder`;
    throw new errors/* UserError */.y(`Not applying: ${name} would apply no migration of ${folders}.\n${names.map((r) => `- ${(0,naming/* refusalReason */.b)(r, options.preset)}`).join('\n')}\n` +
        `${(0,plural/* capital */.N)(fix)}, then apply again.`);
}
/** A pending migration written in code: apply runs SQL only, and would record it as applied without its changes. */
function refuseCode(options, pending) {
    const code = pending.filter((m) => m.language);
    if (code.length === 0)
        return;
    const [one, its] = code.length === 1 ? ['a pending migration is', 'its'] : [`${code.length} pending migrations are`, 'their'];
    // The goose CLI registers no Go migration: it fails on one ("Go functions must be registered and built into a custom binary").
    const runner = options.preset === 'goose' ? 'the goose binary your Go migrations are registered in (goose.AddMigrationContext)' : presets/* PRESET_TABLE */.rv[options.preset].runner.name;
    throw new errors/* UserError */.y(`Not applying: ${one} written in code, which apply cannot run (it runs SQL only) and would record as applied without ${its} changes:\n` +
        `${code.map((m) => `- ${m.file}`).join('\n')}\nRun ${runner} to apply the pending migrations.`);
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
        const runner = located.format.format;
        const create = located.format.createOnly?.(name) ?? `create it as ${runner} does, without letting ${runner} apply the pending migrations`;
        throw new errors/* UserError */.y(`The ${runner} history table ${name} does not exist, and migration-gate creates only its own (seed-runner) table: ` +
            `${create}, then apply again; or set history: seed-runner.`);
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
