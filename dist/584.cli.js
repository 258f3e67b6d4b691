export const id = 584;
export const ids = [584];
export const modules = {

/***/ 3584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readGraphileSettings: () => (/* binding */ readGraphileSettings)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8381);
// graphile-migrate's settings file, .gmrc (JSON5) in the project root, checked as its parseSettings checks it
// (graphile/migrate src/settings.ts, src/commands/_common.ts). .gmrc.js and .gmrc.cjs are programs: never run, so
// their values must be given in .migration-gate.yml. A placeholder graphile-migrate fills itself is refused here as it
// refuses it before it runs any migration (src/migration.ts slowGeneratePlaceholderReplacement, since 0.3.0): a problem
// of the settings, not of a file.




const FILE = '.gmrc';
/** The settings the gate models, or null without a .gmrc. */
async function readGraphileSettings(root, env) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, FILE);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        return null;
    const { default: JSON5 } = await __webpack_require__.e(/* import() */ 841).then(__webpack_require__.t.bind(__webpack_require__, 4841, 23));
    let data;
    try {
        data = JSON5.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch (e) {
        const { lineNumber, columnNumber } = e;
        const where = lineNumber ? ` at line ${lineNumber}, column ${columnNumber}` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${FILE}: not valid JSON5${where}: ${e.message.replace(/^JSON5: /, '')}; graphile-migrate cannot read it either, so fix it there`);
    }
    const fail = (key, what) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${FILE}: ${key} ${what}, as graphile-migrate requires`);
    };
    const object = (value, key) => {
        if (value === undefined || value === null)
            return {};
        if (typeof value !== 'object' || Array.isArray(value))
            fail(key, 'must be an object');
        return value;
    };
    const settings = object(data, 'the file');
    const owner = settings.databaseOwner;
    if (owner !== undefined && typeof owner !== 'string')
        fail('databaseOwner', 'must be a string');
    const config = { placeholders: {}, unset: {} };
    for (const [key, value] of Object.entries(object(settings.placeholders, 'placeholders'))) {
        if (!/^:[A-Z][0-9A-Z_]+$/.test(key))
            fail(`placeholders key ${JSON.stringify(key)}`, 'must look like ":ABCD_EFG_HIJ"');
        if (typeof value !== 'string')
            fail(`placeholders[${JSON.stringify(key)}]`, 'must be a string');
        // `!ENV` takes the environment variable named as the placeholder, without its colon; graphile-migrate refuses an empty one.
        const name = key.slice(1);
        if (name === 'DATABASE_NAME' || name === 'DATABASE_OWNER') {
            reserved(name, value === '!ENV' ? (env[name] ?? `$${name}`) : value, owner);
        }
        if (value !== '!ENV')
            config.placeholders[name] = value;
        else if (env[name])
            config.placeholders[name] = env[name];
        else
            config.unset[name.toLowerCase()] = { variable: name, file: FILE };
    }
    const pgSettings = object(settings.pgSettings, 'pgSettings');
    for (const [key, value] of Object.entries(pgSettings)) {
        if (typeof value !== 'string' && typeof value !== 'number')
            fail(`pgSettings.${key}`, 'must be a string');
    }
    // graphile-migrate sets pgSettings on its connection (set_config) before it runs the migrations.
    if (pgSettings.search_path !== undefined)
        config.searchPath = String(pgSettings.search_path);
    if (owner) {
        config.placeholders.DATABASE_OWNER = owner;
        // The owner runs the migrations in production, so it exists there: the dry-run makes it as it makes listed roles.
        if ((0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .isRoleName */ .yn)(owner))
            config.roles = [owner];
    }
    return config;
}
/**
 * graphile-migrate fills :DATABASE_NAME and :DATABASE_OWNER itself, and mergeWithoutClobbering (src/lib.ts) stops it on a
 * placeholders value that differs. The database name differs from one database to the next (the shadow one too), and the
 * owner from one connection string to the next unless databaseOwner fixes it: only a value equal to databaseOwner is safe.
 */
function reserved(name, value, owner) {
    if (name === 'DATABASE_OWNER' && owner && value === owner)
        return;
    const [filled, to] = name === 'DATABASE_NAME'
        ? ['the name of the database it connects to (the shadow database\'s too)', "<that database's name>"]
        : owner
            ? ['databaseOwner', owner]
            : ['the owner it takes from connectionString (its user, else its database name)', '<that owner>'];
    const instead = name === 'DATABASE_OWNER' && !owner ? ` and set databaseOwner to ${JSON.stringify(value)} if that is the owner` : '';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${FILE}: placeholders must not set ":${name}": graphile-migrate fills it itself with ${filled} and stops before it runs any migration ` +
        `on another value, saying "Refusing to clobber ':${name}' (from '${value}' to '${to}'): do not specify reserved placeholders."; remove it from placeholders${instead}`);
}


/***/ }),

/***/ 8381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L$: () => (/* binding */ DEFAULT_LOCK_TIMEOUT_MS),
/* harmony export */   Lf: () => (/* binding */ DEFAULT_STATEMENT_TIMEOUT_MS),
/* harmony export */   P4: () => (/* binding */ PLATFORMS),
/* harmony export */   d$: () => (/* binding */ FAIL_ON),
/* harmony export */   fG: () => (/* binding */ PRESETS),
/* harmony export */   hR: () => (/* binding */ FORMATS),
/* harmony export */   mo: () => (/* binding */ HISTORY_FORMATS),
/* harmony export */   ug: () => (/* binding */ ENGINES),
/* harmony export */   yn: () => (/* binding */ isRoleName)
/* harmony export */ });
// GateOptions: the one typed options object that the CLI and the Action translate their inputs into.
// Values here are already validated and merged (flags over config file over preset defaults).
const PRESETS = [
    'generic',
    'supabase',
    'flyway',
    'prisma',
    'golang-migrate',
    'dbmate',
    'node-pg-migrate',
    'goose',
    'sqlx',
    'graphile-migrate',
    'diesel',
    'drizzle',
    'atlas',
    'sqitch',
];
const ENGINES = ['auto', 'url', 'cluster', 'pglite'];
/** What the dry-run's database is made to hold first: a bare PostgreSQL, or what a Supabase project's holds (auth, storage, roles). */
const PLATFORMS = ['postgres', 'supabase'];
const FORMATS = ['text', 'json', 'markdown', 'sarif', 'gitlab'];
const HISTORY_FORMATS = [
    'auto',
    'seed-runner', // schema_migrations(version, name, applied_at, checksum, execution_time_ms, applied_by)
    'filename', // schema_migrations(version = file name, applied_at)
    'supabase',
    'flyway',
    'prisma',
    'golang-migrate',
    'dbmate',
    'node-pg-migrate',
    'goose',
    'sqlx',
    'graphile-migrate',
    'diesel',
    'drizzle',
    'atlas',
    'sqitch',
];
/** A name CREATE ROLE takes: at most 63 bytes, not reserved (`pg_` names, PUBLIC, NONE). */
function isRoleName(v) {
    return typeof v === 'string' && v !== '' && Buffer.byteLength(v) <= 63 && !v.includes('\0') && !/^(?:pg_|(?:public|none)$)/i.test(v);
}
const FAIL_ON = ['error', 'warning', 'never'];
const DEFAULT_STATEMENT_TIMEOUT_MS = 5 * 60 * 1000;
const DEFAULT_LOCK_TIMEOUT_MS = 10 * 1000;


/***/ })

};
