#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7318:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _dirname_shim_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6065);
/* harmony import */ var _v8_tiers_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8594);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _rules_pool_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3605);
// The `migration-gate` executable: runs the CLI on this process's argv and sets the exit code. Started
// as a worker thread by the rule engine (src/rules/pool.ts), it serves file-rule batches instead; started
// as a parser's side worker (src/sql/side-parser.ts), it parses what overflowed another thread's stack.





const worker = (0,_rules_pool_js__WEBPACK_IMPORTED_MODULE_4__/* .batchWorkerData */ .zN)();
// The side parser is imported by a side worker alone: imported by this entry, it would take split.ts, which the
// lint calls in its loops, out of the parser's chunk and into this one.
if (node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.workerData?.parserWorker) {
    const { serveParser } = await __nccwpck_require__.e(/* import() */ 809).then(__nccwpck_require__.bind(__nccwpck_require__, 1809));
    await serveParser();
}
else if (worker) {
    const { serveFileRules } = await __nccwpck_require__.e(/* import() */ 738).then(__nccwpck_require__.bind(__nccwpck_require__, 7738));
    await serveFileRules(worker.shared);
}
else {
    (0,_rules_pool_js__WEBPACK_IMPORTED_MODULE_4__/* .setWorkerEntry */ .HU)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url));
    const { runCli } = await Promise.all(/* import() */[__nccwpck_require__.e(738), __nccwpck_require__.e(122)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3122));
    process.exitCode = await runCli(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        env: process.env,
        cwd: process.cwd(),
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    });
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6065:
/***/ ((__unused_webpack_module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
// Bundled, libpg-query's loader reads `__dirname` (absent in ES modules) to find its .wasm beside the
// bundle; this defines it from the bundle's own URL. Imported first by each entry point.


const g = globalThis;
g.__dirname ??= (0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url));


/***/ }),

/***/ 3605:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cc: () => (/* binding */ threadCount),
/* harmony export */   HU: () => (/* binding */ setWorkerEntry),
/* harmony export */   OG: () => (/* binding */ coolDown),
/* harmony export */   kL: () => (/* binding */ serveBatches),
/* harmony export */   lM: () => (/* binding */ warmUp),
/* harmony export */   m1: () => (/* binding */ runBatches),
/* harmony export */   zN: () => (/* binding */ batchWorkerData)
/* harmony export */ });
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _warnings_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(286);
// Worker threads for work that splits into independent batches (parsing and linting many files): the
// workers run the CLI bundle itself (its entry serves batches when it is not the main thread), and the
// main thread takes batches too while they start up. Results come back in batch order.



/** The script a worker runs: set by an entry point that can serve batches (the CLI bundle), else none. */
let entry = null;
function setWorkerEntry(file) {
    entry = file;
}
/**
 * How many threads lint at once, the main thread included: MIGRATION_GATE_THREADS when set (1 keeps
 * everything in this thread), else one per available core. 1 when no entry can start a worker.
 */
function threadCount(env = process.env) {
    if (!entry)
        return 1;
    const configured = Number(env.MIGRATION_GATE_THREADS);
    return Number.isInteger(configured) && configured > 0 ? configured : (0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)();
}
const IN_FLIGHT = 2;
function spawn(shared) {
    return { worker: new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(entry, { workerData: { batchWorker: true, shared } }), shared, jobs: [], gone: false };
}
/** Workers started ahead of their run (see warmUp), booting while this thread still reads the files. */
let warm = [];
/**
 * Starts `count` workers now for a runBatches that will share `shared`: a worker takes ~0.2 s to load
 * the bundle and the parser, which otherwise delays its first batch. Unreferenced until a run adopts
 * them, so they never keep the process alive; coolDown() stops them when no run does.
 */
function warmUp(count, shared) {
    for (let i = warm.length; entry && i < count; i++) {
        const slot = spawn(shared);
        slot.worker.unref();
        // A warm worker that fails is simply not adopted; runBatches starts another.
        slot.worker.on('error', () => (slot.gone = true));
        slot.worker.on('exit', () => (slot.gone = true));
        warm.push(slot);
    }
}
/** Stops the warm workers no run adopted. */
function coolDown() {
    for (const slot of warm)
        void slot.worker.terminate();
    warm = [];
}
/** The warm workers that can serve a run sharing `shared` (up to `count`); the others stop. */
function adopt(count, shared) {
    const usable = warm.filter((s) => !s.gone && s.shared === shared).slice(0, count);
    for (const slot of warm)
        if (!usable.includes(slot))
            void slot.worker.terminate();
    warm = [];
    for (const slot of usable) {
        slot.worker.removeAllListeners('error');
        slot.worker.removeAllListeners('exit');
        slot.worker.ref();
    }
    return usable;
}
/**
 * Runs `work` over every batch: in `plan.workers` workers (each started with `shared` as its workerData,
 * running its own setup once) and, when `plan.mainThread`, here (after `local.setup()`). A worker that
 * fails to start or dies hands its batch back; with no worker left the main thread finishes the rest.
 * An error that `work` throws fails the run, wherever it ran.
 */
