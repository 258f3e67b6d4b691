export const id = 703;
export const ids = [703];
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


/***/ })

};
