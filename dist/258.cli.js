export const id = 258;
export const ids = [258,703];
export const modules = {

/***/ 2703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   flywaySearchPath: () => (/* binding */ flywaySearchPath),
/* harmony export */   readFlywayConfig: () => (/* binding */ readFlywayConfig)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _sql_quoted_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5498);
/* harmony import */ var _sql_placeholders_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(816);
// Flyway's own configuration, read as the Flyway CLI started in the project root reads it (flyway/flyway ConfigUtils,
// ConfigurationManagerImpl, TomlUtils, ModernConfigurationManager): flyway.toml with flyway.user.toml over it (Flyway
// 10+), flyway.conf only when neither exists, and FLYWAY_* environment variables over either. The install folder's and
// the home folder's files are not the project's, and are not read.





const TOML_FILES = ['flyway.toml', 'flyway.user.toml'];
const DEFAULT_TABLE = 'flyway_schema_history';
const CONF_FILE = 'flyway.conf';
const PLACEHOLDER_KEY = 'flyway.placeholders.';
const PLACEHOLDER_VARIABLE = 'FLYWAY_PLACEHOLDERS_';
async function readFlywayConfig(root, env) {
    const toml = TOML_FILES.filter((name) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, name)));
    const fromEnv = environmentSettings(env);
    if (!toml.length)
        return runnerConfig(merge(confSettings(root, env), fromEnv));
    const layers = await Promise.all(toml.map((name) => readToml(root, name, env)));
    const flyway = merge(...layers.map((l) => l.flyway));
    const selected = env.FLYWAY_ENVIRONMENT || layers.map((l) => l.flyway.environment).filter(Boolean).pop() || 'default';
    const environment = layers.map((l) => l.environments[selected] ?? {});
    // An environment's own [environments.NAME.flyway] settings override [flyway]; FLYWAY_SCHEMAS goes to the environment.
    return runnerConfig(merge(flyway, fromEnv, ...environment.map((e) => e.flyway ?? {}), { schemas: fromEnv.schemas ?? environment.map((e) => e.schemas).filter(Boolean).pop() }));
}
/** Later layers win, key by key; placeholders merge name by name. */
function merge(...layers) {
    const out = {};
    for (const layer of layers) {
        for (const [key, value] of Object.entries(layer))
            if (value !== undefined && key !== 'placeholders')
                Object.assign(out, { [key]: value });
        if (layer.placeholders)
            out.placeholders = { ...out.placeholders, ...layer.placeholders };
    }
    return out;
}
/** The path Flyway puts on a connection whose own is PostgreSQL's default: its schema in front. */
const flywaySearchPath = (schema) => `${(0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .T)(schema)}, "$user", public`;
/**
 * What the gate takes from Flyway's settings: the values of its placeholders and built-ins, their syntax, the search path,
 * the history table, the schemas Flyway creates and whether it takes mixed migrations.
 */
function runnerConfig(settings) {
    const schema = settings.defaultSchema ?? settings.schemas?.[0];
    const table = (0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .T)(settings.table ?? DEFAULT_TABLE);
    const managed = {
        // Before each migration Flyway puts the default schema in front of the connection's search path (PostgreSQLConnection).
        ...(schema ? { searchPath: flywaySearchPath(schema) } : {}),
        // The history table is `table` in the default schema, else in the connection's current one (SchemaHistoryFactory), quoted.
        ...(schema || settings.table ? { historyTable: schema ? `${(0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_3__/* .quoted */ .T)(schema)}.${table}` : table } : {}),
        // With createSchemas (the default) Flyway creates the missing ones, the default schema first, before it migrates (DbSchemas).
        ...(schema && settings.createSchemas !== false ? { schemas: [...new Set([schema, ...(settings.schemas ?? [])])] } : {}),
        // With mixed Flyway takes a migration that mixes what it runs outside a transaction with the rest, and runs all of it outside one (ParserSqlScript).
        ...(settings.mixed ? { mixed: true } : {}),
    };
    if (settings.placeholderReplacement === false)
        return { placeholders: {}, placeholderPatterns: [], unset: {}, ...managed };
    const values = {
        ...(schema ? { 'flyway:defaultSchema': schema } : {}),
        ...(settings.table ? { 'flyway:table': settings.table } : {}),
        ...settings.placeholders,
    };
    const config = { placeholders: {}, unset: {}, ...managed };
    for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'string')
            config.placeholders[name] = value;
        else
            config.unset[name.toLowerCase()] = value;
    }
    const pattern = `${settings.placeholderPrefix ?? '${'}name${settings.placeholderSuffix ?? '}'}`;
    if (pattern !== '${name}')
        config.placeholderPatterns = _sql_placeholders_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_PLACEHOLDER_PATTERNS */ .Wd.map((p) => (p === '${name}' ? pattern : p));
    return config;
}
/** The FLYWAY_* variables Flyway reads over its files (ConfigUtils.convertKey); FLYWAY_PLACEHOLDERS_X names `x`. */
function environmentSettings(env) {
    const placeholders = Object.fromEntries(Object.entries(env).flatMap(([key, value]) => key.startsWith(PLACEHOLDER_VARIABLE) && key.length > PLACEHOLDER_VARIABLE.length && value !== undefined
        ? [[key.slice(PLACEHOLDER_VARIABLE.length).toLowerCase(), value]]
        : []));
    const replacement = env.FLYWAY_PLACEHOLDER_REPLACEMENT;
    return {
        ...(Object.keys(placeholders).length ? { placeholders } : {}),
        placeholderPrefix: env.FLYWAY_PLACEHOLDER_PREFIX || undefined,
        placeholderSuffix: env.FLYWAY_PLACEHOLDER_SUFFIX || undefined,
        placeholderReplacement: replacement ? bool(replacement, 'placeholderReplacement', () => 'the environment variable FLYWAY_PLACEHOLDER_REPLACEMENT') : undefined,
        defaultSchema: env.FLYWAY_DEFAULT_SCHEMA || undefined,
        schemas: env.FLYWAY_SCHEMAS ? list(env.FLYWAY_SCHEMAS) : undefined,
        createSchemas: env.FLYWAY_CREATE_SCHEMAS ? bool(env.FLYWAY_CREATE_SCHEMAS, 'createSchemas', () => 'the environment variable FLYWAY_CREATE_SCHEMAS') : undefined,
        table: env.FLYWAY_TABLE || undefined,
        mixed: env.FLYWAY_MIXED ? bool(env.FLYWAY_MIXED, 'mixed', () => 'the environment variable FLYWAY_MIXED') : undefined,
    };
}
function bool(value, key, where) {
    if (/^(true|false)$/i.test(value))
        return value.toLowerCase() === 'true';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`${where()}: ${key} must be true or false, as Flyway requires; got ${JSON.stringify(value)}`);
}
const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
/** flyway.conf's settings, with its `${VAR}` environment references filled in (ConfigUtils.expandEnvironmentVariables). */
function confSettings(root, env) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, CONF_FILE);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        return {};
    const properties = readProperties((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    // Flyway fills an unset variable with '': a setting left so is not set; a placeholder has no value, and the advice says why.
    const text = (key) => {
        const value = properties.get(key)?.value;
        const filled = value === undefined ? undefined : expand(value, env);
        return typeof filled === 'string' && filled ? filled : undefined;
    };
    const flag = (key) => {
        const property = properties.get(`flyway.${key}`);
        return property && bool(property.value, key, () => `${CONF_FILE} line ${property.line}`);
    };
    const schemas = text('flyway.schemas');
    return {
        placeholders: Object.fromEntries([...properties].filter(([key]) => key.startsWith(PLACEHOLDER_KEY)).map(([key, { value }]) => [key.slice(PLACEHOLDER_KEY.length), expand(value, env)])),
        placeholderPrefix: text('flyway.placeholderPrefix'),
        placeholderSuffix: text('flyway.placeholderSuffix'),
        placeholderReplacement: flag('placeholderReplacement'),
        defaultSchema: text('flyway.defaultSchema'),
        schemas: schemas ? list(schemas) : undefined,
        createSchemas: flag('createSchemas'),
        table: text('flyway.table'),
        mixed: flag('mixed'),
    };
}
/** flyway.conf's `${VAR}` and flyway.toml's `${env.VAR}` references. */
const CONF_VARIABLE = /\$\{([A-Za-z0-9_]+)\}/g;
const TOML_VARIABLE = /\$\{env\.([^}]+)\}/g;
/** `value` with the environment references `pattern` finds filled in; the first unset variable (named in `file`) when one is. */
function expand(value, env, pattern = CONF_VARIABLE, file = CONF_FILE) {
    const variable = [...value.matchAll(pattern)].map((m) => m[1]).find((name) => env[name] === undefined);
    return variable ? { variable, file } : value.replace(pattern, (_, name) => env[name]);
}
/**
 * Java properties as Flyway reads them (ConfigUtils.loadConfigurationFromString): lines trimmed, backslashes literal, a
 * trailing backslash joining the next line unless that one is blank or a `flyway.` property of its own; `#` and `!`
 * start comments. Each property with the line it starts on.
 */
