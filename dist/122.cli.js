export const id = 122;
export const ids = [122];
export const modules = {

/***/ 3240:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

const {EOL} = __webpack_require__(857);
const {addInspection, messageGap} = __webpack_require__(6483);

const parsingErrorCode = {
    unclosedMLC: 0, // Unclosed multi-line comment.
    unclosedText: 1, // Unclosed text block.
    unclosedQI: 2, // Unclosed quoted identifier.
    multiLineQI: 3 // Multi-line quoted identifiers are not supported.
};

Object.freeze(parsingErrorCode);

const errorMessages = [
    {name: 'unclosedMLC', message: 'Unclosed multi-line comment.'},
    {name: 'unclosedText', message: 'Unclosed text block.'},
    {name: 'unclosedQI', message: 'Unclosed quoted identifier.'},
    {name: 'multiLineQI', message: 'Multi-line quoted identifiers are not supported.'}
];

class SQLParsingError extends Error {
    constructor(code, position) {
        const err = errorMessages[code].message;
        const message = `Error parsing SQL at {line:${position.line},col:${position.column}}: ${err}`;
        super(message);
        this.name = this.constructor.name;
        this.error = err;
        this.code = code;
        this.position = position;
        Error.captureStackTrace(this, this.constructor);
    }
}

SQLParsingError.prototype.toString = function (level) {
    level = level > 0 ? parseInt(level) : 0;
    const gap = messageGap(level + 1);
    const lines = [
        'SQLParsingError {',
        `${gap}code: parsingErrorCode.${errorMessages[this.code].name}`,
        `${gap}error: "${this.error}"`,
        `${gap}position: {line: ${this.position.line}, col: ${this.position.column}}`,
        `${messageGap(level)}}`
    ];
    return lines.join(EOL);
};

addInspection(SQLParsingError.prototype, function () {
    return this.toString();
});

module.exports = {
    SQLParsingError,
    parsingErrorCode
};


/***/ }),

/***/ 9202:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

const parser = __webpack_require__(7051);
const error = __webpack_require__(3240);

parser.SQLParsingError = error.SQLParsingError;
parser.parsingErrorCode = error.parsingErrorCode;

module.exports = parser;


/***/ }),

/***/ 7051:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

const {parsingErrorCode, SQLParsingError} = __webpack_require__(3240);
const {getIndexPos} = __webpack_require__(6483);

// symbols that need no spaces around them:
const compressors = '.,;:()[]=<>+-*/|!?@#';

////////////////////////////////////////////
// Parses and minimizes a PostgreSQL script.
function minify(sql, options) {

    if (typeof sql !== 'string') {
        throw new TypeError('Input SQL must be a text string.');
    }

    if (!sql.length) {
        return '';
    }

    sql = sql.replace(/\r\n/g, '\n');

    options = options || {};

    let idx = 0, // current index
        result = '', // resulting sql
        space = false; // add a space on the next step

    const len = sql.length;

    do {
        const s = sql[idx], // current symbol;
            s1 = sql[idx + 1]; // next symbol;

        if (isGap(s)) {
            while (++idx < len && isGap(sql[idx])) ;
            if (idx < len) {
                space = true;
            }
            idx--;
            continue;
        }

        if (s === '-' && s1 === '-') {
            const lb = sql.indexOf('\n', idx + 2);
            if (lb < 0) {
                break;
            }
            idx = lb - 1;
            skipGaps();
            continue;
        }

        if (s === '/' && s1 === '*') {
            let c = idx + 1, open = 0, close = 0, lastOpen, lastClose;
            while (++c < len - 1 && close <= open) {
                if (sql[c] === '/' && sql[c + 1] === '*') {
                    lastOpen = c;
                    open++;
                    c++;
                } else {
                    if (sql[c] === '*' && sql[c + 1] === '/') {
                        lastClose = c;
                        close++;
                        c++;
                    }
                }
            }
            if (close <= open) {
                idx = lastOpen;
                throwError(parsingErrorCode.unclosedMLC);
            }
            if (sql[idx + 2] === '!' && !options.removeAll) {
                if (options.compress) {
                    space = false;
                }
                addSpace();
                result += sql.substring(idx, lastClose + 2)
                    .replace(/\n/g, '\r\n');
            }
            idx = lastClose + 1;
            skipGaps();
            continue;
        }

        let closeIdx, text;

        if (s === '"') {
            closeIdx = sql.indexOf('"', idx + 1);
            if (closeIdx < 0) {
                throwError(parsingErrorCode.unclosedQI);
            }
            text = sql.substring(idx, closeIdx + 1);
            if (text.indexOf('\n') > 0) {
                throwError(parsingErrorCode.multiLineQI);
            }
            if (options.compress) {
                space = false;
            }
            addSpace();
            result += text;
            idx = closeIdx;
            skipGaps();
            continue;
        }

        if (s === '\'') {
            closeIdx = idx;
            do {
                closeIdx = sql.indexOf('\'', closeIdx + 1);
                if (closeIdx > 0) {
                    let i = closeIdx;
                    while (sql[--i] === '\\') ;
                    if ((closeIdx - i) % 2) {
                        let step = closeIdx;
                        while (++step < len && sql[step] === '\'') ;
                        if ((step - closeIdx) % 2) {
                            closeIdx = step - 1;
                            break;
                        }
                        closeIdx = step === len ? -1 : step;
                    }
                }
            } while (closeIdx > 0);
            if (closeIdx < 0) {
                throwError(parsingErrorCode.unclosedText);
            }
            if (options.compress) {
                space = false;
            }
            addSpace();
            text = sql.substring(idx, closeIdx + 1);
            const hasLB = text.indexOf('\n') > 0;
            if (hasLB) {
                text = text.split('\n').map(m => {
                    return m.replace(/^\s+|\s+$/g, '');
                }).join('\\n');
            }
            const hasTabs = text.indexOf('\t') > 0;
            if (hasLB || hasTabs) {
                const prev = idx ? sql[idx - 1] : '';
                if (prev !== 'E' && prev !== 'e') {
                    const r = result ? result[result.length - 1] : '';
                    if (r && r !== ' ' && compressors.indexOf(r) < 0) {
                        result += ' ';
                    }
                    result += 'E';
                }
                if (hasTabs) {
                    text = text.replace(/\t/g, '\\t');
                }
            }
            result += text;
            idx = closeIdx;
            skipGaps();
            continue;
        }

        if (options.compress && compressors.indexOf(s) >= 0) {
            space = false;
            skipGaps();
        }

        addSpace();
        result += s;

    } while (++idx < len);

    return result;

    function skipGaps() {
        if (options.compress) {
            while (idx < len - 1 && isGap(sql[idx + 1]) && idx++) ;
        }
    }

    function addSpace() {
        if (space) {
            if (result.length) {
                result += ' ';
            }
            space = false;
        }
    }

    function throwError(code) {
        const position = getIndexPos(sql, idx);
        throw new SQLParsingError(code, position);
    }
}

////////////////////////////////////
// Identifies a gap / empty symbol.
function isGap(s) {
    return s === ' ' || s === '\t' || s === '\r' || s === '\n';
}

module.exports = minify;


/***/ }),

/***/ 6483:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

const {inspect} = __webpack_require__(1404);

/////////////////////////////////////////////////////////////
// Returns {line, column} of an index within multi-line text.
function getIndexPos(text, index) {
    let lineIdx = 0, colIdx = index, pos = 0;
    do {
        pos = text.indexOf('\n', pos);
        if (pos === -1 || index < pos + 1) {
            break;
        }
        lineIdx++;
        pos++;
        colIdx = index - pos;
    } while (pos < index);
    return {
        line: lineIdx + 1,
        column: colIdx + 1
    };
}

///////////////////////////////////////////
// Returns a space gap for console output.
function messageGap(level) {
    return ' '.repeat(level * 4);
}

////////////////////////////////////////////////////
// Type inspection
function addInspection(type, cb) {
    type[inspect.custom] = cb;
}

module.exports = {
    getIndexPos,
    messageGap,
    addInspection
};


/***/ }),

/***/ 3122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/options.ts
var src_options = __webpack_require__(8381);
// EXTERNAL MODULE: ./src/checksum/index.ts
var checksum = __webpack_require__(371);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/sql/placeholders.ts
var placeholders = __webpack_require__(816);
// EXTERNAL MODULE: ./src/discover/files.ts
var files = __webpack_require__(4632);
// EXTERNAL MODULE: ./src/report/finding.ts
var finding = __webpack_require__(9023);
;// CONCATENATED MODULE: ./src/discover/schemes.ts
// Naming schemes: how a migration's file (or folder) name encodes its version and name.
const SCHEME_IDS = [
    'sequential',
    'date',
    'timestamp',
    'flyway',
    'up-down',
    'folder',
    'dbmate',
    'goose',
    'graphile',
];

;// CONCATENATED MODULE: ./src/config/config-file.ts
// The config file (.migration-gate.yml): read, and checked key by key so that a typo is an error that
// names the key rather than a setting silently ignored. Its JSON Schema is schema/config.schema.json.







const CONFIG_FILE_NAMES = ['.migration-gate.yml', '.migration-gate.yaml'];
/**
 * Reads the named config file, or the default one in `root` when it exists; {} when there is none.
 * The YAML parser loads only when there is a file: most runs have none, and it costs ~15 ms to load.
 */
async function loadConfigFile(root, explicit) {
    const file = explicit ? (0,external_node_path_.resolve)(root, explicit) : CONFIG_FILE_NAMES.map((n) => (0,external_node_path_.join)(root, n)).find(external_node_fs_.existsSync);
    if (!file)
        return { file: null, config: {} };
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        throw new errors/* UserError */.y(`config: cannot read ${explicit ?? file}; check the path given to --config`);
    }
    const { parse: parseYaml, YAMLParseError } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
    let data;
    try {
        data = parseYaml(text);
    }
    catch (e) {
        const where = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}` : '';
        throw new errors/* UserError */.y(`config ${file}: not valid YAML${where}: ${e.message.split('\n')[0]}`);
    }
    return { file, config: validateConfig(data ?? {}, file) };
}
/** YAML 1.1's booleans that YAML 1.2 (the yaml package's default) leaves as strings. */
const YAML11_BOOLEAN = /^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
/** Checks every key and value; throws a UserError naming the first bad key. */
function validateConfig(data, file = 'config') {
    const fail = (key, what) => {
        throw new errors/* UserError */.y(`config ${file}: ${key} ${what}`);
    };
    const str = (v, k) => {
        if (typeof v !== 'string' || v === '')
            fail(k, 'must be a non-empty string');
    };
    const bool = (v, k) => {
        if (typeof v !== 'boolean')
            fail(k, 'must be true or false');
    };
    const posInt = (v, k) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
            fail(k, 'must be a positive whole number');
    };
    const oneOf = (values) => (v, k) => {
        if (typeof v !== 'string' || !values.includes(v))
            fail(k, `must be one of: ${values.join(', ')} (got ${JSON.stringify(v)})`);
    };
    const object = (v, k, fields) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            fail(k || 'the file', 'must be a mapping of keys to values');
        for (const [key, value] of Object.entries(v)) {
            const path = k ? `${k}.${key}` : key;
            const check = fields[key];
            if (!check)
                fail(path, `is not a known key; known keys here: ${Object.keys(fields).join(', ')}`);
            check(value, path);
        }
    };
    const folders = (v, k) => {
        if (!Array.isArray(v) || v.length === 0)
            fail(k, 'must be a non-empty list of folders');
        v.forEach((item, i) => {
            if (typeof item === 'string')
                return str(item, `${k}[${i}]`);
            object(item, `${k}[${i}]`, { path: str, scheme: oneOf(SCHEME_IDS) });
            if (!item.path)
                fail(`${k}[${i}].path`, 'is required');
        });
    };
    const stringMap = (v, k) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            fail(k, 'must be a mapping of names to values');
        for (const [name, value] of Object.entries(v)) {
            if (typeof value !== 'string' && typeof value !== 'number')
                fail(`${k}.${name}`, 'must be a string');
        }
    };
    const patternList = (v, k) => {
        // A bare `name` would match every word of every file; the delimiters are what mark a placeholder.
        if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && /.(?:name|NAME)|(?:name|NAME)./s.test(s))) {
            fail(k, 'must be a list of patterns, each containing the word name (or NAME, for capitals only) inside its delimiters, e.g. "${name}" or ":NAME"');
        }
    };
    const roleList = (v, k) => {
        if (!Array.isArray(v) || !v.every(src_options/* isRoleName */.yn))
            fail(k, 'must be a list of role names (at most 63 bytes; not pg_..., public or none), e.g. [readonly, app_owner]');
    };
    const rules = (v, k) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            fail(k, 'must be a mapping of rule ids to error, warning or off');
        for (const [rule, setting] of Object.entries(v)) {
            if (!(0,finding/* isRuleId */.KX)(rule))
                fail(`${k}.${rule}`, `is not a rule; rules: ${finding/* RULE_IDS */.Iu.join(', ')}`);
            oneOf(['error', 'warning', 'off'])(setting, `${k}.${rule}`);
        }
    };
    object(data, '', {
        folders,
        preset: oneOf(src_options/* PRESETS */.fG),
        checksum: oneOf(checksum/* CHECKSUM_ALGORITHMS */.P5),
        all: bool,
        placeholders: stringMap,
        'placeholder-patterns': patternList,
        rules,
        'dry-run': (v, k) => object(v, k, {
            enabled: bool,
            engine: oneOf(src_options/* ENGINES */.ug),
            'search-path': str,
            platform: oneOf(src_options/* PLATFORMS */.P4),
            roles: roleList,
            'postgres-version': posInt,
            'statement-timeout-ms': posInt,
            'lock-timeout-ms': posInt,
        }),
        history: (v, k) => object(v, k, { format: oneOf(src_options/* HISTORY_FORMATS */.mo), table: str, write: bool }),
        apply: (v, k) => object(v, k, { 'lock-timeout-ms': posInt, 'statement-timeout-ms': posInt }),
        cache: (v, k) => {
            if (typeof v !== 'boolean' && (typeof v !== 'string' || v === ''))
                fail(k, 'must be true, false or a folder path (e.g. .migration-gate-cache)');
            // YAML 1.2 reads these as strings, YAML 1.1 (and the person who wrote them) as booleans: neither is meant as a folder.
            if (typeof v === 'string' && YAML11_BOOLEAN.test(v)) {
                fail(k, `is ${JSON.stringify(v)}, a YAML 1.1 boolean that YAML 1.2 reads as a folder name: write true or false, or a folder path (./${v} for a folder of that name)`);
            }
        },
    });
    const config = data;
    if (config.folders)
        config.folders = config.folders.map((f) => (typeof f === 'string' ? { path: f } : f));
    if (config.placeholders) {
        config.placeholders = Object.fromEntries(Object.entries(config.placeholders).map(([k, v]) => [k, String(v)]));
    }
    return config;
}

// EXTERNAL MODULE: ./src/config/presets.ts
var presets = __webpack_require__(914);
// EXTERNAL MODULE: ./src/config/runner-config.ts
var runner_config = __webpack_require__(9041);
// EXTERNAL MODULE: ./src/discover/sqitch-plan.ts
var sqitch_plan = __webpack_require__(4677);
;// CONCATENATED MODULE: ./src/config/resolve.ts
// Resolves what a door was given into GateOptions: inputs over the config file over the runner's own config file
// over the preset's defaults, every value validated here so that both doors give the same messages.











/** Conventional folders, tried in order when neither inputs nor config name one. */
const DEFAULT_FOLDERS = ['migrations', 'db/migrations', 'supabase/migrations', 'prisma/migrations', 'database/migrations', 'sql/migrations'];
function pick(name, value, allowed) {
    if (value === undefined || value === '')
        return undefined;
    if (!allowed.includes(value)) {
        throw new errors/* UserError */.y(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
    }
    return value;
}
function positiveInt(name, value) {
    if (value === undefined || value === '')
        return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
        throw new errors/* UserError */.y(`${name} must be a whole number such as 15; got ${JSON.stringify(value)}`);
    return n;
}
async function resolveOptions(inputs) {
    const root = (0,external_node_path_.resolve)(inputs.root);
    const { config } = await loadConfigFile(root, inputs.config);
    const preset = pick('preset', inputs.preset, src_options/* PRESETS */.fG) ?? pick('preset', config.preset, src_options/* PRESETS */.fG) ?? 'generic';
    const defaults = presets/* PRESET_TABLE */.rv[preset];
    const configured = config.folders ?? [];
    // A path on the command line takes the scheme of the entry naming its folder or glob, written any way (`migrations/`, `./migrations`).
    const entryNaming = (path) => {
        const named = (0,files/* folderPattern */.Hd)(root, path);
        return configured.find((f) => (0,files/* folderPattern */.Hd)(root, f.path) === named);
    };
    const requested = inputs.paths?.length ? inputs.paths.map((path) => ({ ...entryNaming(path), path })) : configured;
    const given = (requested.length ? requested : [{ path: findDefaultFolder(root, preset) }]).map((f) => ({
        path: f.path,
        ...(f.scheme ? { scheme: f.scheme } : {}),
    }));
    const mode = pick('mode', inputs.mode, ['pr', 'deploy']) ?? 'pr';
    // Against a git base, a folder the change deleted is no usage error: the base still has its applied migrations.
    const withBase = Boolean(inputs.base) && mode === 'pr';
    const matched = given.flatMap((f) => (0,files/* resolveFolders */.cJ)(root, [f.path], withBase).map((path) => ({ folder: { ...f, path }, entry: f.path, named: (0,files/* folderPattern */.Hd)(root, f.path) === path })));
    const folders = (0,files/* mergeFolders */.ot)(root, matched);
    const databaseUrl = inputs.databaseUrl || undefined;
    if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
        throw new errors/* UserError */.y('database-url must start with postgres:// or postgresql:// (e.g. postgres://user:pass@localhost:5432/db)');
    }
    const runner = await (0,runner_config/* readRunnerConfig */.xw)(root, preset, process.env, databaseUrl);
    const dry = config['dry-run'] ?? {};
    const postgresVersion = positiveInt('postgres-version', inputs.postgresVersion) ?? dry['postgres-version'];
    const searchPath = inputs.searchPath || dry['search-path'] || runner.searchPath;
    const historyFormat = pick('history', inputs.history, src_options/* HISTORY_FORMATS */.mo) ?? pick('history', config.history?.format, src_options/* HISTORY_FORMATS */.mo) ?? defaults.history;
    // The runner's own table only where the history read is the runner's.
    const runnerTable = historyFormat === defaults.history || historyFormat === 'auto' ? runner.historyTable : undefined;
    const table = inputs.historyTable || config.history?.table || runnerTable;
    return {
        root,
        folders,
        configured: given,
        base: inputs.base || null,
        mode,
        preset,
        checksum: pick('checksum', inputs.checksum, checksum/* CHECKSUM_ALGORITHMS */.P5) ??
            pick('checksum', config.checksum, checksum/* CHECKSUM_ALGORITHMS */.P5) ??
            defaults.checksum,
        all: inputs.all ?? config.all ?? false,
        placeholders: { ...runner.placeholders, ...config.placeholders, ...inputs.placeholders },
        placeholderPatterns: config['placeholder-patterns'] ?? runner.placeholderPatterns ?? [...placeholders/* DEFAULT_PLACEHOLDER_PATTERNS */.Wd, ...(defaults.placeholderPatterns ?? [])],
        ...(Object.keys(runner.unset).length ? { unsetVariables: runner.unset } : {}),
        ...(runner.schemas?.length ? { runnerSchemas: runner.schemas } : {}),
        ...(runner.multiStatement ? { multiStatement: true } : {}),
        ...(runner.multiStatementMaxSize ? { multiStatementMaxSize: runner.multiStatementMaxSize } : {}),
        ...(runner.mixed ? { mixed: true } : {}),
        rules: { ...config.rules, ...inputs.rules },
        failOn: pick('fail-on', inputs.failOn, src_options/* FAIL_ON */.d$) ?? 'error',
        dryRun: {
            enabled: inputs.dryRun ?? dry.enabled ?? true,
            engine: pick('engine', inputs.engine, src_options/* ENGINES */.ug) ?? pick('engine', dry.engine, src_options/* ENGINES */.ug) ?? 'auto',
            ...(databaseUrl ? { databaseUrl } : {}),
            ...(searchPath ? { searchPath } : {}),
            // A Supabase CLI project runs on Supabase; any other runner's project may too (drizzle or Prisma on Supabase).
            platform: pick('platform', inputs.platform, src_options/* PLATFORMS */.P4) ?? pick('platform', dry.platform, src_options/* PLATFORMS */.P4) ?? (preset === 'supabase' ? 'supabase' : 'postgres'),
            roles: [...new Set([...(dry.roles ?? []), ...(inputs.roles ?? []), ...(runner.roles ?? [])])],
            ...(postgresVersion ? { postgresVersion } : {}),
            statementTimeoutMs: dry['statement-timeout-ms'] ?? src_options/* DEFAULT_STATEMENT_TIMEOUT_MS */.Lf,
            lockTimeoutMs: dry['lock-timeout-ms'] ?? src_options/* DEFAULT_LOCK_TIMEOUT_MS */.L$,
        },
        history: {
            format: historyFormat,
            ...(table ? { table } : {}),
            write: inputs.historyWrite ?? config.history?.write ?? false,
        },
        apply: {
            ...(config.apply?.['lock-timeout-ms'] ? { lockTimeoutMs: config.apply['lock-timeout-ms'] } : {}),
            ...(config.apply?.['statement-timeout-ms'] ? { statementTimeoutMs: config.apply['statement-timeout-ms'] } : {}),
        },
        cache: cacheFolder(root, inputs.cache ?? config.cache ?? false),
    };
}
/** The lint cache's folder under the repository root when `cache: true` names none. */
const DEFAULT_CACHE_DIR = '.migration-gate-cache';
function cacheFolder(root, setting) {
    if (setting === false)
        return null;
    return (0,external_node_path_.resolve)(root, setting === true ? DEFAULT_CACHE_DIR : setting);
}
/** Where Sqitch projects keep their plan, when it is not the repository's top folder. */
const SQITCH_FOLDERS = ['.', 'sqitch', 'db', 'database', 'migrations'];
function findDefaultFolder(root, preset) {
    // A Sqitch project is the folder that holds its plan.
    if (preset === 'sqitch') {
        const found = SQITCH_FOLDERS.find((f) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, f, sqitch_plan/* SQITCH_PLAN */.f)));
        if (found)
            return found;
        throw new errors/* UserError */.y(`no migration folder given and no ${sqitch_plan/* SQITCH_PLAN */.f} in ${SQITCH_FOLDERS.join(', ')} of ${root}; pass the Sqitch project's folder (e.g. \`migration-gate check db --preset sqitch\`) or set folders in .migration-gate.yml`);
    }
    // graphile-migrate runs the files of migrations/committed; migrations itself holds its work in progress too.
    for (const candidate of preset === 'graphile-migrate' ? ['migrations/committed', ...DEFAULT_FOLDERS] : DEFAULT_FOLDERS) {
        try {
            (0,files/* resolveFolders */.cJ)(root, [candidate]);
            return candidate;
        }
        catch {
            // not this one; try the next convention
        }
    }
    throw new errors/* UserError */.y(`no migration folder given and none of ${DEFAULT_FOLDERS.join(', ')} exists in ${root}; pass the folder (e.g. \`migration-gate check db/migrations\`) or set folders in .migration-gate.yml`);
}

