export const id = 809;
export const ids = [809];
export const modules = {

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


/***/ })

};