function readProperties(text) {
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    const properties = new Map();
    for (let i = 0; i < lines.length; i++) {
        const line = i + 1;
        let logical = lines[i].trim();
        if (logical === '' || logical.startsWith('#') || logical.startsWith('!'))
            continue;
        while (logical.endsWith('\\') && i + 1 < lines.length && continues(lines[i + 1]))
            logical = logical.slice(0, -1) + lines[++i].trim();
        const [, key, value] = /^([^=:\s]*)\s*[=:]?\s*(.*)$/s.exec(logical);
        properties.set(key, { value: value, line });
    }
    return properties;
}
const continues = (next) => next !== '' && !(next.trim().startsWith('flyway.') && next.includes('='));
/** One TOML file's [flyway] and [environments.*] settings, `${env.VAR}` resolved as Flyway's env resolver does. */
async function readToml(root, name, env) {
    const { parse, TomlError } = await __webpack_require__.e(/* import() */ 292).then(__webpack_require__.bind(__webpack_require__, 3292));
    let data;
    try {
        data = parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, name), 'utf8'));
    }
    catch (e) {
        const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`${name}: not valid TOML${where}: ${e.message.split('\n')[0]}; Flyway cannot read it either, so fix it there`);
    }
    const fail = (key, what) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .y(`${name}: ${key} ${what}, as Flyway reads it`);
    };
    const table = (value, key) => {
        if (value === undefined)
            return {};
        if (typeof value !== 'object' || value === null || Array.isArray(value))
            fail(key, 'must be a table');
        return value;
    };
    const resolve = (value, key) => {
        if (typeof value === 'object' || value === undefined)
            fail(key, 'must be a string');
        return expand(String(value), env, TOML_VARIABLE, name);
    };
    const text = (value, key) => {
        if (value === undefined)
            return undefined;
        const resolved = resolve(value, key);
        return typeof resolved === 'string' && resolved ? resolved : undefined;
    };
    const settings = (value, key) => {
        const t = table(value, key);
        const flag = (name) => {
            if (t[name] !== undefined && typeof t[name] !== 'boolean')
                fail(`${key}.${name}`, 'must be true or false');
            return t[name];
        };
        return {
            placeholders: Object.fromEntries(Object.entries(table(t.placeholders, `${key}.placeholders`)).map(([n, v]) => [n, resolve(v, `${key}.placeholders.${n}`)])),
            placeholderPrefix: text(t.placeholderPrefix, `${key}.placeholderPrefix`),
            placeholderSuffix: text(t.placeholderSuffix, `${key}.placeholderSuffix`),
            placeholderReplacement: flag('placeholderReplacement'),
            defaultSchema: text(t.defaultSchema, `${key}.defaultSchema`),
            createSchemas: flag('createSchemas'),
            table: text(t.table, `${key}.table`),
            mixed: flag('mixed'),
            environment: text(t.environment, `${key}.environment`),
        };
    };
    const schemas = (value, key) => {
        if (value === undefined)
            return undefined;
        if (typeof value === 'string')
            return list(value);
        if (!Array.isArray(value))
            fail(key, 'must be a list of schema names');
        return value.map((s, i) => text(s, `${key}[${i}]`)).filter((s) => s !== undefined);
    };
    return {
        flyway: settings(data.flyway, 'flyway'),
        environments: Object.fromEntries(Object.entries(table(data.environments, 'environments')).map(([key, value]) => {
            const t = table(value, `environments.${key}`);
            return [key, { schemas: schemas(t.schemas, `environments.${key}.schemas`), ...(t.flyway !== undefined ? { flyway: settings(t.flyway, `environments.${key}.flyway`) } : {}) }];
        })),
    };
}


/***/ }),

/***/ 8375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ dryRunPathReset),
/* harmony export */   i: () => (/* binding */ runnerSearchPath)
/* harmony export */ });
/* harmony import */ var _config_runner_placeholders_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5024);
/* harmony import */ var _config_flyway_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2703);
/* harmony import */ var _sql_quoted_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5498);
// The search path a runner puts on its connection for the migrations, which `apply` and the dry-run put there as the
// runner does, so unqualified objects land where the runner would create them. Flyway, before each migration, puts its
// schema (defaultSchema, else the first of schemas, else the connection's current one: SchemaHistoryFactory
// prepareSchemas) in front of the connection's own path (flyway/flyway DbMigrate.doMigrateGroup and PostgreSQLConnection
// changeCurrentSchemaTo), so a migration's own SET lasts only to its end; graphile-migrate sets its pgSettings once on
// the connection, before anything runs (graphile/migrate src/pgReal.ts withClient). Both as a session setting
// (set_config(..., false)).



const LEFT_ALONE = { start: async () => undefined, beforeEach: async () => undefined };
const setSearchPath = async (session, path) => {
    await session.query(`SELECT set_config('search_path', $1, false)`, [path]);
};
/** Flyway's path on `session`, a fresh connection, and its schema; null where Flyway leaves the path alone. */
async function flywayPath(session, options) {
    const [{ schema: current, path: original }] = await session.query('SELECT current_schema AS schema, current_setting($1) AS path', ['search_path']);
    const schema = (0,_config_runner_placeholders_js__WEBPACK_IMPORTED_MODULE_0__/* .flywayDefaultSchema */ .Bo)(options) ?? current;
    // Flyway reads the connection's path once, when it connects, and leaves it alone where it already starts with the schema.
    if (!schema || original === schema || original.startsWith(`${schema},`))
        return null;
    return { schema, path: original ? `${(0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(schema)},${original}` : (0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(schema) };
}
/** What the preset's runner does to the search path of `session`, a fresh connection to the target whose path is still the role's own. */
async function runnerSearchPath(session, options) {
    const path = options.dryRun.searchPath;
    if (options.preset === 'graphile-migrate' && path)
        return { start: (s) => setSearchPath(s, path), beforeEach: LEFT_ALONE.beforeEach };
    const flyway = options.preset === 'flyway' ? await flywayPath(session, options) : null;
    if (!flyway)
        return LEFT_ALONE;
    return {
        start: LEFT_ALONE.start,
        async beforeEach(s) {
            // ...and while the schema does not exist (createSchemas off, or a migration yet to create it).
            const exists = await s.query(`SELECT FROM pg_namespace WHERE nspname = $1`, [flyway.schema]);
            if (exists.length)
                await setSearchPath(s, flyway.path);
        },
    };
}
/**
 * What the dry-run puts back before each migration on its engine's session, where the path it set at the start (its
 * searchPath: the runner's configuration or --search-path) stands for the runner's: Flyway's, each time; null for a
 * runner that sets its path once. With no schema configured, Flyway's is the session's current schema in front of
 * PostgreSQL's default path, which a production connection has where an engine may not (PGlite's is `public` alone).
 */
async function dryRunPathReset(session, options) {
    if (options.preset !== 'flyway')
        return null;
    const given = options.dryRun.searchPath;
    const schema = given ? null : (await session.query('SELECT current_schema AS schema'))[0].schema;
    const path = given ?? (schema && (0,_config_flyway_config_js__WEBPACK_IMPORTED_MODULE_1__.flywaySearchPath)(schema));
    return path ? (s) => setSearchPath(s, path) : null;
}


/***/ }),

/***/ 7070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nn: () => (/* binding */ toServerError),
/* harmony export */   R6: () => (/* binding */ NO_LEFTOVERS),
/* harmony export */   iR: () => (/* binding */ majorVersion)
/* harmony export */ });
// The Engine contract: a narrow driver (a Session that runs SQL) behind which a server URL, a
// throwaway local cluster and embedded PGlite all fit, plus the error shape they all report.
const NO_LEFTOVERS = { notPutBack: [], unnamed: [] };
function toServerError(e) {
    const err = e;
    const position = Number(err?.position);
    const where = typeof err?.where === 'string' ? err.where : '';
    const copyLine = Number(/(?:^|\n)COPY .*?, line (\d+)/.exec(where)?.[1]);
    // The DO block itself is the last frame: a function it called failed further up the stack.
    const blockLine = Number([...where.matchAll(/PL\/pgSQL function inline_code_block line (\d+) at/g)].at(-1)?.[1]);
    const internalPosition = Number(err?.internalPosition);
    return {
        sqlstate: typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : 'XX000',
        message: typeof err?.message === 'string' ? err.message : String(e),
        ...(typeof err?.detail === 'string' && err.detail ? { detail: err.detail } : {}),
        ...(typeof err?.hint === 'string' && err.hint ? { hint: err.hint } : {}),
        ...(Number.isInteger(position) && position > 0 ? { position } : {}),
        ...(copyLine > 0 ? { copyLine } : {}),
        ...(blockLine > 0 ? { blockLine } : {}),
        ...(typeof err?.internalQuery === 'string' && internalPosition > 0 ? { internal: { query: err.internalQuery, position: internalPosition } } : {}),
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
/* harmony export */   AE: () => (/* binding */ joinsTransaction),
/* harmony export */   CO: () => (/* binding */ replayFile),
/* harmony export */   Zo: () => (/* binding */ runPending),
/* harmony export */   eI: () => (/* binding */ errorPlace),
/* harmony export */   tN: () => (/* binding */ send),
/* harmony export */   xm: () => (/* binding */ mapError)
/* harmony export */ });
/* unused harmony export lineOf */
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(934);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _sql_copy_data_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6652);
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5811);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7070);
/* harmony import */ var _rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6832);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6514);
// Runs one migration's statements on a Session the way its runner would, and maps a server error back to
// the file's line and column, in the file's own words. Pending migrations also get their locks recorded per
// statement and a re-run proof that is rolled back.







const SHOWN_STATEMENT = 300;
/**
 * Where a server error points in the file: its `position` (1-based, in the text sent, which began at `sentAt`), the
 * COPY row it names, or the statement that failed; its words name placeholders as the file writes them, not their stand-ins.
 */