// EXTERNAL MODULE: ./src/history/history.ts
var history_history = __webpack_require__(3328);
// EXTERNAL MODULE: ./src/sql/parser.ts
var parser = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/v8-tiers.ts + 1 modules
var v8_tiers = __webpack_require__(8594);
// EXTERNAL MODULE: ./src/migration.ts
var src_migration = __webpack_require__(2907);
// EXTERNAL MODULE: ./src/sql/split.ts
var split = __webpack_require__(6448);
// EXTERNAL MODULE: ./src/discover/decode.ts
var decode = __webpack_require__(7865);
// EXTERNAL MODULE: ./src/discover/naming.ts
var naming = __webpack_require__(6591);
// EXTERNAL MODULE: ./src/discover/script-config.ts
var script_config = __webpack_require__(9383);
// EXTERNAL MODULE: ./src/discover/graphile.ts
var graphile = __webpack_require__(1563);
// EXTERNAL MODULE: ./src/discover/diesel-metadata.ts
var diesel_metadata = __webpack_require__(7227);
// EXTERNAL MODULE: ./src/discover/sections.ts
var sections = __webpack_require__(3983);
// EXTERNAL MODULE: ./src/discover/goose-split.ts
var goose_split = __webpack_require__(2701);
// EXTERNAL MODULE: ./src/sql/lines.ts
var lines = __webpack_require__(3015);
// EXTERNAL MODULE: ./src/discover/version-order.ts
var version_order = __webpack_require__(934);
// EXTERNAL MODULE: ./src/discover/drizzle-journal.ts
var drizzle_journal = __webpack_require__(2395);
// EXTERNAL MODULE: ./src/discover/atlas-sum.ts
var atlas_sum = __webpack_require__(290);
// EXTERNAL MODULE: ./src/discover/sqitch-project.ts
var sqitch_project = __webpack_require__(7625);
;// CONCATENATED MODULE: ./src/discover/classify.ts
// Turns the files of one migration folder (from disk or from a git tree) into Migrations, with a
// finding for each file that is not a migration the runner can read.
















function classifyFolder(listing, scheme, preset) {
    const findings = [];
    const migrations = [];
    const refusedNames = [];
    const downs = [];
    // Only Flyway reads a script config file; for any other runner it is an inert file beside the migration.
    const configs = new Map(preset === 'flyway' ? listing.files.filter((f) => (0,script_config/* isScriptConfig */.SW)(f.path)).map((f) => [f.path, f]) : []);
    const named = scheme ?? presets/* PRESET_TABLE */.rv[preset].scheme;
    // diesel reads a metadata.toml beside up.sql; no other runner does.
    const metadata = new Map(preset === 'diesel' ? listing.files.filter((f) => (0,diesel_metadata/* isDieselMetadata */["if"])(f.path)).map((f) => [external_node_path_.posix.dirname(f.path), f]) : []);
    for (const dir of listing.scriptless ?? []) {
        const problem = (0,naming/* scriptlessFolder */.R3)(dir, listing.folder, preset);
        if (!problem)
            continue;
        findings.push({ rule: 'unreadable-file', file: dir, line: 0, column: 0, message: problem.message, suggestion: problem.refusal.fix });
        refusedNames.push(problem.refusal);
    }
    // drizzle runs what its journal lists, in its order, each known by its `when`.
    const journal = preset === 'drizzle' ? (0,drizzle_journal/* journalOf */.PR)(listing) : null;
    if (journal) {
        findings.push(...journal.findings);
        refusedNames.push(...journal.refusedNames);
    }
    // Atlas runs nothing while atlas.sum disagrees with the folder's files.
    const sum = preset === 'atlas' ? (0,atlas_sum/* checkAtlasSum */.BG)(listing) : null;
    if (sum) {
        findings.push(...sum.findings);
        refusedNames.push(...sum.refusedNames);
    }
    // Sqitch deploys what its plan lists, in its order.
    const plan = preset === 'sqitch' ? (0,sqitch_project/* planOf */.XC)(listing) : null;
    if (plan) {
        findings.push(...plan.findings);
        refusedNames.push(...plan.refusedNames);
    }
    for (const source of listing.files) {
        if ((0,script_config/* isScriptConfig */.SW)(source.path) ||
            (0,diesel_metadata/* isDieselMetadata */["if"])(source.path) ||
            (journal && (0,drizzle_journal/* isDrizzleJournal */.SM)(listing.folder, source.path)) ||
            (sum && (0,atlas_sum/* isAtlasSum */.PM)(listing.folder, source.path)) ||
            (plan && (0,sqitch_project/* isSqitchPlan */.Kw)(listing.folder, source.path))) {
            continue;
        }
        const entry = journal?.entryOf.get(source.path);
        // A file the journal does not list has its finding already, unless drizzle cannot read the journal at all.
        if (journal?.readable && !entry)
            continue;
        const planned = plan?.nameOf.get(source.path);
        const change = plan?.changeOf.get(source.path);
        // A deploy script the plan does not name has its finding already; one missing its change's plan is read by its path.
        if (plan && !planned)
            continue;
        const config = configs.size ? configs.get((0,script_config/* scriptConfigOf */.x8)(source.path)) : undefined;
        const toml = metadata.size ? metadata.get(external_node_path_.posix.dirname(source.path)) : undefined;
        const inTransaction = toml ? (0,diesel_metadata/* dieselRunsInTransaction */.WN)(toml.bytes?.toString('utf8') ?? '') : null;
        const settings = { folder: listing.folder, preset, scheme: named, config: config?.bytes, inTransaction, entry: entry ? `${entry.index}:${entry.when}` : change ? `${change.index}:${change.id}` : planned?.version };
        const known = source.bytes && classified.get(source.bytes);
        if (known && known.path === source.path && sameSettings(known.settings, settings)) {
            if (known.down)
                downs.push({ file: source.path, version: known.down });
            else {
                const { downFile: _, ...migration } = known.migration;
                migrations.push(migration);
                findings.push(...known.findings);
            }
            continue;
        }
        // Listed paths sit inside the folder: a prefix cut, not posix.relative's normalisation, per file.
        const rel = (0,src_migration/* pathIn */.lW)(listing.folder, source.path) ?? external_node_path_.posix.relative(listing.folder, source.path);
        const parsed = entry ? (0,drizzle_journal/* journalName */.J1)(entry) : planned ?? parseRelative(rel, source.path, named, journal ? 'generic' : preset);
        if (!parsed || !('kind' in parsed)) {
            findings.push({ rule: 'invalid-name', file: source.path, line: 0, column: 0, ...(0,naming/* invalidName */.z)(rel, listing.folder, named, preset, parsed) });
            if (parsed && 'refused' in parsed)
                refusedNames.push({ folder: listing.folder, file: source.path, refused: parsed.refused });
            continue;
        }
        if (parsed.direction === 'down' || parsed.kind === 'undo') {
            downs.push({ file: source.path, version: parsed.version });
            if (source.bytes)
                classified.set(source.bytes, { path: source.path, settings, down: parsed.version, findings: [] });
            continue;
        }
        const from = findings.length;
        const migration = toMigration(listing.folder, source, parsed, preset, findings, config, inTransaction);
        if (entry)
            migration.listed = entry.index;
        if (change) {
            migration.listed = change.index;
            migration.sqitch = { project: plan.plan.project, ...(plan.plan.uri !== undefined && { uri: plan.plan.uri }), change };
        }
        migrations.push(migration);
        if (source.bytes)
            classified.set(source.bytes, { path: source.path, settings, migration, findings: findings.slice(from) });
    }
    attachDowns(migrations, downs, findings);
    // Copies, so that the classification kept per byte buffer holds no other folder's hash.
    const hashed = sum ? migrations.map((m) => ({ ...m, atlasHash: sum.hashOf.get(m.file) ?? '' })) : migrations;
    return { migrations: (0,version_order/* sortMigrations */.mu)(hashed, preset), findings, refusedNames };
}
/**
 * A runner that reads subfolders (Flyway) names a migration by its file name in whichever subfolder it sits; one that
 * reads only the folder's files never sees a subfolder's, and Prisma and diesel, which read only its folders, never a file.
 */
function parseRelative(rel, path, scheme, preset) {
    const parts = rel.split('/');
    if (presets/* PRESET_TABLE */.rv[preset].nested)
        return (0,naming/* parseRunnerFileName */.l1)(parts[parts.length - 1], path, preset, scheme);
    const place = parts.length === 1 ? 'file' : 'subfolder';
    if ((0,naming/* unreadPlace */.Bs)(preset) === place)
        return { unread: place };
    if (parts.length === 1)
        return (0,naming/* parseRunnerFileName */.l1)(parts[0], path, preset, scheme);
    if (parts.length !== 2 || !(0,naming/* folderSqlFiles */.Uc)(preset).includes(parts[1]))
        return null;
    if (scheme && scheme !== 'folder')
        return null;
    return (0,naming/* readMigrationFolder */.Z3)(parts[0], parts[1], preset);
}
/** `metadataInTransaction`: what a diesel metadata.toml says (null: there is none), which decides as a Flyway script config does. */
function toMigration(folder, source, parsed, preset, findings, config, metadataInTransaction = null) {
    const bytes = source.bytes ?? Buffer.alloc(0);
    const script = config && (0,script_config/* readScriptConfig */.sV)(config, source.path);
    if (script)
        findings.push(...script.findings);
    const base = {
        file: source.path,
        folder,
        version: parsed.version,
        name: parsed.name,
        scheme: parsed.scheme,
        kind: parsed.kind,
        bytes,
        sql: '',
        lineOffset: 0,
        transactional: true,
        runnerWraps: presets/* PRESET_TABLE */.rv[preset].wrapsInTransaction,
        ...(parsed.language && { language: parsed.language }),
    };
    const unreadable = (line, column, message, fix) => {
        findings.push({ rule: 'unreadable-file', file: source.path, line, column, message, suggestion: fix });
        return base;
    };
    if (source.problem)
        return unreadable(0, 0, source.problem.message, source.problem.fix);
    // Its runner runs its code: there is no SQL to read, and a statement rule has nothing to see.
    if (parsed.language)
        return base;
    const { decoded, section } = readText(bytes, preset);
    if (!decoded.ok)
        return unreadable(decoded.line, decoded.column, `${external_node_path_.posix.basename(source.path)} ${decoded.problem}`, decoded.fix);
    const inTransaction = script?.executeInTransaction ?? metadataInTransaction;
    const signed = parsed.scheme === 'graphile' ? (0,graphile/* readSignature */.Bc)(decoded.text) : null;
    if (signed && 'problem' in signed) {
        findings.push({
            rule: 'unreadable-file',
            file: source.path,
            line: signed.line,
            column: 1,
            message: `graphile-migrate refuses to read ${external_node_path_.posix.basename(source.path)}, and so runs no migration at all: ${signed.problem}`,
            suggestion: 'commit migrations with `graphile-migrate commit`, which writes the `--! Previous:` and `--! Hash:` headers and an empty line after them',
        });
    }
    const signature = signed && 'signature' in signed ? signed.signature : undefined;
    const txmode = preset === 'atlas' ? (0,atlas_sum/* atlasTxMode */.bS)(bytes.toString('utf8'), source.path) : null;
    if (txmode && typeof txmode === 'object') {
        findings.push({
            rule: 'unreadable-file',
            file: source.path,
            line: 1,
            column: 1,
            message: `\`atlas migrate apply\` fails when it reaches ${external_node_path_.posix.basename(source.path)}: ${txmode.problem}`,
            suggestion: 'keep one `-- atlas:txmode none` (or `file`) line in its header',
        });
    }
    const optedOut = txmode === 'none' ||
        section.transactional === false ||
        (preset === 'sqlx' && (0,sections/* sqlxNoTransaction */.at)(bytes)) ||
        (preset === 'supabase' && (0,sections/* supabaseNoTransaction */.E1)(decoded.text)) ||
        inTransaction === false ||
        signature?.noTransaction === true;
    const migration = {
        ...base,
        scheme: section.tool === 'dbmate' || section.tool === 'goose' ? section.tool : parsed.scheme,
        sql: section.sql,
        lineOffset: section.lineOffset,
        ...(preset === 'goose' && { envsub: envsubOf(decoded.text, section) }),
        transactional: !optedOut && !presets/* PRESET_TABLE */.rv[preset].autocommit,
        // executeInTransaction=true makes Flyway wrap the file whatever its statements.
        runnerWraps: inTransaction ?? (!optedOut && base.runnerWraps),
        ...(signature && { signature }),
    };
    // drizzle and Atlas send the file's text as read, a BOM in front of the first statement, where PostgreSQL takes it for part of a word.
    const bomStops = BOM_STOPS[preset];
    if (bomStops && bytes.subarray(0, 3).equals(UTF8_BOM)) {
        findings.push({
            rule: 'syntax-error',
            severity: 'error',
            file: source.path,
            line: 1,
            column: 1,
            message: `${external_node_path_.posix.basename(source.path)} starts with a byte-order mark, which ${presets/* PRESET_TABLE */.rv[preset].runner.name} sends along with the first statement: PostgreSQL reads it as part of the first word and fails with a syntax error, and ${bomStops}`,
            suggestion: 'save the file as UTF-8 without a byte-order mark',
        });
    }
    // diesel refuses a zero-byte up.sql (run_sql_from_file: sql.is_empty()), and stops there; white space or a comment it runs.
    if (preset === 'diesel' && bytes.length === 0) {
        findings.push({
            rule: 'empty-migration',
            severity: 'error',
            file: source.path,
            line: 0,
            column: 0,
            message: `${external_node_path_.posix.basename(source.path)} is empty, and diesel refuses it: "Failed to run ${external_node_path_.posix.basename(external_node_path_.posix.dirname(source.path))} with: Attempted to run an empty migration."`,
            suggestion: 'add the statements, or a comment such as `-- nothing to do` if it is meant to be empty',
        });
    }
    else if ((0,split/* skipTrivia */.pU)(section.sql, 0) === section.sql.length) {
        findings.push({
            rule: 'empty-migration',
            file: source.path,
            line: 0,
            column: 0,
            message: `${external_node_path_.posix.basename(source.path)} has no SQL${section.tool ? ` in its ${section.tool} up section` : ''}: the runner records it as applied and nothing changes`,
            suggestion: 'add the statements, or delete the file if it was created by mistake',
        });
    }
    return migration;
}
/** The ENVSUB regions of goose file `text`, as offsets in its up section. */
function envsubOf(text, section) {
    const at = section.tool ? new lines/* LineIndex */.r(text).lineStart(section.lineOffset + 1) : 0;
    return (0,goose_split/* envsubRegions */.fo)(text, at, at + section.sql.length);
}
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** What a BOM's syntax error stops, under the runners that send it (Atlas's lexer skips only unicode.IsSpace, which it is not). */
const BOM_STOPS = { drizzle: "drizzle's whole run rolls back", atlas: '`atlas migrate apply` stops there' };
function sameSettings(a, b) {
    return (a.folder === b.folder && a.preset === b.preset && a.scheme === b.scheme && a.config === b.config && a.inTransaction === b.inTransaction && a.entry === b.entry);
}
/**
 * Each file's classification, by its byte buffer: a git base hands over the head's own buffer for every unchanged file, which
 * then classifies as it did in the head (same path, bytes and settings), read off here instead of again (PR case: ~10 ms).
 * `migration` is as classified, before a down file is attached; `down` is the version a down file undoes.
 */
const classified = new WeakMap();
/** Decoded text per byte buffer: a git base hands over the head's own buffer for every unchanged file, decoded once. */
const texts = new WeakMap();
function readText(bytes, preset) {
    let read = texts.get(bytes);
    if (read?.preset !== preset) {
        const decoded = read?.decoded ?? (0,decode/* decodeSql */.x)(bytes);
        read = { decoded, section: (0,sections/* upSection */.VX)(decoded.ok ? decoded.text : '', preset), preset };
        texts.set(bytes, read);
    }
    return read;
}
function attachDowns(migrations, downs, findings) {
    const upOf = new Map();
    for (const m of migrations)
        if (m.kind === 'versioned' && !upOf.has(m.version))
            upOf.set(m.version, m);
    for (const down of downs) {
        const up = upOf.get(down.version);
        if (up) {
            up.downFile = down.file;
            continue;
        }
        findings.push({
            rule: 'invalid-name',
            file: down.file,
            line: 0,
            column: 0,
            message: `${external_node_path_.posix.basename(down.file)} undoes version ${down.version}, but no migration has that version`,
            suggestion: 'add the up migration it belongs to, or delete the orphan down file',
        });
    }
}

;// CONCATENATED MODULE: ./src/discover/index.ts
// Discovery: the configured migration folders on disk → Migrations in apply order, plus findings for
// files that are not migrations a runner could read.


/**
 * Discovers every configured folder. `beforeReading` learns how many entries the folders hold once
 * they are listed and before any file is read (the gate starts its lint workers on it).
 */
function discover(options, beforeReading) {
    const out = { migrations: [], findings: [], refusedNames: [] };
    const listed = options.folders.map((folder) => ({ folder, entries: (0,files/* folderEntries */.zu)(options.root, folder.path) }));
    beforeReading?.(listed.reduce((n, l) => n + l.entries.length, 0));
    for (const { folder, entries } of listed) {
        const listing = (0,files/* listFolder */.bt)(options.root, folder.path, entries, options.preset);
        const found = classifyFolder(listing, folder.scheme, options.preset);
        out.migrations.push(...found.migrations);
        out.findings.push(...found.findings);
        out.refusedNames.push(...found.refusedNames);
    }
    return out;
}

// EXTERNAL MODULE: ./src/discover/graphile-current.ts + 1 modules
var graphile_current = __webpack_require__(6);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/checksum/digest.ts
var digest = __webpack_require__(7807);
;// CONCATENATED MODULE: ./src/history/git-base.ts
// The git base: the migration folders as they are at the base ref, read from git objects (no checkout),
// classified exactly like the working tree so that the two compare file by file.