async function runBatches(inputs, shared, local, plan, 
/** What of a batch is posted to a worker (structured clone copies it). */
toWorker = (input) => input, 
/** What every worker of this run needs besides its batches: copied once per worker, with its first batch. */
prelude) {
    const outputs = new Array(inputs.length);
    const queue = inputs.map((input, batch) => ({ batch, input }));
    let pending = inputs.length;
    let failure = null;
    let wake = () => { };
    const slots = [];
    let alive = 0;
    const dispatch = () => {
        for (const slot of slots) {
            if (failure || queue.length === 0)
                return;
            while (!slot.gone && slot.jobs.length < IN_FLIGHT && queue.length > 0) {
                const job = queue.shift();
                slot.jobs.push(job);
                const first = prelude !== undefined && !slot.primed;
                slot.primed = true;
                slot.worker.postMessage({ batch: job.batch, input: toWorker(job.input), ...(first && { prelude }) });
            }
        }
    };
    const started = adopt(plan.workers, shared);
    while (entry && started.length < plan.workers)
        started.push(spawn(shared));
    for (const slot of started) {
        slots.push(slot);
        alive++;
        slot.worker.on('message', (reply) => {
            if ('error' in reply)
                failure ??= new Error(reply.error);
            else
                outputs[reply.batch] = reply.output;
            slot.jobs = slot.jobs.filter((j) => j.batch !== reply.batch);
            pending--;
            dispatch();
            wake();
        });
        const lost = () => {
            if (slot.gone)
                return;
            slot.gone = true;
            alive--;
            // Not the batches' fault: they go back to the queue for another thread.
            queue.unshift(...slot.jobs);
            slot.jobs = [];
            dispatch();
            wake();
        };
        slot.worker.on('error', (e) => {
            // Still correct, only slower: said on stderr so that a broken install does not go unnoticed.
            (0,_warnings_js__WEBPACK_IMPORTED_MODULE_2__/* .warn */ .R)(`a worker thread failed (${e.message}); its files are linted in another thread`);
            lost();
        });
        slot.worker.on('exit', lost);
    }
    dispatch();
    let localReady = null;
    try {
        while (pending > 0 && !failure) {
            const job = plan.mainThread || alive === 0 ? queue.shift() : undefined;
            if (job) {
                await (localReady ??= local.setup());
                outputs[job.batch] = local.work(job.input);
                pending--;
                // Let the workers' replies (and requests for more) in before the next batch.
                await new Promise((resolve) => setImmediate(resolve));
            }
            else {
                await new Promise((resolve) => (wake = resolve));
            }
        }
    }
    finally {
        for (const slot of slots) {
            slot.worker.removeAllListeners();
            slot.worker.on('error', () => { });
            slot.worker.unref();
            void slot.worker.terminate();
        }
    }
    if (failure)
        throw failure;
    return outputs;
}
/** Whether this thread is a batch worker started by runBatches, and what the main thread shared with it. */
function batchWorkerData() {
    const data = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.workerData;
    return node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort && data?.batchWorker ? { shared: data.shared } : null;
}
/**
 * The worker side: `setup` once, then `work` on each batch the main thread posts (with the run's prelude,
 * which comes with the first) until it stops the worker. Batches posted during setup wait in the port until the listener is on.
 */
async function serveBatches(setup, work) {
    const port = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort;
    await setup();
    let prelude;
    port.on('message', (job) => {
        if ('prelude' in job)
            prelude = job.prelude;
        let reply;
        try {
            reply = { batch: job.batch, output: work(job.input, prelude) };
        }
        catch (e) {
            reply = { batch: job.batch, error: e?.stack ?? String(e) };
        }
        port.postMessage(reply);
    });
}


/***/ }),

/***/ 8594:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  O: () => (/* binding */ optimiseAll),
  A: () => (/* binding */ optimiseJs)
});

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __nccwpck_require__(5919);
;// CONCATENATED MODULE: ./src/v8-tiers.ts
// A gate run is short: its JS runs each function a few thousand times at most and its WASM parses a few
// files, and V8's optimising compilers (TurboFan, for JS and for WASM) then spend more CPU in background
// threads than their code saves. Measured on the bench: the PR case 0.56 → 0.47 s of CPU without JS
// optimisation, the threaded whole-corpus lint 3.4 → 3.1 s; WASM on Liftoff alone, the PR case 1.0 → 0.5 s.
// Imported first by the CLI entry, on its main thread only (flags are the process's: workers get them);
// long runs turn the optimisers back on.


if (external_node_worker_threads_.isMainThread) {
    (0,external_node_v8_namespaceObject.setFlagsFromString)('--liftoff-only');
    (0,external_node_v8_namespaceObject.setFlagsFromString)('--no-turbofan');
}
/** JS optimisation back on: one thread linting hundreds of files runs its rules long enough to pay for it. */
function optimiseJs() {
    (0,external_node_v8_namespaceObject.setFlagsFromString)('--turbofan');
}
/** Both optimisers back on, for code compiled from now on: a dry-run's engines (PGlite's WASM, pg) run long enough. */
function optimiseAll() {
    (0,external_node_v8_namespaceObject.setFlagsFromString)('--no-liftoff-only');
    optimiseJs();
}


/***/ }),

/***/ 286:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ warn),
/* harmony export */   n: () => (/* binding */ warningsTo)
/* harmony export */ });
// Warnings: a problem that costs only speed or comfort, never a finding. The door that owns stderr (the CLI)
// says where they go; without one, a Node process warning.
let sink = (message) => process.emitWarning(`migration-gate: ${message}`);
function warn(message) {
    sink(message);
}
/** Sends warnings to `to` while `run` runs. */
async function warningsTo(to, run) {
    const before = sink;
    sink = to;
    try {
        return await run();
    }
    finally {
        sink = before;
    }
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 1943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1376:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 9786:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream/promises");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 1404:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; (typeof current == 'object' || typeof current == 'function') && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".cli.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(7318);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