function mapError(plan, err, sentAt, failed) {
    const row = failed?.copy && err.copyLine ? (0,_sql_copy_data_js__WEBPACK_IMPORTED_MODULE_5__/* .rowOffset */ ._w)(plan.sql, failed.copy, err.copyLine, csvOf(failed)) : undefined;
    let offset = err.position ? sentAt + err.position - 1 : (row ?? failed?.start ?? sentAt);
    const stmt = failed ?? (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .statementAt */ .BT)(plan, offset);
    if (!err.position && stmt?.kind === 'DoStmt' && err.blockLine)
        offset = blockOffset(plan.sql, stmt, err.blockLine, err.internal) ?? offset;
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
/**
 * Where line `line` of DO block `stmt`'s body is in `sql` (PL/pgSQL counts from the text right after the opening
 * quote): at the failing statement's own offset when the server gave it (`internal`), else at the line's first word.
 */
function blockOffset(sql, stmt, line, internal) {
    const body = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .scanTokens */ .we)(stmt.text).find((t) => /^(?:\$[^$]*\$|')/.test(t.text));
    if (!body)
        return null;
    let at = stmt.start + body.start + (body.text.startsWith("'") ? 1 : body.text.indexOf('$', 1) + 1);
    for (let n = 1; n < line; n++) {
        const eol = sql.indexOf('\n', at);
        if (eol === -1 || eol >= stmt.end)
            return null;
        at = eol + 1;
    }
    const query = internal ? sql.indexOf(internal.query, at) : -1;
    if (internal && query !== -1 && query < stmt.end)
        return query + internal.position - 1;
    while (at < stmt.end && /[ \t]/.test(sql[at]))
        at++;
    return at;
}
/** Where in the migration's file a finding about `error` goes. */
function errorPlace(plan, error) {
    return { file: plan.migration.file, line: error.line, column: error.column };
}
/** The quote and escape of a COPY in CSV format (PostgreSQL's defaults: both `"`), whose quoted fields may span lines. */
function csvOf(s) {
    const options = new Map();
    for (const o of (s.node.options ?? [])) {
        if (o.DefElem)
            options.set(o.DefElem.defname, o.DefElem.arg?.String?.sval ?? '');
    }
    if (options.get('format')?.toLowerCase() !== 'csv')
        return null;
    const quote = options.get('quote') || '"';
    return { quote, escape: options.get('escape') || quote };
}
/** Sends one statement of `sql` (the plan's text): a `COPY ... FROM STDIN` with the rows that follow it there, as psql does. */
function send(session, sql, s) {
    if (!s.copy)
        return session.exec(s.text);
    return session.copyFrom({ sql: s.text, stdin: s.copy.stdin - s.start, rows: sql.slice(s.copy.start, s.copy.end) });
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
/** What the server said of a statement; the engine's own error (its database is gone) is no statement's, and ends the run. */
function serverError(e) {
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .isUserError */ .i)(e))
        throw e;
    return (0,_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .toServerError */ .Nn)(e);
}
async function run(session, plan, s) {
    const t0 = performance.now();
    try {
        await send(session, plan.sql, s);
    }
    catch (e) {
        throw new StatementFailed(mapError(plan, serverError(e), s.start, s));
    }
    return performance.now() - t0;
}
async function runWhole(session, plan) {
    const t0 = performance.now();
    try {
        await session.exec(plan.sql);
    }
    catch (e) {
        const err = serverError(e);
        throw new StatementFailed(mapError(plan, err, 0), err.position !== undefined);
    }
    return performance.now() - t0;
}
const LOCKS_SQL = `SELECT relation::text AS oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted`;
// Tables made in the run are no one else's until it commits; without them, what the query returns does not grow with the run.
const RUN_LOCKS_SQL = `${LOCKS_SQL} AND relation = ANY($1::oid[])`;
async function locksNow(session, run) {
    return run ? session.query(RUN_LOCKS_SQL, [run.existing]) : session.query(LOCKS_SQL);
}
/** Records locks held now on tables that existed before the migration, first statement to take each wins. */
async function collectLocks(session, tables, into, plan, s, run) {
    const taken = [];
    for (const { oid, mode } of await locksNow(session, run)) {
        const relation = tables.get(oid);
        if (!relation || into.some((l) => l.oid === oid && l.mode === mode) || run?.held.has(`${oid} ${mode}`))
            continue;
        taken.push({ oid, relation: plan.template.restore(relation), mode, line: lineOf(plan, s), statement: s.text });
    }
    // pg_locks lists a server's locks in hash order: sorted, two runs of one migration report them alike.
    taken.sort((a, b) => (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(a.relation, b.relation) || (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(a.mode, b.mode));
    into.push(...taken);
}
/** The one transaction a file runs in throughout, as its runner runs it (unless the file's ROLLBACK ends it); null if none. */
function oneTransaction(parts) {
    const [only, ...rest] = parts;
    return only?.transaction && rest.length === 0 && !only.rollsBack ? only : null;
}
/** Whether the file runs in one transaction it neither opens nor ends itself: it can run in one its runner opened for several files. */
function joinsTransaction(plan) {
    return !plan.statements || plan.copyRowsAsSql || (plan.runAs !== 'query' && oneTransaction((0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .stretches */ .YA)(plan)) !== null);
}
/**
 * A pending migration: applied for real (and committed), locks recorded, then proven re-runnable. `inRun`: in the
 * transaction already open for several files (joinsTransaction), left open; a failure rolls it back.
 */
async function runPending(session, plan, tables, inRun) {
    const result = { error: null, failedIn: null, durationMs: 0, locks: [], rerunError: null };
    // The transaction of the stretch being run: a failure's message says where the runner's way put it.
    const progress = { running: null, durationMs: 0 };
    // In the run's transaction, a savepoint per file: what it writes gets xids of its own, which CatalogWatch tells apart.
    const [open, close] = inRun ? ['SAVEPOINT migration_gate_file', 'RELEASE SAVEPOINT migration_gate_file'] : ['BEGIN', 'COMMIT'];
    try {
        if (!plan.statements || plan.copyRowsAsSql) {
            await session.exec(open);
            result.durationMs = await runWhole(session, plan);
            await session.exec(close);
            return result;
        }
        if (plan.runAs === 'query') {
            result.durationMs = await runAsOneQuery(session, plan, { tables, locks: result.locks });
            result.rerunError = await rerunOutside(session, plan);
            return result;
        }
        const parts = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .stretches */ .YA)(plan);
        const only = oneTransaction(parts);
        // In one transaction throughout: the re-run is rolled back to a savepoint, all of it.
        if (only) {
            progress.running = only.transaction;
            const runLocks = inRun ? { ...inRun, held: new Set((await locksNow(session, inRun)).map((l) => `${l.oid} ${l.mode}`)) } : undefined;
            await session.exec(open);
            for (const s of only.statements) {
                result.durationMs += await run(session, plan, s);
                await collectLocks(session, tables, result.locks, plan, s, runLocks);
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
            await session.exec(close);
            return result;
        }
        await runStretches(session, plan, parts, progress, { tables, locks: result.locks });
        result.durationMs = progress.durationMs;
        result.rerunError = await rerunOutside(session, plan);
        return result;
    }
    catch (e) {
        if (!(e instanceof StatementFailed))
            throw e;
        await session.exec('ROLLBACK').catch(() => undefined);
        result.error = e.error;
        result.failedIn = progress.running;
        return result;
    }
}
/** Runs the stretches as the runner does, each transaction committed as it ends; with `record`, the locks of each statement in one. */
async function runStretches(session, plan, parts, progress, record) {
    // Whether the stretch before ended in AND CHAIN, which opened this one's transaction already.
    let chained = false;
    for (const part of parts) {
        progress.running = part.transaction;
        if (part.transaction && !chained)
            await session.exec('BEGIN');
        for (const s of part.statements) {
            progress.durationMs += await run(session, plan, s);
            if (part.transaction && record)
                await collectLocks(session, record.tables, record.locks, plan, s);
        }
        // The file's ROLLBACK [AND CHAIN] was sent as its last statement; the file's COMMIT AND CHAIN is sent here; an aborted
        // implicit transaction is discarded before the statement the server refuses in it fails alone.
        if (part.transaction && !part.rollsBack)
            await session.exec(part.aborted ? 'ROLLBACK' : part.chains ? 'COMMIT AND CHAIN' : 'COMMIT');
        chained = part.chains;
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
        for (const part of (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .stretches */ .YA)(plan)) {
            // Outside a block they did nothing the first time (a warning); inside the re-run's transaction they would act.
            if (!part.transaction && part.statements.every(_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .onlyWarnsOutsideBlock */ .i_))
                continue;
            if (!part.transaction && open)
                await session.exec('COMMIT');
            if (part.transaction && !open)
                await session.exec('BEGIN');
            open = part.transaction !== null;
            for (const s of part.statements)
                await run(session, plan, s);
            // The file's ROLLBACK ended the transaction; with AND CHAIN, it opened the next.
            if (part.rollsBack)
                open = part.chains;
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
        // AND CHAIN acts, or fails (25P01), by the transaction it is in: such a file runs as its runner ran it, as a pending one does.
        if (plan.statements && plan.parsed.statements.some(_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .chains */ .Bt)) {
            await runStretches(session, plan, (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .stretches */ .YA)(plan), { running: null, durationMs: 0 }).catch(async (e) => {
                await session.exec('ROLLBACK').catch(() => undefined);
                throw e;
            });
            return null;
        }
        if (plan.statements && plan.outsideTransaction) {
            for (const s of plan.statements)
                await run(session, plan, s);
            return null;
        }
        // No query carries COPY rows: such a file runs statement by statement, in one transaction.
        if (plan.statements && plan.parsed.statements.some((s) => s.copy)) {
            await session.exec('BEGIN');
            try {
                for (const s of plan.statements)
                    await run(session, plan, s);
            }
            catch (e) {
                await session.exec('ROLLBACK');
                throw e;
            }
            await session.exec('COMMIT');
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
        return pinned(e, await rehearse(session, plan));
    }
}
/**
 * A file its runner sends as one query, sent so: it fails where the runner's does, several statements running as one
 * implicit transaction that refuses CONCURRENTLY and the like. A rehearsal first shows what one query does not: the
 * locks each statement takes, and which one fails.
 */
async function runAsOneQuery(session, plan, record) {
    const rehearsed = await rehearse(session, plan, record);
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
 * Runs the file's statements in a transaction that is rolled back, which PostgreSQL runs as it runs the implicit one of
 * a multi-statement query: the first error, if any, and with `record` the locks each statement takes.
 */
async function rehearse(session, plan, record) {
    await session.exec('BEGIN');
    try {
        for (const part of (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .stretches */ .YA)(plan)) {
            for (const s of part.statements) {
                // The file's ROLLBACK discards what ran before it; sent, it would end the rehearsal and commit what follows. With
                // AND CHAIN it opens the next transaction itself, as the file's characteristics want.
                if ((0,_rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__/* .isRollback */ .z1)(s) && !(0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .chains */ .Bt)(s)) {
                    await session.exec('ROLLBACK; BEGIN');
                    continue;
                }
                // What the server refuses where the file puts it (SAVEPOINT or AND CHAIN in an implicit transaction) is refused
                // here too, sent outside the rehearsal's transaction.
                if (!part.transaction && (0,_rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_3__/* .needsBlock */ .Zp)(s))
                    await session.exec('ROLLBACK');
                await run(session, plan, s);
                if (record)
                    await collectLocks(session, record.tables, record.locks, plan, s);
            }
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

/***/ 7519:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ runsPendingAsOne),
/* harmony export */   h: () => (/* binding */ OneTransaction)
/* harmony export */ });
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(914);
/* harmony import */ var _execute_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8157);
// drizzle-orm's migrate() (pg-core dialect.ts) reads the applied rows once, then runs every pending migration of the
// folder, each one's history row after it, in ONE transaction it commits at the end. The dry-run runs them so: a
// failure discards the migrations before it in the run, and a value one adds to an enum cannot be used by a later one (55P04).


/** Whether the preset's runner runs all of a folder's pending migrations in one transaction. */
function runsPendingAsOne(options) {
    return _config_presets_js__WEBPACK_IMPORTED_MODULE_0__/* .PRESET_TABLE */ .rv[options.preset].oneRun === true;
}
/** How many of the files before a failure in the run its message names. */
const SHOWN_FILES = 4;
/** The runner's transaction over a folder's pending migrations, open from the first that runs until the folder's last. */
class OneTransaction {
    runner;
    /** The folder whose run is open; null when none is. */
    folder = null;
    ran = [];
    /** The open run, as runPending needs it. */
    run = { existing: [] };
    constructor(runner) {
        this.runner = runner;
    }
    /**
     * Opens the run for `plan`'s folder, committing another folder's first (a migrate() call each); undefined where the
     * file has transaction control of its own and runs as its stretches say: the run so far is committed before it.
     * `tables`: the database's tables now, by oid.
     */
    async join(session, plan, tables) {
        const joins = (0,_execute_js__WEBPACK_IMPORTED_MODULE_1__/* .joinsTransaction */ .AE)(plan);
        if (this.folder !== null && (!joins || this.folder !== plan.migration.folder))
            await this.commit(session);
        if (!joins)
            return undefined;
        if (this.folder === null) {
            await session.exec('BEGIN');
            this.folder = plan.migration.folder;
            this.run = { existing: [...tables.keys()] };
        }
        return this.run;
    }
    /** `plan` applied in the run, its result at `entry` of the dry-run's list. */
    applied(plan, entry) {
        this.ran.push({ plan, entry });
    }
    /** A file of the run failed, and its rollback ended the run's transaction: what ran before it in the run. */
    end() {
        const ended = { ran: this.ran };
        this.folder = null;
        this.ran = [];
        return ended;
    }
    async commit(session) {
        if (this.folder === null)
            return;
        await session.exec('COMMIT');
        this.end();
    }
    /** Where the failure ran, for its message: in the run's transaction after the files before it. */
    where(discarded) {
        const files = discarded.ran.map((r) => r.plan.migration.file);
        if (!files.length)
            return '';
        // A long run is named by its first files: the report lists them all, rolled back.
        const shown = files.length > SHOWN_FILES ? `${files.slice(0, SHOWN_FILES - 1).join(', ')} and ${files.length - SHOWN_FILES + 1} more` : files.join(', ');
        return `, in one transaction after ${shown}, as ${this.runner} runs every pending migration`;
    }
    /** The result of a file the failure of `failed` discarded: it ran, and nothing of it stays. */
    rolledBack(entry, failed) {
        return {
            file: entry.file,
            status: 'skipped',
            durationMs: entry.durationMs,
            reason: `applied, then rolled back: ${this.runner} runs every pending migration in one transaction, and ${failed} failed in it, so none of them is applied`,
            changes: [],
            locks: [],
        };
    }
    /** A value an earlier file of the run adds to an enum is not committed when this file uses it (55P04): which file, and the way out. */
    advice(error, discarded) {
        const value = error.sqlstate === '55P04' ? /^unsafe use of new value "(.*)" of enum type/.exec(error.message)?.[1] : undefined;
        if (value === undefined)
            return null;
        const adder = discarded.ran.find((r) => r.plan.parsed.statements.some((s) => s.kind === 'AlterEnumStmt' && s.node.newVal === value));
        if (!adder)
            return null;
        return (`${adder.plan.migration.file} adds "${value}", and ${this.runner} commits it only after the last pending migration: apply ` +
            `${adder.plan.migration.file} in a run of its own (deploy it first), then this one.`);
    }
}


/***/ }),

/***/ 6514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c1: () => (/* binding */ cannotRunInTransaction),
  Bt: () => (/* binding */ chains),
  TU: () => (/* binding */ codeSkip),
  i_: () => (/* binding */ onlyWarnsOutsideBlock),
  Eu: () => (/* binding */ planMigration),
  ed: () => (/* binding */ skippedCodeNote),
  BT: () => (/* binding */ statementAt),
  YA: () => (/* binding */ stretches)
});

// UNUSED EXPORTS: runsAlone

// EXTERNAL MODULE: ./src/config/presets.ts
var presets = __webpack_require__(914);
// EXTERNAL MODULE: ./src/sql/parser.ts
var parser = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/config/runner-placeholders.ts + 1 modules
var runner_placeholders = __webpack_require__(5024);
// EXTERNAL MODULE: ./src/rules/transaction-unsafe.ts + 1 modules
var transaction_unsafe = __webpack_require__(6832);
// EXTERNAL MODULE: ./src/discover/goose-split.ts
var goose_split = __webpack_require__(2701);
;// CONCATENATED MODULE: ./src/dryrun/goose-plan.ts
// goose sends the queries its own splitter cuts (src/discover/goose-split.ts), not PostgreSQL's statements.
// Where the two agree, the dry-run runs the parsed statements; where goose cuts a statement apart (a
// $$ body without StatementBegin/StatementEnd), it runs goose's pieces, and fails where goose fails. So too
// where a file runs outside a transaction and one query holds several statements (a StatementBegin block):
// PostgreSQL runs that query as one implicit transaction, where CONCURRENTLY and the like fail.

/** The queries goose sends for `migration`, as statements of the filled text; null where goose sends the parsed statements or refuses the file. */
function gooseCuts(migration, options, template, parsed) {
    if (parsed.error)
        return null;
    const queries = (0,goose_split/* gooseQueries */.GS)(migration, options.preset, template);
    if (!queries)
        return null;
    // The parsed statements that start in each query (both are in file order).
    let next = 0;
    const held = queries.map((q) => {
        const from = next;
        while (next < parsed.statements.length && parsed.statements[next].start < q.end)
            next++;
        return parsed.statements.slice(from, next);
    });
    const within = (s, q) => q.start <= s.start && s.end <= q.end;
    const whole = next === parsed.statements.length && held.every((ss, i) => ss.every((s) => within(s, queries[i])));
    if (whole && (migration.transactional || held.every((ss) => ss.length <= 1)))
        return null;
    return queries.map((q, i) => {
        const [only, ...more] = held[i];
        // A query that is one statement whole is that statement: CONCURRENTLY in it runs on its own, as under goose.
        if (only && !more.length && within(only, q))
            return only;
        const { start, end } = q;
        const text = template.sql.slice(start, end);
        const at = start + (text.length - text.trimStart().length);
        const to = start + text.trimEnd().length;
        const { line, column } = parsed.lines.position(at);
        const endLine = parsed.lines.position(Math.max(at, to - 1)).line;
        return { kind: 'GooseQuery', node: {}, start: at, end: to, leading: '', line, column, endLine, text: template.sql.slice(at, to) };
    });
}

// EXTERNAL MODULE: ./src/discover/multi-statement.ts
var multi_statement = __webpack_require__(4926);
;// CONCATENATED MODULE: ./src/dryrun/plan.ts
// How one migration file will be run: its SQL after placeholder substitution, its statements (from
// the real parser), how its runner runs it (in a transaction, as one query, or statement by statement),
// which extensions it creates, and the way back from the SQL sent to the file's own words.






const TX_CONTROL = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT']);
function txControl(s) {
    if (s.kind !== 'TransactionStmt' || !TX_CONTROL.has(String(s.node.kind)))
        return null;
    return s.node.kind === 'TRANS_STMT_COMMIT' ? 'commit' : 'begin';
}
/** A COMMIT or ROLLBACK AND CHAIN: the server opens a new transaction as it ends one, with the same isolation level and access mode. */
function chains(s) {
    return s.kind === 'TransactionStmt' && s.node.chain === true;
}
/** SET LOCAL, SET TRANSACTION and SET CONSTRAINTS: outside a transaction block the server only warns (25P01) and they do nothing. */
function onlyWarnsOutsideBlock(s) {
    if (s.kind === 'ConstraintsSetStmt')
        return true;
    return s.kind === 'VariableSetStmt' && (s.node.is_local === true || /^TRANSACTION/.test(String(s.node.name)));
}
/** What acts only in a transaction block: outside one the server refuses it (LOCK, SAVEPOINT: transaction-unsafe's needsBlock) or ignores it. */
function needsTransactionBlock(s) {
    return (0,transaction_unsafe/* needsBlock */.Zp)(s) !== null || onlyWarnsOutsideBlock(s);
}
/** In a query's implicit transaction the server refuses SAVEPOINT, RELEASE, ROLLBACK TO and AND CHAIN, which need a block; LOCK and DECLARE CURSOR run there. */
const refusedInQuery = (s) => s.kind === 'TransactionStmt' && (0,transaction_unsafe/* needsBlock */.Zp)(s) !== null;
/**
 * The file cut where its runner's transactions begin and end, the file's own BEGIN/COMMIT included: a COMMIT ends the
 * block it is in (the runner's too), and outside a block each statement commits on its own until a BEGIN, except in a
 * file sent as one query, whose rest PostgreSQL runs as one implicit transaction until the next COMMIT.
 */
function stretches(plan) {
    const out = [];
    // Whether the open block is a transaction block to the server (the runner's, or BEGIN's), not a query's implicit transaction.
    let explicit = false;
    const open = (transaction) => {
        const opened = { statements: [], transaction, rollsBack: false, chains: false, aborted: false };
        out.push(opened);
        explicit = transaction !== 'query';
        return opened;
    };
    const alone = (s, transaction) => out.push({ statements: [s], transaction, rollsBack: false, chains: false, aborted: false });
    // A file sent as one query: PostgreSQL runs several statements as one implicit transaction, where a BEGIN takes in what
    // ran before it; one statement alone runs as it would sent by itself.
    const sendsQuery = plan.runAs === 'query' || (plan.runAs === 'transaction' && presets/* PRESET_TABLE */.rv[plan.preset].runner.sends === 'query');
    const oneQuery = sendsQuery && plan.parsed.statements.length > 1;
    // The block open now: the runner's transaction around the file, one the file's BEGIN opened, or the query's.
    let block = plan.runAs === 'transaction' ? open('runner') : null;
    // The server refuses `s` in the query's implicit transaction (25P01) and aborts it: sent alone, it fails there too.
    const refused = (s) => {
        if (block)
            block.aborted = true;
        block = null;
        alone(s, null);
    };
    for (const s of plan.parsed.statements) {
        const control = txControl(s);
        // A BEGIN inside a block only warns (25001); in a query's implicit transaction it makes that a transaction block.
        if (control === 'begin') {
            block ??= open('file');
            explicit = true;
            continue;
        }
        // A COMMIT or ROLLBACK ends the block it is in, the runner's too (whose COMMIT then only warns, 25P01). A ROLLBACK
        // discards what ran there, and the runner still records the file. What follows runs outside it, unless AND CHAIN
        // opened the next one, which ends as this one would have.
        if (control === 'commit' || (0,transaction_unsafe/* isRollback */.z1)(s)) {
            // Outside a block they only warn, but AND CHAIN fails (25P01), in a query's implicit transaction too.
            if (chains(s) && (!block || !explicit))
                refused(s);
            else if (block) {
                if (control !== 'commit') {
                    block.statements.push(s);
                    block.rollsBack = true;
                }
                block.chains = chains(s);
                block = block.chains ? open(block.transaction) : null;
                // The chained transaction is a transaction block, as the one it follows was.
                explicit = block !== null;
            }
            continue;
        }
        // The Supabase CLI commits its transaction before what it runs alone.
        if (plan.runAs === 'batches' && runsAlone(plan, s))
            block = null;
        if ((block ? !explicit : oneQuery) && refusedInQuery(s))
            refused(s);
        else if (block)
            block.statements.push(s);
        else if (oneQuery)
            (block = open('query')).statements.push(s);
        else if (runsAlone(plan, s))
            alone(s, null);
        else if (plan.runAs === 'batches')
            (block = open('runner')).statements.push(s);
        // Each in a transaction of its own, for its locks; what acts only in a block, outside one as the runner sends it.
        else
            alone(s, needsTransactionBlock(s) ? null : 'statement');
    }
    return out;
}
/** Statements PostgreSQL refuses inside a transaction block: the ones transaction-unsafe names. */
function cannotRunInTransaction(s) {
    return (0,transaction_unsafe/* needsOwnTransaction */.i7)(s.kind, s.node) !== null;
}
/** Whether the plan's runner runs the statement on its own, outside a transaction. */
function runsAlone(plan, s) {
    return plan.runAs === 'batches' ? (0,presets/* runsAloneAs */.aL)(plan.preset, s.text) !== null : cannotRunInTransaction(s);
}
/** How the runner runs the file: `outside` when it holds what cannot run in a transaction, or opts out of its transaction. */
function runAsFor(migration, options, statements, written, outside) {
    // The Supabase CLI runs a file with transaction control of its own as written, statement by statement.
    if (migration.runnerWraps && (0,transaction_unsafe/* runsAsWritten */.cU)(options.preset, written))
        return 'statements';
    // A runner that wraps the file runs the rest of it in its transaction, where CREATE DATABASE and the like fail as they do there.
    if (migration.runnerWraps)
        return statements.some((s) => (0,presets/* runsAloneAs */.aL)(options.preset, s.text)) ? 'batches' : 'transaction';
    // Unless a script config file sets executeInTransaction, Flyway runs a migration outside a transaction exactly when it
    // holds a statement it recognises: CREATE SUBSCRIPTION without a slot, which could run in one, too.
    if (options.preset === 'flyway' && migration.transactional)
        return statements.some(transaction_unsafe/* flywayRunsOutside */.u$) ? 'statements' : 'transaction';
    if (!outside)
        return 'transaction';
    return (0,presets/* runnerOf */.mv)(options).sends === 'query' ? 'query' : 'statements';
}
function planMigration(migration, options) {
    const template = (0,runner_placeholders/* templateOf */.kW)(migration, options);
    const sql = template.sql;
    const read = (0,parser/* parseSql */.eg)(sql);
    // goose's and golang-migrate's own cuts, where they split a statement the parser reads whole, are what they send.
    const cuts = gooseCuts(migration, options, template, read) ?? (options.multiStatement ? (0,multi_statement/* multiStatementCuts */.s8)(sql, read) : null);
    const parsed = cuts ? { ...read, statements: cuts } : read;
    const statements = parsed.error ? null : parsed.statements.filter((s) => !txControl(s));
    const extensions = read.statements
        .filter((s) => s.kind === 'CreateExtensionStmt')
        .map((s) => String(s.node.extname));
    // Under x-multi-statement golang-migrate sends every piece on its own: no file runs as one unit.
    const outsideTransaction = !migration.transactional || options.multiStatement === true || (statements ?? []).some(cannotRunInTransaction);
    return {
        migration,
        template,
        sql,
        parsed,
        statements,
        outsideTransaction,
        runAs: runAsFor(migration, options, statements ?? [], parsed.error ? [] : parsed.statements, outsideTransaction),
        copyRowsAsSql: (0,presets/* sendsCopyDataAsSql */.J1)(options.preset) && parsed.statements.some((s) => s.copy && s.copy.resume > s.copy.start),
        preset: options.preset,
        extensions,
    };
}
const LANGUAGE = { go: 'Go', javascript: 'JavaScript', typescript: 'TypeScript' };
/** Why the dry-run skips a migration written in code: it runs SQL only; null for an SQL migration. */
function codeSkip(migration, preset) {
    if (!migration.language)
        return null;
    return `a ${LANGUAGE[migration.language]} migration: the gate runs SQL only (${presets/* PRESET_TABLE */.rv[preset].runner.name} runs its code), so what it changes is missing for the migrations after it`;
}
/** What a failure after code migrations the dry-run skipped (`skipped`, in order) must say: their changes were not there. */
function skippedCodeNote(skipped) {
    if (skipped.length === 0)
        return '';
    const [one, them, they] = skipped.length === 1 ? ['migration', 'it', 'it changes'] : ['migrations', 'them', 'they change'];
    return (` The code ${one} ${skipped.map((m) => m.file).join(', ')} ran before it, and the dry-run skipped ${them} (it runs SQL only): ` +
        `what ${they} is missing here, which may be why it fails.`);
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


/***/ }),