/** The repository's top folder and the base commit, in one `git rev-parse`. */
function resolveCommit(root, ref) {
    const probe = (0,external_node_child_process_.spawnSync)('git', ['rev-parse', '--show-toplevel', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
    const [top, commit] = probe.stdout.trim().split('\n');
    if (probe.status === 0 && top && commit)
        return { top, commit };
    if (probe.error || /not a git repository/i.test(probe.stderr)) {
        throw new errors/* UserError */.y(`The base ${ref} needs a git repository, but ${root} is not one: run inside the clone (in a workflow, check the repository out ` +
            'at the workspace root, without `path:`), or leave the base out.');
    }
    const shallow = (0,external_node_child_process_.spawnSync)('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';
    const fetch = fetchAdvice(root, ref, shallow);
    const how = shallow
        ? `this is a shallow clone: ${fetch ? `fetch the base with ${fetch}, or ` : ''}use actions/checkout with \`fetch-depth: 0\``
        : `fetch it first${fetch ? ` (${fetch})` : ''} or check the name`;
    throw new errors/* UserError */.y(`base ${ref} is not in this clone; ${how}`);
}
/**
 * The fetch that brings `ref` into this clone, by its shape, or null where none is sure to: `git fetch origin <ref>` asks the
 * remote for a name of its own, so a remote-tracking ref is fetched into itself by refspec, and an ancestor of HEAD by deepening.
 */
function fetchAdvice(root, ref, shallow) {
    const fetch = shallow ? 'git fetch --no-tags --depth=1' : 'git fetch --no-tags';
    // A whole commit id, which the Action passes: servers hand out a commit asked for by its whole id, not by an abbreviation.
    if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref))
        return `\`${fetch} origin ${ref}\``;
    const ancestor = /^HEAD((?:~\d*|\^)+)$/.exec(ref);
    if (ancestor) {
        const generations = ancestor[1].match(/~\d*|\^/g).reduce((sum, step) => sum + (step.length > 1 ? Number(step.slice(1)) : 1), 0);
        return shallow ? `\`git fetch --deepen=${generations}\`` : null;
    }
    // An abbreviated id or an expression (`main~2`, `@{u}`) names nothing a fetch can ask for.
    if (/^[0-9a-f]{7,}$/i.test(ref) || (0,external_node_child_process_.spawnSync)('git', ['check-ref-format', `refs/heads/${ref}`], { cwd: root }).status !== 0)
        return null;
    if (/^refs\/(?:heads|tags)\//.test(ref))
        return `\`${fetch} origin +${ref}:${ref}\``;
    const tracking = ref.replace(/^refs\/remotes\//, '');
    const remote = (0,external_node_child_process_.spawnSync)('git', ['remote'], { cwd: root, encoding: 'utf8' })
        .stdout.split('\n')
        .find((name) => name && tracking.startsWith(`${name}/`));
    if (remote)
        return `\`${fetch} ${remote} +refs/heads/${tracking.slice(remote.length + 1)}:refs/remotes/${tracking}\``;
    if (ref.startsWith('refs/'))
        return null;
    // A bare name is the remote's branch or its tag, and which one only the remote knows: `<name>:<name>` stores either under
    // refs/heads (git's get_local_ref), a tag as a branch, or fails on an annotated tag (no branch holds a tag object).
    const [branch, tag] = ['heads', 'tags'].map((kind) => `\`${fetch} origin +refs/${kind}/${ref}:refs/${kind}/${ref}\``);
    return `${branch} if it is a branch or ${tag} if it is a tag`;
}
const SYMLINK = '120000';
/**
 * Every file under the given paths at the base, as paths from `root`, in one `git ls-tree` run there (git resolves the
 * ref and cuts the paths itself). Only when that fails is the ref probed, to say why.
 */
function listBase(root, ref, paths) {
    return lsTree(root, ['--literal-pathspecs', 'ls-tree', '-r', '-z', `${ref}^{commit}`, '--', ...paths], () => resolveCommit(root, ref));
}
/** The entries one `git ls-tree -r -z` run lists; where it fails, `probe` first says why if it can. */
function lsTree(root, args, probe = () => { }) {
    const run = (0,external_node_child_process_.spawnSync)('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (run.status !== 0 || run.error) {
        probe();
        throw new Error(`git ${args.join(' ')} failed: ${run.error?.message ?? run.stderr.trim()}`);
    }
    return run.stdout
        .split('\0')
        .filter(Boolean)
        .map((line) => {
        const tab = line.indexOf('\t');
        return { mode: line.slice(0, line.indexOf(' ')), sha: line.slice(line.lastIndexOf(' ', tab) + 1, tab), path: line.slice(tab + 1) };
    });
}
/** The folders that hold the listed files (git keeps no empty one), to match globs in as on disk. */
function listedTree(listing) {
    const children = new Map([['', new Set()]]);
    for (const { path } of listing) {
        let parent = '';
        for (const name of path.split('/').slice(0, -1)) {
            const dir = parent ? `${parent}/${name}` : name;
            children.get(parent).add(name);
            if (!children.has(dir))
                children.set(dir, new Set());
            parent = dir;
        }
    }
    return { subdirs: (dir) => [...(children.get(dir) ?? [])], isFolder: (dir) => children.has(dir === '.' ? '' : dir) };
}
/**
 * The folders to read at the base, in the order given: a path names its folder, a glob the folders it matches on disk or
 * at the base, where a folder the change deleted still is; a folder two of them reach is read once, as on disk (mergeFolders).
 * A path or glob that names no folder in either is refused.
 */
function baseFolders(options, ref) {
    const given = (options.configured ?? options.folders).map((folder) => ({ folder, pattern: (0,files/* folderPattern */.Hd)(options.root, folder.path) }));
    // One listing for all: a glob's files are under the folder before its first wildcard.
    const listed = listBase(options.root, ref, [...new Set(given.map((g) => (0,files/* globRoot */.Hc)(g.pattern)))]);
    const [disk, base] = [(0,files/* diskTree */.cF)(options.root), listedTree(listed)];
    const named = given.map(({ pattern }) => (0,files/* globRoot */.Hc)(pattern) === pattern ? [pattern] : [...new Set([...(0,files/* matchFolders */.RZ)(disk, pattern), ...(0,files/* matchFolders */.RZ)(base, pattern)])].sort());
    const folders = (0,files/* mergeFolders */.ot)(options.root, given.flatMap((g, i) => named[i].map((path) => ({ folder: { ...g.folder, path }, entry: g.folder.path, named: g.pattern === path }))));
    const listing = throughFolderLinks(options.root, ref, listed, folders.map((f) => f.path).filter((path) => !base.isFolder(path)));
    const found = listedTree(listing);
    given.forEach((g, i) => {
        if (named[i].every((path) => !disk.isFolder(path) && !found.isFolder(path)))
            throw (0,files/* noFolder */.Cx)(options.root, g.folder.path, g.pattern, ref);
    });
    return { folders, listing };
}
/**
 * A folder that holds nothing at the base may be reached through a symlink there, its own or a parent's (`db/migrations`
 * under a link `db`), which git ls-tree does not follow: as on disk, the folder it leads to is listed instead, under its path.
 */
function throughFolderLinks(root, ref, listing, unlisted) {
    const trees = followLinks(root, ref, unlisted, 'tree');
    return listing.concat(...unlisted.map((folder, i) => {
        const tree = trees[i];
        return tree ? lsTree(root, ['ls-tree', '-r', '-z', '--full-tree', tree]).map((e) => ({ ...e, path: `${folder}/${e.path}` })) : [];
    }));
}
/**
 * The object each symlink at the base leads to, followed as realpath follows it on disk (readSource), in one `git cat-file
 * --follow-symlinks` run; null where that is no `type` object: a link out of `root` (it is followed in root's own tree,
 * so out of the root is out, as on disk), to nothing, or round a loop.
 */
function followLinks(root, ref, paths, type) {
    if (paths.length === 0)
        return [];
    const tree = (0,external_node_child_process_.execFileSync)('git', ['rev-parse', '--verify', `${ref}^{commit}:./`], { cwd: root, encoding: 'utf8' }).trim();
    // latin1: one character a byte, as the sizes git prints count bytes.
    const out = (0,external_node_child_process_.execFileSync)('git', ['cat-file', '--batch-check', '--follow-symlinks'], {
        cwd: root,
        input: paths.map((p) => `${tree}:${p}\n`).join(''),
        encoding: 'latin1',
        maxBuffer: 1 << 30,
    });
    let at = 0;
    return paths.map(() => {
        const eol = out.indexOf('\n', at);
        const [word, second, size] = out.slice(at, eol).split(' ');
        at = eol + 1;
        if (size !== undefined)
            return second === type ? word : null;
        // `symlink`, `dangling`, `loop` and `notdir` print a second line of the size given; `<object> missing` none.
        if (word === 'symlink' || word === 'dangling' || word === 'loop' || word === 'notdir')
            at += Number(second) + 1;
        return null;
    });
}
/**
 * Reads the base's migrations. `head` are the working tree's: a base file whose blob id equals a head
 * file's hash has those very bytes, so only the blobs that differ are read from git; and a current migration is
 * unchanged only where watch runs the same text (asRun).
 */
function readGitBase(options, head = []) {
    const ref = options.base;
    const { folders, listing } = baseFolders(options, ref);
    const headBytes = new Map();
    for (const m of head)
        if (!headBytes.has(m.file))
            headBytes.set(m.file, m.bytes);
    const byFolder = folders.map((folder) => {
        return listing.filter((e) => isMigrationCandidate(folder.path, e.path, options.preset));
    });
    const migrations = [];
    sourcesAt(options.root, ref, byFolder, headBytes).forEach((files, f) => {
        migrations.push(...classifyFolder({ folder: folders[f].path, files }, folders[f].scheme, options.preset).migrations);
    });
    // Sqitch knows a change by its ID, not its script's path: `sqitch rework` moves a deployed change's script to name@tag.sql.
    const byChangeId = new Map(head.flatMap((h) => (h.sqitch ? [[h.sqitch.change.id, h.file]] : [])));
    const entry = (m) => ({
        version: m.version,
        file: (m.sqitch && byChangeId.get(m.sqitch.change.id)) ?? m.file,
        name: m.name,
        bytes: m.bytes,
        ...(m.sqitch && { changeId: m.sqitch.change.id }),
        state: 'applied',
    });
    const history = { source: `git:${ref}`, matchBy: 'file', entries: migrations.map(entry) };
    if (options.preset === 'graphile-migrate')
        history.current = baseCurrent(options, ref, headBytes).map((m) => entry(asRun(m, head)));
    return { history, migrations };
}
/**
 * The base's current migration `m` as compared with the working tree's: by the text `watch` runs, includes expanded. Where
 * that differs but the file may not (only a fixture changed), its bytes are the text it ran, which are no file's bytes: a
 * file holds `--!include` lines, and the `--! Included` markers of their expansion are refused in one.
 */
function asRun(m, head) {
    const now = head.find((h) => h.kind === 'current' && h.file === m.file);
    return now && now.sql !== m.sql ? { ...m, bytes: Buffer.from(m.sql) } : m;
}
/**
 * The files of each group of entries: a symlinked one reads as the file it leads to, every group's in one run. A link the
 * disk refuses (out of the repository, broken) is refused here too, so an unchanged one stays unchanged.
 */
function sourcesAt(root, ref, groups, headBytes) {
    const links = groups.flat().filter((e) => e.mode === SYMLINK);
    const targets = new Map(followLinks(root, ref, links.map((e) => e.path), 'blob').map((sha, i) => [links[i], sha]));
    return groups.map((group) => {
        const listed = group.map((e) => ({ path: e.path, sha: e.mode === SYMLINK ? targets.get(e) : e.sha }));
        const bytes = entryBytes(root, listed.filter((e) => e.sha !== null), headBytes);
        let next = 0;
        return listed.map((e) => e.sha === null
            ? { path: e.path, problem: { message: `${e.path} is a symlink to no file in the repository at ${ref}`, fix: 'commit the migration itself' } }
            : { path: e.path, bytes: bytes[next++] });
    });
}
/** graphile-migrate's work in progress beside each checked `committed/` folder at the base, read as on disk, its includes expanded with the base's fixtures. */
function baseCurrent(options, ref, headBytes) {
    return options.folders.flatMap((folder) => {
        const paths = (0,graphile_current/* currentPaths */.ME)(folder.path);
        if (!paths)
            return [];
        const listed = listBase(options.root, ref, [paths.file, paths.dir]);
        const inDir = listed.filter((e) => external_node_path_.posix.dirname(e.path) === paths.dir && (0,graphile_current/* readsName */.ly)(external_node_path_.posix.basename(e.path)));
        const file = listed.filter((e) => e.path === paths.file);
        const [[current], dir] = sourcesAt(options.root, ref, [file, inDir], headBytes);
        return (0,graphile_current/* classifyCurrent */.OS)(folder.path, { file: current ?? null, dir: inDir.length ? dir : null }, gitFixtures(options.root, ref, paths.fixtures)).migrations;
    });
}
/**
 * The base's fixtures folder `dir`, as diskFixtures reads the disk: links in it (or the folder, if it is one) followed in the
 * base's tree. It is listed only when an include asks for it, and a fixture is read only when included.
 */
function gitFixtures(root, ref, dir) {
    let listed;
    const files = () => {
        if (listed)
            return listed;
        const own = listBase(root, ref, [dir]).filter((e) => e.path !== dir);
        listed = new Map((own.length ? own : throughFolderLinks(root, ref, [], [dir])).map((e) => [e.path, e]));
        return listed;
    };
    const readEntry = (e) => readBlobs(root, [e.sha])[0];
    /** Where `path` leads, as realpath leads: null where that is no file listed, and for a link out of the repository (absolute) or round a loop (ELOOP). */
    const follow = (path, hops) => {
        const parts = path.split('/');
        for (let i = 1; i <= parts.length; i++) {
            const at = parts.slice(0, i).join('/');
            const link = files().get(at);
            if (link?.mode !== SYMLINK)
                continue;
            const target = readEntry(link).toString('utf8');
            if (target.startsWith('/') || hops === 40)
                return null;
            return follow(external_node_path_.posix.join(external_node_path_.posix.dirname(at), target, ...parts.slice(i)), hops + 1);
        }
        return files().get(path)?.mode.startsWith('100') ? path : null;
    };
    return {
        dir,
        get exists() {
            return files().size > 0;
        },
        resolve: (raw) => follow(external_node_path_.posix.normalize(`${dir}/${raw}`), 0),
        read: (path) => readEntry(files().get(path)),
    };
}
/** The entries' bytes: a head file's own buffer where its blob id is the entry's, the others read from git in one run. */
function entryBytes(root, entries, headBytes) {
    const same = entries.map((e) => {
        const bytes = headBytes.get(e.path);
        return bytes !== undefined && blobId(bytes, e.sha.length) === e.sha ? bytes : null;
    });
    const read = readBlobs(root, entries.filter((_, i) => same[i] === null).map((e) => e.sha));
    let next = 0;
    return same.map((bytes) => bytes ?? read[next++]);
}
/**
 * The same files listFolder picks up on disk: direct .sql and .sql.conf children (and the other files node-pg-migrate fails
 * on, and the migrations goose and node-pg-migrate take written in code), the folder-per-migration SQL files the preset's
 * runner runs, diesel's metadata.toml, drizzle's journal and Atlas's atlas.sum; under a runner that reads subfolders, the .sql and .sql.conf files at any depth;
 * a Sqitch project's plan and deploy scripts.
 */
function isMigrationCandidate(folder, path, preset) {
    const rel = (0,src_migration/* pathIn */.lW)(folder, path);
    if (rel === null)
        return false;
    if (preset === 'sqitch')
        return (0,sqitch_project/* isSqitchSource */.Is)(rel);
    const parts = rel.split('/');
    const name = parts.pop();
    if (parts.length === 0 && ((0,naming/* failsOnOtherFile */.po)(name, preset) || (0,naming/* readCodeName */.HI)(name, preset) !== null || (preset === 'atlas' && name === atlas_sum/* ATLAS_SUM */.Si)))
        return true;
    if (parts.length === 0 || presets/* PRESET_TABLE */.rv[preset].nested)
        return (name.endsWith('.sql') || (0,script_config/* isScriptConfig */.SW)(name)) && parts.every(files/* isScannedSubfolder */.p3);
    return parts.length === 1 && ((0,naming/* folderSqlFiles */.Uc)(preset).includes(name) || name === diesel_metadata/* DIESEL_METADATA */.$p || (preset === 'drizzle' && rel === drizzle_journal/* DRIZZLE_JOURNAL */.lK));
}
/** Git's object id of a blob with these bytes: the hash of `blob <size>\0<bytes>` (SHA-256 repositories have 64-digit ids). */
function blobId(bytes, idLength) {
    return (0,digest/* prefixedHexDigest */.h)(idLength === 64 ? 'sha256' : 'sha1', `blob ${bytes.length}\0`, bytes);
}
/** Reads many blobs in one `git cat-file --batch` call. */
function readBlobs(root, shas) {
    if (shas.length === 0)
        return [];
    const out = (0,external_node_child_process_.execFileSync)('git', ['cat-file', '--batch'], { cwd: root, input: shas.join('\n') + '\n', maxBuffer: 1 << 30 });
    const blobs = [];
    let at = 0;
    for (let i = 0; i < shas.length; i++) {
        const eol = out.indexOf(10, at);
        const size = Number(out.subarray(at, eol).toString('latin1').split(' ')[2]);
        blobs.push(out.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
    }
    return blobs;
}

// EXTERNAL MODULE: ./src/rules/index.ts + 20 modules
var src_rules = __webpack_require__(7738);
;// CONCATENATED MODULE: ./src/rules/inherited.ts
// In PR mode a conflict the base already has (two merged files sharing a version, say) is not the pull request's
// doing, and it cannot be fixed by renaming what the base has applied: it stays in the report as a warning that says
// so, instead of failing every pull request until the base is fixed. The base's own set findings tell which.
// graphile-migrate's current migration that fails its dry-run is the base's too where the pull request changes neither
// it nor any committed migration: it then runs on the very schema it ran on at the base.

const SET_RULES = new Set(src_rules/* RULES */.y0.filter((r) => r.scope === 'set').map((r) => r.id));
/** What the dry-run of the current migration finds: its first run failing, or its second, as `watch` runs it again. */
const CURRENT_RUNS = new Set(['dry-run-failed', 'not-rerunnable']);
function markInherited(findings, base, options) {
    // Only a failing set-rule finding can be the base's: without one, the base need not be checked at all.
    if (!findings.some((f) => f.severity === 'error' && SET_RULES.has(f.rule)))
        return findings;
    const key = (f) => `${f.rule}\0${f.file}`;
    const onBase = new Set((0,src_rules/* runSetRules */["do"])({ migrations: base.migrations, history: base.history, options }).map(key));
    if (onBase.size === 0)
        return findings;
    return findings.map((f) => (f.severity === 'error' && onBase.has(key(f)) ? inherited(f, base.history) : f));
}
/**
 * The current migration's dry-run failures, where the pull request adds and changes no committed migration and leaves
 * the text watch runs of the current migration, its includes expanded, as the base has it (the base's history compares
 * it so: readGitBase): before the findings are moved to the lines they were written at.
 */
function markInheritedCurrent(findings, ctx) {
    const changed = new Set((0,src_rules/* inScope */.SB)({ ...ctx, options: { ...ctx.options, all: false } }));
    if ([...changed].some((m) => m.kind !== 'current'))
        return findings;
    const same = new Set(ctx.migrations.filter((m) => m.kind === 'current' && !changed.has(m)).map((m) => m.file));
    return findings.map((f) => (f.severity === 'error' && CURRENT_RUNS.has(f.rule) && same.has(f.file) ? inherited(f, ctx.history) : f));
}
/** A failing finding the base already has, as a warning that says so. */
function inherited(f, history) {
    const ref = history.source.replace(/^git:/, '');
    return { ...f, severity: 'warning', message: `Already on ${ref} before this pull request, so it does not fail it: ${f.message}` };
}

// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(5066);
;// CONCATENATED MODULE: ./src/gate.ts
// The Gate: discover → history → rules → dry-run → Report. Orchestration only; it knows nothing of
// terminals or GitHub, so the CLI and the Action get the same report from the same options.










async function runGate(options) {
    const found = discover(options, (entries) => (0,src_rules/* warmFileRules */.ff)(options, entries));
    // graphile-migrate's work in progress, after its committed migrations: a deploy runs `migrate`, which never runs it.
    const current = options.mode === 'pr' ? (0,graphile_current/* discoverCurrent */.xD)(options) : { migrations: [], findings: [], written: new Map() };
    const migrations = [...found.migrations, ...current.migrations];
    const applied = await readApplied(options, migrations);
    const ctx = { migrations, history: applied.history, options };
    const findings = [...found.findings, ...current.findings, ...applied.findings];
    let dryRun = null;
    if (options.dryRun.enabled) {
        const pending = pendingOf(migrations, applied.history, options);
        // The dry-run parses every file: the parser compiles first, on the baseline tier like a static check.
        await (0,parser/* loadParser */.qd)();
        // The engines (pg, PGlite) load only for a dry-run: a static check starts without them.
        (0,v8_tiers/* optimiseAll */.O)();
        const { runDryRun } = await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(618), __webpack_require__.e(258), __webpack_require__.e(555)]).then(__webpack_require__.bind(__webpack_require__, 5555));
        const result = await runDryRun({ options: dryRunTarget(options), baseline: applied.baseline, pending, refusedNames: found.refusedNames });
        // The current migration's error, like its findings, at the line it was written at.
        dryRun = (0,graphile_current/* runsAtWrittenLines */.yQ)(result.dryRun, current.written);
        findings.push(...result.findings);
    }
    const watched = rerunByWatch(confirmStatic(await (0,src_rules/* checkRules */.MM)(ctx, findings)), current.migrations);
    const base = applied.history && (0,history_history/* fromGit */.X)(applied.history) ? applied.history : null;
    const ours = base ? markInheritedCurrent(watched, { ...ctx, history: base }) : watched;
    // Judged on the text watch runs, then told where it was written: the lines of an included fixture are the fixture's.
    const checked = (0,graphile_current/* atWrittenLines */.yT)(ours, current.written);
    const judged = base ? markInherited(checked, { migrations: applied.baseline, history: base }, options) : checked;
    return (0,build/* buildReport */.FK)({ options, migrations, history: applied.history, findings: judged, dryRun });
}
/**
 * `graphile-migrate watch` runs the current migration again on every save, and graphile-migrate requires it to be
 * idempotent: there a statement that breaks on the second run is an error whatever the configured severity.
 */
function rerunByWatch(findings, current) {
    if (current.length === 0)
        return findings;
    const files = new Set(current.map((m) => m.file));
    return findings.map((f) => {
        if (!files.has(f.file) || (f.rule !== 'non-idempotent' && f.rule !== 'not-rerunnable'))
            return f;
        const why = f.rule === 'non-idempotent' ? `\`graphile-migrate watch\` runs ${(0,graphile_current/* currentName */.TH)(f.file)} again on every save, so it must be idempotent: ` : '';
        return { ...f, severity: 'error', message: `${why}${f.message}` };
    });
}
/** The dry-run's not-rerunnable and the static non-idempotent on one statement are one problem: say it once. */
function confirmStatic(findings) {
    const key = (f) => `${f.file}:${f.line}`;
    const proven = new Set(findings.filter((f) => f.rule === 'not-rerunnable').map(key));
    const predicted = new Set(findings.filter((f) => f.rule === 'non-idempotent').map(key));
    return findings
        .filter((f) => !(f.rule === 'not-rerunnable' && predicted.has(key(f))))
        .map((f) => (f.rule === 'non-idempotent' && proven.has(key(f)) ? { ...f, message: `${f.message} The dry-run confirmed it.` } : f));
}
/** What is already applied: the git base in PR mode, the target's history table in deploy mode. */
async function readApplied(options, migrations) {
    if (options.mode === 'deploy') {
        const { readHistoryTable } = await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(635)]).then(__webpack_require__.bind(__webpack_require__, 8635));
        const { history, findings } = await readHistoryTable(options, migrations);
        const entryOf = (0,build/* historyIndex */.Tt)(history);
        // The target ran the files as they are recorded; drift, if any, is its own finding.
        const baseline = migrations.filter((m) => entryOf(m)?.state === 'applied');
        return { history, baseline, findings };
    }
    if (!options.base)
        return { history: null, baseline: [], findings: [] };
    const base = readGitBase(options, migrations);
    return { history: base.history, baseline: base.migrations, findings: [] };
}
/**
 * Migrations the dry-run proves: those not yet applied. A changed versioned file is drift, not pending; a changed
 * repeatable one (Flyway's `R__`) is pending, as the runner runs it again, after the versioned ones.
 */
function pendingOf(migrations, history, options) {
    if (!history)
        return migrations;
    const applied = (0,build/* appliedIndex */._b)(history, options.checksum);
    // The current migration runs after the pending ones, changed or not: they may break it.
    return migrations.filter((m) => m.kind === 'current' || !applied(m));
}
/** In deploy mode --database-url is the production target: the dry-run must never run there. */
function dryRunTarget(options) {
    if (options.mode !== 'deploy')
        return options;
    if (options.dryRun.engine === 'url') {
        throw new errors/* UserError */.y('in deploy mode --database-url is the target database and is only read; dry-run with --engine auto, cluster or pglite');
    }
    const { databaseUrl: _target, ...dryRun } = options.dryRun;
    return { ...options, dryRun };
}

