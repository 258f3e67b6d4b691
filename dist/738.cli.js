export const id = 738;
export const ids = [738,809];
export const modules = {

/***/ 3549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ writeAtomically)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Files the tool writes over (fixed migrations, the lint cache, --output's report): written whole or not at all.


/**
 * Puts `text` in place of the file at `path` in one rename, through a hidden file beside it that no runner reads: a
 * reader sees the old file or the new one, never half, and a failed write leaves the old one. A file keeps its mode.
 * A device or pipe (/dev/stdout) is written as it is: renaming would replace it.
 */
function writeAtomically(path, text) {
    const found = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path, { throwIfNoEntry: false });
    if (found && !found.isFile() && !found.isDirectory())
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(path, text);
    // Through a link, to the file it names: the link stays.
    const target = found ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path) : path;
    const temporary = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(target), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(target)}.${process.pid}.tmp`);
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(temporary, 'wx');
    try {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(fd, text);
            if (found)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fchmodSync)(fd, found.mode & 0o7777);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fsyncSync)(fd);
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
        }
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(temporary, target);
    }
    catch (e) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(temporary, { force: true });
        throw e;
    }
}


/***/ }),

/***/ 7807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ prefixedHexDigest),
/* harmony export */   w: () => (/* binding */ hexDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// Hex digests of whole inputs. Node's one-shot crypto.hash (20.12 and later) skips the Hash object and OpenSSL's
// algorithm lookup that createHash pays per call, which is most of the cost for a migration-sized file (1,600 files,
// a SHA-256 and a git blob id each: 29 → 15 ms); an older Node takes createHash.

// Read off the namespace, not imported by name: a Node without it must load this module all the same.
const oneShot = node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash;
function hexDigest(algorithm, data) {
    return oneShot ? oneShot(algorithm, data, 'hex') : node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash(algorithm).update(data).digest('hex');
}
let scratch = new Uint8Array(0);
/** The digest of ASCII `prefix` then `bytes` as one input (a git object header and its content), copied into one reused buffer. */
function prefixedHexDigest(algorithm, prefix, bytes) {
    const at = prefix.length;
    if (scratch.length < at + bytes.length)
        scratch = new Uint8Array(Math.max(at + bytes.length, 2 * scratch.length, 1 << 16));
    // Byte by byte and TypedArray#set: Buffer's write and copy cost more than the hash for a small file.
    for (let i = 0; i < at; i++)
        scratch[i] = prefix.charCodeAt(i);
    scratch.set(bytes, at);
    return hexDigest(algorithm, scratch.subarray(0, at + bytes.length));
}


/***/ }),

/***/ 371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P5: () => (/* binding */ CHECKSUM_ALGORITHMS),
/* harmony export */   XK: () => (/* binding */ checksumMatches),
/* harmony export */   cM: () => (/* binding */ checksum),
/* harmony export */   qp: () => (/* binding */ flywayChecksum)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7807);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _discover_graphile_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1563);
// Checksums as each runner computes them, so drift is judged the way the runner will judge it.




const CHECKSUM_ALGORITHMS = ['sha256', 'flyway', 'prisma', 'sqlx', 'graphile', 'drizzle', 'sqitch'];
/** Flyway: CRC32 over each line's UTF-8 bytes, separators (\n, \r\n, \r) left out, a leading BOM dropped; signed 32-bit. */
function flywayChecksum(bytes) {
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff)
        text = text.slice(1);
    let crc = 0;
    for (const line of text.split(/\r\n|\r|\n/))
        crc = (0,node_zlib__WEBPACK_IMPORTED_MODULE_2__.crc32)(line, crc);
    return crc | 0;
}
/** The checksum of `bytes` in `algorithm`'s own representation (what that runner stores). */
function checksum(algorithm, bytes) {
    switch (algorithm) {
        case 'sha256':
        case 'prisma':
            return (0,_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .hexDigest */ .w)('sha256', bytes);
        case 'sqlx':
            return (0,_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .hexDigest */ .w)('sha384', bytes);
        case 'flyway':
            return String(flywayChecksum(bytes));
        case 'graphile':
            return graphileChecksum(bytes);
        case 'drizzle':
            return (0,_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .hexDigest */ .w)('sha256', Buffer.from(bytes.toString('utf8'), 'utf8'));
        case 'sqitch':
            return (0,_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .hexDigest */ .w)('sha1', bytes);
    }
}
/**
 * Whether the runner takes `bytes` for the file it recorded as `recorded` (in its own representation, as
 * `checksum` gives it). Prisma also takes the file with its line endings converted either way, and the
 * unpadded hex an old schema engine stored (schema-connector/src/checksum.rs, script_matches_checksum);
 * a byte-order mark is part of the text to it. Other runners: the same value, hex in either case.
 */
function checksumMatches(algorithm, recorded, bytes) {
    if (algorithm !== 'prisma')
        return recorded.toLowerCase() === checksum(algorithm, bytes).toLowerCase();
    const text = bytes.toString('utf8');
    return [bytes, Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8'), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')].some((variant) => {
        const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(variant).digest();
        const rendered = recorded !== '' && recorded.length !== 64 ? digest.reduce((hex, b) => hex + b.toString(16), '') : digest.toString('hex');
        return rendered === recorded;
    });
}
/**
 * graphile-migrate: the Hash header, which its history table records (a body that no longer matches it is
 * checksum-drift's own finding, or allowed by `--! AllowInvalidHash`); a file without headers hashes whole.
 */
function graphileChecksum(bytes) {
    const text = bytes.toString('utf8');
    const read = (0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_3__/* .readSignature */ .Bc)(text);
    return 'signature' in read ? read.signature.hash : (0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_3__/* .graphileHash */ .J)(`${text.trim()}\n`, null);
}


/***/ }),

/***/ 914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J1: () => (/* binding */ sendsCopyDataAsSql),
/* harmony export */   aL: () => (/* binding */ runsAloneAs),
/* harmony export */   b_: () => (/* binding */ runsOutsideOf),
/* harmony export */   mv: () => (/* binding */ runnerOf),
/* harmony export */   rv: () => (/* binding */ PRESET_TABLE)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5811);
// Runner presets: what each migration runner does that the gate must assume (transactions, checksums, history).

const PRESET_TABLE = {
    // A runner of unknown habits: sends each file as one query, which Postgres runs as one implicit transaction.
    generic: {
        wrapsInTransaction: false,
        runsAlone: [],
        checksum: 'sha256',
        history: 'auto',
        runner: { name: 'the runner', sends: null, optOut: 'make sure the runner does not run the file in a transaction' },
    },
    // The Supabase CLI sends a file's statements and its history row as one pipeline with one Sync, bracketed in BEGIN and
    // COMMIT since supabase/cli#6354 (2.115 and 2.116 sent it bare, #6224: LOCK and SAVEPOINT failed there with 25P01). It runs a
    // file holding BEGIN, COMMIT, ROLLBACK or the like as written, one statement at a time (transaction-unsafe's runsAsWritten).
    supabase: {
        wrapsInTransaction: true,
        // legacyIsPipelineIncompatible's patterns (apps/cli/src/legacy/shared/legacy-migration-apply.ts), by first words, so any CLUSTER:
        // the first six since 2.109 (#5156, #6009; DROP INDEX CONCURRENTLY since #6276), the rest since the fix of #6347; older CLIs fail with 25001.
        runsAlone: [
            { name: 'CREATE INDEX CONCURRENTLY', pattern: /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY(?:\s|$)/ },
            { name: 'DROP INDEX CONCURRENTLY', pattern: /^DROP\s+INDEX\s+CONCURRENTLY(?:\s|$)/ },
            { name: 'REINDEX CONCURRENTLY', pattern: /^REINDEX(?:\s|\().*\sCONCURRENTLY(?:\s|$)/ },
            { name: 'VACUUM', pattern: /^VACUUM(?:\s|\(|$)/ },
            { name: 'ALTER SYSTEM', pattern: /^ALTER\s+SYSTEM(?:\s|$)/ },
            { name: 'CLUSTER', pattern: /^CLUSTER(?:\s|$)/ },
            { name: 'CREATE DATABASE', pattern: /^CREATE\s+DATABASE(?:\s|$)/ },
            { name: 'DROP DATABASE', pattern: /^DROP\s+DATABASE(?:\s|$)/ },
            { name: 'CREATE TABLESPACE', pattern: /^CREATE\s+TABLESPACE(?:\s|$)/ },
            { name: 'DROP TABLESPACE', pattern: /^DROP\s+TABLESPACE(?:\s|$)/ },
            { name: 'REINDEX SCHEMA, DATABASE or SYSTEM', pattern: /^REINDEX(?:\s+\([^)]*\))?\s+(?:DATABASE|SYSTEM|SCHEMA)(?:\s|$)/ },
            { name: 'CREATE SUBSCRIPTION', pattern: /^CREATE\s+SUBSCRIPTION(?:\s|$)/ },
            { name: 'DROP SUBSCRIPTION', pattern: /^DROP\s+SUBSCRIPTION(?:\s|$)/ },
            { name: 'DISCARD ALL', pattern: /^DISCARD\s+ALL(?:\s|$)/ },
            { name: 'ALTER DATABASE ... SET TABLESPACE', pattern: /^ALTER\s+DATABASE\s+(?:"[^"]*"|\S+)\s+SET\s+TABLESPACE(?:\s|$)/ },
            {
                name: 'ALTER SUBSCRIPTION ... REFRESH, SET, ADD or DROP PUBLICATION',
                pattern: /^ALTER\s+SUBSCRIPTION\s+(?:"[^"]*"|\S+)\s+(?:REFRESH\s+PUBLICATION|(?:SET|ADD|DROP)\s+PUBLICATION)(?:\s|$)/,
            },
            {
                name: 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY or FINALIZE',
                pattern: /^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:"[^"]*"|\S+)\s+DETACH\s+PARTITION\s+(?:"[^"]*"|\S+)\s+(?:CONCURRENTLY|FINALIZE)(?:\s|$)/,
            },
        ],
        checksum: 'sha256',
        history: 'supabase',
        runner: { name: 'the Supabase CLI', sends: 'batch' },
    },
    // Flyway runs a file outside a transaction when it detects a non-transactional statement in it, or as its .sql.conf says.
    flyway: {
        wrapsInTransaction: false,
        runsAlone: [],
        // PostgreSQLParser's patterns (detectCanExecuteInTransaction), which Java's matches() tries on the whole text.
        runsOutside: [
            /^(?:CREATE|DROP) (?:DATABASE|TABLESPACE|SUBSCRIPTION)$/,
            /^ALTER SYSTEM$/,
            /^(?:CREATE|DROP)(?: UNIQUE)? INDEX CONCURRENTLY$/,
            /^REINDEX(?: VERBOSE)? (?:SCHEMA|DATABASE|SYSTEM)$/,
            /^VACUUM$/,
            /^DISCARD ALL$/,
        ],
        checksum: 'flyway',
        history: 'flyway',
        nested: true,
        runner: {
            name: 'Flyway',
            sends: 'statements',
            optOut: 'set executeInTransaction=false in a script config file beside the migration (<name>.sql.conf)',
            copyIn: true,
        },
    },
    prisma: { wrapsInTransaction: false, runsAlone: [], checksum: 'prisma', history: 'prisma', runner: { name: 'Prisma', sends: 'query' } },
    'golang-migrate': {
        wrapsInTransaction: false,
        runsAlone: [],
        checksum: 'sha256',
        history: 'golang-migrate',
        runner: { name: 'golang-migrate', sends: 'query', unless: 'x-multi-statement' },
    },
    dbmate: {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'sha256',
        history: 'dbmate',
        runner: { name: 'dbmate', sends: 'query', part: 'up section', optOut: 'mark the up section `-- migrate:up transaction:false`' },
    },
    'node-pg-migrate': {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'sha256',
        history: 'node-pg-migrate',
        runner: {
            name: 'node-pg-migrate',
            sends: 'query',
            optOut: 'write the migration in JavaScript or TypeScript and call pgm.noTransaction() in it (an SQL migration always runs in a transaction)',
        },
    },
    goose: {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'sha256',
        history: 'goose',
        runner: { name: 'goose', sends: 'statements', optOut: 'put `-- +goose NO TRANSACTION` at the top of the file', autocommitsAfterCommit: true },
    },
    sqlx: {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'sqlx',
        history: 'sqlx',
        runner: { name: 'sqlx', sends: 'query', optOut: 'make `-- no-transaction` the first line of the file' },
    },
    // The committed folder: BEGIN, the body as one query, the history row, COMMIT (migration.ts runStringMigration).
    'graphile-migrate': {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'graphile',
        history: 'graphile-migrate',
        runner: { name: 'graphile-migrate', sends: 'query', optOut: 'make `--! no-transaction` the first line after the headers' },
        scheme: 'graphile',
        // Its placeholders are `:DATABASE_NAME`, `:DATABASE_OWNER` and the settings' own `:NAME` keys.
        placeholderPatterns: [':NAME'],
    },
    // up.sql through batch_execute (one simple query) in a transaction unless metadata.toml says otherwise (diesel_migrations).
    diesel: {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'sha256',
        history: 'diesel',
        runner: { name: 'diesel', sends: 'query', optOut: 'put `run_in_transaction = false` in a metadata.toml beside its up.sql' },
        scheme: 'folder',
    },
    // drizzle-orm's migrate() (pg-core dialect.ts): every pending migration, split at `--> statement-breakpoint` into queries,
    // and each one's history row, in one transaction, with no way for a migration to leave it.
    drizzle: {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'drizzle',
        history: 'drizzle',
        oneRun: true,
        runner: {
            name: 'drizzle',
            sends: 'statements',
            autocommitsAfterCommit: true,
            noWayOut: {
                why: "drizzle's migrate() runs every pending migration in one transaction, and has no setting that keeps a migration out of it",
                instead: 'run this statement outside drizzle (with psql, or a script run after migrate()) and keep it out of the migrations folder',
            },
        },
    },
    // `atlas migrate apply` (cmdapi/migrate_oss.go migrateApplyRun, --tx-mode file by default): each file in a transaction of its
    // own with its revision row; the Executor (sql/migrate/migrate.go Execute) sends the statements its lexer cuts one by one.
    atlas: {
        wrapsInTransaction: true,
        runsAlone: [],
        checksum: 'sha256',
        history: 'atlas',
        runner: {
            name: 'Atlas',
            sends: 'statements',
            optOut: 'start the file with the line `-- atlas:txmode none` and an empty line after it (Atlas reads file directives only in a header an empty line ends)',
        },
    },
    // `sqitch deploy` (Engine/pg.pm run_file): each change's deploy script through `psql --file` with ON_ERROR_STOP=1, in
    // autocommit, so the script's own BEGIN and COMMIT (which `sqitch add` writes into it) are its only transaction.
    sqitch: {
        wrapsInTransaction: false,
        runsAlone: [],
        checksum: 'sqitch',
        history: 'sqitch',
        scheme: 'sequential',
        autocommit: true,
        runner: {
            name: 'Sqitch',
            sends: 'statements',
            optOut: 'move it out of the BEGIN … COMMIT block that `sqitch add` wrote into the deploy script (psql runs it in autocommit there)',
            copyIn: true,
        },
    },
};
/** golang-migrate under x-multi-statement=true: each piece it cuts at a `;` goes as a query of its own, outside any transaction. */
const MULTI_STATEMENT = { name: 'golang-migrate', sends: 'statements' };
/**
 * How graphile-migrate's current migration leaves its transaction: current.sql by its very first line, as
 * runStringMigration reads it (no headers there); current/ not at all (readCurrentMigration refuses it).
 */
const CURRENT_OPT_OUT = {
    file: 'make `--! no-transaction` the very first line of current.sql (graphile-migrate reads no headers there)',
    dir: 'run it from current.sql instead of current/ (graphile-migrate refuses `--! no-transaction` in current/), with `--! no-transaction` its very first line',
};
/** How the runner sends a file under these options: the preset's way, or golang-migrate's under x-multi-statement; `migration`'s own way out of its transaction. */
function runnerOf(options, migration) {
    const runner = options.multiStatement ? MULTI_STATEMENT : PRESET_TABLE[options.preset].runner;
    if (migration?.kind !== 'current')
        return runner;
    return { ...runner, optOut: migration.file.endsWith('.sql') ? CURRENT_OPT_OUT.file : CURRENT_OPT_OUT.dir };
}
/** The name of what the preset's runner takes out of the file's transaction, if `text` (a statement from its first word) is one. */
function runsAloneAs(preset, text) {
    const upper = text.toUpperCase();
    return PRESET_TABLE[preset].runsAlone.find((r) => r.pattern.test(upper))?.name ?? null;
}
/** A word the way Flyway's parser reads a keyword: letters and underscores only (Parser.isKeyword). */
const WORD = /^[\p{L}_]+$/u;
/** How many words Flyway reads before it decides a statement runs in a transaction (Parser.getTransactionalDetectionCutoff). */
const FLYWAY_CUTOFF = 10;
/**
 * The words by which the preset's runner runs a migration holding the statement `text` (from its first word) outside a
 * transaction, null where it does not, tested as Flyway's Parser tests it: each time it reads a word outside parentheses,
 * on the words so far, upper-cased and joined by one space. So `REINDEX (VERBOSE) SCHEMA s` is `REINDEX SCHEMA`, and any
 * CREATE SUBSCRIPTION counts.
 */
function runsOutsideOf(preset, text) {
    const patterns = PRESET_TABLE[preset].runsOutside;
    if (!patterns)
        return null;
    let depth = 0;
    const words = [];
    for (const t of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .scanTokens */ .we)(text)) {
        if (t.text === '(' || t.text === ')')
            depth += t.text === '(' ? 1 : -1;
        else if (depth === 0 && WORD.test(t.text)) {
            words.push(t.text.toUpperCase());
            if (words.length > FLYWAY_CUTOFF)
                return null;
            const sofar = words.join(' ');
            if (patterns.some((p) => p.test(sofar)))
                return sofar;
        }
    }
    return null;
}
/** Whether the preset's runner sends the rows after `COPY ... FROM STDIN;` as SQL: a known runner that does not copy them in. */
function sendsCopyDataAsSql(preset) {
    const { runner } = PRESET_TABLE[preset];
    return runner.sends !== null && !runner.copyIn;
}


/***/ }),

/***/ 9041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xv: () => (/* binding */ createRunnerSchemas),
/* harmony export */   qD: () => (/* binding */ unsetVariableAdvice),
/* harmony export */   xw: () => (/* binding */ readRunnerConfig)
/* harmony export */ });
/* harmony import */ var _sql_quoted_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5498);
// The runner's own configuration file (Flyway's flyway.toml or flyway.conf, graphile-migrate's .gmrc), read for what
// the dry-run must do as the runner does: placeholder values and syntax, the search path. .migration-gate.yml and the
// CLI win over it (resolve.ts). Connection settings (url, user, password, connection strings) are never read.

const NONE = { placeholders: {}, unset: {} };
/**
 * The configuration of the preset's runner in the project root (or, for golang-migrate, in the database URL), where the
 * runner has one; parsers load only then.
 */
async function readRunnerConfig(root, preset, env, databaseUrl) {
    if (preset === 'flyway')
        return (await __webpack_require__.e(/* import() */ 703).then(__webpack_require__.bind(__webpack_require__, 2703))).readFlywayConfig(root, env);
    if (preset === 'golang-migrate')
        return (await __webpack_require__.e(/* import() */ 414).then(__webpack_require__.bind(__webpack_require__, 414))).readGolangMigrateUrl(databaseUrl) ?? NONE;
    if (preset === 'graphile-migrate') {
        const { readGraphileSettings } = await __webpack_require__.e(/* import() */ 584).then(__webpack_require__.bind(__webpack_require__, 3584));
        return (await readGraphileSettings(root, env)) ?? NONE;
    }
    return NONE;
}
/** A sentence naming the environment variable the runner's file takes a placeholder's missing value from, else ''. */
function unsetVariableAdvice(options, fill) {
    const unset = fill.kind === 'stand-in' ? options.unsetVariables?.[fill.key.toLowerCase()] : undefined;
    return unset ? ` ${unset.file} takes the value of ${fill.text} from the environment variable ${unset.variable}, which is not set here: set it for migration-gate too.` : '';
}
/**
 * Creates the runner's schemas that are missing, as the runner does before it migrates, and returns their names. Only the
 * missing ones, as Flyway's DbSchemas: CREATE SCHEMA IF NOT EXISTS needs the database's CREATE privilege all the same.
 */
async function createRunnerSchemas(session, schemas) {
    const missing = await session.query(`SELECT name FROM unnest($1::text[]) WITH ORDINALITY AS s (name, n) WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = name) ORDER BY n`, [schemas]);
    for (const { name } of missing)
        await session.query(`CREATE SCHEMA ${(0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_0__/* .quoted */ .T)(name)}`);
    return missing.map((s) => s.name);
}


/***/ }),

/***/ 5024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ED: () => (/* binding */ fillsOf),
  Bo: () => (/* binding */ flywayDefaultSchema),
  U_: () => (/* binding */ pathSchemas),
  kW: () => (/* binding */ templateOf),
  tV: () => (/* binding */ withDatabaseName)
});

// UNUSED EXPORTS: placeholderValues

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/history/tables/table.ts
var table = __webpack_require__(6012);
// EXTERNAL MODULE: ./src/sql/placeholders.ts
var placeholders = __webpack_require__(816);
// EXTERNAL MODULE: ./src/sql/lines.ts
var lines = __webpack_require__(3015);
;// CONCATENATED MODULE: ./src/sql/template.ts
// A templated migration as parsed, and the way back to the file: offsets in the filled text to the
// file's own, and stand-in identifiers to the placeholders they stand for.


class Template {
    original;
    lineOffset;
    /** The text the parser reads: the file's with its placeholders filled in. */
    sql;
    fills;
    placeholderOf = new Map();
    standIns;
    lines;
    constructor(original, regex, values, 
    /** Lines of the file before this text (a dbmate or goose up section starts below its marker). */
    lineOffset = 0, 
    /** Whether `${NAME:-word}` takes its default, as goose's ENVSUB and the shell do. */
    shellDefaults = false, 
    /** Where `${...}` is filled at all (goose's ENVSUB regions); everywhere when unset. */
    envsub) {
        this.original = original;
        this.lineOffset = lineOffset;
        ({ sql: this.sql, fills: this.fills } = (0,placeholders/* fillPlaceholders */.Ct)(original, regex, values, shellDefaults, envsub));
        for (const f of this.fills)
            if (f.kind === 'stand-in')
                this.placeholderOf.set(f.filled.toLowerCase(), f.text);
        const words = [...this.placeholderOf.keys()];
        // Whole identifiers only, case ignored: the parser folds `flyway_defaultSchema___` to lower case.
        this.standIns = words.length ? new RegExp(`(?<![\\w$])(?:${words.join('|')})(?![\\w$])`, 'gi') : null;
    }
    /** Where `offset` in the filled text is in the file; anywhere in a replacement is its placeholder's start. */
    originalOffset(offset) {
        const f = this.lastFillFrom(offset);
        if (!f)
            return offset;
        const end = f.to + f.filled.length;
        return offset < end ? f.at : f.at + f.text.length + offset - end;
    }
    /** Where `offset` of the file's text (not inside a placeholder) is in the filled text. */
    filledOffset(offset) {
        let shift = 0;
        for (const f of this.fills) {
            if (f.at + f.text.length > offset)
                break;
            shift = f.to + f.filled.length - (f.at + f.text.length);
        }
        return offset + shift;
    }
    /** originalOffset where the file has that very point; null inside a replacement, past its first character. */
    exactOffset(offset) {
        const f = this.fillAt(offset, false);
        return f && offset > f.to ? null : this.originalOffset(offset);
    }
    /** The placeholders the file leaves without a value: a stand-in or blanks take their place. */
    get unfilled() {
        return this.fills.filter((f) => f.kind !== 'value');
    }
    /** The 1-based line (counted from the top of the file) and column in the file of `offset` in the filled text. */
    position(offset) {
        const p = this.fileLines.position(this.originalOffset(offset));
        return { line: p.line + this.lineOffset, column: p.column };
    }
    /** Where each line of the file's own text starts. */
    get fileLines() {
        return (this.lines ??= new lines/* LineIndex */.r(this.original));
    }
    /** Whether a configured value fills any of [start, end] of the filled text: words read there are the value's, not the file's. */
    valueIn(start, end) {
        return this.fills.some((f) => f.kind === 'value' && f.to <= end && f.to + f.filled.length >= start);
    }
    /** The fill whose replacement holds `offset`; with `adjacent`, also one that ends just before it, white space between. */
    fillAt(offset, adjacent) {
        const f = this.lastFillFrom(offset);
        if (!f)
            return undefined;
        const end = f.to + f.filled.length;
        return offset < end || (adjacent && /^\s*$/.test(this.sql.slice(end, offset))) ? f : undefined;
    }
    /** `text` (a finding's words, quoted SQL) with each stand-in turned back into the placeholder as written. */
    restore(text) {
        return this.standIns ? text.replace(this.standIns, (word) => this.placeholderOf.get(word.toLowerCase())) : text;
    }
    /** The last fill that starts at or before `offset` in the filled text. */
    lastFillFrom(offset) {
        let lo = 0;
        let hi = this.fills.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.fills[mid].to <= offset)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo > 0 ? this.fills[lo - 1] : undefined;
    }
}

;// CONCATENATED MODULE: ./src/config/runner-placeholders.ts
// Placeholders a runner fills by itself: Flyway's built-ins have values without any configuration, and
// goose's ENVSUB (like the shell) takes `${NAME:-word}` defaults. A file is filled as its runner fills it,
// with the configured values winning.




/** Runners whose placeholders are environment variables with shell-style defaults (the generic preset may have one). */
const SHELL_DEFAULTS = new Set(['goose', 'generic']);
/** The schemas a search_path's items name (`app`, `"App"`), unquoted; `"$user"` left out: a role's own schema, unknown here. */
function pathSchemas(items) {
    return items.map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter((s) => s && s !== '$user');
}
/** Flyway's default schema: the first schema of the search path it is given (flyway-config.ts puts it first), if any. */
function flywayDefaultSchema(options) {
    const path = options.dryRun.searchPath;
    return path ? pathSchemas(path.split(','))[0] : undefined;
}
/** What Flyway fills its built-ins with on the database the dry-run models, for a file named `file` (Flyway's placeholder docs). */
function flywayBuiltIns(options, file) {
    return {
        // Without one, the database's default schema.
        'flyway:defaultSchema': flywayDefaultSchema(options) ?? 'public',
        'flyway:filename': external_node_path_.posix.basename(file),
        // The table's own name, without the schema history-table may give it.
        'flyway:table': options.history.table ? (0,table/* nameParts */.IN)(options.history.table).at(-1) : 'flyway_schema_history',
    };
}
/**
 * graphile-migrate's `:DATABASE_OWNER` is the role that owns the database, which runs its migrations: CURRENT_USER says
 * so wherever a role goes (GRANT ... TO, OWNER TO, FOR ROLE), on every engine. `:DATABASE_NAME` is the database it is
 * connected to (withDatabaseName), so a file read without one has a stand-in there.
 */
const GRAPHILE_BUILT_INS = { DATABASE_OWNER: 'CURRENT_USER' };
/**
 * `options` for running files on the database `database` names: graphile-migrate fills `:DATABASE_NAME` with the name
 * of the database it is connected to, over any value given (migration.ts slowGeneratePlaceholderReplacement).
 */
async function withDatabaseName(options, database) {
    // Asked of the server only where the runner fills it.
    if (options.preset !== 'graphile-migrate')
        return options;
    return { ...options, placeholders: { ...options.placeholders, DATABASE_NAME: await database() } };
}
/** The placeholder values `file` is filled with: its runner's built-ins, then the configured ones. */
function placeholderValues(options, file) {
    if (options.preset === 'flyway')
        return { ...flywayBuiltIns(options, file), ...options.placeholders };
    if (options.preset === 'graphile-migrate')
        return { ...GRAPHILE_BUILT_INS, ...options.placeholders };
    return options.placeholders;
}
/**
 * A migration's text (`part.sql`, below `lineOffset` lines of its file) with its placeholders filled as its runner fills
 * them; `${...}` only within `envsub` when given (goose's ENVSUB regions), and a bare `$NAME` there too.
 */
function templateOf(part, options, regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns)) {
    const values = placeholderValues(options, part.file);
    return new Template(part.sql, regex, values, part.lineOffset ?? 0, SHELL_DEFAULTS.has(options.preset), part.envsub);
}
/**
 * How `part`'s placeholders are filled (values, stand-ins, blanks): with its own text and the patterns, all that the
 * settings decide of its template, whichever value (configured or built-in) they come from. The lint cache's key.
 */
function fillsOf(part, options, regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns)) {
    return (0,placeholders/* fillPlaceholders */.Ct)(part.sql, regex, placeholderValues(options, part.file), SHELL_DEFAULTS.has(options.preset), part.envsub).fills;
}


/***/ }),

/***/ 7865:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ decodeSql)
/* harmony export */ });
/* harmony import */ var _sql_lines_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3015);
// Turns a migration file's bytes into text, or says exactly why it cannot be read as SQL.

const utf8 = new TextDecoder('utf-8', { fatal: true });
function decodeSql(bytes) {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
        const at = positionOfByte(bytes, nul);
        return { ok: false, ...at, problem: `contains a NUL byte (byte ${nul})`, fix: 'a migration must be a text file; remove the NUL bytes or the binary file' };
    }
    try {
        const text = utf8.decode(bytes);
        return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    }
    catch {
        // Overlong forms and surrogates fail the decoder without failing this scan: point at the last byte then.
        const bad = Math.min(firstInvalidUtf8(bytes), bytes.length - 1);
        const at = positionOfByte(bytes, bad);
        return {
            ok: false,
            ...at,
            problem: `is not valid UTF-8 (byte ${bad}: 0x${bytes[bad].toString(16).padStart(2, '0')})`,
            fix: 'save the file as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)',
        };
    }
}
function positionOfByte(bytes, offset) {
    // Decode the valid prefix leniently: lines before a bad byte are still countable.
    const prefix = bytes.subarray(0, offset).toString('utf8');
    return new _sql_lines_js__WEBPACK_IMPORTED_MODULE_0__/* .LineIndex */ .r(prefix).position(prefix.length);
}
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        const width = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
        if (width === 0 || i + width > bytes.length)
            return i;
        for (let k = 1; k < width; k++)
            if ((bytes[i + k] & 0xc0) !== 0x80)
                return i;
        i += width;
    }
    return bytes.length;
}


/***/ }),

/***/ 2395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HY: () => (/* binding */ journalPath),
/* harmony export */   J1: () => (/* binding */ journalName),
/* harmony export */   Nx: () => (/* binding */ DRIZZLE_META),
/* harmony export */   PR: () => (/* binding */ journalOf),
/* harmony export */   SM: () => (/* binding */ isDrizzleJournal),
/* harmony export */   lK: () => (/* binding */ DRIZZLE_JOURNAL),
/* harmony export */   mK: () => (/* binding */ whenFix)
/* harmony export */ });
/* unused harmony exports readJournal, matchJournal */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2907);
// drizzle-kit's journal, meta/_journal.json in the migrations folder: the list of migrations drizzle-orm's migrate() runs,
// in its order. readMigrationFiles reads each entry's `<tag>.sql` beside it and fails on one it cannot read; the entry's
// `when` is what the history table's created_at records, and what decides whether a migration runs at all.



/** The folder beside the migrations where drizzle-kit keeps its journal (and its schema snapshots). */
const DRIZZLE_META = 'meta';
const DRIZZLE_JOURNAL = `${DRIZZLE_META}/_journal.json`;
/** Whether a listed path is the journal of `folder`. */
function isDrizzleJournal(folder, path) {
    return path === journalPath(folder);
}
/**
 * Reads the journal as readMigrationFiles does: JSON.parse, then every entry of `entries` in order, its tag naming the file
 * and its `when` the time. A journal for another database is refused: its SQL is not PostgreSQL's.
 */
function readJournal(bytes, path) {
    const text = bytes.toString('utf8');
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        // Two branches that each add a migration leave git's markers in the journal more often than anything else.
        const conflict = /^<{7}(?: |$)/m.exec(text);
        if (conflict)
            return { problem: `it holds an unresolved merge conflict (line ${lineAt(text, conflict.index)})` };
        const at = /at position (\d+)/.exec(e.message);
        return { problem: `it is not valid JSON${at ? ` (line ${lineAt(text, Number(at[1]))})` : ''}` };
    }
    const journal = json;
    const dialect = journal?.dialect;
    if (typeof dialect === 'string' && dialect !== 'postgresql' && dialect !== 'pg') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${path} is a drizzle journal for ${dialect}, not PostgreSQL; migration-gate checks PostgreSQL migrations: give it the folder of a PostgreSQL drizzle project`);
    }
    if (!Array.isArray(journal?.entries))
        return { problem: 'it has no `entries` list' };
    const entries = [];
    for (const [i, entry] of journal.entries.entries()) {
        const { tag, when } = (entry ?? {});
        if (typeof tag !== 'string' || tag === '' || tag.includes('/'))
            return { problem: `entry ${i} has no file tag` };
        if (typeof when !== 'number' || !Number.isSafeInteger(when))
            return { problem: `entry ${i} (${tag}) has no \`when\` time in milliseconds` };
        entries.push({ index: i, tag, when });
    }
    return { entries };
}
/** A listed migration as drizzle knows it: its version the `when` (created_at in the history table), its name the tag. */
function journalName(entry) {
    return { scheme: 'sequential', kind: 'versioned', version: String(entry.when), name: entry.tag };
}
/** The journal of migrations folder `folder`. */
function journalPath(folder) {
    return (0,_migration_js__WEBPACK_IMPORTED_MODULE_1__/* .inFolder */ ._z)(folder, DRIZZLE_JOURNAL);
}
/** How a migration gets above `when` in drizzle's eyes: its entry's `when`, edited in the journal (no rename helps). */
function whenFix(journal, tag, when) {
    return `In ${journal}, set the "when" of ${tag} above ${when} (e.g. ${when + 1})`;
}
/** The file a journal entry names: `<tag>.sql` in the migrations folder. */
function tagFile(folder, tag) {
    return (0,_migration_js__WEBPACK_IMPORTED_MODULE_1__/* .inFolder */ ._z)(folder, `${tag}.sql`);
}
/** The journal in a folder's listing, read, and matched with the folder's .sql files; null where the folder has none. */
function journalOf(listing) {
    const source = listing.files.find((f) => isDrizzleJournal(listing.folder, f.path));
    if (!source)
        return null;
    const journal = source.bytes ? readJournal(source.bytes, source.path) : { problem: source.problem.message };
    const direct = listing.files.filter((f) => f.path.endsWith('.sql') && !(0,_migration_js__WEBPACK_IMPORTED_MODULE_1__/* .pathIn */ .lW)(listing.folder, f.path).includes('/'));
    return matchJournal(listing.folder, source.path, journal, direct.map((f) => f.path));
}
function lineAt(text, offset) {
    return text.slice(0, offset).split('\n').length;
}
/**
 * Matches the journal at `path` with the .sql files directly in `folder` (`sqlPaths`): an entry without its file fails
 * migrate() before it runs anything; a file no entry names is never run; an entry whose `when` is not above every one before
 * it is passed over by a database that applied those (dialect.ts migrate() compares it with the newest created_at only).
 */
function matchJournal(folder, path, journal, sqlPaths) {
    const out = { readable: !('problem' in journal), entryOf: new Map(), findings: [], refusedNames: [] };
    const refuse = (message, refused, fix) => {
        out.findings.push({ rule: 'unreadable-file', file: path, line: 0, column: 0, message, suggestion: fix });
        out.refusedNames.push({ folder, file: path, refused, fix, reason: message });
    };
    if ('problem' in journal) {
        refuse(`drizzle cannot read ${path}: ${journal.problem}, so \`drizzle-kit migrate\` (and migrate()) fails before it applies any migration`, `cannot read ${DRIZZLE_JOURNAL}: ${journal.problem}`, 'restore the journal drizzle-kit wrote (`git checkout` it, or resolve its merge conflict keeping every entry), then run `drizzle-kit check`');
        return out;
    }
    const files = new Set(sqlPaths);
    const listed = new Set(journal.entries.map((e) => tagFile(folder, e.tag)));
    for (const file of sqlPaths) {
        if (listed.has(file))
            continue;
        out.findings.push({
            rule: 'invalid-name',
            file,
            line: 0,
            column: 0,
            message: `${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file)} is not in ${path}: drizzle runs only the migrations its journal lists, so it never applies this file`,
            suggestion: 'make migrations with `drizzle-kit generate` (`drizzle-kit generate --custom` for one written by hand), which writes the journal entry; or move the file out of the folder',
        });
    }
    let newest = null;
    for (const entry of journal.entries) {
        const file = tagFile(folder, entry.tag);
        if (out.entryOf.has(file)) {
            out.findings.push({
                rule: 'duplicate-version',
                file: path,
                line: 0,
                column: 0,
                message: `${path} lists ${entry.tag} twice: drizzle runs ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file)} once for each entry, and the second run fails on what the first made`,
                suggestion: `remove the second ${entry.tag} entry from ${path}`,
            });
            continue;
        }
        if (!files.has(file)) {
            const refused = `No file ${file} found in ${folder} folder`;
            refuse(`${path} lists ${entry.tag}, but ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file)} is not in ${folder}: drizzle's migrate() fails with "${refused}" before it applies any migration`, refused, `restore ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file)}, or remove its entry from ${path} (\`drizzle-kit drop\` removes both)`);
            continue;
        }
        out.entryOf.set(file, entry);
        if (newest && entry.when <= newest.when) {
            out.findings.push({
                rule: 'out-of-order',
                severity: 'error',
                file,
                line: 0,
                column: 0,
                message: `${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file)} comes after ${newest.tag} in ${path}, but its \`when\` (${entry.when}) is not above ${newest.tag}'s (${newest.when}): ` +
                    `drizzle's migrate() runs a migration only when its \`when\` is above that of the newest one applied before the run, so a database that ` +
                    `applied ${newest.tag} in an earlier run never applies ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file)}, and says nothing; one that gets both in one run applies both.`,
                suggestion: `${whenFix(path, entry.tag, newest.when)}, before any database applies ${newest.tag} without it.`,
            });
        }
        if (!newest || entry.when > newest.when)
            newest = entry;
    }
    return out;
}


/***/ }),

/***/ 2701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BH: () => (/* binding */ semicolonAt),
/* harmony export */   GS: () => (/* binding */ gooseQueries),
/* harmony export */   Sf: () => (/* binding */ gooseFile),
/* harmony export */   fo: () => (/* binding */ envsubRegions),
/* harmony export */   ih: () => (/* binding */ runsUnderGoose),
/* harmony export */   vw: () => (/* binding */ gooseMarkers)
/* harmony export */ });
/* unused harmony exports readAnnotation, splitGoose */
/* harmony import */ var _sql_lines_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3015);
/* harmony import */ var _decode_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7865);
// A goose SQL migration as goose itself reads it (pressly/goose internal/sqlparser/parser.go, v3.19.1 to v3.28):
// line by line, a statement ending at each line whose last word ends in `;` (even inside a $$ body or a string)
// unless it sits between `-- +goose StatementBegin` and `-- +goose StatementEnd`. Only the up direction is read,
// as `goose up` does (the Provider also parses the down one, whose missing `;` fails there alone).


const ANNOTATIONS = ['Up', 'Down', 'StatementBegin', 'StatementEnd', 'NO TRANSACTION', 'ENVSUB ON', 'ENVSUB OFF'];
function* gooseLines(text) {
    let start = 0;
    for (let line = 1; start < text.length; line++) {
        const eol = text.indexOf('\n', start);
        const next = eol === -1 ? text.length : eol + 1;
        const end = eol === -1 ? text.length : eol > start && text[eol - 1] === '\r' ? eol - 1 : eol;
        yield { text: text.slice(start, end), start, end, line };
        start = next;
    }
}
/**
 * goose's reading of a line: null when it is no annotation line (one that starts with `--`, white space aside, and holds
 * `+goose` anywhere), else the annotation, any case, or goose's error for it (extractAnnotation).
 */
function readAnnotation(line) {
    if (!line.trim().startsWith('--') || !line.includes('+goose'))
        return null;
    if (line.startsWith(' ') || line.startsWith('\t'))
        return { error: `${quote(line)} contains leading whitespace: invalid annotation` };
    const cmd = line.replaceAll('--', '').replace('+goose', '');
    if (cmd.includes('+goose'))
        return { error: `${quote(cmd)} contains multiple '+goose' annotations: invalid annotation` };
    const word = cmd.trim();
    if (!word)
        return { error: 'empty annotation' };
    return ANNOTATIONS.find((a) => a.toLowerCase() === word.toLowerCase()) ?? { error: `${quote(word)} not supported: invalid annotation` };
}
/** The lines of goose's `Up` and `Down` annotations, and whether any line says `NO TRANSACTION`; null without an `Up`. */
function gooseMarkers(text) {
    // Every annotation holds the word: a file without it (nearly every file of another runner) needs no line scan.
    if (!text.includes('+goose'))
        return null;
    let up = null;
    let down = null;
    let noTransaction = false;
    for (const line of gooseLines(text)) {
        const a = readAnnotation(line.text);
        if (a === 'NO TRANSACTION')
            noTransaction = true;
        else if (a === 'Up')
            up ??= line;
        else if (a === 'Down' && up)
            down ??= line;
    }
    return up && { up, down, noTransaction };
}
/**
 * The spans of text[from, to) where goose substitutes environment variables (interpolate's `$NAME`, `${NAME}`, `${NAME:-word}`), as offsets
 * from `from`: the lines after each `-- +goose ENVSUB ON`, wherever it stands, up to an `ENVSUB OFF` or the end of the file.
 */
function envsubRegions(text, from = 0, to = text.length) {
    const regions = [];
    if (!text.includes('+goose'))
        return regions;
    const add = (start, end) => {
        if (Math.max(start, from) < Math.min(end, to))
            regions.push([Math.max(start, from) - from, Math.min(end, to) - from]);
    };
    let on = null;
    for (const line of gooseLines(text)) {
        const a = readAnnotation(line.text);
        if (a === 'ENVSUB ON')
            on ??= line.end;
        else if (a === 'ENVSUB OFF' && on !== null) {
            add(on, line.start);
            on = null;
        }
    }
    if (on !== null)
        add(on, text.length);
    return regions;
}
/** Splits `text` (a whole goose file) into the up statements goose sends, or says why goose refuses it. */
function splitGoose(text) {
    const chunks = [];
    let transactional = true;
    let state = 'start';
    // goose's buffer: the lines written since the last statement ended, and the annotation lines skipped among them.
    let first = null;
    let last = null;
    let skipped = [];
    const fail = (kind, line, message) => ({ chunks, error: { kind, line, message }, transactional });
    const pending = () => (first && last ? blank(text, first.start, last.end, skipped) : '');
    const flush = (endLine, block) => {
        if (first && pending().trim())
            chunks.push({ text: pending(), offset: first.start, lineOffset: first.line - 1, endLine, block });
        first = last = null;
        skipped = [];
    };
    let beganAt = 0;
    for (const line of gooseLines(text)) {
        if (state === 'start' && !line.text.trim())
            continue;
        const a = readAnnotation(line.text);
        if (a !== null) {
            if (typeof a === 'object')
                return fail('annotation', line.line, `failed to parse annotation line ${quote(line.text)}: ${a.error}`);
            let consumed = true;
            switch (a) {
                case 'Up':
                    if (state !== 'start')
                        return fail('misplaced', line.line, "duplicate '-- +goose Up' annotations");
                    state = 'up';
                    break;
                case 'Down':
                    if (state !== 'up' && state !== 'blockEnd')
                        return fail('misplaced', line.line, "must start with '-- +goose Up' annotation");
                    if (pending().trim())
                        return missingSemicolon();
                    state = 'down';
                    break;
                case 'StatementBegin':
                    if (state === 'start' || state === 'block' || state === 'downBlock') {
                        return fail('misplaced', line.line, "'-- +goose StatementBegin' must be defined after '-- +goose Up' or '-- +goose Down' annotation");
                    }
                    state = state === 'down' ? 'downBlock' : 'block';
                    beganAt = line.line;
                    break;
                case 'StatementEnd':
                    if (state !== 'block' && state !== 'downBlock') {
                        return fail('misplaced', line.line, "'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'");
                    }
                    state = state === 'block' ? 'blockEnd' : 'down';
                    // goose goes on with this line: it ends the statement below unless no line of it was written yet.
                    consumed = state === 'down';
                    break;
                case 'NO TRANSACTION':
                    transactional = false;
                    break;
                // ENVSUB ON/OFF: goose substitutes $VARs in the lines after (envsubRegions); the gate fills $NAME and ${NAME} only there.
            }
            if (consumed) {
                if (first)
                    skipped.push(line);
                continue;
            }
        }
        // Comments and empty lines before a statement are not part of it.
        if (!first && (line.text.trim().startsWith('--') || line.text === ''))
            continue;
        if (state === 'start')
            return fail('sql-before-up', line.line, `failed to parse migration: unexpected state 0 on line ${quote(line.text)}`);
        if (state === 'down' || state === 'downBlock')
            continue;
        if (state === 'blockEnd') {
            // goose sends what the block holds; a line read in this state (after a StatementEnd it skipped) is dropped.
            flush(line.line, true);
            state = 'up';
            continue;
        }
        first ??= line;
        last = line;
        if (state === 'up' && semicolonAt(line.text) !== -1)
            flush(line.line, false);
    }
    if (state === 'start')
        return fail('no-up', 1, "failed to parse migration: must start with '-- +goose Up' annotation");
    if (state === 'block' || state === 'downBlock')
        return fail('no-statement-end', beganAt, "failed to parse migration: missing '-- +goose StatementEnd' annotation");
    if (pending().trim())
        return missingSemicolon();
    return { chunks, error: null, transactional };
    function missingSemicolon() {
        const sent = pending();
        const query = sent.trim();
        const shown = query.length > 60 ? `${query.slice(0, 57)}...` : query;
        // At the statement's first line: goose's message names no line.
        const line = first.line + (sent.slice(0, sent.length - sent.trimStart().length).match(/\n/g)?.length ?? 0);
        return fail('missing-semicolon', line, `failed to parse migration: unexpected unfinished SQL query: ${quote(shown)}: missing semicolon?`);
    }
}
/**
 * Where in `line` the `;` is that makes goose end a statement there (endsWithSemicolon: the last white-space separated
 * word before any word starting with `--` ends in `;`), or -1.
 */
function semicolonAt(line) {
    // Most lines hold no `--`: then it is the last character but white space.
    if (!line.includes('--')) {
        const words = line.trimEnd();
        return words.endsWith(';') ? words.length - 1 : -1;
    }
    let at = -1;
    for (const word of line.matchAll(/\S+/g)) {
        if (word[0].startsWith('--'))
            break;
        at = word[0].endsWith(';') ? word.index + word[0].length - 1 : -1;
    }
    return at;
}
/**
 * Whether goose splits `migration` as SQL: under its preset, or under generic for a file with goose's markers (only goose
 * reads them); a Go migration it runs as code.
 */
function runsUnderGoose(migration, preset) {
    return !migration.language && (preset === 'goose' || (preset === 'generic' && migration.scheme === 'goose'));
}
/** A migration's file as goose reads it: its text, and its split; null when its bytes are no text (unreadable-file says so). */
function gooseFile(migration) {
    const decoded = (0,_decode_js__WEBPACK_IMPORTED_MODULE_0__/* .decodeSql */ .x)(migration.bytes);
    return decoded.ok ? { ...splitGoose(decoded.text), text: decoded.text } : null;
}
/** The up queries goose sends for `migration`, in order; null where goose does not run it, or refuses it. */
function gooseQueries(migration, preset, template) {
    if (!runsUnderGoose(migration, preset))
        return null;
    const file = gooseFile(migration);
    if (!file || file.error)
        return null;
    const sectionStart = new _sql_lines_js__WEBPACK_IMPORTED_MODULE_1__/* .LineIndex */ .r(file.text).lineStart(migration.lineOffset + 1);
    return file.chunks.flatMap((chunk) => {
        const from = chunk.offset - sectionStart;
        // Chunks of the down section, or before the up one, are not in the migration's text.
        if (from < 0 || from >= migration.sql.length)
            return [];
        return [{ start: template.filledOffset(from), end: template.filledOffset(from + chunk.text.length), chunk }];
    });
}
/** text[from, to) with each skipped line turned to spaces, line breaks kept. */
function blank(text, from, to, skipped) {
    let out = '';
    let at = from;
    for (const s of skipped) {
        out += text.slice(at, s.start) + ' '.repeat(s.end - s.start);
        at = s.end;
    }
    return out + text.slice(at, to);
}
/** Go's %q, near enough: a double-quoted string with escapes. */
function quote(s) {
    return JSON.stringify(s);
}


/***/ }),

/***/ 1563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ committedOrder),
/* harmony export */   Bc: () => (/* binding */ readSignature),
/* harmony export */   J: () => (/* binding */ graphileHash),
/* harmony export */   Vd: () => (/* binding */ committedRefusal),
/* harmony export */   c6: () => (/* binding */ repeatedHeader),
/* harmony export */   hr: () => (/* binding */ hashRefused),
/* harmony export */   jB: () => (/* binding */ readHeaders)
/* harmony export */ });
/* harmony import */ var _checksum_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7807);
/* harmony import */ var _decode_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7865);
/* harmony import */ var _version_order_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(934);
// graphile-migrate's committed migrations sign themselves: `--! Previous:` and `--! Hash:` headers chain
// each file to the one before it, and the runner refuses a file whose body no longer hashes to its Hash,
// or whose Previous is not the Hash of the file before it. Read as graphile-migrate's migration.ts,
// hash.ts and header.ts read them, so the gate says what the runner will refuse before it runs.



// Headers start with a capital letter (body comments such as `--! no-transaction` do not).
const HEADER = /^--! ([A-Z][a-zA-Z0-9_]*)(?::(.*))?$/;
/**
 * parseMigrationText's header block: the header lines atop `lines`, up to the first line that is none; `repeated`, the
 * first whose key came before, where graphile-migrate stops reading the text.
 */
function readHeaders(lines) {
    const headers = [];
    for (const [index, line] of lines.entries()) {
        const m = HEADER.exec(line);
        if (!m)
            break;
        const header = { key: m[1], value: m[2]?.trim() || null, index };
        if (headers.some((h) => h.key === header.key))
            return { headers, repeated: header };
        headers.push(header);
    }
    return { headers, repeated: null };
}
/** graphile-migrate's words for a text (at `path`) whose header `key` is given twice. */
function repeatedHeader(path, key) {
    return `Invalid migration '${path}': header '${key}' is specified more than once`;
}
/** The headers and body of a committed migration's text (at `path`), or why graphile-migrate refuses to read it. */
function readSignature(text, path = '') {
    const lines = text.split('\n');
    const block = readHeaders(lines);
    if (block.repeated) {
        const { key, index } = block.repeated;
        return { problem: `its header \`--! ${key}\` is given twice`, said: repeatedHeader(path, key), line: index + 1 };
    }
    const headers = new Map(block.headers.map((h) => [h.key, h.value]));
    const count = block.headers.length;
    const previous = headers.get('Previous');
    const hash = headers.get('Hash');
    if (!previous)
        return { problem: 'it has no `--! Previous:` header', said: `Invalid committed migration '${path}': no 'Previous' comment`, line: 1 };
    if (!hash)
        return { problem: 'it has no `--! Hash:` header', said: `Invalid committed migration '${path}': no 'Hash' comment`, line: 1 };
    if (lines[count] !== '') {
        const said = lines[count] === '\r' ? 'it looks like the line endings have been corrupted' : 'there should be two newlines after the headers section';
        return { problem: 'its headers are not followed by an empty line', said: `Invalid migration '${path}': ${said}`, line: count + 1 };
    }
    const body = `${lines.slice(count).join('\n').trim()}\n`;
    const chained = previous === '-' ? null : previous;
    const signature = {
        hash,
        previous: chained,
        computed: graphileHash(body, chained),
        allowInvalidHash: headers.has('AllowInvalidHash'),
        noTransaction: /^--!\s*no-transaction\b/.test(body),
    };
    return { signature };
}
/** Whether runCommittedMigration refuses the migration: its body no longer matches its Hash, or it allows an invalid hash it does not have. */
function hashRefused(s) {
    return (s.computed === s.hash) === s.allowInvalidHash;
}
/** graphile-migrate's calculateHash: SHA-1 over the previous hash, a newline and the body, trimmed, plus a newline. */
function graphileHash(body, previous) {
    return `sha1:${(0,_checksum_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .hexDigest */ .w)('sha1', `${`${previous ?? ''}\n${body}`.trim()}\n`)}`;
}
/** A folder's committed migrations (not its current.sql) in graphile-migrate's order: by the number as written (`000010.sql` before `00009.sql`), not by its value. */
function committedOrder(folder) {
    return folder.filter((m) => m.scheme === 'graphile' && m.kind === 'versioned').sort((a, b) => (0,_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .compareText */ .n6)(`${a.version}.sql`, `${b.version}.sql`));
}
/**
 * Why graphile-migrate runs no migration of `folder` (its committed migrations, in its order), in its words: getAllMigrations
 * reads every file's headers, then checks each Previous against the Hash before it, and throws before it runs any; null if it runs them.
 */
function committedRefusal(folder) {
    const ordered = committedOrder(folder);
    for (const m of ordered) {
        const decoded = m.signature ? null : (0,_decode_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeSql */ .x)(m.bytes);
        const read = decoded?.ok ? readSignature(decoded.text, m.file) : null;
        if (read && 'said' in read)
            return read.said;
    }
    const signed = ordered.filter((m) => m.signature);
    for (const [i, m] of signed.entries()) {
        const before = signed[i - 1];
        const previous = m.signature.previous;
        if (previous === (before?.signature.hash ?? null))
            continue;
        const name = `${m.version}.sql`;
        return before
            ? `Previous migration with hash '${before.signature.hash}' doesn't match '${name}''s expected previous hash '${previous}'`
            : `Migration '${name}' expected a previous migration ('${previous}'), but no correctly ordered previous migration was found`;
    }
    return null;
}


/***/ }),

/***/ 4926:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ multiStatementPieces),
/* harmony export */   Z: () => (/* binding */ DEFAULT_MULTI_STATEMENT_MAX_SIZE),
/* harmony export */   e_: () => (/* binding */ oversizedPiece),
/* harmony export */   s8: () => (/* binding */ multiStatementCuts)
/* harmony export */ });
// golang-migrate with x-multi-statement=true in its database URL (golang-migrate/migrate database/postgres/postgres.go,
// Run): multistmt.Parse (database/multistmt/parse.go) cuts the file just after every `;` byte, found with bytes.Index,
// so in a $$ body, a string or a comment too, and runStatement sends each piece that is not blank as a query of its
// own, which PostgreSQL runs in an implicit transaction of its own. The pieces are cut from the text as filled in.
/** The pieces golang-migrate sends for `sql`, whose statements PostgreSQL reads as `statements`. */
function multiStatementPieces(sql, statements) {
    // The `;` that end statements: the first thing after each one's last token.
    const ends = new Set(statements.map((s) => s.end + (/^\s*/.exec(sql.slice(s.end))?.[0].length ?? 0)).filter((at) => sql[at] === ';'));
    const clean = (p) => (p.start === 0 || ends.has(p.start - 1)) && (sql[p.end - 1] !== ';' || ends.has(p.end - 1));
    // runStatement skips a piece that is only white space.
    return scanPieces(sql)
        .filter((p) => sql.slice(p.start, p.end).trim())
        .map((p) => ({ ...p, clean: clean(p) }));
}
/** golang-migrate's x-multi-statement-max-size when the URL sets none (postgres.go DefaultMultiStatementMaxSize, 10 MB). */
const DEFAULT_MULTI_STATEMENT_MAX_SIZE = 10 << 20;
/** multistmt.StartBufSize: the scanner's first buffer, which a smaller x-multi-statement-max-size does not shrink. */
const START_BUF_SIZE = 4096;
/**
 * The first piece golang-migrate cannot read with x-multi-statement-max-size `maxSize`. multistmt.Parse scans with a
 * bufio.Scanner whose buffer grows to the larger of the two sizes (Go's Scanner.Buffer); a piece that does not fit stops
 * Parse with bufio.ErrTooLong, after the pieces before it ran. A piece ending in `;` may fill the buffer; the last one
 * needs a byte to spare, as the scanner learns of the end of the file only on a read after it (the body is an io.Pipe).
 */
function oversizedPiece(sql, maxSize) {
    const room = Math.max(maxSize, START_BUF_SIZE);
    // A UTF-16 unit is at most 3 bytes of UTF-8: a file that short holds no piece too long, and needs no scan.
    if (sql.length * 3 < room)
        return null;
    for (const p of scanPieces(sql)) {
        const bytes = Buffer.byteLength(sql.slice(p.start, p.end));
        const needed = sql[p.end - 1] === ';' ? bytes : bytes + 1;
        if (needed > room)
            return { ...p, bytes, room, needed };
    }
    return null;
}
/** Every piece multistmt.Parse's scanner reads, blank ones too: up to and with each `;`, then the rest of the text. */
function scanPieces(sql) {
    const pieces = [];
    let start = 0;
    for (let at = sql.indexOf(';'); at !== -1; at = sql.indexOf(';', at + 1)) {
        pieces.push({ start, end: at + 1 });
        start = at + 1;
    }
    pieces.push({ start, end: sql.length });
    return pieces;
}
/** The queries golang-migrate sends, as statements of `sql`, where it cuts a statement apart; null where it sends the statements PostgreSQL reads. */
function multiStatementCuts(sql, parsed) {
    if (parsed.error)
        return null;
    const pieces = multiStatementPieces(sql, parsed.statements);
    if (pieces.every((p) => p.clean))
        return null;
    return pieces.flatMap((p) => {
        const held = parsed.statements.filter((s) => p.start <= s.start && s.start < p.end);
        // A clean piece is its statements, each its own query (CONCURRENTLY in it runs as under golang-migrate).
        if (p.clean)
            return held;
        const text = sql.slice(p.start, p.end);
        const at = p.start + (text.length - text.trimStart().length);
        const to = p.start + text.trimEnd().length;
        const { line, column } = parsed.lines.position(at);
        return [{ kind: 'MultiStatementPiece', node: {}, start: at, end: to, leading: '', line, column, endLine: parsed.lines.position(to - 1).line, text: sql.slice(at, to) }];
    });
}


/***/ }),

/***/ 6591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ unreadPlace),
/* harmony export */   HI: () => (/* binding */ readCodeName),
/* harmony export */   Px: () => (/* binding */ parseFileName),
/* harmony export */   R3: () => (/* binding */ scriptlessFolder),
/* harmony export */   Uc: () => (/* binding */ folderSqlFiles),
/* harmony export */   Z3: () => (/* binding */ readMigrationFolder),
/* harmony export */   b: () => (/* binding */ refusalReason),
/* harmony export */   l1: () => (/* binding */ parseRunnerFileName),
/* harmony export */   mD: () => (/* binding */ FOLDER_SQL_FILES),
/* harmony export */   po: () => (/* binding */ failsOnOtherFile),
/* harmony export */   z: () => (/* binding */ invalidName)
/* harmony export */ });
/* unused harmony exports refusedName, parseFolderName */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(914);
// Reads a version and a name out of a migration's file (or folder) name, per naming scheme.


/** Most specific first: a Flyway or up/down name would also look sequential. */
const FILE_PATTERNS = [
    {
        scheme: 'flyway',
        re: /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/,
        build: (m) => ({ scheme: 'flyway', kind: m[1] === 'U' ? 'undo' : 'versioned', version: m[2], name: m[3] }),
    },
    {
        scheme: 'flyway',
        re: /^R__(.+)\.sql$/,
        build: (m) => ({ scheme: 'flyway', kind: 'repeatable', version: '', name: m[1] }),
    },
    {
        scheme: 'up-down',
        re: /^(\d+)_(.+)\.(up|down)\.sql$/,
        build: (m) => ({ scheme: 'up-down', kind: 'versioned', version: m[1], name: m[2], direction: m[3] }),
    },
    {
        scheme: 'timestamp',
        re: /^(\d{14})[_-](.+)\.sql$/,
        build: (m) => ({ scheme: 'timestamp', kind: 'versioned', version: m[1], name: m[2] }),
    },
    {
        scheme: 'date',
        re: /^((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[_-](.+)\.sql$/,
        build: (m) => ({ scheme: 'date', kind: 'versioned', version: m[1], name: m[2] }),
    },
    {
        scheme: 'sequential',
        re: /^(\d+)[_-](.+)\.sql$/,
        build: (m) => ({ scheme: 'sequential', kind: 'versioned', version: m[1], name: m[2] }),
    },
    // graphile-migrate's committed files (its migrationFilename.ts): a bare number is a name only that runner takes.
    {
        scheme: 'graphile',
        re: /^(\d+)(?:-([-\w]*))?\.sql$/,
        build: (m) => ({ scheme: 'graphile', kind: 'versioned', version: m[1], name: m[2] ?? '' }),
        forcedOnly: true,
    },
];
/** Parses a .sql file name; null when it fits no scheme (or not the forced one). */
function parseFileName(base, forced) {
    for (const p of FILE_PATTERNS) {
        if (p.forcedOnly && forced !== p.scheme)
            continue;
        const m = base.match(p.re);
        if (!m)
            continue;
        const parsed = p.build(m);
        if (!forced || forced === parsed.scheme)
            return parsed;
        // A forced scheme reads names of its own kind only: a forced 'sequential' folder still accepts 20240101_x.sql.
        if (forced === 'sequential' && (parsed.scheme === 'date' || parsed.scheme === 'timestamp')) {
            return { ...parsed, scheme: 'sequential' };
        }
        if ((forced === 'dbmate' || forced === 'goose') && parsed.kind === 'versioned' && !parsed.direction) {
            return { ...parsed, scheme: forced };
        }
    }
    return null;
}
/** Text as Go's strconv.ParseInt and Rust's i64::from_str read it: the number, or why it is none (Go's words). */
function int64(text) {
    if (!/^[+-]?\d+$/.test(text))
        return 'invalid syntax';
    const n = BigInt(text);
    return n < 2n ** 63n && n >= -(2n ** 63n) ? n : 'value out of range';
}
/** A name that starts with digits, its version those digits (dbmate's migrationFileRegexp, node-pg-migrate's getNumericPrefix). */
function digitsFirst(base) {
    const m = /^(\d+)(.*)\.sql$/.exec(base);
    return m ? { version: m[1], name: m[2].replace(/^[_-]/, '') } : null;
}
/**
 * The runners that read a file name by a rule of their own, read in their source: sqlx (sqlx-core migrate/source.rs:
 * `splitn(2, '_')`, a description ending in `.sql`, else the file is skipped; a version that is no i64 is an error),
 * golang-migrate (source/parse.go `^([0-9]+)_(.*)\.(down|up)\.(.*)$`, a uint64; source/iofs skips what does not parse),
 * dbmate (`^(\d+).*\.sql$`, the leading digits its version; FindMigrations skips the rest), goose (NumericComponent:
 * an int64 before the first `_`, at least 1; collectMigrationsFS fails on any other .sql file), the Supabase CLI
 * (pkg/migration/file.go `^([0-9]+)_(.*)\.sql$`; ListLocalMigrations skips the rest with a warning) and node-pg-migrate
 * 9 (getMigrationFilePaths takes every file not starting with `.`, sorted by getNumericPrefix, which throws on a name
 * without leading digits, so loadMigrations fails).
 * graphile-migrate (getAllMigrations keeps the names current.ts VALID_FILE_REGEX takes, `^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$`:
 * FILE_PATTERNS' graphile one) skips the rest of its committed folder.
 * Each reads only the files directly in its folder: sqlx and golang-migrate's iofs skip directories, dbmate's
 * FindMigrations too, goose globs `<dir>/*.sql`, the Supabase CLI's ListLocalMigrations and node-pg-migrate's readdir
 * filter keep files only, and graphile-migrate reads no folder inside its committed one.
 */
const RUNNER_NAMES = {
    sqlx: {
        expected: '<version>_<description>.sql (or .up.sql and .down.sql)',
        command: 'sqlx migrate run',
        read(base) {
            const cut = base.indexOf('_');
            const rest = base.slice(cut + 1);
            if (cut < 0 || !rest.endsWith('.sql'))
                return { ignored: true };
            const head = base.slice(0, cut);
            if (typeof int64(head) !== 'bigint') {
                return { refused: `error parsing migration filename "${base}"; expected integer version prefix (e.g. \`01_foo.sql\`)` };
            }
            const direction = /\.(up|down)\.sql$/.exec(rest)?.[1];
            return { version: head.replace(/^\+/, ''), name: rest.slice(0, rest.length - (direction ? direction.length + 5 : 4)), ...(direction && { direction }) };
        },
    },
    'golang-migrate': {
        expected: '<version>_<name>.up.sql and <version>_<name>.down.sql',
        command: 'migrate up',
        read(base) {
            const m = /^([0-9]+)_(.*)\.(down|up)\.(.*)$/.exec(base);
            if (!m || BigInt(m[1]) >= 2n ** 64n)
                return { ignored: true };
            return { version: m[1], name: m[2], direction: m[3] };
        },
    },
    dbmate: {
        expected: '<version><anything>.sql, its leading digits the version',
        command: 'dbmate up',
        read: (base) => digitsFirst(base) ?? { ignored: true },
    },
    goose: {
        expected: '<version>_<name>.sql, its version a number from 1',
        command: 'goose up',
        read(base, path) {
            const cut = base.indexOf('_');
            const head = base.slice(0, cut);
            const n = int64(head);
            const problem = cut < 0
                ? "no filename separator '_' found"
                : typeof n !== 'bigint'
                    ? `failed to parse version from migration file: ${base}: strconv.ParseInt: parsing "${head}": ${n}`
                    : n < 1n
                        ? 'migration version must be greater than zero'
                        : null;
            if (problem)
                return { refused: `could not parse SQL migration file "${path}": ${problem}` };
            return { version: head.replace(/^\+/, ''), name: base.slice(cut + 1, -4) };
        },
    },
    supabase: {
        expected: '<version>_<name>.sql, its version only digits (such as a timestamp)',
        command: 'supabase db push',
        read(base) {
            const m = /^([0-9]+)_(.*)\.sql$/.exec(base);
            return m
                ? { version: m[1], name: m[2] }
                : { ignored: true, said: `Skipping migration ${base}... (file name must match pattern "<timestamp>_name.sql")` };
        },
    },
    'node-pg-migrate': {
        expected: '<version><anything>.sql, its leading digits the version',
        command: 'node-pg-migrate up',
        // Its default ignorePattern `^\..*` leaves out a hidden file; a .down.sql is a migration of its own to the default loader.
        read: (base) => base.startsWith('.')
            ? { ignored: true }
            : (digitsFirst(base) ?? { refused: `Error loading migration files: Cannot determine numeric prefix for "${base}"` }),
    },
    // dir.go LocalFile.Version and Desc: the text before the first `_` and after it, `.sql` trimmed; LocalDir.Files takes every
    // `*.sql` file directly in the folder, so no name is skipped or refused.
    atlas: {
        expected: '<version>_<name>.sql, such as the 14-digit time `atlas migrate new` gives',
        command: 'atlas migrate apply',
        read(base) {
            const stem = base.slice(0, -'.sql'.length);
            const cut = stem.indexOf('_');
            return cut < 0 ? { version: stem, name: '' } : { version: stem.slice(0, cut), name: stem.slice(cut + 1) };
        },
    },
    'graphile-migrate': {
        expected: 'NNNNNN.sql or NNNNNN-message.sql',
        command: 'graphile-migrate migrate',
        read(base) {
            const parsed = parseFileName(base, 'graphile');
            return parsed ? { version: parsed.version, name: parsed.name } : { ignored: true };
        },
    },
};
/** The names the other runners take, for the invalid-name advice; every scheme where the runner is not known. */
const EXPECTED = {
    flyway: 'V<version>__name.sql (U<version>__name.sql to undo one, R__name.sql for a repeatable one)',
    prisma: '<name>/migration.sql',
    diesel: '<version>_<name>/up.sql',
};
/**
 * Flyway's ResourceNameValidator on a .sql file in its location that no prefix reads: by default (validateMigrationNaming
 * false) it only logs, at INFO; with validateMigrationNaming true it fails, before it migrates.
 */
const FLYWAY_SKIPS = 'by default Flyway skips it, logging only "SQL migrations were detected but not run because they did not follow the filename convention", so it is never applied; ' +
    'with validateMigrationNaming=true, `flyway migrate` fails on it with "Invalid SQL filenames found", before it applies any migration';
const ANY_SCHEME = 'one of NNN_name.sql, YYYYMMDDHHMMSS_name.sql, V<version>__name.sql, R__name.sql, <version>_name.up.sql/.down.sql, or <version>_<name>/migration.sql';
/**
 * Parses a migration file's name (`base`, at `path`) as the preset's runner reads it, where the runner has a rule of its
 * own; else as parseFileName does. A forced scheme still decides which names the folder takes.
 */
function parseRunnerFileName(base, path, preset, forced) {
    const code = readCodeName(base, preset);
    const reading = code ?? RUNNER_NAMES[preset]?.read(base, path);
    // A code migration's name fits a scheme as the same name ending in .sql would.
    const fits = parseFileName(code ? `${base.slice(0, base.length - node_path__WEBPACK_IMPORTED_MODULE_0__.posix.extname(base).length)}.sql` : base, forced);
    if (!reading || !('version' in reading))
        return reading ?? fits;
    if (forced && !fits)
        return null;
    // The scheme tells dates from timestamps in the version order; the runner's reading gives the version and the direction.
    const scheme = reading.direction ? 'up-down' : fits && fits.scheme !== 'up-down' ? fits.scheme : 'sequential';
    return { scheme, kind: 'versioned', ...reading };
}
/**
 * The invalid-name finding for `rel` in `folder`: a name the preset's runner skips or refuses, or a file where it never looks
 * (`problem`), or a name no scheme takes.
 */
function invalidName(rel, folder, named, preset, problem) {
    const runner = RUNNER_NAMES[preset];
    const who = _config_presets_js__WEBPACK_IMPORTED_MODULE_1__/* .PRESET_TABLE */ .rv[preset].runner.name;
    const expected = named === 'graphile' ? RUNNER_NAMES['graphile-migrate'].expected : (runner?.expected ?? EXPECTED[preset] ?? ANY_SCHEME);
    if (problem && 'unread' in problem) {
        const where = problem.unread === 'subfolder' ? `in a subfolder, and ${who} reads only the files directly in ${folder}` : `directly in ${folder}, and ${who} reads only the folders in it`;
        return { message: `${rel} is ${where}: it is never applied`, suggestion: `make it ${folder}/${expected}, or move it out of ${folder}` };
    }
    const suggestion = `rename it to ${expected}, or move it out of ${folder}`;
    if (problem && 'refused' in problem)
        return { message: refusedName(rel, preset, problem.refused), suggestion };
    if (problem?.said)
        return { message: `${rel} is not a migration name to ${who} (${expected}): \`${runner.command}\` skips it with "${problem.said}", so it is never applied`, suggestion };
    if (problem)
        return { message: `${rel} is not a migration name to ${who} (${expected}), so ${who} ignores it: it is never applied`, suggestion };
    if (preset === 'flyway')
        return { message: `${rel} is not a migration name to Flyway (${expected}): ${FLYWAY_SKIPS}`, suggestion };
    // Roundcube-style `2018021600.sql`: a name some runners read, which the gate reads as they do once told which runner.
    const bare = preset === 'generic' && !named && /^\d+\.sql$/.test(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(rel));
    return {
        message: `${rel} fits no migration naming scheme${named ? ` (this folder is configured as ${named})` : ''}, so a runner would skip or reject it`,
        suggestion: bare ? `${suggestion}; if your runner reads a bare version (dbmate, node-pg-migrate and graphile-migrate do), set its preset (--preset or \`preset:\` in .migration-gate.yml)` : suggestion,
    };
}
/**
 * diesel (diesel_migrations FileBasedMigrations::from_path) takes every folder whose name does not start with `.` for a
 * migration, of any name, and fails on one without up.sql (valid_sql_migration_directory) with this message, while it
 * lists them, before it runs any.
 */
const DIESEL = {
    command: 'diesel migration run',
    refused: "Invalid migration directory, the directory's name should be <timestamp>_<name_of_migration>, and it should only contain up.sql and down.sql.",
};
/** Why the preset's runner applies none of a folder's migrations, for `refusal`: its own reason, else the name it refuses. */
function refusalReason(refusal, preset) {
    return refusal.reason ?? refusedName(refusal.file, preset, refusal.refused);
}
/**
 * Why the preset's runner applies nothing: `name` is a file name it refuses, with its message `refused`; under diesel,
 * which reads any name, a folder without up.sql.
 */
function refusedName(name, preset, refused) {
    const [what, command] = preset === 'diesel'
        ? [`${name}/ holds no up.sql, and diesel refuses it`, DIESEL.command]
        : [`${name} is a name ${_config_presets_js__WEBPACK_IMPORTED_MODULE_1__/* .PRESET_TABLE */ .rv[preset].runner.name} refuses`, RUNNER_NAMES[preset].command];
    return `${what}: \`${command}\` fails on it with "${refused}", before it applies any migration`;
}
/**
 * Where in its folder the preset's runner never looks: the runners with a naming rule of their own (RUNNER_NAMES) read
 * only the files directly in it, Prisma and diesel only the folders in it (listMigrations keeps directories,
 * migrations_internals::migrations_directories skips files); null where the runner is unknown or reads both.
 */
function unreadPlace(preset) {
    return RUNNER_NAMES[preset] ? 'subfolder' : preset === 'prisma' || preset === 'diesel' || preset === 'drizzle' ? 'file' : null;
}
/** The file a folder-per-migration keeps its SQL in: Prisma's migration.sql or diesel's up.sql. */
const FOLDER_SQL_FILES = ['migration.sql', 'up.sql'];
/**
 * Whether the runner loads a file of its folder that is no .sql file and fails on its name: node-pg-migrate takes every
 * file not starting with `.` (a README.md too) and throws on one without a numeric prefix before it runs anything. Its
 * numbered JS or TS migrations it runs (readCodeName).
 */
function failsOnOtherFile(name, preset) {
    return preset === 'node-pg-migrate' && !name.endsWith('.sql') && !name.startsWith('.') && !/^\d/.test(name);
}
/**
 * A migration written in code that the preset's runner takes from its folder, its version and name as the runner reads
 * them; null for any other file, and under the other presets. goose (migrate.go collectGoMigrations, provider_collect.go
 * collectFilesystemSources) takes a `.go` file whose NumericComponent reads (an int64 from 1 before the first `_`) and skips
 * `_test.go` files and any other `.go` file (a helpers.go). node-pg-migrate's loadMigrations imports every file of its folder
 * that is no .sql file: its JavaScript and TypeScript migrations, known by their leading digits (getNumericPrefix).
 */
function readCodeName(base, preset) {
    if (preset === 'goose') {
        const m = /^([^_]*)_(.*)\.go$/.exec(base);
        const n = m && !base.endsWith('_test.go') ? int64(m[1]) : null;
        return typeof n === 'bigint' && n >= 1n ? { version: m[1].replace(/^\+/, ''), name: m[2], language: 'go' } : null;
    }
    if (preset !== 'node-pg-migrate')
        return null;
    const m = /^(\d+)(.*)\.([cm]?)([jt])s$/.exec(base);
    return m ? { version: m[1], name: m[2].replace(/^[_-]/, ''), language: m[4] === 't' ? 'typescript' : 'javascript' } : null;
}
/** The one a folder-per-migration runner runs (Prisma and drizzle only migration.sql, diesel only up.sql); either where the runner is unknown. */
function folderSqlFiles(preset) {
    return preset === 'prisma' || preset === 'drizzle' ? ['migration.sql'] : preset === 'diesel' ? ['up.sql'] : FOLDER_SQL_FILES;
}
/**
 * What the preset's runner does with subfolder `dir` of `folder` that holds none of its SQL files, and where it refuses
 * it: Prisma takes it for a migration and stops at it (listMigrations.ts reads its migration.sql; apply_migrations fails
 * there), diesel refuses the whole folder (FileBasedMigrations::from_path), unless its name starts with `.`; null where
 * the runner reads no folders as migrations.
 */
function scriptlessFolder(dir, folder, preset) {
    if (preset !== 'prisma' && (preset !== 'diesel' || node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(dir).startsWith('.')))
        return null;
    const missing = folderSqlFiles(preset)[0];
    const refusal = { folder, file: dir, missing, fix: `add its ${missing}, or move the folder out of ${folder}` };
    if (preset === 'diesel')
        return { message: refusedName(dir, preset, DIESEL.refused), refusal: { ...refusal, refused: DIESEL.refused } };
    return {
        message: `${dir}/ holds no ${missing}: Prisma takes every folder in ${folder}/ for a migration, fails to read this one's script, and \`prisma migrate deploy\` stops there`,
        // The schema engine's ReadMigrationScriptError (apply_migrations), after the migrations before it are applied.
        refusal: { ...refusal, refused: 'Failed to read migration script', stops: true },
    };
}
/**
 * Parses a folder-per-migration name: `20240101120000_init` (Prisma), `2024-01-01-120000_init` (diesel) or
 * `2024-01-01-120000-0000_init` (diesel_cli 2.2+ adds a sub-version); the version without its dashes, as diesel reads it.
 */
function parseFolderName(dir) {
    const m = dir.match(/^(\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{4})?|\d+)_(.+)$/);
    if (!m)
        return null;
    return { scheme: 'folder', kind: 'versioned', version: m[1].replace(/-/g, ''), name: m[2] };
}
/**
 * A folder-per-migration (`dir/file`) as the preset's runner reads it, or why it does not. Prisma runs every folder that
 * holds migration.sql whatever its name, known by that whole name (listMigrations.ts), so a folder without a leading
 * version is a migration too, its name its version. diesel takes any name not starting with `.` (it skips those): its
 * version is the text before the first `_` (all of it without one), dashes removed (migrations_internals::version_from_string).
 */
function readMigrationFolder(dir, file, preset) {
    if (preset === 'diesel') {
        if (dir.startsWith('.'))
            return { ignored: true };
        const cut = dir.indexOf('_');
        return { scheme: 'folder', kind: 'versioned', version: (cut < 0 ? dir : dir.slice(0, cut)).replace(/-/g, ''), name: cut < 0 ? '' : dir.slice(cut + 1) };
    }
    const parsed = parseFolderName(dir);
    if (parsed || preset !== 'prisma' || file !== 'migration.sql')
        return parsed;
    return { scheme: 'folder', kind: 'versioned', version: dir, name: dir };
}


/***/ }),

/***/ 3983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ supabaseNoTransaction),
/* harmony export */   VX: () => (/* binding */ upSection),
/* harmony export */   at: () => (/* binding */ sqlxNoTransaction),
/* harmony export */   f0: () => (/* binding */ npmDownWithoutUp),
/* harmony export */   gj: () => (/* binding */ runsUnderDbmate),
/* harmony export */   il: () => (/* binding */ readDbmate)
/* harmony export */ });
/* unused harmony export dbmateTransaction */
/* harmony import */ var _goose_split_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2701);
// Up/down sections inside one file (dbmate, goose, node-pg-migrate): only the up part is the migration. Each tool's
// markers are found as that tool finds them: dbmate's regexps (pkg/dbmate/migration.go, Go syntax, 2.29+), goose's
// annotations (goose-split.ts), node-pg-migrate's regexp (src/sqlMigration.ts).

// Go's regexp: `\s` is these four and the space only, `(?m)^` is the text's start or just after `\n`, `$` just before
// `\n` or the text's end (a `\r` is no line end to it).
const GO_SPACE = '[\\t\\n\\f\\r ]';
const GO_WORD = '[^\\t\\n\\f\\r ]+';
const goMarker = (direction) => new RegExp(`(?<=^|\\n)--${GO_SPACE}*migrate:${direction}(?:${GO_SPACE}*(?=\\n|$)|${GO_SPACE}+${GO_WORD})`, 'g');
const DBMATE_UP = goMarker('up');
const DBMATE_DOWN = goMarker('down');
/** isEmptyLine or isCommentLine: a line dbmate lets stand above `-- migrate:up`. */
const GO_BLANK_OR_COMMENT = new RegExp(`^${GO_SPACE}*(?:--|$)`);
/** Go's strings.TrimSpace trims unicode.IsSpace: U+0085 is one, the BOM is none (unlike JavaScript's trim). */
const GO_TRIM = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
// dbmate's errors (2.0.0+, pkg/dbmate/migration.go); ErrParseWrongOrder ("dbmate requires '-- migrate:up' to appear
// before '-- migrate:down'") cannot happen from 2.29 on, where SQL of a down section above the up one is refused first.
const MISSING_UP = "dbmate requires each migration to define an up block with '-- migrate:up'";
const MISSING_DOWN = "dbmate requires each migration to define a down block with '-- migrate:down'";
const UNEXPECTED_STMT = "dbmate does not support statements preceding the '-- migrate:up' block";
/** Whether dbmate runs `migration`: under its preset, or under generic for a file with dbmate's markers. */
function runsUnderDbmate(migration, preset) {
    return preset === 'dbmate' || (preset === 'generic' && migration.scheme === 'dbmate');
}
/**
 * `text` (the file as dbmate reads it: a BOM kept) cut as dbmate 2.29+ cuts it (parseMigrationContents): a section
 * from each `-- migrate:up` to the next, or why dbmate refuses the file, in the order dbmate checks.
 */
function readDbmate(text) {
    const ups = markersOf(DBMATE_UP, 'migrate:up', text);
    if (ups.length === 0)
        return { sections: [], error: { kind: 'no-up', at: 0, message: MISSING_UP } };
    const downs = markersOf(DBMATE_DOWN, 'migrate:down', text);
    const sections = ups.map((up, i) => {
        const end = ups[i + 1]?.start ?? text.length;
        const options = text.slice(up.keywordEnd, lineEnd(text, up.start));
        return { up, downs: downs.filter((d) => d.start > up.start && d.start < end), end, options, transaction: dbmateTransaction(options) };
    });
    const refused = (kind, at, message) => ({ sections, error: { kind, at, message } });
    const stray = statementBefore(text, ups[0].start);
    if (stray !== null)
        return refused('sql-before-up', stray, UNEXPECTED_STMT);
    // dbmate says "missing up" for a second down in a section: it takes that down for one whose up is missing.
    const twice = sections.find((s) => s.downs.length > 1);
    if (twice)
        return refused('several-downs', twice.downs[1].start, MISSING_UP);
    const downless = sections.find((s) => s.downs.length === 0);
    if (downless)
        return refused('no-down', downless.up.start, MISSING_DOWN);
    return { sections, error: null };
}
/**
 * dbmate's parseMigrationOptions on the rest of a marker line: split at white space, each `key:value` word (one `:`
 * exactly) an option, the last one winning; Transaction() is false only for `transaction:false`, written so.
 */
function dbmateTransaction(options) {
    const trimmed = options.replace(GO_TRIM, '');
    let transaction;
    for (const word of trimmed ? trimmed.split(new RegExp(`${GO_SPACE}+`)) : []) {
        const pair = word.split(':');
        if (pair.length === 2 && pair[0] === 'transaction')
            transaction = pair[1];
    }
    return transaction !== 'false';
}
/** statementsPrecedeMigrateBlocks: the first line before `upStart` that is neither blank nor a `--` comment (indented or not). */
function statementBefore(text, upStart) {
    let at = 0;
    for (const line of text.slice(0, upStart).split('\n')) {
        if (!GO_BLANK_OR_COMMENT.test(line))
            return at;
        at += line.length + 1;
    }
    return null;
}
function markersOf(marker, keyword, text) {
    return [...text.matchAll(marker)].map((m) => ({ start: m.index, keywordEnd: m.index + m[0].indexOf(keyword) + keyword.length }));
}
function lineEnd(text, from) {
    const eol = text.indexOf('\n', from);
    return eol === -1 ? text.length : eol;
}
// node-pg-migrate's own regexp (createMigrationCommentRegex): any case, white space or more dashes around, anything after.
const npmMarker = (direction) => new RegExp(`^\\s*--[\\s-]*${direction}\\s+migration`, 'im');
const NPM_UP = npmMarker('up');
const NPM_DOWN = npmMarker('down');
/** Where node-pg-migrate's down marker starts in a file that has no up marker, whose whole text it then runs on up; null otherwise. */
function npmDownWithoutUp(text) {
    if (NPM_UP.test(text))
        return null;
    const down = NPM_DOWN.exec(text);
    return down ? down.index + down[0].length - down[0].trimStart().length : null;
}
const MARKERS = [
    {
        tool: 'dbmate',
        find: (text) => {
            // A plain search first: the marker regexp tries every line start of every file.
            if (!text.includes('migrate:up'))
                return null;
            const [first] = readDbmate(text).sections;
            return first ? { up: first.up.keywordEnd, end: first.downs[0]?.start ?? first.end, optsOut: !first.transaction } : null;
        },
    },
    {
        tool: 'goose',
        find: (text) => {
            const found = (0,_goose_split_js__WEBPACK_IMPORTED_MODULE_0__/* .gooseMarkers */ .vw)(text);
            return found && { up: found.up.start, end: found.down?.start ?? text.length, optsOut: found.noTransaction };
        },
    },
    {
        tool: 'node-pg-migrate',
        find: (text) => {
            // getActions: the up SQL runs from its marker to the down marker if that comes after it, else to the end; what is above it never runs.
            const up = NPM_UP.exec(text);
            if (!up)
                return null;
            const down = text.search(NPM_DOWN);
            return { up: up.index + up[0].length, end: down > up.index ? down : text.length, optsOut: false };
        },
    },
];
/**
 * The up section of a file as `preset`'s runner cuts it: by its own markers only (the others' are comments it runs
 * through, down section and all), or by any tool's under the generic preset, which does not know the runner.
 */
function upSection(text, preset) {
    for (const { tool, find } of MARKERS) {
        if (preset !== 'generic' && preset !== tool)
            continue;
        const found = find(text);
        if (!found)
            continue;
        const eol = text.indexOf('\n', found.up);
        const bodyStart = eol === -1 ? text.length : eol + 1;
        return {
            tool,
            sql: text.slice(bodyStart, Math.max(bodyStart, found.end)),
            lineOffset: countLines(text, bodyStart),
            transactional: found.optsOut ? false : null,
        };
    }
    return { tool: null, sql: text, lineOffset: 0, transactional: null };
}
function countLines(text, end) {
    let n = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1))
        n++;
    return n;
}
const PG_DELTA_NO_TRANSACTION = '-- pg-delta: transaction=false';
/**
 * The Supabase CLI's test (legacyParseMigrationContent): a first line of exactly `-- pg-delta: transaction=false`, after
 * a BOM and before LF or CRLF, runs the file statement by statement outside a transaction; anywhere else it is a comment.
 */
function supabaseNoTransaction(text) {
    const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0];
    return (first.endsWith('\r') ? first.slice(0, -1) : first) === PG_DELTA_NO_TRANSACTION;
}
const SQLX_NO_TRANSACTION = Buffer.from('-- no-transaction');
/** sqlx's test, on the file's bytes as it reads them (a BOM kept): `sql.starts_with("-- no-transaction")` runs it outside a transaction. */
function sqlxNoTransaction(bytes) {
    return bytes.subarray(0, SQLX_NO_TRANSACTION.length).equals(SQLX_NO_TRANSACTION);
}


/***/ }),

/***/ 4677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ SQITCH_PLAN),
/* harmony export */   m: () => (/* binding */ readPlan)
/* harmony export */ });
/* harmony import */ var _checksum_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7807);
// Sqitch's plan, sqitch.plan in the project's top folder: the changes `sqitch deploy` runs, in its order, each known by
// the change ID Sqitch computes from its plan entry and its parent's ID (App::Sqitch::Plan::Change info/id), with the
// tags that follow it, each known by the tag ID computed from its own line and that change's ID (Plan::Tag info/id).

/** The file Sqitch reads its plan from, in the project's top folder (core.plan_file, by default). */
const SQITCH_PLAN = 'sqitch.plan';
// Perl's classes on the decoded (Unicode) plan text, which JavaScript's \s, \w and \b do not match.
const BLANK = '\\t \\xA0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const SPACE = `${BLANK}\\n\\x0B\\f\\r\\x85\\u2028\\u2029`;
const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
// Plan.pm's $punct: [:punct:] without `_`.
const PUNCT = '\\-!"#$%&\'()*+,./:;<=>?@\\[\\\\\\]\\^`{|}~';
// Plan.pm's $name_re.
const NAME = `(?![${PUNCT}])(?:(?![~/=%^]\\p{Nd}+(?:$|[${BLANK}]))[^${BLANK}:@#\\\\])+(?<![${PUNCT}])${BOUNDARY}`;
const TIMESTAMP = '(?<yr>\\p{Nd}{4})-(?<mo>\\p{Nd}{2})-(?<dy>\\p{Nd}{2})T(?<hr>\\p{Nd}{2}):(?<mi>\\p{Nd}{2}):(?<sc>\\p{Nd}{2})Z';
const re = (source) => new RegExp(source, 'su');
const BLANK_LINE = re(`^[${BLANK}]*(?:#[${BLANK}]*(?<note>.+)|$)`);
const INLINE_NOTE = re(`[${BLANK}]*(?:#[${BLANK}]*(?<note>.*))?$`);
const PRAGMA = re(`^(?:[${BLANK}]*)?%(?:[${BLANK}]*)?(?<name>[^${PUNCT}](?:[^${BLANK}=]*?[^${PUNCT}${BLANK}])?)(?:[${BLANK}]*=[${BLANK}]*(?<value>.+))?$`);
const IS_TAG = re(`^[${BLANK}]*@`);
const ENTRY = re(`^(?:[${BLANK}]*)?(?:@|[${BLANK}]*[+-][${BLANK}]*)?(?<name>${NAME})(?:[${BLANK}]+)?` +
    `(?:\\[(?<dependencies>[^\\]]+)\\][${BLANK}]*)?(?:${TIMESTAMP}[${BLANK}]*)?` +
    `(?:(?<plannerName>[^<]+)[${BLANK}]+<(?<plannerEmail>[^>]+)>)?$`);
const ANY_TIMESTAMP = re(TIMESTAMP);
const ASCII_TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/;
const DEPENDENCY = re(`^(?<bang>!?)(?:(?<project>${NAME}):)?(?:(?<id>[0-9a-f]{40})|(?<change>${NAME})(?:@(?<tag>${NAME}))?|(?:@(?<onlyTag>${NAME}))?)$`);
const NAME_ONLY = re(`^${NAME}$`);
const DEPENDENCY_SPLIT = re(`[${BLANK}]+`);
const LEADING_SPACE = re(`^[${SPACE}]+`);
const TRAILING_SPACE = re(`[${SPACE}]+$`);
const MERGE_MARKER = /^(?:<{7}|\|{7}|={7}|>{7})(?: |$)/;
const INVALID_NAME = 'Invalid name; names must not begin with punctuation, contain "@", ":", "#", "\\", or blanks, or end in punctuation or digits following punctuation';
/** Raised for what `hurl parse` (or a Perl die on the way) stops Sqitch with. */
class Refusal {
    problem;
    line;
    constructor(problem, line) {
        this.problem = problem;
        this.line = line;
    }
}
const syntaxError = (line, error) => new Refusal(`Syntax error in ${SQITCH_PLAN} at line ${line}: ${error}`, line);
/** Perl's truth of a captured string: undefined, '' and '0' are false (Sqitch tests names, notes and pragmas so). */
const truthy = (s) => s !== undefined && s !== '' && s !== '0';
/**
 * Reads a plan as App::Sqitch::Plan::_parse does, with its checks (syntax, reserved and duplicate names, dependency
 * order); `exists` says whether a path inside the deploy folder exists (`users@v1.0.sql`, `a/b.sql`), which picks a
 * reworked change's script.
 */
function readPlan(text, exists) {
    try {
        return { plan: parse(text, exists) };
    }
    catch (err) {
        if (!(err instanceof Refusal))
            throw err;
        return { problem: withMergeMarker(err, text), line: err.line };
    }
}
function withMergeMarker(refusal, text) {
    const marker = linesOf(text)[refusal.line - 1];
    if (marker === undefined || !MERGE_MARKER.test(marker))
        return refusal.problem;
    return `${refusal.problem}\nLine ${refusal.line} is a git merge-conflict marker (${marker}): resolve the merge in ${SQITCH_PLAN} before Sqitch can read it`;
}
/** The lines as Perl's getline and `s/\r?\n\z//` give them, which end at a last line `0` with no newline (false in Perl). */
function linesOf(text) {
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === '' || lines.at(-1) === '0')
        lines.pop();
    return lines;
}
function parse(text, exists) {
    const lines = linesOf(text);
    let at = 0;
    const pragmas = new Map();
    for (; at < lines.length; at++) {
        const line = lines[at];
        const blank = BLANK_LINE.exec(line);
        if (blank) {
            if (truthy(noteOf(blank.groups.note)))
                continue;
            at++;
            break;
        }
        const pragma = PRAGMA.exec(line.slice(0, INLINE_NOTE.exec(line).index));
        if (!pragma)
            throw syntaxError(at + 1, 'Invalid pragma; a blank line must come between pragmas and changes');
        const { name, value } = pragma.groups;
        if (name === 'project' && !NAME_ONLY.test(value ?? '')) {
            throw syntaxError(at + 1, `invalid project name "${value ?? ''}": project names must not begin with punctuation, contain "@", ":", "#", "\\", or blanks, or end in punctuation or digits following punctuation`);
        }
        pragmas.set(name, value ?? '1');
    }
    const project = pragmas.get('project');
    if (!truthy(project))
        throw new Refusal(`Missing %project pragma in ${SQITCH_PLAN}`, 1);
    const checked = [];
    let section = [];
    const lineOf = new Map();
    const sectionLineOf = new Map();
    const named = new Map();
    let previous;
    // Plan.pm check_changes runs at each tag, on the changes since the last one.
    const closeSection = () => {
        checkOrder(project, lineOf, section);
        for (const entry of section)
            checked.push(entry);
        section = [];
    };
    for (; at < lines.length; at++) {
        const lineNo = at + 1;
        const full = lines[at];
        if (BLANK_LINE.test(full))
            continue;
        const inline = INLINE_NOTE.exec(full);
        const line = full.slice(0, inline.index);
        const isTag = IS_TAG.test(line);
        const g = ENTRY.exec(line)?.groups ?? {};
        const name = g.name;
        if (!truthy(name) || (g.yr === undefined && ANY_TIMESTAMP.test(line)))
            throw syntaxError(lineNo, INVALID_NAME);
        if (g.yr === undefined && !truthy(g.plannerName))
            throw syntaxError(lineNo, 'Missing timestamp and planner name and email');
        if (g.yr === undefined)
            throw syntaxError(lineNo, 'Missing timestamp');
        if (!truthy(g.plannerName))
            throw syntaxError(lineNo, 'Missing planner name and email');
        if (name === 'ROOT' || name === 'HEAD')
            throw syntaxError(lineNo, `"${isTag ? '@' : ''}${name}" is a reserved name`);
        if (/^[0-9a-f]{40}/.test(name))
            throw syntaxError(lineNo, `"${name}" is invalid because it could be confused with a SHA1 ID`);
        const plannedAt = timestamp(g, lineNo);
        if (isTag) {
            if (name.includes('/'))
                throw syntaxError(lineNo, `Tag "${name}" contains illegal character /`);
            if (!previous)
                throw syntaxError(lineNo, `Tag "${name}" declared without a preceding change`);
            const earlier = lineOf.get(`@${name}`);
            if (earlier)
                throw syntaxError(lineNo, `Tag "${name}" duplicates earlier declaration on line ${earlier}`);
            if (truthy(g.dependencies))
                throw syntaxError(lineNo, 'Tags may not specify dependencies');
            closeSection();
            previous.tags.push({ name, note: noteOf(inline.groups.note), plannerName: g.plannerName, plannerEmail: g.plannerEmail, plannedAt });
            for (const [key, n] of sectionLineOf)
                lineOf.set(key, n);
            lineOf.set(`@${name}`, lineNo);
            sectionLineOf.clear();
            continue;
        }
        const earlier = sectionLineOf.get(name);
        if (earlier)
            throw syntaxError(lineNo, `Change "${name}" duplicates earlier declaration on line ${earlier}`);
        const entry = {
            name,
            line: lineNo,
            requires: [],
            conflicts: [],
            plannerName: g.plannerName,
            plannerEmail: g.plannerEmail,
            plannedAt,
            note: noteOf(inline.groups.note),
            tags: [],
            reworkTags: [],
        };
        readDependencies(g.dependencies, entry, lineNo);
        sectionLineOf.set(name, lineNo);
        section.push(entry);
        previous = entry;
        const reworked = named.get(name);
        if (reworked) {
            // Plan.pm: the tags between the reworked change and here, latest first, then its own.
            for (let i = checked.length - 1; checked[i] !== reworked; i--)
                reworked.reworkTags.push(...checked[i].tags.map((t) => t.name));
            reworked.reworkTags.push(...reworked.tags.map((t) => t.name));
        }
        named.set(name, entry);
    }
    closeSection();
    refuseBareIds(checked);
    const uri = truthy(pragmas.get('uri')) ? canonicalUri(pragmas.get('uri')) : undefined;
    let parent;
    const changes = checked.map((entry, index) => {
        const requires = entry.requires.map((d) => dependencyString(d, project));
        const conflicts = entry.conflicts.map((d) => dependencyString(d, project));
        const id = changeId(project, uri, entry, parent, requires, conflicts);
        parent = id;
        const { name, line, plannerName, plannerEmail, plannedAt, note } = entry;
        const tags = entry.tags.map((t) => ({ ...t, id: tagId(project, uri, t, id) }));
        return { name, line, index, id, requires, conflicts, plannerName, plannerEmail, plannedAt, note, tags, script: scriptOf(entry, exists) };
    });
    return { project, ...(uri === undefined ? {} : { uri }), changes };
}
/** Line.pm BUILDARGS: a note is trimmed, then its `\n`, `\r` and `\\` escapes are undone. */
function noteOf(raw) {
    if (!truthy(raw))
        return raw ?? '';
    const trimmed = raw.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
    return trimmed.replace(/\\([\\nr])/g, (_, c) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}
/** DateTime->new's checks on the plan's timestamp: Sqitch dies with DateTime's message for an impossible one. */
function timestamp(g, lineNo) {
    const { yr, mo, dy, hr, mi, sc } = g;
    const stamp = `${yr}-${mo}-${dy}T${hr}:${mi}:${sc}Z`;
    // The usual, valid stamp in one test; the checks after it only name what is wrong.
    if (ASCII_TIMESTAMP.test(stamp) && +mo >= 1 && +mo <= 12 && +dy >= 1 && +dy <= 28 && +hr <= 23 && +mi <= 59 && +sc <= 59)
        return stamp;
    const where = ` in ${SQITCH_PLAN} at line ${lineNo}`;
    const ranges = [
        ['Year', yr, 0, 9999],
        ['Month', mo, 1, 12],
        ['DayOfMonth', dy, 1, 31],
        ['Hour', hr, 0, 23],
        ['Minute', mi, 0, 59],
        ['Second', sc, 0, 61],
    ];
    for (const [type, value, min, max] of ranges) {
        if (!/^[0-9]+$/.test(value))
            throw new Refusal(`Validation failed for type named ${type} with value "${value}"${where}`, lineNo);
        if (+value < min || +value > max)
            throw new Refusal(`Validation failed for type named ${type} with value ${value}${where}`, lineNo);
    }
    const leap = +yr % 4 === 0 && (+yr % 100 !== 0 || +yr % 400 === 0);
    const monthLength = +mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(+mo) ? 30 : 31;
    if (+dy > monthLength)
        throw new Refusal(`Invalid day of month (day = ${dy} - month = ${mo} - year = ${yr})${where}`, lineNo);
    // A leap second is valid only at the instants the IERS inserted one; Sqitch never plans one.
    if (+sc > 59)
        throw new Refusal(`Invalid second value (${sc})${where}`, lineNo);
    return stamp;
}
function readDependencies(list, entry, lineNo) {
    if (!truthy(list))
        return;
    const seen = new Set();
    // Perl's split drops trailing empty fields but keeps a leading one (`[ a]`), which no Depend can be made from.
    const strings = list.split(DEPENDENCY_SPLIT);
    while (strings.at(-1) === '')
        strings.pop();
    for (const spec of strings) {
        const m = DEPENDENCY.exec(spec);
        if (!m)
            throw syntaxError(lineNo, `"${spec}" is not a valid dependency specification`);
        const { bang, project, id, change, tag, onlyTag } = m.groups;
        if (change === undefined && (tag ?? onlyTag) === undefined && !truthy(id)) {
            throw new Refusal(`Depend object must have either "change", "tag", or "id" defined (dependency "${spec}" in ${SQITCH_PLAN} at line ${lineNo})`, lineNo);
        }
        if (seen.has(spec))
            throw syntaxError(lineNo, `Duplicate dependency "${spec}"`);
        seen.add(spec);
        (bang ? entry.conflicts : entry.requires).push({ project, id, change, tag: tag ?? onlyTag });
    }
}
/**
 * Depend as_string looks a bare change ID up in the plan, whose lookup table needs every change's ID, this one's too:
 * Sqitch 1.3.1 recurses without end (`sqitch plan` and `sqitch deploy` hung, warning "Deep recursion"): no ID to match.
 */
function refuseBareIds(changes) {
    for (const change of changes) {
        const bare = [...change.requires, ...change.conflicts].find((d) => d.id !== undefined && d.project === undefined);
        if (bare) {
            throw new Refusal(`Change "${change.name}" depends on "${bare.id}", a change ID without its project: Sqitch recurses without end computing the plan's change IDs (\`sqitch deploy\` hangs); write it as "project:${bare.id}" or by the change's name`, change.line);
        }
    }
}
/** Depend key_name: `change`, `change@tag`, `@tag`, or the ID. */
function keyName(d) {
    const key = (d.change ?? '') + (d.tag === undefined ? '' : `@${d.tag}`);
    return key === '' ? (d.id ?? '') : key;
}
/** Depend as_string: the key, `project:`-qualified only for another project. */
function dependencyString(d, project) {
    return d.project !== undefined && d.project !== project ? `${d.project}:${keyName(d)}` : keyName(d);
}
/** Plan.pm check_changes over the changes since the last tag, `seen` holding the earlier ones' and tags' lines. */
function checkOrder(project, seen, section) {
    const position = new Map();
    const invalid = [];
    section.forEach((change, i) => {
        const bad = [];
        for (const dep of change.requires) {
            // Other projects' changes, and bare IDs (which may be anyone's), are not in this plan to check.
            if (dep.project !== undefined ? dep.project !== project : dep.id !== undefined)
                continue;
            const key = keyName(dep);
            if (/.@/.test(key)) {
                const [name, tag] = [key.slice(0, key.indexOf('@')), key.slice(key.indexOf('@') + 1)];
                const tagAt = seen.get(`@${tag}`);
                const changeAt = seen.get(name);
                if (tagAt && changeAt && changeAt < tagAt)
                    continue;
            }
            else if (seen.has(key) || position.has(key))
                continue;
            bad.push(key);
        }
        position.set(change.name, i + 1);
        if (bad.length)
            invalid.push([change, bad]);
    });
    if (!invalid.length)
        return;
    const errors = [];
    for (const [change, bad] of invalid) {
        let maxDelta = 0;
        for (const dep of bad) {
            const pos = position.get(dep);
            if (dep === change.name)
                errors.push(`Change "${dep}" cannot require itself`);
            else if (pos) {
                const delta = pos - position.get(change.name);
                maxDelta = Math.max(maxDelta, delta);
                errors.push(`Change "${change.name}" planned ${delta} ${delta === 1 ? 'change' : 'changes'} before required change "${dep}"`);
            }
            else
                errors.push(`Unknown change "${dep}" required by change "${change.name}"`);
        }
        if (maxDelta) {
            errors[errors.length - 1] += `\n    HINT: move "${change.name}" down ${maxDelta} ${maxDelta === 1 ? 'line' : 'lines'} in ${SQITCH_PLAN}`;
        }
    }
    const head = errors.length === 1 ? 'Dependency error detected:' : 'Dependency errors detected:';
    throw new Refusal([head, ...errors].join('\n  '), invalid[0][0].line);
}
/** Change.pm info and id: SHA-1 of `change <bytes>\0<info>` over the UTF-8 info. */
function changeId(project, uri, entry, parent, requires, conflicts) {
    const info = [
        `project ${project}`,
        ...(uri === undefined ? [] : [`uri ${uri}`]),
        `change ${entry.name}`,
        ...(parent === undefined ? [] : [`parent ${parent}`]),
        `planner ${entry.plannerName} <${entry.plannerEmail}>`,
        `date ${entry.plannedAt}`,
        ...(requires.length ? [`requires\n  + ${requires.join('\n  + ')}`] : []),
        ...(conflicts.length ? [`conflicts\n  - ${conflicts.join('\n  - ')}`] : []),
        ...(truthy(entry.note) ? ['', entry.note] : []),
    ];
    return objectId('change', info);
}
/** Tag.pm info and id: SHA-1 of `tag <bytes>\0<info>`, the info naming the ID of the change it follows. */
function tagId(project, uri, tag, change) {
    const info = [
        `project ${project}`,
        ...(uri === undefined ? [] : [`uri ${uri}`]),
        `tag @${tag.name}`,
        `change ${change}`,
        `planner ${tag.plannerName} <${tag.plannerEmail}>`,
        `date ${tag.plannedAt}`,
        ...(truthy(tag.note) ? ['', tag.note] : []),
    ];
    return objectId('tag', info);
}
/** Sqitch's IDs hash their info lines as git hashes an object: `<kind> <byte length>\0`, then the UTF-8 bytes. */
function objectId(kind, infoLines) {
    const bytes = Buffer.from(infoLines.join('\n'), 'utf8');
    return (0,_checksum_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .prefixedHexDigest */ .h)('sha1', `${kind} ${bytes.length}\0`, bytes);
}
/** Change.pm _path_segments: a reworked change's script is `<name>@<tag>`, by the first rework tag whose file exists. */
function scriptOf(entry, exists) {
    if (!entry.reworkTags.length)
        return entry.name;
    const candidates = entry.reworkTags.map((tag) => `${entry.name}@${tag}`);
    return candidates.find((path) => exists(`${path}.sql`)) ?? candidates[0];
}
/** The default ports of the URI schemes whose canonical form drops them (URI::_server subclasses). */
const DEFAULT_PORT = { http: 80, https: 443, ftp: 21, ssh: 22 };
/**
 * URI->new($uri)->canonical, which the change info records: trimmed, non-URI characters %-escaped, scheme (and a URN's
 * namespace) lowercased, escapes normalised; for a server URI, the host lowercased and a default or empty port dropped,
 * and for http(s) an empty path made `/`.
 */
function canonicalUri(raw) {
    let uri = raw
        .replace(/^<(?:URL:)?(.*)>$/s, '$1')
        .replace(/^"(.*)"$/s, '$1')
        .replace(LEADING_SPACE, '')
        .replace(TRAILING_SPACE, '')
        .replace(/[^;/?:@&=+$,A-Za-z0-9\-_.!~*'()%#]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
    uri = uri.replace(/^[a-zA-Z][a-zA-Z0-9.+-]*:/, (scheme) => scheme.toLowerCase());
    uri = uri.replace(/%([0-9a-fA-F]{2})/g, (_, hex) => {
        const c = String.fromCharCode(parseInt(hex, 16));
        return /^[A-Za-z0-9\-_.!~*'()]$/.test(c) ? c : `%${hex.toUpperCase()}`;
    });
    if (/^urn:[^:%]*:/.test(uri))
        return uri.replace(/^urn:[^:]*/, (nid) => nid.toLowerCase());
    const server = /^([a-z][a-z0-9.+-]*):\/\/([^/?#]*)(.*)$/s.exec(uri);
    const defaultPort = server ? DEFAULT_PORT[server[1]] : undefined;
    if (!server || defaultPort === undefined)
        return uri;
    const [, scheme, authority, rest] = server;
    const userinfo = /^.*@/s.exec(authority)?.[0] ?? '';
    let hostPort = authority.slice(userinfo.length);
    const port = /:(\d*)$/.exec(hostPort);
    if (port && (port[1] === '' || +port[1] === defaultPort))
        hostPort = hostPort.slice(0, port.index);
    const slash = rest === '' && scheme.startsWith('http') ? '/' : rest;
    return `${scheme}://${userinfo}${hostPort.toLowerCase()}${slash}`;
}


/***/ }),

/***/ 934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ canonicalVersion),
/* harmony export */   F2: () => (/* binding */ versioning),
/* harmony export */   RN: () => (/* binding */ folderVersionComparator),
/* harmony export */   Sl: () => (/* binding */ isDateShaped),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   mu: () => (/* binding */ sortMigrations),
/* harmony export */   n6: () => (/* binding */ compareText)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2907);
// Version order: the one documented, deterministic order in which a folder's migrations apply.
//
// The rule of ordering (copied into the README):
//
// 1. Versions compare as numbers, part by part, never as text: `00010` comes after `0009`, and
//    `003` equals `3`. Flyway versions split on `.` or `_` (`1_1` is `1.1`), so `1.2.10` comes after
//    `1.2.9`; missing trailing parts count as 0 (`1` equals `1.0`, as Flyway has it).
// 2. In a folder that mixes date versions (`YYYYMMDD`) with timestamp versions (`YYYYMMDDHHMMSS`, or
//    `YYYYMMDDHH` / `YYYYMMDDHHMM`), every date-shaped version is read as a timestamp padded with zeros
//    (`20240201` as `20240201000000`), because numerically every 8-digit date would sort before every
//    14-digit timestamp, which is wrong in time. A version is date-shaped when its first 8 digits are
//    a calendar date in 1900–2199 and it has 8, 10, 12 or 14 digits.
// 3. Sequential versions (`004`) keep their numeric value, so in a folder that mixes them with dates or
//    timestamps they come first — which is also what a sort by name gives for them.
// 4. Equal versions are ordered by file path (code-unit order, independent of locale), so the order
//    is total; a Flyway undo file (U) follows the versioned file (V) of the same version.
// 5. Repeatable migrations (Flyway `R__`) come after all versioned ones, by description (the name, `_` read as
//    a space) as Flyway orders them, then by path.
// 6. Folders are ordered by path; each folder's migrations stay together.
//
// dbmate and the Supabase CLI apply a folder's files in the order of their names (code units), and under their presets
// that is the order; both match versions as written, as text (name-order compares their order with the numbers).
// Three runners have no numeric version, and under their presets rules 1 and 2 give way to theirs:
// Prisma knows a migration by its whole folder name and applies the folders in `localeCompare` order
// of those names (prisma/prisma packages/migrate/src/utils/listMigrations.ts); diesel's version is
// the folder name's text before its first `_` without dashes, matched and sorted as text
// (migrations_internals::version_from_string, MigrationVersion's derived Ord); node-pg-migrate knows a
// migration by its file name without the extension (Migration.name, stored in pgmigrations.name) and
// sorts the file names by their leading number, then by `localeCompare` (utils/comparators.ts).


/** Compares two versions numerically, part by part (see the rule of ordering above). */
function compareVersions(a, b) {
    return compareKeys(versionKey(a), versionKey(b));
}
/** One spelling per version, so equal versions are equal strings: `003` → `3`, `1_1.0` → `1.1`. */
function canonicalVersion(version) {
    if (DIGITS.test(version))
        return version.replace(LEADING_ZEROS, '');
    const parts = versionParts(version).map((p) => (DIGITS.test(p) ? p.replace(LEADING_ZEROS, '') : p));
    while (parts.length > 1 && parts[parts.length - 1] === '0')
        parts.pop();
    return parts.join('.');
}
/**
 * A comparator for the versions of one folder: numeric, with date-shaped versions read as timestamps
 * when the folder mixes date-shaped versions of different lengths (rule 2). Transitive by construction,
 * because every version gets one key before any comparison.
 */
function folderVersionComparator(versions) {
    const asTime = mixesDateLengths(versions);
    // Rules compare one folder's versions against each other again and again: each is split once.
    const keys = new Map();
    const keyOf = (v) => {
        let key = keys.get(v);
        if (!key)
            keys.set(v, (key = versionKey(asTime ? asTimestamp(v) : v)));
        return key;
    };
    return (a, b) => compareKeys(keyOf(a), keyOf(b));
}
function mixesDateLengths(versions) {
    const lengths = new Set();
    for (const v of versions)
        if (isDateShaped(v))
            lengths.add(v.length);
    return lengths.size > 1;
}
const NUMERIC = {
    noun: 'version',
    of: (m) => m.version,
    key: canonicalVersion,
    comparator: folderVersionComparator,
};
// Prisma's listMigrations sorts with a bare `localeCompare`; a fixed locale gives its usual (ICU root) order on every machine.
// Made on first use: loading ICU's collation costs ~15 ms, which a run that is not Prisma's need not pay.
let prismaNames;
// node-pg-migrate's localeCompare takes the machine's locale; a fixed one gives its usual order everywhere, made on first use.
let nodePgMigrateNames;
/**
 * node-pg-migrate's order of two migration names (compareMigrationFileNames, which loadMigrationUnits applies to the file
 * names, extension included): by getNumericPrefix, the leading digits as a number and 17 of them as a UTC time in
 * milliseconds, then by localeCompare with numbers read as numbers and punctuation ignored. So `003_ab` runs before `003_a`
 * (`003absql` before `003asql`), `003_a9` before `003_a10`, `20250126_x` before `20240101000000_y`. A name is compared as
 * its .sql file's: for a JavaScript or TypeScript migration the extension differs, which can decide only between two names
 * of one number where one, punctuation aside, begins the other.
 */
function compareNodePgMigrate(a, b) {
    const [x, y] = [`${a}.sql`, `${b}.sql`];
    // A 17-digit prefix that is no date is NaN to it too, and NaN || … falls through to the names, as in its comparator.
    return (numericPrefix(x) - numericPrefix(y) ||
        (nodePgMigrateNames ??= new Intl.Collator('en', { usage: 'sort', numeric: true, sensitivity: 'variant', ignorePunctuation: true })).compare(x, y));
}
/** node-pg-migrate's getNumericPrefix (utils/fileNameUtils.ts), for a name it accepts. */
function numericPrefix(file) {
    const digits = /^\d*/.exec(file)[0];
    return digits.length === 17 ? Date.parse(digits.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/, '$1-$2-$3T$4:$5:$6.') + 'Z') : Number(digits);
}
/** Versions matched as written and sorted as text. */
const TEXT = { noun: 'version', of: (m) => m.version, key: (version) => version, comparator: () => compareText };
const VERSIONING = {
    prisma: {
        noun: 'folder name',
        // A folder per migration: the folder's name; a file directly in the folder is no Prisma migration, and keeps its version.
        of: (m, folder) => (m.file && node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(m.file) !== folder ? node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(m.file)) : m.version),
        key: (version) => version,
        comparator: () => (prismaNames ??= new Intl.Collator('en')).compare,
    },
    diesel: TEXT,
    // dbmate's version is the file name's leading digits as a string (migrationFileRegexp), applied by that exact text, and
    // FindMigrations sorts the files by name: `10_b.sql` runs before `1_a.sql`, `20240101000000_b.sql` before `20240101_a.sql`.
    dbmate: { ...TEXT, byFileName: true },
    // The Supabase CLI matches local and remote versions as strings (migration.FindPendingMigrations), and applies the files
    // in the order fs.ReadDir lists them, by name (ListLocalMigrations).
    supabase: { ...TEXT, byFileName: true },
    // Atlas sorts the files by name (dir.go LocalDir.Files) and compares versions as strings (migrate.go Pending).
    atlas: { ...TEXT, byFileName: true },
    // drizzle runs its journal's entries in their order, which is their tags' (drizzle-kit starts each with its index), and keys
    // each by its `when`, the version here (readMigrationFiles, dialect.ts migrate()).
    drizzle: { ...NUMERIC, byFileName: true },
    'node-pg-migrate': {
        noun: 'name',
        of: (m) => (m.file ? (0,_migration_js__WEBPACK_IMPORTED_MODULE_1__/* .stem */ .WS)(m.file) : m.version),
        key: (name) => name,
        comparator: () => compareNodePgMigrate,
    },
};
/** How the preset's runner reads and orders versions (numerically, as the rule of ordering says, unless it has its own way). */
function versioning(preset) {
    return VERSIONING[preset] ?? NUMERIC;
}
/**
 * The apply order: by folder, then versioned (and undo) by version and file, then repeatable by file;
 * versions as the preset's runner orders them, or by file where it applies files in name order.
 */
function sortMigrations(ms, preset = 'generic') {
    const runner = versioning(preset);
    const byFolder = new Map();
    for (const m of ms) {
        const list = byFolder.get(m.folder);
        if (list)
            list.push(m);
        else
            byFolder.set(m.folder, [m]);
    }
    const out = [];
    for (const folder of [...byFolder.keys()].sort(compareText)) {
        const list = byFolder.get(folder);
        const keyed = list.map((m) => ({ m, version: runner.of(m, folder), rank: KIND_RANK[m.kind] }));
        // The comparator parses each version once: sorting 1,500 files compares ~16,000 pairs.
        const compare = runner.comparator(keyed.filter((k) => k.rank !== REPEATABLE).map((k) => k.version));
        keyed.sort((a, b) => Number(a.rank === REPEATABLE) - Number(b.rank === REPEATABLE) ||
            (a.rank === REPEATABLE ? compareText(description(a.m), description(b.m)) : runner.byFileName ? compareText(a.m.file, b.m.file) : compare(a.version, b.version)) ||
            a.rank - b.rank ||
            compareText(a.m.file, b.m.file));
        for (const k of keyed)
            out.push(k.m);
    }
    return out;
}
/** Whether a version reads as YYYYMMDD, optionally followed by HH, HHMM or HHMMSS. */
function isDateShaped(version) {
    return /^(?:19|20|21)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{2}){0,3}$/.test(version);
}
/** Code-unit order, the same on every machine and locale (what `ls` in the C locale and Go's sort give). */
/** Flyway orders repeatable migrations by description, its name with `_` read as a space, wherever the file sits (ResolvedMigrationComparator). */
function description(m) {
    return m.name.replace(/_/g, ' ');
}
/** Code-point order: the same on every machine whatever its locale, and no ICU collator to load. */
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
const KIND_RANK = { versioned: 0, undo: 1, repeatable: 2, current: 3 };
const REPEATABLE = KIND_RANK.repeatable;
function asTimestamp(version) {
    return isDateShaped(version) ? version.padEnd(14, '0') : version;
}
function versionParts(version) {
    return version.split(/[._]/);
}
const DIGITS = /^\d+$/;
const LEADING_ZEROS = /^0+(?=\d)/;
function versionKey(version) {
    // Most versions are one run of digits (NNN, dates, timestamps): no split needed.
    if (DIGITS.test(version))
        return [{ numeric: true, text: version.replace(LEADING_ZEROS, '') }];
    return versionParts(version).map((p) => (DIGITS.test(p) ? { numeric: true, text: p.replace(LEADING_ZEROS, '') } : { numeric: false, text: p }));
}
const ZERO = { numeric: true, text: '0' };
/** Part by part; a missing trailing part counts as 0; numbers by value (any length, no overflow), anything else as text. */
function compareKeys(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const x = a[i] ?? ZERO;
        const y = b[i] ?? ZERO;
        const c = x.numeric && y.numeric ? Math.sign(x.text.length - y.text.length) || compareText(x.text, y.text) : compareText(x.text, y.text);
        if (c !== 0)
            return c;
    }
    return 0;
}


/***/ }),

/***/ 6736:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qc: () => (/* binding */ SUPABASE_EXTENSIONS),
/* harmony export */   cF: () => (/* binding */ SUPABASE_PRESET_SQL),
/* harmony export */   sc: () => (/* binding */ SUPABASE_SEARCH_PATH)
/* harmony export */ });
// What a Supabase database holds before a project's first migration, so Supabase-style migrations
// (auth.users foreign keys, auth.uid() policies, grants to anon/authenticated, storage buckets,
// realtime publication) dry-run as they would on the platform. Shapes follow Supabase's own
// services' migrations, each noted where it is built, as today's platform has them.
/** Extensions Supabase pre-installs into the `extensions` schema. */
const SUPABASE_EXTENSIONS = ['uuid-ossp', 'pgcrypto'];
/** Supabase puts `extensions` on the search path, so uuid_generate_v4() resolves unqualified. */
const SUPABASE_SEARCH_PATH = '"$user", public, extensions';
// Roles are cluster-wide: created only if missing, and a concurrent run creating the same role is no error.
const role = (name, attrs) => `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${name} ${attrs}; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;`;
const SUPABASE_PRESET_SQL = `
${role('anon', 'NOLOGIN NOINHERIT')}
${role('authenticated', 'NOLOGIN NOINHERIT')}
${role('service_role', 'NOLOGIN NOINHERIT BYPASSRLS')}
${role('authenticator', 'LOGIN NOINHERIT')}
${role('supabase_admin', 'LOGIN CREATEROLE CREATEDB REPLICATION BYPASSRLS')}
${role('supabase_auth_admin', 'LOGIN NOINHERIT CREATEROLE')}
${role('supabase_storage_admin', 'LOGIN NOINHERIT CREATEROLE')}
${role('supabase_realtime_admin', 'NOLOGIN NOINHERIT')}
${role('dashboard_user', 'NOLOGIN CREATEROLE CREATEDB REPLICATION')}
${role('pgbouncer', 'LOGIN')}
GRANT anon, authenticated, service_role TO authenticator;

CREATE SCHEMA IF NOT EXISTS extensions;
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS storage;
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE SCHEMA IF NOT EXISTS graphql_public;
GRANT USAGE ON SCHEMA public, extensions, storage, graphql_public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;

-- auth: as supabase/auth's migrations leave it today (00_init_auth_schema up to the 2025 OAuth server), checked
-- against pg_dumps of platform projects, so current migrations (policies on auth.users.is_anonymous, foreign keys to
-- auth.identities...) apply, and an older supabase db diff file re-adding what came later gets an environment warning.
-- Keys and constraint names as the platform has them; plain indexes are left out: no migration depends on them.
DO $$ BEGIN
  CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
  CREATE TYPE auth.factor_status AS ENUM ('unverified', 'verified');
  CREATE TYPE auth.aal_level AS ENUM ('aal1', 'aal2', 'aal3');
  CREATE TYPE auth.code_challenge_method AS ENUM ('s256', 'plain');
  CREATE TYPE auth.one_time_token_type AS ENUM ('confirmation_token', 'reauthentication_token', 'recovery_token',
    'email_change_token_new', 'email_change_token_current', 'phone_change_token');
  CREATE TYPE auth.oauth_registration_type AS ENUM ('dynamic', 'manual');
  CREATE TYPE auth.oauth_client_type AS ENUM ('public', 'confidential');
  CREATE TYPE auth.oauth_response_type AS ENUM ('code');
  CREATE TYPE auth.oauth_authorization_status AS ENUM ('pending', 'approved', 'denied', 'expired');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
-- users: 00_init_auth_schema, with alter_users (phone...), add_email_change_confirmed, add_banned_until,
-- add_user_reauthentication, is_sso_user, add_deleted_at, 20240214120130_add_is_anonymous_column; its users_email_key
-- became the partial users_email_partial_key (20221215195500_modify_users_email_unique_index).
CREATE TABLE IF NOT EXISTS auth.users (
  instance_id uuid,
  id uuid NOT NULL,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text DEFAULT NULL,
  phone_confirmed_at timestamptz,
  phone_change text DEFAULT '',
  phone_change_token varchar(255) DEFAULT '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  email_change_token_current varchar(255) DEFAULT '',
  email_change_confirm_status smallint DEFAULT 0,
  banned_until timestamptz,
  reauthentication_token varchar(255) DEFAULT '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  is_anonymous boolean NOT NULL DEFAULT false,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_phone_key UNIQUE (phone),
  CONSTRAINT users_email_change_confirm_status_check CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2)
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_partial_key ON auth.users (email) WHERE is_sso_user = false;
-- identities: 20210909172000_create_identities_table, with the generated email (20221215195800), its id renamed
-- provider_id and a uuid id as key (20231117164230_add_id_pkey_identities).
CREATE TABLE IF NOT EXISTS auth.identities (
  provider_id text NOT NULL,
  user_id uuid NOT NULL,
  identity_data jsonb NOT NULL,
  provider text NOT NULL,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text GENERATED ALWAYS AS (lower(identity_data ->> 'email')) STORED,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  CONSTRAINT identities_pkey PRIMARY KEY (id),
  CONSTRAINT identities_provider_id_provider_unique UNIQUE (provider_id, provider),
  CONSTRAINT identities_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE
);
-- The 2025 OAuth server's clients, which sessions now point to.
CREATE TABLE IF NOT EXISTS auth.oauth_clients (
  id uuid NOT NULL,
  client_secret_hash text,
  registration_type auth.oauth_registration_type NOT NULL,
  redirect_uris text NOT NULL,
  grant_types text NOT NULL,
  client_name text,
  client_uri text,
  logo_uri text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  client_type auth.oauth_client_type NOT NULL DEFAULT 'confidential',
  token_endpoint_auth_method text NOT NULL,
  CONSTRAINT oauth_clients_pkey PRIMARY KEY (id)
);
-- sessions: 20220811173540_add_sessions_table, with aal/factor_id, not_after, then refreshed_at, user_agent, ip and
-- tag, and the OAuth server's columns.
CREATE TABLE IF NOT EXISTS auth.sessions (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text,
  oauth_client_id uuid,
  refresh_token_hmac_key text,
  refresh_token_counter bigint,
  scopes text,
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE,
  CONSTRAINT sessions_oauth_client_id_fkey FOREIGN KEY (oauth_client_id) REFERENCES auth.oauth_clients (id) ON DELETE CASCADE
);
-- refresh_tokens: 00_init_auth_schema, with parent (20210927181326) and session_id; today's platform no longer has
-- the refresh_tokens_parent_fkey that files of 2022-2023 drop.
CREATE TABLE IF NOT EXISTS auth.refresh_tokens (
  instance_id uuid,
  id bigserial NOT NULL,
  token varchar(255),
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid,
  CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT refresh_tokens_token_unique UNIQUE (token),
  CONSTRAINT refresh_tokens_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS auth.instances (
  id uuid NOT NULL PRIMARY KEY,
  uuid uuid,
  raw_base_config text,
  created_at timestamptz,
  updated_at timestamptz
);
CREATE TABLE IF NOT EXISTS auth.audit_log_entries (
  instance_id uuid,
  id uuid NOT NULL PRIMARY KEY,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS auth.schema_migrations (version varchar(255) NOT NULL PRIMARY KEY);
-- 20221003041349_add_mfa_schema, with phone factors (20240729123726_add_mfa_phone_config) and WebAuthn's columns.
CREATE TABLE IF NOT EXISTS auth.mfa_factors (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  friendly_name text,
  factor_type auth.factor_type NOT NULL,
  status auth.factor_status NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  secret text,
  phone text,
  last_challenged_at timestamptz,
  web_authn_credential jsonb,
  web_authn_aaguid uuid,
  CONSTRAINT mfa_factors_pkey PRIMARY KEY (id),
  CONSTRAINT mfa_factors_last_challenged_at_key UNIQUE (last_challenged_at),
  CONSTRAINT mfa_factors_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS auth.mfa_challenges (
  id uuid NOT NULL,
  factor_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  verified_at timestamptz,
  ip_address inet NOT NULL,
  otp_code text,
  web_authn_session_data jsonb,
  CONSTRAINT mfa_challenges_pkey PRIMARY KEY (id),
  CONSTRAINT mfa_challenges_auth_factor_id_fkey FOREIGN KEY (factor_id) REFERENCES auth.mfa_factors (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS auth.mfa_amr_claims (
  session_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  authentication_method text NOT NULL,
  id uuid NOT NULL,
  CONSTRAINT amr_id_pk PRIMARY KEY (id),
  CONSTRAINT mfa_amr_claims_session_id_authentication_method_pkey UNIQUE (session_id, authentication_method),
  CONSTRAINT mfa_amr_claims_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions (id) ON DELETE CASCADE
);
-- 20230322519590_add_flow_state_table (PKCE), with its later columns.
CREATE TABLE IF NOT EXISTS auth.flow_state (
  id uuid NOT NULL,
  user_id uuid,
  auth_code text,
  code_challenge_method auth.code_challenge_method,
  code_challenge text,
  provider_type text NOT NULL,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text NOT NULL,
  auth_code_issued_at timestamptz,
  CONSTRAINT flow_state_pkey PRIMARY KEY (id)
);
-- 20240427152123_add_one_time_tokens_table.
CREATE TABLE IF NOT EXISTS auth.one_time_tokens (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  token_type auth.one_time_token_type NOT NULL,
  token_hash text NOT NULL,
  relates_to text NOT NULL,
  created_at timestamp NOT NULL DEFAULT now(),
  updated_at timestamp NOT NULL DEFAULT now(),
  CONSTRAINT one_time_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT one_time_tokens_token_hash_check CHECK (char_length(token_hash) > 0),
  CONSTRAINT one_time_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE
);
-- 20221021082433_add_saml, with sso_providers.disabled, saml_providers.name_id_format and the relay state's flow_state_id.
CREATE TABLE IF NOT EXISTS auth.sso_providers (
  id uuid NOT NULL,
  resource_id text,
  created_at timestamptz,
  updated_at timestamptz,
  disabled boolean,
  CONSTRAINT sso_providers_pkey PRIMARY KEY (id),
  CONSTRAINT "resource_id not empty" CHECK (resource_id = null OR char_length(resource_id) > 0)
);
CREATE TABLE IF NOT EXISTS auth.sso_domains (
  id uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  domain text NOT NULL,
  created_at timestamptz,
  updated_at timestamptz,
  CONSTRAINT sso_domains_pkey PRIMARY KEY (id),
  CONSTRAINT "domain not empty" CHECK (char_length(domain) > 0),
  CONSTRAINT sso_domains_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS auth.saml_providers (
  id uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  entity_id text NOT NULL,
  metadata_xml text NOT NULL,
  metadata_url text,
  attribute_mapping jsonb,
  created_at timestamptz,
  updated_at timestamptz,
  name_id_format text,
  CONSTRAINT saml_providers_pkey PRIMARY KEY (id),
  CONSTRAINT saml_providers_entity_id_key UNIQUE (entity_id),
  CONSTRAINT "entity_id not empty" CHECK (char_length(entity_id) > 0),
  CONSTRAINT "metadata_url not empty" CHECK (metadata_url = null OR char_length(metadata_url) > 0),
  CONSTRAINT "metadata_xml not empty" CHECK (char_length(metadata_xml) > 0),
  CONSTRAINT saml_providers_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS auth.saml_relay_states (
  id uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  request_id text NOT NULL,
  for_email text,
  redirect_to text,
  created_at timestamptz,
  updated_at timestamptz,
  flow_state_id uuid,
  CONSTRAINT saml_relay_states_pkey PRIMARY KEY (id),
  CONSTRAINT "request_id not empty" CHECK (char_length(request_id) > 0),
  CONSTRAINT saml_relay_states_flow_state_id_fkey FOREIGN KEY (flow_state_id) REFERENCES auth.flow_state (id) ON DELETE CASCADE,
  CONSTRAINT saml_relay_states_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers (id) ON DELETE CASCADE
);
-- The OAuth server's authorizations and consents.
CREATE TABLE IF NOT EXISTS auth.oauth_authorizations (
  id uuid NOT NULL,
  authorization_id text NOT NULL,
  client_id uuid NOT NULL,
  user_id uuid,
  redirect_uri text NOT NULL,
  scope text NOT NULL,
  state text,
  resource text,
  code_challenge text,
  code_challenge_method auth.code_challenge_method,
  response_type auth.oauth_response_type NOT NULL DEFAULT 'code',
  status auth.oauth_authorization_status NOT NULL DEFAULT 'pending',
  authorization_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '3 minutes',
  approved_at timestamptz,
  CONSTRAINT oauth_authorizations_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_authorizations_authorization_id_key UNIQUE (authorization_id),
  CONSTRAINT oauth_authorizations_authorization_code_key UNIQUE (authorization_code),
  CONSTRAINT oauth_authorizations_client_id_fkey FOREIGN KEY (client_id) REFERENCES auth.oauth_clients (id) ON DELETE CASCADE,
  CONSTRAINT oauth_authorizations_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS auth.oauth_consents (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  client_id uuid NOT NULL,
  scopes text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT oauth_consents_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_consents_user_client_unique UNIQUE (user_id, client_id),
  CONSTRAINT oauth_consents_client_id_fkey FOREIGN KEY (client_id) REFERENCES auth.oauth_clients (id) ON DELETE CASCADE,
  CONSTRAINT oauth_consents_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE
);

-- 20220224000811_update_auth_functions and 20220531120530_add_auth_jwt_function: the claim, else the claims object.
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
CREATE OR REPLACE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
$$;
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                  nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt() TO anon, authenticated, service_role;

-- storage: supabase/storage's migrations/tenant as they leave it today, checked against platform pg_dumps: buckets
-- with 0011-0012's avif flag and limits, owner_id (the uuid owner kept, deprecated) and type (analytics buckets);
-- objects with version, owner_id and user_metadata; 0021-s3-multipart-uploads. The owner foreign keys to auth.users
-- that remote_commit files of 2022-2023 drop are gone, as there.
DO $$ BEGIN
  CREATE TYPE storage.buckettype AS ENUM ('STANDARD', 'ANALYTICS', 'VECTOR');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE TABLE IF NOT EXISTS storage.migrations (
  id integer PRIMARY KEY,
  name varchar(100) UNIQUE NOT NULL,
  hash varchar(40) NOT NULL,
  executed_at timestamp DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS storage.buckets (
  id text NOT NULL PRIMARY KEY,
  name text NOT NULL,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype NOT NULL DEFAULT 'STANDARD'
);
CREATE UNIQUE INDEX IF NOT EXISTS bname ON storage.buckets (name);
CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  last_accessed_at timestamptz DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  version text,
  owner_id text,
  user_metadata jsonb,
  CONSTRAINT "objects_bucketId_fkey" FOREIGN KEY (bucket_id) REFERENCES storage.buckets (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS bucketid_objname ON storage.objects (bucket_id, name);
CREATE TABLE IF NOT EXISTS storage.s3_multipart_uploads (
  id text NOT NULL PRIMARY KEY,
  in_progress_size bigint NOT NULL DEFAULT 0,
  upload_signature text NOT NULL,
  bucket_id text NOT NULL REFERENCES storage.buckets (id),
  key text COLLATE "C" NOT NULL,
  version text NOT NULL,
  owner_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  user_metadata jsonb
);
CREATE TABLE IF NOT EXISTS storage.s3_multipart_uploads_parts (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  upload_id text NOT NULL REFERENCES storage.s3_multipart_uploads (id) ON DELETE CASCADE,
  size bigint NOT NULL DEFAULT 0,
  part_number integer NOT NULL,
  bucket_id text NOT NULL REFERENCES storage.buckets (id),
  key text COLLATE "C" NOT NULL,
  etag text NOT NULL,
  owner_id text,
  version text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads_parts ENABLE ROW LEVEL SECURITY;
CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE _parts text[];
BEGIN
  SELECT string_to_array(name, '/') INTO _parts;
  RETURN _parts[1:array_length(_parts, 1) - 1];
END $$;
CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE _parts text[];
BEGIN
  SELECT string_to_array(name, '/') INTO _parts;
  RETURN _parts[array_length(_parts, 1)];
END $$;
CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE _parts text[]; _filename text;
BEGIN
  SELECT string_to_array(name, '/') INTO _parts;
  SELECT _parts[array_length(_parts, 1)] INTO _filename;
  RETURN reverse(split_part(reverse(_filename), '.', 1));
END $$;
GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;

-- realtime: the table Broadcast authorization policies go on, as Supabase's realtime service creates it (partitioned
-- by inserted_at there), with realtime.topic(); and below, the publication Supabase creates empty.
CREATE TABLE IF NOT EXISTS realtime.messages (
  topic text NOT NULL,
  extension text NOT NULL,
  payload jsonb,
  event text,
  private boolean DEFAULT false,
  updated_at timestamp NOT NULL DEFAULT now(),
  inserted_at timestamp NOT NULL DEFAULT now(),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  binary_payload bytea,
  CONSTRAINT messages_pkey PRIMARY KEY (id, inserted_at),
  CONSTRAINT messages_payload_exclusive CHECK (payload IS NULL OR binary_payload IS NULL)
);
ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;
CREATE OR REPLACE FUNCTION realtime.topic() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('realtime.topic', true), '')::text
$$;
GRANT USAGE ON SCHEMA realtime TO anon, authenticated, service_role;
GRANT SELECT, INSERT ON realtime.messages TO anon, authenticated, service_role;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
    CREATE PUBLICATION supabase_realtime;
  END IF;
END $$;

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
`;


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ isUserError),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
// A UserError is a problem the user can fix: it is printed as its message alone (no stack) and exits 2.
class UserError extends Error {
    name = 'UserError';
}
function isUserError(e) {
    return e instanceof UserError;
}


/***/ }),

/***/ 3328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ fromGit)
/* harmony export */ });
// History is what is already applied: the migrations on the git base (PR mode) or the rows of a
// runner's history table (deploy mode). Rules compare the working tree with it.
/** Whether the history is a git base (files with bytes) rather than a runner's table. */
function fromGit(history) {
    return history.source.startsWith('git:');
}


/***/ }),

/***/ 7638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ sqlx)
/* harmony export */ });
/* harmony import */ var _checksum_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(371);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6012);
// sqlx: _sqlx_migrations(version bigint, description, installed_on, success, checksum bytea,
// execution_time bigint nanoseconds). The checksum is SHA-384 of the file's bytes; success = false
// marks a migration that stopped part-way ("partially applied" in sqlx's own words).


const sqlx = {
    format: 'sqlx',
    defaultTable: { name: '_sqlx_migrations' },
    fits: (columns) => (0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .hasColumns */ .q$)(columns, ['version', 'description', 'success', 'checksum', 'execution_time']),
    async read({ db, table, migrations, folder }) {
        const { rows } = await db.query(`SELECT version::text AS version, description::text AS description, installed_on, success,
              encode(checksum, 'hex') AS checksum, execution_time::text AS execution_time
         FROM ${(0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .qualified */ .LX)(table)} ORDER BY version`);
        const findings = [];
        const entries = rows.flatMap((r) => {
            const version = String(r.version);
            const files = (0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .filesWithVersion */ .MP)(migrations, version);
            const appliedAt = (0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .isoTime */ .Ly)(r.installed_on);
            const ns = (0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .num */ .bu)(r.execution_time);
            const state = r.success === false ? 'failed' : 'applied';
            if (state === 'failed') {
                findings.push((0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .dirtyDraft */ .eL)(files[0]?.file ?? folder, `sqlx recorded migration ${version} (${String(r.description)}) as partially applied (success = false); sqlx refuses to run until it is resolved.`, `Finish or undo its changes by hand, then delete its row: DELETE FROM ${table.name} WHERE version = ${version}; and run \`sqlx migrate run\` again.`));
            }
            return (0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .entriesFor */ .aB)({
                version,
                name: String(r.description ?? ''),
                ...(r.checksum && { checksum: { algorithm: 'sqlx', value: String(r.checksum) } }),
                ...(appliedAt && { appliedAt }),
                ...(ns !== undefined && { executionMs: Math.round(ns / 1e6) }),
                state,
            }, files, `${folder}/${version}_${String(r.description ?? '').replace(/ /g, '_')}.sql`);
        });
        return { entries, findings };
    },
    async record(ctx) {
        const m = ctx.migration;
        await (0,_table_js__WEBPACK_IMPORTED_MODULE_1__/* .insertRow */ .Il)(ctx, {
            version: BigInt(m.version).toString(),
            description: m.name.replace(/_/g, ' '),
            success: true,
            checksum: Buffer.from((0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_0__/* .checksum */ .cM)('sqlx', m.bytes), 'hex'),
            execution_time: Math.round(ctx.executionMs * 1e6).toString(),
        }, { installed_on: 'now()' });
    },
};


/***/ }),

/***/ 6012:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cm: () => (/* binding */ tableName),
/* harmony export */   IN: () => (/* binding */ nameParts),
/* harmony export */   Il: () => (/* binding */ insertRow),
/* harmony export */   LX: () => (/* binding */ qualified),
/* harmony export */   Ly: () => (/* binding */ isoTime),
/* harmony export */   MP: () => (/* binding */ filesWithVersion),
/* harmony export */   aB: () => (/* binding */ entriesFor),
/* harmony export */   bu: () => (/* binding */ num),
/* harmony export */   eL: () => (/* binding */ dirtyDraft),
/* harmony export */   q$: () => (/* binding */ hasColumns),
/* harmony export */   r1: () => (/* binding */ sameVersion),
/* harmony export */   uR: () => (/* binding */ instant),
/* harmony export */   wq: () => (/* binding */ onlyColumns),
/* harmony export */   xN: () => (/* binding */ keptStatements)
/* harmony export */ });
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(934);
/* harmony import */ var _sql_quoted_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5498);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
// The HistoryTable contract: how one runner's history table is recognised, read into a History, and
// written when migration-gate applies a migration in that runner's place.
//
// Every table format resolves its rows to the files the runner itself would take them for (by file
// name, folder name or version, as that runner keys them), so a History read from a table matches by
// file: two files sharing a version stay apart when the runner records names.



function qualified(table) {
    return `${(0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .T)(table.schema)}.${(0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .T)(table.name)}`;
}
/** `schema.table` or `table`, each part optionally double-quoted; unquoted parts fold to lower case as PostgreSQL does. */
function nameParts(name) {
    const parts = [];
    const re = /\s*(?:"((?:[^"]|"")*)"|([^."]+))\s*(?:\.|$)/gy;
    let m;
    while (re.lastIndex < name.length && (m = re.exec(name)))
        parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].trim().toLowerCase());
    if (parts.length < 1 || parts.length > 2)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`history-table "${name}" must be "table" or "schema.table".`);
    return parts;
}
/** `schema.table` as the report names it. */
function tableName(table) {
    return `${table.schema}.${table.name}`;
}
function hasColumns(columns, names) {
    return names.every((n) => columns.has(n));
}
/** Whether every column is one of `allowed` (a runner's whole table, nothing more). */
function onlyColumns(columns, allowed) {
    return [...columns.keys()].every((c) => allowed.includes(c));
}
/**
 * One entry per file the row stands for; a row whose file is gone keeps `fallbackFile` (the path the
 * runner recorded, when it records one), so missing-migration can name it.
 */
function entriesFor(row, files, fallbackFile) {
    const base = { version: row.version, state: row.state };
    if (row.name !== undefined)
        base.name = row.name;
    if (row.checksum)
        base.checksum = row.checksum;
    if (row.appliedAt)
        base.appliedAt = row.appliedAt;
    if (row.executionMs !== undefined)
        base.executionMs = row.executionMs;
    // Readers join the folder and the recorded name: a file of the root folder `.` is its name alone, as discovery gives it.
    if (files.length === 0)
        return [fallbackFile ? { ...base, file: fallbackFile.replace(/^\.\//, '') } : base];
    return files.map((m) => ({ ...base, version: m.version, file: m.file }));
}
/** The versioned files a runner keyed by version takes a recorded version for (`003` is `3`, `1_1` is `1.1`; to diesel, text). */
function filesWithVersion(migrations, version, format) {
    return migrations.filter((m) => m.kind === 'versioned' && m.version !== '' && sameVersion(m.version, version, format));
}
/** Text-keyed runners: diesel's `00000000000000` is not `000000000000000`, nor dbmate's (or Supabase's) `003` its `3`. */
const TEXT_VERSIONS = new Set(['diesel', 'dbmate', 'supabase']);
/** Whether the runner of `format` holds two versions equal: as numbers, but as text where it keys them so. */
function sameVersion(a, b, format) {
    if (format && TEXT_VERSIONS.has(format))
        return a === b;
    return /^[\d._]+$/.test(a) && /^[\d._]+$/.test(b) ? (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(a, b) === 0 : a === b;
}
/**
 * `column` as the instant it holds. A `timestamp` without time zone keeps the wall-clock time the writer's session zone gave
 * now(), which is the database's own zone unless the runner's driver sets another: read back in that zone.
 */
function instant(columns, column) {
    const name = (0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .T)(column);
    return /^timestamp(\(\d\))? without time zone$/.test(columns.get(column) ?? '') ? `${name} AT TIME ZONE current_setting('TimeZone')` : name;
}
function isoTime(value) {
    if (value instanceof Date)
        return value.toISOString();
    if (typeof value === 'string' && value !== '')
        return value;
    return undefined;
}
function num(value) {
    if (value === null || value === undefined)
        return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
}
/** What of a failed file stays applied: `The first statement of <what> stays applied`, or the first `kept` of them. */
function keptStatements(kept, what) {
    return kept === 1 ? `The first statement of ${what} stays applied` : `The first ${kept} statements of ${what} stay applied`;
}
/** A dirty-history draft about a row, pinned to the file it stands for (or the migrations folder). */
function dirtyDraft(file, message, suggestion) {
    return { rule: 'dirty-history', file, line: 0, column: 0, message, suggestion };
}
/** Inserts the columns of `values` that the table has (runners' tables vary a little between versions). */
async function insertRow(ctx, values, sqlValues = {}) {
    const names = [];
    const params = [];
    const exprs = [];
    for (const [column, value] of Object.entries(values)) {
        if (!ctx.columns.has(column))
            continue;
        names.push((0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .T)(column));
        params.push(value);
        exprs.push(`$${params.length}`);
    }
    for (const [column, expr] of Object.entries(sqlValues)) {
        if (!ctx.columns.has(column))
            continue;
        names.push((0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .T)(column));
        exprs.push(expr);
    }
    await ctx.db.query(`INSERT INTO ${qualified(ctx.table)} (${names.join(', ')}) VALUES (${exprs.join(', ')})`, params);
}


/***/ }),

/***/ 2907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WS: () => (/* binding */ stem),
/* harmony export */   _z: () => (/* binding */ inFolder),
/* harmony export */   lW: () => (/* binding */ pathIn)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
// A Migration is one versioned (or repeatable) SQL change as a runner would see it.

/** The repo-relative path of `rel` inside `folder` (`.` the repository root): pathIn's inverse. */
function inFolder(folder, rel) {
    return folder === '.' ? rel : `${folder}/${rel}`;
}
/** `file`'s path inside `folder` (repo-relative, `.` the repository root), or null when it is not inside it. */
function pathIn(folder, file) {
    if (folder === '.')
        return file;
    return file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : null;
}
/** The file's name without its folder or extension (what node-pg-migrate names a migration by: Migration.name). */
function stem(file) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(file, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.extname(file));
}


/***/ }),

/***/ 5066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   Tt: () => (/* binding */ historyIndex),
/* harmony export */   _b: () => (/* binding */ appliedIndex)
/* harmony export */ });
/* unused harmony export verdictOf */
/* harmony import */ var _history_history_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3328);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(934);
/* harmony import */ var _checksum_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(371);
/* harmony import */ var _finding_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9023);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(311);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8850);
// Assembles the Report from what the gate found: statuses against the history, counts and the verdict.






/** The history entry a migration corresponds to, by path or by version as the source dictates. */
function historyIndex(history) {
    const key = (file, version) => (history.matchBy === 'file' ? file : (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalVersion */ .Bp)(version));
    const byKey = new Map([...history.entries, ...(history.current ?? [])].map((e) => [key(e.file, e.version), e]));
    return (m) => byKey.get(key(m.file, m.version));
}
/**
 * Whether a migration is applied as it is now. A repeatable one (Flyway's `R__`) is applied only while its checksum is
 * the one it ran with: the runner runs it again once that changes (a history table's reader already leaves it out).
 */
function appliedIndex(history, algorithm) {
    const entryOf = historyIndex(history);
    return (m) => {
        const entry = entryOf(m);
        if (entry?.state !== 'applied')
            return false;
        if (m.kind !== 'repeatable' || !entry.bytes || entry.bytes.equals(m.bytes))
            return true;
        return (0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checksum */ .cM)(algorithm, entry.bytes) === (0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checksum */ .cM)(algorithm, m.bytes);
    };
}
function buildReport({ options, migrations, history, findings, dryRun }) {
    const entryOf = history ? historyIndex(history) : () => undefined;
    const applied = history ? appliedIndex(history, options.checksum) : () => false;
    // The one plan the suggestions follow, as data on the rows: a reader of the report need not parse their `git mv`.
    const planned = new Map(findings.flatMap((f) => Object.entries(f.renumbers ?? {})));
    const rows = migrations.map((m) => {
        const entry = entryOf(m);
        const row = {
            file: m.file,
            version: m.version,
            name: m.name,
            status: m.kind === 'current' ? 'current' : applied(m) ? 'applied' : 'pending',
            change: changeOf(m, entry, history),
            checksum: `${options.checksum}:${(0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checksum */ .cM)(options.checksum, m.bytes)}`,
            ...(m.language && { language: m.language }),
        };
        if (entry?.appliedAt)
            row.appliedAt = entry.appliedAt;
        if (entry?.executionMs !== undefined)
            row.executionMs = entry.executionMs;
        const renumberTo = planned.get(m.file);
        if (renumberTo)
            row.renumberTo = renumberTo;
        return row;
    });
    // The rows carry the plan: the findings stay as their JSON has always been.
    const sorted = findings.map(({ renumbers: _onTheRows, ...f }) => f).sort(_finding_js__WEBPACK_IMPORTED_MODULE_2__/* .compareFindings */ .Eg);
    const errors = sorted.filter((f) => f.severity === 'error').length;
    const warnings = sorted.length - errors;
    return {
        schemaVersion: _report_js__WEBPACK_IMPORTED_MODULE_3__/* .SCHEMA_VERSION */ .f,
        tool: { name: 'migration-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_4__/* .TOOL_VERSION */ .w },
        mode: options.mode,
        verdict: verdictOf(options.failOn, errors, warnings),
        base: history?.source ?? null,
        folders: options.folders.map((f) => f.path),
        migrations: rows,
        findings: sorted,
        summary: {
            errors,
            warnings,
            pending: rows.filter((r) => r.status === 'pending').length,
            conflicts: sorted.filter((f) => _report_js__WEBPACK_IMPORTED_MODULE_3__/* .CONFLICT_RULES */ .T.has(f.rule)).length,
        },
        dryRun,
    };
}
function changeOf(m, entry, history) {
    if (!history || !(0,_history_history_js__WEBPACK_IMPORTED_MODULE_5__/* .fromGit */ .X)(history))
        return null;
    if (!entry)
        return 'added';
    return entry.bytes && !entry.bytes.equals(m.bytes) ? 'modified' : 'unchanged';
}
function verdictOf(failOn, errors, warnings) {
    if (failOn === 'never')
        return 'pass';
    return errors > 0 || (failOn === 'warning' && warnings > 0) ? 'fail' : 'pass';
}


/***/ }),

/***/ 9023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eg: () => (/* binding */ compareFindings),
/* harmony export */   Iu: () => (/* binding */ RULE_IDS),
/* harmony export */   KX: () => (/* binding */ isRuleId),
/* harmony export */   YJ: () => (/* binding */ findingsByFile),
/* harmony export */   tm: () => (/* binding */ fingerprintsOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(934);
// A Finding is one thing the gate has to say about one place in one migration file.


/** Rule ids are a public contract: users configure them and the JSON report carries them. */
const RULE_IDS = [
    // set level (issue: static gate)
    'duplicate-version',
    'invalid-name',
    'out-of-order',
    'name-order',
    'checksum-drift',
    'missing-migration',
    // statement level
    'syntax-error',
    'non-idempotent',
    'transaction-unsafe',
    // file content
    'unreadable-file',
    'empty-migration',
    // dry-run
    'dry-run-failed',
    'not-rerunnable',
    'dangerous-lock',
    'environment',
    // deploy
    'dirty-history',
];
function isRuleId(value) {
    return RULE_IDS.includes(value);
}
const SEVERITY_RANK = { error: 0, warning: 1 };
/** The findings of each file, in their order, files in order of their first finding; in one pass, however many a file has. */
function findingsByFile(findings) {
    const byFile = new Map();
    for (const f of findings) {
        const list = byFile.get(f.file);
        if (list)
            list.push(f);
        else
            byFile.set(f.file, [f]);
    }
    return byFile;
}
/** Most severe first, then by file, line and column, so every renderer lists findings the same way. */
function compareFindings(a, b) {
    return (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .compareText */ .n6)(a.file, b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .compareText */ .n6)(a.rule, b.rule));
}
/**
 * Each finding's fingerprint, stable across pushes that move its line: rule, file and message identify it, and among
 * identical ones (one statement written twice) its rank in the file, `<hash>:<n>` as code scanning's own
 * primaryLocationLineHash counts identical lines; identical findings sharing one would be merged into one alert.
 */
function fingerprintsOf(findings) {
    const hashes = findings.map((f) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${f.rule}\0${f.file}\0${f.message}`).digest('hex').slice(0, 32));
    const inFile = findings.map((_, i) => i).sort((a, b) => findings[a].line - findings[b].line || findings[a].column - findings[b].column);
    const seen = new Map();
    const out = [];
    for (const i of inFile) {
        const n = (seen.get(hashes[i]) ?? 0) + 1;
        seen.set(hashes[i], n);
        out[i] = `${hashes[i]}:${n}`;
    }
    return out;
}


/***/ }),

/***/ 1190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ plural),
/* harmony export */   N: () => (/* binding */ capital)
/* harmony export */ });
// Words the same in every renderer: "1 error", "2 errors"; a sentence's first letter.
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** `text` as the start of a sentence. */
function capital(text) {
    return `${text[0].toUpperCase()}${text.slice(1)}`;
}


/***/ }),

/***/ 8850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ CONFLICT_RULES),
/* harmony export */   f: () => (/* binding */ SCHEMA_VERSION)
/* harmony export */ });
// The Report is the one product of the gate: plain data, versioned, rendered by every door the same way.
// Its JSON shape is documented in README.md ("The JSON report"); bump SCHEMA_VERSION on a breaking change.
const SCHEMA_VERSION = 1;
/** Rules whose findings are conflicts between migrations rather than problems inside one. */
const CONFLICT_RULES = new Set([
    'duplicate-version',
    'checksum-drift',
    'out-of-order',
    'missing-migration',
    'name-order',
    'dirty-history',
]);


/***/ }),

/***/ 6355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ duplicateVersion),
/* harmony export */   K: () => (/* binding */ refusedVersions)
/* harmony export */ });
/* harmony import */ var _report_plural_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1190);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(934);
/* harmony import */ var _migration_set_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6806);
/* harmony import */ var _renumber_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8075);
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(914);
/* harmony import */ var _discover_graphile_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1563);
/* harmony import */ var _graphile_signatures_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3771);
// duplicate-version: two or more migrations in one folder share a version. A runner applies one of
// them and then skips the other (it records the version as done) or refuses to run at all.
// "Share" as the runner reads versions: `003` and `3` are one version to most, two to diesel (text),
// and Prisma, which knows a migration by its whole folder name, has no shared versions at all. node-pg-migrate knows one by
// its file name without the extension, so only a JavaScript and an SQL file of one name share it (a new one that sorts
// before one already run is out-of-order's). goose's Go migrations share versions with its SQL files.







/** What the preset's runner does with two migrations of one version, in its own words (read in its source). */
const RUNNERS = {
    // ResolvedMigrationComparator ties on the version: validate fails before anything runs. MigrationVersion prints the
    // version with its `_` read as `.` (getVersion), so V1_0__x.sql's is 1.0.
    flyway: (v) => `Flyway refuses to migrate: "Found more than one migration with version ${v.replace(/_/g, '.')}".`,
    // source/iofs Init: Migrations.Append refuses a second file of a version, and no command gets past opening the folder.
    'golang-migrate': () => 'golang-migrate refuses to read the folder ("duplicate migration file"), so every command fails.',
    // Migrations.Less panics with the int64 version, printed without its zeros.
    goose: (v) => `goose refuses to run: "duplicate version ${BigInt(v)} detected".`,
    // FindMigrations marks a file applied by its version: the second fails on its history row, then counts as applied.
    dbmate: () => 'dbmate runs both on a database that has neither: the second fails on its history row (duplicate key value violates unique constraint "schema_migrations_pkey") and is rolled back; from then on dbmate takes the version as applied and never runs it.',
    supabase: () => 'The Supabase CLI applies the first; the second stays pending, and pushing it fails on its history row (duplicate key value violates unique constraint "schema_migrations_pkey").',
    // runner.ts getMigrationsToRun leaves out every file whose name pgmigrations holds: a database that ran one takes the other for run.
    'node-pg-migrate': (name) => `node-pg-migrate runs both on a database that has neither, recording ${name} twice; on one that ran either, it takes the other for run and never runs it.`,
    // Migrator::run applies each file of a version _sqlx_migrations lacks, its row in the file's transaction, and compares
    // the checksum of each file of a version it has.
    sqlx: (v) => `sqlx runs both on a database that has neither: the second fails on its history row (duplicate key value violates unique constraint "_sqlx_migrations_pkey"), is rolled back, and \`sqlx migrate run\` stops there; on one that ran either, it refuses the other ("migration ${BigInt(v)} was previously applied but has been modified").`,
    // Revisions are keyed by version (migrate.go Execute reads the version's revision): the second file finds the first's and
    // compares its statements with the first's partial_hashes; Pending takes every file of a version at or below the last for applied.
    atlas: () => 'Atlas keys its revisions by version: on a database that has neither it runs the first, then fails on the second ("history changed: statement 1 from file … changed"); on one that ran either, it takes the other for applied and never runs it.',
    // getMigrationsAfter runs only the files whose number.sql sorts after the last one graphile_migrate.migrations holds.
    'graphile-migrate': (v) => `graphile-migrate knows both as ${v}.sql and runs only migrations numbered after the last one it ran: a database that ran one never runs the other.`,
};
/** The runners that refuse a folder holding two migrations of one version, before they run any of it. */
const REFUSE_THE_FOLDER = new Set(['flyway', 'golang-migrate', 'goose']);
const duplicateVersion = {
    id: 'duplicate-version',
    scope: 'set',
    defaultSeverity: 'error',
    description: 'Two or more migrations in one folder share a version: the runner applies one and skips or rejects the others.',
    // graphile-migrate's fix is a new commit on top, not a rename.
    renumbers: ({ migrations, history, options }) => {
        if (options.preset === 'graphile-migrate')
            return [];
        const onBase = (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .appliedTest */ .O5)(history);
        return (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .byFolder */ .c1)(migrations, options.preset).flatMap((folder) => newerOnes(folder, onBase, (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .versioning */ .F2)(options.preset)).map(({ m }) => m));
    },
    check(ctx) {
        const { migrations, history, options } = ctx;
        const onBase = (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .appliedTest */ .O5)(history);
        const runner = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .versioning */ .F2)(options.preset);
        // A history table other than the preset's runner's is another runner's (seed 002's own script on Supabase): its words are not known.
        const known = [_config_presets_js__WEBPACK_IMPORTED_MODULE_3__/* .PRESET_TABLE */ .rv[options.preset].history, 'auto'].includes(options.history.format) ? options.preset : null;
        const renumbered = (0,_renumber_js__WEBPACK_IMPORTED_MODULE_2__/* .plannedVersions */ .KO)(ctx, duplicateVersion);
        const drafts = [];
        for (const folder of (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .byFolder */ .c1)(migrations, options.preset)) {
            if (options.preset === 'flyway')
                drafts.push(...sameDescription(folder.filter((m) => m.kind === 'repeatable')));
            for (const { m, keeper, group } of newerOnes(folder, onBase, runner)) {
                const says = known ? RUNNERS[known] : undefined;
                const shared = runner.of(m, m.folder);
                const does = says ? ` ${says(shared)}` : '';
                // A rename leaves graphile-migrate's Previous header pointing at the file it was committed on: it must be signed again.
                const last = options.preset === 'graphile-migrate' ? (0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_4__/* .committedOrder */ .$c)(folder.filter((o) => o !== m)).at(-1) : undefined;
                drafts.push({
                    rule: 'duplicate-version',
                    file: m.file,
                    line: 0,
                    column: 0,
                    message: `${(0,_report_plural_js__WEBPACK_IMPORTED_MODULE_6__/* .capital */ .N)(runner.noun)} ${shared} is used by ${group.length} migrations in ${m.folder}/: ${group.map((g) => (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(g)).join(', ')}. ` +
                        `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} is the newer one (${onBase(m) ? 'later by file name; all are on the base' : onBase(keeper) ? 'not on the base' : 'later by file name'}).${does}`,
                    suggestion: (last ? (0,_graphile_signatures_js__WEBPACK_IMPORTED_MODULE_5__/* .commitAgain */ .El)(m, last).replace(/\.$/, '') : `Give ${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} the next free version ${renumbered.get(m).version}: ${(0,_renumber_js__WEBPACK_IMPORTED_MODULE_2__/* .planCommands */ .uk)(renumbered, m)}`) +
                        (onBase(m)
                            ? `. All of them are already on the base: renumber only one that no database has applied yet (check the history table first).`
                            : onBase(keeper)
                                ? ` (${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(keeper)} is on the base and keeps ${keeper.version}).`
                                : ''),
                    ...(!last && { renumbers: (0,_renumber_js__WEBPACK_IMPORTED_MODULE_2__/* .planVersions */ .j6)(renumbered, m) }),
                });
            }
        }
        return drafts;
    },
};
/** Why the preset's runner applies no migration of a folder (by folder): it refuses two of one version before it runs any. */
function refusedVersions(migrations, preset) {
    const refusals = new Map();
    const says = REFUSE_THE_FOLDER.has(preset) ? RUNNERS[preset] : undefined;
    if (!says)
        return refusals;
    const runner = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .versioning */ .F2)(preset);
    for (const folder of (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .byFolder */ .c1)(migrations, preset)) {
        const group = sameVersionGroups(folder.filter((m) => m.kind === 'versioned'), runner)[0];
        if (!group)
            continue;
        refusals.set(group[0].folder, `${group.map((m) => (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)).join(' and ')} share a ${runner.noun}: ${says(runner.of(group[0], group[0].folder)).replace(/\.$/, '')}`);
    }
    return refusals;
}
/**
 * Flyway refuses two repeatable migrations with one description (its name, `_` read as a space), wherever in the
 * location they sit: `R__views.sql` beside `2024/R__views.sql` stops every migrate.
 */
function sameDescription(repeatables) {
    const byDescription = new Map();
    for (const m of repeatables) {
        const description = m.name.replace(/_/g, ' ');
        byDescription.set(description, [...(byDescription.get(description) ?? []), m]);
    }
    return [...byDescription].flatMap(([description, group]) => group.slice(1).map((m) => ({
        rule: 'duplicate-version',
        file: m.file,
        line: 0,
        column: 0,
        message: `Repeatable migrations ${group.map((g) => (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(g)).join(', ')} share the description "${description}": Flyway refuses to migrate ` +
            `("Found more than one repeatable migration with description ${description}").`,
        suggestion: `Merge them into one file, or give ${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} a description of its own (its name after R__).`,
    })));
}
/** The migrations of a folder that share a version with an older one (the one on the base, else the first by file name), which keeps it. */
function newerOnes(folder, onBase, runner) {
    return sameVersionGroups(folder.filter((m) => m.kind === 'versioned'), runner).flatMap((group) => {
        const [keeper, ...rest] = [...group].sort((a, b) => Number(onBase(b)) - Number(onBase(a)) || (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(a.file, b.file));
        return rest.map((m) => ({ m, keeper: keeper, group }));
    });
}
/** Groups of two or more migrations whose versions the runner holds equal, in order. */
function sameVersionGroups(ms, runner) {
    const groups = new Map();
    for (const m of ms) {
        const key = runner.key(runner.of(m, m.folder));
        const group = groups.get(key);
        if (group)
            group.push(m);
        else
            groups.set(key, [m]);
    }
    return [...groups.values()].filter((g) => g.length > 1);
}


/***/ }),

/***/ 7827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cd: () => (/* binding */ typeRef),
/* harmony export */   g1: () => (/* binding */ earlierSchema),
/* harmony export */   oL: () => (/* binding */ DeclaredSchema),
/* harmony export */   rX: () => (/* binding */ valueUse)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5811);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7117);
/* harmony import */ var _sql_walk_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4023);
// Where a string literal becomes a value of an enum type: PostgreSQL gives an untyped literal the type its
// place asks for (a cast, the other side of a comparison, the column it is assigned or inserted to) and only
// then runs the enum's input function, which refuses a value added in the same transaction (55P04). Each
// place below was checked on PostgreSQL 15 and PGlite. Column types come from the tables, domains and enums the
// file declares (DeclaredSchema), falling back on a Schema of what the migrations before it left, where one is given.



const typeRef = (typeName) => {
    const t = (typeName ?? {});
    const { schema, name } = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(t.names));
    return { name: name || null, ...(schema !== undefined && { schema }), array: (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(t.arrayBounds).length > 0 };
};
/** Where a type or table is kept: an unqualified name in public, where the default search_path most plausibly puts it. */
const keyOf = (q) => `${q.schema ?? 'public'}.${q.name ?? ''}`;
/**
 * Whether a place of type `t` is of `type`: certain when the schemas match, or one is unwritten and the other is public;
 * 'maybe' when one is unwritten and the other another schema (the search_path decides); never for two different schemas.
 */
function sameType(t, type) {
    if (t.name !== type.name)
        return null;
    if (t.schema !== undefined && type.schema !== undefined)
        return t.schema === type.schema ? 'enum' : null;
    return (t.schema ?? type.schema ?? 'public') === 'public' ? 'enum' : 'maybe';
}
/**
 * The tables and enums the migrations before the file leave (columns' declared types, an enum's values). Their domains are
 * not read. An enum is looked up only when asked, which only a file that adds a value does.
 */
function earlierSchema(earlier) {
    return {
        table(name) {
            const t = earlier.table(name);
            // A type renamed since (Prisma's enum swap renames Role_new to Role) is the column's type under its new name.
            const type = (c) => (t?.types[c] ? earlier.renamedType(t.types[c]) : { name: null, array: false });
            return t ? { columns: t.columns.map((c) => ({ name: c, type: type(c) })), complete: true } : undefined;
        },
        domainBase: () => undefined,
        enumValues: (type) => earlier.enumType(type)?.values,
        enumComplete: (type) => earlier.enumType(type)?.complete === true,
    };
}
/**
 * The tables, domains and enums the statements so far declare, learnt one statement at a time, over what `before`
 * knows. Read only when asked: `before` (the earlier migrations, a text search away) is not consulted for a file that
 * never asks, which is nearly every file (only one that adds an enum value does).
 */
class DeclaredSchema {
    before;
    learned = [];
    state = null;
    constructor(before) {
        this.before = before;
    }
    learn(kind, node) {
        this.learned.push([kind, node]);
        this.state = null;
    }
    table(name) {
        return this.read().table(name);
    }
    domainBase(type) {
        return this.read().domainBase(type);
    }
    enumValues(type) {
        return this.read().enumValues(type);
    }
    /** Whether enumValues holds every value of the type: the file or an earlier migration made it, where a type made elsewhere may hold more. */
    enumComplete(type) {
        return this.read().enumComplete(type);
    }
    read() {
        if (!this.state) {
            this.state = new Declared(this.before);
            for (const [kind, node] of this.learned)
                this.state.learn(kind, node);
        }
        return this.state;
    }
}
/** DeclaredSchema's state, built statement by statement over `before`. */
class Declared {
    before;
    tables = new Map();
    domains = new Map();
    enums = new Map();
    /** The enums the file makes, or renames from one whose values are all known, under their names so far: their values are all known. */
    made = new Set();
    /** The names the file renames a type away from, or to: what `before` knows under them is another type's. */
    gone = new Set();
    /** The types the file renames so far, in order: a column of `before` holds its type under the name it had there. */
    renames = [];
    constructor(before) {
        this.before = before;
    }
    table(name) {
        const before = this.tables.has(keyOf(name)) ? undefined : this.before?.table(name);
        return this.tables.get(keyOf(name)) ?? (before && { columns: before.columns.map((c) => ({ name: c.name, type: this.renamed(c.type) })), complete: before.complete });
    }
    domainBase(type) {
        return this.domains.get(keyOf(type)) ?? this.before?.domainBase(type);
    }
    enumValues(type) {
        return this.enums.get(keyOf(type)) ?? this.beforeValues(type);
    }
    enumComplete(type) {
        return this.made.has(keyOf(type)) || (!this.gone.has(keyOf(type)) && this.before?.enumComplete?.(type) === true);
    }
    beforeValues(type) {
        return this.gone.has(keyOf(type)) ? undefined : this.before?.enumValues(type);
    }
    renamed(type) {
        let out = type;
        for (const [from, to] of this.renames)
            if (keyOf(out) === from)
                out = { ...to, array: out.array };
        return out;
    }
    /** The table or enum to change, copied from `before` the first time so that it stays as it was. */
    ownTable(name) {
        const known = this.table(name);
        const own = this.tables.get(keyOf(name)) ?? { columns: (known?.columns ?? []).map((c) => ({ ...c })), complete: known?.complete ?? false };
        this.tables.set(keyOf(name), own);
        return own;
    }
    ownEnum(type) {
        const own = this.enums.get(keyOf(type)) ?? new Set(this.beforeValues(type));
        this.enums.set(keyOf(type), own);
        return own;
    }
    learn(kind, node) {
        switch (kind) {
            case 'CreateStmt': {
                const elts = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(node.tableElts);
                const columns = elts.flatMap((e) => {
                    const def = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(e, 'ColumnDef');
                    return def ? [{ name: String(def.colname), type: typeRef(def.typeName) }] : [];
                });
                // LIKE, INHERITS, PARTITION OF and OF <type> bring columns the statement does not list.
                const complete = !elts.some((e) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(e, 'TableLikeClause')) && !(0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(node.inhRelations).length && !node.ofTypename;
                if (node.if_not_exists && this.table((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeVarName */ .KW)(node.relation)))
                    return;
                this.tables.set(keyOf((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeVarName */ .KW)(node.relation)), { columns, complete });
                return;
            }
            case 'AlterTableStmt': {
                const table = this.ownTable((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeVarName */ .KW)(node.relation));
                for (const c of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(node.cmds)) {
                    const cmd = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(c, 'AlterTableCmd');
                    const def = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(cmd?.def, 'ColumnDef');
                    const at = table.columns.findIndex((col) => col.name === cmd?.name);
                    if (cmd?.subtype === 'AT_AddColumn' && def && !table.columns.some((col) => col.name === def.colname)) {
                        table.columns.push({ name: String(def.colname), type: typeRef(def.typeName) });
                    }
                    else if (cmd?.subtype === 'AT_DropColumn' && at >= 0) {
                        table.columns.splice(at, 1);
                    }
                    else if (cmd?.subtype === 'AT_AlterColumnType' && def && at >= 0) {
                        table.columns[at] = { name: table.columns[at].name, type: typeRef(def.typeName) };
                    }
                }
                return;
            }
            case 'RenameStmt': {
                const name = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeVarName */ .KW)(node.relation);
                if (node.renameType === 'OBJECT_COLUMN' && this.table(name)) {
                    const column = this.ownTable(name).columns.find((c) => c.name === node.subname);
                    if (column)
                        column.name = String(node.newname);
                }
                else if (node.renameType === 'OBJECT_TABLE' && this.table(name)) {
                    this.tables.set(keyOf({ schema: name.schema, name: String(node.newname) }), this.ownTable(name));
                    this.tables.delete(keyOf(name));
                }
                else if (node.renameType === 'OBJECT_TYPE' || node.renameType === 'OBJECT_DOMAIN') {
                    // Columns, domains and values follow the type (they hold its oid), under its new name.
                    const old = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(node.object, 'List')?.items));
                    const to = { ...(old.schema !== undefined && { schema: old.schema }), name: String(node.newname) };
                    const values = this.enumValues(old);
                    if (values)
                        this.enums.set(keyOf(to), new Set(values));
                    const base = this.domainBase(old);
                    if (base)
                        this.domains.set(keyOf(to), base);
                    const complete = this.enumComplete(old);
                    for (const key of [keyOf(old), keyOf(to)]) {
                        this.made.delete(key);
                        this.gone.add(key);
                    }
                    if (complete)
                        this.made.add(keyOf(to));
                    this.enums.delete(keyOf(old));
                    this.domains.delete(keyOf(old));
                    this.renames.push([keyOf(old), to]);
                    for (const table of this.tables.values())
                        for (const c of table.columns)
                            if (keyOf(c.type) === keyOf(old))
                                c.type = { ...to, array: c.type.array };
                    for (const [domain, t] of this.domains)
                        if (keyOf(t) === keyOf(old))
                            this.domains.set(domain, { ...to, array: t.array });
                }
                return;
            }
            case 'DropStmt':
                if (node.removeType === 'OBJECT_TABLE')
                    for (const o of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(node.objects))
                        this.tables.delete(keyOf((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(o, 'List')?.items))));
                return;
            case 'CreateDomainStmt':
                this.domains.set(keyOf((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(node.domainname))), typeRef(node.typeName));
                return;
            case 'CreateEnumStmt':
                this.enums.set(keyOf((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(node.typeName))), new Set((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(node.vals).map(_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringOf */ .Je).filter((v) => v !== undefined)));
                this.made.add(keyOf((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(node.typeName))));
                return;
            case 'AlterEnumStmt': {
                const values = this.ownEnum((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .qualifiedName */ .OL)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(node.typeName)));
                if (typeof node.oldVal === 'string')
                    values.delete(node.oldVal);
                if (typeof node.newVal === 'string')
                    values.add(node.newVal);
                return;
            }
        }
    }
}
const TEXT = { name: 'text', array: false };
const BOOL = { name: 'bool', array: false };
const UNKNOWN = { name: null, array: false };
const STRING_TYPES = new Set(['text', 'varchar', 'bpchar', 'name', 'citext']);
/** Functions that take their string arguments as text (or "any", which a literal never turns into an enum) and return text. */
const TEXT_FUNCTIONS = new Set([
    'lower', 'upper', 'initcap', 'btrim', 'ltrim', 'rtrim', 'replace', 'translate', 'substr', 'substring', 'overlay', 'left', 'right',
    'lpad', 'rpad', 'split_part', 'repeat', 'reverse', 'concat', 'concat_ws', 'format', 'quote_ident', 'quote_literal', 'quote_nullable',
    'md5', 'regexp_replace', 'similar_to_escape',
]);
/** Functions that take their string arguments as text and return something else. */
const TEXT_ARGUMENTS = new Set([
    'length', 'char_length', 'octet_length', 'position', 'strpos', 'starts_with', 'regexp_like', 'regexp_match', 'regexp_matches',
    'regexp_split_to_array', 'regexp_split_to_table', 'string_to_array',
]);
/** Pattern matching operators: both sides are text (a column of an enum type has none of them). */
const MATCH_OPERATORS = new Set(['~~', '~~*', '!~~', '!~~*', '~', '~*', '!~', '!~*']);
const BOOL_KINDS = new Set(['AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_SIMILAR', 'AEXPR_IN', 'AEXPR_OP_ANY', 'AEXPR_OP_ALL', 'AEXPR_DISTINCT', 'AEXPR_NOT_DISTINCT', 'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN', 'AEXPR_BETWEEN_SYM', 'AEXPR_NOT_BETWEEN_SYM']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
/** The elements of an array literal ('{a,"b c"}'), empty for any other text. */
function arrayElements(text) {
    if (!/^\s*\{[\s\S]*\}\s*$/.test(text))
        return [];
    return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|[^{},\s][^{},]*/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[0].trim()));
}
const UNKNOWN_TABLE = { columns: [], complete: false };
/** A statement's own table (a bare RangeVar's fields) as a FROM item. */
const rangeVar = (fields) => ({ RangeVar: fields });
const columnOf = (table, name) => table.columns.find((c) => c.name === name)?.type ?? UNKNOWN;
/**
 * How `statement` (a `{ Kind: fields }` node) uses `value` of enum `type`: 'enum' where PostgreSQL turns it into
 * that type, 'maybe' where the file cannot tell, null where every literal holding it is provably of another type.
 */
function valueUse(statement, value, type, schema) {
    const uses = new Set();
    const resolve = (t) => {
        let out = t;
        // A domain over the enum (or over such a domain) takes the enum's input function too.
        for (let depth = 0; out.name !== null && sameType(out, type) !== 'enum' && depth < 8; depth++) {
            const base = schema.domainBase({ ...out, name: out.name });
            if (!base)
                break;
            out = { ...base, array: out.array || base.array };
        }
        return out;
    };
    const literal = (text, expect) => {
        const element = arrayElements(text).includes(value);
        if (!(expect.array ? element : text === value || (expect.name === null && element)))
            return;
        const t = resolve(expect);
        const use = t.name === null ? 'maybe' : sameType(t, type);
        if (use)
            uses.add(use);
    };
    const tableOf = (rv, scope) => {
        const name = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeVarName */ .KW)(rv);
        for (let s = scope; s && name.schema === undefined; s = s.outer) {
            const cte = s.ctes.get(name.name);
            if (cte)
                return cte;
        }
        return schema.table(name) ?? UNKNOWN_TABLE;
    };
    // Scopes and types are read from queries and expressions that nest as deep as PostgreSQL takes them: the functions
    // that read them call each other through runDeep (see Deep), and the walk keeps what it has still to walk on a stack.
    /** The tables a FROM item brings into scope, each under its alias or name. */
    function* relsOf(item, scope) {
        const rels = [];
        // A join's tables are its left side's, then its right side's, however deep joins chain.
        const pending = [item];
        while (pending.length) {
            const u = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .unwrap */ .oA)(pending.pop());
            if (!u)
                continue;
            const [kind, f] = u;
            if (kind === 'JoinExpr') {
                pending.push(f.rarg, f.larg);
                continue;
            }
            const alias = (f.alias ?? {});
            const renamed = (table) => {
                const names = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(alias.colnames);
                if (!names.length)
                    return table;
                return { columns: table.columns.map((c, i) => ({ name: names[i] ?? c.name, type: c.type })), complete: table.complete };
            };
            const aliasName = typeof alias.aliasname === 'string' ? alias.aliasname : undefined;
            if (kind === 'RangeVar')
                rels.push({ name: aliasName ?? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeVarName */ .KW)(f).name, table: renamed(tableOf(f, scope)) });
            else if (kind === 'RangeSubselect')
                rels.push({ name: aliasName ?? '', table: renamed(yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(outputOf(f.subquery, scope))) });
            else
                rels.push({ name: aliasName ?? '', table: UNKNOWN_TABLE });
        }
        return rels;
    }
    function* frame(outer, items, withClause) {
        const scope = { rels: [], ctes: new Map(), outer };
        for (const c of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(withClause?.ctes)) {
            const cte = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(c, 'CommonTableExpr');
            if (cte)
                scope.ctes.set(String(cte.ctename), yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(outputOf(cte.ctequery, scope)));
        }
        const rels = [];
        for (const item of items)
            for (const rel of yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(relsOf(item, scope)))
                rels.push(rel);
        scope.rels = rels;
        return scope;
    }
    const selectScope = (s, outer) => frame(outer, (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(s.fromClause), s.withClause);
    /** The columns a query gives, by name and type (a literal alone is text). */
    function* outputOf(query, scope) {
        let s = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(query, 'SelectStmt');
        // A set operation gives its first query's.
        while (s && s.op !== 'SETOP_NONE')
            s = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)({ SelectStmt: s.larg }, 'SelectStmt');
        if (!s)
            return UNKNOWN_TABLE;
        const inner = yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(selectScope(s, scope));
        const columns = [];
        for (const [i, t] of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(s.targetList).entries()) {
            const rt = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(t, 'ResTarget') ?? {};
            const name = typeof rt.name === 'string' ? rt.name : ((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(rt.val, 'ColumnRef')?.fields).pop() ?? `?column${i}?`);
            columns.push({ name, type: (yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(typeOf(rt.val, inner))) ?? TEXT });
        }
        const star = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(s.targetList).some((t) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(t, 'ResTarget')?.val, 'ColumnRef')?.fields).some((x) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(x, 'A_Star')));
        return { columns, complete: !star };
    }
    const columnType = (fields, scope) => {
        const names = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(fields);
        if (names.length !== (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(fields).length || !names.length)
            return UNKNOWN;
        const column = names[names.length - 1];
        const qualifier = names.length > 1 ? names[names.length - 2] : undefined;
        for (let s = scope; s; s = s.outer) {
            const rels = qualifier === undefined ? s.rels : s.rels.filter((r) => r.name === qualifier);
            for (const r of rels) {
                const c = r.table.columns.find((col) => col.name === column);
                if (c)
                    return c.type;
            }
            // A table whose columns are not all known may hold it; a table named by the qualifier ends the search.
            if (rels.some((r) => !r.table.complete) || (qualifier !== undefined && rels.length))
                return UNKNOWN;
        }
        return UNKNOWN;
    };
    /** Types worked out so far, by node, with the scope each was worked out in: the walk down `a || b || ...` asks for each at every step. */
    const types = new WeakMap();
    /** The type PostgreSQL gives `node`; undefined for an untyped literal (a string constant or NULL), which takes its type from its place. */
    function* typeOf(node, scope) {
        if (!node || typeof node !== 'object')
            return UNKNOWN;
        const known = types.get(node);
        if (known?.scope === scope)
            return known.type;
        const type = yield* readType(node, scope);
        types.set(node, { scope, type });
        return type;
    }
    function* readType(node, scope) {
        const u = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .unwrap */ .oA)(node);
        if (!u)
            return UNKNOWN;
        const [kind, f] = u;
        switch (kind) {
            case 'A_Const':
                if ('sval' in f || f.isnull)
                    return undefined;
                return { name: 'ival' in f ? 'int4' : 'fval' in f ? 'numeric' : 'boolval' in f ? 'bool' : 'bit', array: false };
            case 'TypeCast':
                return typeRef(f.typeName);
            case 'ColumnRef':
                return columnType(f.fields, scope);
            case 'A_Expr': {
                const op = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(f.name).pop() ?? '';
                if (BOOL_KINDS.has(String(f.kind)) || (f.kind === 'AEXPR_OP' && COMPARISONS.has(op)))
                    return BOOL;
                if (f.kind === 'AEXPR_NULLIF')
                    return yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(typeOf(f.lexpr, scope));
                if (op === '||')
                    return [yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(typeOf(f.lexpr, scope)), yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(typeOf(f.rexpr, scope))].find((t) => t?.array) ?? TEXT;
                if (op === '->>' || op === '#>>')
                    return TEXT;
                return MATCH_OPERATORS.has(op) ? BOOL : UNKNOWN;
            }
            case 'FuncCall':
                return TEXT_FUNCTIONS.has((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(f.funcname).pop() ?? '') ? TEXT : UNKNOWN;
            case 'CoalesceExpr':
            case 'MinMaxExpr':
                return yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(common((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.args), scope));
            case 'CaseExpr':
                return yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(common(caseResults(f), scope));
            case 'A_ArrayExpr':
                return { name: (yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(common((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.elements), scope))).name, array: true };
            case 'BoolExpr':
            case 'NullTest':
            case 'BooleanTest':
                return BOOL;
            case 'SubLink':
                if (f.subLinkType === 'EXPR_SUBLINK')
                    return (yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(outputOf(f.subselect, scope))).columns[0]?.type ?? UNKNOWN;
                return f.subLinkType === 'ARRAY_SUBLINK' ? UNKNOWN : BOOL;
            default:
                return UNKNOWN;
        }
    }
    const caseResults = (f) => [...(0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.args).map((w) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(w, 'CaseWhen')?.result), ...(f.defresult ? [f.defresult] : [])];
    /** The type untyped literals take beside `exprs` (CASE, COALESCE, IN, UNION, VALUES): the first typed one's, text when none is. */
    function* common(exprs, scope) {
        let unknown = false;
        for (const e of exprs) {
            const t = yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(typeOf(e, scope));
            if (t?.name)
                return t;
            if (t)
                unknown = true;
        }
        return unknown ? UNKNOWN : TEXT;
    }
    /** What is left to walk: nodes, each with the type a literal in it takes and its scope. */
    const pending = [];
    /** Walks `node`, a literal in which takes the type `expect`. */
    const walk = (node, expect, scope) => void pending.push([node, expect, scope]);
    /** Walks `node` itself: the nodes in it go on the stack (which is walked in no particular order, as all it finds is uses). */
    function visit(node, expect, scope) {
        if (Array.isArray(node)) {
            for (const item of node)
                walk(item, expect, scope);
            return;
        }
        const u = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .unwrap */ .oA)(node);
        if (!u) {
            if (node && typeof node === 'object')
                fields(node, scope);
            return;
        }
        const [kind, f] = u;
        switch (kind) {
            case 'A_Const':
                if (typeof f.sval?.sval === 'string')
                    literal(f.sval.sval, expect);
                return;
            case 'TypeCast': {
                const to = typeRef(f.typeName);
                const inner = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(f.arg, 'TypeCast');
                // 'v'::text::e still reaches the enum's input function; ARRAY['v']::e[] types its elements as e.
                if (inner && (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(inner.arg, 'A_Const') && STRING_TYPES.has(typeRef(inner.typeName).name ?? ''))
                    walk(inner.arg, to, scope);
                else if ((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(f.arg, 'A_ArrayExpr') && to.array)
                    castArray(f.arg, { name: to.name, array: false }, scope);
                else
                    walk(f.arg, to, scope);
                return;
            }
            case 'A_Expr':
                return expr(f, scope);
            case 'FuncCall': {
                const name = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(f.funcname).pop() ?? '';
                // enum_range(x) reads every value of x's type, whatever x holds (checked on PostgreSQL 15).
                const args = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.args);
                if (name === 'enum_range' && args.length === 1) {
                    const t = resolve((0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(typeOf(args[0], scope)) ?? UNKNOWN);
                    if (t.name !== null && !t.array && sameType(t, type))
                        uses.add(sameType(t, type) === 'enum' ? 'range' : 'maybe');
                }
                walk(f.args, TEXT_FUNCTIONS.has(name) || TEXT_ARGUMENTS.has(name) ? TEXT : UNKNOWN, scope);
                return fields(f, scope, ['args']);
            }
            case 'CoalesceExpr':
            case 'MinMaxExpr':
                return walk(f.args, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(common((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.args), scope)), scope);
            case 'CaseExpr': {
                const whens = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.args).map((w) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(w, 'CaseWhen')?.expr);
                if (f.arg)
                    walk([f.arg, ...whens], (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(common([f.arg, ...whens], scope)), scope);
                else
                    walk(whens, BOOL, scope);
                return walk(caseResults(f), (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(common(caseResults(f), scope)), scope);
            }
            case 'A_ArrayExpr':
                return walk(f.elements, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(common((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.elements), scope)), scope);
            case 'BoolExpr':
            case 'NullTest':
            case 'BooleanTest':
                return walk(f.args ?? f.arg, BOOL, scope);
            case 'SubLink':
                // x IN (SELECT ...), x = (SELECT ...): the left side takes the type of the query's column.
                walk(f.testexpr, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(outputOf(f.subselect, scope)).columns[0]?.type ?? UNKNOWN, scope);
                return walk(f.subselect, UNKNOWN, scope);
            case 'SelectStmt':
                return select(f, scope);
            case 'InsertStmt':
                return insert(f, scope);
            case 'UpdateStmt': {
                const inner = (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(frame(scope, [rangeVar(f.relation), ...(0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.fromClause)], f.withClause));
                assignments(f.targetList, inner.rels[0].table, inner);
                return fields(f, inner, ['targetList']);
            }
            case 'DeleteStmt':
                return fields(f, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(frame(scope, [rangeVar(f.relation), ...(0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.usingClause)], f.withClause)));
            case 'CreateStmt':
            case 'AlterTableStmt':
                return table(kind, f, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(frame(scope, [rangeVar(f.relation)], undefined)));
            case 'CreateFunctionStmt':
                return routine(f, scope);
            // Settings and options: their strings are never a column's value.
            case 'VariableSetStmt':
            case 'DefElem':
                return;
            default: {
                // CREATE INDEX, CREATE POLICY, CREATE TRIGGER: their expressions name the table's columns.
                const on = [f.relation, f.table].find((rv) => typeof rv?.relname === 'string');
                return fields(f, on ? (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(frame(scope, [rangeVar(on)], undefined)) : scope);
            }
        }
    }
    /** Walks every field of `f` but those in `skip`, where a bare literal could be anything. */
    function fields(f, scope, skip = []) {
        for (const [key, value] of Object.entries(f))
            if (!skip.includes(key))
                walk(value, UNKNOWN, scope);
    }
    function castArray(node, element, scope) {
        for (const arrays = [node]; arrays.length;) {
            for (const e of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(arrays.pop(), 'A_ArrayExpr')?.elements)) {
                if ((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(e, 'A_ArrayExpr'))
                    arrays.push(e);
                else
                    walk(e, element, scope);
            }
        }
    }
    function expr(f, scope) {
        const op = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)(f.name).pop() ?? '';
        const kind = String(f.kind);
        const other = (side) => (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(typeOf(side, scope)) ?? TEXT;
        if (kind === 'AEXPR_LIKE' || kind === 'AEXPR_ILIKE' || kind === 'AEXPR_SIMILAR' || MATCH_OPERATORS.has(op)) {
            return walk([f.lexpr, f.rexpr], TEXT, scope);
        }
        if (kind === 'AEXPR_IN' || kind.includes('BETWEEN')) {
            const list = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(f.rexpr, 'List');
            const all = [f.lexpr, ...(list ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(list.items) : [f.rexpr])];
            return walk(all, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(common(all, scope)), scope);
        }
        if (kind === 'AEXPR_OP_ANY' || kind === 'AEXPR_OP_ALL') {
            // A string on the right is an array literal of the left side's type; ARRAY[...] types its elements by themselves.
            const left = other(f.lexpr);
            const right = (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(typeOf(f.rexpr, scope));
            walk(f.lexpr, right ? { name: right.name, array: false } : TEXT, scope);
            return walk(f.rexpr, { name: left.name, array: true }, scope);
        }
        if (!f.lexpr)
            return walk(f.rexpr, UNKNOWN, scope);
        if (op === '||') {
            // text || anything, unless the other side is an array: then the literal is one of that array type.
            const arrayOf = (side) => ((0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(typeOf(side, scope))?.array ? other(side) : TEXT);
            walk(f.lexpr, arrayOf(f.rexpr), scope);
            return walk(f.rexpr, arrayOf(f.lexpr), scope);
        }
        // A comparison, IS DISTINCT FROM, NULLIF or another binary operator: each side takes the other's type.
        walk(f.lexpr, other(f.rexpr), scope);
        walk(f.rexpr, other(f.lexpr), scope);
    }
    function select(s, scope, targets) {
        if (s.op !== 'SETOP_NONE') {
            // UNION and the like type each column by all branches together, before any INSERT target.
            const branches = [];
            for (const sets = [s]; sets.length;) {
                const b = sets.pop();
                if (b.op !== 'SETOP_NONE')
                    sets.push(b.rarg, b.larg);
                else
                    branches.push(b);
            }
            const withCtes = (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(frame(scope, [], s.withClause));
            const types = new Map();
            const typeAt = (i) => types.get(i) ?? types.set(i, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(branchType(branches, i, withCtes))).get(i);
            for (const b of branches)
                select(b, withCtes, typeAt);
            return fields(s, scope, ['larg', 'rarg']);
        }
        const inner = (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(selectScope(s, scope));
        const rows = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(s.valuesLists).map((row) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(row, 'List')?.items));
        const columns = new Map();
        const column = (i) => targets?.(i) ?? columns.get(i) ?? columns.set(i, (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(common(rows.map((row) => row[i]), inner))).get(i);
        for (const row of rows)
            row.forEach((item, i) => walk(item, column(i), inner));
        (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(s.targetList).forEach((t, i) => walk((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(t, 'ResTarget')?.val, targets?.(i) ?? TEXT, inner));
        fields(s, inner, ['valuesLists', 'targetList']);
    }
    /** The type a set operation's branches give column `i`, each typed in its own FROM. */
    function* branchType(branches, i, scope) {
        let unknown = false;
        for (const b of branches) {
            const t = yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(typeOf((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(b.targetList)[i], 'ResTarget')?.val, yield* (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .nested */ .cY)(selectScope(b, scope))));
            if (t?.name)
                return t;
            if (t)
                unknown = true;
        }
        return unknown ? UNKNOWN : TEXT;
    }
    function insert(f, scope) {
        const inner = (0,_sql_walk_js__WEBPACK_IMPORTED_MODULE_2__/* .runDeep */ .MJ)(frame(scope, [rangeVar(f.relation)], f.withClause));
        const target = inner.rels[0].table;
        const named = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.cols).map((c) => String((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(c, 'ResTarget')?.name ?? ''));
        // Without a column list, values fill the columns in order: only a table whose columns are all known tells which.
        const columns = named.length ? named : target.complete ? target.columns.map((c) => c.name) : [];
        const typeAt = (i) => columnOf(target, columns[i]);
        const sel = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(f.selectStmt, 'SelectStmt');
        if (sel)
            select(sel, scope, typeAt);
        const conflict = (f.onConflictClause ?? {});
        const withExcluded = { rels: [...inner.rels, { name: 'excluded', table: target }], ctes: inner.ctes, outer: scope };
        assignments(conflict.targetList, target, withExcluded);
        fields(conflict, withExcluded, ['targetList']);
        fields(f, inner, ['selectStmt', 'onConflictClause']);
    }
    /** UPDATE ... SET and ON CONFLICT DO UPDATE SET: each value takes its column's type. */
    function assignments(targetList, target, scope) {
        for (const t of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(targetList)) {
            const rt = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(t, 'ResTarget') ?? {};
            const multi = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(rt.val, 'MultiAssignRef');
            const row = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(multi?.source, 'RowExpr');
            if (row)
                walk((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(row.args)[Number(multi.colno) - 1], columnOf(target, rt.name), scope);
            else if (multi)
                walk(multi.colno === 1 ? multi.source : undefined, UNKNOWN, scope);
            else
                walk(rt.val, columnOf(target, rt.name), scope);
        }
    }
    /** CREATE TABLE and ALTER TABLE: a DEFAULT takes its column's type, a USING the column's new type. */
    function table(kind, f, scope) {
        const columnDef = (def, type) => {
            for (const c of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(def.constraints)) {
                const con = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(c, 'Constraint');
                walk(con?.raw_expr, con?.contype === 'CONSTR_CHECK' ? BOOL : type, scope);
            }
            walk(def.raw_default, type, scope);
        };
        const items = kind === 'CreateStmt' ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.tableElts) : (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.cmds);
        for (const item of items) {
            const cmd = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(item, 'AlterTableCmd') ?? {};
            const def = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(item, 'ColumnDef') ?? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(cmd.def, 'ColumnDef');
            if (def)
                columnDef(def, typeRef(def.typeName));
            else if (cmd.subtype === 'AT_ColumnDefault')
                walk(cmd.def, columnOf(scope.rels[0].table, cmd.name), scope);
            else
                walk(cmd.def ?? item, UNKNOWN, scope);
        }
        // Partition bounds and the like: whatever their type, the file does not tell.
        fields(f, scope, ['tableElts', 'cmds']);
    }
    /** CREATE FUNCTION: a parameter's DEFAULT, and a SQL body, which PostgreSQL parses when it creates the function; other languages' bodies run only when called. */
    function routine(f, scope) {
        for (const p of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.parameters)) {
            const param = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(p, 'FunctionParameter');
            walk(param?.defexpr, typeRef(param?.argType), scope);
        }
        walk(f.sql_body, UNKNOWN, scope);
        const option = (name) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .asArray */ ._j)(f.options).map((o) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(o, 'DefElem')).find((d) => d?.defname === name);
        const language = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringOf */ .Je)(option('language')?.arg)?.toLowerCase();
        const body = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .stringsOf */ .iw)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeOf */ .E7)(option('as')?.arg, 'List')?.items)[0];
        if (language !== 'sql' || body === undefined)
            return;
        let stmts = [];
        try {
            stmts = ((0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_1__.pg)().parseSync(body).stmts ?? []).map((s) => s.stmt);
        }
        catch {
            // A body that does not parse fails on its own.
        }
        walk(stmts, UNKNOWN, scope);
    }
    walk(statement, UNKNOWN, null);
    for (let next = pending.pop(); next; next = pending.pop())
        visit(...next);
    return uses.has('enum') ? 'enum' : uses.has('range') ? 'range' : uses.has('maybe') ? 'maybe' : null;
}


/***/ }),

/***/ 3059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CG: () => (/* binding */ fileText),
/* harmony export */   mi: () => (/* binding */ replacing),
/* harmony export */   vt: () => (/* binding */ statementLines)
/* harmony export */ });
// Fixes replace whole lines of the file as written, while rules read the filled text (placeholders
// filled in): a statement's span maps back to the file exactly, or its rule offers no fix.
/** Where [start, end) of the filled text is in the file; null when either end falls inside a placeholder's value. */
function fileSpan({ template }, start, end) {
    const from = template.exactOffset(start);
    const to = template.exactOffset(end);
    return from === null || to === null ? null : { from, to };
}
/** [start, end) of the filled text as the file writes it; null when either end falls inside a placeholder's value. */
function fileText(ctx, start, end) {
    const span = fileSpan(ctx, start, end);
    return span && ctx.migration.sql.slice(span.from, span.to);
}
/** The lines of the file that hold [start, end) of the filled text; null when either end falls inside a placeholder's value. */
function statementLines(ctx, start, end) {
    const { template, migration } = ctx;
    const span = fileSpan(ctx, start, end);
    if (!span)
        return null;
    const { from, to } = span;
    const file = template.fileLines;
    const first = file.position(from).line;
    const last = file.position(Math.max(from, to - 1)).line;
    const lineEnd = last < file.lineCount ? file.lineStart(last + 1) - 1 : migration.sql.length;
    return {
        line: first + migration.lineOffset,
        endLine: last + migration.lineOffset,
        start: from,
        before: migration.sql.slice(file.lineStart(first), from),
        text: migration.sql.slice(from, to),
        after: migration.sql.slice(to, lineEnd),
    };
}
/** A fix putting `replacement` in place of lines `line` to `endLine`; a CR before a line break goes, as fixes are written with LF. */
function replacing(lines, replacement) {
    return { line: lines.line, endLine: lines.endLine, replacement: replacement.replace(/\r(?=\n|$)/g, '') };
}


/***/ }),

/***/ 3771:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ commitAgain),
/* harmony export */   Gh: () => (/* binding */ brokenChains),
/* harmony export */   QG: () => (/* binding */ tamperedSignatures),
/* harmony export */   iH: () => (/* binding */ headerLine)
/* harmony export */ });
/* harmony import */ var _discover_graphile_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1563);
/* harmony import */ var _migration_set_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6806);
// What graphile-migrate refuses in its signed, chained committed migrations, found without a database:
// a body that no longer matches its Hash (checksum-drift) and a Previous that is not the Hash of the
// file before it (out-of-order). Either stops `graphile-migrate migrate` before it runs anything.


/** A committed migration whose body does not match its Hash, or that allows an invalid hash it does not have. */
function tamperedSignatures(migrations, applied) {
    const drafts = [];
    for (const m of migrations) {
        const s = m.signature;
        if (!s || !(0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_0__/* .hashRefused */ .hr)(s))
            continue;
        const at = { rule: 'checksum-drift', file: m.file, line: headerLine(m, 'Hash'), column: 1 };
        if (s.allowInvalidHash) {
            drafts.push({
                ...at,
                line: headerLine(m, 'AllowInvalidHash'),
                message: `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} says \`--! AllowInvalidHash\`, but its body matches its Hash: graphile-migrate refuses it ("Invalid hash allowed ... but hash matches") and runs no migration.`,
                suggestion: 'Remove the `--! AllowInvalidHash` line.',
            });
            continue;
        }
        drafts.push({
            ...at,
            message: `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} was edited after \`graphile-migrate commit\` signed it: its body hashes to ${s.computed}, its Hash header says ${s.hash}. ` +
                'Where it has not run yet, graphile-migrate refuses it ("has the file been tampered with?") and stops there; where it has, the edit never runs.',
            suggestion: applied(m)
                ? 'Revert the edit and make the change in current.sql, as a new migration: databases that ran this one will not run it again. ' +
                    'If it must change because it no longer runs on a fresh database, add `--! AllowInvalidHash` as its first line.'
                : `Sign it again: move its body back to current.sql, delete ${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} and run \`graphile-migrate commit\`.`,
        });
    }
    return drafts;
}
/** Each committed migration whose Previous is not the Hash of the one before it, in graphile-migrate's order. */
function brokenChains(migrations) {
    const drafts = [];
    // Only graphile-migrate's files are signed: other folders need no sort.
    if (!migrations.some((m) => m.signature))
        return drafts;
    for (const folder of (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .byFolder */ .c1)(migrations, 'graphile-migrate')) {
        const signed = (0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_0__/* .committedOrder */ .$c)(folder).filter((m) => m.signature);
        const byHash = new Map(signed.map((m) => [m.signature.hash, m]));
        signed.forEach((m, i) => {
            const before = signed[i - 1];
            const want = before?.signature.hash ?? null;
            const previous = m.signature.previous;
            if (previous === want)
                return;
            const parent = previous === null ? null : byHash.get(previous);
            const committedOn = previous === null ? 'as the first migration' : parent ? `on top of ${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(parent)}` : `on top of ${previous}, which no migration here has as its Hash`;
            drafts.push({
                rule: 'out-of-order',
                file: m.file,
                line: headerLine(m, 'Previous'),
                column: 1,
                message: `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} was committed ${committedOn}, but ${before ? `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(before)} comes before it now` : 'it is the first migration now'}: ` +
                    `graphile-migrate refuses to run any migration ("${before ? "Previous migration with hash ... doesn't match" : 'expected a previous migration'}").`,
                suggestion: before
                    ? commitAgain(m, before)
                    : 'Restore the migrations before it, or commit it again as the first one (`--! Previous: -`) with `graphile-migrate commit`.',
            });
        });
    }
    return drafts;
}
/** How to sign `m` again on top of `last`, the last committed migration once it is gone: the fix for a broken chain. */
function commitAgain(m, last) {
    return `Commit it again on top of ${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(last)}: move its body to current.sql, delete ${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_1__/* .local */ .sr)(m)} and run \`graphile-migrate commit\`.`;
}
/** The 1-based line of a `--! <name>` header (headers are the file's first lines). */
function headerLine(m, name) {
    const lines = m.sql.split('\n', 8);
    const at = lines.findIndex((l) => l.startsWith(`--! ${name}`));
    return at + 1;
}


/***/ }),

/***/ 7738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y0: () => (/* binding */ RULES),
  MM: () => (/* binding */ checkRules),
  NU: () => (/* binding */ defaultSeverity),
  IO: () => (/* binding */ describeRule),
  SB: () => (/* binding */ inScope),
  hd: () => (/* binding */ resolve),
  xG: () => (/* binding */ runRules),
  "do": () => (/* binding */ runSetRules),
  serveFileRules: () => (/* binding */ serveFileRules),
  ff: () => (/* binding */ warmFileRules)
});

// UNUSED EXPORTS: PARALLEL_MIN_FILES, fileContext, runFileRules, runFileRulesInThreads

// EXTERNAL MODULE: ./src/sql/parser.ts
var parser = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/rules/pool.ts
var pool = __webpack_require__(3605);
// EXTERNAL MODULE: ./src/v8-tiers.ts + 1 modules
var v8_tiers = __webpack_require__(8594);
// EXTERNAL MODULE: ./src/sql/placeholders.ts
var placeholders = __webpack_require__(816);
// EXTERNAL MODULE: ./src/config/runner-placeholders.ts + 1 modules
var runner_placeholders = __webpack_require__(5024);
// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(5066);
;// CONCATENATED MODULE: ./src/rules/directives.ts
// Inline directives: `-- migration-gate: ignore <rule>[, <rule>]` silences rules for the statement
// that follows it; `-- migration-gate: ignore-file <rule>` for the whole file.
/** The text every directive contains (a file without it has no directives). */
const DIRECTIVE_MARK = 'migration-gate:';
const DIRECTIVE = /--\s*migration-gate:\s*(ignore-file|ignore)\s+([\w\s,-]+)/g;
function rulesIn(list) {
    return list.split(/[\s,]+/).filter(Boolean);
}
/** Directives from the raw text (ignore-file) and from each statement's leading comments (ignore). */
function readDirectives(text, statements) {
    const file = new Set();
    for (const m of text.matchAll(DIRECTIVE))
        if (m[1] === 'ignore-file')
            rulesIn(m[2]).forEach((r) => file.add(r));
    const stmts = [];
    for (const s of statements) {
        const rules = new Set();
        for (const m of s.leading.matchAll(DIRECTIVE))
            if (m[1] === 'ignore')
                rulesIn(m[2]).forEach((r) => rules.add(r));
        if (rules.size)
            stmts.push({ line: s.line, endLine: s.endLine, rules });
    }
    return { file, statements: stmts };
}
function isSilenced(f, d) {
    if (d.file.has(f.rule) || d.file.has('all'))
        return true;
    return d.statements.some((s) => f.line >= s.line && f.line <= s.endLine && (s.rules.has(f.rule) || s.rules.has('all')));
}

// EXTERNAL MODULE: ./src/rules/renumber.ts
var renumber = __webpack_require__(8075);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/warnings.ts
var warnings = __webpack_require__(286);
// EXTERNAL MODULE: ./src/atomic-file.ts
var atomic_file = __webpack_require__(3549);
// EXTERNAL MODULE: ./src/checksum/digest.ts
var digest = __webpack_require__(7807);
;// CONCATENATED MODULE: ./src/rules/lint-cache.ts
// The lint cache (opt-in, like ESLint's --cache): what the file rules found in each migration, kept
// on disk and reused while the file, the build, the options that reach the rules and the earlier files
// they consulted are unchanged. The file rules are pure functions of those, so a hit is exactly what a
// fresh lint would say.








/** scripts/build.mjs replaces this with a hash of src/ and the lock file: another build, another cache. */
const BUILD_ID = '237aae3456ecf0f0';
const CACHE_FILE = 'lint-v1.json';
const sha256 = (text) => (0,digest/* hexDigest */.w)('sha256', text);
/**
 * The options that can change what a file rule says. Everything else is in the digest, so an option
 * added later invalidates the cache until it is listed here as one the file rules never read.
 * Placeholder values are keyed file by file, as filled (migrationHash): a value, configured or built
 * in (Flyway's from the search path and history table), reaches only the files that use it.
 */
function optionsDigest(options) {
    const { root, folders, base, mode, all, dryRun, failOn, history, checksum, apply, cache, rules, placeholders, ...rest } = options;
    // Severities are applied after the rules run; only which rules run reaches them.
    const off = Object.entries(rules).filter(([, setting]) => setting === 'off').map(([rule]) => rule).sort();
    // The search_path decides which schema an unqualified name stands for (non-idempotent reads it).
    return sha256(JSON.stringify({ ...rest, off, searchPath: dryRun.searchPath }));
}
/** Everything the rules read of a migration: all of it but the raw bytes, whose text is `sql`, and how its placeholders are filled. */
function migrationHash(m, fills) {
    const { bytes, sql, ...fields } = m;
    return sha256(`${JSON.stringify(fields)}\0${JSON.stringify(fills)}\0${sql}`);
}
class LintCache {
    dir;
    options;
    file;
    stored;
    changed = false;
    /** Each migration is hashed once: a miss is looked up, then stored. */
    hashes = new WeakMap();
    regex;
    constructor(dir, options, found) {
        this.dir = dir;
        this.options = options;
        this.file = (0,external_node_path_.join)(dir, CACHE_FILE);
        const tool = `${version/* TOOL_VERSION */.w}+${BUILD_ID}`;
        const digest = optionsDigest(options);
        const usable = found?.tool === tool && found.options === digest && typeof found.files === 'object' && found.files !== null;
        this.stored = usable ? found : { tool, options: digest, files: {} };
        this.changed = !usable && found !== null;
        this.regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns);
    }
    /** The cache in `dir`; an unreadable or foreign file reads as empty and is replaced on save. */
    static open(dir, options) {
        let found = null;
        try {
            found = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, CACHE_FILE), 'utf8'));
        }
        catch {
            // No cache yet, or not one this version can read: start afresh.
        }
        return new LintCache(dir, options, found);
    }
    /** What the file rules found in `m` last time, when nothing they read (of it, and of the `earlier` files) has changed since. */
    get(m, earlier) {
        const entry = this.stored.files[m.file];
        if (!entry || entry.hash !== this.hashOf(m) || !Array.isArray(entry.drafts))
            return null;
        if (entry.earlier && (!Array.isArray(entry.earlier.terms) || entry.earlier.digest !== earlier.digest(m.file, entry.earlier.terms)))
            return null;
        return { file: m.file, drafts: entry.drafts, directives: entry.directives && reviveDirectives(entry.directives) };
    }
    put(m, lint, earlier) {
        const entry = { hash: this.hashOf(m), drafts: lint.drafts, directives: lint.directives && storeDirectives(lint.directives) };
        const terms = lint.earlierTerms;
        if (terms)
            entry.earlier = { terms, digest: earlier.digest(m.file, terms) };
        this.stored.files[m.file] = entry;
        this.changed = true;
    }
    hashOf(m) {
        let hash = this.hashes.get(m);
        if (hash === undefined)
            this.hashes.set(m, (hash = migrationHash(m, (0,runner_placeholders/* fillsOf */.ED)(m, this.options, this.regex))));
        return hash;
    }
    /**
     * Writes the cache when it changed, keeping the entries of `present` files only. Written whole or not
     * at all (writeAtomically), so a reader never sees half a cache; a failure only costs the speed-up.
     */
    save(present) {
        const keep = new Set(present.map((m) => m.file));
        for (const file of Object.keys(this.stored.files)) {
            if (!keep.has(file)) {
                delete this.stored.files[file];
                this.changed = true;
            }
        }
        if (!this.changed)
            return;
        try {
            if (!(0,external_node_fs_.existsSync)(this.dir)) {
                (0,external_node_fs_.mkdirSync)(this.dir, { recursive: true });
                // A folder of our own: keep it out of `git status`, as ruff and pytest do with theirs.
                (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(this.dir, '.gitignore'), '# written by migration-gate: a lint cache, safe to delete\n*\n');
            }
            (0,atomic_file/* writeAtomically */.v)(this.file, JSON.stringify(this.stored));
            this.changed = false;
        }
        catch (e) {
            (0,warnings/* warn */.R)(`the lint cache was not saved in ${this.dir} (${e.message}); the findings are complete without it`);
        }
    }
}
function storeDirectives(d) {
    return { file: [...d.file], statements: d.statements.map((s) => ({ ...s, rules: [...s.rules] })) };
}
function reviveDirectives(d) {
    return { file: new Set(d.file), statements: d.statements.map((s) => ({ ...s, rules: new Set(s.rules) })) };
}

;// CONCATENATED MODULE: ./src/rules/alike-runs.ts
// A run of alike findings: a seed file's ten thousand INSERTs without ON CONFLICT, or a pg_dump baseline's CREATEs
// of one kind, each said alike. Listed one by one they bury the rest of the report (a 34 MB seed gave 200,001
// warnings and a 176 MB JSON report); folded, the run is one finding at its first statement that says how many
// follow, and whose fix, for --fix, rewrites every one of them.
/** Runs shorter than this stay one finding per statement: a reader can still take them in. */
const FOLD_FROM = 10;
/**
 * `drafts` (of one file, each rule's in line order) with every run of FOLD_FROM or more consecutive drafts of one rule
 * and one message folded into one; `fileText` is the file as written, for the lines between the run's fixes.
 */
function foldAlikeRuns(drafts, fileText) {
    const out = [];
    let lines;
    for (let start = 0; start < drafts.length;) {
        let end = start + 1;
        while (end < drafts.length && alike(drafts[end - 1], drafts[end]))
            end++;
        if (end - start < FOLD_FROM)
            out.push(...drafts.slice(start, end));
        else
            out.push(folded(drafts.slice(start, end), () => (lines ??= fileLines(fileText))));
        start = end;
    }
    return out;
}
function alike(a, b) {
    return a.rule === b.rule && a.message === b.message && a.severity === b.severity && a.line < b.line;
}
function folded(run, lines) {
    const first = run[0];
    const last = run[run.length - 1];
    const more = run.length - 1;
    const draft = {
        ...first,
        message: `${first.message} The same holds for the ${more} statements like it after it, up to line ${last.line}.`,
    };
    const fixes = run.flatMap((d) => (d.fix ? [d.fix] : []));
    if (fixes.length) {
        draft.fix = merged(fixes, lines());
        draft.suggestion = `${first.suggestion ?? ''} The same goes for each statement after it${fixes.length === run.length ? '' : ' that --fix can rewrite'}; --fix rewrites them all.`.trim();
    }
    return draft;
}
/** One fix from the first fix's first line to the last one's last: each fix's replacement, the lines between as they are. */
function merged(fixes, lines) {
    const parts = [];
    let next = fixes[0].line;
    for (const fix of fixes) {
        // Overlapping fixes (two findings on one statement) keep the first, as --fix would.
        if (fix.line < next)
            continue;
        parts.push(...lines.slice(next - 1, fix.line - 1), fix.replacement);
        next = fix.endLine + 1;
    }
    return { line: fixes[0].line, endLine: next - 1, replacement: parts.join('\n') };
}
/** The file's lines as --fix sees them: no BOM, no carriage returns (it writes the file's own line break back). */
function fileLines(text) {
    return text.replace(/^\uFEFF/, '').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/sql/ast.ts + 1 modules
var ast = __webpack_require__(5811);
// EXTERNAL MODULE: ./src/sql/split.ts
var split = __webpack_require__(6448);
// EXTERNAL MODULE: ./src/sql/copy-data.ts
var copy_data = __webpack_require__(6652);
// EXTERNAL MODULE: ./src/dryrun/supabase-preset.ts
var supabase_preset = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/sql/walk.ts
var walk = __webpack_require__(4023);
// EXTERNAL MODULE: ./src/rules/enum-literals.ts
var enum_literals = __webpack_require__(7827);
;// CONCATENATED MODULE: ./src/rules/idempotency/keys.ts
// The unique keys of a table as the migrations so far leave it, and the columns an INSERT fills: ON CONFLICT
// stops a second run's rows only when a key it fires on (any key, or the one its target names) gets the same values again.
// One fold reads them, statement by statement, for the file linted and for the migrations before it (earlier.ts);
// it keeps the names of the table's other constraints too, for a DROP CONSTRAINT on a table the file makes.



const SERIAL = new Set(['smallserial', 'serial2', 'serial', 'serial4', 'bigserial', 'serial8']);
const KEY_CONSTRAINTS = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);
/** Column constraints that keep a column an INSERT leaves out from being NULL (or make the INSERT fail). */
const NEVER_NULL = new Set(['CONSTR_DEFAULT', 'CONSTR_NOTNULL', 'CONSTR_PRIMARY', 'CONSTR_GENERATED']);
/** The suffix PostgreSQL ends a made-up constraint or index name with. */
const SUFFIX = { CONSTR_PRIMARY: 'pkey', CONSTR_UNIQUE: 'key', CONSTR_EXCLUSION: 'excl', index: 'idx' };
/** The name PostgreSQL gives an unnamed key: <table>_pkey, else <table>_<columns>_key (or _excl, _idx); `expr` for an expression. */
function madeUpName(table, columns, kind) {
    return kind === 'CONSTR_PRIMARY' ? `${table.name}_pkey` : [table.name, ...columns.map((c) => c ?? 'expr'), SUFFIX[kind]].join('_');
}
/** Whether a DEFAULT gives the same value on every run: a constant, possibly cast (however many times). */
function constant(expr) {
    let u = (0,ast/* unwrap */.oA)(expr);
    while (u?.[0] === 'TypeCast')
        u = (0,ast/* unwrap */.oA)(u[1].arg);
    return u?.[0] === 'A_Const';
}
const indexColumn = (elem) => {
    const name = (0,ast/* nodeOf */.E7)(elem, 'IndexElem')?.name;
    return typeof name === 'string' ? name : null;
};
/** A key constraint's key; null for other constraints and USING INDEX (that index's CREATE counts). */
function constraintKey(table, con) {
    if (!KEY_CONSTRAINTS.has(String(con.contype)))
        return null;
    const columns = con.contype === 'CONSTR_EXCLUSION' ? (0,ast/* asArray */._j)(con.exclusions).map((pair) => indexColumn((0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(pair, 'List')?.items)[0])) : (0,ast/* stringsOf */.iw)(con.keys);
    if (!columns.length)
        return null;
    const name = typeof con.conname === 'string' ? con.conname : madeUpName(table, columns, String(con.contype));
    return { columns, nullsConflict: con.nulls_not_distinct === true, name, partial: false, constraint: true };
}
/**
 * The name PostgreSQL gives a CHECK, foreign key or NOT NULL constraint of `table` (on `column`, written in its definition) that
 * has none: `t_c_check`, `t_check`, `t_c_fkey`, `t_c_not_null` (PostgreSQL 18 names NOT NULL constraints).
 */
function constraintName(table, con, column) {
    if (typeof con.conname === 'string')
        return con.conname;
    if (con.contype === 'CONSTR_FOREIGN')
        return `${table.name}_${(column ? [column] : (0,ast/* stringsOf */.iw)(con.fk_attrs)).join('_')}_fkey`;
    if (con.contype === 'CONSTR_NOTNULL')
        return `${table.name}_${column ?? (0,ast/* stringsOf */.iw)(con.keys)[0]}_not_null`;
    // A CHECK is named for its column when its expression reads exactly one, wherever it is written.
    const read = [...(0,ast/* columnsRead */.YL)(con.raw_expr)];
    return `${table.name}_${read.length === 1 ? `${read[0]}_` : ''}check`;
}
const OTHER_CONSTRAINTS = new Set(['CONSTR_CHECK', 'CONSTR_FOREIGN', 'CONSTR_NOTNULL']);
/** A table constraint (or `column`'s own): a key, a primary key's columns NOT NULL, or another constraint. */
function addConstraint(out, con, column) {
    if (typeof con.indexname === 'string') {
        // ADD ... USING INDEX makes the unique index the constraint, renamed to the constraint's name.
        const name = typeof con.conname === 'string' ? con.conname : con.indexname;
        out.keys = out.keys.map((k) => (k.name === con.indexname ? { ...k, name, constraint: true } : k));
        return;
    }
    if (OTHER_CONSTRAINTS.has(String(con.contype))) {
        const own = column ? [column] : [...(0,ast/* stringsOf */.iw)(con.fk_attrs), ...(0,ast/* stringsOf */.iw)(con.keys)];
        out.constraints.push({ name: constraintName(out.table, con, column), columns: [...new Set([...own, ...(0,ast/* columnsRead */.YL)(con.raw_expr)])] });
        return;
    }
    const key = constraintKey(out.table, column ? { ...con, keys: [{ String: { sval: column } }] } : con);
    if (!key)
        return;
    out.keys.push(key);
    if (con.contype === 'CONSTR_PRIMARY')
        out.valued.push(...key.columns.filter((c) => c !== null));
}
/** A column definition's name, whether a default makes its value, and its own PRIMARY KEY or UNIQUE. */
function addColumn(out, def) {
    const name = String(def.colname);
    const constraints = (0,ast/* asArray */._j)(def.constraints).map((c) => (0,ast/* nodeOf */.E7)(c, 'Constraint') ?? {});
    const type = (0,ast/* stringsOf */.iw)(def.typeName?.names);
    const serial = type.length === 1 && SERIAL.has(type[0]);
    const filled = constraints.some((c) => c.contype === 'CONSTR_IDENTITY' || (c.contype === 'CONSTR_DEFAULT' && !constant(c.raw_expr)));
    out.columns.push(name);
    out.types[name] = (0,enum_literals/* typeRef */.Cd)(def.typeName);
    if (serial || filled)
        out.generated.push(name);
    if (constraints.some((c) => NEVER_NULL.has(String(c.contype))))
        out.valued.push(name);
    for (const c of constraints)
        addConstraint(out, c, name);
}
/** A CREATE TABLE's columns and keys; undefined when LIKE, INHERITS, PARTITION OF or OF <type> may bring more. */
function created(table, node, made) {
    const elements = (0,ast/* asArray */._j)(node.tableElts);
    if ((0,ast/* asArray */._j)(node.inhRelations).length || node.partbound || node.ofTypename || elements.some((e) => (0,ast/* nodeOf */.E7)(e, 'TableLikeClause')))
        return undefined;
    const out = { table, columns: [], types: {}, keys: [], constraints: [], generated: [], valued: [], made };
    for (const e of elements) {
        const column = (0,ast/* nodeOf */.E7)(e, 'ColumnDef');
        if (column)
            addColumn(out, column);
        addConstraint(out, (0,ast/* nodeOf */.E7)(e, 'Constraint') ?? {});
    }
    return out;
}
/** A copy to change: the state before stays as the fold of an earlier statement left it. */
const copy = (t, file) => ({
    ...t,
    columns: [...t.columns],
    types: { ...t.types },
    keys: [...t.keys],
    constraints: [...t.constraints],
    generated: [...t.generated],
    valued: [...t.valued],
    made: { ...t.made, changed: t.made.changed || file !== t.made.file },
});
const without = (list, column) => list.filter((c) => c !== column);
/** What ALTER TABLE does: columns and key constraints added or dropped, defaults, identities or NOT NULL set on a column. */
function altered(before, cmds, file) {
    const out = copy(before, file);
    for (const c of cmds) {
        const cmd = (0,ast/* nodeOf */.E7)(c, 'AlterTableCmd') ?? {};
        const column = (0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef');
        const name = String(cmd.name);
        if (cmd.subtype === 'AT_AddColumn' && column)
            addColumn(out, column);
        else if (cmd.subtype === 'AT_AddConstraint')
            addConstraint(out, (0,ast/* nodeOf */.E7)(cmd.def, 'Constraint') ?? {});
        else if (cmd.subtype === 'AT_AddIdentity')
            out.generated.push(name);
        else if (cmd.subtype === 'AT_ColumnDefault' && cmd.def)
            (constant(cmd.def) ? out.valued : out.generated).push(name);
        else if (cmd.subtype === 'AT_SetNotNull')
            out.valued.push(name);
        else if (cmd.subtype === 'AT_AlterColumnType' && column)
            out.types[name] = (0,enum_literals/* typeRef */.Cd)(column.typeName);
        else if (cmd.subtype === 'AT_DropConstraint') {
            out.keys = out.keys.filter((k) => k.name !== name);
            out.constraints = out.constraints.filter((c) => c.name !== name);
        }
        else if (cmd.subtype === 'AT_DropColumn') {
            // Every index and constraint on the column goes with it, a multi-column one too.
            Object.assign(out, { columns: without(out.columns, name), generated: without(out.generated, name), valued: without(out.valued, name) });
            delete out.types[name];
            out.keys = out.keys.filter((k) => !k.columns.includes(name));
            out.constraints = out.constraints.filter((c) => !c.columns.includes(name));
        }
    }
    return out;
}
/** A unique index's columns, as one more key of its table. */
function indexed(before, node, file) {
    const out = copy(before, file);
    const columns = (0,ast/* asArray */._j)(node.indexParams).map(indexColumn);
    const name = typeof node.idxname === 'string' ? node.idxname : madeUpName(before.table, columns, 'index');
    out.keys.push({ columns, nullsConflict: node.nulls_not_distinct === true, name, partial: node.whereClause !== undefined, constraint: false });
    return out;
}
/** The state with `keys` changed; unchanged (the same object) when it has no key `keys` changes. */
function rekeyed(before, keys, file) {
    if (!before)
        return before;
    const next = keys(before.keys);
    return next.length === before.keys.length && next.every((k, i) => k === before.keys[i]) ? before : { ...copy(before, file), keys: next };
}
/** Whether DROP or ALTER INDEX `index` names key `k` of `table`: an index lives in its table's schema. */
const namesKey = (index, table, k) => k.name === index.name && (0,ast/* sameName */.q)(index, { schema: table.schema, name: index.name });
/** A table moved to `table` by a RENAME or SET SCHEMA: its keys, under its new name. */
const moved = (from, table, file) => from && { ...copy(from, file), table };
/**
 * What a statement does to `table`, or null when it leaves it alone (names compare as sameName does: an unqualified
 * one matches the same name in any schema, since the runner's search_path decides). CREATE (a guarded one leaves
 * a table that is there as it is), CREATE TABLE AS, ALTER, CREATE UNIQUE INDEX, DROP TABLE / INDEX, RENAME of the
 * table, a column, a constraint or an index, SET SCHEMA. Its state before is read only when the change needs it (an unguarded CREATE does not).
 */
/** Whether keyChange can see a change in statement `kind`: it reads these alone, and a SELECT only with INTO. */
function mayChangeKeys(kind, node) {
    return KEY_KINDS.has(kind) && (kind !== 'SelectStmt' || node.intoClause !== undefined);
}
const KEY_KINDS = new Set(['CreateStmt', 'CreateTableAsStmt', 'SelectStmt', 'AlterTableStmt', 'IndexStmt', 'DropStmt', 'RenameStmt', 'AlterObjectSchemaStmt']);
function keyChange(kind, node, table, ctx) {
    const file = ctx.file;
    switch (kind) {
        case 'CreateStmt': {
            if (!(0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(node.relation), table))
                return null;
            // Read when the fold applies it: a caller may only ask whether this statement changes the table.
            const made = () => created((0,ast/* rangeVarName */.KW)(node.relation), node, { file, guarded: node.if_not_exists === true || ctx.guarded, changed: false });
            return node.if_not_exists || ctx.guarded ? (before) => (before === null ? made() : before) : made;
        }
        case 'CreateTableAsStmt':
        case 'SelectStmt': {
            // CREATE TABLE AS and SELECT INTO make a table whose columns the statement does not spell out.
            const into = (kind === 'SelectStmt' ? node.intoClause : node.objtype === 'OBJECT_TABLE' && node.into);
            return into && (0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(into.rel), table) ? () => undefined : null;
        }
        case 'AlterTableStmt':
            return node.objtype === 'OBJECT_TABLE' && (0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(node.relation), table) ? (before) => before && altered(before, (0,ast/* asArray */._j)(node.cmds), file) : null;
        case 'IndexStmt':
            return node.unique && (0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(node.relation), table) ? (before) => before && indexed(before, node, file) : null;
        case 'DropStmt': {
            const names = (0,ast/* asArray */._j)(node.objects).map((o) => (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(o, 'List')?.items)));
            if (node.removeType === 'OBJECT_TABLE')
                return names.some((n) => (0,ast/* sameName */.q)(n, table)) ? () => null : null;
            if (node.removeType !== 'OBJECT_INDEX')
                return null;
            return (before) => rekeyed(before, (keys) => keys.filter((k) => !names.some((n) => namesKey(n, table, k))), file);
        }
        case 'RenameStmt': {
            const newname = String(node.newname);
            if (node.renameType === 'OBJECT_TABLE') {
                const from = (0,ast/* rangeVarName */.KW)(node.relation);
                const to = { ...from, name: newname };
                if ((0,ast/* sameName */.q)(to, table))
                    return () => moved(ctx.prior(from), to, file);
                return (0,ast/* sameName */.q)(from, table) ? () => null : null;
            }
            if (node.renameType === 'OBJECT_INDEX') {
                const index = (0,ast/* rangeVarName */.KW)(node.relation);
                return (before) => rekeyed(before, (keys) => keys.map((k) => (namesKey(index, table, k) ? { ...k, name: newname } : k)), file);
            }
            if (!(0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(node.relation), table))
                return null;
            const old = String(node.subname);
            if (node.renameType === 'OBJECT_TABCONSTRAINT') {
                const named = (list) => list.map((c) => (c.name === old ? { ...c, name: newname } : c));
                // Unchanged (the same object) when it has no constraint of that name, as `rekeyed` leaves it.
                return (before) => (before && [...before.keys, ...before.constraints].some((c) => c.name === old) ? { ...copy(before, file), keys: named(before.keys), constraints: named(before.constraints) } : before);
            }
            if (node.renameType !== 'OBJECT_COLUMN')
                return null;
            const rename = (list) => list.map((c) => (c === old ? newname : c));
            return (before) => before && {
                ...copy(before, file),
                columns: rename(before.columns),
                types: Object.fromEntries(Object.entries(before.types).map(([c, t]) => [c === old ? newname : c, t])),
                generated: rename(before.generated),
                valued: rename(before.valued),
                keys: before.keys.map((k) => ({ ...k, columns: rename(k.columns) })),
                constraints: before.constraints.map((c) => ({ ...c, columns: rename(c.columns) })),
            };
        }
        case 'AlterObjectSchemaStmt': {
            if (node.objectType !== 'OBJECT_TABLE')
                return null;
            const from = (0,ast/* rangeVarName */.KW)(node.relation);
            // Into the table's place first: an unqualified name matches both ends of the move.
            const to = { schema: String(node.newschema), name: from.name };
            if ((0,ast/* sameName */.q)(to, table))
                return () => moved(ctx.prior(from), to, file);
            return (0,ast/* sameName */.q)(from, table) ? () => null : null;
        }
        default:
            return null;
    }
}
// Calls that give a new value on every run, in any schema (Supabase writes extensions.uuid_generate_v4()); now() differs between runs.
const VOLATILE = new Set([
    'gen_random_uuid', 'uuidv4', 'uuidv7', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'nextval', 'random',
    'clock_timestamp', 'now', 'statement_timestamp', 'transaction_timestamp',
]);
// The SQL functions without parentheses that tell the time, as now() does (CURRENT_DATE stays the same all day).
const CLOCKS = new Set(['CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'CURRENT_TIME', 'LOCALTIME']);
// Types a new value keeps apart in, without a length or precision: now()::date repeats all day, random()::int mostly.
const LOSSLESS = new Set(['text', 'varchar', 'uuid', 'timestamp', 'timestamptz']);
// nextval() counts up: an integer type keeps its values apart too (nextval('s')::int).
const COUNTING = new Set(['int2', 'int4', 'int8', 'numeric']);
const exact = (type, names) => !(0,ast/* asArray */._j)(type.typmods).length && !(0,ast/* asArray */._j)(type.arrayBounds).length && names.has((0,ast/* stringsOf */.iw)(type.names).pop() ?? '');
// Operators and calls whose value stays new when one operand is and the others are constants: 'evt-' || gen_random_uuid(),
// now() + interval '1 day', nextval('s') + 1000, md5(random()::text). date_trunc() and arithmetic into an int repeat.
const SHIFTS = new Set(['||', '+', '-']);
const KEEPING = new Set(['md5', 'concat']);
/** The volatile call among `operands` when every other one is a constant; null for anything else. */
function* keptNew(operands) {
    const calls = [];
    for (const o of operands)
        calls.push(yield* (0,walk/* nested */.cY)(volatileCall(o)));
    const call = calls.find((c) => c !== null);
    return call && operands.every((o, i) => calls[i] !== null || (constant(o) && !nullConstant(o))) ? call : null;
}
/**
 * The volatile call a cell is, as SQL writes it, e.g. `gen_random_uuid()`, seen through casts and the expressions that keep it new
 * (`'x' || ...` thousands deep: keptNew and this call each other through runDeep); null for anything else.
 */
function* volatileCall(cell) {
    const cast = (0,ast/* nodeOf */.E7)(cell, 'TypeCast');
    if (cast) {
        const call = yield* (0,walk/* nested */.cY)(volatileCall(cast.arg));
        const type = (cast.typeName ?? {});
        return call && (exact(type, LOSSLESS) || (call === 'nextval()' && exact(type, COUNTING))) ? call : null;
    }
    const op = (0,ast/* nodeOf */.E7)(cell, 'A_Expr');
    if (op)
        return op.kind === 'AEXPR_OP' && SHIFTS.has((0,ast/* stringsOf */.iw)(op.name).pop() ?? '') ? yield* (0,walk/* nested */.cY)(keptNew([op.lexpr, op.rexpr].filter((o) => o !== undefined))) : null;
    const call = (0,ast/* nodeOf */.E7)(cell, 'FuncCall');
    const name = (0,ast/* stringsOf */.iw)(call?.funcname).pop();
    if (name !== undefined)
        return VOLATILE.has(name) ? `${name}()` : KEEPING.has(name) ? yield* (0,walk/* nested */.cY)(keptNew((0,ast/* asArray */._j)(call.args))) : null;
    const clock = String((0,ast/* nodeOf */.E7)(cell, 'SQLValueFunction')?.op).replace(/^SVFOP_/, '').replace(/_N$/, '');
    return CLOCKS.has(clock) ? clock : null;
}
/** The first volatile call among `cells`, as volatileCall gives it; a constant, most cells, starts no computation. */
function firstCall(cells) {
    for (const cell of cells) {
        const call = (0,ast/* nodeOf */.E7)(cell, 'A_Const') ? null : (0,walk/* runDeep */.MJ)(volatileCall(cell));
        if (call !== null)
            return call;
    }
    return undefined;
}
const nullConstant = (cell) => (0,ast/* nodeOf */.E7)(cell, 'A_Const')?.isnull === true;
const isStar = (cell) => (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(cell, 'ColumnRef')?.fields).some((f) => (0,ast/* nodeOf */.E7)(f, 'A_Star'));
/** The rows a query gives, each as its cells: VALUES rows, a SELECT's target list, both sides of a UNION; null when `*` hides them. */
function rowsOf(select) {
    const rows = [];
    // Left side first, from a stack: a chain of thousands of UNIONs nests as deep.
    for (const pending = [select]; pending.length;) {
        const s = pending.pop();
        if (s.larg && s.rarg)
            pending.push(s.rarg, s.larg);
        else if (s.valuesLists)
            for (const r of (0,ast/* asArray */._j)(s.valuesLists))
                rows.push((0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(r, 'List')?.items));
        else {
            const cells = (0,ast/* asArray */._j)(s.targetList).map((t) => (0,ast/* nodeOf */.E7)(t, 'ResTarget')?.val);
            if (cells.some(isStar))
                return null;
            rows.push(cells);
        }
    }
    return rows;
}
/** The columns an INSERT lists, or else the first ones its rows fill; undefined when it cannot tell (SELECT * without a list). */
function insertFills(node) {
    const fills = { given: [], fresh: [], nulls: [] };
    const select = (0,ast/* nodeOf */.E7)(node.selectStmt, 'SelectStmt');
    if (!select)
        return fills; // DEFAULT VALUES
    const rows = rowsOf(select);
    const listed = (0,ast/* asArray */._j)(node.cols).map((c) => String((0,ast/* nodeOf */.E7)(c, 'ResTarget')?.name));
    if (!listed.length && !rows)
        return undefined;
    const targets = listed.length ? listed : (rows?.[0] ?? []).map((_, i) => i);
    targets.forEach((target, i) => {
        const cells = (rows ?? []).map((r) => r[i]);
        const call = firstCall(cells);
        if (call)
            fills.fresh.push({ target, call });
        else if (cells.some(nullConstant))
            fills.nulls.push(target);
        else if (!cells.some((c) => (0,ast/* nodeOf */.E7)(c, 'SetToDefault')))
            fills.given.push(target);
    });
    return fills;
}
const LEFT_NULL = 'left NULL by this INSERT';
/** Only a partial unique index sees the rows: ON CONFLICT DO NOTHING skips those its WHERE matches, which the rule cannot tell. */
const PARTIAL = 'partial';
const sameColumns = (k, target) => k.columns.length === target.length && target.every((c) => k.columns.includes(c));
/** Why ON CONFLICT would let a second run's rows through; null when a key it fires on sees them. */
function rerunSlipsPast(table, fills, target, names) {
    const column = (t) => (typeof t === 'number' ? table.columns[t] : t);
    const given = fills.given.map(column);
    const nulls = fills.nulls.map(column);
    const calls = new Map(fills.fresh.map((f) => [column(f.target), f.call]));
    // More values than the columns it knows: the table is not as the migrations show it.
    if (given.includes(undefined) || nulls.includes(undefined) || calls.has(undefined))
        return null;
    const leftOut = (c) => !given.includes(c) && !nulls.includes(c) && !calls.has(c);
    const isNew = (c) => calls.has(c) || (leftOut(c) && table.generated.includes(c));
    const isNull = (c) => nulls.includes(c) || (leftOut(c) && table.columns.includes(c) && !table.generated.includes(c) && !table.valued.includes(c));
    const slipping = (k) => k.columns.filter((c) => c !== null && (isNew(c) || (!k.nullsConflict && isNull(c))));
    // A conflict target fires only on a key of just its columns, never a partial one without its WHERE: no such key, and the file does not tell.
    const arbiters = target ? table.keys.filter((k) => !k.partial && sameColumns(k, target)) : table.keys;
    if (target && !arbiters.length)
        return null;
    const stopping = arbiters.filter((k) => !slipping(k).length);
    if (stopping.length)
        return stopping.every((k) => k.partial) ? PARTIAL : null;
    const blocked = table.keys.some((k) => !k.partial && !arbiters.includes(k) && !slipping(k).length);
    const how = (c) => (calls.has(c) ? `filled by ${calls.get(c)}` : isNull(c) ? LEFT_NULL : 'generated by its default');
    return { why: slipWords(table, new Map(arbiters.flatMap(slipping).map((c) => [c, how(c)])), blocked, names), blocked };
}
/** Whose keys the reason read: a guarded CREATE may meet a table made before the file ran, and an earlier file's may have changed since. */
function madeBy(table) {
    const { file, guarded, changed } = table.made;
    if (file === null)
        return guarded ? ', as this file creates it,' : '';
    return changed ? `, as ${file} and later files leave it,` : `, as ${file} creates it,`;
}
/** The reason in words, from how each key column that slips past gets its value; `blocked` leaves out what follows, as another key stops the rows. */
function slipWords(table, how, blocked, names) {
    const name = `${names.name(table.table)}${madeBy(table)}`;
    if (!table.keys.length)
        return `${name} has no primary key or unique constraint, so nothing conflicts`;
    const nulled = [...how.values()].includes(LEFT_NULL);
    const [[column, way]] = [...how];
    const why = how.size === 1
        ? `the key ${names.name(column)} of ${name} is ${way}`
        : `the keys of ${name} ${nulled ? 'never repeat' : 'get new values on every run'} (${[...how].map(([c, w]) => `${names.name(c)} ${w}`).join(', ')})`;
    const then = blocked ? '' : nulled ? ', so every run inserts the rows again' : ', so every run inserts new keys';
    return `${why}${nulled ? ', and NULLs never conflict' : ''}${then}`;
}
/** An ON CONFLICT clause in words: `target` its columns (empty: none), then the INSERT's action or DO NOTHING. */
const clauseWords = (target, conflict) => `ON CONFLICT${target && ` (${target})`} ${conflict?.action ?? 'DO NOTHING'}`;
/**
 * An INSERT against its table's keys as the migrations up to it leave them; null when its ON CONFLICT does stop it. A table
 * no migration makes (an extension's, Supabase's auth.users) or whose keys they do not show keeps the ON CONFLICT fix, hedged.
 */
function onKeys(p, insert, table, names) {
    const slip = table && insert.fills ? rerunSlipsPast(table, insert.fills, insert.conflict?.target ?? null, names) : null;
    if (insert.conflict && (!slip || slip === PARTIAL))
        return null;
    if (table === null) {
        const written = names.name(p.changes.name);
        return {
            ...p,
            advice: `Neither this file nor an earlier migration creates ${written}, so its keys are not known here: ON CONFLICT DO NOTHING skips the rows ` +
                `only if a primary key or unique key of ${written} is one this INSERT fills (a default, serial or identity gives a new value on every run); ` +
                `else insert only the missing rows, WHERE NOT EXISTS (SELECT 1 FROM ${written} WHERE <natural key columns match>).`,
        };
    }
    if (!table || !slip)
        return p;
    const name = names.name(table.table);
    if (slip === PARTIAL)
        return { ...p, advice: `ON CONFLICT DO NOTHING skips a row only where a partial unique index of ${name}${madeBy(table)} sees it: one its WHERE matches.` };
    const target = insert.conflict?.target?.map((c) => names.name(c)).join(', ') ?? '';
    const why = `${clauseWords(target, insert.conflict)} ${insert.conflict ? 'cannot fire' : 'would not stop it'}: ${slip.why}`;
    const base = { what: p.what, object: null, changes: p.changes };
    return { ...base, ...(slip.blocked ? failsOnAnotherKey(why, insert.conflict) : insertedAgain(why, name, insert.conflict)) };
}
/** The second run's rows, past the key the target names, meet another that holds them: unique_violation. */
function failsOnAnotherKey(why, conflict) {
    const bare = conflict?.action === 'DO NOTHING' ? ', or leave the target out: ON CONFLICT DO NOTHING skips the rows whatever key holds them' : '';
    return {
        outcome: 'exists',
        sqlstate: '23505',
        reason: 'a unique key the conflict target does not name already holds the rows',
        advice: `${why}. Name a key this INSERT fills in the conflict target${bare}.`,
    };
}
/** The second run's rows go in again, into the table named `table`. */
function insertedAgain(why, table, conflict) {
    return {
        outcome: 'twice',
        sqlstate: null,
        reason: 'the rows are inserted again',
        advice: `${why}. Insert only the rows that are missing, ` +
            `INSERT INTO ${table} (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE <natural key columns match>), ` +
            `or add a unique constraint on the natural key and write ${clauseWords('<its columns>', conflict)}.`,
    };
}

;// CONCATENATED MODULE: ./src/rules/idempotency/earlier.ts
// What the migrations before a file made of a table: its columns and unique keys as the runner leaves them
// just before the file, so an INSERT into a table made in an earlier file gets the same advice as one into a
// table the file makes itself. Lazy, for a history of thousands of files: a table's name is looked up as a
// word in the files' text, only the statements that mention it and can change keys are parsed, and they
// go through the same fold as the file's own (keys.ts); parses and folds are kept for the thread's next file.
//
// Names compare as the rest of the rule compares them (sameName): an unqualified name matches the same
// name in any schema, since the runner's search_path, not the file, decides where it lands. A table whose
// name a placeholder value writes whole is not found (the search reads the files as written). Statements
// in a DO block count as run; EXECUTEd strings do not.








/** Words of a statement that may change an enum in a way its parse does not show (an EXECUTEd string, a function body). */
const ENUM_CHANGE = /\b(?:add|rename)\s+value\b|\bas\s+enum\b|\bdrop\s+type\b/;
/** The migrations of a set, in apply order, as one thread reads them for every file it lints. */
class EarlierMigrations {
    options;
    sources;
    position = new Map();
    lower = [];
    /** Which files (by position) mention a word, for each word looked up. */
    mentions = new Map();
    pieces = new Map();
    runs = new Map();
    digests = new Map();
    regex;
    words;
    /** Where the project's own files start: after the platform's tables, which every file sees. */
    first;
    constructor(migrations, options) {
        this.options = options;
        // An undo migration runs only on the way down. Supabase's own tables (storage.buckets) are there before the first file.
        const platform = options.preset === 'supabase' ? [{ file: 'the Supabase platform', sql: supabase_preset/* SUPABASE_PRESET_SQL */.cF, kind: 'versioned' }] : [];
        this.sources = [...platform, ...migrations.filter((m) => m.kind !== 'undo')];
        this.first = platform.length;
        this.sources.forEach((m, i) => this.position.set(m.file, i));
        this.regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns);
    }
    /** What the file rules may ask about the migrations the runner applies before `file` (none when it is not in the set). */
    before(file) {
        return new EarlierTables(this, this.position.get(file) ?? this.first);
    }
    /** A table as the files before position `end`, and the pieces before `piece` of file `end` (for a RENAME there), leave it. */
    answer(table, end, piece = 0) {
        const fresh = () => ({ next: 0, state: null, terms: [table.name.toLowerCase()] });
        if (piece > 0)
            return this.advance(table, fresh(), end, piece);
        const name = `${table.schema ?? ''}\0${table.name}`;
        const known = this.runs.get(name);
        const run = this.advance(table, known && known.next <= end ? known : fresh(), end, 0);
        this.runs.set(name, run);
        return { state: run.state, terms: [...run.terms] };
    }
    /** `run` read on through the files before `end`, then (not kept) the first `stop` pieces of file `end`. */
    advance(table, run, end, stop) {
        // Its bare name, and the names of its keys as they appear: a DROP INDEX or ALTER INDEX names only the index.
        const { terms } = run;
        const mentioned = (text) => terms.some((t) => hasWord(text, t));
        const read = (i, pieces) => {
            if (!terms.some((t) => this.mentioning(t).has(i)))
                return;
            const all = this.piecesOf(i);
            for (let j = 0; j < Math.min(pieces, all.length); j++) {
                if (!mentioned(all[j].lower))
                    continue;
                for (const s of all[j].read()) {
                    const prior = (old) => {
                        const moved = this.answer(old, i, j);
                        for (const t of moved.terms)
                            if (!terms.includes(t))
                                terms.push(t);
                        return moved.state;
                    };
                    const change = keyChange(s.kind, s.node, table, { file: this.sources[i].file, guarded: s.guarded, prior });
                    if (change)
                        run.state = change(run.state);
                    for (const k of run.state?.keys ?? [])
                        if (!terms.includes(k.name.toLowerCase()))
                            terms.push(k.name.toLowerCase());
                }
            }
        };
        const last = Math.min(end, this.sources.length);
        for (; run.next < last; run.next++)
            read(run.next, Infinity);
        if (stop > 0)
            read(end, stop);
        return run;
    }
    /** A type's name after the ALTER TYPE ... RENAME TO of the files before position `end`, followed in file order. */
    renamedType(type, end, terms) {
        let out = type;
        for (let i = 0; i < Math.min(end, this.sources.length); i++) {
            terms.add(out.name.toLowerCase());
            if (!this.mentioning(out.name.toLowerCase()).has(i))
                continue;
            for (const piece of this.piecesOf(i)) {
                if (!hasWord(piece.lower, out.name.toLowerCase()))
                    continue;
                for (const { kind, node } of piece.read()) {
                    const old = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(node.object, 'List')?.items));
                    if (kind !== 'RenameStmt' || (node.renameType !== 'OBJECT_TYPE' && node.renameType !== 'OBJECT_DOMAIN') || !(0,ast/* sameName */.q)(old, out))
                        continue;
                    out = { ...out, name: String(node.newname) };
                    terms.add(out.name.toLowerCase());
                }
            }
        }
        return out;
    }
    /**
     * An enum type as the files before position `end`, and the first `stop` pieces of file `end`, leave it (CREATE TYPE ... AS
     * ENUM, ADD and RENAME VALUE, DROP TYPE, a rename to its name followed back); null when none makes it. Only the pieces that
     * name it are parsed; every name looked up goes into `terms`.
     */
    enumType(type, end, terms, stop = 0) {
        const word = type.name.toLowerCase();
        terms.add(word);
        let state = null;
        for (const { i, j, piece } of this.piecesNaming(word, end, stop)) {
            let seen = false;
            for (const { kind, node, guarded } of piece.parsed()) {
                const change = enumChange(kind, node, type);
                if (!change)
                    continue;
                seen = true;
                // A CREATE that a handler guards does nothing where the type is there already.
                if (change.made && !(guarded && state))
                    state = { values: new Set(change.made), complete: true };
                else if (change.renamedFrom)
                    state = this.enumType(change.renamedFrom, i, terms, j);
                else if (change.gone)
                    state = null;
                else if (change.value) {
                    state ??= { values: new Set(), complete: false };
                    if (change.value.old !== undefined)
                        state.values.delete(change.value.old);
                    state.values.add(change.value.new);
                }
            }
            // Named in a statement that changes some enum without its parse showing how: its values can no longer be told.
            if (!seen && state && ENUM_CHANGE.test(piece.lower))
                state.complete = false;
        }
        return state;
    }
    /**
     * The statements (pieces) that name `word` as a whole word, in apply order: of the files before position `end`, then
     * the first `stop` of file `end`; each with its file's position and its own index there.
     */
    *piecesNaming(word, end, stop = 0) {
        const files = this.mentioning(word);
        for (let i = 0; i <= Math.min(end, this.sources.length - 1); i++) {
            if (!files.has(i))
                continue;
            const all = this.piecesOf(i);
            for (let j = 0; j < Math.min(i < end ? Infinity : stop, all.length); j++)
                if (hasWord(all[j].lower, word))
                    yield { i, j, piece: all[j] };
        }
    }
    /**
     * Whether the files before position `end` leave `table` partitioned (made PARTITION BY, not dropped or renamed away
     * since). A rename into its name is not followed: such a table reads as not partitioned, and no finding rides on it.
     */
    partitioned(table, end, terms) {
        const word = table.name.toLowerCase();
        terms.add(word);
        let parted = false;
        for (const { piece } of this.piecesNaming(word, end)) {
            for (const { kind, node } of piece.parsed())
                parted = partitionChange(kind, node, table) ?? parted;
        }
        return parted;
    }
    /** The positions of the files that have `term` (lower case) as a whole word anywhere, comments and strings too: a superset is fine. */
    mentioning(term) {
        let found = this.mentions.get(term);
        if (found)
            return found;
        if (this.mentions.size >= SCANS_BEFORE_INDEX && /^[\w$\u0080-\uffff]+$/.test(term))
            found = new Set(this.wordIndex().get(term));
        else {
            found = new Set();
            for (let i = 0; i < this.sources.length; i++)
                if (hasWord(this.lowerOf(i), term))
                    found.add(i);
        }
        this.mentions.set(term, found);
        return found;
    }
    lowerOf(i) {
        return (this.lower[i] ??= this.sources[i].sql.toLowerCase());
    }
    /** Every word of every file, and the files it is in: built once the words looked up make one pass cheaper than a scan each. */
    wordIndex() {
        if (this.words)
            return this.words;
        const words = new Map();
        for (let i = 0; i < this.sources.length; i++) {
            for (const word of this.lowerOf(i).match(WORD) ?? []) {
                const files = words.get(word);
                if (!files)
                    words.set(word, [i]);
                else if (files[files.length - 1] !== i)
                    files.push(i);
            }
        }
        return (this.words = words);
    }
    /** A file's statements, with its placeholders filled as the file rules fill them, each parsed only when asked. */
    piecesOf(i) {
        let pieces = this.pieces.get(i);
        if (pieces)
            return pieces;
        // COPY rows are not SQL: blanked, so they are not glued to the statement after them.
        const filled = (0,runner_placeholders/* templateOf */.kW)(this.sources[i], this.options, this.regex).sql;
        const sql = (0,copy_data/* blankCopyData */.So)(filled, (0,copy_data/* copyData */.kF)(filled));
        let from = 0;
        pieces = [...(0,split/* topLevelSemicolons */.MT)(sql), sql.length].map((to) => {
            const text = sql.slice(from, (from = to));
            const lower = text.toLowerCase();
            let read;
            let parsed;
            return { lower, read: () => (read ??= KEYED.test(lower.slice((0,split/* skipTrivia */.pU)(lower, 0))) ? statementsOf(text) : []), parsed: () => (parsed ??= statementsOf(text)) };
        });
        this.pieces.set(i, pieces);
        return pieces;
    }
    /** A digest of the files before `file` that mention any of `terms`: all that a lint of it that looked them up read of them. */
    digest(file, terms) {
        const end = this.position.get(file) ?? 0;
        const hash = (0,external_node_crypto_.createHash)('sha256');
        for (let i = 0; i < end; i++)
            if (terms.some((t) => this.mentioning(t).has(i)))
                hash.update(this.fileDigest(i)).update('\0');
        return hash.digest('hex');
    }
    fileDigest(i) {
        let digest = this.digests.get(i);
        if (digest === undefined) {
            const { file, sql } = this.sources[i];
            // Its placeholders' fills too: what it makes of a table can hang on a value (${flyway:defaultSchema}.plans).
            const fills = JSON.stringify((0,runner_placeholders/* fillsOf */.ED)(this.sources[i], this.options, this.regex));
            this.digests.set(i, (digest = (0,external_node_crypto_.createHash)('sha256').update(file).update('\0').update(fills).update('\0').update(sql).digest('hex')));
        }
        return digest;
    }
}
/** A run of identifier characters, as the word index and hasWord read words. */
const WORD = /[\w$\u0080-\uffff]+/g;
const WORD_CHAR = /[\w$\u0080-\uffff]/;
/** How a statement that can change a table's keys (keyChange) or rename a column's type starts: other statements (INSERT, CREATE FUNCTION, ...) go unparsed. */
const KEYED = /^(?:create\s+(?:unique\s+index|index|(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table)|alter\s+(?:table|index|type|domain)|drop\s+(?:table|index)|do)\b/;
/** After this many words looked up with a scan each, one pass that indexes every word of every file costs less than more scans. */
const SCANS_BEFORE_INDEX = 8;
/** Whether `text` has `word` with no identifier character either side. */
function hasWord(text, word) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        if (!WORD_CHAR.test(text[at - 1] ?? ' ') && !WORD_CHAR.test(text[at + word.length] ?? ' '))
            return true;
    }
    return false;
}
/** One piece's statement, and a DO block's: a handler makes a CREATE in it safe when the table is there. */
function statementsOf(text) {
    const parsed = (0,ast/* parseOne */.EZ)(text);
    if (!parsed)
        return [];
    const [kind, node] = parsed;
    if (kind !== 'DoStmt')
        return [{ kind, node, guarded: false }];
    const inner = (0,ast/* doBodyStatements */.eN)(text, node).flatMap((s) => (s.parsed ? [{ kind: s.parsed[0], node: s.parsed[1], guarded: s.handlers.length > 0 }] : []));
    return [{ kind, node, guarded: false }, ...inner];
}
/** What a statement does to enum `type`: makes it with these values, adds (or renames) a value, drops it, or gives it its name (renamedFrom); null for none of these. */
function enumChange(kind, node, type) {
    switch (kind) {
        case 'CreateEnumStmt':
            return (0,ast/* sameName */.q)((0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.typeName)), type) ? { made: (0,ast/* asArray */._j)(node.vals).flatMap((v) => (0,ast/* stringOf */.Je)(v) ?? []) } : null;
        case 'AlterEnumStmt':
            if (!(0,ast/* sameName */.q)((0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.typeName)), type) || typeof node.newVal !== 'string')
                return null;
            return { value: { ...(typeof node.oldVal === 'string' && { old: node.oldVal }), new: node.newVal } };
        case 'DropStmt':
            return node.removeType === 'OBJECT_TYPE' && (0,ast/* asArray */._j)(node.objects).some((o) => (0,ast/* sameName */.q)((0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(o, 'TypeName')?.names)), type)) ? { gone: true } : null;
        case 'RenameStmt': {
            if (node.renameType !== 'OBJECT_TYPE')
                return null;
            const old = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(node.object, 'List')?.items));
            if ((0,ast/* sameName */.q)(old, type))
                return { gone: true };
            return node.newname === type.name && (0,ast/* sameSchema */.Go)(old.schema, type.schema) ? { renamedFrom: old } : null;
        }
        default:
            return null;
    }
}
/** Whether a statement leaves `table` partitioned (true), not (false: made plain, dropped or renamed), or says nothing of it (null). */
function partitionChange(kind, node, table) {
    switch (kind) {
        case 'CreateStmt':
            return (0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(node.relation), table) ? node.partspec !== undefined : null;
        case 'DropStmt':
            return node.removeType === 'OBJECT_TABLE' && (0,ast/* asArray */._j)(node.objects).some((o) => (0,ast/* sameName */.q)((0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(o, 'List')?.items)), table)) ? false : null;
        case 'RenameStmt':
            return node.renameType === 'OBJECT_TABLE' && ((0,ast/* sameName */.q)((0,ast/* rangeVarName */.KW)(node.relation), table) || node.newname === table.name) ? false : null;
        default:
            return null;
    }
}
/** The migrations before one file, as its file rules ask about them; the words looked up, for the lint cache. */
class EarlierTables {
    set;
    end;
    /** Every word looked up in the earlier files' text (lower case): the findings depend on the files that have one. */
    terms = new Set();
    constructor(set, end) {
        this.set = set;
        this.end = end;
    }
    /** A table, named as the INSERT writes it, as the migrations before this file leave it: null when none makes it. */
    table(name) {
        const { state, terms } = this.set.answer(name, this.end);
        for (const t of terms)
            this.terms.add(t);
        return state;
    }
    /** By schema and name: an enum type as the earlier files leave it, asked once per file. */
    enums = new Map();
    /** An enum type, named as the file writes it, as the migrations before this file leave it: null when none makes it. */
    enumType(type) {
        const key = `${type.schema ?? ''}\0${type.name}`;
        let state = this.enums.get(key);
        if (state === undefined)
            this.enums.set(key, (state = this.set.enumType(type, this.end, this.terms)));
        return state;
    }
    /** By schema and name: whether the earlier files leave a table partitioned, asked once per file. */
    parts = new Map();
    /** Whether the migrations before this file leave `table` (named as the file writes it) a partitioned table. */
    partitioned(table) {
        const key = `${table.schema ?? ''}\0${table.name}`;
        let parted = this.parts.get(key);
        if (parted === undefined)
            this.parts.set(key, (parted = this.set.partitioned(table, this.end, this.terms)));
        return parted;
    }
    /** By schema and name: a type's name after the earlier files' renames, asked once per file. */
    renames = new Map();
    /** A column's type under the name the migrations before this file leave it (a type renamed keeps its columns). */
    renamedType(type) {
        if (type.name === null || type.schema === 'pg_catalog')
            return type;
        const key = `${type.schema ?? ''}\0${type.name}`;
        let name = this.renames.get(key);
        if (name === undefined)
            this.renames.set(key, (name = this.set.renamedType({ ...type, name: type.name }, this.end, this.terms).name));
        return name === type.name ? type : { ...type, name };
    }
}

// EXTERNAL MODULE: ./src/rules/duplicate-version.ts
var duplicate_version = __webpack_require__(6355);
// EXTERNAL MODULE: ./src/rules/out-of-order.ts
var out_of_order = __webpack_require__(4544);
// EXTERNAL MODULE: ./src/discover/version-order.ts
var version_order = __webpack_require__(934);
// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
// EXTERNAL MODULE: ./src/rules/migration-set.ts
var migration_set = __webpack_require__(6806);
;// CONCATENATED MODULE: ./src/rules/name-order.ts
// name-order: a folder where plain file-name order and version order disagree. Runners that apply
// files "in alphabetical order" (seed 002's runner, dbmate, Prisma, the Supabase CLI, psql loops over
// `ls`) would then run them in another order than their versions say: `00010-x.sql` before `0009-y.sql`.
// Runners that parse and sort versions (Flyway, golang-migrate, goose, sqlx, node-pg-migrate, which sorts by
// the leading number before the name, and drizzle, which follows its journal) are not affected, so the
// rule stays quiet under those presets and in Flyway-named folders. Under the prisma, diesel, dbmate and
// supabase presets the runner's own order (folder names, versions as text, file names) is compared with the
// numbers in the names, and renames are offered only for migrations not yet applied: those runners know a
// migration by its name or its version as written.




const SORTS_BY_VERSION = new Set(['flyway', 'golang-migrate', 'goose', 'sqlx', 'node-pg-migrate', 'drizzle', 'sqitch']);
const MAX_RENAMES = 10;
/** Runners that record a migration by its name as written: a renamed one is a new migration to them, and runs again. */
const RECORDS_NAME = {
    prisma: { order: 'Prisma applies the folders in name order', records: 'Prisma records each migration by its folder name' },
    diesel: { order: 'diesel sorts versions as text', records: 'diesel records each version as text' },
    dbmate: { order: 'dbmate applies the files in name order', records: 'dbmate records each version as written' },
    atlas: { order: 'Atlas applies the files in name order', records: 'Atlas records each version as written' },
    supabase: { order: 'The Supabase CLI applies the files in name order', records: 'the Supabase CLI records each version as written' },
};
const nameOrder = {
    id: 'name-order',
    scope: 'set',
    defaultSeverity: 'warning',
    description: 'File-name order and version order disagree: a runner that sorts by name applies the migrations in another order.',
    check(ctx) {
        const { migrations, history, options } = ctx;
        if (SORTS_BY_VERSION.has(options.preset))
            return [];
        const byText = RECORDS_NAME[options.preset];
        const applied = (0,migration_set/* appliedTest */.O5)(history);
        const renumbered = (0,renumber/* plannedVersions */.KO)(ctx, nameOrder);
        const drafts = [];
        for (const folder of (0,migration_set/* byFolder */.c1)(migrations, options.preset)) {
            const listed = folder.filter((m) => m.kind === 'versioned' && m.scheme !== 'flyway');
            // A runner that orders by text already gave its order; the numbers' order keeps it among equal versions.
            const compare = (0,version_order/* folderVersionComparator */.RN)(listed.map((m) => m.version));
            const byVersion = byText ? [...listed].sort((a, b) => compare(a.version, b.version)) : listed;
            const byName = byText ? listed : [...listed].sort((a, b) => (0,version_order/* compareText */.n6)((0,migration_set/* local */.sr)(a), (0,migration_set/* local */.sr)(b)));
            const i = byName.findIndex((m, k) => m !== byVersion[k]);
            if (i < 0)
                continue;
            const early = byName[i];
            const late = byVersion[i];
            const renames = uniformNames(byVersion, renumbered);
            // Without a history nothing is known to be applied, and the suggestion says which ones not to rename.
            const safe = byText ? renames.filter((r) => !applied(r.m)) : renames;
            const commands = safe.flatMap((r) => r.commands);
            drafts.push({
                rule: 'name-order',
                file: early.file,
                line: 0,
                column: 0,
                message: byText
                    ? `${byText.order}, which disagrees with their numbers in ${early.folder}/: ${(0,migration_set/* local */.sr)(early)} (version ${early.version}) ` +
                        `runs before ${(0,migration_set/* local */.sr)(late)} (version ${late.version}).`
                    : `File-name order and version order disagree in ${early.folder}/: sorted by name, ${(0,migration_set/* local */.sr)(early)} (version ${early.version}) ` +
                        `runs before ${(0,migration_set/* local */.sr)(late)} (version ${late.version}); by version, ${(0,migration_set/* local */.sr)(late)} runs first.`,
                suggestion: byText
                    ? textSuggestion(byText.records, commands, renames.length - safe.length)
                    : commands.length > 0
                        ? `Write every version in one width so that names sort as versions do (rename only files no database has applied ` +
                            `under their old name, if your runner records file names): ${firstRenames(commands)}`
                        : 'Rename the files so that their names sort in version order, or run them with a runner that sorts by version.',
            });
        }
        return drafts;
    },
};
/** The advice for a runner that records names: renames only for what no database has applied (`applied` of them are left out). */
function textSuggestion(records, commands, applied) {
    const why = `${records}, so a database that applied one under its old name runs it again under the new one`;
    if (commands.length > 0) {
        const kept = applied > 0 ? `; ${(0,plural/* plural */.L)(applied, 'applied migration')} ${applied === 1 ? 'keeps its name' : 'keep their names'}` : '';
        return `Write every version in one width so that names sort as versions do, renaming only migrations no database has applied (${why})${kept}: ${firstRenames(commands)}`;
    }
    return applied > 0
        ? `Leave the applied migrations as they are (${why}), and make sure each runs after the ones before it in this order, as a fresh database runs them.`
        : `Rename the migrations that no database has applied so that they sort after the ones they depend on (${why}).`;
}
/** At most MAX_RENAMES commands, and how many more there are. */
function firstRenames(commands) {
    return commands.slice(0, MAX_RENAMES).join(' && ') + (commands.length > MAX_RENAMES ? ` (and ${commands.length - MAX_RENAMES} more)` : '');
}
/**
 * Renames that give a folder one version format: sequential versions padded to the folder's usual
 * width (the most common one, the wider on a tie), dates padded to the folder's timestamp length.
 * A migration another rule renumbers moves there instead, and its new version is taken.
 */
function uniformNames(ms, renumbered) {
    const dateLength = Math.max(0, ...ms.filter((m) => (0,version_order/* isDateShaped */.Sl)(m.version)).map((m) => m.version.length));
    const widths = new Map();
    for (const m of ms)
        if (!(0,version_order/* isDateShaped */.Sl)(m.version))
            widths.set(m.version.length, (widths.get(m.version.length) ?? 0) + 1);
    const [width] = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0];
    const out = [];
    const taken = new Set([...ms.map((m) => m.version), ...ms.flatMap((m) => renumbered.get(m)?.version ?? [])]);
    for (const m of ms) {
        if (renumbered.has(m))
            continue;
        const value = m.version.replace(/^0+(?=\d)/, '');
        let next = (0,version_order/* isDateShaped */.Sl)(m.version) ? m.version.padEnd(dateLength, '0') : value.length <= width ? value.padStart(width, '0') : m.version;
        // A date padded to a timestamp another migration has (`20240101` beside `20240101000000`) takes the next second free.
        while (next !== m.version && (0,version_order/* isDateShaped */.Sl)(m.version) && taken.has(next))
            next = (0,renumber/* nextInstant */.nH)(next, next.length);
        if (next === m.version)
            continue;
        taken.add(next);
        out.push({ m, commands: (0,renumber/* renameCommands */.N_)(m, next) });
    }
    return out;
}

// EXTERNAL MODULE: ./src/checksum/index.ts
var checksum = __webpack_require__(371);
// EXTERNAL MODULE: ./src/discover/decode.ts
var decode = __webpack_require__(7865);
// EXTERNAL MODULE: ./src/discover/sections.ts
var discover_sections = __webpack_require__(3983);
// EXTERNAL MODULE: ./src/shell.ts
var shell = __webpack_require__(997);
// EXTERNAL MODULE: ./src/rules/graphile-signatures.ts
var graphile_signatures = __webpack_require__(3771);
// EXTERNAL MODULE: ./src/history/tables/sqlx.ts
var sqlx = __webpack_require__(7638);
// EXTERNAL MODULE: ./src/migration.ts
var migration = __webpack_require__(2907);
// EXTERNAL MODULE: ./src/history/history.ts
var history_history = __webpack_require__(3328);
// EXTERNAL MODULE: ./src/discover/sqitch-plan.ts
var sqitch_plan = __webpack_require__(4677);
;// CONCATENATED MODULE: ./src/rules/sqitch-changes.ts
// Sqitch knows a deployed change by its change ID, which hashes the change's plan line and the ID of the change planned
// before it. A plan line edited after a deploy (its note, time or dependencies), or a change removed before it, gives it a
// new ID, and every change after it too: `sqitch deploy` then looks up the database's latest change ID in the plan
// (Engine.pm _sync_plan), fails with "Cannot find change", and deploys nothing.



/**
 * One checksum-drift draft per run of deployed changes whose IDs the plan changed, at the first of them: the rest follow
 * from it. A run that starts right after a new change has the out-of-order finding of that change instead.
 */
function replannedChanges(migrations, entryOf, history) {
    const drafts = [];
    let previous = null;
    const roots = [];
    // The database's latest change, which `sqitch deploy` looks up: the last deployed one in plan order.
    let latest = null;
    for (const m of migrations) {
        if (!m.sqitch)
            continue;
        const entry = entryOf(m);
        const now = !entry || entry.state !== 'applied' ? 'new' : entry.changeId === undefined || entry.changeId === m.sqitch.change.id ? 'same' : 'moved';
        if (now === 'moved' && (previous === 'same' || previous === null))
            roots.push({ m, was: entry.changeId });
        if (now !== 'new')
            latest = { name: m.sqitch.change.name, id: entry.changeId ?? m.sqitch.change.id };
        previous = now;
    }
    for (const { m, was } of roots)
        drafts.push(draft(m, was, latest, history));
    return drafts;
}
function draft(m, was, latest, history) {
    const { change } = m.sqitch;
    const plan = (0,migration/* inFolder */._z)(m.folder, sqitch_plan/* SQITCH_PLAN */.f);
    const base = (0,history_history/* fromGit */.X)(history) ? history.source.slice('git:'.length) : null;
    return {
        rule: 'checksum-drift',
        file: plan,
        line: change.line,
        column: 1,
        message: `${plan} now gives ${change.name} the change ID ${change.id.slice(0, 12)}…, but it was deployed as ${was.slice(0, 12)}…: its plan line ` +
            `(dependencies, time, planner or note) or the changes planned before it changed, and so did the ID of every change after it. ` +
            `\`sqitch deploy\` looks up a database's latest change, and fails on every database that deployed ${change.name} ` +
            `("Cannot find change ${latest.id} (${latest.name}) in ${sqitch_plan/* SQITCH_PLAN */.f}" where ${latest.name} is the latest), and deploys nothing.`,
        suggestion: (base ? `Restore the plan lines up to ${change.name} as ${base} has them (\`git show ${base}:${plan}\`)` : `Restore the plan lines up to ${change.name} as they were when it was deployed`) +
            ': a deployed change keeps its plan line for good; change what it does with a new change, or `sqitch rework`.',
    };
}

;// CONCATENATED MODULE: ./src/rules/checksum-drift.ts
// checksum-drift: a migration already applied whose content changed since. Databases that ran it keep
// the old version while new ones get the edit, and runners that store a checksum refuse to go on.
// Judged with the configured algorithm against a git base (so a CRLF-only change is no drift under
// `flyway` or `prisma`, as for those runners themselves), or with the algorithm a history table recorded. Under a runner
// that records no checksum and runs a file's up section alone (dbmate, goose, node-pg-migrate), a down-only edit is none.









const LABEL = {
    sha256: 'SHA-256',
    flyway: 'Flyway CRC32',
    prisma: 'Prisma SHA-256',
    sqlx: 'sqlx SHA-384',
    graphile: 'graphile-migrate SHA-1',
    drizzle: 'drizzle SHA-256',
    sqitch: 'Sqitch SHA-1',
};
/** What to do when the edit is intentional, in each runner's terms; `m` is the file now, recorded in `table` where configured. */
const KEEP_THE_EDIT = {
    generic: 'update the checksum your runner recorded for it, and apply the change by hand where it already ran',
    flyway: 'run `flyway repair` to record the new checksum, and apply the change by hand where it already ran',
    prisma: '`prisma migrate deploy` does not check it, but `prisma migrate dev` wants to reset a database that ran it: set this migration\'s `checksum` in _prisma_migrations to the new SHA-256 (Prisma has no repair for applied migrations), and apply the change by hand where it already ran',
    // _sqlx_migrations.checksum is BYTEA holding the digest's 48 bytes: the hex pasted as text would store its 96 characters.
    sqlx: (m, table) => `sqlx refuses a changed migration: record the new SHA-384 (\`UPDATE ${table ?? sqlx/* sqlx */.l.defaultTable.name} SET checksum = decode('${(0,checksum/* checksum */.cM)('sqlx', m.bytes)}', 'hex') WHERE version = ${BigInt(m.version)};\`), and apply the change by hand where it already ran`,
    supabase: 'note that the Supabase CLI records no checksum and will not run it again: apply the change by hand where it already ran',
    'golang-migrate': 'note that golang-migrate records no checksum and will not run it again: apply the change by hand where it already ran',
    goose: 'note that goose records no checksum and will not run it again: apply the change by hand where it already ran',
    dbmate: 'note that dbmate records no checksum and will not run it again: apply the change by hand where it already ran',
    'node-pg-migrate': 'note that node-pg-migrate records no checksum and will not run it again: apply the change by hand where it already ran',
    diesel: 'note that diesel records no checksum and will not run it again: apply the change by hand where it already ran',
    // sql/migrate/migrate.go Execute records the file's atlas.sum hash in its revision, and nothing compares it again.
    atlas: 'run `atlas migrate hash` (Atlas refuses the folder until atlas.sum agrees with it); Atlas records a hash in its revision but never compares it, and will not run the file again: apply the change by hand where it already ran',
    drizzle: 'note that drizzle records a hash but never compares it, and will not run it again: apply the change by hand where it already ran',
    // Engine.pm deploys only changes after the database's latest one; `sqitch check` compares script_hash and reports the divergence.
    sqitch: (m) => `keep the deployed script as it was and rework the change instead (\`sqitch rework ${m.name}\`, after a \`sqitch tag\` if no tag follows it), which deploys the new script as a change of its own: Sqitch never runs a deployed change again, and \`sqitch check\` reports its script as diverged`,
    'graphile-migrate': 'add `--! AllowInvalidHash` as its first line (graphile-migrate will not run it again), and apply the change by hand where it already ran',
};
const checksumDrift = {
    id: 'checksum-drift',
    scope: 'set',
    defaultSeverity: 'error',
    description: 'A migration already applied was edited: databases that ran it keep the old version, and checksum-checking runners stop.',
    check({ migrations, history, options }) {
        const drafts = (0,graphile_signatures/* tamperedSignatures */.QG)(migrations, (0,migration_set/* appliedTest */.O5)(history));
        if (!history)
            return drafts;
        const entryOf = (0,build/* historyIndex */.Tt)(history);
        // A file its own signature already shows edited needs no second finding against the base.
        const flagged = new Set(drafts.map((d) => d.file));
        for (const m of migrations) {
            if (flagged.has(m.file))
                continue;
            // A repeatable migration is meant to change (it re-runs); undo files never ran.
            if (m.kind !== 'versioned')
                continue;
            const entry = entryOf(m);
            // An edit to a failed or dirty migration is how it gets fixed, not drift.
            if (!entry || entry.state !== 'applied')
                continue;
            const drift = compare(m, entry, options.checksum, options.preset);
            if (drift)
                drafts.push(checksum_drift_draft(m, entry, history, drift, options.preset, options.history.table));
        }
        if (options.preset === 'sqitch')
            drafts.push(...replannedChanges(migrations, entryOf, history));
        return drafts;
    },
};
function compare(m, entry, configured, preset) {
    if (entry.bytes) {
        // Same bytes, same checksum: an unchanged file (the common case, often the very same buffer) needs no hashing. A
        // migration written in code has no up section: every byte of it counts.
        if (entry.bytes.equals(m.bytes) || (!m.language && upUnchanged(entry.bytes, m.bytes, preset)))
            return null;
        const was = (0,checksum/* checksum */.cM)(configured, entry.bytes);
        if ((0,checksum/* checksumMatches */.XK)(configured, was, m.bytes))
            return null;
        const line = firstChangedLine(entry.bytes, m.bytes);
        return { algorithm: configured, was, now: (0,checksum/* checksum */.cM)(configured, m.bytes), line, ...(line === 0 && { unseen: unseenChange(entry.bytes, m.bytes) }) };
    }
    if (entry.checksum) {
        const { algorithm, value } = entry.checksum;
        return (0,checksum/* checksumMatches */.XK)(algorithm, value, m.bytes) ? null : { algorithm, was: value, now: (0,checksum/* checksum */.cM)(algorithm, m.bytes), line: 0 };
    }
    return null;
}
/**
 * Whether an edit leaves alone all that runs on `up` under a runner that cuts a file into up and down sections (dbmate,
 * goose, node-pg-migrate) and records no checksum: the file's bytes up to where its up section ends, and its opt-out of
 * the transaction (goose reads NO TRANSACTION anywhere). Under generic, whose runner may checksum the whole file, every byte counts.
 */
function upUnchanged(before, after, preset) {
    if (preset === 'generic')
        return false;
    const [was, now] = [upPart(before, preset), upPart(after, preset)];
    return was !== null && now !== null && was.transactional === now.transactional && was.bytes.equals(now.bytes);
}
/** A file's bytes up to where its up section ends as `preset`'s runner cuts it, a BOM kept; null when the runner cuts none. */
function upPart(bytes, preset) {
    const decoded = (0,decode/* decodeSql */.x)(bytes);
    if (!decoded.ok)
        return null;
    const { text } = decoded;
    const section = (0,discover_sections/* upSection */.VX)(text, preset);
    if (!section.tool)
        return null;
    const bodyStart = text.split('\n', section.lineOffset).reduce((at, line) => at + line.length + 1, 0);
    const bom = bytes.length - Buffer.byteLength(text);
    return { bytes: bytes.subarray(0, bom + Buffer.byteLength(text.slice(0, bodyStart + section.sql.length))), transactional: section.transactional };
}
/** What the runner itself makes of a change to line endings or a byte-order mark alone, where the gate's advice differs. */
const UNSEEN_CHANGE = {
    generic: "Flyway's own checksum (--checksum flyway) ignores line endings and a BOM.",
    flyway: "Flyway's own checksum (--checksum flyway) ignores line endings and a BOM.",
    prisma: 'Prisma accepts a file whose line endings alone changed, but not an added or removed byte-order mark.',
};
function checksum_drift_draft(m, entry, history, drift, preset, table) {
    const fromGit = history.source.startsWith('git:');
    const ref = history.source.replace(/^git:/, '');
    const where = fromGit ? `on ${ref}` : `recorded in ${history.source.replace(/^table:/, '')}`;
    const label = LABEL[drift.algorithm];
    const at = drift.line > 0 ? ` First change at line ${drift.line}.` : drift.unseen ? ` Only the ${drift.unseen} changed.` : '';
    const restore = fromGit ? ` (\`git checkout ${(0,shell/* shellQuote */.Z)(ref)} -- ${(0,shell/* shellQuote */.Z)(m.file)}\`)` : '';
    const note = UNSEEN_CHANGE[preset];
    const keep = KEEP_THE_EDIT[preset];
    return {
        rule: 'checksum-drift',
        file: m.file,
        line: drift.line,
        column: 0,
        message: `${(0,migration_set/* local */.sr)(m)} changed after it was applied: ${label} checksum ${drift.was} ${where}, ${drift.now} now.${at} ` +
            `Databases that already ran ${m.sqitch ? `the change ${m.sqitch.change.name}` : `version ${entry.version}`} will not run the edit; new databases will.`,
        suggestion: drift.unseen
            ? `Restore the original ${drift.unseen}${restore}` +
                (drift.unseen.includes('line endings') ? ' and pin them with `*.sql -text` in .gitattributes' : '') +
                (note ? `; ${note}` : '.')
            : `Revert the edit${restore} and put the change in a new migration; if the edit is intentional, ${typeof keep === 'string' ? keep : keep(m, table)}.`,
    };
}
/** What an edit that left every line's text alone changed: the line endings, the byte-order mark, or both. */
function unseenChange(before, after) {
    const bom = (b) => b.subarray(0, 3).equals(BOM);
    const body = (b) => (bom(b) ? b.subarray(3) : b);
    const endings = !body(before).equals(body(after));
    return bom(before) === bom(after) ? 'line endings' : endings ? 'line endings and byte-order mark' : 'byte-order mark';
}
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** The first line whose text differs (line endings and a leading BOM aside); 0 when none does. */
function firstChangedLine(before, after) {
    const lines = (b) => b.toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    const a = lines(before);
    const b = lines(after);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] !== b[i])
            return Math.min(i + 1, b.length);
    }
    return 0;
}

// EXTERNAL MODULE: ./src/discover/naming.ts
var naming = __webpack_require__(6591);
;// CONCATENATED MODULE: ./src/rules/missing-migration.ts
// missing-migration: a migration in the history that has no file any more. Deleted, databases that
// ran it keep its changes while new ones never get them; renamed, runners see a new migration and run
// it again. A rename is recognised by identical bytes (or recorded checksum), else by the same version
// or the same name at another path, and reported as "renamed to X" on the new file. "The same version" as
// the runner reads it: Prisma's is the whole folder name, diesel's the text before the first `_`.








/** What the preset's runner does with a history row it has no file for, in its own words (read in its source). */
const MISSING_STOPS = {
    // Migrator::run: validate_applied_migrations, before it applies anything, unless told to ignore missing ones.
    sqlx: (v) => `\`sqlx migrate run\` stops before it applies anything ("migration ${BigInt(v)} was previously applied but is missing in the resolved migrations"), unless run with --ignore-missing.`,
    // AppliedMigration validate (ErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED); a version above every file's is "future", ignored by default.
    flyway: (v) => `Flyway's validation fails on it ("Detected applied migration not resolved locally: ${v.replace(/_/g, '.')}") once a migration sorts after it.`,
    // migrate.ts runs the files after the last one it ran, without comparing its history with them.
    'graphile-migrate': () => 'graphile-migrate does not check its history against the files, but refuses a file committed on top of the missing one (its Previous chain breaks).',
    // UpToContext looks for the files goose_db_version lacks, never for the files of the versions it holds.
    goose: () => 'goose never notices: `goose up` compares its files with goose_db_version, not goose_db_version with its files.',
    // FindMigrations lists the files and marks each applied by its version: a row without a file is never listed.
    dbmate: () => 'dbmate never notices: `dbmate migrate` and `dbmate status` list only the files.',
    // schema_migrations holds one row, the current version; readUp checks that version has a file (versionExists) before anything.
    'golang-migrate': (v) => `golang-migrate keeps only its current version: while that is ${BigInt(v)}, every \`migrate up\` fails ("no migration found for version ${BigInt(v)}"); an older one it never looks for.`,
    // runner.ts checkOrder compares the names run, in order, with the files'; getMigrationsToRun (down) needs each one's file.
    'node-pg-migrate': (name) => `node-pg-migrate stops on its order check once a file takes its place ("Not run migration … is preceding already run migration ${name}"), and a \`migrate down\` reaching it fails ("Definitions of migrations ${name} have been deleted.").`,
    // apply_migrations applies the folders _prisma_migrations lacks without looking at its rows; migrate dev diagnoses the history first.
    prisma: () => '`prisma migrate deploy` ignores it and applies the folders it has not run; `prisma migrate dev` asks to reset the database.',
    // 0.x dialect.ts migrate() compares the newest created_at with the journal's `when`s; 1.0 runs the folders no row names.
    drizzle: () => "drizzle never notices: drizzle-orm 0.x compares only the newest created_at with its journal, and 1.0 runs the folders its table does not name.",
    // Pending compares its revisions with the files only for a last revision partially applied (MissingMigrationError).
    atlas: () => "Atlas refuses the folder until `atlas migrate hash` drops its atlas.sum line; after that it never notices, unless it is the last revision and was partially applied: then `atlas migrate apply` fails (\"revision … is partially applied but migration file was not found\").",
    // Engine.pm _sync_plan looks the database's latest change ID up in the plan, and each ID chains to the change planned before it.
    sqitch: () => '`sqitch deploy` fails on every database that deployed it ("Cannot find change … in sqitch.plan"), and deploys nothing: their latest change is this one, or one planned after it, whose ID changed with it (each change ID depends on the change planned before it).',
    // pending_migrations leaves out the applied versions; revert_last_migration looks for the latest applied one's folder.
    diesel: (v) => `\`diesel migration run\` ignores it, but while it is the latest applied, \`diesel migration revert\` fails ("Unable to find migration version ${v} to revert in the migrations directory.").`,
    // FindPendingMigrations (pkg/migration/apply.go) fails on a remote version with no local file, before it applies any.
    supabase: () => '`supabase db push` stops before it applies anything ("Remote migration versions not found in local migrations directory.").',
};
/** The runner's own repair for a history row with no file, where it prints one (the Supabase CLI's suggestRevertHistory). */
const MISSING_REPAIRS = {
    supabase: (v) => `; if it is gone for good, the Supabase CLI's fix is \`supabase migration repair --status reverted ${v}\` (then \`supabase db pull\`)`,
};
const missingMigration = {
    id: 'missing-migration',
    scope: 'set',
    defaultSeverity: 'error',
    description: 'A migration already applied has no file any more: deleted (new databases miss it) or renamed (runners run it again).',
    check({ migrations, history, options }) {
        if (!history)
            return [];
        const byFile = history.matchBy === 'file';
        const git = (0,history_history/* fromGit */.X)(history);
        const runner = (0,version_order/* versioning */.F2)(options.preset);
        // A history table's entries are the rows of the one folder it was read against.
        const tableFolder = migrations[0]?.folder ?? options.folders[0]?.path ?? '.';
        const idOf = (x, folder) => versionId(runner, x, folder);
        const versions = new Set(migrations.map((m) => idOf(m, m.folder)));
        const files = new Set(migrations.map((m) => m.file));
        const missing = history.entries.filter((e) => byFile ? e.file !== undefined && !files.has(e.file) : e.version !== '' && !versions.has(idOf(e, tableFolder)));
        if (missing.length === 0)
            return [];
        const known = new Set(history.entries.map((e) => (byFile ? e.file : idOf(e, tableFolder))));
        const fresh = migrations.filter((m) => !known.has(byFile ? m.file : idOf(m, m.folder)));
        const ref = history.source.replace(/^git:/, '');
        const drafts = [];
        for (const entry of missing) {
            const target = takeRenameTarget(entry, fresh, runner);
            const old = entry.file ?? `version ${entry.version}${entry.name ? ` (${entry.name})` : ''}`;
            if (target) {
                drafts.push(renamed(entry, old, target, migrations, runner, options.preset));
                continue;
            }
            const shown = runner.of(entry, tableFolder);
            drafts.push({
                rule: 'missing-migration',
                file: entry.file ?? options.folders[0]?.path ?? '.',
                line: 0,
                column: 0,
                message: `${old} is ${git ? `on ${ref}` : `recorded in ${history.source.replace(/^table:/, '')}`} but no longer exists. ` +
                    `Databases that ran it keep its changes, new databases will not get them, and ${MISSING_STOPS[options.preset]?.(shown) ?? 'runners that validate their history (Flyway) stop on it.'}`,
                suggestion: (git && entry.file ? `Restore it (\`git checkout ${(0,shell/* shellQuote */.Z)(ref)} -- ${(0,shell/* shellQuote */.Z)(entry.file)}\`)` : 'Restore the file') +
                    `; to take its changes back, add a new migration that reverses them${MISSING_REPAIRS[options.preset]?.(shown) ?? ''}.`,
            });
        }
        return drafts;
    },
};
/** The new file this entry most likely became: same bytes, else same checksum, else same version, else same name. */
function takeRenameTarget(entry, fresh, runner) {
    const tests = [
        (m) => entry.bytes !== undefined && entry.bytes.equals(m.bytes),
        (m) => entry.checksum !== undefined && (0,checksum/* checksum */.cM)(entry.checksum.algorithm, m.bytes).toLowerCase() === entry.checksum.value.toLowerCase(),
        (m) => entry.version !== '' && sameVersion(entry, m, runner) && sameFolder(entry, m),
        (m) => entry.name !== undefined && entry.name === m.name && sameFolder(entry, m),
    ];
    for (const test of tests) {
        const i = fresh.findIndex(test);
        if (i >= 0)
            return fresh.splice(i, 1)[0];
    }
    return undefined;
}
function sameFolder(entry, m) {
    return entry.file === undefined || (0,migration/* pathIn */.lW)(m.folder, entry.file) !== null;
}
/** One key per version as the runner reads it, for a migration or history entry of `folder`. */
function versionId(runner, x, folder) {
    return runner.key(runner.of(x, folder));
}
/** Whether the runner takes `entry` and `m` for one version (an entry of `m`'s folder). */
function sameVersion(entry, m, runner) {
    return versionId(runner, entry, m.folder) === versionId(runner, m, m.folder);
}
/** What moves back from `now` to `was`: a folder-per-migration (Prisma, diesel) moves with its folder, its down.sql and all. */
function movedPath(now, was) {
    const inFolder = (path) => naming/* FOLDER_SQL_FILES */.mD.includes(external_node_path_.posix.basename(path));
    const [from, to] = inFolder(now) && inFolder(was) && external_node_path_.posix.basename(now) === external_node_path_.posix.basename(was) ? [external_node_path_.posix.dirname(now), external_node_path_.posix.dirname(was)] : [now, was];
    return `${(0,shell/* shellQuote */.Z)(from)} ${(0,shell/* shellQuote */.Z)(to)}`;
}
/**
 * What the runner does with a renamed applied migration. node-pg-migrate compares the names it ran, in order, with its files'
 * (runner.ts checkOrder): the applied name is gone from its place, so it stops there, and runs the file again only when told
 * not to check the order.
 */
const RENAMED_RUNS = {
    'node-pg-migrate': (was, now) => `so node-pg-migrate no longer finds ${was}, already run, in its place among the files and stops on its order check ` +
        `("Not run migration … is preceding already run migration …"); with --no-check-order it would run it again as ${now}.`,
};
function renamed(entry, old, m, migrations, runner, preset) {
    const edited = entry.bytes !== undefined && !entry.bytes.equals(m.bytes) ? ' and edited' : '';
    const kept = sameVersion(entry, m, runner);
    // The seed 001 fix for a duplicate: the old version stays with the other file, this one moves on.
    const keeper = kept ? undefined : migrations.find((o) => o !== m && o.folder === m.folder && sameVersion(entry, o, runner));
    const back = entry.file ? `git mv ${movedPath(m.file, entry.file)}` : `rename ${m.file} back`;
    let message;
    let suggestion;
    let severity;
    if (keeper) {
        severity = 'warning';
        message =
            `${old} was renamed${edited} to ${m.file}, resolving duplicate version ${entry.version} (${(0,migration_set/* local */.sr)(keeper)} keeps it). ` +
                `A database that applied this file as version ${entry.version} will run it again as ${m.version}.`;
        suggestion = `Check which of the two files each database applied as ${entry.version}; if it was this one, undo the rename (\`${back}\`) and renumber ${(0,migration_set/* local */.sr)(keeper)} instead.`;
    }
    else if (kept) {
        message =
            `${old} was renamed${edited} to ${m.file} (same version ${m.version}). Runners that record file names ` +
                '(node-pg-migrate, name-keyed schema_migrations) see a new migration and run it again; Flyway fails validation on the changed description.';
        suggestion = `Keep the name it was applied under: \`${back}\`.`;
    }
    else {
        const [was, now] = [runner.of(entry, m.folder), runner.of(m, m.folder)];
        message =
            `${old} was renamed${edited} to ${m.file}: ${runner.noun} ${was} became ${now}, ` +
                (RENAMED_RUNS[preset]?.(was, now) ?? `so databases that applied ${was} will run it again as ${now}.`);
        suggestion = `Keep the name it was applied under: \`${back}\`.`;
    }
    return { rule: 'missing-migration', ...(severity ? { severity } : {}), file: m.file, line: 0, column: 0, message, suggestion };
}

// EXTERNAL MODULE: ./src/config/presets.ts
var presets = __webpack_require__(914);
// EXTERNAL MODULE: ./src/discover/goose-split.ts
var goose_split = __webpack_require__(2701);
// EXTERNAL MODULE: ./src/sql/lines.ts
var sql_lines = __webpack_require__(3015);
;// CONCATENATED MODULE: ./src/rules/goose-split.ts
// syntax-error under goose: goose cuts a file into statements line by line (src/discover/goose-split.ts), not as
// PostgreSQL reads it, and sends each piece as a query of its own. A piece that holds part of a statement fails on the
// server; a file goose cannot read (an unknown annotation, a missing `;` or StatementEnd) runs not at all.





const REMEDY = {
    annotation: 'goose reads every comment line holding `+goose` as an annotation: write it at the very start of its line as one of `-- +goose Up`, `Down`, `StatementBegin`, `StatementEnd`, `NO TRANSACTION`, `ENVSUB ON`, `ENVSUB OFF` (any case), or reword the comment without `+goose`.',
    misplaced: 'Write `-- +goose Up` once, above the up statements, and `-- +goose Down` once, below them; each `-- +goose StatementBegin` needs a `-- +goose StatementEnd` before the next annotation of either.',
    'sql-before-up': 'Move the SQL below `-- +goose Up`: goose refuses a file with SQL above it.',
    'no-up': 'Add `-- +goose Up` on its own line above the statements: goose requires it in every SQL migration.',
    'no-statement-end': 'Add `-- +goose StatementEnd` on its own line below the last line of the statement this `-- +goose StatementBegin` opens.',
    'missing-semicolon': 'End the statement with `;` at the end of its last line: goose ends a statement only at a line whose last word ends in `;` (or at `-- +goose StatementEnd`).',
};
/** Statements this long or shorter are shown wrapped in the suggestion. */
const SHOWN_LINES = 15;
/** The drafts of a file goose runs: why goose refuses it, and where its split cuts a statement apart. */
function gooseSplitDrafts(ctx) {
    if (!(0,goose_split/* runsUnderGoose */.ih)(ctx.migration, ctx.options.preset))
        return [];
    const file = (0,goose_split/* gooseFile */.Sf)(ctx.migration);
    if (!file)
        return [];
    const drafts = file.error ? [refused(ctx, file.error)] : [];
    // A file PostgreSQL cannot parse has its syntax error already; its statements' bounds are unknown past it.
    if (!ctx.parsed.error)
        drafts.push(...cuts(ctx, file.text, file.chunks));
    return drafts;
}
function refused(ctx, error) {
    return {
        rule: 'syntax-error',
        file: ctx.migration.file,
        line: error.line,
        column: 1,
        message: `goose cannot read this file, so it runs none of it; goose says: ${error.message}`,
        suggestion: REMEDY[error.kind],
    };
}
function cuts(ctx, text, chunks) {
    const { template, migration, options } = ctx;
    const lines = new sql_lines/* LineIndex */.r(text);
    // Offsets in the parsed up section, made the file's.
    const upStart = lines.lineStart(migration.lineOffset + 1);
    const inFile = (offset) => upStart + template.originalOffset(offset);
    const spans = ctx.parsed.statements.map((s) => ({ from: inFile(s.start), to: inFile(s.end) }));
    const copyRows = ctx.parsed.statements.flatMap((s) => (s.copy ? [{ from: inFile(s.copy.start), to: inFile(s.copy.resume) }] : []));
    const regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns);
    const failure = (chunk) => {
        const envsub = migration.envsub && (0,goose_split/* envsubRegions */.fo)(text, chunk.offset, chunk.offset + chunk.text.length);
        return pieceError((0,runner_placeholders/* templateOf */.kW)({ sql: chunk.text, file: migration.file, lineOffset: chunk.lineOffset, envsub }, options, regex).sql);
    };
    const cutAt = (chunk) => lines.lineStart(chunk.endLine) + (chunk.block ? 0 : (0,goose_split/* semicolonAt */.BH)(lineText(text, lines, chunk.endLine)));
    // The statements goose cuts apart (by index), with the pieces that end inside each; and the pieces that start or end
    // where PostgreSQL ends no statement (in a comment, at a StatementEnd), which only a parse of their own can judge.
    const cutApart = new Map();
    const unsure = [];
    let next = 0;
    let startsClean = true;
    for (const chunk of chunks) {
        const at = cutAt(chunk);
        while (next < spans.length && spans[next].to <= at)
            next++;
        if (next < spans.length && spans[next].from < at) {
            cutApart.set(next, [...(cutApart.get(next) ?? []), chunk]);
            startsClean = false;
            continue;
        }
        const endsClean = !chunk.block && next > 0 && !text.slice(spans[next - 1].to, at).trim();
        if (!startsClean || !endsClean)
            unsure.push(chunk);
        startsClean = endsClean;
    }
    const drafts = [...cutApart].map(([i, pieces]) => cutDraft(ctx, text, lines, spans[i], pieces, failure(pieces[0]), cutAt(pieces[0])));
    // A piece that fails with no statement cut apart around it (a `;` ending a line of a /* comment */): the first one.
    const told = [...cutApart.keys()].map((i) => spans[i]);
    const overlaps = (chunk, spansOf) => spansOf.some((r) => r.from <= cutAt(chunk) && chunk.offset < r.to);
    for (const chunk of unsure) {
        if (overlaps(chunk, told) || overlaps(chunk, copyRows))
            continue;
        const error = failure(chunk);
        if (!error)
            continue;
        const sent = sentLines(chunk, 0);
        drafts.push({
            rule: 'syntax-error',
            file: migration.file,
            line: chunk.endLine,
            column: cutAt(chunk) - lines.lineStart(chunk.endLine) + 1,
            message: `goose ends a statement at ${chunk.block ? 'this `-- +goose StatementEnd`' : "this line's `;`"}, so it sends ${sent} as one statement, and PostgreSQL fails on it: ${error}.`,
            suggestion: `goose ends a statement at each line whose last word ends in \`;\`, even in a /* comment */: move that \`;\` off the end of line ${chunk.endLine}, or wrap ${sent} in \`-- +goose StatementBegin\` / \`-- +goose StatementEnd\`.`,
        });
        break;
    }
    return drafts.sort((a, b) => a.line - b.line);
}
/** Why PostgreSQL fails on `sql` sent alone, if it does. */
function pieceError(sql) {
    const error = (0,parser/* parseSql */.eg)(sql).error;
    // The parser quotes the rest of the text from where it stopped: too much for a message once it spans lines.
    return error && error.message.replace(/ at or near "[\s\S]*"$/, (near) => (near.includes('\n') || near.length > 50 ? '' : near));
}
function cutDraft(ctx, text, lines, span, pieces, error, at) {
    const [first, ...more] = pieces;
    const start = lines.position(span.from).line;
    const end = lines.position(span.to).line;
    const sent = sentLines(first, start);
    const fails = `It sends ${sent} as one statement${error ? `, and PostgreSQL fails on it: ${error}.` : '.'}`;
    const again = more.length ? ` It cuts the statement again at ${lineList(more.map((c) => c.endLine))}.` : '';
    const message = first.block
        ? `goose ends the statement at this \`-- +goose StatementEnd\`, before the statement on ${range(start, end)} ends. ${fails}${again}`
        : `goose ends the statement at this line's \`;\`, inside the statement on ${range(start, end)}: outside \`-- +goose StatementBegin\` / \`-- +goose StatementEnd\` it ends one at each line whose last word ends in \`;\`, even in a $$ body or a string. ${fails}${again}`;
    const statement = Array.from({ length: end - start + 1 }, (_, i) => lineText(text, lines, start + i)).join('\n');
    const suggestion = first.block
        ? `Move this \`-- +goose StatementEnd\` below line ${end}, where the statement ends.`
        : end - start < SHOWN_LINES
            ? `Wrap the statement in \`-- +goose StatementBegin\` and \`-- +goose StatementEnd\`, each on its own line:\n-- +goose StatementBegin\n${statement}\n-- +goose StatementEnd`
            : `Put \`-- +goose StatementBegin\` on its own line above line ${start} and \`-- +goose StatementEnd\` on its own line below line ${end}.`;
    return { rule: 'syntax-error', file: ctx.migration.file, ...lines.position(at), message, suggestion };
}
function lineList(lines) {
    const last = lines.at(-1);
    return lines.length === 1 ? `line ${last}` : `lines ${lines.slice(0, -1).join(', ')} and ${last}`;
}
/** `line N`, or `lines N–M`. */
function range(from, to) {
    return from === to ? `line ${from}` : `lines ${from}–${to}`;
}
/** The lines of the file that hold what goose sends as `chunk` (from `from` on, at the least): its blank lines aside. */
function sentLines(chunk, from) {
    const { text, lineOffset } = chunk;
    const lineCount = (t) => t.split('\n').length;
    return range(Math.max(from, lineOffset + lineCount(text.slice(0, text.length - text.trimStart().length))), lineOffset + lineCount(text.trimEnd()));
}
function lineText(text, lines, line) {
    const start = lines.lineStart(line);
    const eol = text.indexOf('\n', start);
    return text.slice(start, eol === -1 ? text.length : eol).replace(/\r$/, '');
}

;// CONCATENATED MODULE: ./src/rules/dbmate-sections.ts
// syntax-error under dbmate: dbmate reads a file's `-- migrate:up` / `-- migrate:down` markers its own way
// (src/discover/sections.ts) and refuses a file it cannot cut, running none of it nor any migration after it. A second
// up section, and an up marker's option dbmate does not read, are reported too.



const MARKER_ALONE = 'at the very start of its own line (dbmate does not see an indented one)';
const dbmate_sections_REMEDY = {
    'no-up': `Write \`-- migrate:up\` ${MARKER_ALONE} above the migration's statements, and \`-- migrate:down\` below them.`,
    'sql-before-up': 'Move these statements below `-- migrate:up`: only blank lines and `--` comments may stand above it.',
    'several-downs': 'Keep one `-- migrate:down` in each up section: merge the down statements under the first, or give the second its own `-- migrate:up` above it.',
    'no-down': `Add \`-- migrate:down\` ${MARKER_ALONE} below the up statements, even with nothing under it: dbmate 2.0 and later refuses a migration without one.`,
};
/** The drafts of a file dbmate runs: why dbmate refuses it, a second up section, an option dbmate does not read. */
function dbmateSectionDrafts(ctx) {
    const { migration, options } = ctx;
    if (!(0,discover_sections/* runsUnderDbmate */.gj)(migration, options.preset) || !(0,decode/* decodeSql */.x)(migration.bytes).ok)
        return [];
    // Go's string(bytes): a BOM stays, and hides a marker on the first line.
    const text = migration.bytes.toString('utf8');
    const lines = new sql_lines/* LineIndex */.r(text);
    const { sections, error } = (0,discover_sections/* readDbmate */.il)(text);
    const draft = (at, message, suggestion, severity) => ({
        rule: 'syntax-error',
        file: migration.file,
        line: lines.position(at).line,
        column: 1,
        message,
        suggestion,
        ...(severity && { severity }),
    });
    const drafts = [];
    if (error)
        drafts.push(draft(error.at, `dbmate cannot read this file, so it runs none of it; dbmate says: ${error.message}`, remedy(error, text)));
    const [first, second] = sections;
    if (!error && second) {
        drafts.push(draft(second.up.start, 'dbmate 2.29 and later runs each `-- migrate:up` section as a migration and records the version after each, so this second section fails with ' +
            '`duplicate key value violates unique constraint "schema_migrations_pkey"` once the first is applied and recorded (dbmate issue #820); ' +
            'dbmate before 2.29 runs it only on rollback, as part of the first down section.', 'Move this section to a migration file of its own.'));
    }
    if (first && unreadOptOut(first)) {
        drafts.push(draft(first.up.start, `dbmate does not read \`${first.options.trim()}\` as an option (it takes \`key:value\` words split at white space, and only \`transaction:false\` as written so), so it runs this section in a transaction.`, 'Write the option `transaction:false` with no space around the colon: `-- migrate:up transaction:false`.', 'warning'));
    }
    return drafts;
}
function remedy(error, text) {
    if (error.kind === 'no-up' && text.startsWith('\uFEFF--')) {
        return 'The file starts with a UTF-8 byte order mark, which dbmate reads as part of the first line, so it sees no `-- migrate:up` there: save the file as UTF-8 without BOM.';
    }
    // SQL above the up section that a down marker heads: dbmate before 2.29 says "dbmate requires '-- migrate:up' to appear before '-- migrate:down'".
    if (error.kind === 'sql-before-up' && /^--[\t\f\r ]*migrate:down/m.test(text.slice(0, error.at))) {
        return 'Move `-- migrate:down` and the statements under it below the up section: dbmate needs `-- migrate:up` first.';
    }
    return dbmate_sections_REMEDY[error.kind];
}
/** An up marker whose options dbmate does not take for `transaction:false`, though they mean it (`transaction: false`, `transaction:FALSE`). */
function unreadOptOut(section) {
    return section.transaction && /transaction\W*false/i.test(section.options);
}

;// CONCATENATED MODULE: ./src/rules/npm-sections.ts
// syntax-error under node-pg-migrate: its getActions (src/sqlMigration.ts) takes a file's up SQL from its `-- Up Migration`
// marker, and the whole file where there is none. A file with only a `-- Down Migration` marker then runs its down part on
// `up` too, right after the up part (a CREATE, then its DROP), and node-pg-migrate says nothing.


function npmSectionDrafts(ctx) {
    const { migration, options } = ctx;
    if (options.preset !== 'node-pg-migrate')
        return [];
    // Without an up marker there is no up section: the migration's decoded text is the whole file, from its first line.
    const down = (0,discover_sections/* npmDownWithoutUp */.f0)(migration.sql);
    if (down === null)
        return [];
    const { line, column } = new sql_lines/* LineIndex */.r(migration.sql).position(down);
    return [
        {
            rule: 'syntax-error',
            severity: 'error',
            file: migration.file,
            line,
            column,
            message: 'This file has a `-- Down Migration` marker but no `-- Up Migration` one, so node-pg-migrate takes the whole file for its up ' +
                'migration: `node-pg-migrate up` runs the down statements too, right after the up ones.',
            suggestion: 'Write `-- Up Migration` on its own line above the migration\'s statements.',
        },
    ];
}

// EXTERNAL MODULE: ./src/discover/multi-statement.ts
var multi_statement = __webpack_require__(4926);
// EXTERNAL MODULE: ./src/rules/transaction-unsafe.ts + 1 modules
var transaction_unsafe = __webpack_require__(6832);
;// CONCATENATED MODULE: ./src/rules/multi-statement.ts
// syntax-error under golang-migrate's x-multi-statement=true: it cuts the file at every `;` (src/discover/multi-statement.ts),
// not where PostgreSQL ends a statement, and sends each piece as a query of its own. A piece that holds part of a
// statement ($$ bodies, strings, comments with `;` in them) fails on the server, and the migration with it; one longer
// than the scanner's buffer (x-multi-statement-max-size) stops golang-migrate before it is sent.



const CUTS = 'golang-migrate (x-multi-statement=true in the database URL) ends a query at every `;`, even in a $$ body, a string or a comment';
/** The way out, `what` of the file to keep `;` out of: without x-multi-statement the file is one query, one implicit transaction, which a statement that cannot run in one fails. */
function multi_statement_remedy(ctx, what) {
    const statements = ctx.parsed.statements;
    const unsafe = statements.length > 1 ? statements.find((s) => (0,transaction_unsafe/* needsOwnTransaction */.i7)(s.kind, s.node)) : undefined;
    if (unsafe) {
        const name = (0,transaction_unsafe/* needsOwnTransaction */.i7)(unsafe.kind, unsafe.node);
        return `Keep \`;\` out of ${what}. This file needs x-multi-statement=true: without it golang-migrate sends the file as one query, which PostgreSQL runs as one implicit transaction, where ${name} at line ${ctx.position(unsafe.start).line} fails.`;
    }
    return `Take x-multi-statement=true out of the database URL that runs this migration: golang-migrate then sends the file as one query, which PostgreSQL reads whole. Otherwise keep \`;\` out of ${what}.`;
}
/** Where golang-migrate's pieces cut a statement apart, or start or end in a comment and fail, or are too long to read. */
function multiStatementDrafts(ctx) {
    if (!ctx.options.multiStatement)
        return [];
    const tooLong = oversizedDraft(ctx);
    return ctx.parsed.error ? tooLong : [...tooLong, ...cutDrafts(ctx)].sort((a, b) => a.line - b.line);
}
/** The piece golang-migrate's scanner cannot hold: it stops there with bufio.ErrTooLong, the pieces above already run. */
function oversizedDraft(ctx) {
    const sql = ctx.template.sql;
    const set = ctx.options.multiStatementMaxSize;
    const p = (0,multi_statement/* oversizedPiece */.e_)(sql, set ?? multi_statement/* DEFAULT_MULTI_STATEMENT_MAX_SIZE */.Z);
    if (!p)
        return [];
    const text = sql.slice(p.start, p.end);
    const from = p.start + text.length - text.trimStart().length;
    const lines = range(ctx.position(from).line, ctx.position(p.start + Math.max(text.trimEnd().length, 1) - 1).line);
    const size = set ? `x-multi-statement-max-size=${set} in the database URL` : "golang-migrate's default x-multi-statement-max-size";
    return [
        {
            rule: 'syntax-error',
            file: ctx.migration.file,
            ...ctx.position(from),
            message: `golang-migrate (x-multi-statement=true in the database URL) reads the file one \`;\`-ended piece at a time into a buffer of ${p.room} bytes ` +
                `(${size}, 4096 at the least), and the piece on ${lines} is ${p.bytes} bytes: it stops here with "bufio.Scanner: token too long", ` +
                'after it has run the pieces above (each committed on its own), and leaves the database dirty.',
            suggestion: `Set x-multi-statement-max-size=${p.needed} or more in the database URL that runs this migration, or split what ${lines} ` +
                'holds into statements of fewer bytes, each ending in `;`.',
        },
    ];
}
function cutDrafts(ctx) {
    const sql = ctx.template.sql;
    const statements = ctx.parsed.statements;
    const pieces = (0,multi_statement/* multiStatementPieces */.Ck)(sql, statements);
    const line = (offset) => ctx.position(offset).line;
    const sent = (p) => {
        const text = sql.slice(p.start, p.end);
        return range(line(p.start + text.length - text.trimStart().length), line(p.start + text.trimEnd().length - 1));
    };
    const draft = (at, message, suggestion) => ({ rule: 'syntax-error', file: ctx.migration.file, ...ctx.position(at), message, suggestion });
    const drafts = [];
    const told = [];
    for (const p of pieces) {
        if (p.clean)
            continue;
        const cut = p.end - 1;
        const cutApart = statements.find((s) => s.start < cut && cut < s.end);
        if (cutApart && told.includes(cutApart))
            continue;
        const error = pieceError(sql.slice(p.start, p.end));
        const fails = error ? `, and PostgreSQL fails on it: ${error}` : '';
        if (cutApart) {
            told.push(cutApart);
            const span = range(line(cutApart.start), line(cutApart.end - 1));
            const again = pieces.filter((q) => cut < q.end - 1 && q.end - 1 < cutApart.end).map((q) => line(q.end - 1));
            const more = again.length ? ` It cuts the statement again at ${again.length === 1 ? 'line' : 'lines'} ${[...new Set(again)].join(', ')}.` : '';
            drafts.push(draft(cut, `${CUTS}: it cuts the statement on ${span} at this \`;\` and sends ${sent(p)} as one query${fails}.${more}`, multi_statement_remedy(ctx, "this statement's $$ body, strings and comments")));
        }
        else if (!cutApart && error && !told.some((s) => p.start < s.end) && drafts.length === told.length) {
            // A `;` in a comment between statements: only the first piece that fails is told (the later ones follow from it).
            drafts.push(draft(sql[p.start - 1] === ';' ? p.start - 1 : cut, `${CUTS}: it sends ${sent(p)} as one query${fails}.`, multi_statement_remedy(ctx, 'the comments of this file')));
        }
    }
    return drafts;
}

// EXTERNAL MODULE: ./src/config/runner-config.ts
var runner_config = __webpack_require__(9041);
;// CONCATENATED MODULE: ./src/rules/syntax-error.ts
// syntax-error: the file does not parse with PostgreSQL's own grammar (libpg-query, PostgreSQL 18), or its
// runner sends inline COPY rows to the server as SQL, or goose or golang-migrate's x-multi-statement cuts it apart
// (goose-split.ts, multi-statement.ts), or dbmate cannot read its sections (dbmate-sections.ts). The parser stops at the first error, so there is at most one parse error per file.






/** What usually causes an error at this spot, in words that say what to change. */
function advice(ctx, error) {
    const { template } = ctx;
    const offset = template.originalOffset(error.offset);
    const rest = ctx.migration.sql.slice(offset, offset + 40);
    if (rest.startsWith('\\')) {
        // Sqitch runs its scripts with psql, where a meta-command is fine; the gate cannot read past it.
        if (ctx.options.preset === 'sqitch') {
            return 'Sqitch runs the script with psql, which reads this meta-command, but migration-gate does not yet: the rest of the script was not checked, and the dry-run cannot run it. Where the meta-command only sets psql up (\\set ON_ERROR_STOP, Sqitch sets that already), remove it.';
        }
        return 'psql meta-commands (\\i, \\set, \\connect, ...) are not SQL: only psql understands them. Remove them from the migration, or run it with psql only.';
    }
    // Past the end or in an open quote, the token before is not what went wrong; in a value it can be.
    const fill = template.fillAt(error.offset, !/end of input|unterminated/.test(error.message));
    if (fill && fill.kind !== 'blank')
        return placeholderAdvice(fill, error.offset < fill.to + fill.filled.length) + (0,runner_config/* unsetVariableAdvice */.qD)(ctx.options, fill);
    if (/^(\{\{|\$\{|:'?\w|%\(|@\w)/.test(rest)) {
        return 'This looks like a template placeholder: declare its syntax under placeholder-patterns (and its value under placeholders) in .migration-gate.yml so it is substituted before parsing.';
    }
    if (/end of input/.test(error.message)) {
        return 'The file ends inside a statement: look for a missing closing parenthesis, quote, $$ or END before the end of the file.';
    }
    if (/unterminated/.test(error.message)) {
        return 'Close the quoted string, quoted identifier or $$-quoted body that starts here.';
    }
    return 'Fix the SQL at this position: no runner can apply a file that PostgreSQL cannot parse, and the rules after this point were not checked.';
}
/** Advice for an error on (`on`) or just after a placeholder that was filled in: its value, or the identifier standing in for it. */
function placeholderAdvice(fill, on) {
    // A key such as `flyway:defaultSchema` is fine bare in YAML and in a shell; one with spaces or quotes is not.
    const plain = /^[A-Za-z_][\w.-]*(?::[\w.-]+)*$/.test(fill.key);
    const quote = (s) => (plain ? s : JSON.stringify(s));
    const [what, remedy] = fill.kind === 'value'
        ? [`is filled with ${JSON.stringify(fill.filled)}`, `check what ${quote(fill.key)} is set to under placeholders in .migration-gate.yml or with --placeholder`]
        : [
            'has no value, so an identifier stands in for it',
            `give it a value under placeholders in .migration-gate.yml (${quote(fill.key)}: VALUE) or with --placeholder ${quote(`${fill.key}=VALUE`)}`,
        ];
    return on
        ? `The placeholder ${fill.text} ${what}, which does not fit here: ${remedy}.`
        : `The placeholder ${fill.text} just before this ${what}: if that does not fit there, ${remedy}; otherwise fix the SQL at this position.`;
}
/** The rows after each `COPY ... FROM STDIN;`, where the preset's runner sends them to the server as SQL. */
function copyDataAsSql(ctx) {
    if (!(0,presets/* sendsCopyDataAsSql */.J1)(ctx.options.preset))
        return [];
    const { name, part } = presets/* PRESET_TABLE */.rv[ctx.options.preset].runner;
    return ctx.parsed.statements.flatMap((s) => {
        if (!s.copy || s.copy.resume === s.copy.start)
            return [];
        return {
            rule: 'syntax-error',
            file: ctx.migration.file,
            ...ctx.position(s.copy.start),
            message: `Syntax error as ${name} runs this file: it sends the ${part ?? 'file'} to the server as SQL and cannot feed the rows ` +
                'after COPY ... FROM STDIN to the COPY as psql does, so the server reads them as SQL and fails here.',
            suggestion: "Load the rows with INSERT ... VALUES (pg_dump --inserts writes them so), or COPY them from a file on the database server (COPY ... FROM '/path/file'); only psql and Flyway feed inline COPY data.",
        };
    });
}
const syntaxError = {
    id: 'syntax-error',
    scope: 'file',
    defaultSeverity: 'error',
    description: "The file does not parse with PostgreSQL's grammar, or not as its runner reads it (goose's statement splitting, golang-migrate's `x-multi-statement` cuts, dbmate's sections, a node-pg-migrate file with a down marker and no up one, inline `COPY` rows a runner sends as SQL).",
    check(ctx) {
        const error = ctx.parsed.error;
        const asRun = [...copyDataAsSql(ctx), ...gooseSplitDrafts(ctx), ...dbmateSectionDrafts(ctx), ...npmSectionDrafts(ctx), ...multiStatementDrafts(ctx)];
        if (!error)
            return asRun;
        const pos = ctx.position(error.offset);
        return [
            ...asRun,
            {
                rule: 'syntax-error',
                file: ctx.migration.file,
                line: pos.line,
                column: pos.column,
                message: `Syntax error: ${error.message}.`,
                suggestion: advice(ctx, error),
            },
        ];
    },
};

;// CONCATENATED MODULE: ./src/rules/idempotency/analyze.ts
// What one statement does to which object, and why it would fail or apply twice on a second run
// of its file. Pure reading of the parse tree; the rule weighs these against the rest of the file.




/** Whether OR REPLACE with the definition `own` takes the object as `other` defines it: the same, or a view whose first columns are other's, by name and type. */
function replaces(own, other) {
    if ((0,ast/* sameTree */.PQ)(own.tree, other.tree))
        return true;
    const [mine, theirs] = [own.columns?.(), other.columns?.()];
    return mine !== undefined && theirs !== undefined && theirs.length <= mine.length && theirs.every((c, i) => sameColumn(c, mine[i]));
}
/** Columns the file shows to be the same: a name and a type known on both sides, and equal. */
const sameColumn = (a, b) => a.name !== undefined && a.name === b.name && a.type !== undefined && b.type !== undefined && (0,ast/* sameTree */.PQ)(a.type, b.type);
const DEPENDED_ON_KINDS = ['table', 'column', 'type', 'function', 'schema'];
/** The kinds of object a Dependency names: a DROP of any other kind takes nothing the file creates along (a table stands for any relation). */
const DEPENDED_ON = new Set(DEPENDED_ON_KINDS);
const REGCLASS_KINDS = ['table', 'index', 'sequence', 'view', 'materialized view', 'foreign table'];
/** Whether `x` is a Relation, so a statement may need it. */
const isRelation = (x) => REGCLASS_KINDS.includes(x.kind);
/** A constant as the parse writes it: a number, a string or a boolean; undefined for anything else (a cast, an expression, NULL). */
function constantText(expr) {
    const c = (0,ast/* nodeOf */.E7)(expr, 'A_Const');
    if (!c)
        return undefined;
    // A zero, an empty string or false leaves its inner field out.
    const zero = { ival: '0', fval: '0', sval: '', boolval: 'false' };
    const kind = Object.keys(zero).find((k) => c[k] && typeof c[k] === 'object');
    return kind === undefined ? undefined : String(c[kind][kind] ?? zero[kind]);
}
/** The rows a DELETE's WHERE picks by constants of one column; undefined for any other WHERE. */
function picked(table, where) {
    const op = (0,ast/* nodeOf */.E7)(where, 'A_Expr');
    if (!op || (0,ast/* stringsOf */.iw)(op.name).join() !== '=' || (op.kind !== 'AEXPR_OP' && op.kind !== 'AEXPR_IN'))
        return undefined;
    const column = (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(op.lexpr, 'ColumnRef')?.fields).pop();
    const values = (op.kind === 'AEXPR_IN' ? (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(op.rexpr, 'List')?.items ?? op.rexpr) : [op.rexpr]).map(constantText);
    return column !== undefined && values.length && values.every((v) => v !== undefined) ? { table, column, values: values } : undefined;
}
/** SQLSTATEs a second run raises, and the PL/pgSQL condition names for them. */
const CONDITIONS = {
    duplicate_table: '42P07',
    duplicate_object: '42710',
    duplicate_schema: '42P06',
    duplicate_function: '42723',
    duplicate_column: '42701',
    invalid_table_definition: '42P16',
    invalid_function_definition: '42P13',
    undefined_table: '42P01',
    undefined_object: '42704',
    undefined_function: '42883',
    undefined_column: '42703',
    invalid_schema_name: '3F000',
    unique_violation: '23505',
    dependent_objects_still_exist: '2BP01',
    invalid_parameter_value: '22023',
    wrong_object_type: '42809',
    ambiguous_function: '42725',
    object_not_in_prerequisite_state: '55000',
    // Class-wide conditions catch every SQLSTATE of their class.
    syntax_error_or_access_rule_violation: '42000',
    integrity_constraint_violation: '23000',
};
function conditionName(sqlstate) {
    return Object.keys(CONDITIONS).find((k) => CONDITIONS[k] === sqlstate) ?? `SQLSTATE '${sqlstate}'`;
}
const EXISTS_STATE = {
    table: '42P07',
    'foreign table': '42P07',
    aggregate: '42723',
    operator: '42723',
    view: '42P07',
    'materialized view': '42P07',
    index: '42P07',
    sequence: '42P07',
    schema: '42P06',
    function: '42723',
    column: '42701',
    // A second text search object trips the catalog's unique index rather than a duplicate_object check.
    'text search configuration': '23505',
    'text search dictionary': '23505',
    'text search parser': '23505',
    'text search template': '23505',
    partition: '42809',
    parent: '42P07',
    identity: '55000',
};
const MISSING_STATE = {
    table: '42P01',
    'foreign table': '42P01',
    aggregate: '42883',
    operator: '42883',
    view: '42P01',
    'materialized view': '42P01',
    sequence: '42P01',
    schema: '3F000',
    function: '42883',
    column: '42703',
    partition: '42P01',
    parent: '42P01',
};
/** The SQLSTATE a second CREATE of an object of this kind raises. */
const existsState = (k) => EXISTS_STATE[k] ?? '42710';
const missingState = (k) => MISSING_STATE[k] ?? '42704';
const DROP_KINDS = {
    OBJECT_TABLE: 'table',
    OBJECT_VIEW: 'view',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_INDEX: 'index',
    OBJECT_SEQUENCE: 'sequence',
    OBJECT_SCHEMA: 'schema',
    OBJECT_EXTENSION: 'extension',
    OBJECT_TYPE: 'type',
    OBJECT_DOMAIN: 'type',
    OBJECT_FUNCTION: 'function',
    OBJECT_PROCEDURE: 'function',
    OBJECT_ROUTINE: 'function',
    OBJECT_TRIGGER: 'trigger',
    OBJECT_POLICY: 'policy',
    OBJECT_FOREIGN_TABLE: 'foreign table',
    OBJECT_FOREIGN_SERVER: 'server',
    OBJECT_AGGREGATE: 'aggregate',
    OBJECT_OPERATOR: 'operator',
    OBJECT_COLLATION: 'collation',
    OBJECT_PUBLICATION: 'publication',
    OBJECT_STATISTIC_EXT: 'statistics',
    OBJECT_EVENT_TRIGGER: 'event trigger',
    OBJECT_FDW: 'foreign-data wrapper',
    OBJECT_CONVERSION: 'conversion',
    OBJECT_TSCONFIGURATION: 'text search configuration',
    OBJECT_TSDICTIONARY: 'text search dictionary',
    OBJECT_TSPARSER: 'text search parser',
    OBJECT_TSTEMPLATE: 'text search template',
    OBJECT_ACCESS_METHOD: 'access method',
    OBJECT_OPCLASS: 'operator class',
    OBJECT_OPFAMILY: 'operator family',
    OBJECT_RULE: 'rule',
    OBJECT_LANGUAGE: 'language',
    OBJECT_CAST: 'cast',
    OBJECT_TRANSFORM: 'transform',
};
/** DROP's own word where the kind it drops goes by another: a domain is a type, a procedure or routine a function. */
const DROP_WORDS = { OBJECT_DOMAIN: 'DOMAIN', OBJECT_PROCEDURE: 'PROCEDURE', OBJECT_ROUTINE: 'ROUTINE' };
const KEYWORDS = {
    'materialized view': 'MATERIALIZED VIEW',
    'foreign table': 'FOREIGN TABLE',
    'event trigger': 'EVENT TRIGGER',
    'foreign-data wrapper': 'FOREIGN DATA WRAPPER',
};
/** DefineStmt kinds: which object, and whether CREATE OR REPLACE exists for it (aggregates, since PostgreSQL 12). */
const DEFINE_KINDS = {
    OBJECT_AGGREGATE: { kind: 'aggregate', replace: true },
    OBJECT_OPERATOR: { kind: 'operator' },
    OBJECT_COLLATION: { kind: 'collation', ifNotExists: true },
    OBJECT_TSCONFIGURATION: { kind: 'text search configuration' },
    OBJECT_TSDICTIONARY: { kind: 'text search dictionary' },
    OBJECT_TSPARSER: { kind: 'text search parser' },
    OBJECT_TSTEMPLATE: { kind: 'text search template' },
};
const keyword = (k) => KEYWORDS[k] ?? k.toUpperCase();
const flagged = (key) => (node) => node[key] === true;
const ifNotExists = { kind: 'insert', words: 'IF NOT EXISTS', flag: flagged('if_not_exists') };
const ifExists = { kind: 'insert', words: 'IF EXISTS', flag: flagged('missing_ok') };
const orReplace = { kind: 'insert', words: 'OR REPLACE', flag: flagged('replace') };
/** CREATE USER and CREATE GROUP are CREATE ROLE with other defaults; findings use the statement's own word. */
const ROLE_WORDS = { ROLESTMT_ROLE: 'ROLE', ROLESTMT_USER: 'USER', ROLESTMT_GROUP: 'GROUP' };
const LANGUAGE_AS_EXTENSION = /^create\s+(?:trusted\s+)?(?:procedural\s+)?language\b/i;
const none = () => ({ creates: [], drops: [], problems: [] });
/** Creation of a named object: guarded by `guardKey`, else a problem fixed by `edit` or `advice`. */
function creation(ref, node, guardKey, what, fix, owner) {
    const guarded = node[guardKey] === true;
    const problems = guarded
        ? []
        : [{ what: what(), outcome: 'exists', object: ref, sqlstate: existsState(ref.kind), owner, ...fix }];
    return { creates: [{ ref, guarded }], drops: [], problems };
}
/** `DROP <word> IF EXISTS <name><signature>;`, the name as the file writes it, with CASCADE when asked. */
const dropAnew = (word, name, w, signature = '') => (cascade) => ({
    kind: 'drop-first',
    drop: `DROP ${word} IF EXISTS ${w.name(name)}${signature}${cascade ? ' CASCADE' : ''};`,
    quoted: w.name(name) === (0,ast/* formatName */.nD)(name),
});
/**
 * `made` (one CREATE) with how its fix makes the object anew, and for an OR REPLACE (`replacing`: what it says and the SQLSTATE of
 * a definition it cannot replace) the definition it must match: a problem the rule keeps only where one further down differs.
 */
function remakable(made, remake, replacing) {
    const [create] = made.creates;
    if (!create)
        return made;
    const problems = made.problems.map((p) => ({ ...p, remake }));
    if (replacing && create.guarded)
        problems.push({ what: replacing.what(), outcome: 'exists', object: create.ref, sqlstate: replacing.sqlstate, remake, ifRedefined: true });
    return { ...made, creates: [{ ...create, definition: replacing?.definition }], problems };
}
/** A view's columns, named by its column list where it has one; undefined where a `*` takes them from its tables. */
function viewColumns(query, aliases) {
    const names = (0,ast/* stringsOf */.iw)(aliases);
    return queryColumns(query)?.map((c, i) => (names[i] !== undefined ? { ...c, name: names[i] } : c));
}
/** The columns a query gives; undefined where a `*` takes them from its tables. */
function queryColumns(query) {
    let select = (0,ast/* nodeOf */.E7)(query, 'SelectStmt');
    // A set operation gives the names of its first query, and types resolved over all of them.
    let setOperation = false;
    while (select?.larg) {
        select = (0,ast/* nodeOf */.E7)({ SelectStmt: select.larg }, 'SelectStmt');
        setOperation = true;
    }
    if (!select)
        return undefined;
    return setOperation ? selectColumns(select)?.map((c) => ({ name: c.name })) : selectColumns(select);
}
/** The columns a query that is no set operation gives; undefined where a `*` takes them from its tables. */
function selectColumns(select) {
    const values = (0,ast/* asArray */._j)(select.valuesLists);
    if (values.length)
        return (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(values[0], 'List')?.items).map(() => ({}));
    const targets = (0,ast/* asArray */._j)(select.targetList).map((t) => (0,ast/* nodeOf */.E7)(t, 'ResTarget') ?? {});
    if (targets.some((t) => (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(t.val, 'ColumnRef')?.fields).some((f) => (0,ast/* nodeOf */.E7)(f, 'A_Star'))))
        return undefined;
    const from = select.withClause ? null : relationsIn(select.fromClause);
    return targets.map((t) => ({ name: typeof t.name === 'string' ? t.name : outputName(t.val), type: typeOf(t.val, from) }));
}
/** The name PostgreSQL gives a select-list item without AS, where it is a column's (cast or not) or a function's. */
function outputName(val) {
    const cast = (0,ast/* nodeOf */.E7)(val, 'TypeCast');
    const ref = (0,ast/* nodeOf */.E7)(cast ? cast.arg : val, 'ColumnRef');
    if (ref)
        return (0,ast/* stringsOf */.iw)(ref.fields).pop();
    return cast ? undefined : (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(val, 'FuncCall')?.funcname).pop();
}
function relationsIn(fromClause) {
    const by = new Map();
    let items = 0;
    // Joins nest one in another as deep as they chain: unfolded from a stack, left before right.
    const pending = [...(0,ast/* asArray */._j)(fromClause)].reverse();
    while (pending.length) {
        const item = pending.pop();
        const join = (0,ast/* nodeOf */.E7)(item, 'JoinExpr');
        if (join) {
            pending.push(join.rarg, join.larg);
            continue;
        }
        items++;
        const table = (0,ast/* nodeOf */.E7)(item, 'RangeVar');
        if (table)
            by.set(String(table.alias?.aliasname ?? table.relname), (0,ast/* rangeVarName */.KW)(table));
    }
    return { by, only: items === 1 && by.size === 1 ? [...by.values()][0] : undefined };
}
/**
 * What fixes a select-list item's type as far as the file tells: a cast's type, a column reference's table and column, or the
 * expression itself where it reads no column; undefined otherwise, and for a column of a query in WITH (`from` null).
 */
function typeOf(val, from) {
    const cast = (0,ast/* nodeOf */.E7)(val, 'TypeCast');
    if (cast)
        return { cast: cast.typeName };
    const ref = (0,ast/* nodeOf */.E7)(val, 'ColumnRef');
    if (!ref)
        return (0,walk/* someInTree */._j)(val, (_, key) => key === 'ColumnRef') ? undefined : { expression: val };
    // column, table.column or schema.table.column.
    const parts = (0,ast/* stringsOf */.iw)(ref.fields);
    if (parts.length > 3)
        return undefined;
    const column = parts.pop();
    const [schema, table] = parts.length === 2 ? parts : [undefined, parts[0]];
    const relation = table === undefined ? from?.only : from?.by.get(table);
    return relation && (schema === undefined || relation.schema === schema) ? { table: relation, column } : undefined;
}
/** SQL's names for the types the grammar reads as pg_catalog's (`int` as pg_catalog.int4): findings write them as SQL does. */
const SQL_TYPE_NAMES = {
    int2: 'smallint',
    int4: 'integer',
    int8: 'bigint',
    float4: 'real',
    float8: 'double precision',
    bool: 'boolean',
    varchar: 'character varying',
    bpchar: 'character',
    varbit: 'bit varying',
    timestamp: 'timestamp without time zone',
    timestamptz: 'timestamp with time zone',
    time: 'time without time zone',
    timetz: 'time with time zone',
};
/** An argument's type as DROP FUNCTION writes it (not its length or precision, which a signature ignores); `t.c%TYPE` as written. */
function argTypeText(t) {
    if (t.pct_type === true)
        return `${(0,ast/* stringsOf */.iw)(t.names).map(ast/* quoteIdent */.v4).join('.')}%TYPE`;
    const name = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(t.names));
    const sql = name.schema === undefined || name.schema === 'pg_catalog' ? SQL_TYPE_NAMES[name.name] : undefined;
    // The grammar's other pg_catalog types (numeric, interval) go by their own plain names.
    return (sql ?? (name.schema === 'pg_catalog' ? name.name : (0,ast/* formatName */.nD)(name))) + '[]'.repeat((0,ast/* asArray */._j)(t.arrayBounds).length);
}
/**
 * Input argument types as a signature tells functions apart: one key for `int`, `integer` and `int4`, and for a type in public
 * written with or without it. Undefined with a `t.c%TYPE`, whose type the file does not tell.
 */
function argTypes(types) {
    if (types.some((t) => t.pct_type === true))
        return undefined;
    return types.map((t) => argTypeText(t).replace(/^public\./, '')).join(',');
}
/** A function's input argument types: as DROP FUNCTION lists them, as a signature key, how many, and the columns its `t.c%TYPE` arguments name. */
function signature(node) {
    const inputs = (0,ast/* asArray */._j)(node.parameters)
        .map((p) => (0,ast/* nodeOf */.E7)(p, 'FunctionParameter') ?? {})
        .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
        .map((p) => (p.argType ?? {}));
    // DROP FUNCTION resolves `t.c%TYPE` to the column's type, as CREATE FUNCTION did: the same function while the column keeps its type.
    const types = inputs.map(argTypeText);
    const columns = inputs.flatMap((t) => {
        const parts = (0,ast/* stringsOf */.iw)(t.names);
        return t.pct_type === true && parts.length > 1 ? [{ kind: 'column', name: { name: parts[parts.length - 1] }, on: (0,ast/* qualifiedName */.OL)(parts.slice(0, -1)) }] : [];
    });
    const key = argTypes(inputs);
    return { text: `(${types.join(', ')})`, ...(key !== undefined && { key }), args: inputs.length, columns };
}
/** A function an ObjectWithArgs names: by its signature where it lists one (DROP FUNCTION f without parentheses names f alone). */
function routineRef(object, routine) {
    const key = object.args_unspecified === true ? undefined : argTypes((0,ast/* asArray */._j)(object.objargs).map((t) => (0,ast/* nodeOf */.E7)(t, 'TypeName') ?? {}));
    return { kind: 'function', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(object.objname)), ...(key !== undefined && { signature: key }), ...(routine && { routine }) };
}
/** `out` with what the object it creates depends on. */
const dependingOn = (out, uses) => ({ ...out, creates: out.creates.map((c) => ({ ...c, uses })) });
/** The table an index, trigger, policy, rule or owned sequence belongs to: dropping the table drops it, CASCADE or not. */
const ownedUse = (table) => ({ ref: { kind: 'table', name: table }, auto: true });
/** Columns of `table` as an index, constraint, trigger or view depends on them. */
const columnsOf = (table, names, auto) => [...new Set(names)].map((name) => {
    const ref = { kind: 'column', name: { name }, on: table };
    return auto ? { ref, auto } : { ref };
});
/** The columns index elements name or read: `(c)`, `((lower(c)))`. */
const elementColumns = (elems) => (0,ast/* asArray */._j)(elems).flatMap((e) => {
    const elem = (0,ast/* nodeOf */.E7)(e, 'IndexElem');
    return typeof elem?.name === 'string' ? [elem.name] : [...(0,ast/* columnsRead */.YL)(elem?.expr)];
});
/** A column's or domain's type, which DROP TYPE ... CASCADE takes the column or domain with. */
const typeUse = (typeName) => ({ ref: { kind: 'type', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(typeName?.names)) } });
/** The functions `expr` calls, each with the number of arguments the call passes. */
function callsIn(expr) {
    const out = [];
    (0,walk/* walkTree */.Ir)(expr, (node, key) => {
        const call = key === 'FuncCall' ? node : undefined;
        if (call)
            out.push({ ref: { kind: 'function', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(call.funcname)) }, args: (0,ast/* asArray */._j)(call.args).length });
    });
    return out;
}
/** A view's relations, the functions it calls and, when it reads one relation alone, the columns it reads of it (with several, a column's table is not known). */
function viewUses(node, skip) {
    const tables = tablesRead(node, [skip]);
    const columns = tables.length === 1 ? columnsOf(tables[0].name, (0,ast/* columnsRead */.YL)(node.query)) : [];
    return [...tables.map((ref) => ({ ref })), ...columns, ...callsIn(node.query)];
}
/** A function's argument and result types (not a `t.c%TYPE`, which PostgreSQL resolves once) and what a BEGIN ATOMIC body calls; a body in quotes is only text to it. */
function functionUses(node) {
    const types = [...(0,ast/* asArray */._j)(node.parameters).map((p) => (0,ast/* nodeOf */.E7)(p, 'FunctionParameter')?.argType), node.returnType];
    return [...types.filter((t) => t && t.pct_type !== true).map(typeUse), ...callsIn(node.sql_body)];
}
/** A sequence OWNED BY a column goes with the column and its table, CASCADE or not (OWNED BY NONE names no column). */
function ownedBy(options) {
    const owner = (0,ast/* asArray */._j)(options).find((o) => (0,ast/* nodeOf */.E7)(o, 'DefElem')?.defname === 'owned_by');
    const parts = (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)((0,ast/* nodeOf */.E7)(owner, 'DefElem')?.arg, 'List')?.items);
    if (parts.length < 2)
        return [];
    const table = (0,ast/* qualifiedName */.OL)(parts.slice(0, -1));
    return [ownedUse(table), ...columnsOf(table, parts.slice(-1), true)];
}
/** `DROP <kind> IF EXISTS name ON table;` for an object named per table, its names as the file writes them. */
function dropFirst(kind, name, table, w) {
    const [object, on] = [w.name(name), w.name(table)];
    // A placeholder as the file writes it (`${schema}`) need not be SQL: only quoteIdent's names are well-formed by construction.
    return { kind: 'drop-first', drop: `DROP ${kind} IF EXISTS ${object} ON ${on};`, quoted: object === (0,ast/* quoteIdent */.v4)(name) && on === (0,ast/* formatName */.nD)(table) };
}
/** The DO block's quote: one the wrapped statement does not use itself. */
const dollarTag = (statement) => (statement.includes('$$') ? '$do$' : '$$');
/** A DO block that swallows the error a second run raises: for statements without IF [NOT] EXISTS. */
function doBlockAdvice(statement, sqlstate, ignoring = 'the object already existing') {
    const tag = dollarTag(statement);
    return (`Wrap it in a block that ignores ${ignoring}:\n` +
        `DO ${tag} BEGIN\n  ${statement.replace(/\n/g, '\n  ')};\nEXCEPTION WHEN ${conditionName(sqlstate)} THEN NULL;\nEND ${tag};`);
}
/** A DO block that runs `statement` only while the catalog `condition` holds. */
function onlyIf(why, condition, statement) {
    const tag = dollarTag(statement);
    return `${why}:\nDO ${tag} BEGIN\n  IF ${condition} THEN\n    ${statement.replace(/\n/g, '\n    ')};\n  END IF;\nEND ${tag};`;
}
/** A name as a SQL string literal, for to_regclass() and catalog lookups. */
const literal = (text) => `'${text.replace(/'/g, "''")}'`;
/**
 * A statement that acts on `tables` (and reads those `reads` finds) and has no IF EXISTS for them: a second run that
 * finds one gone (a later statement dropped it or renamed it away) fails with 42P01, so the fix runs it only while
 * they are there: in a DO block, where the statement reads as `inBlock`, or in words with `noBlock`, why it cannot go in one.
 */
function needing(out, what, tables, w, { reads = () => [], inBlock = w.text, noBlock } = {}) {
    const missing = (gone) => {
        const names = gone.map((t) => w.name(t.name));
        const why = `Run it only while ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} there`;
        const condition = names.map((n) => `to_regclass(${literal(n)}) IS NOT NULL`).join(' AND ');
        const advice = noBlock ? `${why} (${condition}); ${noBlock}` : onlyIf(why, condition, inBlock);
        return { what, outcome: 'missing', object: gone[0], sqlstate: '42P01', advice };
    };
    return { ...out, needs: { tables, reads, missing } };
}
/** CREATE INDEX CONCURRENTLY cannot run inside a DO block (a transaction): its check comes in words. */
const concurrently = (node) => (node.concurrent === true ? { noBlock: 'CREATE INDEX CONCURRENTLY cannot run inside a DO block.' } : {});
/**
 * The tables a statement reads in its fields but `skip` (its own target): FROM, JOIN and USING items and subqueries'.
 * A name a WITH query of the statement takes is that query's, not a table's.
 */
function tablesRead(node, skip = []) {
    const found = new Map();
    const queries = new Set();
    const read = (node, key) => {
        if (key === 'RangeVar') {
            const name = (0,ast/* rangeVarName */.KW)(node);
            found.set(`${name.schema ?? ''}\0${name.name}`, name);
            return false;
        }
        if (key === 'CommonTableExpr')
            queries.add(String(node.ctename));
        return true;
    };
    for (const key in node)
        if (!skip.includes(key))
            (0,walk/* walkTree */.Ir)(node[key], read);
    return [...found.values()].filter((name) => name.schema !== undefined || !queries.has(name.name)).map((name) => ({ kind: 'table', name }));
}
/** INSERT, UPDATE or DELETE: what `out` says of the statement, and the table it writes and those it reads, which the second run needs. */
function writing(out, verb, node, w) {
    const table = (0,ast/* rangeVarName */.KW)(node.relation);
    return needing(out, `${verb} ${w.name(table)}`, [{ kind: 'table', name: table }], w, { reads: () => tablesRead(node, ['relation']) });
}
/** COMMENT ON a relation or a column of one: a second run needs the relation. */
function comment(node, w) {
    const parts = (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(node.object, 'List')?.items);
    const column = node.objtype === 'OBJECT_COLUMN';
    const kind = column ? 'table' : RELATION_KINDS[String(node.objtype)];
    if (!kind || parts.length < (column ? 2 : 1))
        return none();
    const table = { kind, name: (0,ast/* qualifiedName */.OL)(column ? parts.slice(0, -1) : parts) };
    const what = column ? `COMMENT ON COLUMN ${w.name(table.name)}.${w.name(parts[parts.length - 1])}` : `COMMENT ON ${keyword(kind)} ${w.name(table.name)}`;
    return needing(none(), what, [table], w);
}
/** The relations of a list of RangeVars (GRANT, TRUNCATE, LOCK, CREATE STATISTICS ... FROM), as tables. */
const tablesIn = (list) => (0,ast/* asArray */._j)(list).flatMap((r) => {
    const relation = (0,ast/* nodeOf */.E7)(r, 'RangeVar');
    return relation ? [{ kind: 'table', name: (0,ast/* rangeVarName */.KW)(relation) }] : [];
});
/** A temporary table made ON COMMIT DROP is gone when the file's transaction ends, so every run makes it anew. */
const droppedAtCommit = (ref, onCommit) => (onCommit === 'ONCOMMIT_DROP' ? [ref] : []);
/** `made` with its object as temporary where CREATE TEMP made it (`relation`, the RangeVar it names). */
const temporaryIf = (made, ref, relation) => relation?.relpersistence === 't' ? { ...made, temporary: [ref] } : made;
/** A type as SQL names it, e.g. `public.celsius` or `pg_catalog.int4`. */
const typeText = (typeName) => (0,ast/* formatName */.nD)((0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(typeName?.names)));
/** How a user mapping is named: `FOR <role> SERVER <server>`. */
function userMappingName(node) {
    const role = (node.user ?? {});
    const who = typeof role.rolename === 'string' ? (0,ast/* quoteIdent */.v4)(role.rolename) : String(role.roletype ?? '').replace('ROLESPEC_', '');
    return `FOR ${who} SERVER ${(0,ast/* quoteIdent */.v4)(String(node.servername))}`;
}
const transformName = (typeName, lang) => `FOR ${typeText(typeName)} LANGUAGE ${(0,ast/* quoteIdent */.v4)(String(lang))}`;
/**
 * How the statement writes a cast's types, `(int AS text)`, or a transform's, `FOR int LANGUAGE plpython3u`, on one line: its name
 * has them as the parse reads them (pg_catalog.int4). Undefined where the statement does not have them in that shape.
 */
function typesWritten(text, kind) {
    const tokens = (0,ast/* scanTokens */.we)(text);
    const first = tokens.findIndex((t) => (kind === 'cast' ? t.text === '(' : t.keyword === 'FOR'));
    if (first < 0)
        return undefined;
    let last = first;
    if (kind === 'cast') {
        for (let depth = 0; last < tokens.length; last++) {
            depth += tokens[last].text === '(' ? 1 : tokens[last].text === ')' ? -1 : 0;
            if (depth === 0)
                break;
        }
    }
    else
        last = tokens.findIndex((t, i) => i > first && t.keyword === 'LANGUAGE') + 1;
    if (last <= first || last >= tokens.length)
        return undefined;
    return (0,ast/* withoutComments */.fx)(text.slice(tokens[first].start, tokens[last].end)).replace(/\s+/g, ' ');
}
/** An object as SQL writes it after its keyword: `(a AS b)` for a cast, `name USING btree` for an operator class. */
function shown(ref, w) {
    switch (ref.kind) {
        case 'cast':
            return typesWritten(w.text, 'cast') ?? `(${ref.name.name})`;
        case 'transform':
            return typesWritten(w.text, 'transform') ?? ref.name.name;
        case 'operator class':
        case 'operator family':
            return `${w.name(ref.name)} USING ${w.name(ref.on?.name ?? '')}`;
        case 'user mapping':
            return ref.name.name;
        case 'operator':
            // Symbols, not an identifier: shown as written, never quoted.
            return ref.name.schema !== undefined ? `${ref.name.schema}.${ref.name.name}` : ref.name.name;
        default:
            return w.name(ref.name) + (ref.on ? ` ON ${w.name(ref.on)}` : '');
    }
}
/** Analyses one statement: `text` is its SQL as parsed, `w` how findings write it and its names. */
function analyze(kind, node, text, w) {
    switch (kind) {
        case 'CreateStmt': {
            const ref = { kind: 'table', name: (0,ast/* rangeVarName */.KW)(node.relation) };
            const made = creation(ref, node, 'if_not_exists', () => `CREATE TABLE ${w.name(ref.name)}`, { edit: ifNotExists });
            const uses = () => (0,ast/* asArray */._j)(node.tableElts).flatMap((e) => {
                const def = (0,ast/* nodeOf */.E7)(e, 'ColumnDef');
                const con = (0,ast/* nodeOf */.E7)(e, 'Constraint');
                return def ? columnUses(ref.name, def, true) : con ? constraintPart(ref.name, con) : [];
            });
            const remade = remakable({ ...made, drops: droppedAtCommit(ref, node.oncommit) }, { drop: dropAnew('TABLE', ref.name, w) });
            return temporaryIf(dependingOn(remade, uses), ref, node.relation);
        }
        case 'CreateTableAsStmt': {
            const matview = node.objtype === 'OBJECT_MATVIEW';
            const into = node.into;
            const ref = { kind: matview ? 'materialized view' : 'table', name: (0,ast/* rangeVarName */.KW)(into?.rel) };
            const what = () => `CREATE ${keyword(ref.kind)} ${w.name(ref.name)}`;
            // IF NOT EXISTS does not spare the query: PostgreSQL reads it, and its tables, before it looks for the table.
            const made = creation(ref, node, 'if_not_exists', what, { edit: ifNotExists });
            // A materialized view depends on what it reads; a table made AS SELECT keeps only the rows.
            const uses = () => (matview ? viewUses(node, 'into') : []);
            const remade = remakable({ ...made, drops: droppedAtCommit(ref, into?.onCommit) }, { drop: dropAnew(keyword(ref.kind), ref.name, w) });
            return temporaryIf(needing(dependingOn(remade, uses), what(), [], w, { reads: () => tablesRead(node, ['into']) }), ref, into?.rel);
        }
        case 'IndexStmt': {
            const table = (0,ast/* rangeVarName */.KW)(node.relation);
            const owner = { kind: 'table', name: table };
            if (typeof node.idxname !== 'string') {
                const problem = {
                    what: `CREATE INDEX on ${w.name(table)} without a name`,
                    outcome: 'twice',
                    object: null,
                    sqlstate: null,
                    owner,
                    advice: 'Name the index so IF NOT EXISTS can find it: CREATE INDEX IF NOT EXISTS <name> ON ...',
                };
                return needing({ creates: [], drops: [], problems: [problem] }, problem.what, [owner], w, concurrently(node));
            }
            const ref = { kind: 'index', name: { schema: table.schema, name: node.idxname } };
            // An index lives in its table's schema; CREATE INDEX names it without one.
            const what = () => `CREATE ${node.unique ? 'UNIQUE ' : ''}INDEX ${w.name(ref.name.name)}`;
            const columns = () => [...elementColumns(node.indexParams), ...elementColumns(node.indexIncludingParams), ...(0,ast/* columnsRead */.YL)(node.whereClause)];
            const made = dependingOn(creation(ref, node, 'if_not_exists', what, { edit: ifNotExists }, owner), () => [ownedUse(table), ...columnsOf(table, columns(), true)]);
            return needing(made, what(), [owner], w, concurrently(node));
        }
        case 'CreateSeqStmt': {
            const ref = { kind: 'sequence', name: (0,ast/* rangeVarName */.KW)(node.sequence) };
            const made = dependingOn(creation(ref, node, 'if_not_exists', () => `CREATE SEQUENCE ${w.name(ref.name)}`, { edit: ifNotExists }), () => ownedBy(node.options));
            return temporaryIf(made, ref, node.sequence);
        }
        case 'AlterSeqStmt': {
            const uses = ownedBy(node.options);
            return uses.length ? { ...none(), attaches: [{ ref: { kind: 'sequence', name: (0,ast/* rangeVarName */.KW)(node.sequence) }, uses }] } : none();
        }
        case 'CreateSchemaStmt': {
            const name = typeof node.schemaname === 'string' ? node.schemaname : String(node.authrole?.rolename ?? '');
            const ref = { kind: 'schema', name: { name } };
            return creation(ref, node, 'if_not_exists', () => `CREATE SCHEMA ${w.name(name)}`, { edit: ifNotExists });
        }
        case 'CreateExtensionStmt': {
            // The grammar reads CREATE [OR REPLACE] LANGUAGE without a handler as CREATE EXTENSION [IF NOT EXISTS].
            if (LANGUAGE_AS_EXTENSION.test(text)) {
                const ref = { kind: 'language', name: { name: String(node.extname) } };
                const edit = { kind: 'insert', words: 'OR REPLACE', flag: flagged('if_not_exists') };
                return creation(ref, node, 'if_not_exists', () => `CREATE LANGUAGE ${w.name(ref.name.name)}`, { edit });
            }
            const ref = { kind: 'extension', name: { name: String(node.extname) } };
            return creation(ref, node, 'if_not_exists', () => `CREATE EXTENSION ${w.name(ref.name.name)}`, { edit: ifNotExists });
        }
        case 'ViewStmt': {
            const ref = { kind: 'view', name: (0,ast/* rangeVarName */.KW)(node.view) };
            const what = () => `CREATE VIEW ${w.name(ref.name)}`;
            const replacing = {
                definition: { tree: [node.query, node.aliases], columns: () => viewColumns(node.query, node.aliases) },
                what: () => `CREATE OR REPLACE VIEW ${w.name(ref.name)}`,
                sqlstate: '42P16',
            };
            const made = remakable(creation(ref, node, 'replace', what, { edit: orReplace }), { drop: dropAnew('VIEW', ref.name, w) }, replacing);
            return temporaryIf(needing(dependingOn(made, () => viewUses(node, 'view')), what(), [], w, { reads: () => tablesRead(node, ['view']) }), ref, node.view);
        }
        case 'CreateFunctionStmt': {
            const args = signature(node);
            const routine = node.is_procedure ? 'procedure' : 'function';
            const ref = { kind: 'function', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.funcname)), ...(args.key !== undefined && { signature: args.key }), routine };
            const word = node.is_procedure ? 'PROCEDURE' : 'FUNCTION';
            const what = () => `CREATE ${word} ${w.name(ref.name)}`;
            const made = creation(ref, node, 'replace', what, { edit: orReplace });
            // OR REPLACE keeps the arguments' names, defaults and types and the result type; the body it replaces.
            const replacing = { definition: { tree: [node.parameters, node.returnType] }, what: () => `CREATE OR REPLACE ${word} ${w.name(ref.name)}`, sqlstate: '42P13' };
            const remake = { drop: dropAnew(word, ref.name, w, args.text), args: args.args, columns: args.columns };
            return dependingOn(remakable(made, remake, replacing), () => functionUses(node));
        }
        case 'CreateTrigStmt': {
            const table = (0,ast/* rangeVarName */.KW)(node.relation);
            const ref = { kind: 'trigger', name: { name: String(node.trigname) }, on: table };
            const drop = dropFirst('TRIGGER', ref.name.name, table, w);
            const advice = node.isconstraint ? undefined : 'On PostgreSQL 14 and newer, CREATE OR REPLACE TRIGGER does the same.';
            const owner = { kind: 'table', name: table };
            const what = () => `CREATE ${node.isconstraint ? 'CONSTRAINT ' : ''}TRIGGER ${w.name(ref.name.name)}`;
            const fn = { kind: 'function', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.funcname)) };
            const uses = () => [ownedUse(table), { ref: fn, args: 0 }, ...columnsOf(table, [...(0,ast/* stringsOf */.iw)(node.columns), ...(0,ast/* columnsRead */.YL)(node.whenClause)])];
            return needing(dependingOn(creation(ref, node, 'replace', what, { edit: drop, advice }, owner), uses), what(), [owner], w);
        }
        case 'CreatePolicyStmt': {
            const table = (0,ast/* rangeVarName */.KW)(node.table);
            const ref = { kind: 'policy', name: { name: String(node.policy_name) }, on: table };
            const drop = dropFirst('POLICY', ref.name.name, table, w);
            const owner = { kind: 'table', name: table };
            const what = () => `CREATE POLICY ${w.name(ref.name.name)}`;
            return needing(dependingOn(creation(ref, node, '-', what, { edit: drop }, owner), () => [ownedUse(table)]), what(), [owner], w);
        }
        case 'CreateEnumStmt':
        case 'CreateRangeStmt':
        case 'CreateDomainStmt':
        case 'CompositeTypeStmt': {
            // A domain's typeName is its base type; its own name is domainname.
            const names = kind === 'CreateDomainStmt' ? node.domainname : node.typeName;
            const parts = kind === 'CompositeTypeStmt' ? (0,ast/* rangeVarName */.KW)(node.typevar) : (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(names));
            const ref = { kind: 'type', name: parts };
            const what = () => `CREATE ${kind === 'CreateDomainStmt' ? 'DOMAIN' : 'TYPE'} ${w.name(parts)}`;
            // No IF NOT EXISTS for types, and DROP TYPE would fail (or CASCADE away columns) once a table uses it.
            const made = creation(ref, node, '-', what, { advice: doBlockAdvice(w.text, '42710') });
            return kind === 'CreateDomainStmt' ? dependingOn(made, () => [typeUse(node.typeName)]) : made;
        }
        case 'CreateForeignTableStmt': {
            // CREATE FOREIGN TABLE wraps a CreateStmt: the guard lives in `base`.
            const base = (node.base ?? {});
            const ref = { kind: 'foreign table', name: (0,ast/* rangeVarName */.KW)(base.relation) };
            const edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: (n) => n.base?.if_not_exists === true };
            return creation(ref, base, 'if_not_exists', () => `CREATE FOREIGN TABLE ${w.name(ref.name)}`, { edit });
        }
        case 'CreateForeignServerStmt': {
            const ref = { kind: 'server', name: { name: String(node.servername) } };
            return creation(ref, node, 'if_not_exists', () => `CREATE SERVER ${w.name(ref.name.name)}`, { edit: ifNotExists });
        }
        case 'CreateStatsStmt': {
            const ref = { kind: 'statistics', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.defnames)) };
            const what = () => `CREATE STATISTICS ${w.name(ref.name)}`;
            return needing(creation(ref, node, 'if_not_exists', what, { edit: ifNotExists }), what(), tablesIn(node.relations), w);
        }
        case 'DefineStmt': {
            const define = DEFINE_KINDS[String(node.kind)];
            if (!define)
                return none();
            const ref = { kind: define.kind, name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.defnames)) };
            const what = () => `CREATE ${keyword(define.kind)} ${shown(ref, w)}`;
            if (define.replace)
                return creation(ref, node, 'replace', what, { edit: orReplace });
            if (define.ifNotExists)
                return creation(ref, node, 'if_not_exists', what, { edit: ifNotExists });
            return creation(ref, node, '-', what, { advice: doBlockAdvice(w.text, existsState(define.kind)) });
        }
        case 'CreateCastStmt': {
            const ref = { kind: 'cast', name: { name: `${typeText(node.sourcetype)} AS ${typeText(node.targettype)}` } };
            return creation(ref, node, '-', () => `CREATE CAST ${shown(ref, w)}`, { advice: doBlockAdvice(w.text, '42710') });
        }
        case 'CreatePublicationStmt':
        case 'CreateEventTrigStmt': {
            const publication = kind === 'CreatePublicationStmt';
            const ref = { kind: publication ? 'publication' : 'event trigger', name: { name: String(publication ? node.pubname : node.trigname) } };
            return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${w.name(ref.name.name)}`, { advice: doBlockAdvice(w.text, '42710') });
        }
        case 'CreateRoleStmt': {
            const ref = { kind: 'role', name: { name: String(node.role) } };
            const word = ROLE_WORDS[String(node.stmt_type)] ?? 'ROLE';
            return creation(ref, node, '-', () => `CREATE ${word} ${w.name(ref.name.name)}`, { advice: doBlockAdvice(w.text, '42710') });
        }
        case 'CreateFdwStmt':
        case 'CreateAmStmt': {
            const fdw = kind === 'CreateFdwStmt';
            const ref = { kind: fdw ? 'foreign-data wrapper' : 'access method', name: { name: String(fdw ? node.fdwname : node.amname) } };
            return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${w.name(ref.name.name)}`, { advice: doBlockAdvice(w.text, '42710') });
        }
        case 'CreateConversionStmt': {
            const ref = { kind: 'conversion', name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.conversion_name)) };
            return creation(ref, node, '-', () => `CREATE CONVERSION ${w.name(ref.name)}`, { advice: doBlockAdvice(w.text, '42710') });
        }
        case 'CreateOpClassStmt':
        case 'CreateOpFamilyStmt': {
            const family = kind === 'CreateOpFamilyStmt';
            const name = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(family ? node.opfamilyname : node.opclassname));
            const ref = { kind: family ? 'operator family' : 'operator class', name, on: { name: String(node.amname) } };
            return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${shown(ref, w)}`, { advice: doBlockAdvice(w.text, '42710') });
        }
        case 'CreateUserMappingStmt': {
            const ref = { kind: 'user mapping', name: { name: userMappingName(node) } };
            return creation(ref, node, 'if_not_exists', () => `CREATE USER MAPPING ${shown(ref, w)}`, { edit: ifNotExists });
        }
        case 'RuleStmt': {
            const table = (0,ast/* rangeVarName */.KW)(node.relation);
            const ref = { kind: 'rule', name: { name: String(node.rulename) }, on: table };
            const owner = { kind: 'table', name: table };
            const what = () => `CREATE RULE ${w.name(ref.name.name)}`;
            return needing(dependingOn(creation(ref, node, 'replace', what, { edit: orReplace }, owner), () => [ownedUse(table)]), what(), [owner], w);
        }
        case 'CreatePLangStmt': {
            const ref = { kind: 'language', name: { name: String(node.plname) } };
            return creation(ref, node, 'replace', () => `CREATE LANGUAGE ${w.name(ref.name.name)}`, { edit: orReplace });
        }
        case 'CreateTransformStmt': {
            const ref = { kind: 'transform', name: { name: transformName(node.type_name, node.lang) } };
            return creation(ref, node, 'replace', () => `CREATE TRANSFORM ${shown(ref, w)}`, { edit: orReplace });
        }
        case 'SelectStmt': {
            const into = node.intoClause;
            const reads = () => tablesRead(node, ['intoClause']);
            // In a DO block a SELECT runs as PERFORM, and SELECT ... INTO fills variables.
            if (!into)
                return needing(none(), 'SELECT', [], w, /^select\b/i.test(w.text) ? { reads, inBlock: w.text.replace(/^\w+/, 'PERFORM') } : { reads, noBlock: 'PERFORM it in a DO block.' });
            const ref = { kind: 'table', name: (0,ast/* rangeVarName */.KW)(into.rel) };
            const advice = `Write it as CREATE TABLE IF NOT EXISTS ${w.name(ref.name)} AS SELECT ..., which skips the table once it exists.`;
            const what = () => `SELECT ... INTO ${w.name(ref.name)}`;
            return needing(creation(ref, node, '-', what, { advice }), what(), [], w, { reads, noBlock: 'write it as CREATE TABLE ... AS SELECT in a DO block, where SELECT ... INTO fills variables.' });
        }
        case 'AlterTableStmt':
            return alterTable(node, w);
        case 'AlterDomainStmt':
            return alterDomain(node, w);
        case 'RenameStmt':
            return rename(node, w);
        case 'AlterObjectSchemaStmt':
            return setSchema(node, w);
        case 'AlterEnumStmt': {
            if (typeof node.newVal !== 'string')
                return none();
            const type = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.typeName));
            if (typeof node.oldVal === 'string')
                return renameValue(type, node.oldVal, node.newVal, w);
            if (node.skipIfNewValExists)
                return none();
            const problem = {
                what: `ALTER TYPE ${w.name(type)} ADD VALUE ${literal(node.newVal)}`,
                outcome: 'exists',
                object: { kind: 'enum value', name: { name: node.newVal }, on: type },
                sqlstate: '42710',
                changes: { kind: 'type', name: type },
                edit: { kind: 'insert', words: 'IF NOT EXISTS', flag: flagged('skipIfNewValExists') },
            };
            return { creates: [], drops: [], problems: [problem] };
        }
        case 'AlterPublicationStmt':
            return alterPublication(node, w);
        case 'DropStmt':
            return drop(node, w);
        case 'DropRoleStmt':
            return dropRole(node, text, w);
        case 'DropUserMappingStmt': {
            const ref = { kind: 'user mapping', name: { name: userMappingName(node) } };
            if (node.missing_ok)
                return { creates: [], drops: [ref], problems: [] };
            const problem = { what: `DROP USER MAPPING ${shown(ref, w)}`, outcome: 'missing', object: ref, sqlstate: '42704', edit: ifExists, dropping: true };
            return { creates: [], drops: [ref], problems: [problem] };
        }
        case 'InsertStmt':
            return writing(insert(node, w), 'INSERT INTO', node, w);
        case 'UpdateStmt':
            return writing(update(node, w), 'UPDATE', node, w);
        case 'DeleteStmt': {
            // Only a DELETE without WHERE or USING empties the table: one with them leaves rows an INSERT may meet again, unless it picks those rows.
            const table = (0,ast/* rangeVarName */.KW)(node.relation);
            const using = (0,ast/* asArray */._j)(node.usingClause).length > 0;
            const picks = using || !node.whereClause ? undefined : picked(table, node.whereClause);
            const out = using || node.whereClause ? { ...none(), ...(picks && { picks }) } : { ...none(), clears: table };
            return writing(out, 'DELETE FROM', node, w);
        }
        case 'TruncateStmt':
        case 'LockStmt': {
            const tables = tablesIn(node.relations);
            const verb = kind === 'TruncateStmt' ? 'TRUNCATE' : 'LOCK TABLE';
            const out = kind === 'TruncateStmt' && tables[0] ? { ...none(), clears: tables[0].name } : none();
            return needing(out, `${verb} ${tables.map((t) => w.name(t.name)).join(', ')}`, tables, w);
        }
        case 'GrantStmt': {
            if (node.targtype !== 'ACL_TARGET_OBJECT' || node.objtype !== 'OBJECT_TABLE')
                return none();
            const tables = tablesIn(node.objects);
            return needing(none(), `${node.is_grant ? 'GRANT' : 'REVOKE'} ... ON ${tables.map((t) => w.name(t.name)).join(', ')}`, tables, w);
        }
        case 'CommentStmt':
            return comment(node, w);
        default:
            return none();
    }
}
/** Whether the `i`th command of a re-parsed ALTER carries its IF [NOT] EXISTS. */
const cmdMissingOk = (i) => (n) => (0,ast/* nodeOf */.E7)((0,ast/* asArray */._j)(n.cmds)[i], 'AlterTableCmd')?.missing_ok === true;
/** ALTER TYPE ... ADD ATTRIBUTE has no IF NOT EXISTS; DROP ATTRIBUTE has IF EXISTS. */
function alterType(node, w) {
    const type = (0,ast/* rangeVarName */.KW)(node.relation);
    const changes = { kind: 'type', name: type };
    const out = { creates: [], drops: [], problems: [] };
    (0,ast/* asArray */._j)(node.cmds).forEach((c, i) => {
        const cmd = (0,ast/* nodeOf */.E7)(c, 'AlterTableCmd');
        if (cmd?.subtype === 'AT_AddColumn') {
            const ref = { kind: 'column', name: { name: String((0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef')?.colname ?? '') }, on: type };
            out.creates.push({ ref, guarded: false });
            const advice = doBlockAdvice(w.text, '42701');
            out.problems.push({ what: `ADD ATTRIBUTE ${w.name(ref.name.name)}`, outcome: 'exists', object: ref, sqlstate: '42701', changes, advice });
        }
        else if (cmd?.subtype === 'AT_DropColumn') {
            const ref = { kind: 'column', name: { name: String(cmd.name) }, on: type };
            out.drops.push(ref);
            if (cmd.missing_ok)
                return;
            const edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdMissingOk(i) };
            out.problems.push({ what: `DROP ATTRIBUTE ${w.name(ref.name.name)}`, outcome: 'missing', object: ref, sqlstate: '42703', changes, edit, dropping: true });
        }
    });
    return out;
}
/** ALTER DOMAIN ... ADD CONSTRAINT has no IF NOT EXISTS (PostgreSQL names an unnamed one anew each time); DROP CONSTRAINT has IF EXISTS. */
function alterDomain(node, w) {
    const domain = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(node.typeName));
    const changes = { kind: 'type', name: domain };
    if (node.subtype === 'C') {
        const conname = (0,ast/* nodeOf */.E7)(node.def, 'Constraint')?.conname;
        if (typeof conname !== 'string') {
            const advice = 'Name the constraint, and add it in a block that ignores it already existing.';
            return { ...none(), problems: [{ what: `ALTER DOMAIN ${w.name(domain)} ADD CONSTRAINT without a name`, outcome: 'twice', object: null, sqlstate: null, changes, advice }] };
        }
        const ref = { kind: 'constraint', name: { name: conname }, on: domain };
        const problem = { what: `ADD CONSTRAINT ${w.name(conname)}`, outcome: 'exists', object: ref, sqlstate: '42710', changes, advice: doBlockAdvice(w.text, '42710') };
        return { creates: [{ ref, guarded: false }], drops: [], problems: [problem] };
    }
    if (node.subtype !== 'X')
        return none();
    const ref = { kind: 'constraint', name: { name: String(node.name) }, on: domain };
    const what = `DROP CONSTRAINT ${w.name(ref.name.name)}`;
    if (node.missing_ok)
        return { ...none(), drops: [ref] };
    const edit = { kind: 'insert', words: 'IF EXISTS', flag: flagged('missing_ok') };
    return { creates: [], drops: [ref], problems: [{ what, outcome: 'missing', object: ref, sqlstate: '42704', changes, edit, dropping: true }] };
}
/** Whether `child` inherits from (or is a partition of) `parent`, as a catalog condition. */
const inherits = (child, parent, w) => `EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass(${literal(w.name(child))}) AND inhparent = to_regclass(${literal(w.name(parent))}))`;
/**
 * ATTACH/DETACH PARTITION, INHERIT/NO INHERIT and ADD IDENTITY: no IF [NOT] EXISTS in the grammar,
 * so the advice checks the catalog first. `single` is this command as a statement of its own, where it can be written.
 */
function linkCommand(table, cmd, single, changes, w) {
    const name = w.name(table);
    const run = (clause) => single() ?? `ALTER TABLE ${name} ${clause}`;
    switch (cmd.subtype) {
        case 'AT_AttachPartition':
        case 'AT_DetachPartition': {
            const partitionCmd = (0,ast/* nodeOf */.E7)(cmd.def, 'PartitionCmd') ?? {};
            const partition = (0,ast/* rangeVarName */.KW)(partitionCmd.name);
            const object = { kind: 'partition', name: partition, on: table };
            if (cmd.subtype === 'AT_AttachPartition') {
                const advice = onlyIf('Attach it only while it is not attached', `NOT ${inherits(partition, table, w)}`, run(`ATTACH PARTITION ${w.name(partition)} FOR VALUES ...`));
                return { what: `ATTACH PARTITION ${w.name(partition)}`, outcome: 'exists', object, sqlstate: '42809', changes, advice };
            }
            // CONCURRENTLY cannot run inside a DO block (a transaction), so that form gets the check in words.
            const advice = partitionCmd.concurrent
                ? `Run it only while ${w.name(partition)} is still a partition of ${name} (pg_inherits); DETACH ... CONCURRENTLY cannot run inside a DO block.`
                : onlyIf('Detach it only while it is attached', inherits(partition, table, w), run(`DETACH PARTITION ${w.name(partition)}`));
            return { what: `DETACH PARTITION ${w.name(partition)}`, outcome: 'missing', object, sqlstate: '42P01', changes, advice };
        }
        case 'AT_AddInherit':
        case 'AT_DropInherit': {
            const parent = (0,ast/* rangeVarName */.KW)((0,ast/* nodeOf */.E7)(cmd.def, 'RangeVar'));
            const object = { kind: 'parent', name: parent, on: table };
            if (cmd.subtype === 'AT_AddInherit') {
                const advice = onlyIf('Inherit only while it does not yet', `NOT ${inherits(table, parent, w)}`, run(`INHERIT ${w.name(parent)}`));
                return { what: `INHERIT ${w.name(parent)}`, outcome: 'exists', object, sqlstate: '42P07', changes, advice };
            }
            const advice = onlyIf('Remove the parent only while it is one', inherits(table, parent, w), run(`NO INHERIT ${w.name(parent)}`));
            return { what: `NO INHERIT ${w.name(parent)}`, outcome: 'missing', object, sqlstate: '42P01', changes, advice };
        }
        case 'AT_AddIdentity': {
            const column = String(cmd.name);
            const object = { kind: 'identity', name: { name: column }, on: table };
            const condition = `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(${literal(name)}) AND attname = ${literal(w.raw(column))} AND attidentity <> '')`;
            const advice = onlyIf('Add it only while the column is not an identity yet', condition, run(`ALTER COLUMN ${w.name(column)} ADD GENERATED ... AS IDENTITY`));
            return { what: `ALTER COLUMN ${w.name(column)} ADD ... AS IDENTITY`, outcome: 'exists', object, sqlstate: '55000', changes, advice };
        }
        default:
            return null;
    }
}
function alterTable(node, w) {
    if (node.objtype === 'OBJECT_TYPE')
        return alterType(node, w);
    if (node.objtype !== 'OBJECT_TABLE' && node.objtype !== 'OBJECT_FOREIGN_TABLE')
        return none();
    const table = (0,ast/* rangeVarName */.KW)(node.relation);
    const changes = { kind: 'table', name: table };
    const cmds = (0,ast/* asArray */._j)(node.cmds);
    const relation = { kind: node.objtype === 'OBJECT_TABLE' ? 'table' : 'foreign table', name: table };
    const missing = node.missing_ok
        ? null
        : { what: `ALTER ${keyword(relation.kind)} ${w.name(table)}`, outcome: 'missing', object: relation, sqlstate: '42P01', edit: ifExists };
    const out = { creates: [], drops: [], needs: { tables: [relation], missing: missing && (() => missing) }, problems: [] };
    let cut;
    const commands = () => (cut ??= { statements: commandStatements(node, w) }).statements;
    cmds.forEach((c, i) => {
        const cmd = (0,ast/* nodeOf */.E7)(c, 'AlterTableCmd');
        if (!cmd)
            return;
        const cmdFlag = cmdMissingOk(i);
        const single = () => (cmds.length === 1 ? w.text : (commands()?.[i] ?? null));
        const problems = out.problems.length;
        // Each command's problem, in a statement of several, with that command as a statement of its own.
        const split = (guard) => {
            if (cmds.length > 1)
                for (const p of out.problems.slice(problems))
                    p.split = { index: i, commands, ...(guard && { guard: { ...guard, flag: cmdMissingOk(0) } }) };
        };
        switch (cmd.subtype) {
            case 'AT_AddColumn': {
                const def = (0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef');
                const column = String(def?.colname ?? '');
                const ref = { kind: 'column', name: { name: column }, on: table };
                out.creates.push({ ref, guarded: cmd.missing_ok === true, uses: () => columnUses(table, def, false) });
                if (cmd.missing_ok)
                    return;
                const location = typeof def?.location === 'number' ? def.location : undefined;
                const edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: cmdFlag, column: location };
                const dropFirst = (cascade) => ({
                    kind: 'drop-first',
                    drop: `ALTER TABLE ${w.name(table)} DROP COLUMN IF EXISTS ${w.name(column)}${cascade ? ' CASCADE' : ''};`,
                    quoted: w.name(table) === (0,ast/* formatName */.nD)(table) && w.name(column) === (0,ast/* quoteIdent */.v4)(column),
                });
                out.problems.push({ what: `ADD COLUMN ${w.name(column)}`, outcome: 'exists', object: ref, sqlstate: '42701', changes, edit, dropFirst });
                split({ kind: 'insert', words: 'IF NOT EXISTS', flag: cmdFlag });
                return;
            }
            case 'AT_DropColumn':
            case 'AT_DropConstraint': {
                const column = cmd.subtype === 'AT_DropColumn';
                const ref = { kind: column ? 'column' : 'constraint', name: { name: String(cmd.name) }, on: table };
                const what = `DROP ${column ? 'COLUMN' : 'CONSTRAINT'} ${w.name(ref.name.name)}`;
                out.drops.push(ref);
                (out.behaviors ??= []).push({ ref, what, cascade: cmd.behavior === 'DROP_CASCADE' });
                if (cmd.missing_ok)
                    return;
                const edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdFlag };
                out.problems.push({ what, outcome: 'missing', object: ref, sqlstate: column ? '42703' : '42704', changes, edit, dropping: true });
                split(edit);
                return;
            }
            case 'AT_DropIdentity': {
                if (cmd.missing_ok)
                    return;
                const column = String(cmd.name);
                const object = { kind: 'identity', name: { name: column }, on: table };
                const edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdFlag };
                out.problems.push({ what: `ALTER COLUMN ${w.name(column)} DROP IDENTITY`, outcome: 'missing', object, sqlstate: '55000', changes, edit });
                split(edit);
                return;
            }
            case 'AT_ColumnDefault':
                // ALTER COLUMN ... DROP DEFAULT: what its default called no longer depends on it.
                if (!cmd.def)
                    out.drops.push({ kind: 'default', name: { name: String(cmd.name) }, on: table });
                return;
            case 'AT_AddConstraint': {
                const con = (0,ast/* nodeOf */.E7)(cmd.def, 'Constraint') ?? {};
                const problem = analyze_addConstraint(table, con, single(), changes, w);
                out.problems.push(problem);
                split();
                if (problem.object)
                    out.creates.push({ ref: problem.object, guarded: false, uses: () => constraintUses(table, con) });
                if (problem.usingIndex && problem.usingIndex.from.name.name !== problem.usingIndex.to.name.name)
                    (out.adopts ??= []).push(problem.usingIndex);
                return;
            }
            default: {
                const problem = linkCommand(table, cmd, single, changes, w);
                if (problem)
                    out.problems.push(problem);
                split();
            }
        }
    });
    return out;
}
/**
 * Each command of an ALTER TABLE of several as an ALTER TABLE of its own, cut at the commas between them (comments left out); null
 * where a cut does not re-parse as that command alone.
 */
function commandStatements(node, w) {
    const cmds = (0,ast/* asArray */._j)(node.cmds);
    const text = (0,ast/* withoutComments */.fx)(w.text).replace(/;\s*$/, '');
    const tokens = (0,ast/* scanTokens */.we)(text);
    const commas = [];
    let depth = 0;
    for (const t of tokens) {
        if (t.text === '(' || t.text === '[')
            depth++;
        else if (t.text === ')' || t.text === ']')
            depth--;
        else if (t.text === ',' && depth === 0)
            commas.push(t.start);
    }
    if (commas.length !== cmds.length - 1)
        return null;
    const relation = (node.relation ?? {});
    const head = `ALTER ${node.objtype === 'OBJECT_FOREIGN_TABLE' ? 'FOREIGN ' : ''}TABLE ${node.missing_ok ? 'IF EXISTS ' : ''}${relation.inh === false ? 'ONLY ' : ''}${w.name((0,ast/* rangeVarName */.KW)(relation))}`;
    const alone = (i, from, to) => {
        const statement = `${head} ${text.slice(from, to).trim()}`;
        const parsed = (0,ast/* parseOne */.EZ)(statement);
        const own = parsed?.[0] === 'AlterTableStmt' ? (0,ast/* asArray */._j)(parsed[1].cmds) : [];
        return own.length === 1 && (0,ast/* sameTree */.PQ)(own[0], cmds[i]) ? statement : null;
    };
    // The first command starts at the token after the table's name: the first start from which it re-parses as itself.
    let first = null;
    for (const t of tokens)
        if (t.start < (commas[0] ?? text.length) && (first = alone(0, t.start, commas[0] ?? text.length)))
            break;
    const rest = commas.map((at, k) => alone(k + 1, at + 1, commas[k + 1] ?? text.length));
    return first !== null && rest.every((r) => r !== null) ? [first, ...rest] : null;
}
const CONSTRAINT_WORDS = {
    CONSTR_PRIMARY: 'PRIMARY KEY',
    CONSTR_UNIQUE: 'UNIQUE',
    CONSTR_CHECK: 'CHECK',
    CONSTR_FOREIGN: 'FOREIGN KEY',
    CONSTR_EXCLUSION: 'EXCLUDE',
};
/** Advice to run `statement` only while pg_constraint has no constraint `name` on `table`. */
const whileNoConstraint = (table, name, statement, w) => onlyIf('Add it only when it is missing', `NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = ${literal(w.raw(name))} AND conrelid = ${literal(w.name(table))}::regclass)`, statement);
/**
 * What a constraint depends on: the columns of its table it involves, which take it along when dropped, and for a foreign
 * key the table and columns it references, which PostgreSQL drops only under CASCADE while it is there.
 */
function constraintUses(table, con) {
    const excluded = (0,ast/* asArray */._j)(con.exclusions).map((pair) => (0,ast/* nodeOf */.E7)((0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(pair, 'List')?.items)[0], 'IndexElem'));
    const own = [...(0,ast/* stringsOf */.iw)(con.keys), ...(0,ast/* stringsOf */.iw)(con.including), ...(0,ast/* stringsOf */.iw)(con.fk_attrs), ...(0,ast/* columnsRead */.YL)(con.raw_expr)];
    const named = excluded.flatMap((e) => (typeof e?.name === 'string' ? [e.name] : []));
    // The columns of an exclusion's expressions and WHERE are its index's: PostgreSQL drops the constraint with them only under CASCADE.
    const read = [...excluded.flatMap((e) => [...(0,ast/* columnsRead */.YL)(e?.expr)]), ...(0,ast/* columnsRead */.YL)(con.where_clause)];
    return [...columnsOf(table, [...own, ...named], true), ...columnsOf(table, read), ...outsideUses(con)];
}
/** What a constraint or default depends on beyond its own table: the functions its expression calls, the table and columns a foreign key references. */
function outsideUses(con) {
    const calls = callsIn(con.raw_expr);
    if (!con.pktable)
        return calls;
    const referenced = (0,ast/* rangeVarName */.KW)(con.pktable);
    return [...calls, { ref: { kind: 'table', name: referenced } }, ...columnsOf(referenced, (0,ast/* stringsOf */.iw)(con.pk_attrs))];
}
/** A CHECK's or foreign key's outside dependencies in a CREATE TABLE: CASCADE drops the constraint (on `column`, written in its definition), not the table. */
function constraintPart(table, con, column) {
    if (con.contype !== 'CONSTR_CHECK' && con.contype !== 'CONSTR_FOREIGN')
        return [];
    const via = { kind: 'constraint', name: { name: constraintName(table, con, column) }, on: table };
    return outsideUses(con).map((use) => ({ ...use, via }));
}
/**
 * What a column definition depends on: its type, what its default calls and its constraints call or reference. In a
 * CREATE TABLE (`inTable`) the type is the column's: DROP TYPE ... CASCADE takes the column, not the table.
 */
function columnUses(table, def, inTable) {
    const column = { kind: 'column', name: { name: String(def?.colname ?? '') }, on: table };
    const parts = (0,ast/* asArray */._j)(def?.constraints).flatMap((c) => {
        const con = (0,ast/* nodeOf */.E7)(c, 'Constraint');
        if (con?.contype !== 'CONSTR_DEFAULT')
            return con ? constraintPart(table, con, column.name.name) : [];
        const via = { ...column, kind: 'default' };
        return outsideUses(con).map((use) => ({ ...use, via }));
    });
    const type = typeUse(def?.typeName);
    return [inTable ? { ...type, via: column } : type, ...parts];
}
/** `single` is the statement when it holds this command alone: the advice then wraps it whole, ready to paste. */
function analyze_addConstraint(table, con, single, changes, w) {
    const words = CONSTRAINT_WORDS[String(con.contype)] ?? 'constraint';
    if (typeof con.indexname === 'string')
        return usingIndex(table, con, con.indexname, words, single, changes, w);
    const primary = con.contype === 'CONSTR_PRIMARY';
    // PostgreSQL names an unnamed primary key <table>_pkey; other unnamed constraints get a new name each run.
    const name = typeof con.conname === 'string' ? con.conname : primary ? `${table.name}_pkey` : null;
    const sqlstate = primary ? '42P16' : con.contype === 'CONSTR_UNIQUE' || con.contype === 'CONSTR_EXCLUSION' ? '42P07' : '42710';
    if (name === null) {
        return {
            what: `ADD ${words} without a constraint name`,
            outcome: 'twice',
            object: null,
            sqlstate: null,
            changes,
            advice: `Name it (ADD CONSTRAINT <name> ${words} ...) and add it only when pg_constraint has no constraint of that name on ${w.name(table)}.`,
        };
    }
    const advice = whileNoConstraint(table, name, single ?? `ALTER TABLE ${w.name(table)} ADD CONSTRAINT ${w.name(name)} ${words} ...`, w);
    const label = typeof con.conname === 'string' ? `ADD CONSTRAINT ${w.name(name)}` : `ADD ${words} (named ${w.name(name)})`;
    return { what: label, outcome: 'exists', object: { kind: 'constraint', name: { name }, on: table }, sqlstate, changes, advice };
}
/** ADD [CONSTRAINT c] ... USING INDEX i: unnamed, the constraint is named i; named c, PostgreSQL renames i to c (see `indexGone`). */
function usingIndex(table, con, index, words, single, changes, w) {
    const named = typeof con.conname === 'string';
    const name = named ? String(con.conname) : index;
    const clause = `${named ? `CONSTRAINT ${w.name(name)} ` : ''}${words} USING INDEX ${w.name(index)}`;
    const problem = {
        what: named ? `ADD CONSTRAINT ${w.name(name)}` : `ADD ${clause}`,
        outcome: 'exists',
        object: { kind: 'constraint', name: { name }, on: table },
        sqlstate: '55000',
        changes,
        reason: `the index ${w.name(index)} is already associated with a constraint`,
        advice: whileNoConstraint(table, name, single ?? `ALTER TABLE ${w.name(table)} ADD ${clause}`, w),
        usingIndex: adoption(table, index, name),
    };
    if (!named)
        return { ...problem, advice: `Without a constraint name the constraint takes the index's name, ${w.name(index)}. ${problem.advice}` };
    if (name === index)
        return problem;
    const reason = `the index ${w.name(name)} already exists: the first run renamed ${w.name(index)} to it, and the new ${w.name(index)} cannot take its name`;
    return { ...problem, sqlstate: '42P07', reason };
}
/** ADD [CONSTRAINT c] ... USING INDEX i: the index i, and its name once it is the constraint's (c, or i when unnamed). */
function adoption(table, from, to) {
    // An index lives in its table's schema.
    const index = (name) => ({ kind: 'index', name: { schema: table.schema, name } });
    return { from: index(from), to: index(to), table };
}
/**
 * ADD ... USING INDEX i with no CREATE of i again before it: the second run finds no index i (42704).
 * With `remake` the constraint is gone too, so a guard on pg_constraint would run the ADD: make the index again instead.
 */
function indexGone(p, a, loss, remake, w) {
    const index = w.name(a.from.name.name);
    const constraint = w.name(a.to.name.name);
    const reasons = {
        renamed: `the first run renamed the index ${index} to ${constraint}, so there is no index ${index} to use`,
        'dropped with its constraint': `the index ${index} became part of the constraint ${index}, and dropping the constraint dropped the index too, so there is no index ${index} to use`,
        gone: undefined,
    };
    const gone = { ...p, outcome: 'missing', object: a.from, sqlstate: '42704', reason: reasons[loss] };
    if (!remake)
        return gone;
    const advice = `Make the index again right before this statement, CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${w.name(a.table)} (...): dropping the constraint ${constraint} takes its index with it.`;
    return { ...gone, advice, passesIf: true };
}
/** The CREATE of an index a later ADD CONSTRAINT ... USING INDEX renames: a second run finds no index of its name and builds another. */
function adoptedIndex(a, w) {
    const index = w.name(a.from.name.name);
    const constraint = w.name(a.to.name.name);
    return {
        what: `CREATE UNIQUE INDEX ${index}`,
        outcome: 'twice',
        object: a.from,
        sqlstate: null,
        owner: { kind: 'table', name: a.table },
        reason: `ADD CONSTRAINT ${constraint} renamed the index to ${constraint}, so the second run finds no index ${index} and builds a duplicate index`,
        advice: `Name the index ${constraint}, like the constraint: CREATE UNIQUE INDEX IF NOT EXISTS ${constraint} then finds it on a second run. ` +
            'Or create the index inside the same guard as the ADD CONSTRAINT (its DO block, or its IF NOT EXISTS check on pg_constraint).',
    };
}
/**
 * A DROP of `object`, which a later RENAME (`rename`, `line` on one line) makes of `from` while nothing brings `from` back:
 * the second run drops what the first run's rename put there and finds nothing to rename. Null where to_regclass() cannot guard it.
 */
function dropsRenamed(object, from, rename, w) {
    if (!isRelation(object))
        return null;
    const name = w.name(object.name);
    const old = w.name(from.name);
    return {
        what: `DROP ${keyword(object.kind)} ${name}`,
        outcome: 'twice',
        object,
        sqlstate: null,
        reason: `it drops the ${object.kind} ${name} that the first run's \`${rename.line}\` made of ${old}, with everything in it, and the rename then finds no ${old}`,
        advice: onlyIf(`Drop and rename only while ${old} is there`, `to_regclass(${literal(old)}) IS NOT NULL`, `${w.text};\n${rename.text}`),
    };
}
/** An object with its kind and, for one named per table, its table: `the trigger t_f on t`, `the column m of t`. */
const described = (x, w) => x.kind === 'default'
    ? `the default of the column ${w.name(x.name)} of ${w.name(x.on)}`
    : `the ${x.kind} ${w.name(x.name)}${x.on ? ` ${x.kind === 'column' ? 'of' : 'on'} ${w.name(x.on)}` : ''}`;
/** A DROP without CASCADE that a second run makes while `dependents`, created further down on the first run, depend on its object. */
function dependedOn(drop, dependents, w) {
    // A DROP SCHEMA may have a long list: three name the case.
    const names = dependents.slice(0, 3).map((x) => described(x, w));
    const more = dependents.length - names.length;
    const list = more ? `${names.join(', ')} and ${more} more` : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
    return {
        what: drop.what,
        outcome: 'exists',
        object: null,
        sqlstate: '2BP01',
        reason: `${list}, which the first run created further down, ${dependents.length > 1 ? 'depend' : 'depends'} on it`,
        advice: `Drop ${list} before it, or add CASCADE, which drops ${dependents.length > 1 ? 'them' : 'it'} too, and every other object that depends on it.`,
    };
}
/** The relation kinds that share one name space (pg_class), and the relkinds each is. */
const CLASS_KINDS = {
    table: "relkind IN ('r', 'p')",
    view: "relkind = 'v'",
    'materialized view': "relkind = 'm'",
    'foreign table': "relkind = 'f'",
    index: "relkind IN ('i', 'I')",
    sequence: "relkind = 'S'",
};
const article = (noun) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
/** A function's signature as DROP FUNCTION writes it, from its key (see `argTypes`). */
const withSignature = (ref, w) => `${w.name(ref.name)}(${(ref.signature ?? '').split(',').filter((t) => t).join(', ')})`;
/**
 * A DROP whose name the second run finds held by another kind of object (`holder`): a table where it drops a view, a function where
 * it drops a procedure; IF EXISTS does not skip it (42809). `made` says which statement made the holder. The fix drops only that kind.
 */
function wrongKind(drop, holder, made, single, w) {
    const routine = drop.ref.kind === 'function';
    const [theirs, ours] = routine ? [holder.routine, drop.ref.routine] : [holder.kind, drop.ref.kind];
    const name = w.name(drop.ref.name);
    const condition = routine
        ? `EXISTS (SELECT 1 FROM pg_proc WHERE oid = ${drop.ref.signature === undefined ? `to_regproc(${literal(name)})` : `to_regprocedure(${literal(withSignature(drop.ref, w))})`} AND prokind = '${ours === 'procedure' ? 'p' : 'f'}')`
        : `EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(${literal(name)}) AND ${CLASS_KINDS[ours]})`;
    const statement = single ? w.text : `DROP ${drop.word} IF EXISTS ${routine && drop.ref.signature !== undefined ? withSignature(drop.ref, w) : name}`;
    return {
        what: drop.what,
        outcome: 'exists',
        object: null,
        sqlstate: '42809',
        reason: `${name} is ${article(theirs)}, not ${article(ours)}: ${made}, and IF EXISTS skips only a name nothing holds`,
        advice: onlyIf(`Drop it only while it is ${article(ours)}`, condition, statement),
    };
}
/** A DROP FUNCTION without argument types where the second run finds `overloads` of the name, which the file makes (42725). */
function ambiguousDrop(drop, overloads, w) {
    const drops = overloads.map((o) => `DROP ${drop.word} IF EXISTS ${o.signature === undefined ? `${w.name(o.name)}(<argument types>)` : withSignature(o, w)}${drop.cascade ? ' CASCADE' : ''};`);
    return {
        what: drop.what,
        outcome: 'exists',
        object: null,
        sqlstate: '42725',
        reason: `the function name ${w.name(drop.ref.name)} is not unique: the first run made ${overloads.length} functions of that name, and a DROP without argument types takes only a name that has one`,
        advice: `Name each signature: \`${drops.join(' ')}\``,
    };
}
/** Relations whose ALTER ... RENAME and SET SCHEMA take IF EXISTS; a second run misses them with 42P01. */
const RELATION_KINDS = {
    OBJECT_TABLE: 'table',
    OBJECT_INDEX: 'index',
    OBJECT_SEQUENCE: 'sequence',
    OBJECT_VIEW: 'view',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_FOREIGN_TABLE: 'foreign table',
};
/** Other objects whose rename or move has no IF EXISTS: the SQLSTATE a second run raises, to catch in a DO block. */
const OTHER_KINDS = {
    OBJECT_TYPE: { kind: 'type', sqlstate: '42704' },
    OBJECT_DOMAIN: { kind: 'type', sqlstate: '42704' },
    OBJECT_SCHEMA: { kind: 'schema', sqlstate: '3F000' },
    OBJECT_FUNCTION: { kind: 'function', sqlstate: '42883' },
    OBJECT_PROCEDURE: { kind: 'function', sqlstate: '42883' },
    OBJECT_ROUTINE: { kind: 'function', sqlstate: '42883' },
    OBJECT_TRIGGER: { kind: 'trigger', sqlstate: '42704' },
    OBJECT_POLICY: { kind: 'policy', sqlstate: '42704' },
    OBJECT_ROLE: { kind: 'role', sqlstate: '42704' },
};
/** The name of the object an ALTER ... RENAME or SET SCHEMA acts on, for the kinds in OTHER_KINDS. */
function otherName(node, kind) {
    if (kind === 'schema' || kind === 'role')
        return { name: { name: String(node.subname) } };
    if (kind === 'trigger' || kind === 'policy')
        return { name: { name: String(node.subname) }, on: (0,ast/* rangeVarName */.KW)(node.relation) };
    const object = (0,ast/* nodeOf */.E7)(node.object, 'ObjectWithArgs');
    if (object) {
        const { name, signature } = routineRef(object);
        return signature === undefined ? { name } : { name, signature };
    }
    return { name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(node.object, 'List')?.items ?? node.object)) };
}
function rename(node, w) {
    const newName = String(node.newname);
    const relation = RELATION_KINDS[String(node.renameType)];
    if (relation) {
        const name = (0,ast/* rangeVarName */.KW)(node.relation);
        const object = { kind: relation, name };
        const renamedTo = { kind: relation, name: { ...name, name: newName } };
        const renames = [{ from: object, to: renamedTo }];
        const what = `RENAME ${keyword(relation)} ${w.name(name)} TO ${w.name(newName)}`;
        const problem = { what, outcome: 'missing', object, sqlstate: '42P01', changes: object, renamedTo };
        return { creates: [], drops: [], renames, problems: [node.missing_ok ? { ...problem, skipsMissing: true } : { ...problem, edit: ifExists }] };
    }
    const other = OTHER_KINDS[String(node.renameType)];
    if (other) {
        const word = String(node.renameType).replace('OBJECT_', '');
        const object = { kind: other.kind, ...otherName(node, other.kind) };
        const renamedTo = { ...object, name: { ...object.name, name: newName } };
        const what = `RENAME ${word} ${shown(object, w)} TO ${w.name(newName)}`;
        const advice = doBlockAdvice(w.text, other.sqlstate, 'the old name being gone already');
        const problem = { what, outcome: 'missing', object, sqlstate: other.sqlstate, changes: object, advice, renamedTo };
        return { creates: [], drops: [], renames: [{ from: object, to: renamedTo }], problems: [problem] };
    }
    if (node.renameType !== 'OBJECT_COLUMN' && node.renameType !== 'OBJECT_TABCONSTRAINT')
        return none();
    const table = (0,ast/* rangeVarName */.KW)(node.relation);
    const column = node.renameType === 'OBJECT_COLUMN';
    const old = w.name(String(node.subname));
    const object = { kind: column ? 'column' : 'constraint', name: { name: String(node.subname) }, on: table };
    const catalog = column
        ? // By the table's oid: a table of the same name in another schema (Supabase's auth.users) must not answer for it.
            `pg_attribute WHERE attrelid = to_regclass(${literal(w.name(table))}) AND attname = ${literal(w.raw(String(node.subname)))} AND NOT attisdropped`
        : `pg_constraint WHERE conrelid = ${literal(w.name(table))}::regclass AND conname = ${literal(w.raw(String(node.subname)))}`;
    const statement = `ALTER TABLE ${w.name(table)} RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${old} TO ${w.name(newName)}`;
    const advice = onlyIf('Rename only while the old name is there', `EXISTS (SELECT 1 FROM ${catalog})`, statement);
    const what = `RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${old} TO ${w.name(newName)}`;
    const renamedTo = { ...object, name: { name: newName } };
    const changes = { kind: 'table', name: table };
    const problem = { what, outcome: 'missing', object, sqlstate: column ? '42703' : '42704', changes, advice, renamedTo };
    return { creates: [], drops: [], renames: [{ from: object, to: renamedTo }], problems: [problem] };
}
/** ALTER TYPE ... RENAME VALUE: a second run no longer finds the old label (22023). */
function renameValue(type, oldVal, newVal, w) {
    const condition = `EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = to_regtype(${literal(w.name(type))}) AND enumlabel = ${literal(oldVal)})`;
    const problem = {
        what: `ALTER TYPE ${w.name(type)} RENAME VALUE ${literal(oldVal)} TO ${literal(newVal)}`,
        outcome: 'missing',
        object: { kind: 'enum value', name: { name: oldVal }, on: type },
        sqlstate: '22023',
        changes: { kind: 'type', name: type },
        advice: onlyIf('Rename it only while the old label is there', condition, w.text),
        renamedTo: { kind: 'enum value', name: { name: newVal }, on: type },
    };
    return { creates: [], drops: [], renames: [{ from: problem.object, to: problem.renamedTo }], problems: [problem] };
}
/** ALTER ... SET SCHEMA: a second run looks for the object where it no longer is. */
function setSchema(node, w) {
    const schema = String(node.newschema);
    const relation = RELATION_KINDS[String(node.objectType)];
    if (relation) {
        const name = (0,ast/* rangeVarName */.KW)(node.relation);
        // Moved into public, an unqualified name still resolves on the second run and the move is a no-op.
        if (name.schema === undefined && schema === 'public')
            return none();
        const object = { kind: relation, name };
        const what = `ALTER ${keyword(relation)} ${w.name(name)} SET SCHEMA ${w.name(schema)}`;
        const problem = { what, outcome: 'missing', object, sqlstate: '42P01', changes: object };
        return analyze_moved(node.missing_ok ? { ...problem, skipsMissing: true } : { ...problem, edit: ifExists }, schema);
    }
    const other = OTHER_KINDS[String(node.objectType)];
    if (!other || other.kind === 'schema' || other.kind === 'trigger' || other.kind === 'policy')
        return none();
    const object = { kind: other.kind, ...otherName(node, other.kind) };
    if (object.name.schema === undefined && schema === 'public')
        return none();
    const what = `ALTER ${String(node.objectType).replace('OBJECT_', '')} ${shown(object, w)} SET SCHEMA ${w.name(schema)}`;
    const advice = doBlockAdvice(w.text, other.sqlstate, 'the object having moved already');
    return analyze_moved({ what, outcome: 'missing', object, sqlstate: other.sqlstate, changes: object, advice }, schema);
}
/**
 * A SET SCHEMA as a rename into `schema`, so a second run that finds the object back collides there. Unqualified under an
 * unknown search_path, the schema it leaves is unknown: no rename for the file's other statements to weigh, but the
 * collision where the file makes it again.
 */
function analyze_moved(problem, schema) {
    const from = problem.object;
    const to = { ...from, name: { schema, name: from.name.name } };
    const renames = from.name.schema === undefined && !(0,ast/* searchPathKnown */.z$)() ? [] : [{ from, to }];
    return { creates: [], drops: [], renames, problems: [{ ...problem, renamedTo: to }] };
}
/** The kind of routine DROP FUNCTION and DROP PROCEDURE name; DROP ROUTINE names either. */
const ROUTINES = { OBJECT_FUNCTION: 'function', OBJECT_PROCEDURE: 'procedure' };
/** The objects a DROP names, in our ObjectRef form. */
function dropTargets(node, kind) {
    return (0,ast/* asArray */._j)(node.objects).map((o) => {
        const u = (0,ast/* unwrap */.oA)(o);
        if (!u)
            return { kind, name: { name: '' } };
        const [k, f] = u;
        if (k === 'String')
            return { kind, name: { name: String(f.sval) } };
        if (k === 'TypeName')
            return { kind, name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(f.names)) };
        if (k === 'ObjectWithArgs')
            return kind === 'function' ? routineRef(f, ROUTINES[String(node.removeType)]) : { kind, name: (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(f.objname)) };
        const items = (0,ast/* asArray */._j)(f.items);
        // Named as their CREATE names them, so that a file's CREATE and DROP of one object pair up.
        if (kind === 'cast')
            return { kind, name: { name: `${typeText((0,ast/* nodeOf */.E7)(items[0], 'TypeName'))} AS ${typeText((0,ast/* nodeOf */.E7)(items[1], 'TypeName'))}` } };
        if (kind === 'transform')
            return { kind, name: { name: transformName((0,ast/* nodeOf */.E7)(items[0], 'TypeName'), (0,ast/* stringOf */.Je)(items[1])) } };
        const parts = (0,ast/* stringsOf */.iw)(items);
        if (kind === 'operator class' || kind === 'operator family')
            return { kind, name: (0,ast/* qualifiedName */.OL)(parts.slice(1)), on: { name: parts[0] ?? '' } };
        if (kind === 'trigger' || kind === 'policy' || kind === 'rule') {
            return { kind, name: { name: parts[parts.length - 1] ?? '' }, on: (0,ast/* qualifiedName */.OL)(parts.slice(0, -1)) };
        }
        return { kind, name: (0,ast/* qualifiedName */.OL)(parts) };
    });
}
function drop(node, w) {
    const kind = DROP_KINDS[String(node.removeType)];
    if (!kind)
        return none();
    const drops = dropTargets(node, kind);
    const word = DROP_WORDS[String(node.removeType)] ?? keyword(kind);
    const what = (ref) => `DROP ${word} ${shown(ref, w)}`;
    const objects = (0,ast/* asArray */._j)(node.objects);
    const behaviors = drops.map((ref, i) => {
        const behavior = { ref, what: what(ref), cascade: node.behavior === 'DROP_CASCADE', word };
        // DROP FUNCTION f without parentheses names the one function f, whatever its arguments.
        const signature = (0,ast/* nodeOf */.E7)(objects[i], 'ObjectWithArgs');
        return signature && signature.args_unspecified !== true ? { ...behavior, args: (0,ast/* asArray */._j)(signature.objargs).length } : behavior;
    });
    if (node.missing_ok)
        return { creates: [], drops, behaviors, problems: [] };
    const problems = drops.map((ref) => ({
        what: what(ref),
        outcome: 'missing',
        object: ref,
        sqlstate: missingState(kind),
        edit: ifExists,
        dropping: true,
    }));
    return { creates: [], drops, behaviors, problems };
}
/** DROP ROLE, USER or GROUP (one parse node for all three, so the word comes from the text): a second run fails with 42704 without IF EXISTS. */
function dropRole(node, text, w) {
    const word = /^\s*drop\s+(role|user|group)\b/i.exec((0,ast/* withoutComments */.fx)(text))?.[1]?.toUpperCase() ?? 'ROLE';
    const drops = (0,ast/* asArray */._j)(node.roles).flatMap((r) => {
        const name = (0,ast/* nodeOf */.E7)(r, 'RoleSpec')?.rolename;
        return typeof name === 'string' ? [{ kind: 'role', name: { name } }] : [];
    });
    if (node.missing_ok)
        return { creates: [], drops, problems: [] };
    const problems = drops.map((ref) => ({ what: `DROP ${word} ${w.name(ref.name.name)}`, outcome: 'missing', object: ref, sqlstate: '42704', edit: ifExists, dropping: true }));
    return { creates: [], drops, problems };
}
/** INSERT ... SELECT ... WHERE NOT EXISTS (...) (or NOT IN): the author only inserts what is missing. */
function insertsOnlyMissing(select) {
    const where = select?.whereClause;
    return (0,walk/* someInTree */._j)(where, (node) => node.boolop === 'NOT_EXPR') && (0,walk/* someInTree */._j)(where, (_, key) => key === 'SubLink');
}
/** An ON CONFLICT clause as keys judge it (null: none); undefined when they cannot: ON CONSTRAINT, or an expression or WHERE in its target. */
function conflictOf(clause) {
    if (!clause)
        return null;
    const action = clause.action === 'ONCONFLICT_NOTHING' ? 'DO NOTHING' : 'DO UPDATE';
    const infer = clause.infer;
    if (!infer)
        return { target: null, action };
    const target = (0,ast/* asArray */._j)(infer.indexElems).map((e) => (0,ast/* nodeOf */.E7)(e, 'IndexElem')?.name);
    const columns = target.filter((c) => typeof c === 'string');
    return infer.conname || infer.whereClause || !columns.length || columns.length < target.length ? undefined : { target: columns, action };
}
function insert(node, w) {
    const table = (0,ast/* rangeVarName */.KW)(node.relation);
    const conflict = conflictOf(node.onConflictClause);
    if (conflict === undefined)
        return none();
    const select = (0,ast/* nodeOf */.E7)(node.selectStmt, 'SelectStmt');
    if (insertsOnlyMissing(select))
        return none();
    const base = { what: `INSERT INTO ${w.name(table)}`, outcome: 'twice', object: null, changes: { kind: 'table', name: table } };
    const facts = { fills: insertFills(node), conflict };
    if (conflict)
        return { creates: [], drops: [], problems: [{ ...base, sqlstate: null, insert: facts }] };
    const problem = {
        ...base,
        sqlstate: '23505',
        edit: { kind: 'on-conflict' },
        insert: facts,
        advice: Array.isArray(select?.valuesLists)
            ? 'ON CONFLICT DO NOTHING skips rows whose primary key or unique key is already there (the table needs one).'
            : 'ON CONFLICT DO NOTHING needs a primary key or unique key on the table; without one, add WHERE NOT EXISTS (SELECT 1 FROM ... WHERE <key matches>) to the SELECT.',
    };
    return { creates: [], drops: [], problems: [problem] };
}
/** Operators whose result moves away from their operand on every run: x + 1, x * 100, -x, x || '_old'. */
const ACCUMULATING = new Set(['+', '-', '*', '/', '||']);
/** Whether `expr` computes `column` from itself by an operator that moves it again on each run. */
function accumulates(expr, column) {
    const op = (0,ast/* nodeOf */.E7)(expr, 'A_Expr');
    if (!op || op.kind !== 'AEXPR_OP' || !ACCUMULATING.has((0,ast/* stringsOf */.iw)(op.name).pop() ?? ''))
        return false;
    return (0,ast/* columnsRead */.YL)(op.lexpr).has(column) || (0,ast/* columnsRead */.YL)(op.rexpr).has(column);
}
/** `expr` without a cast to `type` around it, and whether it had one. */
function castTo(expr, type) {
    const cast = (0,ast/* nodeOf */.E7)(expr, 'TypeCast');
    return cast && (0,enum_literals/* typeRef */.Cd)(cast.typeName).name === type && !(0,enum_literals/* typeRef */.Cd)(cast.typeName).array ? { inner: cast.arg, cast: true } : { inner: expr, cast: false };
}
const isColumn = (expr, column) => (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(expr, 'ColumnRef')?.fields).pop() === column;
function stringConst(expr) {
    const value = (0,ast/* nodeOf */.E7)(expr, 'A_Const')?.sval?.sval;
    return typeof value === 'string' ? value : undefined;
}
/** A JSON object as a literal, or jsonb_build_object(...); `typed` when the statement itself says it is jsonb. */
function jsonObject(expr) {
    const { inner, cast } = castTo(expr, 'jsonb');
    const call = (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(inner, 'FuncCall')?.funcname).pop();
    if (call === 'jsonb_build_object' || call === 'jsonb_object')
        return { typed: true };
    const text = stringConst(inner);
    if (text === undefined)
        return null;
    try {
        const value = JSON.parse(text);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? { typed: cast } : null;
    }
    catch {
        return null;
    }
}
/** Keys as `jsonb - <keys>` takes them: a string, a text[] (ARRAY['a'] or '{a}'::text[]); `typed` when only jsonb has that operator. */
function jsonKeys(expr) {
    const cast = (0,ast/* nodeOf */.E7)(expr, 'TypeCast');
    if (cast) {
        const type = (0,enum_literals/* typeRef */.Cd)(cast.typeName);
        return (type.name === 'text' || type.name === 'varchar') && stringConst(cast.arg) !== undefined ? { typed: true } : null;
    }
    const array = (0,ast/* nodeOf */.E7)(expr, 'A_ArrayExpr');
    if (array)
        return (0,ast/* asArray */._j)(array.elements).every((e) => stringConst(e) !== undefined) ? { typed: true } : null;
    // A bare literal takes its operand's type: `n - '1'` on an integer counts down.
    return stringConst(expr) !== undefined ? { typed: false } : null;
}
/**
 * Whether `expr` sets `column` to the same value again on a second run, being jsonb: an object merged in
 * (`props || '{"k": 1}'::jsonb`, either side) or keys taken out (`props - 'legacy'`). jsonb by `declared`,
 * the column's type as the migrations declare it, where they tell; else by the statement's own casts and calls.
 * An array in the column would take the object as one more element: a merge of an object says it holds objects.
 */
function jsonbNoOp(expr, column, declared) {
    const op = (0,ast/* nodeOf */.E7)(expr, 'A_Expr');
    const left = castTo(op.lexpr, 'jsonb');
    const right = castTo(op.rexpr, 'jsonb');
    const symbol = (0,ast/* stringsOf */.iw)(op.name).pop();
    let form = null;
    if (symbol === '||' && isColumn(left.inner, column))
        form = jsonObject(op.rexpr);
    else if (symbol === '||' && isColumn(right.inner, column))
        form = jsonObject(op.lexpr);
    else if (symbol === '-' && isColumn(left.inner, column))
        form = jsonKeys(op.rexpr);
    if (!form)
        return false;
    return declared === undefined ? form.typed || left.cast || right.cast : declared.name === 'jsonb' && !declared.array;
}
/** The UPDATE problem for the first of `targets` that a second run changes again, given the columns' declared types; null when none. */
function recomputed(table, targets, declared, w) {
    const again = targets.find((t) => accumulates(t.value, t.column) && !jsonbNoOp(t.value, t.column, declared(t.column)));
    if (!again)
        return null;
    return {
        what: `UPDATE ${w.name(table)}`,
        outcome: 'twice',
        object: null,
        sqlstate: null,
        changes: { kind: 'table', name: table },
        reason: `${w.name(again.column)} is computed from itself, so a second run changes every row again`,
        advice: `Make a second run find nothing to change: add a WHERE that only the rows not yet updated match ` +
            `(a marker column the same UPDATE sets, or a condition on ${w.name(again.column)}), or set an absolute value instead.`,
    };
}
/**
 * UPDATE ... SET price = price * 100 (a backfill in a migration): a second run multiplies again. Only where the
 * WHERE reads none of the columns the UPDATE sets: `WHERE NOT migrated` beside `SET migrated = true` guards it.
 */
function update(node, w) {
    const targets = (0,ast/* asArray */._j)(node.targetList).flatMap((t) => {
        const target = (0,ast/* nodeOf */.E7)(t, 'ResTarget');
        return target && typeof target.name === 'string' ? [{ column: target.name, value: target.val }] : [];
    });
    const read = (0,ast/* columnsRead */.YL)(node.whereClause);
    if (targets.some((t) => read.has(t.column)))
        return none();
    const table = (0,ast/* rangeVarName */.KW)(node.relation);
    // Every column computed from itself counts until the rule reads the columns' types (`typed`).
    const problem = recomputed(table, targets, () => ({ name: null, array: false }), w);
    if (!problem)
        return none();
    return { creates: [], drops: [], problems: [{ ...problem, typed: (declared) => recomputed(table, targets, declared, w) }] };
}
function publicationMember(publication, spec, w) {
    const on = { name: publication };
    const pubname = `pubname = ${literal(w.raw(publication))}`;
    const table = spec.pubtable;
    if (spec.pubobjtype === 'PUBLICATIONOBJ_TABLE' && table) {
        const relation = (table.relation ?? {});
        const name = (0,ast/* rangeVarName */.KW)(relation);
        // An unqualified table is the one CREATE TABLE put in current_schema(), as a file that makes it then publishes it means.
        const schema = name.schema === undefined ? 'current_schema()' : literal(w.raw(name.schema));
        const columns = (0,ast/* stringsOf */.iw)(table.columns).map((c) => w.name(c));
        const label = `TABLE ${relation.inh !== true ? 'ONLY ' : ''}${w.name(name)}`;
        return {
            ref: { kind: 'publication table', name, on },
            owner: { kind: 'table', name },
            noun: `table ${w.name(name)}`,
            rows: `pg_publication_tables WHERE ${pubname} AND schemaname = ${schema} AND tablename = ${literal(w.raw(name.name))}`,
            label,
            clause: `${label}${columns.length ? ` (${columns.join(', ')})` : ''}${table.whereClause ? ' WHERE (...)' : ''}`,
        };
    }
    const current = spec.pubobjtype === 'PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA';
    if (!current && spec.pubobjtype !== 'PUBLICATIONOBJ_TABLES_IN_SCHEMA')
        return null;
    const schema = current ? 'CURRENT_SCHEMA' : w.name(String(spec.name));
    const label = `TABLES IN SCHEMA ${schema}`;
    return {
        ref: { kind: 'publication schema', name: { name: current ? 'CURRENT_SCHEMA' : String(spec.name) }, on },
        owner: current ? undefined : { kind: 'schema', name: { name: String(spec.name) } },
        noun: `schema ${schema}`,
        rows: `pg_publication_namespace JOIN pg_publication ON pg_publication.oid = pnpubid WHERE ${pubname} AND pnnspid = ${current ? 'current_schema()' : literal(schema)}::regnamespace`,
        label,
        clause: label,
    };
}
/** ALTER PUBLICATION ... ADD/DROP TABLE or TABLES IN SCHEMA has no IF [NOT] EXISTS, so each member gets a catalog check; SET replaces the list and is idempotent. */
function alterPublication(node, w) {
    const out = none();
    const adding = node.action === 'AP_AddObjects';
    if (!adding && node.action !== 'AP_DropObjects')
        return out;
    const publication = String(node.pubname);
    const changes = { kind: 'publication', name: { name: publication } };
    const members = (0,ast/* asArray */._j)(node.pubobjects).flatMap((o) => {
        const spec = (0,ast/* nodeOf */.E7)(o, 'PublicationObjSpec');
        const member = spec && publicationMember(publication, spec, w);
        return member ? [member] : [];
    });
    const verb = adding ? 'ADD' : 'DROP';
    for (const { ref, owner, noun, rows, label, clause } of members) {
        // A lone member: the statement itself goes in the block, ready to paste; several: one block each.
        const statement = members.length === 1 ? w.text : `ALTER PUBLICATION ${w.name(publication)} ${verb} ${clause}`;
        const problem = { what: `${verb} ${label}`, object: ref, changes, owner };
        if (adding) {
            out.creates.push({ ref, guarded: false });
            const advice = onlyIf('Add it only while it is not a member', `NOT EXISTS (SELECT 1 FROM ${rows})`, statement);
            out.problems.push({ ...problem, outcome: 'exists', sqlstate: '42710', reason: `${noun} is already a member of publication ${w.name(publication)}`, advice });
        }
        else {
            out.drops.push(ref);
            const advice = onlyIf('Drop it only while it is a member', `EXISTS (SELECT 1 FROM ${rows})`, statement);
            out.problems.push({ ...problem, outcome: 'missing', sqlstate: '42704', reason: `${noun} is not a member of publication ${w.name(publication)}`, advice, dropping: true });
        }
    }
    return out;
}
/** Whether `a` names the same object as `b`: an unqualified name matches one in a schema of the search_path (sameName). */
function sameObject(a, b) {
    if (a.kind !== b.kind || !(0,ast/* sameName */.q)(a.name, b.name))
        return false;
    if (a.signature !== undefined && b.signature !== undefined && a.signature !== b.signature)
        return false;
    if (a.routine !== undefined && b.routine !== undefined && a.routine !== b.routine)
        return false;
    if (!a.on || !b.on)
        return !a.on && !b.on;
    return (0,ast/* sameName */.q)(a.on, b.on);
}

;// CONCATENATED MODULE: ./src/rules/idempotency/fix.ts
// Turns a statement's guard edits into insertions in its text. Where the grammar fixes every word before
// the guard (CREATE TABLE, CREATE INDEX), puts it right before a name the parse locates (ADD COLUMN), or the
// guard ends the statement (an INSERT's ON CONFLICT), the point follows from the text; elsewhere insertion points
// come from the parser's own tokens, and every candidate is re-parsed: an edit is offered only when the
// parser reads the corrected statement as the same statement with the guard set.


const GUARD_FIELDS = new Set(['if_not_exists', 'missing_ok', 'replace', 'skipIfNewValExists', 'onConflictClause']);
/**
 * The keywords PostgreSQL's grammar puts each guard right after, most specific first. Candidates after
 * them are parsed first; a parse costs ~0.2 ms (a failed one nearly as much), so the order decides the cost.
 */
const ANCHORS = {
    'IF NOT EXISTS': ['COLUMN', 'CONCURRENTLY', 'INDEX', 'TABLE', 'VIEW', 'SEQUENCE', 'SCHEMA', 'EXTENSION', 'VALUE', 'SERVER', 'STATISTICS', 'COLLATION', 'MAPPING', 'ADD'],
    'IF EXISTS': [
        'COLUMN', 'CONSTRAINT', 'CONCURRENTLY', 'INDEX', 'TABLE', 'VIEW', 'SEQUENCE', 'SCHEMA', 'TYPE', 'FUNCTION', 'TRIGGER', 'POLICY', 'SERVER',
        'AGGREGATE', 'OPERATOR', 'COLLATION', 'PUBLICATION', 'STATISTICS', 'WRAPPER', 'CONVERSION', 'CONFIGURATION', 'DICTIONARY', 'PARSER',
        'TEMPLATE', 'METHOD', 'CLASS', 'FAMILY', 'RULE', 'LANGUAGE', 'CAST', 'TRANSFORM', 'MAPPING', 'ATTRIBUTE', 'ROLE', 'USER', 'GROUP', 'DROP',
        'IDENTITY',
    ],
    'OR REPLACE': ['CREATE'],
};
/**
 * Statements whose grammar puts the guard right after a fixed run of keywords: CREATE [TEMP|UNLOGGED] TABLE name
 * (and its OF / PARTITION OF forms), CREATE [UNIQUE] INDEX [CONCURRENTLY] name (a named one: only those get the edit).
 * Written with nothing but white space between them, the guard goes after them, where the re-parse would put it; with
 * a comment among them the statement takes the searched way.
 */
const FIXED_PREFIX = {
    CreateStmt: /^CREATE\s+(?:(?:(?:LOCAL|GLOBAL)\s+)?TEMP(?:ORARY)?\s+|UNLOGGED\s+)?TABLE\s+/i,
    IndexStmt: /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?/i,
};
/** The words before the table's name in ALTER [FOREIGN] TABLE, up to the name's first character, where the relation's `location` points. */
const ALTER_TABLE_PREFIX = /^ALTER\s+(?:FOREIGN\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?=[A-Za-z_"\u0080-\uffff])/i;
/** The keyword right before an ADD COLUMN's name (`ADD [COLUMN] name`), with nothing but white space after it. */
const COLUMN_KEYWORD = /(?<![\w$"])(?:ADD|COLUMN)\s+$/i;
/** Each guard's first word, as it reads where a guard is already written. */
const GUARD_AHEAD = {
    'IF NOT EXISTS': /^IF(?![\w$])/i,
    'IF EXISTS': /^IF(?![\w$])/i,
    'OR REPLACE': /^OR(?![\w$])/i,
};
/** Where `edits` go in the statement (DROPs first), or null when one of them cannot be placed safely. */
function applyEdits(statement, edits, indent) {
    const drops = [];
    const guards = [];
    for (const edit of edits) {
        if (edit.kind === 'drop-first') {
            if (!edit.quoted && !(0,ast/* parseOne */.EZ)(edit.drop))
                return null;
            drops.push({ at: 0, text: `${edit.drop}\n${indent}` });
            continue;
        }
        // Guards are ignored by the comparison, so every step is checked against the statement as written.
        const next = edit.kind === 'insert' ? insertWords(statement, guards, edit) : appendOnConflict(statement, guards);
        if (next === null)
            return null;
        guards.push(next);
    }
    return [...drops, ...guards];
}
/** `text` with each insertion made; those at one offset in the order given. */
function withInsertions(text, insertions) {
    let out = '';
    let last = 0;
    for (const i of [...insertions].sort((a, b) => a.at - b.at)) {
        out += text.slice(last, i.at) + i.text;
        last = i.at;
    }
    return out + text.slice(last);
}
/** Where `words` go, after the keyword where the parser then reads the wanted guard and nothing else; `done` are the guards placed so far. */
function insertWords(original, done, edit) {
    const text = original.text;
    // IF NOT EXISTS is the only guard either statement takes, so nothing is placed before it.
    const fixed = edit.words === 'IF NOT EXISTS' && done.length === 0 ? FIXED_PREFIX[original.kind]?.exec(text) : null;
    if (fixed && fixed[0].length < text.length)
        return { at: fixed[0].length, text: `${edit.words} ` };
    const column = edit.column === undefined ? null : columnPoint(original, edit.column);
    if (column !== null)
        return { at: column, text: `${edit.words} ` };
    // A point where an earlier guard goes takes no second one.
    const tried = new Set(done.map((d) => d.at));
    const attempt = (at) => {
        if (tried.has(at))
            return null;
        tried.add(at);
        // Words right after the keyword (DROP IDENTITY, with a comma or the end next) need a space before them too.
        const insertion = { at, text: `${/\s/.test(text[at - 1] ?? ' ') ? '' : ' '}${edit.words}${/[\s,]/.test(text[at] ?? ' ') ? '' : ' '}` };
        const parsed = (0,ast/* parseOne */.EZ)(withInsertions(text, [...done, insertion]));
        const ok = parsed && parsed[0] === original.kind && edit.flag(parsed[1]) && (0,ast/* sameTree */.PQ)(original.node, parsed[1], GUARD_FIELDS);
        return ok ? insertion : null;
    };
    // The anchors found by a plain search (cheaper than the scanner): a hit in a comment or a string
    // yields a candidate that fails the re-parse, never a wrong fix. An anchor already followed by a
    // guard as written (another command of the same ALTER) would read `IF IF`: not worth a parse here.
    for (const at of anchorPoints(text, edit.words)) {
        if (GUARD_AHEAD[edit.words].test(text.slice(at, at + 3)))
            continue;
        const fixed = attempt(at);
        if (fixed !== null)
            return fixed;
    }
    // A guard always follows a keyword: the other keywords' boundaries, in order, are the last resort.
    const tokens = (0,ast/* scanTokens */.we)(text);
    for (let i = 0; i + 1 < tokens.length; i++) {
        if (tokens[i].keyword === null)
            continue;
        const fixed = attempt(tokens[i + 1].start);
        if (fixed !== null)
            return fixed;
    }
    return null;
}
/**
 * Where an ADD COLUMN's guard goes by the grammar (`ADD [COLUMN] IF NOT EXISTS name`): right before the column's name at byte
 * `location`, counted from the table's name (the parse's input may hold more than the statement). Null where anything but
 * white space may stand between the name and the keyword before it: a comment there takes the searched way.
 */
function columnPoint(original, location) {
    const relation = original.node.relation;
    const prefix = ALTER_TABLE_PREFIX.exec(original.text);
    if (!prefix || typeof relation?.location !== 'number')
        return null;
    const from = prefix[0].length;
    const at = from + (0,parser/* byteToCharMapper */.ve)(original.text.slice(from))(location - relation.location);
    const before = original.text.slice(0, at);
    const keyword = COLUMN_KEYWORD.exec(before);
    // A word that ends a `--` comment reads like the keyword: its line holds the `--`.
    return keyword && !/--[^\n\r]*$/.test(before.slice(0, keyword.index)) ? at : null;
}
const anchorSearch = new Map();
/** Where the guard would go after each anchor keyword, most specific anchor first, then in text order. */
function anchorPoints(text, words) {
    const anchors = ANCHORS[words];
    let search = anchorSearch.get(words);
    if (!search)
        anchorSearch.set(words, (search = new RegExp(`(?<![\\w$"])(?:${anchors.join('|')})(?![\\w$"])`, 'gi')));
    const hits = [];
    for (const m of text.matchAll(search)) {
        const at = guardPoint(text, m.index + m[0].length);
        hits.push({ rank: anchors.indexOf(m[0].toUpperCase()), at });
    }
    return hits.sort((a, b) => a.rank - b.rank || a.at - b.at).map((h) => h.at);
}
/**
 * Where the guard goes after an anchor ending at `from`: past white space but before a comment, since
 * a comment right before a name can be a template that becomes part of it (River's `/* TEMPLATE: schema *\/`).
 */
function guardPoint(text, from) {
    let at = from;
    while (at < text.length && /\s/.test(text[at]))
        at++;
    return at;
}
/** ON CONFLICT DO NOTHING goes before a top-level RETURNING, else at the end of the statement. */
function appendOnConflict(original, done) {
    const text = original.text;
    // With no RETURNING and no comment, the statement ends with its VALUES or SELECT, which the grammar lets ON CONFLICT follow.
    const plain = done.length === 0 && !/returning|--|\/\*/i.test(text);
    let at = text.length;
    // Only a statement that mentions RETURNING needs the scanner to find the top-level one.
    if (/returning/i.test(text)) {
        let depth = 0;
        for (const t of (0,ast/* scanTokens */.we)(text)) {
            if (t.text === '(')
                depth++;
            else if (t.text === ')')
                depth--;
            else if (depth === 0 && t.keyword === 'RETURNING') {
                at = t.start;
                break;
            }
        }
    }
    // Right after the last token before RETURNING, so the author's line breaks stay as they are.
    const insertion = { at: text.slice(0, at).trimEnd().length, text: ' ON CONFLICT DO NOTHING' };
    if (plain)
        return insertion;
    const parsed = (0,ast/* parseOne */.EZ)(withInsertions(text, [...done, insertion]));
    const ok = parsed && parsed[0] === original.kind && parsed[1].onConflictClause && (0,ast/* sameTree */.PQ)(original.node, parsed[1], GUARD_FIELDS);
    return ok ? insertion : null;
}

// EXTERNAL MODULE: ./src/rules/file-lines.ts
var file_lines = __webpack_require__(3059);
;// CONCATENATED MODULE: ./src/rules/idempotency/search-path.ts
// The search_path each statement of a migration file runs under, where the file sets its own with constants (`SET
// search_path TO s, public`, `SELECT set_config('search_path', 's', false)`): an unqualified name a statement makes or
// looks up then stands for one schema's object, and the statement is read with that schema written in, so it is
// compared with the file's other names as PostgreSQL resolves them. What the file does to the path that cannot be read
// (a value computed, SET LOCAL, RESET, a DO block or a function body that sets it) leaves every name lenient, as before.



// PostgreSQL searches these even where the path leaves them out.
const IMPLICIT = ['pg_catalog', 'pg_temp'];
/**
 * `runner`: the schemas of the runner's search_path (its configured or default one), which the file starts under.
 * Where the file sets no path, its sites as they are; where it sets one it cannot be read, null schemas (any).
 */
function resolveNames(sites, runner, sql) {
    const schemas = new Set([...IMPLICIT, ...runner]);
    const asWritten = sites.map((s) => s.node);
    if (!/search_path/i.test(sql))
        return { nodes: asWritten, schemas };
    // Schemas an unqualified CREATE can go into: the runner's, and those the file makes.
    const existing = new Set(runner);
    // Read only where the file sets a path.
    let temporaryRead;
    const temporary = () => (temporaryRead ??= temporaryNames(sites));
    let path = null;
    const nodes = [];
    for (const site of sites) {
        const set = site.top.node === site.node ? pathSet(site) : undefined;
        if (set === null)
            return { nodes: asWritten, schemas: null };
        if (site.kind === 'CreateSchemaStmt' && typeof site.node.schemaname === 'string')
            existing.add(site.node.schemaname);
        nodes.push(path ? qualified(site.kind, site.node, target(path, existing), path.length === 1 ? path[0] : undefined, temporary) : site.node);
        if (set) {
            path = set;
            for (const s of set)
                schemas.add(s);
        }
    }
    return { nodes, schemas };
}
/** Where an unqualified CREATE goes: the first schema of the path that exists; undefined when the first may not. */
const target = (path, existing) => (path.length === 1 || existing.has(path[0]) ? path[0] : undefined);
/**
 * The search_path a top-level statement sets for the statements after it: its schemas in order; undefined when it sets none
 * (a function's SET clause or ALTER ROLE ... SET change no path of this session); null when it may and cannot be read.
 */
function pathSet(site) {
    // The plain test first: most statements of a file that mentions search_path do not.
    if (!/search_path/i.test(site.text))
        return undefined;
    const node = site.node;
    switch (site.kind) {
        case 'VariableSetStmt':
            if (node.name !== 'search_path')
                return undefined;
            // SET LOCAL lasts to the end of a transaction the runner may or may not open.
            return node.kind === 'VAR_SET_VALUE' && node.is_local !== true ? listed((0,ast/* asArray */._j)(node.args).map(constantText)) : null;
        case 'CreateFunctionStmt': {
            // SET search_path in a function's definition holds while it runs; its body may still set the session's.
            const body = (0,ast/* asArray */._j)(node.options).map((o) => (0,ast/* nodeOf */.E7)(o, 'DefElem')).find((d) => d?.defname === 'as');
            return (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(body?.arg, 'List')?.items ?? body?.arg).some((b) => /search_path/i.test((0,ast/* stringOf */.Je)(b) ?? '')) ? null : undefined;
        }
        case 'AlterFunctionStmt':
        case 'AlterRoleSetStmt':
        case 'AlterDatabaseSetStmt':
            return undefined;
        default:
            // A mention in a comment alone sets nothing.
            return !/search_path/i.test((0,ast/* withoutComments */.fx)(site.text)) ? undefined : site.kind === 'SelectStmt' ? setConfig(node) : null;
    }
}
/** `SELECT set_config('search_path', '<path>', false)` alone: the path; null for any other use of search_path. */
function setConfig(node) {
    const targets = (0,ast/* asArray */._j)(node.targetList);
    const call = targets.length === 1 && !node.fromClause && !node.whereClause ? (0,ast/* nodeOf */.E7)((0,ast/* nodeOf */.E7)(targets[0], 'ResTarget')?.val, 'FuncCall') : undefined;
    const name = (0,ast/* asArray */._j)(call?.funcname).map(ast/* stringOf */.Je).join('.');
    const [setting, value, local] = (0,ast/* asArray */._j)(call?.args).map(constantText);
    if ((name !== 'set_config' && name !== 'pg_catalog.set_config') || setting !== 'search_path' || local !== 'false' || value === undefined)
        return null;
    return listed(value.split(','));
}
/** The schemas a path names, `"$user"` and the implicit ones left out (pathSchemas); null for an empty one or a part not constant. */
function listed(parts) {
    if (parts.some((p) => p === undefined))
        return null;
    const names = (0,runner_placeholders/* pathSchemas */.U_)(parts).filter((p) => !IMPLICIT.includes(p));
    return names.length ? names : null;
}
// The field of each CREATE that names what it makes, as a RangeVar or as a list of names.
const MADE_RELATION = { CreateStmt: 'relation', ViewStmt: 'view', CreateSeqStmt: 'sequence', CompositeTypeStmt: 'typevar' };
const MADE_NAMES = { CreateEnumStmt: 'typeName', CreateDomainStmt: 'domainname', DefineStmt: 'defnames', CreateFunctionStmt: 'funcname' };
// DROPs of objects that live in a schema.
const SCHEMA_OBJECTS = new Set(['TABLE', 'VIEW', 'MATVIEW', 'INDEX', 'SEQUENCE', 'FOREIGN_TABLE', 'TYPE', 'DOMAIN', 'FUNCTION', 'PROCEDURE', 'ROUTINE', 'AGGREGATE']);
/** Names of relations the file makes temporary: they live in pg_temp, which a lookup searches first. */
function temporaryNames(sites) {
    const out = new Set();
    for (const s of sites) {
        const made = s.kind === 'CreateTableAsStmt' ? s.node.into?.rel : s.node[MADE_RELATION[s.kind] ?? ''];
        const rv = made;
        if (rv?.relpersistence === 't' && typeof rv.relname === 'string')
            out.add(rv.relname);
    }
    return out;
}
/**
 * `node` with the unqualified names it makes written in schema `create`, and those of relations it looks up (and of
 * what it drops) in `lookup`, where each is known; the same node where nothing changes.
 */
function qualified(kind, node, create, lookup, temporaryNames) {
    const temporary = temporaryNames();
    const ctes = new Set();
    collectCtes(node, ctes);
    const inSchema = (names, schema) => {
        const list = (0,ast/* asArray */._j)(names);
        return schema !== undefined && list.length === 1 ? [{ String: { sval: schema } }, ...list] : names;
    };
    const relation = (rv, schema) => schema === undefined || typeof rv.schemaname === 'string' || rv.relpersistence === 't' || ctes.has(String(rv.relname)) ? rv : { ...rv, schemaname: schema };
    const walk = (value, schema) => {
        if (Array.isArray(value)) {
            const out = value.map((v) => walk(v, schema));
            return out.some((v, i) => v !== value[i]) ? out : value;
        }
        if (!value || typeof value !== 'object')
            return value;
        const v = value;
        // A temporary relation of the name is the one a lookup finds.
        if (typeof v.relname === 'string' && 'relpersistence' in v)
            return temporary.has(v.relname) ? v : relation(v, schema);
        let out = null;
        for (const [key, field] of Object.entries(v)) {
            const next = walk(field, schema);
            if (next !== field)
                (out ??= { ...v })[key] = next;
        }
        return out ?? v;
    };
    let out = walk(node, lookup);
    const madeRelation = kind === 'CreateTableAsStmt' ? 'into' : MADE_RELATION[kind];
    if (madeRelation) {
        const field = node[madeRelation];
        const made = kind === 'CreateTableAsStmt' ? field && { ...field, rel: relation(field.rel, create) } : field && relation(field, create);
        out = { ...out, [madeRelation]: made };
    }
    if (MADE_NAMES[kind])
        out = { ...out, [MADE_NAMES[kind]]: inSchema(node[MADE_NAMES[kind]], create) };
    if (kind === 'DropStmt' && SCHEMA_OBJECTS.has(String(node.removeType).replace('OBJECT_', ''))) {
        out = { ...out, objects: (0,ast/* asArray */._j)(node.objects).map((o) => droppedIn(o, lookup, temporary, inSchema)) };
    }
    return out;
}
/** One object of a DROP, its name in `schema`: a list of names, a type's, or a routine's with its arguments. */
function droppedIn(o, schema, temporary, inSchema) {
    const names = (0,ast/* nodeOf */.E7)(o, 'List');
    if (names)
        return (0,ast/* asArray */._j)(names.items).length === 1 && temporary.has((0,ast/* stringOf */.Je)((0,ast/* asArray */._j)(names.items)[0]) ?? '') ? o : { List: { ...names, items: inSchema(names.items, schema) } };
    const type = (0,ast/* nodeOf */.E7)(o, 'TypeName');
    if (type)
        return { TypeName: { ...type, names: inSchema(type.names, schema) } };
    const routine = (0,ast/* nodeOf */.E7)(o, 'ObjectWithArgs');
    return routine ? { ObjectWithArgs: { ...routine, objname: inSchema(routine.objname, schema) } } : o;
}
/** The names of the common table expressions in a statement: a FROM that names one reads no table. */
function collectCtes(value, out) {
    if (Array.isArray(value))
        for (const v of value)
            collectCtes(v, out);
    else if (value && typeof value === 'object') {
        const cte = value.CommonTableExpr;
        if (cte && typeof cte.ctename === 'string')
            out.add(cte.ctename);
        for (const v of Object.values(value))
            collectCtes(v, out);
    }
}

;// CONCATENATED MODULE: ./src/rules/idempotency/do-guards.ts
// What in a DO block looks like a guard and is none: an exception handler that raises the error again (`RAISE;`, or
// RAISE EXCEPTION of its own), and an IF that looks up in the catalogs a name other than the one its statement makes
// (another column of the table, say).

// elog.h's ERROR: the level of RAISE EXCEPTION, of a RAISE with no level and of a re-raise.
const ERROR_LEVEL = 21;
// A condition that reads the catalogs (pg_type, information_schema.columns, to_regclass('t')) names objects in its string literals.
const CATALOGS = /\b(?:pg_[a-z_]+|information_schema\s*\.\s*[a-z_]+|to_reg[a-z]+\s*(?=\())/gi;
// Catalogs where a name is a relation's, whatever the relation holds: an ADD COLUMN or CREATE INDEX on it leaves them as they were.
const RELATION_CATALOGS = new Set(['pg_tables', 'pg_views', 'pg_matviews', 'pg_class', 'pg_namespace', 'information_schema.tables', 'information_schema.views', 'to_regclass']);
function doGuards(doText, doNode) {
    const raising = new Set();
    const keeping = new Set();
    const lookups = new Map();
    const relationLookups = new Set();
    /**
     * `tests`: the names the IFs around the list look for; null where one of them is not a catalog lookup of names written
     * out. `relations`: whether every one of those IFs looks up relations only.
     */
    const visit = (stmts, tests, relations) => {
        for (const s of stmts) {
            const [kind, fields] = Object.entries((s ?? {}))[0] ?? [];
            if (!kind || !fields || typeof fields !== 'object')
                continue;
            const f = fields;
            if (kind === 'PLpgSQL_stmt_execsql') {
                const text = (0,ast/* nodeOf */.E7)(f.sqlstmt, 'PLpgSQL_expr')?.query;
                if (typeof text === 'string' && tests?.length && !lookups.has(text)) {
                    lookups.set(text, tests);
                    if (relations)
                        relationLookups.add(text);
                }
            }
            else if (kind === 'PLpgSQL_stmt_if') {
                // An arm runs where the conditions before it fail too: ELSIF and ELSE look at every one of them.
                const arms = [{ cond: f.cond, stmts: f.then_body }, ...(0,ast/* asArray */._j)(f.elsif_list).map((a) => (0,ast/* nodeOf */.E7)(a, 'PLpgSQL_if_elsif') ?? {}), { cond: undefined, stmts: f.else_body }];
                let seen = tests;
                let onRelations = relations;
                for (const arm of arms) {
                    const query = (0,ast/* nodeOf */.E7)(arm.cond, 'PLpgSQL_expr')?.query;
                    const read = typeof query === 'string' ? (query.match(CATALOGS) ?? []) : [];
                    const names = read.length ? lookedFor(query) : [];
                    if (arm.cond !== undefined) {
                        seen = seen && names.length ? [...seen, ...names] : null;
                        onRelations &&= read.length > 0 && read.every((c) => RELATION_CATALOGS.has(c.toLowerCase().replace(/\s+/g, '')));
                    }
                    visit((0,ast/* asArray */._j)(arm.stmts), seen, onRelations);
                }
            }
            else if (kind === 'PLpgSQL_stmt_block') {
                visit((0,ast/* asArray */._j)(f.body), tests, relations);
                for (const e of (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(f.exceptions, 'PLpgSQL_exception_block')?.exc_list)) {
                    const handler = (0,ast/* nodeOf */.E7)(e, 'PLpgSQL_exception');
                    const raises = (0,ast/* asArray */._j)(handler?.action).some((a) => (0,ast/* nodeOf */.E7)(a, 'PLpgSQL_stmt_raise')?.elog_level === ERROR_LEVEL);
                    for (const c of (0,ast/* asArray */._j)(handler?.conditions))
                        (raises ? raising : keeping).add(String((0,ast/* nodeOf */.E7)(c, 'PLpgSQL_condition')?.condname ?? '').toLowerCase());
                }
            }
            else if (Array.isArray(f.body))
                visit(f.body, tests, relations);
        }
    };
    visit([(0,ast/* doBlockAction */.ND)(doText, doNode)], [], true);
    return { reraised: new Set([...raising].filter((c) => !keeping.has(c))), lookups, relationLookups };
}
// Catalog columns that name an object of a table (a column, an index, a trigger, a policy, a constraint): a condition
// that compares one with a name looks for that object, and the table's name beside it only says where.
const MEMBER = /\b(?:column_name|attname|indexname|tgname|trigger_name|policyname|polname|conname|constraint_name)\s*=\s*('(?:[^']|'')*')/gi;
/**
 * The names a condition looks for: the members it compares by name where it does (`column_name = 'email'` looks for
 * email, not for the table users it names too), else every name its string literals hold.
 */
function lookedFor(query) {
    const members = [...query.matchAll(MEMBER)].map((m) => m[1]);
    return members.length ? namesIn(members.join(' ')) : namesIn(query);
}
/** The names a condition's string literals hold: `'public.t_idx'` holds public and t_idx. */
function namesIn(query) {
    return [...query.matchAll(/'((?:[^']|'')*)'/g)].flatMap((m) => m[1].replace(/''/g, "'").split('.').map((n) => n.replace(/^"|"$/g, '').toLowerCase()));
}

;// CONCATENATED MODULE: ./src/rules/spelling.ts
// Findings quote a statement, and name the objects it acts on, as the file writes them: where a
// placeholder's configured value filled the text the parser read, the placeholder as written.
// Stand-ins need none of this: Template.restore turns them back in every finding.


const chain = (schema, name) => `${schema}\0${name}`;
/** Each statement's Spelling: its own way of writing a name first, else the file's, else as parsed. */
function spellings(ctx, spans) {
    const texts = spans.map((s) => (s.start < 0 ? null : (0,file_lines/* fileText */.CG)(ctx, s.start, s.start + s.text.length)) ?? s.text);
    // Without a configured value, every name reads as the file writes it (stand-ins aside).
    if (!ctx.template.valueIn(0, ctx.template.sql.length))
        return texts.map((text) => spelling(text, () => null));
    const own = spans.map((s) => waysIn(ctx, s));
    const file = new Map();
    for (const ways of own)
        for (const [name, way] of ways)
            note(file, name, way);
    return texts.map((text, i) => spelling(text, (key) => (own[i].has(key) ? own[i].get(key) : file.get(key)) ?? null));
}
/** The Spelling of a statement with `text` that writes a name as `way` has it, else as parsed. */
function spelling(text, way) {
    const part = (name) => way(name) ?? (0,ast/* quoteIdent */.v4)(name);
    return {
        text,
        name: (q) => (typeof q === 'string' ? part(q) : q.schema === undefined ? part(q.name) : (way(chain(q.schema, q.name)) ?? `${part(q.schema)}.${part(q.name)}`)),
        raw: (name) => unquoted(way(name)) ?? name,
    };
}
/** Records that the file writes `name` as `way`; written two ways, it is named as parsed. */
function note(ways, name, way) {
    ways.set(name, ways.has(name) && ways.get(name) !== way ? null : way);
}
/** How one statement writes each identifier, and each `schema.name`, that it holds. */
function waysIn(ctx, span) {
    const ways = new Map();
    if (span.start < 0)
        return ways;
    const tokens = (0,ast/* scanTokens */.we)(span.text);
    const written = (from, to) => {
        const [start, end] = [tokens[from].start, tokens[to].end];
        return writtenWay(ctx, span.start + start, span.start + end, span.text.slice(start, end));
    };
    tokens.forEach((t, i) => {
        const name = identifier(t.text);
        if (name === null)
            return;
        note(ways, name, written(i, i));
        const next = identifier(tokens[i + 2]?.text ?? '');
        if (tokens[i + 1]?.text === '.' && next !== null)
            note(ways, chain(name, next), written(i, i + 2));
    });
    return ways;
}
/** `filled`, at [start, end) of the filled text, as the file writes it where a value fills some of it and none straddles its ends; else null. */
function writtenWay(ctx, start, end, filled) {
    const written = (0,file_lines/* fileText */.CG)(ctx, start, end);
    // Words the same as in the file, or that differ by stand-ins alone (restored in every finding), hold no value.
    return written === null || written === filled || ctx.template.restore(filled) === written ? null : written;
}
/** An identifier as written without its double quotes, if it has them. */
function unquoted(written) {
    return written && /^".*"$/s.test(written) ? written.slice(1, -1).replace(/""/g, '"') : written;
}
/** The name an identifier token reads as (unquoted, its ASCII letters folded to lower case, as PostgreSQL does); null for other tokens. */
function identifier(text) {
    if (/^"(?:[^"]|"")+"$/.test(text))
        return text.slice(1, -1).replace(/""/g, '"');
    return /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*$/.test(text) ? text.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : null;
}

;// CONCATENATED MODULE: ./src/rules/non-idempotent.ts
// non-idempotent: a statement that fails, or applies twice, when its file runs a second time
// (a retried deploy, a runner without history, `psql -f` by hand). Fires in transactions too.
//
// Default severity is warning: runners that record history never re-run a file, so the statement
// bites only on a retry or a manual run; projects whose files must be re-runnable (seeds 002, 003)
// raise it to error in .migration-gate.yml.









/** `read`'s value, read the first time it is asked for. */
function once(read) {
    let value;
    return () => (value ??= { v: read() }).v;
}
const MAY_MISGUARD = /\braise\b|pg_|information_schema|to_reg/i;
function sitesOf(statements) {
    const sites = [];
    for (const s of statements) {
        sites.push({ kind: s.kind, node: s.node, text: s.text, start: s.start, top: s, handlers: [], conditional: false, reraised: [], lookups: null, onRelations: false });
        if (s.kind !== 'DoStmt')
            continue;
        const inners = (0,ast/* doBodyStatements */.eN)(s.text, s.node);
        // Only a block that raises or looks in the catalogs can hold a guard that guards nothing.
        const guards = inners.length && MAY_MISGUARD.test(s.text) ? doGuards(s.text, s.node) : null;
        for (const inner of inners) {
            const parsed = inner.parsed;
            if (!parsed)
                continue;
            const start = inner.offset < 0 ? -1 : s.start + inner.offset;
            const handlers = guards ? inner.handlers.filter((h) => !guards.reraised.has(h)) : inner.handlers;
            const reraised = guards ? inner.handlers.filter((h) => guards.reraised.has(h)) : [];
            const lookups = (inner.conditional && guards?.lookups.get(inner.text)) || null;
            const onRelations = lookups !== null && guards.relationLookups.has(inner.text);
            sites.push({ kind: parsed[0], node: parsed[1], text: inner.text, start, top: s, handlers, conditional: inner.conditional, reraised, lookups, onRelations });
        }
    }
    return sites;
}
const non_idempotent_RELATION_KINDS = new Set(['table', 'view', 'materialized view', 'index', 'sequence', 'foreign table']);
/**
 * `sites` with an IF that looks up in the catalogs only names the file never acts on no longer counted as guarding its
 * statements (`IF NOT EXISTS (SELECT FROM pg_type WHERE typname = 'feeling') THEN CREATE TYPE mood`): it is true on every run.
 */
function unguarded(sites, analyses) {
    if (!sites.some((s) => s.lookups))
        return sites;
    const namesOf = (a, into) => {
        const add = (x) => {
            if (!x)
                return;
            into.add(x.name.name.toLowerCase());
            if (x.on)
                into.add(x.on.name.toLowerCase());
        };
        [...a.creates.map((c) => c.ref), ...a.drops, ...(a.renames ?? []).flatMap((r) => [r.from, r.to])].forEach(add);
        for (const p of a.problems)
            [p.object, p.changes, p.owner].forEach(add);
        return into;
    };
    // Most IFs look for what their own statement makes; the whole file's names are read only for one that does not.
    const file = once(() => analyses.reduce((all, a) => namesOf(a, all), new Set()));
    // `IF EXISTS (SELECT FROM pg_tables WHERE tablename = 'users') THEN ALTER TABLE users ADD COLUMN ...` is true on every
    // run: a lookup of relations turns only where the DO block or a statement after it makes, drops or renames one it names.
    const relations = once(() => analyses.map((a) => [...a.creates.map((c) => c.ref), ...a.drops, ...(a.renames ?? []).flatMap((r) => [r.from, r.to])]
        .filter((x) => non_idempotent_RELATION_KINDS.has(x.kind))
        .map((x) => x.name.name.toLowerCase())));
    const turns = (s) => relations().slice(sites.findIndex((x) => x.top === s.top)).some((names) => names.some((n) => s.lookups.includes(n)));
    const guards = (s, at) => {
        if (s.onRelations)
            return turns(s);
        const own = namesOf(analyses[at], new Set());
        return s.lookups.some((n) => own.has(n)) || s.lookups.some((n) => file().has(n));
    };
    return sites.map((s, at) => (s.lookups && !guards(s, at) ? { ...s, conditional: false } : s));
}
/** Whether an exception handler named `condition` catches `sqlstate` (exact, class-wide, or OTHERS). */
function catches(condition, sqlstate) {
    if (condition === 'others')
        return true;
    const code = (CONDITIONS[condition] ?? condition).toUpperCase();
    return code === sqlstate || (code.endsWith('000') && sqlstate.startsWith(code.slice(0, 2)));
}
function caught(site, p) {
    if (site.conditional && !p.passesIf)
        return true;
    return p.sqlstate !== null && site.handlers.some((h) => catches(h, p.sqlstate));
}
/** Whether a statement of a DO block certainly raises, on the second run, an error its block's handler catches: the block then rolls back. */
const abortsBlock = (site, problems) => !site.conditional && problems.some((p) => p.sqlstate !== null && site.handlers.some((h) => catches(h, p.sqlstate)));
/**
 * Whether the second run never applies problem `p` of statement `at`: another statement of its DO block (the same handlers around it)
 * raises an error the handler catches, which rolls the block back, so `at` does not run after it, and what it did before it is undone.
 */
function rolledBack(sites, aborts, at, p) {
    const site = sites[at];
    if (!site.handlers.length)
        return false;
    const handlers = site.handlers.join('\0');
    const aborting = (i) => aborts[i] && sites[i].handlers.join('\0') === handlers;
    // A DO block's statements follow it: the sites of the same top statement are the ones next to this one.
    for (let i = at - 1; i >= 0 && sites[i].top === site.top; i--)
        if (aborting(i))
            return true;
    // One after it undoes only what this one did: rows it wrote, not an error it raised.
    if (p.outcome !== 'twice' || p.sqlstate !== null)
        return false;
    for (let i = at + 1; i < sites.length && sites[i].top === site.top; i++)
        if (aborting(i))
            return true;
    return false;
}
const RELATIONS = new Set(['table', 'view', 'materialized view', 'foreign table']);
/** The constraint named like `index` on `table`: ADD ... USING INDEX makes the index part of it. */
const constraintNamed = (index, table) => ({ kind: 'constraint', name: { name: index.name.name }, on: table });
/** The same object, where an index's or trigger's owner may be any kind of relation. */
function sameOwner(owner, x) {
    return sameObject(owner, RELATIONS.has(owner.kind) && RELATIONS.has(x.kind) ? { ...x, kind: owner.kind } : x);
}
/** Whether `a` and `b` take one name: relations in their schema's one name space (pg_class), functions (and procedures) by name and signature. */
const sameSlot = (a, b) => a.kind === 'function'
    ? b.kind === 'function' && sameObject({ ...a, routine: undefined }, { ...b, routine: undefined })
    : CLASS_KINDS[a.kind] !== undefined && CLASS_KINDS[b.kind] !== undefined && !a.on && !b.on && (0,ast/* sameName */.q)(a.name, b.name);
/** Where the ledger keeps what it knows of `x`: by its name and its table's, the parts sameObject() never leaves lenient. */
const keyOf = (x) => `${x.name.name}\0${x.on?.name ?? ''}`;
/** Whether a DROP FUNCTION of `drop`'s signature takes the function a call passing `use.args` arguments calls; a call to a function of defaulted or variadic arguments passes fewer or more, so only an equal number counts. */
const fits = (use, drop) => use.args === undefined || drop.args === undefined || use.args === drop.args;
/** The schema an object's name (or its table's) puts it in: DROP SCHEMA ... CASCADE takes it along. */
function inSchema(x) {
    const schema = x.name.schema ?? x.on?.schema;
    return schema === undefined ? [] : [{ ref: { kind: 'schema', name: { name: schema } } }];
}
/**
 * What the file as a whole creates, drops, renames and clears, to judge each statement against the others. Each lookup is
 * of one object, so what it reads is kept by `keyOf` the object (clears by table name), and a lookup reads only that.
 */
class Ledger {
    sites;
    analyses;
    spelled;
    earlier;
    /** With the CREATE's own problem (for an OR REPLACE, one kept only if the object is redefined further down) and its definition. */
    creates = new Map();
    clears = new Map();
    /** By table name: DELETEs that pick rows by constants of one column (see `reseeds`). */
    picks = new Map();
    /** In file order; `named` has their indexes here by `keyOf` their object. */
    events = [];
    named = new Map();
    /** By `keyOf` what they depend on: the objects the file creates, at their site, and how they depend on it. Read only for a DROP (see `dependentsOf`). */
    dependents = once(() => {
        const out = new Map();
        this.analyses.forEach((a, at) => {
            for (const c of a.creates)
                for (const use of [...(c.uses?.() ?? []), ...inSchema(c.ref)])
                    listIn(out, keyOf(use.ref)).push({ at, ref: c.ref, use });
            for (const c of a.attaches ?? [])
                for (const use of c.uses)
                    listIn(out, keyOf(use.ref)).push({ at, ref: c.ref, use });
        });
        return out;
    });
    /** By `keyOf` the index each ADD ... USING INDEX takes. */
    adoptions = new Map();
    /** Each table's keys as the fold has read them up to a site (and the next of its key sites), for the next INSERT into it. */
    folds = new Map();
    /**
     * By the site of a CREATE: parts of what it makes (a table's foreign key, a column's default) that a DROP at `by` before it takes,
     * not the whole; `taken` where the DROP goes through (CASCADE, or a part that always goes along) rather than PostgreSQL refusing it.
     */
    stripped = new Map();
    /** Each table's keys as the first run leaves them, by schema and name: see `keysOnSecondRun`. */
    ends = new Map();
    /** The sites whose CREATE TABLE is guarded. */
    guardedTables = new Set();
    keySites;
    /** `spelled`: how findings write each site's statement and names; `earlier`: a table as the migrations before this file leave it. */
    constructor(sites, analyses, spelled, earlier) {
        this.sites = sites;
        this.analyses = analyses;
        this.spelled = spelled;
        this.earlier = earlier;
        const event = (e) => {
            listIn(this.named, keyOf(e.ref)).push(this.events.length);
            this.events.push(e);
        };
        analyses.forEach((a, at) => {
            for (const c of a.creates) {
                const problem = a.problems.find((p) => p.object && sameObject(p.object, c.ref));
                const guarded = c.guarded || (problem !== undefined && caught(sites[at], problem));
                listIn(this.creates, keyOf(c.ref)).push({ at, ref: c.ref, guarded, problem, definition: c.definition });
                event({ at, ref: c.ref, exists: true, rename: false, ...(guarded && { guarded }) });
                if (c.ref.kind === 'table' && guarded)
                    this.guardedTables.add(at);
            }
            for (const ref of a.drops)
                event({ at, ref, exists: false, rename: false });
            // What depends on a dropped object goes with it: what the first run made further down, and what stands on it from earlier; where PostgreSQL would refuse the DROP instead, `refused` says so.
            for (const b of a.behaviors ?? [])
                for (const ref of this.takenWith(b, at))
                    event({ at, ref, exists: false, rename: false });
            const renames = a.renames ?? [];
            for (const r of [...renames, ...(a.adopts ?? [])]) {
                // An index ADD ... USING INDEX renames belongs to its constraint: no DROP INDEX takes it, so no `from` to weigh a DROP against.
                const from = renames.includes(r) ? r.from : undefined;
                event({ at, ref: r.from, exists: false, rename: true });
                event({ at, ref: r.to, exists: true, rename: true, from });
            }
            for (const adopted of a.adopts ?? [])
                listIn(this.adoptions, keyOf(adopted.from)).push({ ...adopted, at });
            if (a.clears)
                listIn(this.clears, a.clears.name).push({ at, table: a.clears });
            if (a.picks)
                listIn(this.picks, a.picks.table.name).push({ ...a.picks, at });
        });
        // Every run is a session of its own: a temporary object the first run made is not there for the second.
        for (const a of analyses)
            for (const ref of a.temporary ?? [])
                event({ at: sites.length, ref, exists: false, rename: false, ended: true });
        this.keySites = keySitesByName(sites);
    }
    /** What may depend on `x` (see `dependents`): nothing for an object of a kind no Dependency names (a trigger, a policy), so a file that drops only those reads no dependencies. */
    dependentsOf(x) {
        return DEPENDED_ON.has(x.kind) || RELATIONS.has(x.kind) ? (this.dependents().get(keyOf(x)) ?? []) : [];
    }
    /**
     * What the file creates that depends on the object `drop` drops at statement `at`, directly or through each other: the object, or the
     * part of it that depends. Made after `at`, the second run finds the first run's; made before, it goes when it still stands on it (`standing`).
     */
    takenWith(drop, at) {
        const out = [];
        for (let i = -1; i < out.length; i++) {
            const on = i < 0 ? drop.ref : out[i];
            for (const d of this.dependentsOf(on)) {
                const taken = d.use.via ?? d.ref;
                if (!sameOwner(d.use.ref, on) || (i < 0 && !fits(d.use, drop)) || out.some((o) => sameObject(o, taken)))
                    continue;
                if (d.at > at || (d.at < at && this.standing(d, taken, on, drop, at)))
                    out.push(taken);
                if (d.at > at && d.use.via)
                    listIn(this.stripped, String(d.at)).push({ part: d.use.via, whole: d.ref, by: at, taken: drop.cascade || d.use.auto === true });
            }
        }
        return out;
    }
    /**
     * Whether `taken`, which statement `d.at` before the DROP at `at` made on `on`, goes with it there: PostgreSQL drops it along (always, or
     * under CASCADE), and no statement in between drops, renames or makes again either of them, so the DROP meets the very objects `d` joined.
     * A guarded CREATE of `on` in between (CREATE TABLE IF NOT EXISTS, OR REPLACE, ADD COLUMN IF NOT EXISTS) leaves it as `d` joined it;
     * one of `taken` counts as a statement of its own in `dependents`, as it may leave `taken` on something else.
     */
    standing(d, taken, on, drop, at) {
        if (!d.use.auto && !drop.cascade)
            return false;
        const between = (x, same) => this.eventsOn(x).filter((e) => e.at > d.at && e.at < at && same(x, e.ref));
        return !between(taken, sameObject).length && between(on, sameOwner).every((e) => e.guarded);
    }
    /** A DROP without CASCADE whose object the second run finds with something the first run created further down depending on it: PostgreSQL refuses (2BP01). */
    refused(at) {
        return (this.analyses[at].behaviors ?? []).flatMap((b) => {
            if (b.cascade || this.onSecondRun(b.ref, at) === false)
                return [];
            const refs = this.holding(b, at);
            return refs.length ? [dependedOn(b, refs, this.spelled[at])] : [];
        });
    }
    /**
     * The objects that hold names like `x`'s when the second run reaches statement `at` (see `sameSlot`), each with the statement that
     * made it: what the first run left, then what the second run's statements before `at` make and drop. A guarded CREATE keeps what is there.
     */
    holders(x, at) {
        const events = this.eventsOn(x).filter((e) => sameSlot(x, e.ref));
        let held = [];
        for (const e of [...events, ...events.filter((e) => e.at < at)]) {
            if (e.exists && e.guarded && held.some((h) => sameSlot(h.ref, e.ref)))
                continue;
            held = held.filter((h) => !sameSlot(h.ref, e.ref));
            if (e.exists)
                held.push({ ref: e.from ? this.renamedKind(e) : e.ref, at: e.at });
        }
        return held;
    }
    /** A rename's new name as the kind of object the file made under the old one: ALTER TABLE renames a view or a sequence too. */
    renamedKind(e) {
        const made = this.createsBefore(e.from, e.at, true).pop();
        return made ? { ...e.ref, kind: made.ref.kind } : e.ref;
    }
    /**
     * `problems` of the DROP at `at`, where the second run finds a name it drops held by another kind of object (see `wrongKind`) or,
     * for a DROP FUNCTION without argument types, by several overloads (see `ambiguousDrop`): that problem in place of its own for the object.
     */
    occupied(problems, at) {
        const a = this.analyses[at];
        const w = this.spelled[at];
        const found = [];
        for (const b of a.behaviors ?? []) {
            const routine = b.ref.kind === 'function';
            if (!b.word || (!routine && CLASS_KINDS[b.ref.kind] === undefined))
                continue;
            const held = this.holders(b.ref, at);
            if (routine && b.ref.signature === undefined && held.length > 1) {
                found.push({ ref: b.ref, problem: ambiguousDrop(b, held.map((h) => h.ref), w) });
                continue;
            }
            const other = held.find((h) => (routine ? b.ref.routine && h.ref.routine && h.ref.routine !== b.ref.routine : h.ref.kind !== b.ref.kind));
            if (!other)
                continue;
            const made = `\`${oneLine(this.spelled[other.at].text, 60)}\` ${other.at > at ? 'further down made it on the first run' : 'before it made it'}`;
            found.push({ ref: b.ref, problem: wrongKind(b, other.ref, made, a.drops.length === 1, w) });
        }
        if (!found.length)
            return problems;
        const own = problems.filter((p) => !(p.dropping && p.object && found.some((f) => sameObject(f.ref, p.object))));
        return [...own, ...found.map((f) => f.problem)];
    }
    /** What the first run created further down than statement `at` that depends on the object `drop` drops there, and the second run finds there: the object, or the part of it that depends. */
    holding(drop, at) {
        const there = (d) => this.onSecondRun(d.ref, at) && (!d.use.via || this.partThere(d.use.via, d.at, at));
        const on = this.dependentsOf(drop.ref).filter((d) => d.at > at && !d.use.auto && sameOwner(d.use.ref, drop.ref) && fits(d.use, drop) && there(d));
        return on.map((d) => d.use.via ?? d.ref).filter((ref, i, all) => all.findIndex((r) => sameObject(r, ref)) === i);
    }
    /**
     * Whether `part` (a constraint, a default) of what statement `made` created is there when the second run reaches the DROP at `at`:
     * no other statement drops it before `at`, or after `made` on the first run (`at`'s own DROP would take it only under CASCADE).
     */
    partThere(part, made, at) {
        return !this.eventsOn(part).some((e) => !e.exists && e.at !== at && (e.at < at || e.at > made) && sameObject(e.ref, part));
    }
    /** The events on objects that may be `refs`, in file order. */
    eventsOn(...refs) {
        const indexes = refs.length === 1 ? (this.named.get(keyOf(refs[0])) ?? []) : refs.flatMap((x) => this.named.get(keyOf(x)) ?? []).sort((a, b) => a - b);
        return indexes.map((i) => this.events[i]);
    }
    /** CREATEs of `x` (of any kind of relation, for a relation) before statement `at`: unguarded ones, or with `guarded` all. */
    createsBefore(x, at, guarded = false) {
        return (this.creates.get(keyOf(x)) ?? []).filter((c) => c.at < at && (guarded || !c.guarded) && sameOwner(x, c.ref));
    }
    /** DROPs (with `orRenamed`, renames away too) of objects `same` as `x`, anywhere in the file or (with `before`) before that statement. */
    dropped(x, same = sameObject, before = Infinity, orRenamed = false) {
        return this.eventsOn(x).some((e) => !e.exists && (orRenamed || !e.rename) && e.at < before && same(x, e.ref));
    }
    createdPlainBefore(x, at) {
        return this.createsBefore(x, at).length > 0;
    }
    /** The CREATE before `at` that makes `x` anew on the second run too: nothing is there when it runs, or its fix drops it first. */
    createdFresh(x, at) {
        return this.createsBefore(x, at, true).find((c) => {
            if (this.onSecondRun(c.ref, c.at) === false)
                return true;
            const remade = c.problem && this.remade(c.problem, c.at);
            const fix = remade && this.whole(remade, c.at);
            return fix?.edit?.kind === 'drop-first' && !caught(this.sites[c.at], fix);
        });
    }
    /**
     * The statement further down whose object a second run's CREATE of `x` at `at` meets, where OR REPLACE or IF NOT EXISTS would
     * keep that one: a CREATE after a DROP of it, unless OR REPLACE can take it (see `replaces`); with no DROP, an OR REPLACE that defines it otherwise,
     * which for a view is one with another number of columns, or a RENAME COLUMN of the view. Null when there is none.
     */
    redefinedBy(x, at) {
        const later = this.eventsOn(x).filter((e) => e.at > at && !e.rename && sameObject(e.ref, x));
        const last = later[later.length - 1];
        const made = (i) => (this.creates.get(keyOf(x)) ?? []).find((c) => c.at === i && sameObject(c.ref, x))?.definition;
        const own = made(at);
        const other = last?.exists ? made(last.at) : undefined;
        if (later.some((e) => !e.exists))
            return last?.exists && !(own && other && replaces(own, other)) ? { at: last.at, dropped: true } : null;
        if (!own)
            return null;
        if (x.kind === 'view') {
            const renamed = this.events.find((e) => e.at > at && e.rename && e.ref.kind === 'column' && e.ref.on !== undefined && (0,ast/* sameName */.q)(e.ref.on, x.name));
            if (renamed)
                return { at: renamed.at, dropped: false };
            const theirs = other?.columns?.();
            return other && (theirs === undefined || theirs.length !== own.columns?.()?.length) ? { at: last.at, dropped: false } : null;
        }
        return other && !(0,ast/* sameTree */.PQ)(own.tree, other.tree) ? { at: last.at, dropped: false } : null;
    }
    /**
     * A CREATE whose second run meets the object as a statement further down defined it (see `redefinedBy`): the fix drops it first,
     * with CASCADE where what the file creates further down depends on it. Null for an OR REPLACE that meets no other definition.
     */
    remade(p, at) {
        if (!p.remake || !p.object)
            return p;
        const by = this.redefinedBy(p.object, at);
        if (!by)
            return p.ifRedefined ? null : p;
        const kind = p.object.kind;
        const name = this.spelled[at].name(p.object.name);
        const statement = `\`${oneLine(this.spelled[by.at].text, 60)}\` further down`;
        const view = kind === 'view';
        const why = by.dropped
            ? `${statement} made it again after the file dropped it`
            : `${statement} ${this.analyses[by.at].renames?.length ? 'renamed a column of it' : `gave it other ${view ? 'columns' : 'arguments or another result type'}`}`;
        const cannot = `OR REPLACE cannot ${view ? 'drop, rename or retype the columns of a view' : 'change the arguments or the result type of a function'}`;
        const held = this.holding({ ref: p.object, what: p.what, cascade: false, args: p.remake.args }, at);
        const advice = [
            p.ifRedefined || by.dropped ? '' : `OR REPLACE would not do: ${why}, and ${cannot}.`,
            this.analyses[by.at].renames?.length ? `Or create the ${kind} with the column under its final name and remove the rename.` : '',
            held.length ? `CASCADE drops ${held.map((x) => described(x, this.spelled[at])).join(', ')} too, which the file creates again further down, and every other object that depends on ${name}.` : '',
            ...(p.remake.columns ?? []).map((c) => this.retyped(c, at, name)),
        ].filter((a) => a);
        const reason = p.ifRedefined ? `${why}, and ${cannot}` : by.dropped ? `the ${kind} already exists: ${why}` : p.reason;
        return { ...p, edit: p.remake.drop(held.length > 0), reason, ...(advice.length && { advice: advice.join(' ') }) };
    }
    /**
     * A CREATE TABLE or ADD COLUMN whose IF NOT EXISTS would keep, on the second run, what a DROP ... CASCADE above it left of the object:
     * the part that DROP took (a foreign key, a CHECK, a default that calls a function) would stay gone. The fix drops the object first
     * instead, so the statement makes it whole again; adding the part back alone is the way to keep the rows, but a foreign key then
     * fails while they reference rows the DROP took, so that is advice.
     */
    whole(p, at) {
        const anew = p.remake?.drop ?? p.dropFirst;
        if (!anew || !p.object || p.edit?.kind !== 'insert' || p.edit.words !== 'IF NOT EXISTS')
            return p;
        const taken = (this.stripped.get(String(at)) ?? []).filter((s) => s.by < at && sameObject(s.whole, p.object));
        if (!taken.length)
            return p;
        const w = this.spelled[at];
        const parts = taken.map((s) => described(s.part, w)).filter((d, i, all) => all.indexOf(d) === i);
        const whole = described(p.object, w);
        const table = p.object.kind === 'table';
        const held = this.holding({ ref: p.object, what: p.what, cascade: false }, at);
        const advice = [
            `On a second run \`${oneLine(this.spelled[taken[0].by].text, 60)}\` above takes ${parts.join(' and ')}, not ${whole}, so IF NOT EXISTS would keep ${whole} without ${parts.length > 1 ? 'them' : 'it'}.`,
            `Dropping it first makes it as the first run did${table ? ', without its rows' : ', its values as the first run filled them'}; to keep ${table ? 'the rows' : 'its values'}, write IF NOT EXISTS and add ${parts.join(' and ')} again in a statement of its own after it.`,
            held.length ? `CASCADE drops ${held.map((x) => described(x, w)).join(', ')} too, which the file creates again further down, and every other object that depends on ${w.name(p.object.name)}.` : '',
        ].filter((a) => a);
        return { ...p, edit: anew(held.length > 0), advice: [...advice, p.advice ?? ''].filter((a) => a).join(' ') };
    }
    /**
     * A guarded CREATE TABLE or ADD COLUMN (IF NOT EXISTS) at `at` whose object a DROP ... CASCADE above strips of a part on the
     * second run (a foreign key, a default that calls a function): IF NOT EXISTS keeps it without that part, and nothing fails.
     * The unguarded form fails instead, and `whole` fixes it.
     */
    keptWithout(at) {
        const taken = this.stripped.get(String(at));
        if (!taken)
            return [];
        const w = this.spelled[at];
        return this.analyses[at].creates.flatMap((c) => {
            // A DROP of the object itself in between makes the CREATE make it whole.
            const remade = (by) => this.eventsOn(c.ref).some((e) => !e.exists && e.at > by && e.at < at && sameObject(e.ref, c.ref));
            const own = taken.filter((s) => s.taken && s.by < at && sameObject(s.whole, c.ref) && !remade(s.by));
            if (!c.guarded || !own.length || (c.ref.kind !== 'table' && c.ref.kind !== 'column'))
                return [];
            const parts = own.map((s) => described(s.part, w)).filter((d, i, all) => all.indexOf(d) === i);
            const whole = described(c.ref, w);
            const table = c.ref.kind === 'table';
            const cascade = this.holding({ ref: c.ref, what: whole, cascade: false }, at).length ? ' CASCADE' : '';
            const drop = table ? `DROP TABLE IF EXISTS ${w.name(c.ref.name)}${cascade};` : `ALTER TABLE ${w.name(c.ref.on)} DROP COLUMN IF EXISTS ${w.name(c.ref.name.name)}${cascade};`;
            const problem = {
                what: table ? `CREATE TABLE IF NOT EXISTS ${w.name(c.ref.name)}` : `ADD COLUMN IF NOT EXISTS ${w.name(c.ref.name.name)}`,
                outcome: 'kept',
                object: c.ref,
                sqlstate: null,
                reason: `\`${oneLine(this.spelled[own[0].by].text, 60)}\` above takes ${parts.join(' and ')}, not ${whole}, and IF NOT EXISTS then skips ${whole}, which is there`,
                advice: `Put \`${drop}\` before it to make it as the first run did${table ? ', without its rows' : ', its values as the first run filled them'}; ` +
                    `to keep ${table ? 'the rows' : 'its values'}, add ${parts.join(' and ')} again in a statement of its own after it.`,
            };
            return [problem];
        });
    }
    /**
     * For a `t.c%TYPE` argument of the function statement `at` makes, where the file leaves the column another type than it has there:
     * that a second run makes the function with that type (which the fix's DROP, resolving `t.c%TYPE` as it runs, names too). Empty where
     * the file leaves the type as it is there, or does not tell.
     */
    retyped(column, at, fn) {
        const typeAt = (i) => this.keysBefore(column.on, i)?.types[column.name.name];
        const first = typeAt(at);
        if (!first)
            return '';
        // As a signature tells types apart: not by a length or precision.
        const same = (t) => t !== undefined && t.name === first.name && t.schema === first.schema && t.array === first.array;
        if (same(typeAt(this.sites.length)))
            return '';
        const by = this.keySites(column.on.name).find((i) => i > at && !same(typeAt(i + 1)));
        if (by === undefined)
            return '';
        const w = this.spelled[at];
        const written = `${w.name(column.on)}.${w.name(column.name.name)}`;
        return (`${written}%TYPE is the type ${written} has when the statement runs, and \`${oneLine(this.spelled[by].text, 60)}\` further down changes it: ` +
            `a second run makes ${fn} with the new type, where the first run made it with the old one, so a statement that names ${fn} by the argument types ` +
            `of the first run misses it then; a DROP that names ${fn} alone, without argument types, takes it while ${fn} has no other signature.`);
    }
    renamed(x) {
        return this.eventsOn(x).some((e) => e.rename && sameObject(e.ref, x));
    }
    /**
     * Whether `x` is there when the second run reaches statement `at`: the last event on its name before
     * `at` in this run, else the last one of the first run. Null when the file never names it.
     */
    onSecondRun(x, at) {
        return this.lastEvent(this.eventsOn(x), at, (e) => sameObject(e.ref, x))?.exists ?? null;
    }
    /** The event of `events` (those `match` accepts) that decides the second run at `at`: the last before `at`, else the last of the first run. */
    lastEvent(events, at, match) {
        let before;
        let last;
        for (const e of events) {
            if (!match(e))
                continue;
            last = e;
            if (e.at < at)
                before = e;
        }
        return before ?? last;
    }
    /**
     * A problem as the second run meets it once renames are counted: a CREATE of a name the file renames
     * away is fine (a DROP of one it renames into place: see `moot`); a RENAME is fine when its old name is
     * back and its new one gone (Prisma's enum swap), and collides when both are there. Null when fine.
     */
    secondRun(p, at) {
        if (!p.object)
            return p;
        if (p.renamedTo) {
            if (!this.onSecondRun(p.object, at))
                return p.skipsMissing ? null : p;
            return this.onSecondRun(p.renamedTo, at) ? this.collision(p, at) : null;
        }
        if (!this.renamed(p.object))
            return p;
        if (p.outcome === 'exists' && this.onSecondRun(p.object, at) === false)
            return null;
        return p;
    }
    /** A RENAME (or SET SCHEMA) whose old name is back on the second run while its new name is still there. */
    collision(p, at) {
        const kind = p.object.kind;
        const from = this.spelled[at].name(p.object.name);
        const to = this.spelled[at].name(p.renamedTo.name);
        // SET SCHEMA keeps the name and changes the schema.
        const move = p.object.name.name === p.renamedTo.name.name;
        const create = (this.creates.get(keyOf(p.object)) ?? []).find((c) => c.at < at && sameObject(c.ref, p.object));
        const cause = create
            ? `\`${oneLine(this.spelled[create.at].text, 60)}\` finds no ${kind} ${from} (this statement ${move ? 'moved' : 'renamed'} it) and creates it again`
            : `${kind} ${from} is there again`;
        const fix = move
            ? `Drop ${to} before the move if the copy moved last time may go, or move only while ${to} does not exist yet.`
            : `Create the ${kind} under its final name ${to} and remove the rename; in a migration already applied somewhere, guard the rename on the new name not existing yet.`;
        return {
            what: p.what,
            outcome: 'exists',
            object: p.renamedTo,
            sqlstate: existsState(kind),
            advice: `On a second run ${cause}, so the ${move ? 'move' : 'rename'} then collides with the ${kind} it ${move ? 'moved' : 'renamed'} last time. ${fix}`,
        };
    }
    /**
     * What statement `at` meets on the second run: its own problems, or, for a statement on a table a later statement
     * drops or renames away (and none before brings back), the missing table alone (none under ALTER TABLE IF EXISTS).
     */
    problemsOf(a, at) {
        if (!a.needs || this.removed().size === 0)
            return a.problems;
        const tables = [...a.needs.tables, ...(a.needs.reads?.() ?? [])];
        const gone = tables.flatMap((table, i) => {
            if (!this.removed().has(table.name.name))
                return [];
            const last = this.lastEvent(this.eventsOn(table), at, (e) => sameOwner(table, e.ref));
            return last && !last.exists && !last.ended && last.at > at ? [{ table, last, i }] : [];
        });
        if (!gone.length)
            return a.problems;
        if (!a.needs.missing)
            return [];
        const { table, last, i } = gone[0];
        const by = `\`${oneLine(this.spelled[last.at].text, 60)}\` further down ${last.rename ? 'renamed it away' : 'dropped it'} on the first run`;
        // The statement's `what` names the one table it acts on; a table it reads, or one of several, is named here.
        const name = tables.length > 1 || i >= a.needs.tables.length ? ` ${this.spelled[at].name(table.name)}` : '';
        const missing = a.needs.missing(gone.map((g) => g.table));
        return [{ ...missing, reason: `the ${last.ref.kind}${name} is already gone: ${by}` }];
    }
    /** Names of relations a statement drops or renames away: only a statement on one of them can miss its table. */
    removed = once(() => new Set(this.events.filter((e) => !e.exists && isRelation(e.ref)).map((e) => e.ref.name.name)));
    /**
     * By the DROP's site: DROPs of a name a later RENAME moves another object into, where nothing brings that one back,
     * so the second run drops what the first run's rename made. Only names some RENAME moves into are looked at.
     */
    overwrites = once(() => {
        const into = new Set(this.events.filter((e) => e.from).map((e) => e.ref.name.name));
        const out = new Map();
        for (const d of this.events) {
            if (d.exists || d.rename || !into.has(d.ref.name.name))
                continue;
            const last = this.lastEvent(this.eventsOn(d.ref), d.at, (e) => sameObject(e.ref, d.ref));
            if (!last?.from || last.at <= d.at || this.onSecondRun(last.from, last.at) !== false)
                continue;
            out.set(d.at, [...(out.get(d.at) ?? []), { object: d.ref, rename: { ...last, from: last.from } }]);
        }
        return out;
    });
    /** The sites of the RENAMEs `overwrites` holds. */
    overwritingRenames = once(() => new Set([...this.overwrites().values()].flatMap((drops) => drops.map((o) => o.rename.at))));
    /** The problems of a DROP that destroys what a later RENAME made: see `overwrites`. */
    overwritten(at) {
        return (this.overwrites().get(at) ?? []).flatMap(({ object, rename }) => {
            const text = this.spelled[rename.at].text;
            const problem = dropsRenamed(object, rename.from, { text, line: oneLine(text, 80) }, this.spelled[at]);
            return problem ? [problem] : [];
        });
    }
    /** An UPDATE judged by its columns' types as the migrations before this file and this file up to it declare them. */
    typed(p, at) {
        if (!p.typed || !p.changes)
            return p;
        const table = once(() => this.keysBefore(p.changes.name, at));
        return p.typed((column) => table()?.types[column]);
    }
    /** Indexes statement `at` creates that a later ADD CONSTRAINT ... USING INDEX renames: each run builds one more, unless the file drops that constraint. */
    adopted(at) {
        // Few files take an index into a constraint: the rest need no lookup per CREATE.
        if (!this.adoptions.size)
            return [];
        return this.analyses[at].creates
            .flatMap((c) => (this.adoptions.get(keyOf(c.ref)) ?? []).filter((a) => a.at > at && sameObject(c.ref, a.from)))
            .filter((a) => !this.dropped(constraintNamed(a.to, a.table)))
            .map((a) => adoptedIndex(a, this.spelled[at]));
    }
    /**
     * An INSERT, judged by the keys the migrations before this file and this file up to it give its table; where a statement further
     * down changes them, by the keys the second run meets instead: a unique index made after the INSERT (IF NOT EXISTS, or in a DO
     * block) is there on the second run, and its ON CONFLICT fires.
     */
    keyed(p, at) {
        if (!p.insert || !p.changes)
            return p;
        const first = onKeys(p, p.insert, this.keysBefore(p.changes.name, at), this.spelled[at]);
        if (!first || !this.keySites(p.changes.name.name).some((i) => i > at))
            return first;
        return onKeys(p, p.insert, this.keysOnSecondRun(p.changes.name, at), this.spelled[at]);
    }
    /**
     * ADD ... USING INDEX i when the second run finds no index i: this ADD renamed it last time, or a DROP of the
     * constraint named like it (which i became part of) dropped it too, and the file does not make it again before.
     */
    missingIndex(p, at) {
        const a = p.usingIndex;
        if (!a)
            return p;
        const holder = constraintNamed(a.from, a.table);
        const last = this.lastEvent(this.eventsOn(a.from, holder), at, (e) => sameObject(e.ref, a.from) || (!e.exists && !e.rename && sameObject(e.ref, holder)));
        if (!last || last.exists)
            return p;
        const loss = last.ref.kind === 'constraint' ? 'dropped with its constraint' : last.rename && last.at === at ? 'renamed' : 'gone';
        return indexGone(p, a, loss, this.onSecondRun(constraintNamed(a.to, a.table), at) === false, this.spelled[at]);
    }
    /**
     * A table's columns and keys just before statement `at`: the earlier migrations' fold, then this file's statements.
     * Lazy: the earlier migrations are read only for a table no CREATE TABLE of this file before `at` makes.
     */
    keysBefore(table, at) {
        // A table this file creates before `at` has the keys it gives it (a guarded CREATE says so): the earlier files are not read.
        // A table is on nothing: its CREATEs are kept under its name alone.
        const here = (this.creates.get(keyOf({ kind: 'table', name: table })) ?? []).some((c) => c.ref.kind === 'table' && c.at < at && (0,ast/* sameName */.q)(c.ref.name, table));
        const name = `${here}\0${table.schema ?? ''}\0${table.name}`;
        const known = this.folds.get(name);
        let { next, state } = known && known.at <= at ? known : { next: 0, state: here ? () => null : once(() => this.earlier(table)) };
        const sites = this.keySites(table.name);
        for (; next < sites.length && sites[next] < at; next++)
            state = this.stepped(table, sites[next], state);
        this.folds.set(name, { at, next, state });
        return state();
    }
    /** `state`, a table's keys, with what statement `i` does to them, read when asked. */
    stepped(table, i, state) {
        const site = this.sites[i];
        const change = keyChange(site.kind, site.node, table, { file: null, guarded: this.guardedTables.has(i), prior: (old) => this.keysBefore(old, i) });
        return change ? once(() => change(state())) : state;
    }
    /** A table's keys when the second run reaches statement `at`: as the first run leaves them at the end of the file, then as this file's statements before `at` change them. */
    keysOnSecondRun(table, at) {
        const name = `${table.schema ?? ''}\0${table.name}`;
        if (!this.ends.has(name))
            this.ends.set(name, this.keysBefore(table, this.sites.length));
        let state = () => this.ends.get(name);
        for (const i of this.keySites(table.name))
            if (i < at)
                state = this.stepped(table, i, state);
        return state();
    }
    /**
     * A change to an object a CREATE before it makes anew on the second run (dropped or renamed away first, or so fixed): null, as the
     * object is new each time, unless it is a column or constraint that the file leaves the new table without (for a DROP or RENAME) or
     * with (for an ADD), where the first run may have met a table made before the file, which it changed: every statement before this one
     * that makes, drops or renames the table is a guarded CREATE (IF NOT EXISTS). Then the second run meets the table as the file makes it.
     */
    anew(p, at) {
        const create = p.changes && this.createdFresh(p.changes, at);
        if (!create)
            return p;
        const part = p.object;
        if (!part?.on || (part.kind !== 'column' && part.kind !== 'constraint') || create.ref.kind !== 'table')
            return null;
        if (this.eventsOn(create.ref).some((e) => e.at < at && sameOwner(create.ref, e.ref) && !e.guarded))
            return null;
        // Undefined where the statements do not show all of the table (LIKE, INHERITS, ...); null where a DROP in between leaves none.
        const table = this.keysBefore(create.ref.name, at);
        if (!table)
            return null;
        const name = part.name.name;
        const has = part.kind === 'column' ? table.columns.includes(name) : table.keys.some((k) => k.constraint && k.name === name) || table.constraints.some((c) => c.name === name);
        if (has === (p.outcome === 'missing'))
            return null;
        const t = this.spelled[at].name(create.ref.name);
        const made = `on the second run \`${oneLine(this.spelled[create.at].text, 60)}\` makes ${t} anew ${has ? 'with' : 'without'} it`;
        return { ...p, reason: `the ${part.kind} ${has ? 'already exists' : 'is not there'}: ${made}, where on the first run it found ${t} already there and left it as it was` };
    }
    /** A problem another statement of the file already makes harmless, or that shares a root cause reported elsewhere. */
    moot(p, at, site) {
        // A CREATE paired with a DROP of the same object (before it, or after it with nothing made again) re-creates it on every run.
        if (p.outcome === 'exists' && p.object && this.dropped(p.object) && this.onSecondRun(p.object, at) === false)
            return true;
        // A DROP of what the second run finds there: made again (or renamed into place) before it, or after it with no DROP further down.
        if (p.dropping && p.object && this.onSecondRun(p.object, at) === true)
            return true;
        // A RENAME into a name an earlier DROP empties: that DROP's finding is the root cause, and its block guards both.
        if (p.renamedTo && this.overwritingRenames().has(at))
            return true;
        // An index, trigger or policy goes away with its table: dropped earlier in the file, or dropped and re-created bare.
        if (p.owner && this.dropped(p.owner, sameOwner, at))
            return true;
        // A trigger or policy is named per table, so one on a table renamed away earlier leaves the new table free; an index name stays taken in its schema.
        if (p.owner && p.object?.kind !== 'index' && this.dropped(p.owner, sameOwner, at, true))
            return true;
        if (p.owner && this.createdPlainBefore(p.owner, at) && this.dropped(p.owner))
            return true;
        // DELETE/TRUNCATE then INSERT re-seeds the table.
        if (site.kind === 'InsertStmt' && p.changes) {
            const table = p.changes.name;
            if ((this.clears.get(table.name) ?? []).some((c) => c.at < at && (0,ast/* sameName */.q)(c.table, table)))
                return true;
            if ((this.picks.get(table.name) ?? []).some((d) => d.at < at && (0,ast/* sameName */.q)(d.table, table) && this.reseeds(site.node, d, at)))
                return true;
        }
        return false;
    }
    /** Whether the INSERT at `at` writes only rows the DELETE `d` before it takes: VALUES rows whose `d.column` is one of its constants. */
    reseeds(insert, d, at) {
        const listed = (0,ast/* asArray */._j)(insert.cols).map((c) => (0,ast/* nodeOf */.E7)(c, 'ResTarget')?.name);
        // Without a column list, a VALUES row fills the columns in the order the table has them.
        const order = listed.length ? listed : (this.keysBefore(d.table, at)?.columns ?? []);
        const i = order.indexOf(d.column);
        const rows = (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(insert.selectStmt, 'SelectStmt')?.valuesLists).map((r) => (0,ast/* asArray */._j)((0,ast/* nodeOf */.E7)(r, 'List')?.items));
        return i >= 0 && rows.length > 0 && rows.every((r) => d.values.includes(constantText(r[i]) ?? '\0'));
    }
}
/** The list `map` holds at `key`, made empty the first time. */
function listIn(map, key) {
    let list = map.get(key);
    if (!list)
        map.set(key, (list = []));
    return list;
}
/** Every string in an AST: the names its statement writes among them. */
function stringsIn(node, out = new Set()) {
    if (typeof node === 'string')
        out.add(node);
    else if (node && typeof node === 'object')
        for (const value of Object.values(node))
            stringsIn(value, out);
    return out;
}
/** The fields a key-changing statement names its table in, for keyChange (a RENAME's new name too). */
const TABLE_FIELDS = ['relation', 'into', 'intoClause', 'objects', 'newname'];
/**
 * For a table name, the sites (in file order) whose statement may change the keys of a table of that name, so the fold
 * for each INSERT reads those alone. keyChange matches a table by a name the statement writes, or matches every table
 * (DROP INDEX); an unqualified name matches it in every schema. Each site is asked once per string its table fields hold
 * (not its columns': a CREATE TABLE holds hundreds of strings and names one table).
 */
function keySitesByName(sites) {
    const probe = { file: null, guarded: false, prior: () => undefined };
    // Under no search_path, the unqualified probe matches the name in every schema, as the sites kept must.
    const changes = (site, name) => (0,ast/* withSearchPath */.Cz)(null, () => keyChange(site.kind, site.node, { name }, probe)) !== null;
    const named = new Map();
    const any = [];
    const read = once(() => sites.forEach((site, i) => {
        // Most statements change no keys: their names need not be tried one by one.
        if (!mayChangeKeys(site.kind, site.node))
            return;
        // No table is named with a NUL: a statement that changes that one changes any.
        if (changes(site, '\0'))
            any.push(i);
        else
            for (const name of stringsIn(TABLE_FIELDS.map((f) => site.node[f])))
                if (changes(site, name))
                    listIn(named, name).push(i);
    }));
    const merged = new Map();
    return (table) => {
        read();
        if (!merged.has(table))
            merged.set(table, [...(named.get(table) ?? []), ...any].sort((a, b) => a - b));
        return merged.get(table);
    };
}
/** How the second run finds a link rather than an object: a partition, a parent table, an identity. */
const LINK_STATES = {
    partition: { exists: 'is already attached', missing: 'is already detached' },
    parent: { exists: 'is already a parent', missing: 'is no longer a parent' },
    identity: { exists: 'is already set', missing: 'is already gone' },
};
function consequence(p) {
    const what = p.object?.kind ?? 'object';
    const state = p.sqlstate ? ` (SQLSTATE ${p.sqlstate} ${conditionName(p.sqlstate)})` : '';
    const fails = (stock) => `fails when the file runs a second time: ${p.reason ?? `the ${what} ${stock}`}${state}`;
    switch (p.outcome) {
        case 'exists':
            return fails(LINK_STATES[what]?.exists ?? 'already exists');
        case 'missing':
            return fails(LINK_STATES[what]?.missing ?? 'is already gone');
        case 'kept':
            return `keeps the ${what} without part of it when the file runs a second time: ${p.reason}`;
        case 'twice':
            return p.sqlstate
                ? `applies twice when the file runs a second time: the rows are inserted again, or the run fails on a unique key${state}`
                : `applies twice when the file runs a second time: ${p.reason ?? 'PostgreSQL picks a new name and creates a duplicate'}`;
    }
}
function handlerNote(site, problems) {
    const raised = [...new Set(problems.map((p) => p.sqlstate).filter((s) => s !== null))];
    if (!raised.length)
        return '';
    const again = site.reraised.filter((h) => raised.some((s) => catches(h, s)));
    if (again.length)
        return ` The DO block's handler for ${again.join(', ')} raises the error again.`;
    if (!site.handlers.length)
        return '';
    return ` The DO block's handler catches ${site.handlers.join(', ')}, not ${raised.map(conditionName).join(', ')}.`;
}
/** The statement on one line, for a sentence: its comments go, or a `--` would swallow the rest of the line. */
function oneLine(text, max = 120) {
    const flat = (0,ast/* withoutComments */.fx)(text).replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
/** `insertions` in the site's parsed text as offsets in its text in the file; null when one falls inside a placeholder's value. */
function inFile(ctx, site, lines, insertions) {
    const out = [];
    for (const i of insertions) {
        const at = ctx.template.exactOffset(site.start + i.at);
        if (at === null)
            return null;
        out.push({ at: at - lines.start, text: i.text });
    }
    return out;
}
/** The site's whole lines in the file with `written` made; null when a DROP put before it would name objects by a value filled in. */
function lineFix(ctx, site, lines, written, drops) {
    if (drops && ctx.template.valueIn(site.start, site.start + site.text.length))
        return null;
    return (0,file_lines/* replacing */.mi)(lines, lines.before + withInsertions(lines.text, written) + lines.after);
}
/** The white space before the statement on its line in the file, for a line put before it. */
const indentOf = (lines) => (/^\s*$/.test(lines.before) ? lines.before : '');
/** Why an IF around the statement does not guard it. */
function ifNote(site, problems) {
    if (site.conditional && problems.some((p) => p.passesIf))
        return ' An IF that looks for the constraint runs it all the same: the constraint is gone too.';
    if (!site.lookups || site.conditional)
        return '';
    const unturned = site.onRelations ? 'which no statement from its DO block on makes, drops or renames' : 'which the file does not make';
    return ` The IF around it looks for ${site.lookups.join(', ')}, ${unturned}, so it runs it every time.`;
}
/**
 * An ALTER TABLE of several commands where a command's problem has no edit (its guard is a DO block): each command as an ALTER
 * TABLE of its own, in order, guarded where it has an edit, the others left to their blocks. Null where that is not the case, or
 * the commands cannot be cut out or an edit placed in one.
 */
function splitWords(problems) {
    const own = problems.filter((p) => p.split);
    if (!own.some((p) => !p.edit))
        return null;
    const commands = own[0].split.commands();
    if (!commands)
        return null;
    const steps = [];
    for (const [i, command] of commands.entries()) {
        const p = own.find((q) => q.split.index === i);
        if (p && !p.split.guard) {
            steps.push(`${p.what} in the block below`);
            continue;
        }
        const parsed = p?.split.guard ? (0,ast/* parseOne */.EZ)(command) : null;
        const insertions = parsed ? applyEdits({ kind: parsed[0], node: parsed[1], text: command }, [p.split.guard], '') : [];
        if (!insertions)
            return null;
        steps.push(`\`${withInsertions(command, insertions)};\``);
    }
    return `Split it into one ALTER TABLE per command, each guarded on its own, in this order: ${steps.join(', then ')}.`;
}
function draftFor(ctx, site, problems) {
    // One DROP ... IF EXISTS guards every object it names: the same edit object, applied once.
    const edits = [...new Set(problems.flatMap((p) => (p.edit ? [p.edit] : [])))];
    const lines = site.start >= 0 ? (0,file_lines/* statementLines */.vt)(ctx, site.start, site.start + site.text.length) : null;
    // Guards put in place would fix some commands of the ALTER and leave the statement failing on the others.
    const split = splitWords(problems);
    const insertions = edits.length && lines && !split ? applyEdits(site, edits, indentOf(lines)) : null;
    // Quoted and fixed as the file writes it: no edit where the file has no place for it.
    const written = insertions && lines && inFile(ctx, site, lines, insertions);
    const drops = edits.flatMap((e) => (e.kind === 'drop-first' ? [e.drop] : []));
    const pos = ctx.position(site.start >= 0 ? site.start : site.top.start);
    const advice = split ? [split] : [];
    for (const p of problems) {
        if (p.edit && !written && !split && !advice.includes(editWords(p)))
            advice.push(editWords(p));
        if (p.advice)
            advice.push(p.advice);
    }
    if (written && lines)
        advice.unshift(drops.length ? `Put \`${drops.join(' ')}\` before it.` : `Write \`${oneLine(withInsertions(lines.text, written))}\`.`);
    const message = `${problems.map((p) => `${p.what} ${consequence(p)}`).join('; ')}.${handlerNote(site, problems)}${ifNote(site, problems)}`;
    const draft = {
        rule: 'non-idempotent',
        file: ctx.migration.file,
        line: pos.line,
        column: pos.column,
        message,
        suggestion: advice.join(' '),
    };
    const fix = written && lines && lineFix(ctx, site, lines, written, drops.length > 0);
    if (fix)
        draft.fix = fix;
    return draft;
}
function editWords(p) {
    if (!p.edit)
        return '';
    if (p.edit.kind === 'insert')
        return `Add ${p.edit.words} to ${p.what}.`;
    if (p.edit.kind === 'drop-first')
        return `Put \`${p.edit.drop}\` before it.`;
    return 'Add ON CONFLICT DO NOTHING.';
}
const nonIdempotent = {
    id: 'non-idempotent',
    scope: 'file',
    defaultSeverity: 'warning',
    description: 'A statement that fails or applies twice when the migration file runs a second time.',
    check(ctx) {
        if (ctx.parsed.error)
            return [];
        const sites = sitesOf(ctx.parsed.statements);
        const names = resolveNames(sites, runnerPath(ctx), ctx.template.sql);
        return (0,ast/* withSearchPath */.Cz)(names.schemas, () => judge(ctx, sites, names.nodes));
    },
};
/**
 * The schemas of the runner's search_path, which a file starts under: configured, else PostgreSQL's default
 * `"$user", public` (Supabase's roles add `extensions`), `"$user"` left out (pathSchemas).
 */
function runnerPath(ctx) {
    const given = ctx.options.dryRun.searchPath;
    return given ? (0,runner_placeholders/* pathSchemas */.U_)(given.split(',')) : ['public', ...(ctx.options.preset === 'supabase' ? ['extensions'] : [])];
}
/** The findings on a file that parses, each site read as `resolved` (its names in the schemas its search_path puts them). */
function judge(ctx, written, resolved) {
    const spelled = spellings(ctx, written);
    const analyses = written.map((s, at) => analyze(s.kind, resolved[at], s.text, spelled[at]));
    const sites = unguarded(written, analyses);
    const ledger = new Ledger(sites, analyses, spelled, (table) => ctx.earlier.table(table));
    const judged = sites.map((site, at) => {
        const found = [
            ...ledger.occupied(ledger.problemsOf(analyses[at], at), at),
            ...ledger.refused(at),
            ...ledger.adopted(at),
            ...ledger.overwritten(at),
            ...ledger.keptWithout(at),
        ];
        // Most statements have none: the steps below are not set up for them.
        if (!found.length)
            return [];
        return found
            .map((p) => ledger.typed(p, at))
            .map((p) => p && ledger.secondRun(p, at))
            .map((p) => p && ledger.remade(p, at))
            .map((p) => p && ledger.whole(p, at))
            .map((p) => p && ledger.keyed(p, at))
            .map((p) => p && ledger.missingIndex(p, at))
            .map((p) => p && ledger.anew(p, at))
            .filter((p) => p !== null && !ledger.moot(p, at, site));
    });
    const aborts = sites.map((site, at) => abortsBlock(site, judged[at]));
    const drafts = [];
    sites.forEach((site, at) => {
        const open = judged[at].filter((p) => !caught(site, p) && !rolledBack(sites, aborts, at, p));
        if (open.length)
            drafts.push(draftFor(ctx, site, open));
    });
    return drafts;
}

;// CONCATENATED MODULE: ./src/rules/index.ts
// The rule engine: runs every registered rule, applies configured severities and inline directives.
// It knows nothing about any one rule; a new rule is one file plus one line in RULES.



















const RULES = [
    duplicate_version/* duplicateVersion */.A,
    out_of_order/* outOfOrder */.w,
    nameOrder,
    checksumDrift,
    missingMigration,
    syntaxError,
    nonIdempotent,
    transaction_unsafe/* transactionUnsafe */.j$,
];
/** Rules whose findings come from outside RULES (discovery, the dry-run, the history table): severity and docs line. */
const EXTERNAL_RULES = {
    'invalid-name': { severity: 'error', description: 'A .sql file in a migration folder fits no naming scheme, so the runner skips or rejects it.' },
    'unreadable-file': { severity: 'error', description: 'A migration file cannot be read as SQL text: NUL bytes, invalid UTF-8, a symlink out of the repository, a Flyway script config file (.sql.conf) that Flyway refuses, a Prisma migration folder without migration.sql, a diesel one without up.sql.' },
    'empty-migration': { severity: 'warning', description: 'A migration has no SQL (or an empty up section): it is recorded as applied and changes nothing.' },
    'dry-run-failed': { severity: 'error', description: 'A pending migration fails on a real PostgreSQL after the merged ones were replayed.' },
    'not-rerunnable': { severity: 'warning', description: 'A pending migration applies once but fails when the dry-run runs it a second time.' },
    'dangerous-lock': { severity: 'warning', description: 'A pending migration takes an ACCESS EXCLUSIVE lock on a table that already existed.' },
    environment: { severity: 'warning', description: 'The dry-run engine lacks something the migrations need (an extension, a newer server, a merged file that fails).' },
    'dirty-history': { severity: 'error', description: "The target's history table has a failed, dirty or unfinished row; the runner's repair step must come first." },
};
function defaultSeverity(rule) {
    return RULES.find((r) => r.id === rule)?.defaultSeverity ?? EXTERNAL_RULES[rule]?.severity ?? 'error';
}
/** The one-line documentation of a rule, wherever its findings come from. */
function describeRule(rule) {
    return RULES.find((r) => r.id === rule)?.description ?? EXTERNAL_RULES[rule]?.description ?? '';
}
/** The migrations that statement-level rules look at: new or changed ones, or all with --all or without history. */
function inScope(ctx) {
    const { history, options, migrations } = ctx;
    if (options.all || !history)
        return migrations;
    const entryOf = (0,build/* historyIndex */.Tt)(history);
    return migrations.filter((m) => {
        const entry = entryOf(m);
        return !entry || entry.state !== 'applied' || (entry.bytes !== undefined && !entry.bytes.equals(m.bytes));
    });
}
/**
 * What the file rules read of `migration`: its SQL with placeholders filled in, parsed, the way back to the file, and
 * the migrations applied before it (of `earlier`, the set in apply order; none by default).
 */
function fileContext(migration, options, regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns), earlier = new EarlierMigrations([], options)) {
    const template = (0,runner_placeholders/* templateOf */.kW)(migration, options, regex);
    const parsed = (0,parser/* parseSql */.eg)(template.sql);
    return { migration, template, parsed, options, position: (offset) => template.position(offset), earlier: earlier.before(migration.file) };
}
/** Runs the file rules (parse, syntax, statements) over each of `migrations` of the set `earlier` reads; call `loadParser()` first. */
function runFileRules(migrations, options, earlier = new EarlierMigrations(migrations, options)) {
    const regex = (0,placeholders/* placeholderRegex */.zH)(options.placeholderPatterns);
    return migrations.map((migration) => {
        const ctx = fileContext(migration, options, regex, earlier);
        const { template, parsed } = ctx;
        const directives = hasDirective(migration.sql) || hasDirective(template.sql) ? readDirectives(migration.sql, parsed.statements.map((s) => directed(s, ctx))) : null;
        // flatMap, not push(...): a pg_dump baseline's hundreds of thousands of findings overflow a call's argument list.
        const drafts = RULES.flatMap((rule) => (rule.scope === 'file' && enabled(rule.id, options) ? rule.check(ctx) : []));
        // Directives first: a statement one silences is neither counted in a folded run nor rewritten by its fix.
        const said = drafts.map((d) => asWritten(d, template)).filter((d) => !directives || !isSilenced(d, directives));
        const lint = { file: migration.file, drafts: foldAlikeRuns(said, migration.sql), directives };
        if (ctx.earlier.terms.size)
            lint.earlierTerms = [...ctx.earlier.terms].sort();
        return lint;
    });
}
/** A statement's leading comments and its lines in the file, which a value with a line break puts elsewhere in the filled text. */
function directed(s, ctx) {
    return { leading: s.leading, line: ctx.position(s.start).line, endLine: ctx.position(Math.max(s.start, s.end - 1)).line };
}
/** A draft in the file's own words: what a rule quotes of the filled text names placeholders, not their stand-ins. */
function asWritten(d, template) {
    return {
        ...d,
        message: template.restore(d.message),
        ...(d.suggestion !== undefined && { suggestion: template.restore(d.suggestion) }),
        ...(d.fix && { fix: { ...d.fix, replacement: template.restore(d.fix.replacement) } }),
    };
}
/** Runs all rules over the set; `earlier` are drafts found before (discovery), judged the same way. Parser loaded first. */
function runRules(ctx, earlier = []) {
    const set = runSetRules(ctx);
    return rules_judge(ctx, [...earlier, ...set], runFileRules(inScope(ctx), ctx.options, new EarlierMigrations(ctx.migrations, ctx.options)));
}
/**
 * runRules for the gate: loads the parser only when a file is in scope, and spreads a scope of
 * PARALLEL_MIN_FILES or more over worker threads (see pool.ts). Same findings either way.
 */
async function checkRules(ctx, earlier = []) {
    // Started first: the parser (and any workers) load while the set rules run.
    const files = fileRulesFor(inScope(ctx), ctx);
    const set = runSetRules(ctx);
    return rules_judge(ctx, [...earlier, ...set], await files);
}
/** Below this many files in scope, starting workers (~50–100 ms each) costs more than it saves. */
const PARALLEL_MIN_FILES = 200;
/** SQL in one thread's lint past which JS optimisation pays (src/v8-tiers.ts). */
const LONG_LINT_CHARS = 256 * 1024;
/** The file rules' findings for `scope`, in scope order: from the lint cache where it has them. */
async function fileRulesFor(scope, ctx) {
    const { options } = ctx;
    const earlier = new EarlierMigrations(ctx.migrations, options);
    const cache = options.cache === null ? null : LintCache.open(options.cache, options);
    const known = scope.map((m) => cache?.get(m, earlier) ?? null);
    const misses = scope.filter((_, i) => !known[i]);
    const fresh = await lintFiles(misses, options, ctx.migrations, earlier);
    if (!cache)
        return fresh;
    fresh.forEach((lint, i) => cache.put(misses[i], lint, earlier));
    cache.save(ctx.migrations);
    let next = 0;
    return known.map((k) => k ?? fresh[next++]);
}
/**
 * Starts the file rules' workers early when every file will be in scope and the folders hold
 * PARALLEL_MIN_FILES `entries` or more: they load while the files are read (~0.2 s sooner at work).
 * Not with the lint cache (its misses are not known yet) nor in deploy mode (nor is the scope).
 */
function warmFileRules(options, entries) {
    const everything = options.all || (!options.base && options.mode !== 'deploy');
    if (everything && options.cache === null && entries >= PARALLEL_MIN_FILES)
        (0,pool/* warmUp */.lM)((0,pool/* threadCount */.Cc)() - 1, options);
}
/** The file rules over `scope`, of the set `migrations` (in apply order) that `earlier` reads in this thread. */
async function lintFiles(scope, options, migrations, earlier) {
    const threads = scope.length >= PARALLEL_MIN_FILES ? (0,pool/* threadCount */.Cc)() : 1;
    if (threads > 1)
        return runFileRulesInThreads(scope, options, { workers: threads - 1, mainThread: true }, migrations, earlier);
    // One thread through hundreds of files or a very large one: TurboFan's code pays for itself there (1,600 files:
    // 2.8 → 2.0 s wall, same CPU; one 0.85 MB file: 4.8 → 4.4 s CPU), not below (an 80 kB file: 0.97 → 0.77 s).
    if (scope.length >= PARALLEL_MIN_FILES || scope.reduce((chars, m) => chars + m.sql.length, 0) >= LONG_LINT_CHARS)
        (0,v8_tiers/* optimiseJs */.A)();
    (0,pool/* coolDown */.OG)();
    if (scope.length === 0)
        return [];
    await (0,parser/* loadParser */.qd)();
    return runFileRules(scope, options, earlier);
}
/**
 * runFileRules over worker threads (and this one, as `plan` says), in batches; results in scope order. Each worker
 * gets the set's SQL once (a structured clone of its strings) and reads the earlier migrations itself.
 */
async function runFileRulesInThreads(scope, options, plan, migrations = scope, earlier = new EarlierMigrations(migrations, options)) {
    const threads = plan.workers + (plan.mainThread ? 1 : 0);
    // Small batches keep every thread busy to the end; 8 per thread is plenty for files of mixed size.
    const size = Math.max(10, Math.ceil(scope.length / (threads * 8)));
    const batches = [];
    for (let i = 0; i < scope.length; i += size)
        batches.push(scope.slice(i, i + size));
    const results = await (0,pool/* runBatches */.m1)(batches, options, { setup: parser/* loadParser */.qd, work: (batch) => runFileRules(batch, options, earlier) }, plan, (batch) => batch.map((m) => ({ ...m, bytes: new Uint8Array(m.bytes) })), migrations.map(({ file, sql, kind }) => ({ file, sql, kind })));
    return results.flat();
}
/** The worker side of runFileRulesInThreads (the CLI entry calls it in a worker thread). */
function serveFileRules(options) {
    let earlier;
    return (0,pool/* serveBatches */.kL)(parser/* loadParser */.qd, (batch, set) => runFileRules(batch.map((m) => ({ ...m, bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength) })), options, (earlier ??= new EarlierMigrations(set, options))));
}
function runSetRules(all) {
    // graphile-migrate's current.sql has no version: it takes no part in the set's versions, order or history.
    const ctx = { ...all, migrations: all.migrations.filter((m) => m.kind !== 'current') };
    const rules = RULES.filter((rule) => rule.scope === 'set' && enabled(rule.id, ctx.options));
    // One renumbering for all of them: two suggestions never give two files one version.
    const planned = { ...ctx, newVersions: (0,renumber/* newVersions */.wZ)(ctx, rules) };
    return rules.flatMap((rule) => rule.check(planned));
}
/** Findings from all drafts: severities applied, directives (of the files in scope, and ignore-file anywhere) obeyed. */
function rules_judge(ctx, drafts, files) {
    const directives = new Map(files.flatMap((f) => (f.directives ? [[f.file, f.directives]] : [])));
    for (const m of ctx.migrations) {
        if (!directives.has(m.file) && hasDirective(m.sql))
            directives.set(m.file, readDirectives(m.sql, []));
    }
    return resolve([...drafts, ...files.flatMap((f) => f.drafts)], ctx.options, directives);
}
/** Every directive spells this out: a file without it has none, and needs no scan. */
function hasDirective(text) {
    return text.includes(DIRECTIVE_MARK);
}
function enabled(rule, options) {
    return options.rules[rule] !== 'off';
}
/** Applies severities from the config (or each rule's default) and drops what directives silence. */
function resolve(drafts, options, directives = new Map()) {
    const out = [];
    for (const d of drafts) {
        const setting = options.rules[d.rule];
        if (setting === 'off')
            continue;
        const finding = { ...d, severity: setting ?? d.severity ?? defaultSeverity(d.rule) };
        const dir = directives.get(d.file);
        if (dir && isSilenced(finding, dir))
            continue;
        out.push(finding);
    }
    return out;
}


/***/ }),

/***/ 6806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O5: () => (/* binding */ appliedTest),
/* harmony export */   c1: () => (/* binding */ byFolder),
/* harmony export */   sr: () => (/* binding */ local)
/* harmony export */ });
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2907);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(934);
// Helpers for rules that look at the migration set: folders, names as people read them, and what
// the history already holds.


/** byFolder's answer per migration set: the set rules all ask about the same, unchanging set. */
const folders = new WeakMap();
/** The migrations of each folder, each folder in the preset's runner's apply order (callers must not change the lists). */
function byFolder(migrations, preset) {
    const known = folders.get(migrations);
    if (known && known.length === migrations.length && known.preset === preset)
        return known.folders;
    const out = [];
    for (const m of (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .sortMigrations */ .mu)(migrations, preset)) {
        const last = out[out.length - 1];
        if (last && last[0].folder === m.folder)
            last.push(m);
        else
            out.push([m]);
    }
    folders.set(migrations, { length: migrations.length, preset, folders: out });
    return out;
}
/** The file's path inside its migration folder, as a person names it. */
function local(m) {
    return (0,_migration_js__WEBPACK_IMPORTED_MODULE_0__/* .pathIn */ .lW)(m.folder, m.file) ?? m.file;
}
/** Whether a migration is already on the base or in the history table (by file, or by version and name). */
function appliedTest(history) {
    if (!history)
        return () => false;
    if (history.matchBy === 'file') {
        const files = new Set(history.entries.map((e) => e.file));
        return (m) => files.has(m.file);
    }
    // Indexed by version once: every set rule asks this of every migration, and a history table may hold thousands of rows.
    const byVersion = new Map();
    for (const e of history.entries) {
        const key = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalVersion */ .Bp)(e.version);
        const same = byVersion.get(key);
        if (same)
            same.push(e);
        else
            byVersion.set(key, [e]);
    }
    // A version shared by two files is ambiguous in a history table: only a recorded file or name tells which.
    return (m) => (byVersion.get((0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalVersion */ .Bp)(m.version)) ?? []).some((e) => e.file === m.file || (e.name !== undefined && e.name === m.name));
}


/***/ }),

/***/ 4544:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ outOfOrder)
/* harmony export */ });
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2907);
/* harmony import */ var _history_history_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3328);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(934);
/* harmony import */ var _migration_set_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6806);
/* harmony import */ var _renumber_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8075);
/* harmony import */ var _graphile_signatures_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3771);
/* harmony import */ var _discover_drizzle_journal_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2395);
// out-of-order: a migration that is new against the history but versioned before the newest one
// already applied. Most runners refuse it or never apply it, so it breaks the next deploy.
//
// Default severity error, because that is what it means for most runners: Flyway fails validation
// (outOfOrder=false by default), goose stops on "missing migrations", the Supabase CLI refuses to push
// without --include-all, node-pg-migrate stops on its order check, and golang-migrate records only the
// latest version, so it silently never applies the file. Under the dbmate, prisma, sqlx and diesel presets
// the runner applies it (after migrations written later), so there it is a warning. Versions sort as the
// runner sorts them: Prisma's folder names in its name order, diesel's versions as text, node-pg-migrate's file names
// by their number, then by name (so a new 003_a before 003_b, already run, stops it: the numbers tie).







/** What the preset's runner does with such a file (in its own words, given the file's name and the one already run that it names), and the runner's own way to accept it. */
const RUNNERS = {
    generic: { does: 'A runner that tracks only the latest version never applies it; one that applies every missing file runs it after migrations it was not written against.', severity: 'error' },
    flyway: { does: 'Flyway refuses to migrate: with outOfOrder=false (the default) validation fails on a resolved migration not applied to the database.', allow: 'set outOfOrder=true', severity: 'error' },
    'golang-migrate': { does: 'golang-migrate records only the latest version, so it will never apply this file, and says nothing.', severity: 'error' },
    goose: { does: 'goose stops with "found 1 missing migrations".', allow: 'run goose with -allow-missing', severity: 'error' },
    supabase: { does: '`supabase db push` refuses to insert a migration before the last one on the remote database.', allow: 'push with `supabase db push --include-all`', severity: 'error' },
    // runner.ts checkOrder compares the names already run, in the order they ran, with the files' names, in its order, position by position.
    'node-pg-migrate': {
        does: (name, ran) => `node-pg-migrate stops on its order check: "Not run migration ${name} is preceding already run migration ${ran}".`,
        allow: 'run it with --no-check-order',
        severity: 'error',
    },
    dbmate: { does: 'dbmate applies it, after migrations that were written later.', severity: 'warning' },
    // apply_migrations.rs runs every folder _prisma_migrations lacks, in name order, without a word; `migrate dev` too (DatabaseIsBehind).
    prisma: { does: '`prisma migrate deploy` applies it without a warning, after migrations that were written later.', severity: 'warning' },
    sqlx: { does: 'sqlx applies it, after migrations that were written later.', severity: 'warning' },
    diesel: { does: 'diesel applies it, after migrations that were written later.', severity: 'warning' },
    'graphile-migrate': { does: 'graphile-migrate runs only migrations numbered after the last one it ran, so it never applies this file.', severity: 'error' },
    // sql/migrate/migrate.go Pending: a file with no revision between the first and the last one applied is a HistoryNonLinearError
    // under the default --exec-order linear; linear-skip passes it over, non-linear runs it first.
    atlas: {
        does: '`atlas migrate apply` refuses to apply anything: "migration file … was added out of order" (its default --exec-order linear).',
        allow: 'run `atlas migrate apply --exec-order non-linear`',
        severity: 'error',
    },
    // dialect.ts migrate(): only a migration whose `when` is above the created_at of the last row runs, the rest are passed over.
    drizzle: {
        does: "drizzle's migrate() runs only migrations whose journal `when` is above the newest one it applied, so it never applies this file, and says nothing.",
        severity: 'error',
    },
    // Plan.pm chains each change's ID to the one before it; Engine.pm _sync_plan looks up the database's latest change ID in the plan.
    sqitch: {
        does: (name, ran) => `Each change's ID depends on the change planned before it, so every deployed change planned after ${name} gets a new ID: \`sqitch deploy\` fails on every database that deployed ${ran}, its latest change ("Cannot find change … (${ran}) in sqitch.plan"), and deploys nothing.`,
        severity: 'error',
    },
};
/** drizzle 1.0's folders (`<14 digits>_<name>/migration.sql`), which its migrator runs by name when the history lacks them (migrator.utils.ts). */
const DRIZZLE_FOLDERS = { does: 'drizzle 1.0 applies it, after migrations that were written later.', severity: 'warning' };
const outOfOrder = {
    id: 'out-of-order',
    scope: 'set',
    defaultSeverity: 'error',
    description: 'A migration new against the base sorts before the newest one already applied: most runners refuse it or silently never apply it.',
    // A drizzle journal's version is its entry's `when`, which no rename changes.
    renumbers: ({ migrations, history, options }) => history ? lateFolders(migrations, history, options.preset).flatMap((f) => (f.unnumbered ? [] : f.late.filter((m) => m.listed === undefined))) : [],
    check(ctx) {
        const { migrations, history, options } = ctx;
        const drafts = (0,_graphile_signatures_js__WEBPACK_IMPORTED_MODULE_4__/* .brokenChains */ .Gh)(migrations);
        if (!history)
            return drafts;
        const runner = RUNNERS[options.preset];
        const versions = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .versioning */ .F2)(options.preset);
        const renumbered = (0,_renumber_js__WEBPACK_IMPORTED_MODULE_3__/* .plannedVersions */ .KO)(ctx, outOfOrder);
        for (const { late, applied, newest, unnumbered, versionOf, compare } of lateFolders(migrations, history, options.preset)) {
            const last = versionOf(newest);
            const where = (e) => `${(0,_history_history_js__WEBPACK_IMPORTED_MODULE_6__/* .fromGit */ .X)(history) ? 'on the base' : 'applied'}${e.file ? ` (${e.file})` : ''}`;
            for (const m of late) {
                // A drizzle journal's migration has no rename to plan: its fix is in the journal.
                const listed = m.listed !== undefined;
                const renames = listed ? '' : unnumbered ? (0,_renumber_js__WEBPACK_IMPORTED_MODULE_3__/* .renameCommands */ .N_)(m, last).join(' && ') : (0,_renumber_js__WEBPACK_IMPORTED_MODULE_3__/* .planCommands */ .uk)(renumbered, m);
                // node-pg-migrate names the migration already run at this one's place in its order: the first that sorts after it.
                const ran = versions.noun === 'name' ? firstAfter(versionOf(m), applied, versionOf, compare) : newest;
                // drizzle 1.0 knows its folders by name, and runs a late one.
                const { does: said, severity } = options.preset === 'drizzle' && !listed ? DRIZZLE_FOLDERS : runner;
                const sqitch = m.sqitch !== undefined;
                const does = typeof said === 'string' ? said : sqitch ? said(m.name, ran.name ?? versionOf(ran)) : said(versionOf(m), versionOf(ran));
                drafts.push({
                    rule: 'out-of-order',
                    severity,
                    file: m.file,
                    line: 0,
                    column: 0,
                    message: (sqitch
                        ? `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_2__/* .local */ .sr)(m)} is new, but sqitch.plan puts ${m.name} before ${newest.name}, already ${where(newest)}. `
                        : versions.noun === 'folder name'
                            ? `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_2__/* .local */ .sr)(m)} is new but its folder name sorts before ${last}, the last migration already ${where(newest)}. `
                            : versions.noun === 'name'
                                ? `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_2__/* .local */ .sr)(m)} is new but its name ${versionOf(m)} sorts before ${versionOf(ran)}, already ${where(ran)}. `
                                : `${(0,_migration_set_js__WEBPACK_IMPORTED_MODULE_2__/* .local */ .sr)(m)} is new but its version ${m.version} sorts before ${last}, the newest version already ${where(newest)}. `) + does,
                    suggestion: sqitch
                        ? `Move the ${m.name} line of sqitch.plan below ${newest.name}'s, the last change ${where(newest)}, before any database deploys it: the plan's order is the deploy order.`
                        : listed
                            ? `${(0,_discover_drizzle_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .whenFix */ .mK)((0,_discover_drizzle_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .journalPath */ .HY)(m.folder), m.name, Number(last))}, so that drizzle applies it where the base ran.`
                            : versions.noun === 'folder name'
                                ? unnumbered
                                    ? `No numbered folder name sorts after ${last}. If it does not depend on the order, leave it: on a database that has the others ` +
                                        `it runs last. Otherwise rename its folder to sort after ${last} before any database applies it (Prisma would run it again ` +
                                        `under the new name): ${renames}.`
                                    : `Rename its folder to sort after ${last} before any database applies it (Prisma would run it again under the new name): ${renames}.`
                                : `Give it a version ${versions.noun === 'name' ? 'that sorts ' : ''}after ${last}: ${renames}` +
                                    (runner.allow ? `; or, if it does not depend on the order, ${runner.allow}.` : '.'),
                    // Past a folder named without a number the plan has no version: that rename is not the plan's.
                    ...(!unnumbered && !listed && { renumbers: (0,_renumber_js__WEBPACK_IMPORTED_MODULE_3__/* .planVersions */ .j6)(renumbered, m) }),
                });
            }
        }
        return drafts;
    },
};
/** The folders holding a new migration versioned before the newest one already applied, in the runner's order. */
function lateFolders(migrations, history, preset) {
    const versions = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_1__/* .versioning */ .F2)(preset);
    const onBase = (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_2__/* .appliedTest */ .O5)(history);
    return (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_2__/* .byFolder */ .c1)(migrations, preset).flatMap((folder) => {
        const path = folder[0].folder;
        const versionOf = (m) => versions.of(m, path);
        const applied = appliedEntries(history, path);
        const taken = new Set(applied.map((e) => versions.key(versionOf(e))));
        const isNew = (m) => (history.matchBy === 'file' ? !onBase(m) : !taken.has(versions.key(versionOf(m))));
        const compare = versions.comparator([...folder.map(versionOf), ...applied.map(versionOf)]);
        // Sqitch's version is a place in its plan, which a change planned before a deployed one shifts: the deployed change planned last is the mark.
        const lastPlanned = preset === 'sqitch' ? folder.findLast(onBase) : undefined;
        const newest = lastPlanned
            ? applied.find((e) => e.file === lastPlanned.file) ?? null
            : applied.reduce((a, e) => (a && compare(versionOf(a), versionOf(e)) >= 0 ? a : e), null);
        if (!newest)
            return [];
        const last = versionOf(newest);
        // A new file that reuses an applied version is a duplicate-version finding, not this one; one that drizzle's journal lists
        // after a migration with a later `when` has the journal's own finding.
        const before = (m) => lastPlanned ? m.listed < lastPlanned.listed : !taken.has(versions.key(versionOf(m))) && compare(versionOf(m), last) < 0;
        const late = folder.filter((m) => m.kind === 'versioned' &&
            isNew(m) &&
            before(m) &&
            !(m.listed !== undefined && !lastPlanned && folder.some((e) => e.listed < m.listed && compare(versionOf(e), versionOf(m)) >= 0)));
        const unnumbered = versions.noun === 'folder name' && !/^\d/.test(last);
        return late.length > 0 ? [{ late, applied, newest, unnumbered, versionOf, compare }] : [];
    });
}
/** The first of the entries, in the runner's order, that sorts after `version` (there is one: the newest does). */
function firstAfter(version, entries, versionOf, compare) {
    const after = entries.filter((e) => compare(versionOf(e), version) > 0);
    return after.reduce((a, e) => (compare(versionOf(e), versionOf(a)) < 0 ? e : a));
}
/** The history entries that belong to a folder: by path for a git base, all of them for a history table. */
function appliedEntries(history, folder) {
    return history.entries.filter((e) => e.version !== '' && (!(0,_history_history_js__WEBPACK_IMPORTED_MODULE_6__/* .fromGit */ .X)(history) || (e.file !== undefined && (0,_migration_js__WEBPACK_IMPORTED_MODULE_0__/* .pathIn */ .lW)(folder, e.file) !== null)));
}


/***/ }),

/***/ 8075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KO: () => (/* binding */ plannedVersions),
/* harmony export */   N_: () => (/* binding */ renameCommands),
/* harmony export */   j6: () => (/* binding */ planVersions),
/* harmony export */   nH: () => (/* binding */ nextInstant),
/* harmony export */   uk: () => (/* binding */ planCommands),
/* harmony export */   wZ: () => (/* binding */ newVersions)
/* harmony export */ });
/* unused harmony export versionAllocator */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _discover_naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6591);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(934);
/* harmony import */ var _shell_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(997);
/* harmony import */ var _migration_set_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6806);
// Renumbering: the next free versions of a folder in the folder's own format, and the `git mv`
// commands that give a migration one of them. Shared by the rules that suggest a new version: one plan
// for all of them, so that two suggestions in one report never hand out one version.





/**
 * The new version of each migration that `rules` renumber (see SetRule.renumbers), and of each new migration written to
 * run after one of them: one allocator per folder hands them out in the folder's apply order, so they are distinct and
 * sort after everything in it, in the order the files were written to run. Migrations already applied never move.
 */
function newVersions(ctx, rules) {
    const moving = new Set(rules.flatMap((rule) => rule.renumbers?.(ctx) ?? []));
    const plan = new Map();
    if (moving.size === 0)
        return plan;
    const isNew = newTest(ctx.history, ctx.options.preset);
    for (const folder of (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_3__/* .byFolder */ .c1)(ctx.migrations, ctx.options.preset)) {
        // Made on the folder's first such file only: finding the newest version reads every one of them.
        let allocate;
        // The last migration moved so far: a new one after it moves along with it.
        let carrier;
        for (const m of folder) {
            if (moving.has(m))
                plan.set(m, (carrier = { version: (allocate ??= versionAllocator(folder, ctx.options.preset))(), along: [] }));
            else if (carrier && m.kind === 'versioned' && isNew(m)) {
                carrier.along.push(m);
                plan.set(m, { version: allocate(), along: [] });
            }
        }
    }
    return plan;
}
/** The new versions the rule engine planned for every set rule; a rule run on its own plans only its own. */
function plannedVersions(ctx, rule) {
    return ctx.newVersions ?? newVersions(ctx, [rule]);
}
/**
 * The `git mv` commands that give `m` its planned version and then move the migrations along with it, as one line to
 * paste (every target is a version no file has), and why those others move.
 */
function planCommands(plan, m) {
    const { along } = plan.get(m);
    const commands = [m, ...along].flatMap((o) => renameCommands(o, plan.get(o).version)).join(' && ');
    if (along.length === 0)
        return commands;
    const [are, them] = along.length === 1 ? ['is', 'it'] : ['are', 'them'];
    return `${commands} (${along.map(_migration_set_js__WEBPACK_IMPORTED_MODULE_3__/* .local */ .sr).join(', ')} ${are} new too and written to run after it: moving ${them} along keeps that order)`;
}
/** The versions planCommands(plan, m) gives `m` and the migrations moving along with it, by path. */
function planVersions(plan, m) {
    const { along } = plan.get(m);
    return Object.fromEntries([m, ...along].map((o) => [o.file, plan.get(o).version]));
}
/**
 * Whether the history does not know `m`: by its path on a git base, by its version in a history table (which may record
 * no file name). Without a history nothing is known to be new, so nothing moves along.
 */
function newTest(history, preset) {
    if (!history)
        return () => false;
    if (history.matchBy === 'file') {
        const applied = (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_3__/* .appliedTest */ .O5)(history);
        return (m) => !applied(m);
    }
    const versions = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .versioning */ .F2)(preset);
    // Versions are read in the migration's folder (Prisma's are folder names), once per folder.
    const taken = new Map();
    return (m) => {
        let keys = taken.get(m.folder);
        if (!keys)
            taken.set(m.folder, (keys = new Set(history.entries.map((e) => versions.key(versions.of(e, m.folder))))));
        return !keys.has(versions.key(versions.of(m, m.folder)));
    };
}
/**
 * Hands out versions after the newest one in `folder` (the migrations of one folder), one per call,
 * in the format of that newest migration: the same digit width for sequential versions, the next
 * day / hour / minute / second for date and timestamp versions, the last part bumped for Flyway
 * dotted versions. A renumbered file therefore sorts after everything already there, in the order of
 * the preset's runner (as text for Prisma and diesel).
 */
function versionAllocator(folder, preset) {
    const versions = folder.filter((m) => m.kind !== 'repeatable').map((m) => m.version);
    const compare = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .versioning */ .F2)(preset).comparator(versions);
    let newest = versions.reduce((a, b) => (compare(a, b) >= 0 ? a : b), '0');
    const template = newest;
    // Dates compare with timestamps on one time line, so the clock starts at the latest of either.
    let clock = versions.filter(_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .isDateShaped */ .Sl).reduce((a, b) => ((0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .compareVersions */ .Zy)(a.padEnd(14, '0'), b.padEnd(14, '0')) >= 0 ? a : b), '');
    return () => {
        if ((0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .isDateShaped */ .Sl)(template)) {
            clock = nextInstant(clock || template, template.length);
            return clock;
        }
        const next = bumpLastPart(newest);
        // As text, a wider number can sort first (10 before 9): a digit more on the newest sorts after it.
        newest = compare(next, newest) > 0 ? next : `${newest}1`;
        return newest;
    };
}
/** The `git mv` commands that move migration `m` to `version` (its down file and its folder too, when it has them). */
function renameCommands(m, version) {
    const inner = (0,_migration_set_js__WEBPACK_IMPORTED_MODULE_3__/* .local */ .sr)(m).split('/')[1];
    // A folder-per-migration moves with its folder; a file in a subfolder (Flyway) moves alone.
    const inOwnFolder = inner !== undefined && _discover_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .FOLDER_SQL_FILES */ .mD.includes(inner);
    const moves = [inOwnFolder ? node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(m.file) : m.file];
    if (!inOwnFolder && m.downFile)
        moves.push(m.downFile);
    return moves.map((from) => {
        const dir = from.slice(0, from.lastIndexOf('/') + 1);
        const base = from.slice(dir.length);
        return `git mv ${(0,_shell_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(from)} ${(0,_shell_js__WEBPACK_IMPORTED_MODULE_4__/* .shellQuote */ .Z)(dir + withVersion(base, m.version, version))}`;
    });
}
/** Replaces the version as written in a name (digits, possibly with diesel's dashes) by `next`, written alike. */
function withVersion(name, version, next) {
    const written = new RegExp(version.split('').map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('-?'));
    return name.replace(written, (found) => {
        if (found.length === version.length || next.length !== version.length)
            return next;
        // Keep the dashes where they were: 2024-01-01-120000 stays 2024-01-01-120001.
        let i = 0;
        return found.replace(/[^-]/g, () => next[i++]);
    });
}
/** One unit (day for YYYYMMDD, hour, minute or second) after `latest`, written with `length` digits. */
function nextInstant(latest, length) {
    const t = latest.padEnd(14, '0');
    const at = Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14));
    const unit = { 8: 86_400_000, 10: 3_600_000, 12: 60_000, 14: 1_000 }[length] ?? 1_000;
    const d = new Date(Math.floor(at / unit) * unit + unit);
    const two = (n) => String(n).padStart(2, '0');
    const full = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
    return full.slice(0, length);
}
/** 010 → 011, 1.2.10 → 1.2.11, 1_9 → 1_10: the last numeric part plus one, at least as wide as before. */
function bumpLastPart(version) {
    const m = version.match(/^(.*?)(\d+)$/);
    if (!m)
        return `${version}.1`;
    const next = (BigInt(m[2]) + 1n).toString().padStart(m[2].length, '0');
    return m[1] + next;
}


/***/ }),

/***/ 6832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  nT: () => (/* binding */ flywayMixedAt),
  u$: () => (/* binding */ flywayRunsOutside),
  z1: () => (/* binding */ isRollback),
  Zp: () => (/* binding */ needsBlock),
  i7: () => (/* binding */ needsOwnTransaction),
  cU: () => (/* binding */ runsAsWritten),
  j$: () => (/* binding */ transactionUnsafe)
});

// EXTERNAL MODULE: ./src/sql/ast.ts + 1 modules
var ast = __webpack_require__(5811);
// EXTERNAL MODULE: ./src/sql/parser.ts
var parser = __webpack_require__(7117);
;// CONCATENATED MODULE: ./src/sql/function-body.ts
// The SQL statements a CREATE FUNCTION or CREATE PROCEDURE body runs: a PL/pgSQL body read as a DO block's is
// (doBodyStatements, on the same PL/pgSQL parse of the statement), an SQL body's statements as the parser reads them.


const read = new WeakMap();
/** The statements of a function's body (its text as written, `node` its CreateFunctionStmt); empty for another language, BEGIN ATOMIC, or a body that does not parse. */
function functionBodyStatements(text, node) {
    let out = read.get(node);
    if (!out)
        read.set(node, (out = readBody(text, node)));
    return out;
}
function readBody(text, node) {
    const options = (0,ast/* asArray */._j)(node.options).map((o) => (0,ast/* nodeOf */.E7)(o, 'DefElem'));
    const body = (0,ast/* stringsOf */.iw)((0,ast/* nodeOf */.E7)(options.find((o) => o?.defname === 'as')?.arg, 'List')?.items)[0];
    // A function without LANGUAGE is an SQL function.
    const language = ((0,ast/* stringOf */.Je)(options.find((o) => o?.defname === 'language')?.arg) ?? 'sql').toLowerCase();
    if (body === undefined)
        return [];
    if (language === 'plpgsql') {
        // The DO block's reader takes its body and language from `args`, and parses the statement's whole text as PL/pgSQL.
        const args = [{ DefElem: { defname: 'language', arg: { String: { sval: language } } } }, { DefElem: { defname: 'as', arg: { String: { sval: body } } } }];
        return (0,ast/* doBodyStatements */.eN)(text, { args });
    }
    if (language !== 'sql')
        return [];
    try {
        const stmts = (0,parser.pg)().parseSync(body).stmts ?? [];
        return stmts.map((s) => ({ text: body, offset: -1, handlers: [], conditional: false, never: false, parsed: (0,ast/* unwrap */.oA)(s.stmt) }));
    }
    catch {
        return [];
    }
}

// EXTERNAL MODULE: ./src/rules/file-lines.ts
var file_lines = __webpack_require__(3059);
// EXTERNAL MODULE: ./src/config/presets.ts
var presets = __webpack_require__(914);
// EXTERNAL MODULE: ./src/rules/enum-literals.ts
var enum_literals = __webpack_require__(7827);
// EXTERNAL MODULE: ./src/discover/goose-split.ts
var goose_split = __webpack_require__(2701);
// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
;// CONCATENATED MODULE: ./src/rules/transaction-unsafe.ts
// transaction-unsafe: statements PostgreSQL refuses inside a transaction block (CREATE INDEX
// CONCURRENTLY, VACUUM, ALTER SYSTEM, ...) where the file puts them in one, and BEGIN/COMMIT that
// do not pair up or that fight the runner's own transaction, a ROLLBACK that discards what the runner records as
// applied, statements that need a transaction block (LOCK, SAVEPOINT) where they run outside one, and SET TRANSACTION
// after a query of its transaction, said the way the preset's runner sends a file
// (PRESET_TABLE.runner in config/presets.ts). Each claim about the server was checked on PostgreSQL 15:
// REFRESH MATERIALIZED VIEW CONCURRENTLY and (since 12) ALTER TYPE ... ADD VALUE do run in a transaction,
// but the value ADD VALUE adds cannot be used before that transaction commits; COMMIT and ROLLBACK AND CHAIN open the next
// transaction at once, and outside a transaction block (an implicit transaction too) PostgreSQL refuses them (25P01).
// REINDEX and CLUSTER ... USING of a partitioned table, and DROP SUBSCRIPTION of one with a replication slot, are refused in a
// block too, and every statement refused there is refused in any function, DO block or procedure, whatever the runner does.







const REINDEX_WHOLE = {
    REINDEX_OBJECT_SCHEMA: 'REINDEX SCHEMA',
    REINDEX_OBJECT_DATABASE: 'REINDEX DATABASE',
    REINDEX_OBJECT_SYSTEM: 'REINDEX SYSTEM',
};
function transaction_unsafe_option(node, key, name) {
    return (0,ast/* asArray */._j)(node[key])
        .map((d) => (0,ast/* nodeOf */.E7)(d, 'DefElem'))
        .find((d) => d?.defname === name) ?? undefined;
}
/** Whether the statement's WITH option `name` is set to false. */
function turnedOff(node, name) {
    const arg = transaction_unsafe_option(node, 'options', name)?.arg;
    return arg !== undefined && /^(false|off|0)$/i.test((0,ast/* stringOf */.Je)(arg) ?? String((0,ast/* nodeOf */.E7)(arg, 'Boolean')?.boolval ?? ''));
}
/** The statement's name when PostgreSQL refuses to run it inside a transaction block, else null. */
function needsOwnTransaction(kind, node) {
    switch (kind) {
        case 'IndexStmt':
            return node.concurrent ? 'CREATE INDEX CONCURRENTLY' : null;
        case 'DropStmt':
            return node.concurrent ? 'DROP INDEX CONCURRENTLY' : null;
        case 'ReindexStmt':
            if (transaction_unsafe_option(node, 'params', 'concurrently'))
                return 'REINDEX CONCURRENTLY';
            return REINDEX_WHOLE[String(node.kind)] ?? null;
        case 'VacuumStmt':
            return node.is_vacuumcmd ? 'VACUUM' : null;
        case 'AlterSystemStmt':
            return 'ALTER SYSTEM';
        case 'CreatedbStmt':
            return 'CREATE DATABASE';
        case 'DropdbStmt':
            return 'DROP DATABASE';
        case 'CreateTableSpaceStmt':
            return 'CREATE TABLESPACE';
        case 'DropTableSpaceStmt':
            return 'DROP TABLESPACE';
        case 'DiscardStmt':
            return node.target === 'DISCARD_ALL' ? 'DISCARD ALL' : null;
        case 'ClusterStmt':
            // Only the form that re-clusters every table; CLUSTER <table> runs in a transaction.
            return node.relation ? null : 'CLUSTER';
        case 'AlterDatabaseStmt':
            return transaction_unsafe_option(node, 'options', 'tablespace') ? 'ALTER DATABASE ... SET TABLESPACE' : null;
        case 'AlterTableStmt':
            return (0,ast/* asArray */._j)(node.cmds).some((c) => {
                const cmd = (0,ast/* nodeOf */.E7)(c, 'AlterTableCmd');
                return cmd?.subtype === 'AT_DetachPartition' && (0,ast/* nodeOf */.E7)(cmd.def, 'PartitionCmd')?.concurrent === true;
            })
                ? 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY'
                : null;
        case 'CreateSubscriptionStmt':
            // create_slot (default true) is what needs its own transaction; connect = false implies no slot.
            return turnedOff(node, 'create_slot') || turnedOff(node, 'connect') ? null : 'CREATE SUBSCRIPTION';
        case 'AlterSubscriptionStmt':
            if (node.kind === 'ALTER_SUBSCRIPTION_REFRESH')
                return 'ALTER SUBSCRIPTION ... REFRESH';
            // SET, ADD and DROP PUBLICATION refresh the subscription unless told refresh = false.
            return /PUBLICATION$/.test(String(node.kind)) && !turnedOff(node, 'refresh') ? 'ALTER SUBSCRIPTION with refresh' : null;
        default:
            return null;
    }
}
const WITH_SLOT = 'DROP SUBSCRIPTION of a subscription with a replication slot';
/** The value a subscription's WITH or SET option `slot_name` gives (NONE reads as 'none'), undefined where it sets none. */
const slotName = (node) => {
    const arg = transaction_unsafe_option(node, 'options', 'slot_name')?.arg;
    return arg === undefined ? undefined : (0,ast/* stringOf */.Je)(arg);
};
/**
 * What the file has made so far that decides whether PostgreSQL refuses a statement in a transaction block (checked on
 * PostgreSQL 15): REINDEX of a partitioned table or index and CLUSTER of a partitioned table, which it runs a transaction
 * per partition for, and DROP SUBSCRIPTION of one with a replication slot (every subscription, even one made with
 * connect = false, until slot_name = NONE takes it away). A table the earlier migrations leave partitioned counts too; an
 * index of one, or a subscription, made there is not known.
 */
class FileObjects {
    earlier;
    parted = [];
    /** The named indexes the file makes, each with its table's RangeVar: whether that table is partitioned is asked only at a REINDEX INDEX. */
    indexes = [];
    /** Each subscription the file makes, by name, and whether it has a replication slot. */
    slots = new Map();
    constructor(earlier) {
        this.earlier = earlier;
    }
    /** Made PARTITION BY in the file, or left so by the migrations before it: asked of REINDEX and CLUSTER only, which are rare. */
    isParted = (rel) => {
        const name = (0,ast/* rangeVarName */.KW)(rel);
        return this.parted.some((t) => (0,ast/* sameName */.q)(t, name)) || this.earlier.partitioned(name);
    };
    /** Why PostgreSQL refuses the statement in a transaction block, null where it does not. */
    refusal(kind, node) {
        const name = needsOwnTransaction(kind, node);
        if (name)
            return { name };
        if (kind === 'ReindexStmt' && node.kind === 'REINDEX_OBJECT_TABLE' && this.isParted(node.relation))
            return { name: 'REINDEX TABLE of a partitioned table' };
        if (kind === 'ReindexStmt' && node.kind === 'REINDEX_OBJECT_INDEX' && this.indexes.some((i) => (0,ast/* sameName */.q)(i.name, (0,ast/* rangeVarName */.KW)(node.relation)) && this.isParted(i.table))) {
            return { name: 'REINDEX INDEX of a partitioned index' };
        }
        if (kind === 'ClusterStmt' && typeof node.indexname === 'string' && this.isParted(node.relation))
            return { name: 'CLUSTER of a partitioned table' };
        if (kind !== 'DropSubscriptionStmt')
            return null;
        const slot = this.slots.get(String(node.subname));
        if (slot === false)
            return null;
        return slot ? { name: WITH_SLOT } : { name: WITH_SLOT, unsure: 'No statement before it in the file tells whether this subscription has one: only one made or altered with slot_name = NONE has none.' };
    }
    /** Whether the statement is CLUSTER of a partitioned table without USING, which PostgreSQL refuses always: it cannot mark an index of one clustered. */
    clusterWithoutIndex(kind, node) {
        return kind === 'ClusterStmt' && node.relation !== undefined && node.indexname === undefined && this.isParted(node.relation);
    }
    learn(kind, node) {
        if (kind === 'CreateStmt' && node.partspec)
            this.parted.push((0,ast/* rangeVarName */.KW)(node.relation));
        // An index lives in its table's schema.
        else if (kind === 'IndexStmt' && typeof node.idxname === 'string')
            this.indexes.push({ name: { ...(0,ast/* rangeVarName */.KW)(node.relation), name: node.idxname }, table: node.relation });
        else if (kind === 'CreateSubscriptionStmt')
            this.slots.set(String(node.subname), slotName(node) !== 'none');
        // SET (slot_name = ...) tells of a subscription made anywhere: the usual way to drop one in a transaction is to set it to NONE first.
        else if (kind === 'AlterSubscriptionStmt' && slotName(node) !== undefined)
            this.slots.set(String(node.subname), slotName(node) !== 'none');
        else if (kind === 'DropSubscriptionStmt')
            this.slots.delete(String(node.subname));
    }
}
/** Words without which a function body holds no statement PostgreSQL refuses in a transaction block: only such a body is read. */
const REFUSED_WORDS = /\b(?:concurrently|vacuum|reindex|cluster|system|database|tablespace|subscription|discard|detach)\b/i;
/** Exception conditions that catch PostgreSQL's refusal of a statement in a function (active_sql_transaction, 25001): it, its class, OTHERS. */
const CATCHES_25001 = new Set(['others', 'active_sql_transaction', '25001', 'invalid_transaction_state', '25000']);
/** Where the statements after a COMMIT in the middle of a wrapped file run, by how the runner sends the file ('batch' holds for any). */
const AFTER_COMMIT = {
    query: 'run as a second transaction',
    batch: 'no longer run in one transaction with those before it',
};
/**
 * Why a runner's own COMMIT fails where a COMMIT in the file has ended its transaction, where it does not merely warn:
 * dbmate commits through lib/pq, whose Commit checks the session's transaction status before it sends anything (conn.go).
 */
const COMMIT_FAILS = {
    dbmate: 'its driver, lib/pq, finds no transaction to commit ("pq: unexpected transaction status idle")',
};
/** What the Supabase CLI has taken out of a file's transaction since 2.109 (supabase/cli#5156); the rest of PRESET_TABLE.supabase.runsAlone since #6347's fix. */
const SUPABASE_2_109 = new Set(['CREATE INDEX CONCURRENTLY', 'DROP INDEX CONCURRENTLY', 'REINDEX CONCURRENTLY', 'VACUUM', 'ALTER SYSTEM', 'CLUSTER']);
/** Which runner versions take statement `unsafe`, which cannot run in a transaction, out of the file's (PRESET_TABLE.runsAlone), where older ones fail. */
function runsAloneSince(preset, unsafe) {
    if (preset !== 'supabase')
        return '';
    return ` Supabase CLIs before ${SUPABASE_2_109.has(unsafe) ? '2.109' : 'the fix of supabase/cli#6347'} refuse it in a migration (SQLSTATE 25001).`;
}
/** Presets whose runner runs a file holding its own transaction control as written, one statement at a time, with no transaction of its own. */
const AS_WRITTEN = new Set(['supabase']);
/**
 * Whether the preset's runner runs this file as written: it holds BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT or
 * PREPARE TRANSACTION, savepoints aside (the Supabase CLI's legacyHasTransactionControl, by the statements' first words).
 */
function runsAsWritten(preset, stmts) {
    return AS_WRITTEN.has(preset) && stmts.some(controlsTransaction);
}
const controlsTransaction = (s) => s.kind === 'TransactionStmt' && !SAVEPOINTS[String(s.node.kind)];
/**
 * The statements whose first words Flyway's patterns can name (PRESET_TABLE.flyway.runsOutside: CREATE/DROP DATABASE,
 * TABLESPACE or SUBSCRIPTION, ALTER SYSTEM, [UNIQUE] INDEX CONCURRENTLY, REINDEX, VACUUM, DISCARD): only these are scanned.
 */
const FLYWAY_KINDS = new Set([
    'CreatedbStmt', 'DropdbStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'CreateSubscriptionStmt', 'DropSubscriptionStmt',
    'AlterSystemStmt', 'IndexStmt', 'DropStmt', 'ReindexStmt', 'VacuumStmt', 'DiscardStmt',
]);
/** Whether Flyway runs the statement's migration outside a transaction by itself: its parser recognises the statement. */
function flywayRunsOutside(s) {
    return flywayWords(s) !== null;
}
/** The words Flyway's parser recognises the statement by (`CREATE SUBSCRIPTION`, `REINDEX SCHEMA`), or null. */
function flywayWords(s) {
    let out = flywayOutside.get(s);
    if (out === undefined) {
        // An index (or DROP) is one of Flyway's only when written CONCURRENTLY: the rest need no scan.
        const plain = (s.kind === 'IndexStmt' || s.kind === 'DropStmt') && s.node.concurrent !== true;
        flywayOutside.set(s, (out = FLYWAY_KINDS.has(s.kind) && !plain ? (0,presets/* runsOutsideOf */.b_)('flyway', s.text) : null));
    }
    return out;
}
/** Each statement's answer, asked by the rule and the dry-run's plan several times over. */
const flywayOutside = new WeakMap();
/**
 * The statement at which Flyway refuses a migration that holds both what it runs outside a transaction and what it runs
 * in one (ParserSqlScript.parse, with mixed false and no executeInTransaction in a script config file); null if none.
 */
function flywayMixedAt(stmts) {
    const seen = new Set();
    return stmts.find((s) => seen.add(flywayRunsOutside(s)).size === 2) ?? null;
}
const BEGINS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const ENDS = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE']);
/** Whether the statement is ROLLBACK or ABORT (AND CHAIN too): it discards its transaction, where ROLLBACK TO SAVEPOINT keeps it. */
const isRollback = (s) => s.kind === 'TransactionStmt' && s.node.kind === 'TRANS_STMT_ROLLBACK';
/** Statements PostgreSQL refuses outside a transaction block (25P01), by the name its error gives them; the transaction ones also in an implicit transaction. */
function needsBlock(s) {
    if (s.kind === 'LockStmt')
        return 'LOCK TABLE';
    if (s.kind === 'TransactionStmt' && s.node.chain)
        return `${s.node.kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK'} AND CHAIN`;
    // A cursor WITH HOLD (CURSOR_OPT_HOLD, 0x20) outlives its transaction, so it needs none.
    if (s.kind === 'DeclareCursorStmt')
        return Number(s.node.options) & 0x20 ? null : 'DECLARE CURSOR';
    return SAVEPOINTS[String(s.kind === 'TransactionStmt' ? s.node.kind : '')] ?? null;
}
const SAVEPOINTS = {
    TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
    TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
    TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
};
/** Statements that take no snapshot (PortalRunUtility): SET TRANSACTION may still follow them. */
const NO_SNAPSHOT = new Set(['TransactionStmt', 'LockStmt', 'VariableSetStmt', 'VariableShowStmt', 'ConstraintsSetStmt', 'ListenStmt', 'NotifyStmt', 'UnlistenStmt', 'CheckPointStmt']);
/** What a SET TRANSACTION sets that PostgreSQL refuses after the transaction's first query (25001), else null. */
function lateSetting(s) {
    if (s.kind !== 'VariableSetStmt' || s.node.kind !== 'VAR_SET_MULTI')
        return null;
    if (s.node.name === 'TRANSACTION SNAPSHOT')
        return 'SET TRANSACTION SNAPSHOT';
    if (s.node.name !== 'TRANSACTION')
        return null;
    for (const d of (0,ast/* asArray */._j)(s.node.args).map((a) => (0,ast/* nodeOf */.E7)(a, 'DefElem'))) {
        // The default level, READ COMMITTED, may be set again at any time; READ ONLY too (checked on PostgreSQL 15).
        if (d?.defname === 'transaction_isolation' && (0,ast/* nodeOf */.E7)(d.arg, 'A_Const')?.sval?.sval !== 'read committed')
            return 'SET TRANSACTION ISOLATION LEVEL';
        if (d?.defname === 'transaction_deferrable')
            return 'SET TRANSACTION [NOT] DEFERRABLE';
    }
    return null;
}
function txKind(s) {
    if (s.kind !== 'TransactionStmt')
        return null;
    const kind = String(s.node.kind);
    if (BEGINS.has(kind))
        return 'begin';
    return ENDS.has(kind) ? 'end' : null;
}
/** The first word(s) of a transaction statement as written: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, COMMIT AND CHAIN. */
function label(s) {
    const words = s.text.replace(/\s+/g, ' ').split(' ').slice(0, /^start/i.test(s.text) ? 2 : 1).join(' ').toUpperCase();
    return s.kind === 'TransactionStmt' && s.node.chain ? `${words} AND CHAIN` : words;
}
/** How a transaction still open at the end of the file began: a BEGIN without COMMIT, or an AND CHAIN that opened it. */
function unclosed(s, line) {
    return s.node.chain ? `${label(s)} at line ${line} opens a new transaction at once, and nothing commits it` : `${label(s)} at line ${line} has no COMMIT`;
}
const transactionUnsafe = {
    id: 'transaction-unsafe',
    scope: 'file',
    defaultSeverity: 'error',
    description: 'A statement that cannot run in a transaction block where the file puts it in one, a new enum value used in the transaction that adds it, or BEGIN/COMMIT that do not pair up.',
    check(ctx) {
        const out = [];
        const stmts = ctx.parsed.statements;
        const draft = (s, message, suggestion, severity, fix) => {
            const pos = ctx.position(s.start);
            const d = { rule: 'transaction-unsafe', file: ctx.migration.file, line: pos.line, column: pos.column, message, suggestion };
            if (severity)
                d.severity = severity;
            if (fix)
                d.fix = fix;
            out.push(d);
        };
        const line = (s) => ctx.position(s.start).line;
        const preset = ctx.options.preset;
        const runner = (0,presets/* runnerOf */.mv)(ctx.options, ctx.migration);
        const { name } = runner;
        const { runsAlone } = presets/* PRESET_TABLE */.rv[preset];
        // The Supabase CLI runs a file holding its own BEGIN or COMMIT as written, one statement at a time, with no transaction of its own.
        const asWritten = ctx.migration.runnerWraps && runsAsWritten(preset, stmts);
        const wraps = ctx.migration.runnerWraps;
        const wrapped = wraps && !asWritten;
        // Under x-multi-statement golang-migrate sends each statement as a query of its own: no file runs as one unit. With
        // mixed, Flyway runs a migration holding a statement it runs outside a transaction all outside one, statement by statement.
        // Whether the file holds a statement Flyway takes out of a transaction: it decides how Flyway runs the whole file.
        const flywayOutside = preset === 'flyway' && stmts.some(flywayRunsOutside);
        const flywayMixed = flywayOutside && ctx.options.mixed === true && !wrapped;
        const transactional = ctx.migration.transactional && !ctx.options.multiStatement && !flywayMixed && !asWritten;
        // Unless a script config file sets executeInTransaction, Flyway picks the transaction from the statements it recognises.
        const flywayDecides = preset === 'flyway' && transactional && !wrapped;
        const others = stmts.length - 1;
        // Several statements sent as one query run as one implicit transaction; generic: a runner that may send it so.
        const oneQuery = runner.sends === 'query' || (runner.sends === null && transactional);
        const part = runner.part ?? 'file';
        const sendsOneQuery = `${name} sends the ${part} as one query${runner.unless ? ` (unless ${runner.unless} is on)` : ''}`;
        const runnerTx = runner.sends === 'batch' ? "the file's transaction" : `${name}'s transaction`;
        // goose runs a file's statements one by one; Flyway does too, but when it decides, refuses a file that mixes what it runs outside a transaction with the rest.
        const oneByOne = (runner.sends === 'statements' && !flywayDecides) || asWritten;
        // A migration of its own does not inherit the file's search_path, which its unqualified names may need. A SET there
        // helps only where the runner sends it apart from the statement: in one query it shares the statement's implicit transaction.
        const paths = stmts.filter((t) => t.kind === 'VariableSetStmt' && t.node.name === 'search_path' && t.node.kind === 'VAR_SET_VALUE');
        const setPath = paths.length ? paths[paths.length - 1].text : null;
        const setBeside = runner.sends === 'query'
            ? `${sendsOneQuery}, so a SET beside the statement would put it back in one implicit transaction`
            : runner.sends === 'batch'
                ? `a SET beside the statement would make that file two statements, which ${name} no longer applies all or nothing`
                : 'a SET beside the statement would put it back in one implicit transaction where the runner sends the file as one query';
        const carry = !setPath
            ? ''
            : runner.sends === 'statements'
                ? ` Start it with \`${setPath};\`, as this file sets it, or schema-qualify its names.`
                : ` Schema-qualify its names there, as that migration does not inherit this file's \`${setPath}\`: ${setBeside}.`;
        const own = runner.noWayOut
            ? `${(0,plural/* capital */.N)(runner.noWayOut.why)}: ${runner.noWayOut.instead}; or give it a migration of its own that starts with \`COMMIT;\`, deployed last in its run (the COMMIT ends ${name}'s transaction, so what follows commits statement by statement).`
            : oneByOne
                ? runner.optOut
                    ? `Move it to a migration of its own and ${runner.optOut}.${carry}`
                    : `Make it a statement of its own: ${name} sends each statement as a query of its own, outside any transaction.`
                : `Move it to a migration of its own, with no other statements${runner.optOut ? `, and ${runner.optOut}` : ''}.${carry}`;
        // Nothing in the file needs the runner's transaction: switching it off for this file is enough.
        const switchOff = runner.optOut && (others === 0 || (runner.sends === 'statements' && stmts.every((t) => needsOwnTransaction(t.kind, t.node)))) ? `${(0,plural/* capital */.N)(runner.optOut)}.` : null;
        const Name = (0,plural/* capital */.N)(name);
        // goose sends each query on database/sql's transaction as written: after a COMMIT in the file the session runs in
        // autocommit until a BEGIN in it opens a block, which goose's own COMMIT then ends with the history row (migration_sql.go).
        const gooseTx = wrapped && preset === 'goose';
        // Flyway runs a transactional migration over JDBC with autocommit off: after a COMMIT in the file the driver opens the next transaction by itself.
        const flywayTx = preset === 'flyway' && transactional && (wrapped || !flywayOutside);
        // Under NO TRANSACTION goose sends each query on its own, but a StatementBegin block, or a line, may hold several statements.
        // Split only for a file with a statement that needs it: the split reads the whole file again.
        let split;
        const queries = () => (split === undefined ? (split = transactional && !gooseTx ? null : (0,goose_split/* gooseQueries */.GS)(ctx.migration, preset, ctx.template)) : split);
        /** The finding for `unsafe` statement `s` where goose sends it in one query with others; null where it sends it alone. */
        const queryOf = (s) => queries()?.find((q) => q.start <= s.start && s.start < q.end);
        const inGooseQuery = (s, unsafe) => {
            const q = queryOf(s);
            const shared = q ? stmts.filter((t) => t !== s && q.start <= t.start && t.start < q.end).length : 0;
            if (!q || !shared)
                return null;
            const fails = `as one query, which PostgreSQL runs as one implicit transaction: there it fails.`;
            return q.chunk.block
                ? [
                    `${unsafe} cannot run inside a transaction block, and goose sends the \`-- +goose StatementBegin\` / \`-- +goose StatementEnd\` block it is in, with its ${shared} other statement(s), ${fails}`,
                    'Give it a `-- +goose StatementBegin` / `-- +goose StatementEnd` block of its own, or move it out of the block: goose then sends it as a query of its own.',
                ]
                : [
                    `${unsafe} cannot run inside a transaction block, and goose, which ends a query only at a line whose last word ends in \`;\`, sends it with the ${shared} other statement(s) up to the end of line ${q.chunk.endLine} ${fails}`,
                    'Put it on a line of its own, ending in `;`: goose then sends it as a query of its own.',
                ];
        };
        const takesOnly = `${Name} takes only ${runsAlone.map((r) => r.name).join(', ')} out of a file's transaction: run this statement outside the migrations (e.g. with psql).`;
        // What the wrapping runner takes out of its transaction, by its own test of the statement's first words.
        const aloneAs = (s) => (wraps ? (0,presets/* runsAloneAs */.aL)(preset, s.text) : null);
        // A wrapped runner that takes some statements out of its transaction cannot be told to leave out any other.
        const wayOut = (s) => (wrapped && runsAlone.length && !aloneAs(s) ? takesOnly : own);
        /** The advice for a statement inside the file's own BEGIN ... COMMIT: after the COMMIT only where statements run one by one. */
        const outOfBlock = (s) => {
            if (gooseTx && open && lastEnd && lastEnd.start < open.start) {
                return `Move it before the ${label(open)} at line ${line(open)}: goose runs what follows the ${label(lastEnd)} at line ${line(lastEnd)} outside any transaction, up to that ${label(open)}.`;
            }
            if (stmts.every((t) => t === s || t.kind === 'TransactionStmt')) {
                const runsOutside = flywayDecides ? flywayRunsOutside(s) : wraps ? aloneAs(s) !== null : runner.sends !== null;
                if (runsOutside)
                    return `Remove the BEGIN and COMMIT around it: alone in its file, ${name} runs it outside any transaction.${wraps ? runsAloneSince(preset, aloneAs(s) ?? '') : ''}`;
                return runner.optOut ? `Remove the BEGIN and COMMIT around it, and ${runner.optOut}.` : wayOut(s);
            }
            if (oneByOne && !wrapped) {
                return `Move it after the COMMIT: ${name} runs this file's statements one by one, outside any transaction.`;
            }
            const implicit = 'PostgreSQL runs what follows a COMMIT in the same query in an implicit transaction block too';
            if (runner.sends === null) {
                return `If the runner runs the file statement by statement (psql -f), move it after the COMMIT. If it sends the file as one query, that does not help (${implicit}): ${own[0].toLowerCase()}${own.slice(1)}`;
            }
            return oneQuery ? `${own} Moving it after the COMMIT does not help: ${sendsOneQuery}, and ${implicit}.` : wayOut(s);
        };
        let open = null;
        // Where the statements since the last COMMIT begin: a COMMIT with no BEGIN commits those, in a file sent as one query.
        let sinceEnd = 0;
        // Where the statements of the transaction in progress begin, and the COMMIT or ROLLBACK that ended the last one.
        let from = 0;
        let lastEnd = null;
        // The runner's own transaction, which a BEGIN in the file only joins.
        const runnerOwns = () => flywayTx || (wrapped && sinceEnd === 0);
        /** After a COMMIT or ROLLBACK: AND CHAIN opens the next transaction at once, the runner's where it ended the runner's. */
        const ended = (s, i) => {
            const owned = runnerOwns();
            if (!(s.node.chain && owned))
                sinceEnd = i + 1;
            open = s.node.chain && !owned ? s : null;
            added = [];
            from = i + 1;
            lastEnd = s;
        };
        // After the file's COMMIT, until a BEGIN, where the runner sends its queries as written (goose, drizzle): each commits on its own.
        const autocommit = () => wrapped && runner.autocommitsAfterCommit === true && !open && !runnerOwns();
        const blockAt = (s) => {
            if (open || runnerOwns())
                return 'explicit';
            if (wrapped && !gooseTx && !autocommit())
                return 'implicit';
            if (oneQuery)
                return stmts.length === 1 ? 'none' : runner.sends === null ? 'unknown' : 'implicit';
            // goose NO TRANSACTION, or after the file's COMMIT: a query of several statements is one implicit transaction.
            const q = queryOf(s);
            return q && stmts.some((t) => t !== s && q.start <= t.start && t.start < q.end) ? 'implicit' : 'none';
        };
        /** Where a statement that needs a transaction block runs, outside one. */
        const outsideBlock = (block) => {
            if (block === 'implicit')
                return `${sendsOneQuery}, which PostgreSQL runs in an implicit transaction, not a transaction block`;
            if (block === 'unknown')
                return 'the runner runs it outside one whether it sends the file as one query (an implicit transaction, not a transaction block) or statement by statement (psql -f)';
            if (asWritten)
                return `${name} runs a file that holds BEGIN, COMMIT or ROLLBACK as written, one statement at a time, and this one runs outside any transaction`;
            if (wrapped && lastEnd)
                return `it comes after the ${label(lastEnd)} at line ${line(lastEnd)}, which ended ${runnerTx}: ${name} runs what follows statement by statement, outside any transaction`;
            if (stmts.length === 1)
                return `it is the file's only statement, so ${name} sends it as a query of its own, outside any transaction`;
            return `${name} runs this file's statements one by one, outside any transaction`;
        };
        // Enum values added in the transaction the file is in at this point.
        let added = [];
        // The tables, domains and enums the file declares so far: they tell where a literal becomes an enum value.
        const schema = new enum_literals/* DeclaredSchema */.oL((0,enum_literals/* earlierSchema */.g1)(ctx.earlier));
        // The partitioned tables and subscriptions the file makes so far: PostgreSQL refuses some statements on them in a transaction block.
        const objects = new FileObjects(ctx.earlier);
        const oneTransaction = wrapped || (others > 0 && (transactional || oneQuery));
        /** Drafts the first new value `nodes` use, if any; `branch`: they sit in a branch of a DO block that a run may not take. */
        const checkNewValues = (s, nodes, branch = false) => {
            // Outside a transaction, goose's query of several statements is one implicit transaction all the same.
            const live = (oneTransaction && !autocommit()) || open ? added : added.filter((a) => a.query && a.query === queryOf(s));
            if (!live.length || !nodes.length)
                return false;
            const uses = live.map((a) => ({ a, use: (0,enum_literals/* valueUse */.rX)(nodes, a.value, a.type, schema) }));
            const found = uses.find((u) => u.use === 'enum') ?? uses.find((u) => u.use === 'range') ?? uses.find((u) => u.use === 'maybe');
            if (!found)
                return false;
            const hit = found.a;
            const value = `'${hit.value.replace(/'/g, "''")}'`;
            const type = (0,ast/* formatName */.nD)(hit.type);
            const rule = `PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).`;
            const suggestion = `Move ALTER TYPE ${type} ADD VALUE ${value} to a migration of its own that runs before this one, so that it commits first.`;
            // A literal the statement turns into the type is certain; one whose place the file does not type (a column of a table made elsewhere) may be plain text.
            // PL/pgSQL plans a statement only when it runs it (checked on PostgreSQL 15): in a branch, only if the branch is taken.
            const adds = `ALTER TYPE ... ADD VALUE at line ${hit.line} adds in the same transaction: ${rule}`;
            const untaken = branch ? ' PL/pgSQL plans a statement of a DO block only when it runs it: a branch not taken fails nothing.' : '';
            // Not an error where the type may hold the value already: IF NOT EXISTS then adds nothing, and nothing is new.
            const held = hit.mayExist ? ` The migrations before this file do not tell every value of ${type} (none makes it, or one changes it in a way the gate does not read): if it already holds ${value}, ADD VALUE IF NOT EXISTS adds nothing and this is fine.` : '';
            const severity = found.use === 'maybe' || branch || hit.mayExist ? 'warning' : undefined;
            const said = found.use === 'range'
                ? `${branch ? 'If this branch runs, ' : ''}enum_range reads every ${type} value, ${value} among them, which ${adds}`
                : found.use === 'enum'
                    ? branch
                        ? `If this branch runs, ${value} in it is the ${type} value that ${adds}`
                        : `${value} is the ${type} value that ${adds}`
                    : branch
                        ? `If this branch runs and ${value} in it is a ${type} value, it is the one ${adds}`
                        : `If ${value} here is a ${type} value, it is the one ${adds}`;
            draft(s, `${said}${untaken}${held}`, suggestion, severity);
            return true;
        };
        /** A statement that the body of DO block `s` (or of `routine`, the function or procedure `s` makes) holds, which PostgreSQL refuses in any function. */
        const fromFunction = (s, refused, inner, routine) => {
            const called = routine ? `each call of ${routine.kind} ${routine.name}` : 'the DO block';
            // PreventInTransactionBlock's error, 25001: a handler for it, its class or OTHERS catches it.
            const caught = inner.handlers.some((h) => CATCHES_25001.has(h));
            const outcome = caught
                ? `the exception handler around it catches that error, so ${called} goes on without it and it never runs`
                : `${called} fails there${routine ? '' : ` however ${name} runs the file`}`;
            const where = routine ? `the body of ${routine.kind} ${routine.name}` : 'a DO block';
            const message = `${refused.name} cannot be executed from ${where}: PostgreSQL refuses it in any function, DO block or procedure, whose statements always run inside a transaction (SQLSTATE 25001), and ${outcome}.`;
            // Taken out, it stands where the DO block stood: a file already outside a transaction, one statement at a time or alone, needs nothing more.
            const standsAlone = !routine && !transactional && (others === 0 || oneByOne);
            const out = standsAlone
                ? `Take it out of the DO block: as a statement of its own, ${name} runs it outside any transaction.`
                : `Take it out of the ${routine?.kind ?? 'DO block'} and run it as a statement of its own. ${own}`;
            const guard = inner.conditional && inner.parsed?.[0] === 'IndexStmt' ? ' CREATE INDEX CONCURRENTLY IF NOT EXISTS keeps the guard the DO block gave it.' : '';
            draft(s, refused.unsure ? `${message} ${refused.unsure}` : message, `${out}${guard}`, caught || refused.unsure ? 'warning' : undefined);
        };
        stmts.forEach((s, i) => {
            // Asked only of the few statements it matters for: a goose file's queries are read for it.
            let known;
            const block = () => (known ??= blockAt(s));
            const blockless = needsBlock(s);
            // A lock or a cursor may live in a query's implicit transaction; a savepoint or AND CHAIN needs a block; for an unknown runner, only those fail both ways.
            const where = blockless ? block() : 'explicit';
            if (blockless && where !== 'explicit' && (s.kind === 'TransactionStmt' || where === 'none')) {
                const advice = s.kind === 'LockStmt'
                    ? 'A lock lasts only until its transaction ends: put it between BEGIN and COMMIT with the statements it guards, or remove it.'
                    : s.kind === 'DeclareCursorStmt'
                        ? 'Declare it WITH HOLD, or put it between BEGIN and COMMIT with the statements that use it.'
                        : s.kind === 'TransactionStmt' && s.node.chain
                            ? `Write ${label(s).replace(' AND CHAIN', '')} without AND CHAIN, or put it after a BEGIN.`
                            : 'Remove it, or put it between BEGIN and COMMIT with the statements it is for.';
                draft(s, `${blockless} can only be used in transaction blocks, and ${outsideBlock(where)}: PostgreSQL refuses it (SQLSTATE 25P01).`, advice);
                // Refused, it ends no transaction and opens none.
                if (s.kind === 'TransactionStmt')
                    return;
            }
            // Outside any transaction PostgreSQL only warns that SET TRANSACTION does nothing.
            const late = lateSetting(s);
            const setting = late && block() !== 'none' ? late : null;
            const query = setting ? stmts.slice(from, i).find((t) => !NO_SNAPSHOT.has(t.kind)) : undefined;
            if (query) {
                const refused = `${setting} must come before any query of its transaction, and the statement at line ${line(query)} runs before it in the same transaction: PostgreSQL refuses it (SQLSTATE 25001).`;
                const advice = `Make it the first statement of its transaction${open ? `, right after the ${label(open)} at line ${line(open)}` : ''}, or remove it.`;
                if (block() !== 'unknown')
                    draft(s, refused, advice);
                else
                    draft(s, `In a file sent as one query, ${refused[0].toLowerCase()}${refused.slice(1)} Run statement by statement (psql -f), it only warns that it does nothing outside a transaction block.`, advice, 'warning');
            }
            if (isRollback(s)) {
                const gone = stmts.slice(from, i).filter((t) => t.kind !== 'TransactionStmt');
                if (gone.length && block() !== 'none') {
                    const what = `the ${gone.length} statement(s) before it (from line ${line(gone[0])})`;
                    const whose = runnerOwns()
                        ? runnerTx
                        : open
                            ? `the transaction opened by ${label(open)} at line ${line(open)}`
                            : `the implicit transaction PostgreSQL runs the ${part} in, as ${sendsOneQuery}`;
                    const message = block() === 'unknown'
                        ? `${label(s)} without a BEGIN before it: in a file sent as one query PostgreSQL discards ${what} while the runner records the migration as applied; run statement by statement (psql -f) it only warns "there is no transaction in progress" and rolls back nothing.`
                        : `${label(s)} rolls back ${whose}: ${name} records the migration as applied, while PostgreSQL discards ${what}.`;
                    draft(s, message, `Remove the ${label(s)}: a migration keeps what it does. If the file is a test meant to leave nothing behind, keep it out of the migrations.`);
                    ended(s, i);
                    return;
                }
            }
            const tx = txKind(s);
            if (tx === 'begin') {
                if (autocommit()) {
                    // goose's COMMIT trick: this BEGIN opens the block that goose's own COMMIT ends, with the history row.
                    added = [];
                }
                else if (flywayTx) {
                    // The JDBC driver's transaction is open already: PostgreSQL only warns "there is already a transaction in progress" (checked with pgjdbc 42.7).
                }
                else if (wrapped || (asWritten && stmts.some((t, j) => j > i && txKind(t) === 'end' && !t.node.chain))) {
                    // Run as written, BEGIN raises no warning; one that nothing closes is reported once, as the error it is, after the loop.
                    const message = asWritten
                        ? `${label(s)} is not needed: ${name} applies a file and its history row as one transaction by itself. PostgreSQL raises no warning, but a COMMIT in the file ends the transaction before ${name} records the migration.`
                        : `${label(s)} inside a file ${name} already runs in a transaction: PostgreSQL only warns "there is already a transaction in progress", and a COMMIT in the file ends ${name}'s transaction, not a nested one.`;
                    draft(s, message, `Remove the BEGIN and its COMMIT: ${name} commits the file together with its history row.`, 'warning', deleteLine(ctx, s));
                }
                else if (open) {
                    draft(s, `${label(s)} while the transaction opened at line ${line(open)} is still open: PostgreSQL ignores it with a warning, and the first COMMIT ends both.`, 'Remove this BEGIN, or COMMIT the first transaction before it.', 'warning');
                }
                if (block() === 'none' || block() === 'unknown')
                    from = i + 1;
                // Statement by statement, the values added before it have committed.
                if (block() === 'none')
                    added = [];
                open ??= s;
                return;
            }
            if (tx === 'end') {
                const last = i === stmts.length - 1;
                const after = `the ${stmts.length - 1 - i} statement(s) after it`;
                if (flywayTx) {
                    // At the end it commits the file's statements just before Flyway would; the transaction the driver opens next is Flyway's to commit.
                    const committed = !isRollback(s) && stmts.slice(sinceEnd, i).some((t) => t.kind !== 'TransactionStmt');
                    if (!last && committed)
                        draft(s, `${label(s)} at line ${line(s)} ends Flyway's transaction in the middle of the file: the JDBC driver opens a new one for ${after}, so a failure there leaves the statements before it committed and the migration unrecorded.`, `Remove it: Flyway commits the migration as a whole. If part of the file must be committed first, move that part to a migration of its own.`, 'warning');
                }
                else if (gooseTx && !autocommit()) {
                    if (s.node.chain || stmts.some((t, j) => j > i && txKind(t) === 'begin')) {
                        // goose's COMMIT trick: what follows runs in autocommit up to the BEGIN (or in the chained transaction), whose block goose commits with its history row.
                    }
                    else {
                        const outside = last ? "goose's history row runs" : `${after} and goose's history row run`;
                        draft(s, `${label(s)} at line ${line(s)} ends goose's transaction, and no BEGIN after it opens another: ${outside} outside any transaction, so goose's own COMMIT finds none. PostgreSQL only warns "there is no transaction in progress", which pgx (goose's CLI) lets pass, but with lib/pq the commit fails ("unexpected transaction status idle") and goose reports the migration failed though it is applied and recorded.`, last
                            ? 'Remove it and the BEGIN that opens it: goose then commits the file together with its history row.'
                            : 'End the file with `BEGIN;` after the statements that must run outside a transaction: goose then commits that block with its history row.', 'warning', last ? deleteLine(ctx, s) : null);
                    }
                }
                else if ((wrapped || (asWritten && open && !s.node.chain)) && !gooseTx) {
                    // AND CHAIN leaves a transaction open for the runner's own COMMIT.
                    const failsCommit = !asWritten && !s.node.chain ? COMMIT_FAILS[preset] : undefined;
                    if (last) {
                        const remove = `Remove it and the BEGIN that opens it: ${name} then commits the file together with its history row.`;
                        if (failsCommit) {
                            draft(s, `${label(s)} ends ${runnerTx} before ${name} records the migration, so ${name}'s own COMMIT then fails: ${failsCommit}, and ${name} reports the migration failed and stops there, though the file and its history row are both committed, apart from each other.`, remove, undefined, deleteLine(ctx, s));
                        }
                        else {
                            const ownCommit = asWritten || s.node.chain ? '' : `, and ${name}'s own COMMIT then only warns "there is no transaction in progress"`;
                            draft(s, `${label(s)} ends ${runnerTx} before ${name} records the migration${ownCommit}: the history row is committed apart from the file's changes.`, remove, 'warning', deleteLine(ctx, s));
                        }
                    }
                    else {
                        const evenSo = failsCommit ? ` Even when they succeed, ${name}'s own COMMIT then fails, as ${failsCommit}, and ${name} reports the migration failed though it is applied and recorded.` : '';
                        const message = `${label(s)} at line ${line(s)} ends ${runnerTx} in the middle of the file: ${after} ${AFTER_COMMIT[runner.sends === 'query' ? 'query' : 'batch']}, so a failure there leaves the migration half-applied and unrecorded.${evenSo}`;
                        // drizzle has no other way out of its transaction: a COMMIT that opens the file is its users' known way, with its cost.
                        if (runner.noWayOut && i === 0) {
                            draft(s, `${label(s)} at line ${line(s)} ends ${name}'s transaction: the migrations ${name} ran before this one in the run are committed with it, and the rest of this file, its history row and every later migration of the run each commit by themselves, so a failure there leaves the run half-applied and this migration unrecorded.`, `Keep only what cannot run in a transaction after it (CREATE INDEX CONCURRENTLY and the like), and deploy this migration last in its run; or ${runner.noWayOut.instead}.`, 'warning');
                        }
                        else
                            draft(s, message, `Remove it: ${name} commits the file as a whole. If part of the file must run outside a transaction, move that part to a migration of its own.`);
                    }
                }
                else if (!open) {
                    const before = i - sinceEnd;
                    const fix = 'Remove it, or add BEGIN where the transaction should start.';
                    if (!oneQuery || before === 0) {
                        // Run as written, the file's statements each commit by themselves: the CLI's all or nothing is gone with it.
                        const split = asWritten && others > 0 ? `, and it makes ${name} run this file as written, one statement at a time with no transaction of its own, so a failure leaves the file half-applied and unrecorded` : '';
                        draft(s, `${label(s)} without a BEGIN before it: there is no transaction in progress, so it only raises a warning and ${isRollback(s) ? 'rolls back' : 'commits'} nothing${split}.`, fix, 'warning');
                    }
                    else {
                        // In one query it ends the implicit transaction: what came before is committed, what follows is a new one.
                        const commits = `commits the ${before} statement(s) before it, so the statements before and after it run as two transactions and a failure after it leaves the file half-applied`;
                        const what = runner.sends === null ? `; run statement by statement (psql -f) it commits nothing, but in a file sent as one query it ${commits}.` : ` and ${commits}: ${sendsOneQuery}.`;
                        draft(s, `${label(s)} without a BEGIN before it: PostgreSQL warns "there is no transaction in progress"${what}`, fix, 'warning');
                    }
                }
                ended(s, i);
                return;
            }
            const refusal = objects.refusal(s.kind, s.node);
            objects.learn(s.kind, s.node);
            const unsafe = refusal?.name ?? null;
            if (objects.clusterWithoutIndex(s.kind, s.node)) {
                draft(s, `CLUSTER of a partitioned table without USING fails however ${name} runs it: it reclusters on the index marked clustered, and PostgreSQL cannot mark one on a partitioned table ("there is no previously clustered index").`, 'Name the index: CLUSTER <table> USING <index> clusters each partition on it, outside a transaction block only.');
            }
            const alone = open || !wrapped ? null : aloneAs(s);
            if (alone) {
                // Alone in its file it runs as written; beside others it splits the file's transaction, even where it could run in it (CLUSTER <table>).
                if (others > 0) {
                    const why = unsafe ? `${unsafe} cannot run inside a transaction block, so ${name} runs it` : `${Name} runs every ${alone} statement, this one too though it could run in a transaction,`;
                    draft(s, `${why} on its own, outside the transaction of the file's ${others} other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded.${unsafe ? runsAloneSince(preset, alone) : ''}`, own, 'warning');
                }
                // The runner commits the statements before it first: what follows runs in a new transaction.
                added = [];
                from = i + 1;
            }
            else if (unsafe || (flywayDecides && !open && flywayRunsOutside(s))) {
                // Where the file does not tell whether PostgreSQL refuses it (a subscription made elsewhere), each finding says so, as a warning.
                const refused = (message, suggestion) => refusal?.unsure ? draft(s, `${message} ${refusal.unsure}`, suggestion, 'warning') : draft(s, message, suggestion);
                // Flyway's own test decides its refusal, as the dry-run's: CREATE SUBSCRIPTION ... WITH (connect = false) could run in a transaction.
                if (open) {
                    refused(`${unsafe} cannot run inside a transaction block, and this one runs inside the transaction opened by ${label(open)} at line ${line(open)}.`, outOfBlock(s));
                }
                else if (wrapped && !autocommit()) {
                    // goose's COMMIT trick works only for what comes after the file's COMMIT.
                    const commit = gooseTx ? stmts.find((t, j) => j > i && txKind(t) === 'end') : undefined;
                    const why = preset === 'flyway' ? ': its script config file sets executeInTransaction=true' : commit ? `: it comes before the ${label(commit)} at line ${line(commit)} that ends goose's transaction` : '';
                    const advice = commit ? `Move it after the ${label(commit)} at line ${line(commit)}: goose runs what follows a COMMIT in the file outside any transaction, up to a BEGIN.` : switchOff ?? wayOut(s);
                    refused(`${unsafe} cannot run inside a transaction block, and ${name} runs this file in one${why}.`, advice);
                }
                else if (flywayDecides) {
                    if (!flywayRunsOutside(s)) {
                        refused(`${unsafe} cannot run inside a transaction block, and Flyway runs this migration in one unless a script config file beside it (<name>.sql.conf) sets executeInTransaction=false: by itself Flyway leaves a migration out of a transaction only for the statements it recognises (CREATE INDEX CONCURRENTLY, VACUUM and the like), and ${unsafe} is not one of them.`, switchOff ?? own);
                    }
                    else if (flywayMixedAt(stmts)) {
                        // Flyway's own words for it: it runs any DROP SUBSCRIPTION outside a transaction, a slot or none.
                        draft(s, `${needsOwnTransaction(s.kind, s.node) ?? flywayWords(s)} makes Flyway run this migration outside a transaction, and Flyway refuses a migration that also holds statements it runs in one ("Detected both transactional and non-transactional statements within the same migration") unless mixed is true, which runs all of it outside a transaction.`, 'Move it to a migration of its own, with no other statements: Flyway runs that one outside a transaction by itself.');
                    }
                }
                else {
                    const shared = unsafe && inGooseQuery(s, unsafe);
                    if (shared)
                        refused(shared[0], shared[1]);
                    else if (others > 0 && oneQuery) {
                        const even = transactional ? '' : ' even when it opens no transaction';
                        const fails = runner.sends === null
                            ? "a runner that sends the file as one query (golang-migrate, Prisma, dbmate, sqlx, node-postgres' client.query) runs them all as one implicit transaction, where it fails. Only statement-by-statement execution (psql -f, goose NO TRANSACTION) runs it."
                            : `${sendsOneQuery}${even}, which PostgreSQL runs as one implicit transaction: there it fails.`;
                        refused(`${unsafe} cannot run inside a transaction block; this ${part} has ${others} other statement(s), and ${fails}`, own);
                    }
                }
            }
            const body = s.kind === 'DoStmt' ? (0,ast/* doBodyStatements */.eN)(s.text, s.node).flatMap((b) => (b.parsed ? [b.parsed] : [])) : [];
            // Even a type created in the same transaction cannot use a value ADD VALUE gives it (checked on PostgreSQL 15).
            if (s.kind === 'AlterEnumStmt' && typeof s.node.newVal === 'string') {
                const type = (0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(s.node.typeName));
                const { oldVal, newVal } = s.node;
                // A new value renamed is still new; IF NOT EXISTS for a value the type already holds adds nothing.
                const renamed = added.find((a) => (0,ast/* sameName */.q)(a.type, type) && a.value === oldVal);
                if (renamed)
                    renamed.value = newVal;
                else if (oldVal === undefined && !(s.node.skipIfNewValExists && schema.enumValues(type)?.has(newVal))) {
                    // IF NOT EXISTS on a type whose values neither the file nor an earlier migration tells in full may add nothing.
                    const mayExist = s.node.skipIfNewValExists === true && !schema.enumComplete(type);
                    added.push({ value: newVal, type, line: line(s), query: oneTransaction && !autocommit() ? undefined : queryOf(s), mayExist });
                }
            }
            schema.learn(s.kind, s.node);
            for (const [kind, node] of body)
                schema.learn(kind, node);
            if (s.kind === 'DoStmt') {
                // What a run never reaches is never planned; what a branch holds is planned only if the branch runs.
                // Read for its queries only after a new value in the transaction: no query can use one before.
                const reached = added.length ? (0,ast/* doBodyQueries */.oZ)(s.text, s.node).filter((b) => b.parsed && !b.never) : [];
                const nodes = (branch) => reached.filter((b) => b.conditional === branch).map((b) => ({ [b.parsed[0]]: b.parsed[1] }));
                if (!checkNewValues(s, nodes(false)))
                    checkNewValues(s, nodes(true), true);
            }
            else if (s.kind !== 'AlterEnumStmt' && added.length)
                checkNewValues(s, [{ [s.kind]: s.node }]);
            if (s.kind === 'DoStmt') {
                // A DO block runs its statements now, in order: what they make counts for the statements after them.
                for (const inner of (0,ast/* doBodyStatements */.eN)(s.text, s.node)) {
                    const refused = inner.parsed && !inner.never ? objects.refusal(inner.parsed[0], inner.parsed[1]) : null;
                    if (inner.parsed)
                        objects.learn(inner.parsed[0], inner.parsed[1]);
                    if (refused)
                        fromFunction(s, refused, inner);
                }
            }
            else if (s.kind === 'CreateFunctionStmt' && REFUSED_WORDS.test(s.text)) {
                const routine = { kind: s.node.is_procedure ? 'procedure' : 'function', name: (0,ast/* formatName */.nD)((0,ast/* qualifiedName */.OL)((0,ast/* stringsOf */.iw)(s.node.funcname))) };
                // The body runs at each call, not now: it makes nothing for the file's later statements.
                for (const inner of functionBodyStatements(s.text, s.node)) {
                    const refused = inner.parsed && !inner.never ? objects.refusal(inner.parsed[0], inner.parsed[1]) : null;
                    if (refused)
                        fromFunction(s, refused, inner, routine);
                }
            }
        });
        if (open && asWritten) {
            // Its history row goes into the open transaction; the next file's COMMIT, or the end of the session, ends it (checked on PostgreSQL 15).
            const begin = open;
            const only = stmts.filter(controlsTransaction).length === 1;
            draft(begin, `${unclosed(begin, line(begin))}: ${name} runs a file holding it as written, with no transaction of its own, so the transaction stays open after the file and ${name} records the migration inside it. Only a later migration's COMMIT on that connection keeps it: applied last, the file and its history row are rolled back when ${name} disconnects, while ${name} reports success.`, only ? `Remove the ${label(begin)}: ${name} then applies the file and its history row as one transaction.` : 'Add COMMIT; at the end of the file.', undefined, only ? deleteLine(ctx, begin) : appendCommit(ctx, stmts[stmts.length - 1]));
        }
        else if (open && !wrapped && !flywayTx) {
            const begin = open;
            const psql = runner.sends === null ? ' (`psql -f` then exits 0 while nothing the file did is kept)' : '';
            draft(begin, `${unclosed(begin, line(begin))}: the file leaves its transaction open, and PostgreSQL rolls it back when the session ends, unless something ${name} sends later on that connection commits it${psql}.`, 'Add COMMIT; at the end of the file.', undefined, appendCommit(ctx, stmts[stmts.length - 1]));
        }
        return out;
    },
};
/** What may follow a statement for it to be alone on its last line: its `;`, white space, comments that end there. */
const ALONE = /^\s*;?\s*(?:\/\*.*?\*\/\s*)*(?:--.*)?\s*$/;
/** The lines of a statement up to its last token: a last statement without `;` ends after the comments that follow it. */
const codeLines = (ctx, s) => (0,file_lines/* statementLines */.vt)(ctx, s.start, s.end);
/** The statement's lines become empty, when it is alone on them. */
function deleteLine(ctx, s) {
    const lines = codeLines(ctx, s);
    return lines && lines.before.trim() === '' && ALONE.test(lines.after) ? (0,file_lines/* replacing */.mi)(lines, '') : null;
}
/** The last statement's last line, its `;` added where missing, followed by a COMMIT line. */
function appendCommit(ctx, last) {
    const lines = codeLines(ctx, last);
    if (!lines || !ALONE.test(lines.after))
        return null;
    const upTo = lines.before + lines.text;
    const semicolon = /^\s*;/.test(lines.after) ? '' : ';';
    return (0,file_lines/* replacing */.mi)({ line: lines.endLine, endLine: lines.endLine }, `${upTo.slice(upTo.lastIndexOf('\n') + 1)}${semicolon}${lines.after}\nCOMMIT;`);
}


/***/ }),

/***/ 997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ shellQuote)
/* harmony export */ });
// Commands the gate writes for a person to paste into a POSIX shell: each word quoted only when it needs it.
/** `s` as one shell word: bare when it holds only characters no shell reads specially, else in single quotes. */
function shellQuote(s) {
    return /^[\w./:@%+,=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 5811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _j: () => (/* binding */ asArray),
  YL: () => (/* binding */ columnsRead),
  ND: () => (/* binding */ doBlockAction),
  oZ: () => (/* binding */ doBodyQueries),
  eN: () => (/* binding */ doBodyStatements),
  nD: () => (/* binding */ formatName),
  E7: () => (/* binding */ nodeOf),
  EZ: () => (/* binding */ parseOne),
  OL: () => (/* binding */ qualifiedName),
  v4: () => (/* binding */ quoteIdent),
  KW: () => (/* binding */ rangeVarName),
  q: () => (/* binding */ sameName),
  Go: () => (/* binding */ sameSchema),
  PQ: () => (/* binding */ sameTree),
  we: () => (/* binding */ scanTokens),
  z$: () => (/* binding */ searchPathKnown),
  Je: () => (/* binding */ stringOf),
  iw: () => (/* binding */ stringsOf),
  oA: () => (/* binding */ unwrap),
  Cz: () => (/* binding */ withSearchPath),
  fx: () => (/* binding */ withoutComments)
});

// EXTERNAL MODULE: ./src/sql/parser.ts
var parser = __webpack_require__(7117);
;// CONCATENATED MODULE: ./src/sql/keywords.ts
// PostgreSQL's keywords that a name cannot always take unquoted (src/include/parser/kwlist.h of the parser libpg-query
// builds, PostgreSQL 18): reserved, type or function name, and column name keywords. Unreserved keywords are valid names
// everywhere and are left out. A list rather than the parser's scanner: findings name thousands of objects, and each
// scan is a call into the WASM parser.
const RESERVED = 'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog ' +
    'current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except ' +
    'false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp ' +
    'not null offset on only or order placing primary references returning select session_user some symmetric system_user table ' +
    'then to trailing true union unique user using variadic when where window with';
const TYPE_FUNC_NAME = 'authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like natural ' +
    'notnull outer overlaps right similar tablesample verbose';
const COL_NAME = 'between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout int integer ' +
    'interval json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize json_table ' +
    'json_value least merge_action national nchar none normalize nullif numeric out overlay position precision real row setof ' +
    'smallint substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest ' +
    'xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable';
/** The keywords (lower case) that need quotes as a name somewhere. */
const QUOTED_KEYWORDS = new Set(`${RESERVED} ${TYPE_FUNC_NAME} ${COL_NAME}`.split(' '));

// EXTERNAL MODULE: ./src/sql/quoted.ts
var quoted = __webpack_require__(5498);
// EXTERNAL MODULE: ./src/sql/walk.ts
var walk = __webpack_require__(4023);
;// CONCATENATED MODULE: ./src/sql/ast.ts
// Small typed readers for libpg-query parse nodes and tokens: qualified names, identifier quoting,
// the parser's own scanner with character offsets, and the statements inside a DO block's body.




/** A `{ Kind: fields }` wrapper split into its kind and fields, or null when `value` is not one. */
function unwrap(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return null;
    // Keys counted in place: every rule reads the tree through here, and Object.entries would copy each node.
    let kind;
    for (const key in value) {
        if (kind !== undefined)
            return null;
        kind = key;
    }
    const fields = kind === undefined ? undefined : value[kind];
    return fields && typeof fields === 'object' ? [kind, fields] : null;
}
/** The fields of `value` when it is a node of `kind`. */
function nodeOf(value, kind) {
    const fields = value && typeof value === 'object' ? value[kind] : undefined;
    if (!fields || typeof fields !== 'object')
        return null;
    for (const key in value)
        if (key !== kind)
            return null;
    return fields;
}
function asArray(value) {
    return Array.isArray(value) ? value : [];
}
/** The text of a `String` node. */
function stringOf(value) {
    const s = nodeOf(value, 'String');
    return typeof s?.sval === 'string' ? s.sval : undefined;
}
/** The texts of a list of `String` nodes, e.g. a type's or function's qualified name. */
function stringsOf(value) {
    return asArray(value)
        .map(stringOf)
        .filter((s) => s !== undefined);
}
function qualifiedName(parts) {
    const name = parts[parts.length - 1] ?? '';
    return parts.length > 1 ? { schema: parts[parts.length - 2], name } : { name };
}
/** The name of a RangeVar (a table, view, sequence or index reference). */
function rangeVarName(value) {
    const rv = (value && typeof value === 'object' ? value : {});
    const name = typeof rv.relname === 'string' ? rv.relname : '';
    return typeof rv.schemaname === 'string' ? { schema: rv.schemaname, name } : { name };
}
/**
 * The schemas an unqualified name can stand for in the file being judged (its search_path), or null when that is not
 * known: an unqualified name then matches the same name in any schema. Set for one rule's run by withSearchPath.
 */
let searchPath = null;
/** Runs `judge` with names compared under `schemas` as the search_path (null: unknown). */
function withSearchPath(schemas, judge) {
    const outer = searchPath;
    searchPath = schemas;
    try {
        return judge();
    }
    finally {
        searchPath = outer;
    }
}
/** Whether an unqualified name stands for one known schema's object (withSearchPath gave the search_path). */
function searchPathKnown() {
    return searchPath !== null;
}
/** Whether two names' schemas can be one: the same, or one left out and the other on the search_path. */
function sameSchema(a, b) {
    if (a === b)
        return true;
    if (a !== undefined && b !== undefined)
        return false;
    return searchPath === null || searchPath.has((a ?? b));
}
/** Two names are the same object when their names match and their schemas can be one (sameSchema). */
function sameName(a, b) {
    return a.name === b.name && sameSchema(a.schema, b.schema);
}
const PLAIN_IDENT = /^[a-z_][a-z0-9_$]*$/;
/** Quotes an identifier when SQL needs it to read back the same name (case, characters, keywords other than unreserved ones). */
function quoteIdent(name) {
    return PLAIN_IDENT.test(name) && !QUOTED_KEYWORDS.has(name) ? name : (0,quoted/* quoted */.T)(name);
}
/** A name as SQL text, e.g. `public."Order"`. */
function formatName(q) {
    return (q.schema !== undefined ? `${quoteIdent(q.schema)}.` : '') + quoteIdent(q.name);
}
/** The parser's own tokens of `text`, comments included, with character offsets. */
function scan(text) {
    const toChar = (0,parser/* byteToCharMapper */.ve)(text);
    return (0,parser.pg)().scanSync(text).tokens.map((t) => ({
        start: toChar(t.start),
        end: toChar(t.end),
        text: t.text,
        keyword: t.keywordKind !== 0 ? t.text.toUpperCase() : null,
        comment: t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT',
    }));
}
/** The parser's own tokens of `text` (comments left out), with character offsets. */
function scanTokens(text) {
    return scan(text).flatMap(({ comment, ...token }) => (comment ? [] : [token]));
}
/** `text` with its comments cut out (by the parser's scanner, so `--` inside a string stays). */
function withoutComments(text) {
    if (!text.includes('--') && !text.includes('/*'))
        return text;
    let out = '';
    let from = 0;
    for (const t of scan(text)) {
        if (!t.comment)
            continue;
        out += `${text.slice(from, t.start)} `;
        from = t.end;
    }
    return out + text.slice(from);
}
/** Parses one statement's text; null when it is not exactly one valid statement. */
function parseOne(text) {
    try {
        const stmts = (0,parser.pg)().parseSync(text).stmts ?? [];
        return stmts.length === 1 ? unwrap(stmts[0].stmt) : null;
    }
    catch {
        return null;
    }
}
// Source positions: `location` everywhere, plus the list bounds PostgreSQL 18 records (`x IN (...)`, ARRAY[...]).
const POSITION_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'rexpr_list_start', 'rexpr_list_end', 'list_start', 'list_end', 'name_location']);
const NO_FIELDS = new Set();
/** Node trees equal apart from source positions and the fields in `ignore`. */
function sameTree(a, b, ignore = NO_FIELDS) {
    // Pairs still to compare, from stacks of their own: an expression thousands of terms long nests as deep.
    const left = [a];
    const right = [b];
    while (left.length) {
        const x = left.pop();
        const y = right.pop();
        if (x === y)
            continue;
        if (!x || !y || typeof x !== 'object' || typeof y !== 'object')
            return false;
        if (Array.isArray(x) || Array.isArray(y)) {
            if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length)
                return false;
            for (let i = 0; i < x.length; i++) {
                left.push(x[i]);
                right.push(y[i]);
            }
            continue;
        }
        let fields = 0;
        for (const k in x) {
            if (POSITION_KEYS.has(k) || ignore.has(k))
                continue;
            fields++;
            if (!(k in y))
                return false;
            const u = x[k];
            const v = y[k];
            if (u === v)
                continue;
            // Unequal values that are not both nodes or lists: the trees differ here.
            if (!u || !v || typeof u !== 'object' || typeof v !== 'object')
                return false;
            left.push(u);
            right.push(v);
        }
        for (const k in y)
            if (!POSITION_KEYS.has(k) && !ignore.has(k))
                fields--;
        if (fields !== 0)
            return false;
    }
    return true;
}
/** The column names `expr` reads (the last part of each column reference). */
function columnsRead(expr) {
    const out = new Set();
    (0,walk/* walkTree */.Ir)(expr, (node, key) => {
        const last = key === 'ColumnRef' ? stringsOf(node.fields).pop() : undefined;
        if (last === undefined)
            return true;
        out.add(last);
        return false;
    });
    return out;
}
// Several rules read the same DO blocks: parse each body once per parse tree. Its queries cost a parse per expression
// and are read only for a rule that asks for them, where a new enum value could be used.
const bodies = new WeakMap();
const withQueries = new WeakMap();
function doBody(doText, doNode, queries) {
    const cache = queries ? withQueries : bodies;
    let out = cache.get(doNode);
    if (!out)
        cache.set(doNode, (out = readDoBody(doText, doNode, queries, queries ? bodies.get(doNode) : undefined)));
    return out;
}
/**
 * The SQL statements a DO block runs directly (not EXECUTEd strings, nor those of its exception handlers; PERFORM as the
 * SELECT it runs), from libpg-query's PL/pgSQL parse; an empty list for other languages or a body that does not parse.
 */
function doBodyStatements(doText, doNode) {
    return (withQueries.get(doNode) ?? doBody(doText, doNode, false)).statements;
}
/**
 * Every query PL/pgSQL runs for a DO block, as PostgreSQL types it: its SQL statements, its exception handlers' too, and
 * the expressions it evaluates as `SELECT <expression>` (conditions, assignments, DECLARE defaults, RAISE and loop
 * operands). In each, a variable reads as a NULL of its declared type (`NULL::mood`), and a value assigned to a variable
 * is cast to that variable's type, as PL/pgSQL converts it.
 */
function doBodyQueries(doText, doNode) {
    return doBody(doText, doNode, true).queries;
}
/** The action of a DO block's PL/pgSQL parse (read once, as doBodyStatements reads it); null for another language or a body that does not parse. */
function doBlockAction(doText, doNode) {
    return (withQueries.get(doNode) ?? doBody(doText, doNode, false)).action;
}
// elog.h's ERROR: the level of RAISE EXCEPTION, of a RAISE with no level and of a re-raise.
const ERROR_LEVEL = 21;
/** `known`: a read without queries already made of this block, whose PL/pgSQL parse and statements' parses a read with them takes over. */
function readDoBody(doText, doNode, queries, known) {
    const out = { statements: [], queries: [], action: null };
    const args = asArray(doNode.args).map((a) => nodeOf(a, 'DefElem'));
    const language = stringOf(args.find((a) => a?.defname === 'language')?.arg);
    if (language && language.toLowerCase() !== 'plpgsql')
        return out;
    const body = stringOf(args.find((a) => a?.defname === 'as')?.arg);
    if (body === undefined)
        return out;
    const action = known ? known.action : plpgsqlAction(doText);
    out.action = action;
    if (!action)
        return out;
    const declared = queries ? declarations(body, blocksIn(action)) : [];
    const variables = variableTypes(declared.flat());
    const bodyAt = doText.indexOf(body);
    let searchFrom = Math.max(0, bodyAt);
    let blocks = 0;
    /** An expression PL/pgSQL runs at `place` (`mode`: its parse mode), its value cast to `target` where it is assigned to a variable. */
    const evaluate = (text, mode, place, target = null, vars = variables) => {
        if (!queries)
            return;
        const { handlers, conditional, never } = place;
        out.queries.push({ text, offset: -1, handlers, conditional, never, parsed: typedQuery(text, mode, vars, target) });
    };
    const evaluateAll = (exprs, place) => {
        for (const e of exprs) {
            const expr = nodeOf(e, 'PLpgSQL_expr');
            if (typeof expr?.query === 'string')
                evaluate(expr.query, Number(expr.parseMode ?? 0), place);
        }
    };
    // Statements nest as deep as the body's blocks, IFs and loops: rather than by recursion, each part of the walk that
    // comes after another's end waits on this stack (pushed last to first), and a statement list calls `done` when it ends.
    // A statement list is walked at once up to its first block, IF, CASE or loop, which goes on the stack.
    const pending = [];
    /** Visits a statement list; `done` learns whether no run goes past it (every run meets a RETURN, a RAISE EXCEPTION or an error). */
    const visit = (stmts, place, done) => {
        let ended = false;
        let i = 0;
        const next = () => {
            while (i < stmts.length) {
                const u = unwrap(stmts[i++]);
                if (!u)
                    continue;
                const [kind, fields] = u;
                const at = ended ? { ...place, never: true } : place;
                if (kind !== 'PLpgSQL_stmt_block' && kind !== 'PLpgSQL_stmt_if' && kind !== 'PLpgSQL_stmt_case' && !Array.isArray(fields.body)) {
                    ended = leaf(kind, fields, at) || ended;
                    continue;
                }
                pending.push(next, () => step(kind, fields, at, (stepEnded) => (ended = stepEnded || ended)));
                return;
            }
            done(ended);
        };
        next();
    };
    /** A statement that holds no others (SQL, PERFORM, an assignment, RETURN, RAISE, ...): true when no run goes past it. */
    const leaf = (kind, fields, place) => {
        if (kind === 'PLpgSQL_stmt_execsql' || kind === 'PLpgSQL_stmt_perform') {
            // PERFORM's query reads SELECT where the body writes PERFORM: it cannot be located there.
            const text = String(nodeOf(fields.sqlstmt ?? fields.expr, 'PLpgSQL_expr')?.query ?? '');
            const at = bodyAt < 0 || kind === 'PLpgSQL_stmt_perform' ? -1 : doText.indexOf(text, searchFrom);
            if (at >= 0)
                searchFrom = at + text.length;
            if (place.handler && !queries)
                return false;
            const { handlers, conditional, never } = place;
            const prior = place.handler ? undefined : known?.statements[out.statements.length];
            const parsed = prior ? prior.parsed : parseOne(text);
            if (!place.handler)
                out.statements.push({ text, offset: at, handlers, conditional, never, parsed });
            if (queries)
                out.queries.push({ text, offset: at, handlers, conditional, never, parsed: parsed && typed(parsed, variables) });
            return false;
        }
        if (queries)
            evaluateAll(ownExpressions(fields), place);
        return kind === 'PLpgSQL_stmt_return' || (kind === 'PLpgSQL_stmt_raise' && fields.elog_level === ERROR_LEVEL);
    };
    /** A block, IF, CASE or loop; `done` learns whether no run goes past it. */
    const step = (kind, fields, place, done) => {
        const branch = { ...place, conditional: true };
        if (kind === 'PLpgSQL_stmt_block') {
            // A block's DECLARE defaults are evaluated as it starts, outside its own handlers.
            for (const d of declared[blocks++] ?? [])
                if (d.value !== null)
                    evaluate(d.value, PLPGSQL_EXPR, place, typeNameOf(d.type));
            const excBlock = nodeOf(fields.exceptions, 'PLpgSQL_exception_block');
            const caught = asArray(excBlock?.exc_list).flatMap((e) => asArray(nodeOf(e, 'PLpgSQL_exception')?.conditions).map((c) => String(nodeOf(c, 'PLpgSQL_condition')?.condname ?? '').toLowerCase()));
            let bodyEnds = false;
            let handlersEnd = true;
            // EXIT <label> leaves a labelled block: only an unlabelled one ends where its body does.
            pending.push(() => done(bodyEnds && handlersEnd && !fields.label));
            // A handler runs when the body raises what it catches, and goes on after the block unless it ends too.
            for (const e of [...asArray(excBlock?.exc_list)].reverse()) {
                pending.push(() => visit(asArray(nodeOf(e, 'PLpgSQL_exception')?.action), { ...branch, handler: true }, (ends) => (handlersEnd = ends && handlersEnd)));
            }
            visit(asArray(fields.body), { ...place, handlers: [...place.handlers, ...caught] }, (ends) => (bodyEnds = ends));
            return;
        }
        if (kind === 'PLpgSQL_stmt_if') {
            // Arms in order, ELSE last: an arm (and its condition) runs only while no arm before it is taken, and never under a constant false.
            const arms = [{ cond: fields.cond, stmts: fields.then_body }, ...asArray(fields.elsif_list).map((a) => unwrap(a)?.[1] ?? {}), { cond: undefined, stmts: fields.else_body }];
            let taken = false;
            let ends = true;
            pending.push(() => done(ends));
            for (let i = arms.length - 1; i >= 0; i--) {
                const arm = arms[i];
                pending.push(() => {
                    const skipped = place.never || taken;
                    if (arm.cond !== undefined)
                        evaluateAll([arm.cond], i === 0 ? place : { ...branch, never: skipped });
                    const value = arm.cond === undefined ? true : constantCondition(arm.cond);
                    const armPlace = { ...branch, never: skipped || value === false };
                    visit(asArray(arm.stmts), armPlace, (armEnds) => {
                        ends = (armEnds || armPlace.never) && ends;
                        taken ||= value === true;
                    });
                });
            }
            return;
        }
        if (kind === 'PLpgSQL_stmt_case') {
            evaluateAll([fields.t_expr], place);
            // CASE x WHEN ... tests `"__Case__Variable_<t_varno>__" IN (...)`, that variable holding x.
            const subject = queries && fields.t_expr ? typedQuery(String(nodeOf(fields.t_expr, 'PLpgSQL_expr')?.query ?? ''), PLPGSQL_EXPR, variables, null) : null;
            const value = nodeOf(asArray(subject?.[1].targetList)[0], 'ResTarget')?.val;
            const vars = value ? new Map(variables).set(`__Case__Variable_${String(fields.t_varno)}__`, value) : variables;
            const whens = asArray(fields.case_when_list);
            let ends = true;
            // Without ELSE, a CASE that no arm matches raises case_not_found.
            pending.push(() => (fields.have_else ? visit(asArray(fields.else_stmts), branch, (elseEnds) => done(elseEnds && ends)) : done(ends)));
            for (let i = whens.length - 1; i >= 0; i--) {
                pending.push(() => {
                    const when = unwrap(whens[i])?.[1] ?? {};
                    const query = nodeOf(when.expr, 'PLpgSQL_expr')?.query;
                    if (typeof query === 'string')
                        evaluate(query, PLPGSQL_EXPR, i === 0 ? place : branch, null, vars);
                    visit(asArray(when.stmts), branch, (whenEnds) => (ends = whenEnds && ends));
                });
            }
            return;
        }
        if (queries)
            evaluateAll(ownExpressions(fields), place);
        // Loops: their bodies still run unconditionally once reached, but for WHILE false; an EXIT may leave them, so no RETURN in them ends the list.
        const skipped = place.never || (kind === 'PLpgSQL_stmt_while' && constantCondition(fields.cond) === false);
        visit(asArray(fields.body), { ...place, never: skipped }, () => done(false));
    };
    visit([action], { handlers: [], conditional: false, never: false, handler: false }, () => { });
    for (let run = pending.pop(); run; run = pending.pop())
        run();
    return out;
}
/** The action of a DO block's PL/pgSQL parse; null when it does not parse. */
function plpgsqlAction(doText) {
    try {
        const funcs = asArray((0,parser.pg)().parsePlPgSQLSync(doText).plpgsql_funcs);
        return nodeOf(funcs[0], 'PLpgSQL_function')?.action ?? null;
    }
    catch {
        return null;
    }
}
/** The number of blocks in a PL/pgSQL parse. */
function blocksIn(action) {
    let n = 0;
    (0,walk/* walkTree */.Ir)(action, (_, key) => {
        if (key === 'PLpgSQL_stmt_block')
            n++;
    });
    return n;
}
/** The expressions a statement evaluates itself: not those of the statements in its body, nor its loop variable. */
function ownExpressions(fields) {
    const out = [];
    const find = (node) => {
        if (!nodeOf(node, 'PLpgSQL_expr'))
            return true;
        out.push(node);
        return false;
    };
    for (const [key, value] of Object.entries(fields))
        if (key !== 'body' && key !== 'var' && key !== 'target')
            (0,walk/* walkTree */.Ir)(value, find);
    return out;
}
/**
 * The DECLARE sections of a PL/pgSQL body by block, in the order of their BEGINs (libpg-query's parse leaves out the
 * default of a variable whose type it does not know, an enum's). Empty when the BEGINs are not the parse's `blocks`
 * (a column named begin): the sections cannot be told apart then.
 */
function declarations(body, blocks) {
    const out = [];
    let section = null;
    for (const t of scanTokens(body)) {
        if (t.keyword === 'DECLARE')
            section = [];
        else if (t.keyword === 'BEGIN') {
            out.push(section ? declarationsOf(body, section) : []);
            section = null;
        }
        else
            section?.push(t);
    }
    return out.length === blocks ? out : [];
}
const OPENING = new Set(['(', '[']);
const CLOSING = new Set([')', ']']);
/** The index of the first token at bracket depth 0 that `is`, or -1. */
function topLevel(tokens, is) {
    let depth = 0;
    return tokens.findIndex((t) => {
        if (OPENING.has(t.text))
            depth++;
        else if (CLOSING.has(t.text))
            depth--;
        return depth === 0 && is(t);
    });
}
/** The declarations of a DECLARE section's tokens: `name [CONSTANT] type [COLLATE c] [NOT NULL] [{:= | = | DEFAULT} value];`. */
function declarationsOf(body, tokens) {
    const out = [];
    for (let rest = tokens; rest.length;) {
        const end = topLevel(rest, (t) => t.text === ';');
        const decl = end < 0 ? rest : rest.slice(0, end);
        rest = end < 0 ? [] : rest.slice(end + 1);
        const assign = topLevel(decl, (t) => t.text === ':=' || t.text === '=' || t.keyword === 'DEFAULT');
        const head = (assign < 0 ? decl : decl.slice(0, assign)).map((t) => t.text.toLowerCase());
        // ALIAS FOR and cursors hold no value of their own.
        if (head.length < 2 || head.includes('alias') || head.includes('cursor'))
            continue;
        const first = head[1] === 'constant' ? 2 : 1;
        const last = head.findIndex((w, i) => i > first && (w === 'collate' || w === 'not'));
        const type = body.slice(decl[first].start, decl[(last < 0 ? head.length : last) - 1].end);
        const value = assign < 0 || assign === decl.length - 1 ? null : body.slice(decl[assign + 1].start, decl[decl.length - 1].end);
        out.push({ name: identifier(decl[0].text), type, value });
    }
    return out;
}
/** An identifier token's name as the parser normalises it: quotes taken off, or lower-cased. */
function identifier(text) {
    return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}
/** A type as written (`mood`, `mood[]`, `public.mood`) as a TypeName node; null where it does not parse as one (`t.c%TYPE`). */
function typeNameOf(type) {
    const select = parseOne(`SELECT NULL::${type}`);
    const typeName = nodeOf(nodeOf(asArray(select?.[1].targetList)[0], 'ResTarget')?.val, 'TypeCast')?.typeName;
    return select?.[0] === 'SelectStmt' && typeName ? typeName : null;
}
/** Each variable as a NULL of its declared type; a name declared with two types, or a type that does not parse, is left out. */
function variableTypes(declared) {
    const types = new Map();
    for (const d of declared) {
        const type = d.type.replace(/\s+/g, ' ').toLowerCase();
        types.set(d.name, types.has(d.name) && types.get(d.name) !== type ? null : type);
    }
    const out = new Map();
    for (const [name, type] of types) {
        const typeName = type === null ? null : typeNameOf(type);
        if (typeName)
            out.set(name, { TypeCast: { arg: { A_Const: { isnull: true } }, typeName } });
    }
    return out;
}
// PL/pgSQL's parse modes (RawParseMode): a whole statement, `SELECT <expression>`, and `target := <expression>` (3 to 5).
const PLPGSQL_EXPR = 2;
const PLPGSQL_ASSIGN = new Set([3, 4, 5]);
/** The query PL/pgSQL runs for `text` in parse mode `mode`, typed by `vars`, its value cast to `target` (or to the variable it assigns). */
function typedQuery(text, mode, vars, target) {
    let expr = text;
    let cast = target;
    if (PLPGSQL_ASSIGN.has(mode)) {
        // `v := value` takes v's type; `v[i] := value` its element type; a record field's type is not known.
        const tokens = scanTokens(text);
        const at = topLevel(tokens, (t) => t.text === ':=' || t.text === '=');
        if (at < 1)
            return null;
        const variable = vars.get(identifier(tokens[0].text));
        const typeName = nodeOf(variable, 'TypeCast')?.typeName;
        const element = at > 1 && tokens[1].text === '[' && tokens[at - 1].text === ']';
        cast = !typeName ? null : at === 1 ? typeName : element ? { ...typeName, arrayBounds: [] } : null;
        expr = text.slice(tokens[at].end);
    }
    const parsed = parseOne(mode === 0 ? expr : `SELECT ${expr}`);
    if (!parsed)
        return null;
    const [kind, node] = typed(parsed, vars);
    const [first, ...rest] = asArray(node.targetList);
    const value = nodeOf(first, 'ResTarget');
    if (!cast || kind !== 'SelectStmt' || !value)
        return [kind, node];
    return [kind, { ...node, targetList: [{ ResTarget: { ...value, val: { TypeCast: { arg: value.val, typeName: cast } } } }, ...rest] }];
}
/** `parsed` with each plain name of `vars` replaced by its value (a variable's typed NULL). */
function typed(parsed, vars) {
    if (!vars.size)
        return parsed;
    const valueOf = (ref) => {
        const fields = asArray(nodeOf(ref, 'ColumnRef')?.fields);
        const name = fields.length === 1 ? stringOf(fields[0]) : undefined;
        return name !== undefined ? vars.get(name) : undefined;
    };
    // Copied from a stack of [original, copy] pairs rather than by recursion: a query may nest thousands deep.
    const copied = {};
    const pending = [[{ node: parsed[1] }, copied]];
    for (let pair = pending.pop(); pair; pair = pending.pop()) {
        const [from, to] = pair;
        for (const key of Object.keys(from)) {
            const value = from[key];
            const variable = valueOf(value);
            if (variable !== undefined || !value || typeof value !== 'object')
                to[key] = variable ?? value;
            else
                pending.push([value, (to[key] = Array.isArray(value) ? [] : {})]);
        }
    }
    return [parsed[0], copied.node];
}
/** A PL/pgSQL condition's value when it is a boolean constant (`false`, `TRUE`); undefined for anything else. */
function constantCondition(cond) {
    const query = nodeOf(cond, 'PLpgSQL_expr')?.query;
    // Only the keywords TRUE and FALSE make a boolean constant: a condition without either needs no parse.
    const select = typeof query === 'string' && /\b(?:true|false)\b/i.test(query) ? parseOne(`SELECT ${query}`) : null;
    const targets = select?.[0] === 'SelectStmt' && !select[1].fromClause ? asArray(select[1].targetList) : [];
    const value = targets.length === 1 ? nodeOf(nodeOf(targets[0], 'ResTarget')?.val, 'A_Const')?.boolval : undefined;
    return value === undefined ? undefined : value.boolval === true;
}


/***/ }),

/***/ 6652:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   So: () => (/* binding */ blankCopyData),
/* harmony export */   _w: () => (/* binding */ rowOffset),
/* harmony export */   kF: () => (/* binding */ copyData)
/* harmony export */ });
/* harmony import */ var _split_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6448);
// Inline COPY data: after `COPY ... FROM STDIN;` psql (and Flyway) read the lines that follow, up to a line `\.`
// or the end of the file, as rows for the server's COPY, not as SQL. Found lexically, as those runners find them.

/** The inline data of each `COPY ... FROM STDIN` in `sql`, in order. */
function copyData(sql) {
    const blocks = [];
    // Most files hold neither word: one cheap test each spares them the scan.
    if (!/copy/i.test(sql) || !/stdin/i.test(sql))
        return blocks;
    let from = 0; // where the statement being read starts
    let at = 0; // where the lexer goes on
    // psql reads the rows from the line after the `;`, and the rest of the COPY's own line as SQL after them.
    let lineEnd = -1;
    let resume = -1;
    for (;;) {
        const cut = (0,_split_js__WEBPACK_IMPORTED_MODULE_0__/* .nextSemicolon */ .Hn)(sql, at, resume === -1 ? sql.length : lineEnd);
        if (cut === -1 && resume !== -1) {
            if ((0,_split_js__WEBPACK_IMPORTED_MODULE_0__/* .skipTrivia */ .pU)(sql, from, lineEnd) >= lineEnd)
                from = resume;
            at = resume;
            resume = -1;
            continue;
        }
        const stdin = copyFromStdin(sql, from, cut === -1 ? sql.length : cut - 1);
        if (stdin !== -1) {
            if (resume === -1) {
                const eol = cut === -1 ? -1 : sql.indexOf('\n', cut);
                lineEnd = eol === -1 ? sql.length : eol + 1;
            }
            const block = rows(sql, resume === -1 ? lineEnd : resume, stdin);
            blocks.push(block);
            resume = block.resume;
        }
        if (cut === -1)
            return blocks;
        from = at = cut;
    }
}
/** `sql` with each block's rows and `\.` line as spaces, line breaks kept: every offset, line and column stays the file's. */
function blankCopyData(sql, blocks) {
    let out = '';
    let last = 0;
    for (const b of blocks) {
        out += sql.slice(last, b.start) + sql.slice(b.start, b.resume).replace(/[^\n]/g, ' ');
        last = b.resume;
    }
    return out + sql.slice(last);
}
/**
 * The offset in `sql` of the row the server counts as `line` (1-based, as in its CONTEXT "COPY t, line 2"): a
 * physical line, except in CSV, where a quoted field may hold line breaks and a record is one line.
 */
function rowOffset(sql, block, line, csv) {
    let at = block.start;
    let quoted = false;
    for (let n = 1; n < line && at < block.end; at++) {
        const c = sql[at];
        if (csv && quoted && c === csv.escape && csv.escape !== csv.quote && sql[at + 1] === csv.quote)
            at++;
        else if (csv && c === csv.quote)
            quoted = !quoted;
        else if (c === '\n' && !quoted)
            n++;
    }
    return Math.min(at, block.end);
}
const WORD = /[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/y;
/** Offset of STDIN in `COPY table [(columns)] FROM STDIN ...` written in sql[from, to); -1 for any other statement. */
function copyFromStdin(sql, from, to) {
    let depth = 0;
    let first = true;
    let afterFrom = false;
    for (let i = (0,_split_js__WEBPACK_IMPORTED_MODULE_0__/* .skipTrivia */ .pU)(sql, from, to); i < to; i = (0,_split_js__WEBPACK_IMPORTED_MODULE_0__/* .skipTrivia */ .pU)(sql, i, to)) {
        WORD.lastIndex = i;
        const word = WORD.exec(sql) ? sql.slice(i, WORD.lastIndex).toUpperCase() : undefined;
        if (first && word !== 'COPY')
            return -1;
        first = false;
        // The first word at the top level after FROM names the source: STDIN, a file name, or PROGRAM.
        if (afterFrom && depth === 0)
            return word === 'STDIN' ? i : -1;
        if (word) {
            if (depth === 0 && word === 'FROM')
                afterFrom = true;
            if (depth === 0 && word === 'TO')
                return -1;
            i = WORD.lastIndex;
        }
        else if (sql[i] === '"' || sql[i] === "'")
            i = (0,_split_js__WEBPACK_IMPORTED_MODULE_0__/* .skipQuoted */ .er)(sql, i, sql[i]);
        else {
            if (sql[i] === '(')
                depth++;
            if (sql[i] === ')')
                depth--;
            i++;
        }
    }
    return -1;
}
/** The rows from `start` up to the line `\.` (psql's end of data; a `\r` before the line break allowed) or the end of `sql`. */
function rows(sql, start, stdin) {
    for (let line = start; line < sql.length;) {
        const eol = sql.indexOf('\n', line);
        const lineEnd = eol === -1 ? sql.length : eol;
        const next = eol === -1 ? sql.length : eol + 1;
        if (sql.startsWith('\\.', line) && (lineEnd === line + 2 || (lineEnd === line + 3 && sql[line + 2] === '\r'))) {
            return { stdin, start, end: line, resume: next };
        }
        line = next;
    }
    return { stdin, start, end: sql.length, resume: sql.length };
}


/***/ }),

/***/ 3015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ LineIndex)
/* harmony export */ });
// Maps character offsets in a text to 1-based line and column numbers.
class LineIndex {
    starts = [0];
    constructor(text) {
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
            this.starts.push(i + 1);
    }
    get lineCount() {
        return this.starts.length;
    }
    /** Offset of the first character of a 1-based line. */
    lineStart(line) {
        return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    }
    position(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.starts[lo] + 1 };
    }
}


/***/ }),

/***/ 7117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eg: () => (/* binding */ parseSql),
/* harmony export */   pg: () => (/* binding */ pg),
/* harmony export */   qd: () => (/* binding */ loadParser),
/* harmony export */   ve: () => (/* binding */ byteToCharMapper)
/* harmony export */ });
/* unused harmony export CHUNK_CHARS */
/* harmony import */ var _copy_data_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6652);
/* harmony import */ var _lines_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3015);
/* harmony import */ var _side_parser_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1809);
/* harmony import */ var _split_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6448);
// The real PostgreSQL parser (libpg-query, WASM) wrapped for migration files: statements with
// character spans and line/column positions, syntax errors with positions, big inputs in chunks.




let loaded = null;
let parser = null;
/** libpg-query itself, for the pieces of parseSql, which the side worker parses its own way. */
let pgQuery = null;
/**
 * Loads the WASM parser once (about 40 ms); every parse after it is synchronous. libpg-query compiles
 * its WASM as soon as it is imported, so it is imported here, by the runs that parse, and by no other.
 */
function loadParser() {
    loaded ??= __webpack_require__.e(/* import() */ 627).then(__webpack_require__.t.bind(__webpack_require__, 2627, 23)).then(async (m) => {
        await m.loadModule();
        pgQuery = m;
        parser = {
            parseSync: (sql) => (0,_side_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .guarded */ .Nj)('parseSync', sql, m.parseSync),
            parsePlPgSQLSync: (sql) => (0,_side_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .guarded */ .Nj)('parsePlPgSQLSync', sql, m.parsePlPgSQLSync),
            scanSync: m.scanSync,
        };
    });
    return loaded;
}
/** The loaded parser (its synchronous parse, scan and PL/pgSQL calls); loadParser() first. */
function pg() {
    if (!parser)
        throw new Error('the SQL parser is not loaded: await loadParser() before parsing');
    return parser;
}
/** Inputs past this size go through the parser in pieces: one call over ~30 MB exhausts its heap. */
const CHUNK_CHARS = 4 * 1024 * 1024;
/** Parses `sql`; call `loadParser()` first. Never throws for bad SQL: the error is in the result. */
function parseSql(sql) {
    const copies = (0,_copy_data_js__WEBPACK_IMPORTED_MODULE_1__/* .copyData */ .kF)(sql);
    // Inline COPY rows are not SQL: the parser reads them as blanks, line breaks kept, so every position after them stays exact.
    const text = copies.length ? (0,_copy_data_js__WEBPACK_IMPORTED_MODULE_1__/* .blankCopyData */ .So)(sql, copies) : sql;
    const lines = new _lines_js__WEBPACK_IMPORTED_MODULE_2__/* .LineIndex */ .r(text);
    const statements = [];
    const pieces = text.length > CHUNK_CHARS ? (0,_split_js__WEBPACK_IMPORTED_MODULE_3__/* .chunkAtStatements */ .Jg)(text, CHUNK_CHARS) : [{ offset: 0, text }];
    for (const piece of pieces) {
        const error = parsePiece(text, piece.offset, piece.text, lines, statements);
        if (error)
            return { statements, error, lines };
    }
    let at = 0;
    for (const copy of copies) {
        while (at < statements.length && statements[at].end <= copy.stdin)
            at++;
        const s = statements[at];
        if (s?.kind === 'CopyStmt' && s.start <= copy.stdin)
            s.copy = copy;
    }
    return { statements, error: null, lines };
}
function parsePiece(sql, offset, text, lines, out) {
    let raw;
    try {
        // PostgreSQL takes an empty query (psql runs an empty file); libpg-query's wrapper refuses one.
        raw = text === '' ? [] : ((0,_side_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .guarded */ .Nj)('parsePiece', text, pgQuery.parseSync).stmts ?? []);
    }
    catch (e) {
        if ((0,_side_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .overflows */ .MZ)(e)) {
            // Found by the side worker, where the piece overflowed too; here when there is none (running from source).
            const at = offset + (e.at ?? (0,_side_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .deepStatement */ .gj)(text, pgQuery.parseSync));
            return { message: STACK_DEPTH, offset: at, ...lines.position(at) };
        }
        const details = e.sqlDetails;
        const at = offset + Math.max(0, details?.cursorPosition ?? 0);
        const message = e instanceof Error ? e.message : String(e);
        return { message, offset: at, ...lines.position(at) };
    }
    const toChar = byteToCharMapper(text);
    const pieceEnd = offset + text.length;
    // stmt_location points at the first token; the comments before it (inline directives) start after the previous `;`.
    let previousEnd = offset;
    for (const stmt of raw) {
        const from = offset + toChar(stmt.stmt_location ?? 0);
        const to = stmt.stmt_len === undefined ? pieceEnd : offset + toChar((stmt.stmt_location ?? 0) + stmt.stmt_len);
        const start = (0,_split_js__WEBPACK_IMPORTED_MODULE_3__/* .skipTrivia */ .pU)(sql, from, to);
        const leadingFrom = sql[previousEnd] === ';' ? previousEnd + 1 : previousEnd;
        previousEnd = to;
        const [kind, node] = Object.entries(stmt.stmt)[0];
        const end = trimEnd(sql, start, to);
        const pos = lines.position(start);
        out.push({
            kind,
            node,
            start,
            end,
            leading: sql.slice(leadingFrom, start),
            line: pos.line,
            column: pos.column,
            endLine: lines.position(Math.max(start, end - 1)).line,
            text: sql.slice(start, end),
        });
    }
    return null;
}
/** PostgreSQL's own words for a statement nested deeper than its stack allows, e.g. `1+1+...` with tens of thousands of terms. */
const STACK_DEPTH = 'stack depth limit exceeded: PostgreSQL refuses a statement nested this deep (split it into smaller statements)';
/** The end of the statement's last token: the parser's span runs on over comments up to the `;`, or to the end of the text. */
function trimEnd(sql, start, end) {
    let e = end;
    while (e > start && /[\s;]/.test(sql[e - 1]))
        e--;
    const text = sql.slice(start, e);
    // Only a text whose last line holds `--`, or that ends in `*/`, can end in a comment.
    if (!text.endsWith('*/') && !text.slice(text.lastIndexOf('\n') + 1).includes('--'))
        return e;
    const tokens = pg().scanSync(text).tokens.filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
    const last = tokens[tokens.length - 1];
    return last ? start + byteToCharMapper(text)(last.end) : e;
}
/** libpg-query reports UTF-8 byte offsets; this turns them into string indices. */
function byteToCharMapper(text) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(text))
        return (byte) => byte;
    const charAtByte = [];
    let byte = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i);
        const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        for (let k = 0; k < width; k++)
            charAtByte[byte + k] = i;
        byte += width;
        if (code >= 0x10000)
            i++;
    }
    return (b) => (b >= byte ? text.length : charAtByte[b]);
}


/***/ }),

/***/ 816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ct: () => (/* binding */ fillPlaceholders),
/* harmony export */   Wd: () => (/* binding */ DEFAULT_PLACEHOLDER_PATTERNS),
/* harmony export */   zH: () => (/* binding */ placeholderRegex)
/* harmony export */ });
/* harmony import */ var _copy_data_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6652);
/* harmony import */ var _split_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6448);
// Templated migrations: placeholders such as ${schema}, ${flyway:user} or {{ index .Options "Namespace" }}
// are substituted before parsing, so a template is judged on its SQL rather than reported as a syntax error.


const DEFAULT_PLACEHOLDER_PATTERNS = ['${name}', '{{ name }}'];
// A name may hold `:` for Flyway's built-ins (${flyway:defaultSchema}) and `.` for Go fields ({{ .Schema }}).
const NAME = /([.\w:-]+)/.source;
// `NAME` in capitals takes capitals only, up to the end of the word, as graphile-migrate's `(?:keys)\b` finds its
// `:DATABASE_OWNER` (migration.ts slowGeneratePlaceholderReplacement). A named group, so fillPlaceholders knows it.
const UPPER_NAME = (n) => `(?<upper${n}>[A-Z][A-Z0-9_]*)(?!\\w)`;
// Any one-line Go template action; Go strings inside it may hold braces. One line, so line numbers stay exact.
const GO_ACTION = /\{\{((?:"(?:[^"\\\n]|\\.)*"|`[^`\n]*`|[^"`{}\n])+)\}\}/.source;
/**
 * Compiles patterns such as "${name}" into one regex whose first defined group is the placeholder's
 * name. The "{{ name }}" pattern also matches any other Go template action, the action's text its name.
 */
function placeholderRegex(patterns) {
    if (patterns.length === 0)
        return null;
    const alternatives = patterns.map((p, n) => {
        const upper = !p.includes('name');
        const [before, after] = p.split(upper ? 'NAME' : 'name');
        const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]*');
        return `${esc(before)}${upper ? UPPER_NAME(n) : NAME}${esc(after)}`;
    });
    if (patterns.some((p) => p.replace(/\s+/g, '') === '{{name}}'))
        alternatives.push(GO_ACTION);
    return new RegExp(alternatives.join('|'), 'g');
}
// goose's ENVSUB (mfridman/interpolate, line by line) also reads a bare `$NAME` as a variable: a letter first, then
// letters, digits and `_`. `$$` it keeps as it is (goose's testdata envsub/test02), so a `$$` is read past whole. A
// dollar-quote tag (`$body$`) is left as written: what goose's fork does with one is not known here, and filling it would
// turn a body that may well run into a syntax error.
const ENVSUB_TOKEN = /\$\$|\$(\p{L}[\p{L}\p{N}_]*)(?![\p{L}\p{N}_$])/gu;
// Go actions that print nothing: control flow, comments and variable declarations.
const SILENT_ACTION = /^(?:\/\*|(?:if|else|end|range|with|define|block|break|continue)\b|\$\w*\s*:?=)/;
/**
 * Replaces each placeholder with its configured value. One without a value is replaced only in SQL
 * code, where it must be for the file to parse: by spaces for a Go action that prints nothing
 * ({{ if .X }}, {{ end }}), otherwise by a stand-in identifier named after it (`${schema}` becomes
 * `schema___`; see standIn). In a string literal, comment or inline COPY row it stays as written: it
 * parses as it is there, and may be data (the array literal '{{1}}').
 */
function fillPlaceholders(sql, regex, values, shellDefaults = false, 
/**
 * The spans (sorted [start, end) pairs) where a `${...}` is filled at all, as goose's ENVSUB regions, which also fill a
 * bare `$NAME`; everywhere when unset.
 */
envsub) {
    const fills = [];
    if (!regex)
        return { sql, fills };
    // Flyway matches placeholder names case-insensitively, so `${SCHEMA}` takes the value of `schema`.
    const folded = new Map(Object.keys(values).map((k) => [k.toLowerCase(), k]));
    // One stand-in per placeholder text, each unlike the others, case ignored, as PostgreSQL folds them.
    const standIns = new Map();
    const taken = new Set();
    let valueText;
    const clashes = (word) => taken.has(word.toLowerCase()) || containsWord(sql, word) || containsWord((valueText ??= Object.values(values).join('\n')), word);
    const standInFor = (whole, key) => {
        let word = standIns.get(whole);
        if (word === undefined) {
            word = standIn(key, whole.length, clashes);
            standIns.set(whole, word);
            taken.add(word.toLowerCase());
        }
        return word;
    };
    let literals;
    let out = '';
    let last = 0;
    for (const m of envsub ? withEnvsubTokens(sql, regex, envsub) : sql.matchAll(regex)) {
        const whole = m[0];
        // Outside its ENVSUB regions goose sends `${...}` as written, which PostgreSQL rejects.
        if (envsub && whole.startsWith('${') && !inRanges(envsub, m.index))
            continue;
        out += sql.slice(last, m.index);
        last = m.index + whole.length;
        // {{ .Schema }} also takes the value of `Schema`; {{ index .Options "Namespace" }} that of `Namespace`.
        const name = actionText(m.slice(1).find((g) => g !== undefined));
        const keys = [name, name.replace(/^\./, ''), ...[...name.matchAll(/"((?:[^"\\]|\\.)*)"/g)].slice(-1).map((s) => s[1])];
        const key = keys.find((k) => Object.hasOwn(values, k)) ?? keys.map((k) => folded.get(k.toLowerCase())).find((k) => k !== undefined);
        const bare = keys.at(-1);
        let made;
        const shell = shellDefaults && key === undefined && whole.startsWith('${') ? shellDefault(name, values, folded) : null;
        if (shell) {
            fills.push({ at: m.index, text: whole, to: out.length, key: shell.key, filled: shell.value, kind: 'value' });
            out += shell.value;
            continue;
        }
        if (key !== undefined)
            made = { filled: values[key], kind: 'value' };
        else if (afterWord(sql, m) || inRanges((literals ??= dataRanges(sql)), m.index)) {
            out += whole;
            continue;
        }
        else if (/^\{\{.*\}\}$/.test(whole) && SILENT_ACTION.test(actionText(whole.slice(2, -2))))
            made = { filled: ' '.repeat(whole.length), kind: 'blank' };
        else
            made = { filled: standInFor(whole, bare), kind: 'stand-in' };
        fills.push({ at: m.index, text: whole, to: out.length, key: key ?? bare, ...made });
        out += made.filled;
    }
    return { sql: out + sql.slice(last), fills };
}
/**
 * The placeholders of `sql` and, within goose's ENVSUB regions, its bare `$NAME` variables, in order; of two that overlap,
 * the one that starts first, as goose's interpolation reads a line from left to right.
 */
function withEnvsubTokens(sql, regex, envsub) {
    const tokens = [...sql.matchAll(ENVSUB_TOKEN)].filter((m) => m[0] !== '$$' && inRanges(envsub, m.index));
    const all = [...sql.matchAll(regex), ...tokens].sort((a, b) => a.index - b.index);
    let end = 0;
    return all.filter((m) => {
        if (m.index < end)
            return false;
        end = m.index + m[0].length;
        return true;
    });
}
/**
 * An environment-style `${NAME:-word}` or `${NAME-word}`, as goose's ENVSUB and the shell expand it: NAME's value,
 * else `word` (`:-` also when the value is empty). NAME in capitals only, so a Flyway `${app-schema}` stays a name.
 */
function shellDefault(name, values, folded) {
    const m = /^([A-Z_][A-Z0-9_]*)(:?-)(.*)$/s.exec(name);
    if (!m)
        return null;
    const [, key, op, word] = m;
    const set = Object.hasOwn(values, key) ? key : folded.get(key.toLowerCase());
    const value = set === undefined ? undefined : values[set];
    return { key, value: value === undefined || (op === ':-' && value === '') ? word : value };
}
/**
 * A capitals placeholder right after a letter, digit or `:` is taken only when it has a value, as graphile-migrate takes
 * its keys anywhere: one without a value there is a cast (`x::TEXT`) or an array slice (`a[1:N]`).
 */
function afterWord(sql, m) {
    return Object.values(m.groups ?? {}).some((g) => g !== undefined) && /[\w:]/.test(sql[m.index - 1] ?? '');
}
/** PostgreSQL cuts identifiers longer than this, and a cut stand-in would not read back as its placeholder. */
const MAX_IDENTIFIER = 63;
/**
 * An identifier named after the placeholder, as long as it where it can be (so a message that quotes
 * the filled text still lines up), and unlike any word that `clashes`, so it maps back exactly.
 */
function standIn(key, length, clashes) {
    // Room is kept for a `_` and a counter within MAX_IDENTIFIER.
    const stem = key.replace(/\W/g, '_').replace(/^(?=\d)/, 'p').slice(0, MAX_IDENTIFIER - 8);
    const size = Math.min(Math.max(length, stem.length + 1), MAX_IDENTIFIER);
    for (let n = 0;; n++) {
        const word = n === 0 ? stem.padEnd(size, '_') : `${stem}_`.padEnd(size - String(n).length, '_') + n;
        if (!clashes(word))
            return word;
    }
}
/** Whether `word` (letters, digits and `_`) occurs in `text` as a whole identifier, case ignored. */
function containsWord(text, word) {
    return new RegExp(`(?<![\\w$])${word}(?![\\w$])`, 'i').test(text);
}
/** A Go action's text without its `{{- ` / ` -}}` trim markers and outer spaces; a plain name as it is. */
function actionText(captured) {
    return captured.replace(/^-(?=\s)/, '').replace(/(?<=\s)-$/, '').trim();
}
/** Whether `offset` falls in one of `ranges` (sorted [start, end) pairs). */
function inRanges(ranges, offset) {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ranges[mid][1] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ranges.length && ranges[lo][0] <= offset;
}
const STICKY_ACTION = new RegExp(GO_ACTION, 'y');
/**
 * The spans where a placeholder without a value is data: string literals, comments, and inline COPY rows, which
 * are lexed as blanks (a quote in a row opens no string). A value fills them all, as Flyway replaces placeholders
 * before it splits the file; psql has no such placeholders.
 */
function dataRanges(sql) {
    const copies = (0,_copy_data_js__WEBPACK_IMPORTED_MODULE_0__/* .copyData */ .kF)(sql);
    if (copies.length === 0)
        return literalRanges(sql);
    const ranges = literalRanges((0,_copy_data_js__WEBPACK_IMPORTED_MODULE_0__/* .blankCopyData */ .So)(sql, copies));
    for (const c of copies)
        ranges.push([c.start, c.resume]);
    return ranges.sort((a, b) => a[0] - b[0]);
}
/**
 * The [start, end) spans of the string literals and comments in sql[from, to), in order. A $$-quoted
 * body is read as code (function and DO bodies hold templated SQL), its own strings and comments
 * included; quoted identifiers are code too.
 */
function literalRanges(sql, from = 0, to = sql.length, out = []) {
    let i = from;
    while (i < to) {
        const c = sql[i];
        const next = sql[i + 1];
        let end = i + 1;
        if (c === '-' && next === '-') {
            const eol = sql.indexOf('\n', i);
            end = eol === -1 || eol > to ? to : eol;
            out.push([i, end]);
        }
        else if (c === '/' && next === '*') {
            end = Math.min((0,_split_js__WEBPACK_IMPORTED_MODULE_1__/* .skipBlockComment */ .cv)(sql, i), to);
            out.push([i, end]);
        }
        else if (c === "'") {
            end = Math.min((0,_split_js__WEBPACK_IMPORTED_MODULE_1__/* .skipQuoted */ .er)(sql, i, "'", /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '')), to);
            out.push([i, end]);
        }
        else if (c === '"') {
            end = Math.min((0,_split_js__WEBPACK_IMPORTED_MODULE_1__/* .skipQuoted */ .er)(sql, i, '"'), to);
        }
        else if (c === '{' && next === '{') {
            // A whole action is skipped, so a quote inside it ({{ "\"" }}) cannot open a string.
            STICKY_ACTION.lastIndex = i;
            if (STICKY_ACTION.test(sql))
                end = Math.min(STICKY_ACTION.lastIndex, to);
        }
        else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
            _split_js__WEBPACK_IMPORTED_MODULE_1__/* .DOLLAR_TAG */ .s9.lastIndex = i;
            const tag = _split_js__WEBPACK_IMPORTED_MODULE_1__/* .DOLLAR_TAG */ .s9.exec(sql)?.[0];
            if (tag) {
                const open = i + tag.length;
                const close = sql.indexOf(tag, open);
                const bodyEnd = close === -1 || close + tag.length > to ? to : close;
                literalRanges(sql, open, bodyEnd, out);
                end = bodyEnd === to ? to : bodyEnd + tag.length;
            }
        }
        i = end;
    }
    return out;
}


/***/ }),

/***/ 5498:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ quoted)
/* harmony export */ });
// An identifier always double-quoted, for SQL the tool sends itself (scratch databases, history tables).
function quoted(name) {
    return `"${name.replace(/"/g, '""')}"`;
}


/***/ }),

/***/ 1809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MZ: () => (/* binding */ overflows),
/* harmony export */   Nj: () => (/* binding */ guarded),
/* harmony export */   gj: () => (/* binding */ deepStatement),
/* harmony export */   serveParser: () => (/* binding */ serveParser)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _split_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6448);
// A statement nested too deep overflows the stack inside the WASM parser, and that leaks the parser's own (shadow)
// stack: libpg-query cannot restore it, so a thread that overflowed a few times breaks or hangs. And how deep a
// statement may be depends on the thread's stack. So a parse that overflows here is done again in a side worker
// with a fixed stack above every thread's, called synchronously; it gives the same answer whichever thread asks.





/**
 * The side worker's stack: 1.5 times a worker's default (4 MB), 6 times the main thread's, so every statement that
 * parses in a thread parses there (`1+1+...`: 58,500 terms, a worker 38,400, the main thread 9,600). Not more: one
 * overflow at 6 MB takes up to 8.4 MB of the parser's 33 MB shadow stack, and a piece can overflow twice (see serveParser).
 */
const SIDE_STACK_MB = 6;
/** Overflows a thread lives through before all its parses go to the side worker: each leaks up to 5.5 MB of shadow stack in a worker. */
const OVERFLOWS_HERE = 2;
/** How long a thread waits on one answer: far longer than a parse of the largest piece (4 MB) takes. */
const ANSWER_MS = 120_000;
/** Whether the parser ran out of stack (its WASM shares the JavaScript stack); by name, as the error may come from another realm. */
const overflows = (e) => e?.name === 'RangeError' && /call stack/i.test(String(e.message));
/**
 * Where the statement too deep for `parse` starts in `text`: parsed alone, statement by statement (cut at top-level
 * semicolons, a cut that splits a statement, as in a BEGIN ATOMIC body, being passed over), it is the one that overflows.
 */
function deepStatement(text, parse) {
    let from = 0;
    for (const cut of [...(0,_split_js__WEBPACK_IMPORTED_MODULE_4__/* .topLevelSemicolons */ .MT)(text), text.length]) {
        try {
            parse(text.slice(from, cut));
            from = cut;
        }
        catch (e) {
            if (overflows(e))
                return (0,_split_js__WEBPACK_IMPORTED_MODULE_4__/* .skipTrivia */ .pU)(text, from);
        }
    }
    return 0;
}
/** The CLI bundle, which serves as the side worker: beside this code in dist/, where both bundles keep every chunk. */
const BUNDLE = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url)), 'cli.js');
/** Null when running from source (tests): no bundle, and an overflow stays in its thread. */
let entry;
const sideEntry = () => (entry === undefined ? (entry = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(BUNDLE) ? BUNDLE : null) : entry);
let overflowedHere = 0;
/** The side worker that serves this thread (one that overflowed is replaced at once); null before the first call. */
let side = null;
/**
 * `call` on `text`: in this thread (by `here`) while it has overflowed fewer than OVERFLOWS_HERE times, redone in
 * the side worker when it overflows; from then on in the side worker at once. Throws what the call throws, wherever it ran.
 */
function guarded(call, text, here) {
    const bundle = sideEntry();
    if (!bundle || overflowedHere < OVERFLOWS_HERE) {
        try {
            return here(text);
        }
        catch (e) {
            if (!bundle || !overflows(e))
                throw e;
            overflowedHere++;
        }
    }
    return onSide(bundle, call, text);
}
function onSide(bundle, call, text) {
    const s = (side ??= startSide(bundle));
    Atomics.store(s.signal, 0, 0);
    s.port.postMessage({ call, text });
    Atomics.wait(s.signal, 0, 0, ANSWER_MS);
    const answer = (0,node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.receiveMessageOnPort)(s.port)?.message;
    if (!answer || answer.spent) {
        // Its stack leaked as this thread's would have: the next call gets a fresh worker, which boots meanwhile.
        void s.worker.terminate();
        side = answer ? startSide(bundle) : null;
    }
    if (!answer)
        throw new Error(`the parser's side worker did not answer (${bundle})`);
    if ('json' in answer)
        return JSON.parse(answer.json);
    const { message, ...fields } = answer.error;
    throw Object.assign(new Error(message), fields);
}
function startSide(bundle) {
    const { port1, port2 } = new node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    // bin.ts starts serveParser on `parserWorker`.
    const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.Worker(bundle, {
        workerData: { parserWorker: { port: port2, signal } },
        transferList: [port2],
        resourceLimits: { stackSizeMb: SIDE_STACK_MB },
    });
    // Answers are read synchronously: neither the worker nor its port keeps the process alive.
    worker.unref();
    port1.unref();
    return { worker, port: port1, signal };
}
/**
 * The side worker: answers each call on `port` and wakes the waiting thread through `signal`; says so there when it
 * exits. A piece that overflows is searched for its deep statement here at once, which overflows a second time: two
 * overflows leave room on the shadow stack, and a fresh worker takes the next call.
 */
async function serveParser() {
    const { port, signal } = node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.workerData.parserWorker;
    const wake = (state) => {
        Atomics.store(signal, 0, state);
        Atomics.notify(signal, 0);
    };
    process.on('exit', () => wake(2));
    const pg = await __webpack_require__.e(/* import() */ 627).then(__webpack_require__.t.bind(__webpack_require__, 2627, 23));
    await pg.loadModule();
    let spent = false;
    const watched = (parse) => (text) => {
        try {
            return parse(text);
        }
        catch (e) {
            // A WebAssembly trap (out of memory, say) leaves the WASM stack as an overflow does.
            spent ||= overflows(e) || e?.name === 'RuntimeError';
            throw e;
        }
    };
    const parse = watched(pg.parseSync);
    const calls = {
        parseSync: parse,
        parsePlPgSQLSync: watched(pg.parsePlPgSQLSync),
        parsePiece: (text) => {
            try {
                return parse(text);
            }
            catch (e) {
                throw overflows(e) ? Object.assign(e, { at: deepStatement(text, parse) }) : e;
            }
        },
    };
    port.on('message', ({ call, text }) => {
        let answer;
        try {
            answer = { json: toJson(calls[call](text)), spent };
        }
        catch (e) {
            const { name, message } = e;
            answer = { error: { ...e, name, message }, spent };
        }
        port.postMessage(answer);
        wake(1);
    });
}
/** Punctuation between the values toJson writes. */
class Mark {
    text;
    constructor(text) {
        this.text = text;
    }
}
/** JSON of a parse tree, without recursion: JSON.stringify and structured clone recurse, and overflow on a tree this deep. */
function toJson(root) {
    const out = [];
    const todo = [root];
    while (todo.length) {
        const value = todo.pop();
        if (value instanceof Mark)
            out.push(value.text);
        else if (value === null || typeof value !== 'object')
            out.push(JSON.stringify(value));
        else if (Array.isArray(value)) {
            todo.push(new Mark(']'));
            for (let i = value.length - 1; i >= 0; i--)
                todo.push(value[i], new Mark(i ? ',' : '['));
            if (!value.length)
                todo.push(new Mark('['));
        }
        else {
            const keys = Object.keys(value);
            todo.push(new Mark('}'));
            for (let i = keys.length - 1; i >= 0; i--)
                todo.push(value[keys[i]], new Mark(`${i ? ',' : '{'}${JSON.stringify(keys[i])}:`));
            if (!keys.length)
                todo.push(new Mark('{'));
        }
    }
    return out.join('');
}


/***/ }),

/***/ 6448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hn: () => (/* binding */ nextSemicolon),
/* harmony export */   Jg: () => (/* binding */ chunkAtStatements),
/* harmony export */   MT: () => (/* binding */ topLevelSemicolons),
/* harmony export */   cv: () => (/* binding */ skipBlockComment),
/* harmony export */   er: () => (/* binding */ skipQuoted),
/* harmony export */   pU: () => (/* binding */ skipTrivia),
/* harmony export */   s9: () => (/* binding */ DOLLAR_TAG)
/* harmony export */ });
// Finds top-level statement boundaries lexically (quotes, dollar quotes, comments), only to cut inputs too large
// for the WASM parser into chunks and to find inline COPY data; the parser itself still decides what is SQL.
/** Offsets just past each top-level `;` in `sql`. */
function topLevelSemicolons(sql) {
    const cuts = [];
    for (let cut = nextSemicolon(sql, 0); cut !== -1; cut = nextSemicolon(sql, cut))
        cuts.push(cut);
    return cuts;
}
/** The offset just past the first top-level `;` in sql[from, to), or -1 when there is none. */
function nextSemicolon(sql, from, to = sql.length) {
    let i = from;
    while (i < to) {
        const c = sql.charCodeAt(i);
        if (c === 59 /* ; */) {
            return i + 1;
        }
        else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
            const eol = sql.indexOf('\n', i);
            i = eol === -1 ? sql.length : eol + 1;
        }
        else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
            i = skipBlockComment(sql, i);
        }
        else if (c === 39 /* ' */ || c === 34 /* " */) {
            i = skipQuoted(sql, i, sql[i]);
        }
        else if (c === 36 /* $ */) {
            i = skipDollarQuoted(sql, i);
        }
        else {
            i++;
        }
    }
    return -1;
}
function skipBlockComment(sql, start) {
    let depth = 0;
    let i = start;
    while (i < sql.length) {
        if (sql.startsWith('/*', i)) {
            depth++;
            i += 2;
        }
        else if (sql.startsWith('*/', i)) {
            depth--;
            i += 2;
            if (depth === 0)
                return i;
        }
        else
            i++;
    }
    return sql.length;
}
/** The offset just past the quote that closes the one at `start`: a doubled quote escapes, and so does `\` in an E'' string. */
function skipQuoted(sql, start, quote, backslashes = false) {
    for (let i = start + 1; i < sql.length; i++) {
        if (backslashes && sql[i] === '\\')
            i++;
        else if (sql[i] === quote) {
            if (sql[i + 1] !== quote)
                return i + 1;
            i++;
        }
    }
    return sql.length;
}
const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/y;
function skipDollarQuoted(sql, start) {
    // `$1` is a parameter, not a quote; identifiers may contain `$` but never start with it.
    const prev = start > 0 ? sql[start - 1] : ' ';
    if (/[\w$]/.test(prev))
        return start + 1;
    DOLLAR_TAG.lastIndex = start;
    const m = DOLLAR_TAG.exec(sql);
    if (!m)
        return start + 1;
    const tag = m[0];
    const end = sql.indexOf(tag, start + tag.length);
    return end === -1 ? sql.length : end + tag.length;
}
/** Splits `sql` into pieces of about `size` characters, each ending at a top-level `;`. */
function chunkAtStatements(sql, size) {
    const chunks = [];
    let from = 0;
    let last = 0;
    for (const cut of topLevelSemicolons(sql)) {
        if (cut - from > size && last > from) {
            chunks.push({ offset: from, text: sql.slice(from, last) });
            from = last;
        }
        last = cut;
    }
    if (from < sql.length)
        chunks.push({ offset: from, text: sql.slice(from) });
    return chunks;
}
/** The first offset at or after `from` that is neither white space nor a comment. */
function skipTrivia(sql, from, to = sql.length) {
    let i = from;
    while (i < to) {
        const c = sql.charCodeAt(i);
        if (c === 32 || (c >= 9 && c <= 13) || c === 0xfeff)
            i++;
        else if (c === 45 && sql.charCodeAt(i + 1) === 45) {
            const eol = sql.indexOf('\n', i);
            i = eol === -1 ? to : eol + 1;
        }
        else if (c === 47 && sql.charCodeAt(i + 1) === 42)
            i = skipBlockComment(sql, i);
        else
            break;
    }
    return Math.min(i, to);
}


/***/ }),

/***/ 4023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ir: () => (/* binding */ walkTree),
/* harmony export */   MJ: () => (/* binding */ runDeep),
/* harmony export */   _j: () => (/* binding */ someInTree),
/* harmony export */   cY: () => (/* binding */ nested)
/* harmony export */ });
// Reading parse trees as deep as PostgreSQL takes them (`1+1+...` thousands of terms nests thousands of nodes) without
// recursion, which would overflow the call stack: a depth-first walk from a stack of its own, and a driver for
// computations that call each other recursively (written as generators that yield their calls).
/**
 * Walks the tree under `root` depth first, in the order its fields and items come. `enter(node, key)` sees the root and every
 * node and list below it (not their strings, numbers and booleans), `key` the field holding it (undefined for the root and
 * list items); false keeps the walk out of it.
 */
function walkTree(root, enter) {
    if (!root || typeof root !== 'object')
        return;
    const nodes = [root];
    const keys = [undefined];
    while (nodes.length) {
        const node = nodes.pop();
        if (enter(node, keys.pop()) === false)
            continue;
        // Pushed last to first, so that they come off the stack first to last.
        if (Array.isArray(node)) {
            for (let i = node.length - 1; i >= 0; i--) {
                const item = node[i];
                if (item && typeof item === 'object') {
                    nodes.push(item);
                    keys.push(undefined);
                }
            }
        }
        else {
            const fields = Object.keys(node);
            for (let i = fields.length - 1; i >= 0; i--) {
                const value = node[fields[i]];
                if (value && typeof value === 'object') {
                    nodes.push(value);
                    keys.push(fields[i]);
                }
            }
        }
    }
}
/** Whether `test` holds for a node or list in the tree under `root` (see walkTree). */
function someInTree(root, test) {
    let found = false;
    // Once found, the nodes still on the walk's stack are passed over without a look inside.
    walkTree(root, (node, key) => !found && !(found = test(node, key)));
    return found;
}
/** Runs `computation` (see Deep) and gives its result. */
function runDeep(computation) {
    // Most finish without needing another (a leaf of the tree): no stack for them.
    const first = computation.next();
    if (first.done)
        return first.value;
    const stack = [computation, first.value];
    let result;
    for (;;) {
        const step = stack[stack.length - 1].next(result);
        if (step.done) {
            stack.pop();
            result = step.value;
            if (!stack.length)
                return result;
        }
        else {
            stack.push(step.value);
            result = undefined;
        }
    }
}
/** In a Deep computation, `yield* nested(other)` is `other`'s result, other run by runDeep in turn. */
function* nested(computation) {
    return (yield computation);
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ TOOL_VERSION)
/* harmony export */ });
// The tool's own version, for the report and --version; kept in step with package.json by a test.
const TOOL_VERSION = '0.1.0';


/***/ })

};