/***/ 1554:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dn: () => (/* binding */ stoppedBefore),
/* harmony export */   Wz: () => (/* binding */ setRefusals),
/* harmony export */   bK: () => (/* binding */ runnerStop),
/* harmony export */   fB: () => (/* binding */ runnerRefusal),
/* harmony export */   n_: () => (/* binding */ folderRefused),
/* harmony export */   pr: () => (/* binding */ folderRefusal),
/* harmony export */   zX: () => (/* binding */ takenVersions)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _discover_decode_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7865);
/* harmony import */ var _discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(934);
/* harmony import */ var _discover_naming_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6591);
/* harmony import */ var _discover_goose_split_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2701);
/* harmony import */ var _discover_sections_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3983);
/* harmony import */ var _sql_lines_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(3015);
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(914);
/* harmony import */ var _rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6832);
/* harmony import */ var _rules_duplicate_version_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6355);
/* harmony import */ var _rules_migration_set_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6806);
/* harmony import */ var _discover_graphile_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1563);
/* harmony import */ var _rules_graphile_signatures_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(3771);
// A file its runner refuses to read runs none of it, nor any migration after it: the dry-run skips it, saying why in the
// runner's words (its syntax-error finding, or Flyway's transaction-unsafe one, says the same, with the fix). A file name
// the runner refuses (its invalid-name finding) stops it while it lists the folder: none of the folder's migrations run.
// A folder Prisma cannot read the script of (its unreadable-file finding) stops it there: the migrations after it do not run;
// diesel refuses such a folder while it lists them, as a name. A folder whose migrations taken together the runner refuses
// before it runs any (two of one version; graphile-migrate's unsigned files or broken Previous chain) runs none of them either.
// A runner that records each file's version in its transaction runs the later of two files of one version, and fails on
// its history row (dbmate, the Supabase CLI, sqlx): the dry-run skips it, and the migrations after it, where the runner stops.