// EXTERNAL MODULE: ./src/atomic-file.ts
var atomic_file = __webpack_require__(3549);
// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
;// CONCATENATED MODULE: ./src/fix.ts
// --fix: the findings' mechanical fixes written into the migration files that are new against the base. A file the
// base has is left as it is: databases already ran it, and any edit is checksum drift to the runners that check.
// graphile-migrate's current migration, which no database records, is fixed wherever the branch changes it.
// Each file is written whole or not at all, with its line breaks, BOM and mode as they were.






/** The files of `report`'s findings with a fix (repo-relative, under `root`), each with its fixes in report order. */
function planFixes(root, report) {
    const byFile = new Map([...(0,finding/* findingsByFile */.YJ)(report.findings.filter((f) => f.fix))].map(([file, found]) => [file, found.map((f) => f.fix)]));
    const plan = { files: [], left: [] };
    for (const [file, fixes] of byFile) {
        const why = notOurs(file, report) ?? linkTarget(root, file);
        if (why)
            plan.left.push({ file, why });
        else
            plan.files.push({ file, fixes });
    }
    // A fixture's findings come without a fix (atWrittenLines): said once a file, so that none is taken for one --fix missed.
    const fixtures = new Set(report.findings.map((f) => f.file).filter((file) => !byFile.has(file) && fixtureOf(file, report)));
    for (const file of fixtures)
        plan.left.push({ file, why: SHARED_FIXTURE });
    return plan;
}
const SHARED_FIXTURE = 'it is a fixture that `--!include` shares with every migration that includes it: fix it by hand';
/** Whether `file` is in the fixtures folder of graphile-migrate's current migration, beside a checked `committed/`. */
function fixtureOf(file, report) {
    return report.folders.some((folder) => {
        const fixtures = (0,graphile_current/* currentPaths */.ME)(folder)?.fixtures;
        return fixtures !== undefined && file.startsWith(`${fixtures}/`);
    });
}
/**
 * Why `file` is not --fix's to edit: on the base already (unchanged, or a migration databases ran), or no migration's
 * own. graphile-migrate's current migration (current.sql, or a file of current/, one row) is work in progress that
 * `migrate` never runs: any change to it leaves no checksum behind.
 */
function notOurs(file, report) {
    const row = report.migrations.find((m) => m.file === file || file.startsWith(`${m.file}/`));
    if (!row)
        return fixtureOf(file, report) ? SHARED_FIXTURE : 'it is not one of the migrations checked';
    if (row.change === 'added' || (row.status === 'current' && row.change === 'modified'))
        return null;
    if (row.status === 'current')
        return `it is on ${report.base} already, and this branch leaves it unchanged`;
    return `it is on ${report.base} already, and an edit would be checksum drift`;
}
/** A new migration that is a link shares its target with whatever else links there, maybe a migration that ran. */
function linkTarget(root, file) {
    const path = (0,external_node_path_.join)(root, file);
    if (!(0,external_node_fs_.lstatSync)(path).isSymbolicLink())
        return null;
    return `it is a link to ${(0,external_node_path_.relative)(root, (0,external_node_fs_.realpathSync)(path)).split(external_node_path_.sep).join('/')}, which other migrations may read too: fix that file itself`;
}
/** Writes each file's fixes, under `root`: the file whole, or not at all. */
function writeFixes(root, files) {
    return files.map(({ file, fixes }) => fixFile(root, file, fixes));
}
const BOM = '\uFEFF';
function fixFile(root, file, fixes) {
    try {
        const path = (0,external_node_path_.join)(root, file);
        const { mode } = (0,external_node_fs_.statSync)(path);
        // Renaming over a file replaces it whatever its mode: a file nobody may write is refused, as an editor refuses it.
        if ((mode & 0o222) === 0)
            return { file, fixed: 0, skipped: [], error: 'it is read-only' };
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.W_OK);
        const text = (0,external_node_fs_.readFileSync)(path, 'utf8');
        const bom = text.startsWith(BOM) ? BOM : '';
        const { fixed, applied, skipped } = applyFixes(text.slice(bom.length), fixes);
        (0,atomic_file/* writeAtomically */.v)(path, bom + fixed);
        return { file, fixed: applied, skipped };
    }
    catch (e) {
        return { file, fixed: 0, skipped: [], error: e.message };
    }
}
/**
 * `text` with `fixes` applied: where two overlap, the one starting higher in the file wins and the other is skipped.
 * Replacements are written with the file's line break (a fix's lines are joined by LF), and a file that ends
 * without one still does.
 */
function applyFixes(text, fixes) {
    const chosen = [];
    const skipped = [];
    for (const fix of [...fixes].sort((a, b) => a.line - b.line || a.endLine - b.endLine)) {
        (chosen.length && fix.line <= chosen[chosen.length - 1].endLine ? skipped : chosen).push(fix);
    }
    const crlf = /^[^\n]*\r\n/.test(text);
    const lines = text.split('\n');
    // Bottom-up, so the line numbers of the fixes above still hold.
    for (const fix of chosen.reverse()) {
        const cr = lines[fix.endLine - 1].endsWith('\r') ? '\r' : '';
        lines.splice(fix.line - 1, fix.endLine - fix.line + 1, fix.replacement.split('\n').join(crlf ? '\r\n' : '\n') + cr);
    }
    return { fixed: lines.join('\n'), applied: chosen.length, skipped };
}
/** The line --fix prints for a file it wrote: `fixed 3 findings in migrations/0012_add_orders.sql`, and what it left. */
function describeFixes({ file, fixed, skipped }) {
    const head = `fixed ${(0,plural/* plural */.L)(fixed, 'finding')} in ${file}`;
    const at = skipped.map((f) => f.line).join(', ');
    if (skipped.length === 0)
        return head;
    return skipped.length === 1
        ? `${head}; the fix at line ${at} overlaps another: run --fix again for it`
        : `${head}; the fixes at lines ${at} overlap others: run --fix again for them`;
}

;// CONCATENATED MODULE: ./src/report/text.ts
// The terminal view of a Report: findings grouped by file with line numbers, then pending, dry-run and a summary line.



const plain = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };
function ansiStyle() {
    const wrap = (open, close) => (s) => `\x1b[${open}m${s}\x1b[${close}m`;
    return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
function renderText(report, style = plain) {
    const out = [];
    const byFile = (0,finding/* findingsByFile */.YJ)(report.findings);
    const at = (f) => (f.line ? (f.column ? `${f.line}:${f.column}` : `${f.line}`) : '');
    // A loop, not Math.max(...): a baseline's hundreds of thousands of findings overflow a call's argument list.
    const width = report.findings.reduce((w, f) => Math.max(w, at(f).length), 0);
    const indent = `  ${' '.repeat(width)}           `;
    for (const [file, findings] of [...byFile].sort(([a], [b]) => (0,version_order/* compareText */.n6)(a, b))) {
        out.push(style.bold(file));
        for (const f of [...findings].sort((a, b) => a.line - b.line || a.column - b.column)) {
            const where = at(f).padEnd(width);
            const sev = f.severity === 'error' ? style.red('error  ') : style.yellow('warning');
            out.push(`  ${style.dim(where)}  ${sev}  ${f.message}  ${style.dim(f.rule)}`);
            // A multi-line suggestion (a DO block) stays under its arrow rather than at the left margin.
            if (f.suggestion)
                out.push(indent + style.dim('→ ' + f.suggestion.split('\n').join(`\n${indent}  `)));
        }
        out.push('');
    }
    const pending = report.migrations.filter((m) => m.status === 'pending');
    if (report.base !== null || report.mode === 'deploy') {
        out.push(style.bold(`Pending against ${report.base ?? 'the target'}: ${(0,plural/* plural */.L)(pending.length, 'migration')}`));
        for (const m of pending)
            out.push(`  ${m.file}${m.change === 'modified' ? style.yellow(' (changed)') : ''}`);
        out.push('');
    }
    if (report.dryRun) {
        const d = report.dryRun;
        const counts = ['applied', 'failed', 'skipped']
            .map((s) => [s, d.migrations.filter((m) => m.status === s).length])
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`);
        out.push(style.bold(`Dry-run on ${d.engine} (PostgreSQL ${d.serverVersion}): ${counts.join(', ') || 'nothing pending'}`));
        for (const m of d.migrations) {
            const mark = m.status === 'applied' ? style.green('✓') : m.status === 'failed' ? style.red('✗') : style.dim('-');
            out.push(`  ${mark} ${m.file} ${style.dim(`${m.durationMs} ms`)}`);
            if (m.error)
                out.push(`      ${style.red(`${m.error.sqlstate} ${m.error.message}`)} ${style.dim(`at ${m.error.file ? `${m.error.file}:` : ''}${m.error.line}:${m.error.column}`)}`);
            // A skip always has a reason (an earlier failure, the runner's refusal, a missing extension): the count alone hides it.
            if (m.reason)
                out.push(`      ${style.dim(m.reason)}`);
        }
        out.push('');
    }
    const { errors, warnings } = report.summary;
    const tally = `${(0,plural/* plural */.L)(errors, 'error')}, ${(0,plural/* plural */.L)(warnings, 'warning')} in ${(0,plural/* plural */.L)(report.migrations.length, 'migration')}`;
    out.push(report.verdict === 'pass' ? style.green(`✔ gate passes · ${tally}`) : style.red(`✖ gate fails · ${tally}`));
    return out.join('\n') + '\n';
}

// EXTERNAL MODULE: ./src/report/report.ts
var report_report = __webpack_require__(8850);
// EXTERNAL MODULE: ./src/shell.ts
var shell = __webpack_require__(997);
;// CONCATENATED MODULE: ./src/report/markdown.ts
// The Markdown renderer: the sticky PR comment, the job summary and `--format markdown`.
// Every name, SQL text and message in a report is untrusted (it comes from the PR), so all of it goes
// through the escapers below: no HTML, no @mentions, code fences that a backtick run cannot close.




/** GitHub's limit on an issue or pull-request comment body, in characters. */
const COMMENT_LIMIT = 65_536;
const STAGES = ['full', 'errors', 'counts'];
/** Renders the report, shrinking full → errors only → counts until it fits the budget; never fails. */
function renderMarkdown(report, context = {}) {
    const limit = context.limit ?? COMMENT_LIMIT;
    const measure = context.measure ?? ((s) => s.length);
    const fits = (body) => measure(body) <= limit;
    let body = '';
    for (const stage of STAGES.slice(STAGES.indexOf(context.stage ?? 'full'))) {
        const rows = stage === 'errors' ? mostRows(report, context, fits) : Infinity;
        if (rows === 0)
            continue;
        body = renderStage(report, context, stage, rows);
        if (fits(body))
            return body;
    }
    // Only reachable with an absurd budget or folder list: cut at a line and say so.
    const note = '\n\n_Report cut to fit the size limit; run the command above locally for all of it._\n';
    let cut = body.slice(0, Math.max(0, limit - note.length - 8));
    while (cut.length > 0 && measure(cut + note) > limit)
        cut = cut.slice(0, Math.floor(cut.length * 0.9));
    return cut.slice(0, cut.lastIndexOf('\n') + 1 || cut.length) + note;
}
/**
 * `npx migration-gate check <folders> --base <sha>`: what a developer runs to see the same report, with the flags of what
 * else the run was given that changes its result. A database, the target's or the dry-run's server, goes by
 * `$DATABASE_URL`, never by its value; a placeholder's value (it may be a secret) is left out, as is what changes
 * nothing in a check (history-write, the cache, the output).
 */
function reproduceCommand(report, given = {}) {
    const parts = ['npx', 'migration-gate', 'check', ...report.folders.map(shell/* shellQuote */.Z)];
    const base = report.base?.startsWith('git:') ? report.base.slice(4) : null;
    if (report.mode === 'pr' && base)
        parts.push('--base', (0,shell/* shellQuote */.Z)(base));
    if (report.mode === 'deploy')
        parts.push('--mode', 'deploy');
    if (report.mode === 'deploy' || report.dryRun?.engine === 'url')
        parts.push('--database-url', '"$DATABASE_URL"');
    const flags = [
        ['dir', given.dir],
        ['config', given.config],
        ['preset', given.preset],
        ['checksum', given.checksum],
        ['all', given.all],
        ['engine', given.engine],
        ['dry-run', given.dryRun === true],
        ['no-dry-run', given.dryRun === false],
        ['fail-on', given.failOn],
        ['search-path', given.searchPath],
        ['platform', given.platform],
        ...(given.roles ?? []).map((r) => ['role', r]),
        ['postgres-version', given.postgresVersion],
        ['history', given.history],
        ['history-table', given.historyTable],
    ];
    for (const [flag, value] of flags)
        if (value)
            parts.push(`--${flag}`, ...(value === true ? [] : [(0,shell/* shellQuote */.Z)(value)]));
    return parts.join(' ');
}
/** The most error rows (and half as many pending files and conflicts) whose errors-only body fits; 0 if none does. */
function mostRows(report, ctx, fits) {
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const pending = report.migrations.filter((m) => m.status === 'pending').length;
    let [low, high] = [0, 2 * Math.max(1, errors, pending)];
    while (low < high) {
        const rows = Math.ceil((low + high) / 2);
        if (fits(renderStage(report, ctx, 'errors', rows)))
            low = rows;
        else
            high = rows - 1;
    }
    return low;
}
/** One stage's body; the errors-only stage shows at most `rows` errors and half as many pending files and conflicts. */
function renderStage(report, ctx, stage, rows) {
    let out = [];
    if (ctx.marker)
        out.push(ctx.marker);
    out.push(verdictLine(report), '', contextLine(report, ctx), '');
    if (ctx.prelude)
        out.push(ctx.prelude, '');
    const links = new Links(ctx, report);
    const conflicts = report.findings.filter((f) => report_report/* CONFLICT_RULES */.T.has(f.rule));
    const others = report.findings.filter((f) => !report_report/* CONFLICT_RULES */.T.has(f.rule));
    const half = Math.floor(rows / 2);
    let omitted = stage === 'counts' ? report.findings.length : stage === 'errors' ? report.summary.warnings : 0;
    if (stage === 'full') {
        // concat, not push(...): the full stage lists every finding, more on a pg_dump baseline than a call takes arguments.
        out = out.concat(pendingSection(report, links, Infinity), conflictSection(conflicts, links, Infinity), dryRunFailures(report, links, 4000), findingSection(others, links));
    }
    else if (stage === 'errors') {
        const errors = others.filter((f) => f.severity === 'error');
        out.push(...pendingSection(report, links, half));
        out.push(...conflictSection(conflicts.filter((f) => f.severity === 'error'), links, half));
        out.push(...dryRunFailures(report, links, 600));
        out.push(...compactFindings(errors, links, rows));
        omitted += Math.max(0, errors.length - rows) + Math.max(0, conflicts.filter((f) => f.severity === 'error').length - half);
    }
    if (omitted > 0) {
        // Reviewers cannot open files on the runner; a comment's readers can open the run's summary (up to 1 MiB).
        const elsewhere = ctx.marker ? 'see the job summary of this workflow run (up to 1 MiB of the report), or run' : 'run';
        out.push(`> [!NOTE]`, `> ${(0,plural/* plural */.L)(omitted, 'finding')} not shown here, to stay within GitHub's size limit; ${elsewhere} the command below for all of them.`, '');
    }
    out.push('**Reproduce locally**', '', fence(ctx.reproduce ?? reproduceCommand(report), 'sh'), '');
    for (const note of ctx.notes ?? [])
        out.push(`> ${message(note)}`, '');
    out.push(`<sub>${markdown_text(`${report.tool.name} ${report.tool.version}`)}</sub>`, '');
    return out.join('\n');
}
function verdictLine(report) {
    const { errors, warnings, pending, conflicts } = report.summary;
    const icon = report.verdict === 'pass' ? '✅' : '❌';
    const counts = [
        errors ? `**${(0,plural/* plural */.L)(errors, 'error')}**` : (0,plural/* plural */.L)(0, 'error'),
        (0,plural/* plural */.L)(warnings, 'warning'),
        `${(0,plural/* plural */.L)(pending, 'pending migration')}`,
        (0,plural/* plural */.L)(conflicts, 'conflict'),
    ];
    return `### ${icon} migration-gate: ${report.verdict} · ${counts.join(' · ')}`;
}
function contextLine(report, ctx) {
    const parts = [`Folders ${report.folders.slice(0, 10).map((f) => code(f)).join(', ')}${report.folders.length > 10 ? ', …' : ''}`];
    const deploy = report.mode === 'deploy';
    if (deploy) {
        parts.push(ctx.target ? `deploy to ${code(ctx.target)}` : 'deploy mode');
        const table = report.base?.startsWith('table:') ? report.base.slice(6) : report.base;
        parts.push(table ? `history ${code(table)}` : 'no history table yet');
    }
    else if (report.base) {
        parts.push(`base ${code(shortRef(report.base))}`);
    }
    const dr = report.dryRun;
    // In deploy mode say where the dry-run ran: readers must not fear it touched the target.
    const where = deploy ? `a scratch ${markdown_text(dr?.engine ?? '')} database, not the target` : markdown_text(dr?.engine ?? '');
    parts.push(dr
        ? `dry-run on ${where} (PostgreSQL ${markdown_text(dr.serverVersion)}), baseline ${ms(dr.baselineMs)}${dr.baselineCached ? ' (cached)' : ''}`
        : 'no dry-run');
    return parts.join(' · ');
}
function pendingSection(report, links, maxRows) {
    const pending = report.migrations.filter((m) => m.status === 'pending');
    // graphile-migrate's work in progress, which `watch` runs after them: always shown, last.
    const current = report.migrations.filter((m) => m.status === 'current');
    const deploy = report.mode === 'deploy';
    if (pending.length + current.length === 0)
        return [deploy ? 'No pending migrations: the target has every file applied.' : 'No pending migrations.', ''];
    const runs = new Map((report.dryRun?.migrations ?? []).map((r) => [r.file, r]));
    const out = [
        `#### ${deploy ? 'Pending on the target' : 'Pending migrations'} (${pending.length})${current.length ? ' and the current migration' : ''}`,
        '',
        '| Version | Name | File | Dry-run | Time | Objects changed |',
        '| --- | --- | --- | --- | --- | --- |',
    ];
    for (const m of pending.slice(0, maxRows))
        out.push(pendingRow(m, runs.get(m.file), links, deploy));
    if (pending.length > maxRows)
        out.push(`| … | ${pending.length - maxRows} more | | | | |`);
    for (const m of current)
        out.push(pendingRow(m, runs.get(m.file), links, deploy));
    out.push('');
    return out;
}
/** A pending migration's row; a current one's says it is graphile-migrate's work in progress, which the dry-run ran twice as `watch` does. */
function pendingRow(m, run, links, deploy) {
    // "applied" next to a deploy's pending file would read as applied to the target.
    const ok = deploy ? '✅ ran' : m.status !== 'current' ? '✅ applied' : run?.rerun === 'failed' ? '❌ failed when run again, as watch does' : '✅ applied twice, as watch runs it';
    const status = !run ? '—' : run.status === 'applied' ? ok : run.status === 'failed' ? '❌ failed' : `⏭️ skipped${run.reason ? `: ${markdown_text(run.reason)}` : ''}`;
    const cells = [
        m.status === 'current' ? 'current (graphile watch)' : code(m.version || 'repeatable', true),
        markdown_text(m.name),
        links.file(m.file, 0, true),
        status,
        run ? ms(run.durationMs) : '—',
        run ? changesCell(run.changes) : '—',
    ];
    return `| ${cells.join(' | ')} |`;
}
const ACTION_SIGN = { create: '+', alter: '~', drop: '−' };
function changesCell(changes) {
    if (changes.length === 0)
        return 'none';
    const shown = changes.slice(0, 3).map((c) => `${ACTION_SIGN[c.action]} ${markdown_text(c.kind)} ${code(c.name, true)}`);
    if (changes.length > 3)
        shown.push(`+${changes.length - 3} more`);
    return shown.join('<br>');
}
function conflictSection(conflicts, links, max) {
    if (conflicts.length === 0)
        return [];
    return [`#### Conflicts (${conflicts.length})`, '', ...findingList(conflicts, links, max), ''];
}
/** Errors only, one line each: what the errors-only stage shows instead of the per-file tables. */
function compactFindings(errors, links, max) {
    if (errors.length === 0)
        return [];
    return [`#### Errors (${errors.length})`, '', ...findingList(errors, links, max), ''];
}
function findingList(findings, links, max) {
    const out = findings.slice(0, max).map((f) => {
        const fix = f.suggestion ? ` — ${message(f.suggestion)}` : '';
        return `- ${icon(f)} ${code(f.rule)} ${links.file(f.file, f.line)}: ${message(f.message)}${fix}`;
    });
    if (findings.length > max)
        out.push(`- … and ${findings.length - max} more`);
    return out;
}
function dryRunFailures(report, links, maxStatement) {
    const failed = (report.dryRun?.migrations ?? []).filter((r) => r.status === 'failed' && r.error);
    if (failed.length === 0)
        return [];
    const out = [`#### Dry-run failures (${failed.length})`, ''];
    for (const r of failed) {
        const e = r.error;
        out.push(`- ❌ ${links.file(e.file ?? r.file, e.line)}: ${code(e.sqlstate)} ${message(e.message)}`);
        if (e.detail)
            out.push(`  - Detail: ${message(e.detail)}`);
        if (e.hint)
            out.push(`  - Hint: ${message(e.hint)}`);
        if (e.statement) {
            const sql = e.statement.length > maxStatement ? `${e.statement.slice(0, maxStatement)}\n-- … cut` : e.statement;
            out.push('', '<details><summary>Failing statement</summary>', '', fence(sql, 'sql'), '', '</details>', '');
        }
    }
    out.push('');
    return out;
}
function findingSection(findings, links) {
    if (findings.length === 0)
        return [];
    const byFile = (0,finding/* findingsByFile */.YJ)(findings);
    const out = [`#### Findings (${findings.length})`, ''];
    for (const [file, list] of byFile) {
        const errors = list.filter((f) => f.severity === 'error').length;
        const counts = [errors && (0,plural/* plural */.L)(errors, 'error'), list.length - errors && (0,plural/* plural */.L)(list.length - errors, 'warning')];
        // Files with errors open by default so the reason for a red check is one glance away.
        out.push(`<details${errors ? ' open' : ''}><summary>${html(file)} · ${counts.filter(Boolean).join(', ')}</summary>`, '', '| Line | | Rule | Message |', '| --- | --- | --- | --- |');
        for (const f of list) {
            const cell = f.suggestion ? `${message(f.message, true)}<br>↳ ${message(f.suggestion, true)}` : message(f.message, true);
            out.push(`| ${links.line(f.file, f.line)} | ${icon(f)} | ${code(f.rule, true)} | ${cell} |`);
        }
        out.push('', '</details>', '');
    }
    return out;
}
class Links {
    ctx;
    /** Files the PR deleted (a missing migration): they exist only on the base. */
    deleted;
    base;
    constructor(ctx, report) {
        this.ctx = ctx;
        const files = new Set(report.migrations.map((m) => m.file));
        this.deleted = new Set(report.findings.filter((f) => f.rule === 'missing-migration' && !files.has(f.file)).map((f) => f.file));
        this.base = report.base?.startsWith('git:') ? report.base.slice(4) : null;
    }
    url(file, line) {
        // Without a git base (a deploy's history table) a deleted file has no commit to link to.
        const sha = this.deleted.has(file) ? this.base : this.ctx.sha;
        if (!this.ctx.repoUrl || !sha)
            return null;
        const path = file.split('/').map(encodeUrlPart).join('/');
        return `${this.ctx.repoUrl}/blob/${encodeUrlPart(sha)}/${path}${line > 0 ? `#L${line}` : ''}`;
    }
    /** `file:line` as code, linked at the head SHA (a deleted file at the base) when the context allows. */
    file(file, line, inTable = false) {
        const label = code(line > 0 ? `${file}:${line}` : file, inTable);
        const url = this.url(file, line);
        return url ? `[${label}](${url})` : label;
    }
    line(file, line) {
        const url = this.url(file, line);
        const label = line > 0 ? String(line) : 'file';
        return url ? `[${label}](${url})` : label;
    }
}
/** Percent-encodes everything but unreserved characters, so `)` or a space cannot end a Markdown link. */
function encodeUrlPart(part) {
    return encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
// ---- escaping untrusted text ----
/** Breaks `@user` and `@org/team` so a name or message in the PR cannot notify anyone. */
function noMentions(s) {
    return s.replace(/@/g, '@\u2060');
}
/** Inline Markdown text: HTML as entities, Markdown punctuation escaped, one line. */
function markdown_text(s) {
    return noMentions(s
        .replace(/\r?\n|\r/g, ' ')
        .replace(/[\\`*_[\]()#|~!{}]/g, (c) => `\\${c}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'));
}
/** A message: `quoted` parts as code spans (rules quote SQL that way), the rest as inline text. */
function message(s, inTable = false) {
    let out = '';
    let at = 0;
    for (let open = s.indexOf('`'); open >= 0; open = s.indexOf('`', Math.max(at, open + 1))) {
        const close = spanEnd(s, open);
        if (close < 0)
            continue;
        out += markdown_text(s.slice(at, open)) + code(s.slice(open + 1, close), inTable);
        at = close + 1;
    }
    return out + markdown_text(s.slice(at));
}
/**
 * Where the quote opened at `open` ends: the next backtick on the line outside SQL's '…' and "…" (a
 * quoted SQL default may hold backticks), else the next backtick; -1 when there is none or the span is empty.
 */
function spanEnd(s, open) {
    let plain = -1;
    let quote = '';
    for (let i = open + 1; i < s.length && s[i] !== '\n' && s[i] !== '\r'; i++) {
        const c = s[i];
        if (quote) {
            if (c === quote && s[i + 1] === quote)
                i++;
            else if (c === quote)
                quote = '';
        }
        else if (c === '`') {
            return i > open + 1 ? i : -1;
        }
        else if (c === '"' || (c === "'" && /(?:^|[^\p{L}\p{N}_])[EeNnBbXx]?$/u.test(s.slice(Math.max(open + 1, i - 2), i)))) {
            // An apostrophe inside a word (it's) is English; one after a space, `(`, `=` or E/N/B/X opens a literal.
            quote = c;
        }
        if (c === '`' && plain < 0)
            plain = i;
    }
    return plain > open + 1 ? plain : -1;
}
/** Text inside an HTML element (a <summary>), where Markdown escapes would show literally. */
function html(s) {
    return noMentions(s
        .replace(/\r?\n|\r/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'));
}
function longestRun(s, ch) {
    let max = 0;
    for (const m of s.matchAll(new RegExp(`\\${ch}+`, 'g')))
        max = Math.max(max, m[0].length);
    return max;
}
/** An inline code span whose backtick fence is longer than any run inside. */
function code(s, inTable = false) {
    const flat = s.replace(/\r?\n|\r/g, ' ');
    // GFM splits table cells at `|` even inside code spans; elsewhere a backslash there would show.
    const one = inTable ? flat.replace(/\|/g, '\\|') : flat;
    const ticks = '`'.repeat(longestRun(one, '`') + 1);
    const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
    // GitHub does not link mentions inside code, but a name is broken anyway in case a renderer does.
    return `${ticks}${pad}${noMentions(one)}${pad}${ticks}`;
}
/** A fenced code block whose fence is longer than any backtick run in the content. */
function fence(s, lang = '') {
    const ticks = '`'.repeat(Math.max(3, longestRun(s, '`') + 1));
    return `${ticks}${lang}\n${s.replace(/\n$/, '')}\n${ticks}`;
}
function shortRef(base) {
    const ref = base.startsWith('git:') ? base.slice(4) : base;
    return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
}
function icon(f) {
    return f.severity === 'error' ? '❌' : '⚠️';
}
function ms(n) {
    return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/report/sarif.ts
// SARIF 2.1.0: the findings in the format GitHub code scanning (and other viewers) upload and show.




const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/migration-gate/migration-gate';
/** GitHub code scanning rejects a whole upload over 25,000 results in a run or 10 MB gzipped: the user gets no alert at all. */
const GITHUB_SARIF_LIMITS = { results: 25_000, gzipBytes: 10_000_000 };
// upload-sarif adds a line hash to each result before it gzips the file: 5% of the size limit stays free for them.
const GZIP_HEADROOM = 0.95;
/**
 * The report's findings as a SARIF file within `limits`: past them, the most severe findings first (the report's
 * order) and a run-level notification counting the rest. It sets no automationDetails: github/codeql-action/upload-sarif
 * applies its `category:` input only to a run without one, so the workflow names the analysis (a monorepo's gate steps one each).
 */
function renderSarif(report, limits = GITHUB_SARIF_LIMITS) {
    const { findings } = report;
    const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
    const rules = ruleIds.map((id) => ({
        id,
        shortDescription: { text: (0,src_rules/* describeRule */.IO)(id) || id },
        defaultConfiguration: { level: (0,src_rules/* defaultSeverity */.NU)(id) },
    }));
    // Over all findings, so a kept result's fingerprint does not depend on what was left out.
    const fingerprints = (0,finding/* fingerprintsOf */.tm)(findings);
    const results = findings.slice(0, limits.results).map((f, i) => result(f, ruleIds.indexOf(f.rule), fingerprints[i]));
    const budget = limits.gzipBytes * GZIP_HEADROOM;
    let weights = null;
    let keep = results.length;
    for (;;) {
        const note = keep < findings.length ? omittedNote(findings, keep, limits) : null;
        const run = {
            tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: INFORMATION_URI, rules } },
            ...(note && { invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: note } }] }] }),
            originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
            results: results.slice(0, keep),
        };
        const log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
        const text = `${JSON.stringify(log, null, 2)}\n`;
        const size = (0,external_node_zlib_.gzipSync)(text).length;
        if (size <= budget || keep === 0)
            return { log, text, omitted: findings.length - keep, note };
        // Cut where the kept results' own bytes scale down by budget/size: by weight, one big result counts as many small ones.
        weights ??= prefixSums(results.map((r) => JSON.stringify(r).length));
        const target = (weights[keep] * budget) / size;
        let fit = keep - 1;
        while (fit > 0 && weights[fit] > target)
            fit--;
        keep = fit;
    }
}
/** The run-level note and the Action's log line: what the file leaves out, and where every finding is. */
function omittedNote(findings, keep, limits) {
    const left = findings.slice(keep);
    const errors = left.filter((f) => f.severity === 'error').length;
    return (`This SARIF file leaves out ${(0,plural/* plural */.L)(left.length, 'finding')} of ${findings.length} (${(0,plural/* plural */.L)(errors, 'error')}, ${(0,plural/* plural */.L)(left.length - errors, 'warning')}): ` +
        `GitHub code scanning rejects an upload of over ${limits.results} results or ${limits.gzipBytes / 1e6} MB gzipped; it keeps errors before warnings. ` +
        'The JSON report (the Action\'s `report-path` output, or `migration-gate --format json`) lists every finding.');
}
/** sums[i]: the total of the first i values. */
function prefixSums(values) {
    const sums = [0];
    for (const v of values)
        sums.push(sums[sums.length - 1] + v);
    return sums;
}
function result(f, ruleIndex, fingerprint) {
    const artifactLocation = { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' };
    // Code scanning needs a line to place a result; a whole-file finding sits on line 1.
    const region = { startLine: Math.max(f.line, 1) };
    if (f.column > 0)
        region.startColumn = f.column;
    const out = {
        ruleId: f.rule,
        ruleIndex,
        level: f.severity,
        message: { text: f.suggestion ? `${f.message} ${f.suggestion}` : f.message },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        partialFingerprints: { 'migrationGate/v2': fingerprint },
    };
    if (f.fix) {
        out.fixes = [
            {
                description: { text: f.suggestion ?? `Apply the ${f.rule} fix` },
                artifactChanges: [
                    {
                        artifactLocation,
                        replacements: [
                            {
                                deletedRegion: { startLine: f.fix.line, startColumn: 1, endLine: f.fix.endLine + 1, endColumn: 1 },
                                insertedContent: { text: `${f.fix.replacement}\n` },
                            },
                        ],
                    },
                ],
            },
        ];
    }
    return out;
}
/** SARIF URIs are URI references: percent-encode each path segment. */
function uriOf(file) {
    return file.split('/').map(encodeURIComponent).join('/');
}

;// CONCATENATED MODULE: ./src/report/code-quality.ts
// GitLab's Code Quality report (a subset of Code Climate's issue format): the findings as a merge request's Code Quality
// widget and changes view show them, new and fixed ones told apart by fingerprint against the target branch's report.

// GitLab's scale runs info, minor, major, critical, blocker; an error fails the gate, a warning does not.
const SEVERITY = { error: 'major', warning: 'minor' };
function renderCodeQuality(report) {
    const fingerprints = (0,finding/* fingerprintsOf */.tm)(report.findings);
    const issues = report.findings.map((f, i) => issue(f, fingerprints[i]));
    return `${JSON.stringify(issues, null, 2)}\n`;
}
function issue(f, fingerprint) {
    const out = {
        description: f.message,
        check_name: f.rule,
        fingerprint,
        severity: SEVERITY[f.severity],
        // GitLab places an issue on a line; a whole-file finding sits on line 1.
        location: { path: f.file, lines: { begin: Math.max(f.line, 1) } },
    };
    if (f.suggestion)
        out.content = { body: f.suggestion };
    return out;
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/warnings.ts
var warnings = __webpack_require__(286);
;// CONCATENATED MODULE: ./src/cli.ts
// The CLI door: argv → GateInputs → GateOptions → the gate → stdout and an exit code
// (0 the gate passes, 1 it fails, 2 usage or internal error).



















/** A flag's choices, wrapped under its description column: the lists grow with the presets. */
function choices(values) {
    const lines = [''];
    for (const v of values) {
        const line = lines[lines.length - 1];
        if (line && line.length + v.length + 2 > 88)
            lines.push(v);
        else
            lines[lines.length - 1] = line ? `${line}, ${v}` : v;
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
  --preset NAME            ${choices(src_options/* PRESETS */.fG)}
  --checksum ALG           ${choices(checksum/* CHECKSUM_ALGORITHMS */.P5)}
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
};
const COMMANDS = ['check', 'status', 'apply', 'rules'];
function parse(argv) {
    try {
        return (0,external_node_util_.parseArgs)({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    }
    catch (e) {
        throw new errors/* UserError */.y(`${e.message.replace(/^TypeError \[\w+\]: /, '')}\nRun \`migration-gate --help\` for the options.`);
    }
}
function cli_placeholders(list) {
    const out = {};
    for (const item of list ?? []) {
        const eq = item.indexOf('=');
        if (eq <= 0)
            throw new errors/* UserError */.y(`--placeholder takes NAME=VALUE; got ${JSON.stringify(item)}`);
        out[item.slice(0, eq)] = item.slice(eq + 1);
    }
    return out;
}
function roleNames(list) {
    for (const role of list ?? [])
        if (!(0,src_options/* isRoleName */.yn)(role))
            throw new errors/* UserError */.y(`--role takes a role name (at most 63 bytes, not pg_..., public or none); got ${JSON.stringify(role)}`);
    return list ?? [];
}
async function runCli(argv, io) {
    // Said like the CLI's other lines on stderr, not as a Node process warning with its pid.
    return (0,warnings/* warningsTo */.n)((message) => io.stderr(`migration-gate: warning: ${(0,redact/* redactUrl */.BO)(message)}\n`), () => run(argv, io));
}
async function run(argv, io) {
    try {
        const { values, positionals } = parse(argv);
        if (values.help)
            return io.stdout(USAGE), 0;
        if (values.version)
            return io.stdout(`migration-gate ${version/* TOOL_VERSION */.w}\n`), 0;
        const command = COMMANDS.includes(positionals[0] ?? '') ? positionals.shift() : 'check';
        if (command === 'rules')
            return io.stdout(listRules()), 0;
        const format = (values.format ?? 'text');
        if (!src_options/* FORMATS */.hR.includes(format))
            throw new errors/* UserError */.y(`--format must be one of ${src_options/* FORMATS */.hR.join(', ')}; got ${JSON.stringify(values.format)}`);
        const inputs = {
            root: (0,external_node_path_.resolve)(io.cwd, values.dir ?? '.'),
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
            placeholders: cli_placeholders(values.placeholder),
            history: values.history,
            historyTable: values['history-table'],
            historyWrite: values['history-write'],
            cache: values['no-cache'] ? false : (values['cache-dir'] ?? values.cache),
        };
        if (values['cache-dir'] === '')
            throw new errors/* UserError */.y('--cache-dir takes a folder path (e.g. .migration-gate-cache); got ""');
        if (values.output === '')
            throw new errors/* UserError */.y('--output takes a file path (e.g. report.json); got ""');
        const options = await resolveOptions(inputs);
        if (values.fix)
            await fix(command, options, io);
        if (command === 'apply')
            return await apply(options, io);
        // Deploy code (pg, history tables) loads only for the commands that talk to a database.
        const status = command === 'status' ? await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(635), __webpack_require__.e(917)]).then(__webpack_require__.bind(__webpack_require__, 8917)) : null;
        const read = status ? await status.readStatus(options, discover(options).migrations) : null;
        const report = read ? read.report : await runGate(options);
        const json = JSON.stringify(report, null, 2) + '\n';
        if (format === 'json')
            io.stdout(json);
        else if (format === 'gitlab')
            io.stdout(renderCodeQuality(report));
        else if (format === 'sarif')
            io.stdout(sarifFor(report, io));
        else if (format === 'markdown')
            io.stdout(renderMarkdown(report, { reproduce: reproduceCommand(report, { ...inputs, dir: values.dir }) }));
        else if (status && read)
            io.stdout(status.renderStatus(read));
        else
            io.stdout(renderText(report, io.color ? ansiStyle() : undefined));
        // After stdout, so a file that cannot be written costs only itself.
        if (values.output !== undefined)
            writeReport(options.root, values.output, json, report);
        return report.verdict === 'pass' ? 0 : 1;
    }
    catch (e) {
        if ((0,errors/* isUserError */.i)(e)) {
            io.stderr(`migration-gate: ${(0,redact/* redactUrl */.BO)(e.message)}\n`);
            return 2;
        }
        io.stderr(`migration-gate: internal error, please report it: ${(0,redact/* redactUrl */.BO)(e?.stack ?? String(e))}\n`);
        return 2;
    }
}
/** The SARIF file within GitHub code scanning's limits, which reject a larger upload whole; what it leaves out is said on stderr. */
function sarifFor(report, io) {
    const sarif = renderSarif(report);
    if (sarif.note)
        io.stderr(`migration-gate: warning: ${sarif.note}\n`);
    return sarif.text;
}
/** --output: the JSON report, at `output` (as if started in `root`, like every path), written whole or not at all; never over a migration. */
function writeReport(root, output, json, report) {
    const file = (0,external_node_path_.resolve)(root, output);
    // A row's file may be a folder of parts (graphile-migrate's current/).
    const migration = report.migrations.find((m) => file === (0,external_node_path_.resolve)(root, m.file) || file.startsWith(`${(0,external_node_path_.resolve)(root, m.file)}${external_node_path_.sep}`));
    if (migration)
        throw new errors/* UserError */.y(`--output ${output} is the migration ${migration.file}: give the report a file of its own, e.g. migration-gate-report.json`);
    try {
        (0,atomic_file/* writeAtomically */.v)(file, json);
    }
    catch (e) {
        // Node's message names the temporary file; its code and words are the reason.
        const reason = e.message.replace(/, \w+(?: '.*)?$/s, '');
        throw new errors/* UserError */.y(`cannot write the report to ${output} (${reason}); it went to stdout only`);
    }
}
/** Applies the pending migrations to the target; exit 1 when one fails (nothing of it is recorded). */
async function apply(options, io) {
    const { migrations, findings, refusedNames } = discover(options);
    const unreadable = findings.filter((f) => f.rule === 'unreadable-file');
    if (unreadable.length)
        throw new errors/* UserError */.y(`cannot apply: ${unreadable.map((f) => f.message).join('; ')}`);
    const { applyPending } = await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(635), __webpack_require__.e(258), __webpack_require__.e(839)]).then(__webpack_require__.bind(__webpack_require__, 3839));
    const result = await applyPending(options, migrations, { log: (line) => io.stdout(`${line}\n`) }, {}, refusedNames);
    if (result.failed)
        io.stderr(`migration-gate: ${(0,redact/* redactUrl */.BO)(result.failed.error)}\n`);
    return result.failed ? 1 : 0;
}
/**
 * --fix: writes the fixes of a static check into the migrations new against the base, one line per file on stderr;
 * the check that follows (dry-run included) then reads the files as they will be committed.
 */
async function fix(command, options, io) {
    if (command !== 'check')
        throw new errors/* UserError */.y(`--fix goes with check, not ${command}`);
    if (options.mode !== 'pr')
        throw new errors/* UserError */.y('--fix edits the migrations a pull request adds: it goes with PR mode (--base), not --mode deploy');
    if (!options.base) {
        throw new errors/* UserError */.y('--fix edits only migrations that are new against the base: one a database already ran would change its checksum, ' +
            'which runners that check it refuse (checksum-drift). Pass --base with what is already merged, e.g. --base origin/main');
    }
    const found = await runGate({ ...options, dryRun: { ...options.dryRun, enabled: false } });
    const plan = planFixes(options.root, found);
    for (const { file, why } of plan.left)
        io.stderr(`left ${file} as it is: ${why}\n`);
    const written = writeFixes(options.root, plan.files);
    for (const file of written)
        if (!file.error)
            io.stderr(`${describeFixes(file)}\n`);
    const failed = written.filter((file) => file.error);
    if (failed.length) {
        throw new errors/* UserError */.y(failed.map((f) => `cannot write ${f.file} (${f.error}): its fixes are not applied; make it writable and run --fix again`).join('\n'));
    }
}
function listRules() {
    return finding/* RULE_IDS */.Iu.map((id) => `${id.padEnd(20)} ${(0,src_rules/* defaultSeverity */.NU)(id).padEnd(8)} ${(0,src_rules/* describeRule */.IO)(id)}`).join('\n') + '\n';
}


/***/ }),

/***/ 290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ checkAtlasSum),
/* harmony export */   PM: () => (/* binding */ isAtlasSum),
/* harmony export */   Si: () => (/* binding */ ATLAS_SUM),
/* harmony export */   bS: () => (/* binding */ atlasTxMode)
/* harmony export */ });
/* unused harmony exports fileDirectives, sumLines, sumOf, sumFileText, readSumFile, isAtlasFile */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2907);
/* harmony import */ var _version_order_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(934);
// Atlas's migration directory as `atlas migrate apply` reads it (ariga/atlas sql/migrate/dir.go): every `*.sql` file directly
// in the folder, by name (LocalDir.Files), and atlas.sum beside them, which must agree with them before Atlas runs anything
// (Validate, called by migrateApplyRun). Its file directives (`-- atlas:txmode none`) sit in a header an empty line ends.




/** dir.go HashFileName. */
const ATLAS_SUM = 'atlas.sum';
/** Whether a listed path is the atlas.sum of `folder`. */
function isAtlasSum(folder, path) {
    return (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .pathIn */ .lW)(folder, path) === ATLAS_SUM;
}
/** dir.go reDirective, tried on a whole text from its start: `[ -~]` is printable ASCII, so it reads the first line only. */
const DIRECTIVE = /^([ -~]*)atlas:(\w+)(?: +([ -~]*))*/;
/** The argument of directive `name` at the start of `text` (dir.go directive), or null. */
function directive(text, name) {
    const m = DIRECTIVE.exec(text);
    return m && m[2] === name ? (m[3] ?? '') : null;
}
/**
 * The file directives named `name` (LocalFile.Directive): the comment lines (`--` or `#` at the very start of a line) that
 * open the file, each trimmed, and only when an empty line follows them (comments(): "\n" must come next, so a CRLF file has none).
 */