/** What the runner refuses while it lists `migration`'s folder, so it applies none of the folder's migrations; undefined if nothing. */
function folderRefused(migration, refused) {
    return refused.find((r) => r.folder === migration.folder && !r.stops);
}
/** Why the runner applies no migration of `migration`'s folder: a file name there it refuses while it lists the folder; null if none. */
function folderRefusal(migration, refused, options) {
    const name = folderRefused(migration, refused);
    return name ? (0,_discover_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .refusalReason */ .b)(name, options.preset) : null;
}
/** Why the runner applies no migration of a folder, by folder: what it refuses in the folder's migrations taken together. */
function setRefusals(migrations, options) {
    const refusals = (0,_rules_duplicate_version_js__WEBPACK_IMPORTED_MODULE_8__/* .refusedVersions */ .K)(migrations, options.preset);
    if (options.preset !== 'graphile-migrate')
        return refusals;
    for (const folder of (0,_rules_migration_set_js__WEBPACK_IMPORTED_MODULE_9__/* .byFolder */ .c1)(migrations, options.preset)) {
        const said = (0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_10__/* .committedRefusal */ .Vd)(folder);
        if (said)
            refusals.set(folder[0].folder, `graphile-migrate refuses the folder's committed migrations ("${said}"), before it applies any migration`);
    }
    return refusals;
}
/**
 * The runners that apply each file of a version their history lacks and insert its row in the file's transaction (dbmate
 * Migrate, pkg/migration ApplyMigrations' ExecBatch, sqlx Migrator::run), by the primary key that row fails on.
 */
const HISTORY_KEYS = { dbmate: 'schema_migrations_pkey', supabase: 'schema_migrations_pkey', sqlx: '_sqlx_migrations_pkey' };
/**
 * The pending migrations whose version an earlier migration of their folder holds, applied (`baseline`) or pending before
 * them, and what the runner does with each. Pending after a twin, it runs the file and fails on its history row, and stops.
 * Applied, dbmate takes the version for applied (FindMigrations) and never runs it; sqlx takes an identical file for
 * applied and refuses another before it runs it; the Supabase CLI still pushes it, and it fails on its history row.
 */