function fileDirectives(text, name) {
    const comments = [];
    let rest = text;
    while (rest.startsWith('#') || rest.startsWith('--')) {
        const end = rest.indexOf('\n');
        if (end < 0)
            return [];
        comments.push(rest.slice(0, end).trim());
        rest = rest.slice(end + 1);
    }
    if (!rest.startsWith('\n'))
        return [];
    return comments.flatMap((c) => directive(c, name) ?? []);
}
/** How Atlas runs a file: its `-- atlas:txmode` directive (cmdapi/migrate.go txmodeFor), or why Atlas fails on it when it gets there. */
function atlasTxMode(text, file) {
    const modes = fileDirectives(text, 'txmode');
    if (modes.length === 0)
        return null;
    const name = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(file);
    if (modes.length > 1)
        return { problem: `multiple txmode values found in file "${name}": [${modes.map((m) => `"${m}"`).join(' ')}]` };
    const [mode] = modes;
    if (mode === 'none' || mode === 'file')
        return mode;
    if (mode === 'all')
        return { problem: `txmode "all" is not allowed in file directive "${name}". Use "file" instead` };
    return { problem: `unknown txmode "${mode}" found in file directive "${name}"` };
}
/**
 * The lines Atlas computes for the files, in name order (NewHashFile): one SHA-256 runs over each file's name and bytes in
 * turn, and a file's hash is that digest so far, so it covers every file before it too. A file opening with `atlas:sum ignore`
 * adds its name to the digest and gets no line.
 */
function sumLines(files) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const lines = [];
    for (const f of files) {
        h.update(f.name);
        if (directive(f.bytes.toString('latin1'), 'sum') === 'ignore')
            continue;
        h.update(f.bytes);
        lines.push({ name: f.name, hash: h.copy().digest('base64') });
    }
    return lines;
}
/** HashFile.Sum: the SHA-256 of every line's name and hash, which atlas.sum's first line holds. */
function sumOf(lines) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const l of lines)
        h.update(l.name).update(l.hash);
    return h.digest('base64');
}
/** atlas.sum as `atlas migrate hash` writes it (HashFile.MarshalText). */
function sumFileText(lines) {
    return `h1:${sumOf(lines)}\n${lines.map((l) => `${l.name} h1:${l.hash}\n`).join('')}`;
}
function readSumFile(bytes) {
    // bufio.Scanner's lines: a last line without "\n" counts, a "\r" before "\n" is dropped.
    const text = bytes.toString('utf8');
    const raw = text.split('\n');
    if (raw[raw.length - 1] === '')
        raw.pop();
    const rows = raw.map((l) => l.replace(/\r$/, ''));
    const sum = (rows[0] ?? '').replace(/^h1:/, '');
    const lines = [];
    for (const [i, row] of rows.entries()) {
        if (i === 0)
            continue;
        const cut = row.indexOf('h1:');
        if (cut < 0) {
            // Two branches that each add a migration leave git's markers here more often than anything else.
            const conflict = /^(?:<{7}|={7}|>{7})(?: |$)/.test(row);
            return { problem: `checksum file format invalid${conflict ? ' (an unresolved merge conflict)' : ''}`, line: i + 1 };
        }
        lines.push({ name: row.slice(0, cut).trim(), hash: row.slice(cut + 3), line: i + 1 });
    }
    if (sum !== sumOf(lines))
        return { problem: 'checksum mismatch (its first line is not the sum of the lines below it)', line: 1 };
    return { sum, lines };
}
const REHASH = (folder) => `run \`atlas migrate hash --dir file://${folder}\` and commit the atlas.sum it writes`;
/**
 * Checks atlas.sum against the folder's files as Validate does, and says which line is wrong: a file with no line
 * ("added"), a line whose file is gone ("removed"), and the first line whose hash differs ("edited"). A file's hash covers
 * every file before it, so past the first difference the later lines say nothing more of their own files.
 */
function checkAtlasSum(listing) {
    const { folder } = listing;
    const out = { findings: [], refusedNames: [], hashOf: new Map() };
    const sqlFiles = listing.files
        .filter((f) => isAtlasFile(folder, f))
        .sort((a, b) => (0,_version_order_js__WEBPACK_IMPORTED_MODULE_3__/* .compareText */ .n6)(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(a.path), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(b.path)));
    const computed = sumLines(sqlFiles.map((f) => ({ name: node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(f.path), bytes: f.bytes ?? Buffer.alloc(0) })));
    const pathOf = new Map(sqlFiles.map((f) => [node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(f.path), f.path]));
    for (const l of computed)
        out.hashOf.set(pathOf.get(l.name), l.hash);
    const source = listing.files.find((f) => isAtlasSum(folder, f.path));
    const sumPath = (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(folder, ATLAS_SUM);
    const refuse = (file, line, message, refused) => {
        const fix = `${REHASH(folder)}; \`atlas migrate apply\` refuses the folder until atlas.sum agrees with it`;
        out.findings.push({ rule: 'unreadable-file', file, line, column: 0, message, suggestion: fix });
        out.refusedNames.push({ folder, file, refused, fix, reason: message });
    };
    const refusal = (error, where) => `\`atlas migrate apply\` fails with "You have a checksum error in your migration directory.${where ? ` ${where}` : ''}" (Error: ${error}) before it applies any migration`;
    if (!source) {
        if (sqlFiles.length > 0)
            refuse(sumPath, 0, `${folder} has migrations but no atlas.sum: ${refusal('checksum file not found')}`, 'checksum file not found');
        return out;
    }
    const read = source.bytes ? readSumFile(source.bytes) : { problem: source.problem.message, line: 0 };
    if ('problem' in read) {
        refuse(sumPath, read.line, `Atlas cannot read ${sumPath}: ${read.problem}; ${refusal(read.problem.replace(/ \(.*$/, ''))}`, read.problem);
        return out;
    }
    const names = new Set(computed.map((l) => l.name));
    const recorded = new Set(read.lines.map((l) => l.name));
    for (const [i, l] of computed.entries()) {
        if (recorded.has(l.name))
            continue;
        refuse(pathOf.get(l.name), 0, `${sumPath} has no line for ${l.name}: ${refusal('checksum mismatch', `L${i + 2}: ${l.name} was added`)}`, `checksum mismatch: ${l.name} was added`);
    }
    for (const l of read.lines) {
        if (names.has(l.name))
            continue;
        refuse(sumPath, l.line, `${sumPath} line ${l.line} is for ${l.name}, which is not in ${folder}: ${refusal('checksum mismatch', `L${l.line}: ${l.name} was removed`)}`, `checksum mismatch: ${l.name} was removed`);
    }
    // Where the two lists first part, when both name the file there: it, or what it was hashed after, changed. Past that
    // point every line hashes a different history, and says nothing more of its own file.
    const at = computed.findIndex((l, i) => l.name !== read.lines[i]?.name || l.hash !== read.lines[i].hash);
    const was = at < 0 ? undefined : read.lines[at];
    if (was && was.name === computed[at].name) {
        const { name } = was;
        refuse(sumPath, was.line, `${sumPath} line ${was.line} does not match ${name}: it was hashed over other bytes of ${name}, or of the files before it (as when a merge kept both ` +
            `branches' atlas.sum lines, each hashed without the other's file); ${refusal('checksum mismatch', `L${was.line}: ${name} was edited`)}`, `checksum mismatch: ${name} was edited`);
    }
    return out;
}
/** Whether Atlas reads `source` as a migration of `folder`: a .sql file directly in it (LocalDir.Files globs `*.sql`). */
function isAtlasFile(folder, source) {
    const rel = (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .pathIn */ .lW)(folder, source.path);
    return rel !== null && rel.endsWith('.sql') && !rel.includes('/');
}


/***/ }),

/***/ 7227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ DIESEL_METADATA),
/* harmony export */   WN: () => (/* binding */ dieselRunsInTransaction),
/* harmony export */   "if": () => (/* binding */ isDieselMetadata)
/* harmony export */ });
// diesel's metadata.toml beside a migration's up.sql: `run_in_transaction = false` keeps it out of the
// transaction diesel otherwise runs it in. Read as migrations_internals reads it: a file that parses but
// lacks the key gives serde's default for a bool, false; a missing or unparsable file gives diesel's own
// default, true (TomlMetadata::default via unwrap_or_default).
const DIESEL_METADATA = 'metadata.toml';
/** Whether a listed path (inside a migration's folder, so never bare) is a metadata.toml. */
function isDieselMetadata(path) {
    return path.endsWith(`/${DIESEL_METADATA}`);
}
// A TOML line this reader takes for valid: blank, a comment, a [table] header or a key = value pair.
const TOML_LINE = /^\s*(?:#.*|\[[^\]]+\]\s*(?:#.*)?|[\w.-]+\s*=\s*\S.*)?$/;
/** Whether diesel runs the migration in a transaction, from its metadata.toml's text. */
function dieselRunsInTransaction(text) {
    const set = /^\s*run_in_transaction\s*=\s*(true|false)\s*(?:#.*)?$/m.exec(text);
    if (set)
        return set[1] === 'true';
    return !text.split(/\r?\n/).every((line) => TOML_LINE.test(line));
}


/***/ }),

/***/ 4632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cx: () => (/* binding */ noFolder),
/* harmony export */   Hc: () => (/* binding */ globRoot),
/* harmony export */   Hd: () => (/* binding */ folderPattern),
/* harmony export */   RZ: () => (/* binding */ matchFolders),
/* harmony export */   bt: () => (/* binding */ listFolder),
/* harmony export */   cF: () => (/* binding */ diskTree),
/* harmony export */   cJ: () => (/* binding */ resolveFolders),
/* harmony export */   o$: () => (/* binding */ readSource),
/* harmony export */   ot: () => (/* binding */ mergeFolders),
/* harmony export */   p3: () => (/* binding */ isScannedSubfolder),
/* harmony export */   zu: () => (/* binding */ folderEntries)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3916);
/* harmony import */ var _config_presets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(914);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6591);
/* harmony import */ var _script_config_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9383);
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2907);
/* harmony import */ var _diesel_metadata_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7227);
/* harmony import */ var _drizzle_journal_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2395);
/* harmony import */ var _atlas_sum_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(290);
/* harmony import */ var _sqitch_project_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7625);
/* harmony import */ var _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4677);
// Finds migration folders on disk (paths or globs) and lists the SQL files in each, refusing
// symlinks that lead out of the repository.












const SKIP_DIRS = new Set(['node_modules', '.git']);
function toPosix(p) {
    return p.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
}
function hasGlob(p) {
    return /[*?[]/.test(p);
}
function segmentRegex(segment) {
    const body = segment
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
    return new RegExp(`^${body}$`);
}
function subdirs(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(abs, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name);
    }
    catch {
        return [];
    }
}
/** The working tree under `root`, as readdir and stat see it. */
function diskTree(root) {
    return { subdirs: (dir) => subdirs((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, dir)), isFolder: (dir) => isDirectory((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, dir)) };
}
/** Expands a repo-relative glob (`*`, `?`, `**`) to the folders it matches in `tree`, sorted. */
function expandGlob(tree, pattern) {
    const children = (dir) => tree.subdirs(dir).filter((name) => !SKIP_DIRS.has(name));
    let current = [''];
    for (const segment of pattern.split('/').filter(Boolean)) {
        const next = [];
        for (const dir of current) {
            if (segment === '**') {
                const stack = [dir];
                while (stack.length) {
                    const d = stack.pop();
                    next.push(d);
                    for (const child of children(d))
                        stack.push(d ? `${d}/${child}` : child);
                }
            }
            else if (hasGlob(segment)) {
                const re = segmentRegex(segment);
                for (const child of children(dir))
                    if (re.test(child))
                        next.push(dir ? `${dir}/${child}` : child);
            }
            else {
                next.push(dir ? `${dir}/${segment}` : segment);
            }
        }
        current = [...new Set(next)];
    }
    return current.filter((d) => tree.isFolder(d)).sort();
}
/** The folder every match of a glob lies in: its path up to the first segment with a wildcard (a plain path is itself). */
function globRoot(pattern) {
    const segments = pattern.split('/');
    const wild = segments.findIndex(hasGlob);
    return wild < 0 ? pattern : segments.slice(0, wild).join('/') || '.';
}
function isDirectory(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs).isDirectory();
    }
    catch {
        return false;
    }
}
/** A configured folder path or glob as its path from the root; one outside the repository is refused. */
function folderPattern(root, raw) {
    const p = toPosix(raw).replace(/^\.\//, '').replace(/\/+$/, '') || '.';
    // An absolute path inside the repository is its path from the root.
    const rel = toPosix((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, p))) || '.';
    if (rel === '..' || rel.startsWith('../') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`migration folder ${raw} is outside the repository (${root}); migration folders must be inside the repository: give a path inside it, or -C the repository that holds it`);
    }
    return rel;
}
/** The folders a configured path (from folderPattern) names in `tree`. */
function matchFolders(tree, rel) {
    // A folder whose name holds `[`, `?` or `*` is named as it is: only a path that is no folder is read as a glob.
    return tree.isFolder(rel) ? [rel] : hasGlob(rel) ? expandGlob(tree, rel) : [];
}
/** Why a configured path names no folder; `base`, where the git base was looked in too. */
function noFolder(root, raw, rel, base) {
    const there = base ? ` and at ${base}` : '';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(hasGlob(rel)
        ? `no folder matches ${raw} (from ${root}${there}); check the glob`
        : (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel))
            ? `migration folder ${raw} is a file, not a folder; give the folder that holds the migrations`
            : `migration folder ${raw} does not exist (looked in ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel)}${there}); check the path, or run from the repository root`);
}
/**
 * Resolves the configured paths/globs to repo-relative folders; a path that matches nothing is an error, except with a
 * base (`withBase`): there it may name a folder the change deleted, which the git base reads (and refuses if it has none).
 */
function resolveFolders(root, paths, withBase = false) {
    const folders = [];
    for (const raw of paths) {
        const rel = folderPattern(root, raw);
        const found = matchFolders(diskTree(root), rel);
        if (found.length === 0 && !(withBase && !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel))))
            throw noFolder(root, raw, rel);
        folders.push(...found);
    }
    return [...new Set(folders)];
}
/**
 * Each matched folder once, at its first place and under its first path: two entries (or two paths through a symlink)
 * that reach one folder would read its files twice, each a duplicate version of itself. Its scheme is the entry's that names
 * it over a glob's that matches it; two entries of one kind that force different schemes are refused, as either one
 * silently dropped would check the folder in a way its entry did not ask for.
 */
function mergeFolders(root, matched) {
    const merged = new Map();
    for (const m of matched) {
        const key = realFolder(root, m.folder.path);
        const seen = merged.get(key);
        if (!seen) {
            merged.set(key, { folder: { ...m.folder }, ...(m.folder.scheme ? { from: m } : {}) });
            continue;
        }
        const scheme = m.folder.scheme;
        if (!scheme || (seen.from?.named && !m.named))
            continue;
        if (seen.from && seen.from.named === m.named && scheme !== seen.folder.scheme) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`migration folder ${seen.folder.path} is given twice with different schemes: ${seen.from.entry} (scheme ${seen.from.folder.scheme}) and ` +
                `${m.entry} (scheme ${scheme}); keep one scheme for it, or remove one of the entries`);
        }
        seen.folder.scheme = scheme;
        seen.from = m;
    }
    return [...merged.values()].map((v) => v.folder);
}
/** A folder's real path, by which two paths to it are one; a folder only the git base has is its own path. */
function realFolder(root, folder) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, folder));
    }
    catch {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, folder);
    }
}
/** Entries in the order of their names' code units, as the runners list a folder, whatever the locale. */
function byName(a, b) {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
/** A folder's entries, as readdir gives them; listFolder reads the files among them. */
function folderEntries(root, folder) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, folder), { withFileTypes: true });
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`cannot read migration folder ${folder}: ${e.code ?? e.message}; check its permissions`);
    }
}
/**
 * Lists a folder's .sql files, the Flyway script config files beside them, the migrations goose and node-pg-migrate take
 * written in code (readCodeName), and its folder-per-migration SQL (the one the preset's runner runs, and diesel's
 * metadata.toml) files, reading their bytes. Under a runner that reads subfolders (Flyway) it lists the .sql and script
 * config files of its subfolders at any depth instead.
 */
function listFolder(root, folder, entries = folderEntries(root, folder), preset = 'generic') {
    if (preset === 'graphile-migrate')
        refuseGraphileRoot(folder, entries);
    if (preset === 'sqitch')
        return listSqitchProject(root, folder, entries);
    const { nested } = _config_presets_js__WEBPACK_IMPORTED_MODULE_2__/* .PRESET_TABLE */ .rv[preset];
    const sqlFiles = (0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .folderSqlFiles */ .Uc)(preset);
    const realRoot = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root);
    const files = [];
    const scriptless = [];
    const child = (dir, name) => (dir.endsWith(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ? dir + name : dir + node_path__WEBPACK_IMPORTED_MODULE_1__.sep + name);
    // A plain file's (or folder's) real path is its folder's plus its name: only links need resolving, one by one.
    const read = (dir, realDir, entries) => {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, dir);
        // Entry names hold no separator and no `.`/`..`: plain concatenation is what join would give, per file.
        const rel = (name) => (0,_migration_js__WEBPACK_IMPORTED_MODULE_5__/* .inFolder */ ._z)(dir, name);
        for (const entry of entries.sort(byName)) {
            // Atlas's atlas.sum, which must agree with the folder's files.
            const listed = entry.name.endsWith('.sql') || (0,_script_config_js__WEBPACK_IMPORTED_MODULE_4__/* .isScriptConfig */ .SW)(entry.name) || (0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .readCodeName */ .HI)(entry.name, preset) !== null || (preset === 'atlas' && entry.name === _atlas_sum_js__WEBPACK_IMPORTED_MODULE_7__/* .ATLAS_SUM */ .Si);
            if ((listed && !entry.isDirectory()) || (entry.isFile() && (0,_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .failsOnOtherFile */ .po)(entry.name, preset))) {
                const real = entry.isSymbolicLink() ? undefined : child(realDir, entry.name);
                files.push(readSource(realRoot, child(abs, entry.name), rel(entry.name), real));
            }
            else if (entry.isDirectory() && nested) {
                // A link to a folder is not followed, as the git base (where a link is a blob) cannot follow it either.
                if (isScannedSubfolder(entry.name))
                    read(rel(entry.name), child(realDir, entry.name), folderEntries(root, rel(entry.name)));
            }
            else if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) {
                const sqlName = sqlFiles.find((name) => isFile((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, entry.name, name)));
                if (sqlName)
                    files.push(readSource(realRoot, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, entry.name, sqlName), rel(`${entry.name}/${sqlName}`)));
                else
                    scriptless.push(rel(entry.name));
                const metadata = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, entry.name, _diesel_metadata_js__WEBPACK_IMPORTED_MODULE_11__/* .DIESEL_METADATA */ .$p);
                if (isFile(metadata))
                    files.push(readSource(realRoot, metadata, rel(`${entry.name}/${_diesel_metadata_js__WEBPACK_IMPORTED_MODULE_11__/* .DIESEL_METADATA */ .$p}`)));
                // drizzle-kit's journal: which of the folder's files drizzle runs, and their order.
                if (preset === 'drizzle' && entry.name === _drizzle_journal_js__WEBPACK_IMPORTED_MODULE_6__/* .DRIZZLE_META */ .Nx && isFile((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, _drizzle_journal_js__WEBPACK_IMPORTED_MODULE_6__/* .DRIZZLE_JOURNAL */ .lK))) {
                    files.push(readSource(realRoot, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, _drizzle_journal_js__WEBPACK_IMPORTED_MODULE_6__/* .DRIZZLE_JOURNAL */ .lK), rel(_drizzle_journal_js__WEBPACK_IMPORTED_MODULE_6__/* .DRIZZLE_JOURNAL */ .lK)));
                }
            }
        }
    };
    read(folder, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, folder)), entries);
    return { folder, files, scriptless };
}
/**
 * A Sqitch project folder: its plan, and every .sql under deploy/ at any depth (a change named `a/b` deploys deploy/a/b.sql).
 * Its revert/ and verify/ scripts are not migrations. A folder without a plan is refused with where to look instead.
 */
function listSqitchProject(root, folder, entries) {
    const has = (name, dir) => entries.some((e) => e.name === name && e.isDirectory() === dir);
    if (!has(_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .SQITCH_PLAN */ .f, false) && !has(_sqitch_project_js__WEBPACK_IMPORTED_MODULE_8__/* .SQITCH_DEPLOY */ .f2, true)) {
        const above = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(folder) === _sqitch_project_js__WEBPACK_IMPORTED_MODULE_8__/* .SQITCH_DEPLOY */ .f2 ? ` (${folder} looks like its deploy folder: give the folder above it)` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`${folder} holds no ${_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .SQITCH_PLAN */ .f}: under the sqitch preset, give the Sqitch project's folder, the one that holds ${_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .SQITCH_PLAN */ .f} and deploy/${above}`);
    }
    const realRoot = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root);
    const files = [];
    if (has(_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .SQITCH_PLAN */ .f, false))
        files.push(readSource(realRoot, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, folder, _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .SQITCH_PLAN */ .f), (0,_migration_js__WEBPACK_IMPORTED_MODULE_5__/* .inFolder */ ._z)(folder, _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .SQITCH_PLAN */ .f)));
    const walk = (dir) => {
        for (const entry of folderEntries(root, dir).sort(byName)) {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory() && isScannedSubfolder(entry.name))
                walk(rel);
            else if (!entry.isDirectory() && entry.name.endsWith('.sql'))
                files.push(readSource(realRoot, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel), rel));
        }
    };
    if (has(_sqitch_project_js__WEBPACK_IMPORTED_MODULE_8__/* .SQITCH_DEPLOY */ .f2, true))
        walk((0,_migration_js__WEBPACK_IMPORTED_MODULE_5__/* .inFolder */ ._z)(folder, _sqitch_project_js__WEBPACK_IMPORTED_MODULE_8__/* .SQITCH_DEPLOY */ .f2));
    return { folder, files };
}
/**
 * graphile-migrate runs the files of its migrations folder's committed/ only (getAllMigrations); current.sql or current/
 * beside it is the work in progress `graphile-migrate migrate` never runs. Read as a migration folder, that folder would
 * show no migration and call every committed one unread.
 */