function takenVersions(baseline, pending, options) {
    const taken = new Map();
    // Another runner's history table (seed 002's own script on Supabase) is not the preset's runner's: its ways are not known.
    const pkey = [_config_presets_js__WEBPACK_IMPORTED_MODULE_6__/* .PRESET_TABLE */ .rv[options.preset].history, 'auto'].includes(options.history.format) ? HISTORY_KEYS[options.preset] : undefined;
    if (!pkey)
        return taken;
    const runner = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .versioning */ .F2)(options.preset);
    const name = _config_presets_js__WEBPACK_IMPORTED_MODULE_6__/* .PRESET_TABLE */ .rv[options.preset].runner.name;
    const first = new Map();
    const keyOf = (m) => `${m.folder}\0${runner.key(runner.of(m, m.folder))}`;
    for (const m of baseline)
        if (m.kind === 'versioned' && !first.has(keyOf(m)))
            first.set(keyOf(m), m);
    const applied = new Set(first.values());
    for (const m of pending) {
        if (m.kind !== 'versioned')
            continue;
        const twin = first.get(keyOf(m));
        if (!twin) {
            first.set(keyOf(m), m);
            continue;
        }
        const version = runner.of(m, m.folder);
        if (applied.has(twin) && options.preset === 'dbmate') {
            taken.set(m, { reason: `not run: dbmate takes version ${version} for applied (by ${twin.file}) and never runs it`, stops: null });
        }
        else if (applied.has(twin) && options.preset === 'sqlx') {
            taken.set(m, twin.bytes.equals(m.bytes)
                ? { reason: `not run: sqlx takes it for the applied ${twin.file}, whose checksum it has`, stops: null }
                : { reason: `sqlx refuses it ("migration ${BigInt(version)} was previously applied but has been modified"), so it runs none of it`, stops: `sqlx refuses the earlier migration ${m.file}` });
        }
        else {
            // Non-transactional, its SQL commits before its row fails: the row then leaves it unrecorded.
            const undone = m.transactional ? 'rolled back' : 'left unrecorded, its changes kept';
            taken.set(m, {
                reason: `${name} runs it after ${twin.file}, and it fails on its history row (duplicate key value violates unique constraint "${pkey}"), so it is ${undone}`,
                stops: `${name} stops at the earlier migration ${m.file}, which fails on its history row`,
            });
        }
    }
    return taken;
}
/** Where the runner stops (Prisma: at the first folder, in its order, whose script it cannot read), in `folder` or any; undefined where it runs them all. */
function runnerStop(refused, options, folder) {
    const compare = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .versioning */ .F2)(options.preset).comparator([]);
    const stops = refused.filter((r) => r.stops && (folder === undefined || r.folder === folder));
    return stops.sort((a, b) => compare(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(a.file), node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(b.file)))[0];
}
/** Why the runner does not run `migration`: it stops at a folder before it; null when it gets there. */
function stoppedBefore(migration, refused, options) {
    const at = runnerStop(refused, options, migration.folder);
    const runner = (0,_discover_version_order_js__WEBPACK_IMPORTED_MODULE_2__/* .versioning */ .F2)(options.preset);
    if (!at || runner.comparator([])(runner.of(migration, migration.folder), node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(at.file)) < 0)
        return null;
    return `${_config_presets_js__WEBPACK_IMPORTED_MODULE_6__/* .PRESET_TABLE */ .rv[options.preset].runner.name} stops at the earlier ${at.file}/, which holds no ${at.missing} ("${at.refused}")`;
}
/** Why the runner refuses the planned migration; null when it reads it. */
function runnerRefusal(plan, options) {
    const { migration } = plan;
    if ((0,_discover_goose_split_js__WEBPACK_IMPORTED_MODULE_4__/* .runsUnderGoose */ .ih)(migration, options.preset)) {
        const error = (0,_discover_goose_split_js__WEBPACK_IMPORTED_MODULE_4__/* .gooseFile */ .Sf)(migration)?.error;
        return error ? { runner: 'goose', line: error.line, message: error.message } : null;
    }
    // runCommittedMigration checks the Hash of each migration it is about to run, after running those before it.
    const signed = migration.signature;
    if (signed && (0,_discover_graphile_js__WEBPACK_IMPORTED_MODULE_10__/* .hashRefused */ .hr)(signed)) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(migration.file);
        const message = signed.allowInvalidHash
            ? `Invalid hash allowed for ${file}; but hash matches.`
            : `Hash for ${file} does not match - ${signed.computed} !== ${signed.hash}; has the file been tampered with?`;
        return { runner: 'graphile-migrate', line: (0,_rules_graphile_signatures_js__WEBPACK_IMPORTED_MODULE_11__/* .headerLine */ .iH)(migration, signed.allowInvalidHash ? 'AllowInvalidHash' : 'Hash'), message };
    }
    if ((0,_discover_sections_js__WEBPACK_IMPORTED_MODULE_5__/* .runsUnderDbmate */ .gj)(migration, options.preset) && (0,_discover_decode_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeSql */ .x)(migration.bytes).ok) {
        // Go's string(bytes): a BOM stays.
        const text = migration.bytes.toString('utf8');
        const error = (0,_discover_sections_js__WEBPACK_IMPORTED_MODULE_5__/* .readDbmate */ .il)(text).error;
        return error ? { runner: 'dbmate', line: new _sql_lines_js__WEBPACK_IMPORTED_MODULE_12__/* .LineIndex */ .r(text).position(error.at).line, message: error.message } : null;
    }
    // Flyway reads the statements to pick the transaction when no script config file sets executeInTransaction; with mixed
    // it takes the mix and runs the migration outside a transaction (plan.ts runs it statement by statement).
    if (options.preset === 'flyway' && !options.mixed && migration.transactional && !migration.runnerWraps) {
        // No runner cuts a Flyway file: the plan's parse is the file's.
        const at = plan.parsed.error ? null : (0,_rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_7__/* .flywayMixedAt */ .nT)(plan.parsed.statements);
        if (!at)
            return null;
        const line = plan.template.position(at.start).line;
        const kind = (0,_rules_transaction_unsafe_js__WEBPACK_IMPORTED_MODULE_7__/* .flywayRunsOutside */ .u$)(at) ? ' [non-transactional]' : '';
        const message = `Detected both transactional and non-transactional statements within the same migration (even though mixed is false). Offending statement found at line ${line}: ${at.text}${kind}`;
        return { runner: 'Flyway', line, message };
    }
    return null;
}


/***/ }),

/***/ 9975:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ej: () => (/* binding */ UrlEngine),
  y1: () => (/* binding */ clientSession)
});

// UNUSED EXPORTS: MAINTENANCE_DATABASE, SCRATCH_PREFIX, STALE_AFTER_MS, ownerLockSql, runLockSql, scratchName

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/sql/quoted.ts
var quoted = __webpack_require__(5498);
// EXTERNAL MODULE: ./src/sql/ast.ts + 1 modules
var ast = __webpack_require__(5811);
;// CONCATENATED MODULE: ./src/dryrun/cluster-state.ts
// Roles, role memberships, passwords and per-database/per-role settings belong to the whole server, not to a database:
// a migration's CREATE ROLE or ALTER DATABASE ... SET outlives the scratch database. A run snapshots them before it
// starts and puts back what it changed when it ends, so the server is left as found and the next run meets no leftovers.
// Others may change the server meanwhile: only what the run's SQL names is the run's to put back.