function refuseGraphileRoot(folder, entries) {
    if (!entries.some((e) => e.name === 'committed' && e.isDirectory()))
        return;
    const committed = (0,_migration_js__WEBPACK_IMPORTED_MODULE_5__/* .inFolder */ ._z)(folder, 'committed');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .y(`${folder} is graphile-migrate's migrations folder: the migrations it runs are the files in ${committed}, and its current.sql (or current/) is ` +
        `work in progress that \`graphile-migrate migrate\` never runs; check ${committed} (\`migration-gate check ${committed} --preset graphile-migrate\`)`);
}
/** Whether a runner that reads subfolders reads this one: Flyway skips hidden folders, and none is tooling's. */
function isScannedSubfolder(name) {
    return !name.startsWith('.') && !SKIP_DIRS.has(name);
}
function isFile(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs).isFile();
    }
    catch {
        return false;
    }
}
/** A file's bytes, or why they were not read (a symlink out of the repository, or to nothing; permissions). */
function readSource(realRoot, abs, path, known) {
    let real;
    try {
        real = known ?? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(abs);
    }
    catch {
        return { path, problem: { message: `${path} is a broken symlink`, fix: 'point it at a file inside the repository, or delete it' } };
    }
    if (real !== realRoot && !real.startsWith(realRoot + node_path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
        return {
            path,
            problem: {
                message: `${path} is a symlink to ${real}, outside the repository; it was not read`,
                fix: 'commit the migration itself instead of a link to a file outside the repository',
            },
        };
    }
    try {
        return { path, bytes: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(real) };
    }
    catch (e) {
        const code = e.code ?? 'error';
        return { path, problem: { message: `${path} cannot be read (${code})`, fix: 'check the file permissions' } };
    }
}


/***/ }),

/***/ 6:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yT: () => (/* binding */ atWrittenLines),
  OS: () => (/* binding */ classifyCurrent),
  TH: () => (/* binding */ currentName),
  ME: () => (/* binding */ currentPaths),
  xD: () => (/* binding */ discoverCurrent),
  ly: () => (/* binding */ readsName),
  yQ: () => (/* binding */ runsAtWrittenLines)
});

// UNUSED EXPORTS: diskFixtures, listCurrent

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/migration.ts
var migration = __webpack_require__(2907);
// EXTERNAL MODULE: ./src/discover/decode.ts
var decode = __webpack_require__(7865);
// EXTERNAL MODULE: ./src/discover/files.ts
var files = __webpack_require__(4632);
// EXTERNAL MODULE: ./src/discover/graphile.ts
var graphile = __webpack_require__(1563);
// EXTERNAL MODULE: ./src/sql/split.ts
var split = __webpack_require__(6448);
// EXTERNAL MODULE: ./src/discover/naming.ts
var naming = __webpack_require__(6591);
// EXTERNAL MODULE: ./node_modules/pg-minify/lib/index.js
var lib = __webpack_require__(9202);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./src/discover/version-order.ts
var version_order = __webpack_require__(934);
;// CONCATENATED MODULE: ./src/discover/graphile-commit.ts
// What `graphile-migrate commit` refuses in the current migration that `watch` runs all the same (graphile/migrate
// src/commands/commit.ts _commit, 2.0.0-rc.3): it reads the text's headers, checks the message it names the committed
// file after, reads the body with pg-minify to see that it is not blank, then writes the file and migrates it.





/** commit.ts's own test of a message, and the longest it takes. */
const DISALLOWED = /[\r\n\0\b\v\f\cA-\cZ]/u;
const LONGEST = 512;
const { parsingErrorCode: CODE } = (lib_default());
/** What to write instead where pg-minify stops at this quote or comment, by its error code. */
const MINIFY_FIX = {
    [CODE.unclosedText]: "pg-minify takes this `'` to open a text that never closes: write a text holding a lone `'` as a quoted literal (`'it''s'`, not `$$it's$$`), and one ending in a backslash as `E'…\\\\'`",
    [CODE.unclosedQI]: 'pg-minify takes this `"` to open a quoted name that never closes: write a text holding a lone `"` as a quoted literal, not in dollar quotes',
    [CODE.multiLineQI]: 'pg-minify reads from this `"` to the next one as one quoted name, across a line break: keep a quoted name on one line, and a lone `"` out of dollar quotes',
    [CODE.unclosedMLC]: 'pg-minify takes this `/*` to open a comment that never closes: write a text holding `/*` as a quoted literal, not in dollar quotes',
};
/**
 * What `graphile-migrate commit` refuses in `text`, the text `watch` runs of the current migration `path` (`name`, as
 * graphile-migrate's messages name it), each at its line of that text; `committed`, the names of the files in
 * committed/, after whose last number commit numbers the file it writes.
 */
function commitRefusals(path, name, text, committed) {
    const lines = text.split('\n');
    const { headers, repeated } = (0,graphile/* readHeaders */.jB)(lines);
    const folder = name === 'current/';
    const refuse = (at, said, why, suggestion) => ({
        rule: 'syntax-error',
        file: path,
        line: at.line,
        column: at.column,
        message: `\`graphile-migrate commit\` refuses ${name}, which \`watch\` still runs: "${said}"${why}.`,
        suggestion,
    });
    const headerAt = (h) => ({ line: h.index + 1, column: 1 });
    if (repeated) {
        // parseMigrationText stops there: commit reads nothing more.
        const why = folder ? ' (graphile-migrate puts the headers of all the files of current/ on top of the body it joins)' : '';
        return [refuse(headerAt(repeated), (0,graphile/* repeatedHeader */.c6)(path, repeated.key), why, folder ? `keep \`--! ${repeated.key}\` in one file of current/` : `keep one \`--! ${repeated.key}\` line`)];
    }
    const out = [];
    const message = headers.find((h) => h.key === 'Message');
    const wrong = message?.value ? messageRefusal(message.value) : null;
    if (message && wrong)
        out.push(refuse(headerAt(message), wrong.said, wrong.why, wrong.fix));
    const body = `${lines.slice(headers.length).join('\n').trim()}\n`;
    let minified;
    try {
        minified = lib_default()(body);
    }
    catch (e) {
        if (!(e instanceof (lib_default()).SQLParsingError))
            throw e;
        // Where PostgreSQL's own lexer stops short too, the parser's syntax error says it.
        if (lexesWhole(body)) {
            const why = " (commit reads the body with pg-minify first, which knows no dollar quotes and reads `\\'` as an escaped quote in any text; its line counts from the body's first)";
            out.push(refuse(inText(lines, headers.length, placeIn(body, e.position)), e.message, why, MINIFY_FIX[e.code]));
        }
        return out;
    }
    // A blank body commit refuses too ("Current migration is blank."), but that is how commit itself leaves it: no finding.
    if (!minified)
        return out;
    const allow = headers.find((h) => h.key === 'AllowInvalidHash');
    if (allow) {
        const file = committedName(committed, message?.value ?? null);
        const why = ` (commit writes the headers into the file it commits, ${file}, whose Hash always matches, and its \`migrate\` refuses it; it then puts the body back in ${name} without them)`;
        out.push(refuse(headerAt(allow), `Invalid hash allowed for ${file}; but hash matches.`, why, 'remove `--! AllowInvalidHash`: it is for a committed file edited after commit'));
    }
    return out;
}
/** commit.ts's refusal of a `--! Message` value, in its words, with what is wrong in it and the fix; null where it takes it. */
function messageRefusal(value) {
    const bad = DISALLOWED.exec(value)?.[0];
    if (bad) {
        const which = bad === '\t' ? 'a tab' : `the control character U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        return {
            said: 'Invalid commit message: contains disallowed characters',
            why: ` (the \`--! Message\` holds ${which})`,
            fix: 'write the message without tabs or other control characters: commit names the committed file after it',
        };
    }
    if (value.length <= LONGEST)
        return null;
    return { said: `Invalid commit message: message is too long (max: ${LONGEST} chars)`, why: ` (this one is ${value.length})`, fix: `shorten the message to ${LONGEST} characters or fewer` };
}
/** Where, in the text's `lines`, a position of its body is: the lines after its `headers` header lines, trimmed (parseMigrationText). */
function inText(lines, headers, at) {
    const rest = lines.slice(headers).join('\n');
    const lead = rest.slice(0, rest.length - rest.trimStart().length).split('\n');
    return { line: headers + lead.length - 1 + at.line, column: at.line === 1 ? lead.at(-1).length + at.column : at.column };
}
// Where in `body` pg-minify stopped, by the place it names. For a comment with no comment opening nested in it, it
// names none (line 2, col NaN, whatever the line): that comment opens at the first opening after the body's last close.
function placeIn(body, said) {
    if (Number.isFinite(said.column))
        return said;
    const open = body.indexOf('/*', body.lastIndexOf('*/') + 1);
    const before = body.slice(0, Math.max(open, 0)).split('\n');
    return { line: before.length, column: before.at(-1).length + 1 };
}
/** Whether PostgreSQL's lexer reads `sql` to its end (no quote, comment or dollar quote left open): a `;` put after it is found. */
function lexesWhole(sql) {
    return (0,split/* topLevelSemicolons */.MT)(`${sql}\n;`).at(-1) === sql.length + 2;
}
/** The name commit gives the file it writes (commit.ts): the number after the last committed one's, six digits at least, and the message sluggified. */
function committedName(committed, message) {
    const numbers = committed.flatMap((file) => (0,naming/* parseFileName */.Px)(file, 'graphile')?.version ?? []);
    const last = numbers.sort((a, b) => (0,version_order/* compareText */.n6)(`${a}.sql`, `${b}.sql`)).at(-1);
    const slug = message ? sluggify(message) : '';
    return `${String(last === undefined ? 1 : parseInt(last, 10) + 1).padStart(6, '0')}${slug ? `-${slug}` : ''}.sql`;
}
/** graphile-migrate's sluggify.ts. */
function sluggify(text) {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '-')
        .replace(/--+/g, '-')
        .replace(/(^-+|-+$)/g, '')
        .substring(0, 60);
}

;// CONCATENATED MODULE: ./src/discover/graphile-current.ts
// graphile-migrate's work in progress: current.sql, or the .sql files of current/ ("current directory" mode), beside
// committed/. `graphile-migrate watch` runs it after the committed migrations and again on every save, so it must be
// idempotent; `graphile-migrate commit` signs it into committed/, and `migrate` never runs it. Read as graphile-migrate's
// current.ts reads it (getCurrentMigrationLocation, readCurrentMigration): current/'s files joined into one body, which
// runs as one query; it has no version, and is no part of the set.







/** current/'s file names (migrationFilename.ts VALID_FILE_REGEX): a number, then an optional `-message`. */
const CURRENT_NAME = /^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$/;
/** writeCurrentMigration's split line: where it cuts the body it writes back into current/, and the file it starts there. */
const SPLIT_LINE = /^--! split: ([0-9]+(?:-[-_a-zA-Z0-9]+)?\.sql)$/;
/** header.ts isNoTransactionDefined: the first line of the text. */
const NO_TRANSACTION = /^--!\s*no-transaction\b/;
/** migration.ts compileIncludes: a line `--!include <path>.sql`, the path inside the fixtures folder. */
const INCLUDE = /^--![ \t]*include[ \t]+(.*\.sql)[ \t]*$/gm;
/** compileIncludes refuses the markers `commit` writes around an included file anywhere in a file it expands. */
const MARKER = /--!\s*(End)?Included?/;
/** Where graphile-migrate keeps the work in progress of a checked folder, and the fixtures it includes: null unless the folder is a `committed/`. */
function currentPaths(folder) {
    if (external_node_path_.posix.basename(folder) !== 'committed')
        return null;
    const parent = external_node_path_.posix.dirname(folder);
    const at = (name) => (0,migration/* inFolder */._z)(parent, name);
    return { file: at('current.sql'), dir: at('current'), fixtures: at('fixtures') };
}
/** How graphile-migrate's messages name the current migration a file belongs to: current.sql, or current/. */
function currentName(file) {
    return external_node_path_.posix.basename(file) === 'current.sql' ? 'current.sql' : 'current/';
}
/** The work in progress as it is on disk under `root`. */
function listCurrent(root, paths) {
    const realRoot = (0,external_node_fs_.realpathSync)(root);
    const read = (path) => (0,files/* readSource */.o$)(realRoot, (0,external_node_path_.join)(root, path), path);
    // getCurrentMigrationLocation stats both (links followed), and judges the file first.
    const stat = (path) => ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, path)) ? (0,external_node_fs_.statSync)((0,external_node_path_.join)(root, path)) : null);
    const [fileStat, dirStat] = [stat(paths.file), stat(paths.dir)];
    const file = fileStat?.isFile() ? read(paths.file) : null;
    const dir = dirStat?.isDirectory() ? (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, paths.dir)).filter(readsName).sort().map((name) => read(`${paths.dir}/${name}`)) : null;
    if (fileStat && !fileStat.isFile())
        return { file, dir, misfit: { path: paths.file, not: 'file' } };
    if (dirStat && !dirStat.isDirectory())
        return { file, dir, misfit: { path: paths.dir, not: 'directory' } };
    return { file, dir };
}
/** The fixtures folder `dir` as it is on disk under `root`. */
function diskFixtures(root, dir) {
    const realRoot = (0,external_node_fs_.realpathSync)(root);
    const real = (path) => {
        try {
            return (0,external_node_path_.relative)(realRoot, (0,external_node_fs_.realpathSync)(path)).split(external_node_path_.sep).join('/');
        }
        catch {
            return null;
        }
    };
    const folder = real((0,external_node_path_.join)(root, dir));
    return {
        dir: folder ?? dir,
        exists: folder !== null,
        resolve: (raw) => (folder === null ? null : real((0,external_node_path_.join)(realRoot, folder, raw))),
        read: (path) => (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(realRoot, path)),
    };
}
/** Text built piece by piece, each line with the place its first piece was written. */
class WrittenText {
    lines = [''];
    from = [null];
    /** Appends `text`, whose lines (split at `\n`) were written at `from`. */
    add(text, from) {
        text.split('\n').forEach((part, i) => {
            if (i > 0) {
                this.lines.push('');
                this.from.push(null);
            }
            const at = this.lines.length - 1;
            this.lines[at] += part;
            this.from[at] ??= from[i];
        });
    }
}
/**
 * `text` of `file` with its `--!include`s expanded as compileIncludes expands them (graphile/migrate src/migration.ts):
 * each such line becomes the fixture's text (its own includes expanded, trimmed) between `--! Included <path>` and
 * `--! EndIncluded <path>`, and a fixture that includes itself again is refused; with the place each line was written.
 * `chain` holds the files that include this one, `via` the include line of the current migration's own file that
 * brought it in.
 */
function compileIncludes(text, file, fixtures, chain, via) {
    const lineOf = (offset) => text.slice(0, offset).split('\n').length;
    const marker = MARKER.exec(text);
    if (marker) {
        return {
            file,
            line: lineOf(marker.index),
            said: '`--! Included` / `--! EndIncluded` comments not allowed in user migrations. Use `--!include` instead.',
            fix: 'write `--!include <path>` (the Included and EndIncluded markers are what `graphile-migrate commit` writes around a fixture)',
        };
    }
    const own = (line) => ({ file, line, shift: 0, via });
    const lines = (piece, from) => piece.split('\n').map((_, k) => own(lineOf(from) + k));
    const matches = [...text.matchAll(INCLUDE)];
    if (matches.length === 0)
        return { text, lines: lines(text, 0) };
    const refuse = (at, said, fix) => ({ file, line: lineOf(at.index), said, fix });
    if (!fixtures.exists) {
        return refuse(matches[0], `File contains '--!include' but fixtures folder '${fixtures.dir}' doesn't exist?`, `keep the included files in ${fixtures.dir}/, beside committed/`);
    }
    // Every include is checked, in the order written, before any fixture is read.
    const paths = [];
    for (const match of matches) {
        const raw = match[1];
        const path = fixtures.resolve(raw);
        if (path === null)
            return refuse(match, `Include of '${raw}' failed because '${fixtures.dir}/${raw}' doesn't seem to exist?`, `add ${fixtures.dir}/${raw}, or correct the path: it starts in ${fixtures.dir}/`);
        if (chain.includes(path)) {
            const trace = [...chain].reverse().join(', ');
            return refuse(match, `Circular include detected - '${path}' is included again! Import statement: \`${match[0]}\`; trace: ${trace}`, `remove this include: ${path} would include itself`);
        }
        if (external_node_path_.posix.relative(fixtures.dir, path).startsWith('..')) {
            return refuse(match, `Forbidden: cannot include path '${path}' because it's not inside '${fixtures.dir}'`, `move the file into ${fixtures.dir}/ and include it from there`);
        }
        paths.push(path);
    }
    const out = new WrittenText();
    let end = 0;
    for (const [i, match] of matches.entries()) {
        const [path, site] = [paths[i], own(lineOf(match.index))];
        out.add(text.slice(end, match.index), lines(text.slice(end, match.index), end));
        let included;
        try {
            included = fixtures.read(path).toString('utf8');
        }
        catch (e) {
            return refuse(match, e.message, `make ${path} a readable file`);
        }
        const inner = compileIncludes(included, path, fixtures, [...chain, path], via ?? `${file}:${site.line}`);
        if (!('text' in inner))
            return inner;
        const body = trimmed(inner);
        out.add(`--! Included ${match[1]}\n${body.text}\n--! EndIncluded ${match[1]}`, [site, ...body.lines, site]);
        end = match.index + match[0].length;
    }
    out.add(text.slice(end), lines(text.slice(end), end));
    return { text: out.lines.join('\n'), lines: out.from.map((f) => f) };
}
/** `text` trimmed, with the places of its lines: those trim takes off both ends go, and the columns off the first one left. */
function trimmed({ text, lines }) {
    const lead = text.slice(0, text.length - text.trimStart().length).split('\n');
    const body = text.trim();
    const kept = lines.slice(lead.length - 1, lead.length - 1 + body.split('\n').length);
    kept[0] = { ...kept[0], shift: kept[0].shift + lead[lead.length - 1].length };
    return { text: body, lines: kept };
}
/** A file's own lines, where nothing was included. */
function ownLines(text, file) {
    return text.split('\n').map((_, i) => ({ file, line: i + 1, shift: 0, via: null }));
}
/** A file of current/, its includes expanded: its header lines (`headers`, which parseMigrationText lifts off its top) serialized again, and the rest trimmed. */
function currentPart(name, compiled, read) {
    const lines = compiled.text.split('\n');
    const split = read.length;
    // serializeHeader: `--! Key`, and `: value` where it has one.
    const headers = read.map((h) => [`--! ${h.key}${h.value ? `: ${h.value}` : ''}`, compiled.lines[h.index]]);
    const rest = compiled.lines.slice(split);
    return { name, headers, body: trimmed({ text: lines.slice(split).join('\n'), lines: rest.length ? rest : [compiled.lines.at(-1)] }) };
}
/**
 * current/'s files joined into the one body readCurrentMigration gives `watch` (graphile/migrate src/current.ts), which
 * runs it as one query: each body after a `--! split: <name>` line, a blank line between two, and every file's headers
 * on top; with the place each line was written (a split line is told as its file's first, a blank one as the file before).
 */
function joinCurrent(parts) {
    const joined = [];
    for (const [i, part] of parts.entries()) {
        const first = part.body.lines[0];
        if (i > 0)
            joined.push(['', joined.at(-1)[1]]);
        joined.push([`--! split: ${part.name}`, first]);
        part.body.text.split('\n').forEach((l, k) => joined.push([l, part.body.lines[k]]));
    }
    const headers = parts.flatMap((p) => p.headers);
    const all = headers.length ? [...headers, ['', headers.at(-1)[1]], ...joined] : joined;
    // The body ends with a line break: its last, empty line is the end of the last file.
    all.push(['', all.at(-1)[1]]);
    return { text: all.map(([l]) => l).join('\n'), lines: all.map(([, at]) => at) };
}
/** A name's number in current/ as migrationFilename.ts idFromFilename reads it, or its refusal in its words. */
function currentId(name) {
    const raw = CURRENT_NAME.exec(name)?.[1];
    if (raw === undefined) {
        return {
            said: `Invalid current migration filename: '${name}'. File must follow the naming 001.sql or 001-message.sql, where 001 is a unique number (with optional zero padding) and message is an optional alphanumeric string.`,
        };
    }
    const id = parseInt(raw, 10);
    if (!id || !isFinite(id))
        return { said: `Invalid current migration filename: '${name}'. File must start with a (positive) number, could not coerce '${raw}' to int.` };
    return { id };
}
/**
 * Why writeCurrentMigration stops half-way, in its words, where it cuts the body it writes back into current/ at split
 * lines naming `names` in turn (each file's number must be above the one before); null where it writes them all.
 */
function splitRefusal(names) {
    let [highest, from] = [0, ''];
    for (const name of names) {
        const read = currentId(name);
        if ('said' in read)
            return read.said;
        if (read.id <= highest)
            return `Bad migration, split ids must be monotonically increasing, but '${read.id}' (from '${name}') <= '${highest}' (from '${from}').`;
        [highest, from] = [read.id, name];
    }
    return null;
}
/**
 * The `--! split: <file>` lines written in current/'s files (`sources`, in the order graphile-migrate joins them): it writes
 * one itself before each file, and `uncommit`, or a `commit` that fails, writes current/ back by cutting the body at
 * every such line, so there one more cuts a file in two, or stops the write half-way.
 */
function strayCuts(sources) {
    const cuts = sources.map(({ path, text }) => ({
        path,
        stray: text.split('\n').flatMap((l, i) => {
            const name = SPLIT_LINE.exec(l)?.[1];
            return name ? [{ name, line: i + 1 }] : [];
        }),
    }));
    if (!cuts.some((c) => c.stray.length))
        return [];
    const stops = splitRefusal(cuts.flatMap((c) => [external_node_path_.posix.basename(c.path), ...c.stray.map((s) => s.name)]));
    return cuts.flatMap(({ path, stray }) => stray.map(({ name, line }) => ({
        rule: 'syntax-error',
        file: path,
        line,
        column: 1,
        message: `\`--! split: ${name}\` is the line graphile-migrate writes before each file of current/ when it joins them: ` +
            '`graphile-migrate uncommit`, and a `commit` that fails, write current/ back by cutting the body at each such line, so ' +
            (stops ? `at this one they stop half-way ("${stops}") and current/ is not written back as it was.` : `this one would cut ${external_node_path_.posix.basename(path)} in two, the lines below it going to a new file ${name}.`),
        suggestion: 'remove this line: graphile-migrate writes the `--! split` lines itself (to make a file of the SQL below it, move that SQL into a new file of current/)',
    })));
}
/** Whether readCurrentMigration reads a name in current/: it leaves out dot files and names not ending in `.sql`. */
function readsName(name) {
    return !name.startsWith('.') && name.endsWith('.sql');
}
/**
 * The work in progress of the committed folder `folder` as the one migration of kind `current` that graphile-migrate
 * runs: current.sql, or current/'s files joined in the order of their numbers as values (its `file` the folder), their
 * `--!include`s of `fixtures` expanded (none without), with what `commit` (which numbers its file after the last of the
 * names `committed`) or `uncommit` would refuse in it though `watch` runs it; or the finding that says why
 * graphile-migrate refuses to read it, and so `watch` runs none of it.
 */