/** From PostgreSQL 16 a membership has one row per grantor, with INHERIT and SET options of its own. */
const GRANTOR_ROWS = 160000;
/** Settings whose value is a list of quoted elements: pg_dump's variable_is_guc_list_quote (dumputils.c). */
const LIST_SETTINGS = new Set([
    'local_preload_libraries', 'search_path', 'session_preload_libraries', 'shared_preload_libraries', 'temp_tablespaces',
    'unix_socket_directories',
]);
async function snapshotClusterState(client, versionNum) {
    const rows = async (sql) => (await client.query(sql)).rows;
    const options = versionNum >= GRANTOR_ROWS ? 'inherit_option AS inherit, set_option AS set' : 'NULL AS inherit, NULL AS set';
    const [me] = await rows(`SELECT current_setting('is_superuser') = 'on' AS superuser`);
    return {
        roles: await rows(`SELECT oid, rolname AS name, row(rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
              rolbypassrls, rolconnlimit, rolvaliduntil)::text AS attributes
         FROM pg_roles ORDER BY oid`),
        memberships: await rows(`SELECT roleid AS role, member, grantor, admin_option AS admin, ${options} FROM pg_auth_members ORDER BY roleid, member, grantor`),
        settings: await rows('SELECT setdatabase AS database, setrole AS role, setconfig AS config FROM pg_db_role_setting ORDER BY setdatabase, setrole'),
        passwords: me.superuser ? await rows('SELECT oid, rolpassword AS hash FROM pg_authid ORDER BY oid') : null,
    };
}
function sameClusterState(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/**
 * Puts back what changed since `before` where the run's SQL (`sent`, all it sent) names the role or database outside a comment: drops the
 * roles created since, revokes or re-grants memberships between roles that existed, restores passwords and settings
 * rows (skipping those of `scratch`, dropped with it). Returns, as phrases, what it could not undo, and the changes the
 * SQL does not name, which it leaves to whoever made them.
 */
async function restoreClusterState(client, before, versionNum, scratch, sent) {
    // A name in a comment is no statement of the run's: what someone else did to that role stays.
    const sql = uncommented(sent);
    const now = await snapshotClusterState(client, versionNum);
    const databases = new Map((await client.query('SELECT oid, datname FROM pg_database')).rows.map((d) => [d.oid, d.datname]));
    const [{ user }] = (await client.query('SELECT current_user AS user')).rows;
    const named = namedIn(sql, user);
    const roleNames = new Map(now.roles.map((r) => [r.oid, r.name]));
    const existed = new Map(before.roles.map((r) => [r.oid, r]));
    const problems = [];
    const unnamed = [];
    const [created, others] = partition(now.roles.filter((r) => !existed.has(r.oid)), (r) => named(r.name));
    for (const r of others)
        unnamed.push(`role ${r.name} appeared`);
    const attempt = async (what, sql) => {
        try {
            await client.query(sql);
        }
        catch (e) {
            problems.push(`${what} (${failure(e)})`);
        }
    };
    for (const was of before.roles) {
        const is = now.roles.find((r) => r.oid === was.oid);
        const changed = !is ? `role ${was.name} was dropped` : is.name !== was.name || is.attributes !== was.attributes ? `role ${was.name} was altered (ALTER ROLE)` : null;
        if (changed)
            (named(was.name) ? problems : unnamed).push(changed);
    }
    if (before.passwords && now.passwords) {
        const hashes = new Map(now.passwords.map((p) => [p.oid, p.hash]));
        for (const { oid, hash } of before.passwords) {
            const name = roleNames.get(oid);
            if (name === undefined || hashes.get(oid) === hash)
                continue;
            if (!named(name))
                unnamed.push(`the password of role ${name} changed`);
            // The stored hash goes back verbatim (PostgreSQL stores a SCRAM or md5 hash it is given as is), kept out of the server's log.
            else
                await attempt(`the password of role ${name} was changed`, 'SET LOCAL log_statement = none; SET LOCAL log_min_duration_statement = -1; ' +
                    `ALTER ROLE ${(0,quoted/* quoted */.T)(name)} PASSWORD ${hash === null ? 'NULL' : client.escapeLiteral(hash)}`);
        }
    }
    else {
        for (const r of before.roles)
            if (roleNames.get(r.oid) === r.name && setsPassword(sql, r.name, r.name === user))
                problems.push(`the password of role ${r.name} may have been changed (ALTER ROLE ... PASSWORD); only a superuser can read it back`);
    }
    // Memberships first: one granted by a role the run created would keep that role from being dropped.
    const grantorRows = versionNum >= GRANTOR_ROWS;
    const key = (m) => `${m.role}:${m.member}${grantorRows ? `:${m.grantor}` : ''}`;
    const wasGranted = new Map(before.memberships.map((m) => [key(m), m]));
    const isGranted = new Map(now.memberships.map((m) => [key(m), m]));
    const membership = (m) => `membership of ${roleNames.get(m.member)} in ${roleNames.get(m.role)}`;
    const by = (m) => (grantorRows ? ` GRANTED BY ${(0,quoted/* quoted */.T)(roleNames.get(m.grantor))}` : '');
    for (const [k, m] of isGranted) {
        if (wasGranted.has(k) || !existed.has(m.role) || !existed.has(m.member))
            continue;
        await attempt(`${membership(m)} was granted`, `REVOKE ${(0,quoted/* quoted */.T)(roleNames.get(m.role))} FROM ${(0,quoted/* quoted */.T)(roleNames.get(m.member))}${by(m)}`);
    }
    for (const [k, m] of wasGranted) {
        const is = isGranted.get(k);
        if (is && is.admin === m.admin && is.inherit === m.inherit && is.set === m.set)
            continue;
        if (![m.role, m.member, m.grantor].every((oid) => roleNames.has(oid)))
            continue;
        const [role, member] = [(0,quoted/* quoted */.T)(roleNames.get(m.role)), (0,quoted/* quoted */.T)(roleNames.get(m.member))];
        const sql = grantorRows
            ? `GRANT ${role} TO ${member} WITH ADMIN ${m.admin}, INHERIT ${m.inherit}, SET ${m.set}${by(m)}`
            : is && !m.admin
                ? `REVOKE ADMIN OPTION FOR ${role} FROM ${member}`
                : `GRANT ${role} TO ${member}${m.admin ? ' WITH ADMIN OPTION' : ''}`;
        await attempt(`${membership(m)} was ${is ? 'changed' : 'revoked'}`, sql);
    }
    const settingKey = (s) => `${s.database}:${s.role}`;
    const wasSet = new Map(before.settings.map((s) => [settingKey(s), s]));
    const isSet = new Map(now.settings.map((s) => [settingKey(s), s]));
    for (const k of new Set([...wasSet.keys(), ...isSet.keys()])) {
        const { database, role } = (wasSet.get(k) ?? isSet.get(k));
        const datname = database === 0 ? null : databases.get(database);
        // Gone with its database or role (the scratch database, a role the run created or dropped): nothing to restore.
        if (datname === undefined || datname === scratch || (role !== 0 && (!roleNames.has(role) || !existed.has(role))))
            continue;
        const rolname = role === 0 ? null : roleNames.get(role);
        const was = configMap(wasSet.get(k)?.config);
        const is = configMap(isSet.get(k)?.config);
        const changed = [...new Set([...was.keys(), ...is.keys()])].filter((name) => was.get(name) !== is.get(name));
        if (changed.length === 0)
            continue;
        const ours = datname === null && rolname === null ? ALTER_ALL_ROLES.test(sql) : [datname, rolname].some((n) => n !== null && named(n));
        if (!ours) {
            unnamed.push(`settings of ${settingsOwner(datname, rolname)} (${changed.join(', ')}) changed`);
            continue;
        }
        const target = alterTarget(datname, rolname);
        for (const name of changed) {
            const value = was.get(name);
            await attempt(`${target} ${is.has(name) ? 'SET' : 'RESET'} ${name}`, value === undefined ? `${target} RESET ${(0,quoted/* quoted */.T)(name)}` : `${target} SET ${(0,quoted/* quoted */.T)(name)} TO ${settingValue(client, name, value)}`);
        }
    }
    // Dropped last, together (one may have granted another a membership). Whatever a role created in the run still
    // holds outside the gone scratch database (CONNECT on a database, SET on a parameter) DROP OWNED revokes.
    // Residual race: a role someone else creates meanwhile under a name the run's SQL also names is dropped as the run's.
    if (created.length > 0) {
        const all = created.map((r) => (0,quoted/* quoted */.T)(r.name)).join(', ');
        const dropped = await client.query(`DROP ROLE ${all}`).then(() => true, () => false);
        if (!dropped)
            for (const r of created)
                await attempt(`role ${r.name} was created`, `DROP OWNED BY ${(0,quoted/* quoted */.T)(r.name)}; DROP ROLE ${(0,quoted/* quoted */.T)(r.name)}`);
    }
    return { notPutBack: problems, unnamed };
}
/** `ALTER ROLE ALL SET ...`: the settings row of no database and no role. */
const ALTER_ALL_ROLES = word('ALTER\\s+(ROLE|USER)\\s+ALL');
/** The words that name, in SQL, the role a run connects as. */
const SELF = 'current_user|current_role|session_user';
/** A regular expression for `pattern` as a whole word of SQL, in any case. */
function word(pattern) {
    return new RegExp(`(^|[^\\w$])(${pattern})($|[^\\w$])`, 'i');
}
function escaped(name) {
    return name.replace(/[^\w]/g, '\\$&');
}
/** `sql` without its comments; as sent where the scanner cannot read it (the names in its comments then count). */
function uncommented(sql) {
    try {
        return (0,ast/* withoutComments */.fx)(sql);
    }
    catch {
        return sql;
    }
}
/** Whether `sql` names a role or database: by its name, or the role it connects as (`user`) by CURRENT_USER and the like. */
function namedIn(sql, user) {
    const self = word(SELF).test(sql);
    return (name) => (self && name === user) || word(escaped(name)).test(sql);
}
/** Whether `sql` has an ALTER ROLE (or USER) of `role` that sets a PASSWORD; `self`: `role` is the one the run connects as. */
function setsPassword(sql, role, self) {
    return word(`ALTER\\s+(ROLE|USER)\\s+"?(${escaped(role)}${self ? `|${SELF}` : ''})"?([^\\w$][^;]*)?\\bPASSWORD`).test(sql);
}
function settingsOwner(database, role) {
    if (role)
        return `role ${role}${database ? ` in database ${database}` : ''}`;
    return database ? `database ${database}` : 'all roles';
}
function partition(items, test) {
    return [items.filter(test), items.filter((item) => !test(item))];
}
function failure(e) {
    const { message, detail } = e;
    return [message ?? String(e), detail?.replace(/\n/g, '; ')].filter(Boolean).join(': ');
}
function alterTarget(database, role) {
    if (role)
        return `ALTER ROLE ${(0,quoted/* quoted */.T)(role)}${database ? ` IN DATABASE ${(0,quoted/* quoted */.T)(database)}` : ''}`;
    return database ? `ALTER DATABASE ${(0,quoted/* quoted */.T)(database)}` : 'ALTER ROLE ALL';
}
/** `{search_path="$user", public}` → search_path ↦ `"$user", public` (names as stored, lower case for built-in ones). */
function configMap(config) {
    return new Map((config ?? []).map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
}
/** The value as ALTER ... SET takes it back: one literal, or for a list setting a literal per element (as pg_dump does). */
function settingValue(client, name, value) {
    if (!LIST_SETTINGS.has(name.toLowerCase()))
        return client.escapeLiteral(value);
    // Stored elements are comma separated, double-quoted where needed (pg_dump's SplitGUCList).
    const elements = [...value.matchAll(/\s*(?:"((?:[^"]|"")*)"|([^\s,]+))\s*(?:,|$)/g)].map((m) => m[1]?.replace(/""/g, '"') ?? m[2]);
    return elements.length > 0 ? elements.map((e) => client.escapeLiteral(e)).join(', ') : "''";
}

;// CONCATENATED MODULE: ./src/dryrun/copy-in.ts
// COPY ... FROM STDIN on a node-postgres client: pg's Client hands its active query the copy-in sub-protocol
// (handleCopyInResponse), where pg's own Query only refuses; this one sends the rows, as psql does.
/** Runs `copy` on `client`: settles once the server has taken its rows, or refused the statement or a row. */
function copyIn(client, copy) {
    return new Promise((resolve, reject) => {
        const ignore = () => undefined;
        const query = {
            submit: (connection) => connection.query(copy.sql),
            handleCopyInResponse(connection) {
                if (copy.rows)
                    connection.sendCopyFromChunk(Buffer.from(copy.rows));
                connection.endCopyFrom();
            },
            // pg calls one of these two: after an error it no longer sees this query as active when the server is ready.
            handleError: reject,
            handleReadyForQuery: () => resolve(),
            handleRowDescription: ignore,
            handleDataRow: ignore,
            handleCommandComplete: ignore,
            handleEmptyQuery: ignore,
            handlePortalSuspended: ignore,
            handleCopyData: ignore,
        };
        client.query(query);
    });
}

// EXTERNAL MODULE: ./src/dryrun/engine.ts
var engine = __webpack_require__(7070);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/dryrun/url-engine.ts
// The url engine: a PostgreSQL server the user points at (e.g. a CI `services: postgres`). Each run
// works only in its own scratch database (fixed prefix, dropped at the end), and keeps the replayed
// baseline as a template database so the next run on the same base copies it instead of replaying.
// What a migration changes server-wide (roles, memberships, database and role settings) is put back at the end.








/** Every database this engine creates starts with this; it never touches any other. */
const SCRATCH_PREFIX = 'migration_gate_';
const RUN_PREFIX = `${SCRATCH_PREFIX}run_`;
const BASE_PREFIX = `${SCRATCH_PREFIX}base_`;
/** Scratch databases of crashed runs older than this are dropped even if their owner looks alive. */
const STALE_AFTER_MS = 60 * 60 * 1000;
/** Baseline templates kept on a server (newest first); older ones are dropped when a new one is saved. */
const KEEP_TEMPLATES = 8;
/** How long a lost scratch connection waits for the DROP DATABASE that ended it to finish, to tell it apart from other losses. */
const GONE_WAIT_MS = 2000;
/** First key of the advisory lock a run holds on its scratch database's name while it lives. */
const LOCK_CLASS = 0x6d67;
/** migration_gate_run_<created, seconds base36>_<random>: the name carries its age for stale cleanup. */
function scratchName(now = Date.now()) {
    return `${RUN_PREFIX}${Math.floor(now / 1000).toString(36)}_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
function createdAt(name) {
    const m = new RegExp(`^${RUN_PREFIX}([0-9a-z]+)_[0-9a-f]+$`).exec(name);
    return m ? parseInt(m[1], 36) * 1000 : null;
}
/** The advisory lock a live run holds for its scratch database (other runs look for it before dropping). */
function ownerLockSql(fn) {
    return `SELECT ${fn}(${LOCK_CLASS}, hashtext($1)) AS ok`;
}
/**
 * The lock a run holds from its snapshot of the server-wide state to its restore (one bigint key, apart from the
 * per-database ones): runs on one server take turns, so none drops a role another run created and still uses.
 * Advisory locks are per database: runs agree on one by taking it in MAINTENANCE_DATABASE (see connectAdmin).
 */
function runLockSql(fn) {
    return `SELECT ${fn}(${LOCK_CLASS})`;
}
function baseName(key) {
    return `${BASE_PREFIX}${key.slice(0, 40)}`;
}
function clientSession(client) {
    return {
        async query(sql, params) {
            return (await client.query(sql, params)).rows;
        },
        async exec(sql) {
            await client.query(sql);
        },
        copyFrom: (copy) => copyIn(client, copy),
    };
}
/** The URL pointing at another database (pg lets the URL's path win over a `database` option). */
function withDatabase(url, database) {
    const u = new URL(url);
    u.pathname = `/${encodeURIComponent(database)}`;
    return u.toString();
}
/** The database every run's admin connection uses, whatever its URL names, so that their run locks meet. */
const MAINTENANCE_DATABASE = 'postgres';
async function connect(url, database) {
    const client = new esm/* default.Client */.Ay.Client({
        connectionString: database ? withDatabase(url, database) : url,
        application_name: 'migration-gate',
        connectionTimeoutMillis: 15000,
    });
    // A backend killed under us (server shutdown, DROP ... FORCE) must fail the query, not crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return client;
}
/** The admin connection, in MAINTENANCE_DATABASE; where the server refuses that, in the URL's (its run lock then per database). */
async function connectAdmin(url) {
    try {
        return await connect(url, MAINTENANCE_DATABASE);
    }
    catch (e) {
        // Only a refusal by the server is worth a second try: an unreachable host would just time out twice.
        if (!(e instanceof esm/* default.DatabaseError */.Ay.DatabaseError))
            throw e;
        return connect(url);
    }
}
class UrlEngine {
    kind;
    url;
    admin;
    serverVersion = '';
    serverVersionNum = 0;
    scratch = null;
    session = null;
    before = null;
    /** What the scratch session was sent: which roles the run created is read from it. */
    sent = [];
    closed = false;
    constructor(kind, url, admin) {
        this.kind = kind;
        this.url = url;
        this.admin = admin;
    }
    /** Connects to the server's maintenance database, checks rights, and drops scratch databases of dead runs. */
    static async start(url, kind = 'url') {
        const hide = (0,redact/* secretRedactor */.xc)(url);
        let admin;
        try {
            admin = await connectAdmin(url);
        }
        catch (e) {
            throw new errors/* UserError */.y(`Cannot connect to the dry-run database ${hide(url)}: ${hide(e.message)}. ` +
                'Check --database-url (or DATABASE_URL), or use --engine pglite to dry-run without a server.');
        }
        const engine = new UrlEngine(kind, url, admin);
        try {
            const [row] = (await admin.query(`SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n,
                  (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can`)).rows;
            engine.serverVersion = row.v.split(' ')[0];
            engine.serverVersionNum = row.n;
            if (!row.can)
                throw new errors/* UserError */.y(`The user in ${hide(url)} cannot create databases, and the dry-run works only in a scratch database ` +
                    'it creates. Grant it CREATEDB (ALTER ROLE ... CREATEDB) or use --engine pglite.');
            await engine.dropDeadScratch();
            return engine;
        }
        catch (e) {
            await admin.end().catch(() => undefined);
            throw e;
        }
    }
    get identity() {
        return `${this.kind}:${this.serverVersionNum}`;
    }
    async availableExtensions() {
        const rows = (await this.admin.query('SELECT name FROM pg_available_extensions')).rows;
        return new Set(rows.map((r) => r.name));
    }
    async open(baselineKey) {
        const name = scratchName();
        await this.admin.query(ownerLockSql('pg_advisory_lock'), [name]);
        this.scratch = name;
        await this.admin.query(runLockSql('pg_advisory_lock'));
        this.before = await snapshotClusterState(this.admin, this.serverVersionNum);
        const base = baseName(baselineKey);
        const hit = (await this.admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [base])).rowCount === 1;
        let cached = false;
        if (hit) {
            try {
                await this.admin.query(`CREATE DATABASE ${(0,quoted/* quoted */.T)(name)} TEMPLATE ${(0,quoted/* quoted */.T)(base)}`);
                cached = true;
            }
            catch {
                // The template is being created or dropped by another run right now: replay instead.
            }
        }
        if (!cached)
            await this.admin.query(`CREATE DATABASE ${(0,quoted/* quoted */.T)(name)} TEMPLATE template0`);
        this.session = await this.connectScratch();
        return { session: this.recording(this.session), cached };
    }
    async saveBaseline(baselineKey) {
        if (!this.scratch || !this.before)
            throw new Error('saveBaseline before open');
        // A baseline that created roles or changed settings is not kept: close() undoes that, and a copy would lack it.
        if (!sameClusterState(this.before, await snapshotClusterState(this.admin, this.serverVersionNum)))
            return this.recording(this.session);
        // A template must have no open connections while it is copied.
        await this.session?.end();
        const base = baseName(baselineKey);
        try {
            await this.admin.query(`CREATE DATABASE ${(0,quoted/* quoted */.T)(base)} TEMPLATE ${(0,quoted/* quoted */.T)(this.scratch)}`);
            // The comment records when it was saved, so the oldest templates can be evicted.
            await this.admin.query(`COMMENT ON DATABASE ${(0,quoted/* quoted */.T)(base)} IS 'migration-gate baseline ${Date.now()}'`);
            await this.evictTemplates();
        }
        catch {
            // 42P04: another run saved the same baseline first; anything else only costs the next run a replay.
        }
        this.session = await this.connectScratch();
        return this.recording(this.session);
    }
    async connectScratch() {
        try {
            return await connect(this.url, this.scratch);
        }
        catch (e) {
            throw await this.explained(e);
        }
    }
    recording(client) {
        const session = clientSession(client);
        const send = async (sql, run) => {
            this.sent.push(sql);
            try {
                return await run();
            }
            catch (e) {
                throw await this.explained(e);
            }
        };
        return {
            query: (sql, params) => send(sql, () => session.query(sql, params)),
            exec: (sql) => send(sql, () => session.exec(sql)),
            copyFrom: (copy) => send(copy.sql, () => session.copyFrom(copy)),
        };
    }
    /**
     * `e`, or a UserError when the scratch database is gone: dropped under the run (DROP DATABASE ... WITH (FORCE) ends
     * its connections first, then drops it), which is no statement's failure, and leaves no report worth writing.
     */
    async explained(e) {
        // Only a lost connection (57P01 and the like, or none left at all) or a database not found (3D000) may mean that.
        const lost = !(e instanceof esm/* default.DatabaseError */.Ay.DatabaseError) || /^(?:57P|08)/.test(e.code ?? '');
        if (!lost && e.code !== '3D000')
            return e;
        for (let waited = 0; waited <= (lost ? GONE_WAIT_MS : 0); waited += 100) {
            const found = await this.admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.scratch]).then((r) => r.rowCount === 1, () => null);
            // The admin connection is lost too: the server is, not the database.
            if (found === null)
                return e;
            if (!found) {
                return new errors/* UserError */.y(`The dry-run's scratch database ${this.scratch} was dropped during the run (by another tool, or a clean-up of the ` +
                    "server's databases), so the dry-run could not finish, and no report was written. Run it again, and keep what " +
                    `drops databases on that server away from those named ${SCRATCH_PREFIX}*.`);
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return e;
    }
    async close() {
        if (this.closed)
            return engine/* NO_LEFTOVERS */.R6;
        this.closed = true;
        await this.session?.end().catch(() => undefined);
        if (this.scratch) {
            await this.dropDatabase(this.scratch).catch(() => undefined);
            await this.admin.query(ownerLockSql('pg_advisory_unlock'), [this.scratch]).catch(() => undefined);
        }
        const left = this.scratch && this.before ? await this.restore(this.before, this.scratch) : engine/* NO_LEFTOVERS */.R6;
        // Ending the admin connection also releases the run lock.
        await this.admin.end().catch(() => undefined);
        return left;
    }
    /** Puts back the server-wide state; returns what it could not, and what it left to whoever else changed it. */
    restore(before, scratch) {
        return restoreClusterState(this.admin, before, this.serverVersionNum, scratch, this.sent.join('\n')).catch((e) => ({
            notPutBack: [`roles and settings could not be read back (${e.message})`],
            unnamed: [],
        }));
    }
    async evictTemplates() {
        const rows = (await this.admin.query(`SELECT d.datname FROM pg_database d LEFT JOIN pg_shdescription s ON s.objoid = d.oid AND s.classoid = 'pg_database'::regclass
          WHERE starts_with(d.datname, $1)
          ORDER BY coalesce(substring(s.description from '([0-9]+)$')::bigint, 0) DESC`, [BASE_PREFIX])).rows;
        for (const { datname } of rows.slice(KEEP_TEMPLATES))
            await this.dropDatabase(datname).catch(() => undefined);
    }
    /** Drops scratch databases whose run is gone (no session holds its owner lock) or that are older than an hour. */
    async dropDeadScratch() {
        // pg_locks spans every database, and a run holds its owner lock from before CREATE DATABASE to after DROP DATABASE.
        const rows = (await this.admin.query(`SELECT d.datname, EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.classid = $2
                    AND l.objid = (hashtext(d.datname)::bigint & 4294967295)::oid) AS owned
           FROM pg_database d WHERE starts_with(d.datname, $1)`, [RUN_PREFIX, LOCK_CLASS])).rows;
        for (const { datname, owned } of rows) {
            const born = createdAt(datname);
            if (born === null || (owned && Date.now() - born <= STALE_AFTER_MS))
                continue;
            // Someone else dropped it first, or it is still in use: the next run tries again.
            await this.dropDatabase(datname).catch(() => undefined);
        }
    }
    async dropDatabase(name) {
        const force = this.serverVersionNum >= 130000 ? ' WITH (FORCE)' : '';
        await this.admin.query(`DROP DATABASE IF EXISTS ${(0,quoted/* quoted */.T)(name)}${force}`);
    }
}


/***/ })

};