function classifyCurrent(folder, listing, fixtures, committed = []) {
    const { file, dir, misfit } = listing;
    const written = new Map();
    const refuse = (at, line, said, fix, rule = 'unreadable-file') => ({
        migrations: [],
        findings: [{ rule, file: at, line, column: line ? 1 : 0, message: `graphile-migrate refuses to read its current migration, so \`graphile-migrate watch\` runs none of it: "${said}"`, suggestion: fix }],
        written,
    });
    if (misfit?.not === 'file') {
        return refuse(misfit.path, 0, `'${misfit.path}' exists but is not a file.`, 'graphile-migrate reads current.sql as a file: remove this folder, or move its SQL into current/ as 001.sql, 002-message.sql, …');
    }
    if (misfit) {
        return refuse(misfit.path, 0, `'${misfit.path}' exists but is not a directory.`, 'graphile-migrate reads current as a folder of 001.sql, 002-message.sql, …: remove this file, or move its SQL into current.sql');
    }
    if (file && dir) {
        return refuse(file.path, 0, `Invalid current migration: both the '${file.path}' file and the '${external_node_path_.posix.dirname(file.path)}/current' directory exist; only one of these may exist at a time.`, 'keep current.sql or current/, not both');
    }
    const sources = file ? [file] : (dir ?? []);
    const ids = new Map();
    for (const source of dir ?? []) {
        const name = external_node_path_.posix.basename(source.path);
        const read = currentId(name);
        if ('said' in read)
            return refuse(source.path, 0, read.said, 'name it 001.sql or 001-message.sql (a number from 1; letters, digits, `-` and `_` after it)', 'invalid-name');
        const { id } = read;
        const twin = ids.get(id);
        if (twin) {
            return refuse(source.path, 0, `Current migration filename clash: files must have a unique numeric prefix, but at least 2 files ('${name}' and '${external_node_path_.posix.basename(twin.path)}') have the prefix '${id}'.`, `give one of them another number: graphile-migrate runs current/'s files in the order of their numbers`, 'invalid-name');
        }
        ids.set(id, source);
    }
    const ordered = file ? sources : [...ids.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
    const parts = [];
    const texts = [];
    for (const source of ordered) {
        if (source.problem)
            return refuse(source.path, 0, source.problem.message, source.problem.fix);
        const bytes = source.bytes;
        const decoded = (0,decode/* decodeSql */.x)(bytes);
        if (!decoded.ok)
            return refuse(source.path, decoded.line, `${external_node_path_.posix.basename(source.path)} ${decoded.problem}`, decoded.fix);
        // readCurrentMigration expands each file's includes first, then reads its headers and `--! no-transaction`.
        const compiled = fixtures ? compileIncludes(decoded.text, source.path, fixtures, [source.path], null) : { text: decoded.text, lines: ownLines(decoded.text, source.path) };
        if (!('text' in compiled))
            return refuse(compiled.file, compiled.line, compiled.said, compiled.fix);
        if (file) {
            if (compiled.text !== decoded.text)
                written.set(source.path, compiled.lines);
            // current.sql is no committed file: runStringMigration reads `--! no-transaction` on its very first line, headers or not.
            const noTransaction = NO_TRANSACTION.test(compiled.text.split('\n')[0]);
            const findings = commitRefusals(source.path, currentName(source.path), compiled.text, committed);
            return { migrations: [currentMigration(source.path, folder, bytes, compiled.text, !noTransaction)], findings, written };
        }
        const headers = (0,graphile/* readHeaders */.jB)(compiled.text.split('\n'));
        if (headers.repeated) {
            const { key, index } = headers.repeated;
            return refuse(source.path, compiled.lines[index].line, (0,graphile/* repeatedHeader */.c6)(source.path, key), `keep one \`--! ${key}\` line: graphile-migrate reads a header once in a file`);
        }
        const part = currentPart(external_node_path_.posix.basename(source.path), compiled, headers.headers);
        if (NO_TRANSACTION.test(part.body.text.split('\n')[0])) {
            return refuse(source.path, part.body.lines[0].line, `Error in '${source.path}': cannot use '--! no-transaction' with 'current/' directory migrations; use 'current.sql' instead.`, 'move the work in progress to current.sql, whose very first line may be `--! no-transaction`');
        }
        parts.push(part);
        texts.push({ path: source.path, text: decoded.text });
    }
    if (parts.length === 0)
        return { migrations: [], findings: [], written };
    // watch runs current/ as one body, one query: so it is one migration, told by the folder, each line where it was written.
    const dirPath = external_node_path_.posix.dirname(ordered[0].path);
    const joined = joinCurrent(parts);
    written.set(dirPath, joined.lines);
    const findings = [...commitRefusals(dirPath, currentName(dirPath), joined.text, committed), ...strayCuts(texts)];
    return { migrations: [currentMigration(dirPath, folder, Buffer.from(joined.text), joined.text, true)], findings, written };
}
/** The current migration `path` (current.sql, or the folder current/) with `sql` the text watch runs. */
function currentMigration(path, folder, bytes, sql, transactional) {
    return {
        file: path,
        folder,
        version: '',
        name: external_node_path_.posix.basename(path, '.sql'),
        scheme: 'graphile',
        kind: 'current',
        bytes,
        sql,
        lineOffset: 0,
        transactional,
        runnerWraps: transactional,
    };
}
/** graphile-migrate's work in progress beside each checked `committed/` folder, read from disk (PR mode and full lint only). */
function discoverCurrent(options) {
    const out = { migrations: [], findings: [], written: new Map() };
    if (options.preset !== 'graphile-migrate')
        return out;
    for (const folder of options.folders) {
        const paths = currentPaths(folder.path);
        if (!paths)
            continue;
        const committed = (0,external_node_fs_.existsSync)((0,external_node_path_.join)(options.root, folder.path)) ? (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(options.root, folder.path)) : [];
        const found = classifyCurrent(folder.path, listCurrent(options.root, paths), diskFixtures(options.root, paths.fixtures), committed);
        out.migrations.push(...found.migrations);
        out.findings.push(...found.findings);
        found.written.forEach((lines, file) => out.written.set(file, lines));
    }
    return out;
}
/**
 * The findings on the text graphile-migrate runs of a current migration with includes, or of current/'s files joined,
 * moved to where each line was written: a file's own line, or an included fixture's, saying which include brought it in.
 * A fix goes with a finding only where its lines are one file's own (not a fixture's: that is shared), one after another.
 */
function atWrittenLines(findings, written) {
    if (written.size === 0)
        return findings;
    return findings.map((f) => {
        const at = writtenPlace(written, f.file, f.line, f.column);
        if (!at)
            return f;
        const { fix, ...moved } = {
            ...f,
            file: at.file,
            line: at.line,
            column: at.column,
            message: at.via ? `${f.message} (${at.file} is included by the \`--!include\` at ${at.via})` : f.message,
        };
        if (!fix)
            return moved;
        const lines = written.get(f.file).slice(fix.line - 1, fix.endLine);
        const own = lines.length === fix.endLine - fix.line + 1 && lines.every((l, i) => l.via === null && l.file === at.file && l.line === lines[0].line + i && l.shift === 0);
        return own ? { ...moved, fix: { ...fix, line: lines[0].line, endLine: lines.at(-1).line } } : moved;
    });
}
/**
 * The dry-run's results with a current migration's error and the lines of its locks moved, as its findings are, to the
 * line they were written at; their `file` says where that is when it is not the migration's own (a file of current/, an
 * included fixture).
 */
function runsAtWrittenLines(dryRun, written) {
    if (written.size === 0)
        return dryRun;
    const migrations = dryRun.migrations.map((m) => {
        const place = (line, column) => {
            const at = writtenPlace(written, m.file, line, column);
            return at && { line: at.line, column: at.column, ...(at.file !== m.file ? { file: at.file } : {}) };
        };
        const error = m.error && place(m.error.line, m.error.column);
        const locks = m.locks.map((l) => {
            const at = l.line && place(l.line, 0);
            return at ? { ...l, line: at.line, ...(at.file ? { file: at.file } : {}) } : l;
        });
        return { ...m, ...(error ? { error: { ...m.error, ...error } } : {}), locks };
    });
    return { ...dryRun, migrations };
}
/** Where line `line`, column `column` of the text run for `file` was written; null where that text is the file as written. */
function writtenPlace(written, file, line, column) {
    const at = written.get(file)?.[line - 1];
    return at ? { ...at, column: column && column + at.shift } : null;
}


/***/ }),

/***/ 9383:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SW: () => (/* binding */ isScriptConfig),
/* harmony export */   sV: () => (/* binding */ readScriptConfig),
/* harmony export */   x8: () => (/* binding */ scriptConfigOf)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
// Flyway script config files: `<migration>.sql.conf` beside a migration sets how Flyway runs that one
// file. Read as Flyway reads it (ConfigUtils.loadConfigurationFromString, then SqlScriptMetadata).

const SUFFIX = '.sql.conf';
/** The keys SqlScriptMetadata takes; it refuses any other ("Unknown configuration property"). */
const KNOWN_KEYS = ['executeInTransaction', 'encoding', 'placeholderReplacement', 'shouldExecute'];
function isScriptConfig(path) {
    return path.endsWith(SUFFIX);
}
/** The script config file Flyway looks for beside a migration. */
function scriptConfigOf(migrationPath) {
    return `${migrationPath}.conf`;
}
/**
 * Java Properties over Flyway's lines: each trimmed as Java trims, `#`/`!` start a comment, the key ends at
 * the first `=`, `:` or blank, and the last setting of a key wins. Flyway doubles every backslash first, so none escapes.
 */
function properties(text) {
    const found = new Map();
    text.split(/\r\n|\r|\n/).forEach((raw, i) => {
        const line = raw.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
        if (line === '' || line.startsWith('#') || line.startsWith('!'))
            return;
        const key = /^[^=: \t\f]*/.exec(line)[0];
        const value = line.slice(key.length).replace(/^[ \t\f]*[=:]?[ \t\f]*/, '');
        found.set(key, { value, line: i + 1 });
    });
    return found;
}
/** Reads the script config of `migrationPath`, with a finding for each thing Flyway refuses in it. */
function readScriptConfig(config, migrationPath) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(config.path);
    const migration = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(migrationPath);
    const findings = [];
    const refuse = (line, message, suggestion) => findings.push({ rule: 'unreadable-file', file: config.path, line, column: 0, message, suggestion });
    if (config.problem) {
        refuse(0, config.problem.message, config.problem.fix);
        return { executeInTransaction: null, findings };
    }
    // Flyway's reader drops a byte order mark; bytes that are not UTF-8 become U+FFFD, as Java's decoder makes them.
    const props = properties((config.bytes ?? Buffer.alloc(0)).toString('utf8').replace(/^\uFEFF/, ''));
    for (const [key, { line }] of props) {
        if (KNOWN_KEYS.includes(key))
            continue;
        refuse(line, `${file} sets ${key || 'an empty key'}, which Flyway does not know in a script config file: Flyway stops with "Unknown configuration property: ${key}" and runs none of ${migration}.`, `Keys are case-sensitive, and a script config file knows only ${KNOWN_KEYS.join(', ')}: fix the spelling, or remove the line.`);
    }
    const setting = props.get('executeInTransaction');
    if (!setting || /^(true|false)$/i.test(setting.value)) {
        return { executeInTransaction: setting ? setting.value.toLowerCase() === 'true' : null, findings };
    }
    // An environment variable or placeholder that Flyway fills in when it runs: nothing to judge here.
    if (setting.value.includes('${'))
        return { executeInTransaction: null, findings };
    refuse(setting.line, `${file} sets executeInTransaction to "${setting.value}": Flyway accepts only true or false (in any case), stops with "Invalid value for executeInTransaction" and runs none of ${migration}.`, `Write executeInTransaction=false to run ${migration} outside a transaction, or remove the line to let Flyway decide.`);
    return { executeInTransaction: null, findings };
}


/***/ }),

/***/ 7625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Is: () => (/* binding */ isSqitchSource),
/* harmony export */   Kw: () => (/* binding */ isSqitchPlan),
/* harmony export */   XC: () => (/* binding */ planOf),
/* harmony export */   f2: () => (/* binding */ SQITCH_DEPLOY)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _checksum_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(371);
/* harmony import */ var _migration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2907);
/* harmony import */ var _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4677);
// A Sqitch project folder: sqitch.plan, and the deploy scripts under deploy/ that its changes name. `sqitch deploy` runs
// the plan's changes in the plan's order, each by its deploy script, and knows nothing of a script no change names.




/** The folder of deploy scripts inside the project folder (core.deploy_dir, by default). */
const SQITCH_DEPLOY = 'deploy';
/** Whether a listed path is the plan of project folder `folder`. */
function isSqitchPlan(folder, path) {
    return path === (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(folder, _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f);
}
/** Whether a path inside the project folder is one Sqitch reads: the plan, or a deploy script at any depth. */
function isSqitchSource(rel) {
    return rel === _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f || (rel.startsWith(`${SQITCH_DEPLOY}/`) && rel.endsWith('.sql'));
}
/** A planned change as a migration: its place in the plan is its version, its name the change's. */
function planName(change) {
    return { scheme: 'sequential', kind: 'versioned', version: String(change.index + 1), name: change.name };
}
/** The plan in a project folder's listing, read and matched with its deploy scripts; null where there is neither. */
function planOf(listing) {
    const source = listing.files.find((f) => isSqitchPlan(listing.folder, f.path));
    const deployDir = (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(listing.folder, SQITCH_DEPLOY);
    const scripts = new Set(listing.files.map((f) => (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .pathIn */ .lW)(deployDir, f.path)).filter((rel) => rel !== null && rel.endsWith('.sql')));
    const out = { plan: null, changeOf: new Map(), nameOf: new Map(), findings: [], refusedNames: [] };
    // Lint still reads the scripts of a plan Sqitch refuses, in path order, which is all there is to go by.
    const byPath = () => [...scripts].sort().forEach((rel, i) => out.nameOf.set((0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(deployDir, rel), { scheme: 'sequential', kind: 'versioned', version: String(i + 1), name: rel.slice(0, -4) }));
    const planPath = (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(listing.folder, _sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f);
    const refuse = (file, line, message, refused, fix) => {
        out.findings.push({ rule: 'unreadable-file', file, line, column: 0, message, suggestion: fix });
        out.refusedNames.push({ folder: listing.folder, file, refused, fix, reason: message });
    };
    if (!source) {
        if (scripts.size === 0)
            return null;
        refuse(planPath, 0, `${listing.folder} has deploy scripts but no ${_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f}: Sqitch deploys only the changes its plan lists, so \`sqitch deploy\` fails with nothing to deploy`, `no ${_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f}`, `restore ${_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f}, or give migration-gate the folder that holds it (Sqitch's top_dir)`);
        byPath();
        return out;
    }
    const reading = source.bytes ? (0,_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .readPlan */ .m)(source.bytes.toString('utf8'), (rel) => scripts.has(rel)) : { problem: source.problem.message, line: 0 };
    if ('problem' in reading) {
        refuse(source.path, reading.line, `Sqitch cannot read ${source.path}: ${reading.problem}; \`sqitch deploy\` (and every other command) fails before it deploys any change`, `cannot read ${_sqitch_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .SQITCH_PLAN */ .f}: ${reading.problem}`, 'fix the plan as the message says (after a merge: keep every change line of both sides, each once, in the order they were deployed), then run `sqitch plan` to check it');
        byPath();
        return out;
    }
    out.plan = reading.plan;
    const named = new Set();
    for (const change of reading.plan.changes) {
        const rel = `${change.script}.sql`;
        const file = (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(deployDir, rel);
        named.add(rel);
        if (!scripts.has(rel)) {
            refuse(source.path, change.line, `${source.path} plans ${change.name}, but its deploy script ${file} is missing: \`sqitch deploy\` fails when it reaches it, and reverts every change it deployed before it in that run`, `no deploy script ${file}`, `restore ${file}, or remove ${change.name} from the plan (\`sqitch remove ${change.name}\` where no database deployed it)`);
            continue;
        }
        out.changeOf.set(file, change);
        out.nameOf.set(file, planName(change));
    }
    const bytesOf = new Map(listing.files.map((f) => [f.path, f.bytes]));
    out.findings.push(...sameScripts(bytesOf, out.changeOf));
    const included = includedScripts(listing.folder, bytesOf, out.changeOf);
    for (const rel of scripts) {
        if (named.has(rel) || included.has((0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(deployDir, rel)))
            continue;
        out.findings.push({
            rule: 'invalid-name',
            file: (0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(deployDir, rel),
            line: 0,
            column: 0,
            message: `${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(rel)} is a deploy script no change in ${source.path} names: Sqitch deploys only the changes its plan lists, so it never runs this file`,
            suggestion: `plan it with \`sqitch add ${rel.slice(0, -'.sql'.length)}\` (which writes its plan line and keeps this script), or move it out of ${SQITCH_DEPLOY}/`,
        });
    }
    return out;
}
/**
 * Deploy scripts of one plan with the same bytes: the registry keeps one script_hash per project (sqitch.changes UNIQUE
 * (project, script_hash)), so the later change fails to deploy. `sqitch rework` leaves the reworked script a copy of the old one.
 */
function sameScripts(bytesOf, changeOf) {
    const first = new Map();
    const drafts = [];
    const byPlan = [...changeOf].sort(([, a], [, b]) => a.index - b.index);
    for (const [file, change] of byPlan) {
        const bytes = bytesOf.get(file);
        if (!bytes)
            continue;
        const hash = (0,_checksum_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checksum */ .cM)('sqitch', bytes);
        const earlier = first.get(hash);
        if (earlier === undefined) {
            first.set(hash, file);
            continue;
        }
        drafts.push({
            rule: 'duplicate-version',
            file,
            line: 0,
            column: 0,
            message: `${file} has the same bytes as ${earlier}: Sqitch records each deploy script's SHA-1 once per project (sqitch.changes' unique script_hash), ` +
                `so \`sqitch deploy\` fails at ${change.name} with a duplicate key error, and reverts every change it deployed in that run`,
            suggestion: `write the change ${change.name} is meant to make into ${file} (\`sqitch rework\` starts it as a copy of the script it reworks)`,
        });
    }
    return drafts;
}
/** psql's include meta-commands: `\i` reads a path from psql's folder (where `sqitch deploy` runs), `\ir` from the script's own. */
const INCLUDE = /^[ \t]*\\(i|include|ir|include_relative)[ \t]+(?:'([^']*)'|(\S+))/gm;
/** The files the planned scripts include with psql's `\i` or `\ir`: parts of those scripts, not changes of their own. */
function includedScripts(folder, bytesOf, changeOf) {
    const included = new Set();
    for (const file of changeOf.keys()) {
        const text = bytesOf.get(file)?.toString('utf8');
        if (!text?.includes('\\i'))
            continue;
        for (const [, command, quoted, bare] of text.matchAll(INCLUDE)) {
            const from = command === 'ir' || command === 'include_relative' ? node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(file) : folder;
            included.add(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize((0,_migration_js__WEBPACK_IMPORTED_MODULE_2__/* .inFolder */ ._z)(from, (quoted ?? bare))));
        }
    }
    return included;
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


/***/ }),

/***/ 6670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   HB: () => (/* binding */ maskedUrl),
/* harmony export */   ex: () => (/* binding */ safeDecode),
/* harmony export */   xc: () => (/* binding */ secretRedactor)
/* harmony export */ });
/* unused harmony export urlPasswords */
// Keeps database passwords out of every message: in URLs found in any text, and, for a URL the tool was
// given, wherever a driver or server message echoes the URL or its password. pg takes a password from
// the user:password@ part and from a `password` query parameter (which wins), so both are secrets.
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/gi;
const URL_QUERY = /(postgres(?:ql)?:\/\/[^?#\s]*\?)([^#\s]*)/gi;
// A value already masked stays as it is, with the punctuation a sentence put after the URL.
const QUERY_PASSWORD = /((?:^|&)password=)(?!\*\*\*[.,:;)]*$)[^&]*/gi;
/** Any postgres:// URL in `text` with its passwords as ***. */
function redactUrl(text) {
    return text
        .replace(URL_PASSWORD, '$1***@')
        .replace(URL_QUERY, (_, head, query) => head + query.replace(QUERY_PASSWORD, '$1***'));
}
/** A database URL for display, its passwords masked. */
function maskedUrl(url) {
    const shown = new URL(url.toString());
    if (shown.password)
        shown.password = '***';
    if (shown.searchParams.has('password'))
        shown.searchParams.set('password', '***');
    return shown.toString();
}
/** The URL's passwords, each as written in the URL and as pg decodes it. */
function urlPasswords(url) {
    const written = url.search
        .slice(1)
        .split('&')
        .filter((pair) => pair.includes('=') && new URLSearchParams(pair).has('password'))
        .map((pair) => pair.slice(pair.indexOf('=') + 1));
    const all = [url.password, safeDecode(url.password), ...written, ...url.searchParams.getAll('password')];
    return [...new Set(all.filter((s) => s.length > 0))];
}
/** Removes `rawUrl` (shown masked) and its passwords, raw and decoded, from any text. */
function secretRedactor(rawUrl) {
    let parsed = null;
    try {
        parsed = new URL(rawUrl);
    }
    catch {
        // an unparsable URL is still replaced whole below
    }
    const display = parsed ? maskedUrl(parsed) : '(unparsable database URL)';
    // Longest first: a password inside another must not leave the rest of that one readable.
    const secrets = (parsed ? urlPasswords(parsed) : []).sort((a, b) => b.length - a.length);
    return (text) => secrets.reduce((t, s) => t.split(s).join('***'), redactUrl(text.split(rawUrl).join(display)));
}
/** A URL part decoded, or as written when a stray `%` makes it undecodable (pg sends it so). */
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}


/***/ })

};
