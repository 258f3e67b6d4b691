export const id = 917;
export const ids = [917];
export const modules = {

/***/ 8917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readStatus: () => (/* binding */ readStatus),
/* harmony export */   renderStatus: () => (/* binding */ renderStatus)
/* harmony export */ });
/* harmony import */ var _history_read_table_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8635);
/* harmony import */ var _history_tables_table_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6012);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7117);
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7738);
/* harmony import */ var _report_build_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5066);
// `migration-gate status`: what the target's history table says is applied (when, how long) and
// what is pending, with the set rules' findings (drift, missing, out-of-order, dirty rows).





/** The deploy-mode report without a dry-run: statuses from the history table, findings from the rules. */
async function readStatus(options, migrations) {
    const parserReady = (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_2__/* .loadParser */ .qd)();
    const { history, findings: drafts, located } = await (0,_history_read_table_js__WEBPACK_IMPORTED_MODULE_0__.readHistoryTable)(options, migrations);
    await parserReady;
    const findings = (0,_rules_index_js__WEBPACK_IMPORTED_MODULE_3__/* .runRules */ .xG)({ migrations, history, options }, drafts);
    const report = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_4__/* .buildReport */ .FK)({ options, migrations, history, findings, dryRun: null });
    return { report, noTable: located.exists ? null : absent(located, options) };
}
function absent(located, options) {
    return options.history.format === 'auto' && !options.history.table
        ? 'no history table of a known runner exists here, so nothing is applied yet (set history and history-table if yours is elsewhere)'
        : `${(0,_history_tables_table_js__WEBPACK_IMPORTED_MODULE_1__/* .tableName */ .Cm)(located.table)}, ${located.format.format}'s history table, does not exist yet, so nothing is applied`;
}
/**
 * The terminal view, like seed 001's `migrate:status`: applied with when and how long, then pending. A history the runner
 * refuses to go on from (a dirty-history error) says so first, and marks the migration it stopped on.
 */
function renderStatus({ report, noTable: none }) {
    const applied = report.migrations.filter((m) => m.status === 'applied');
    const pending = report.migrations.filter((m) => m.status === 'pending');
    const blocking = report.findings.filter((f) => f.rule === 'dirty-history' && f.severity === 'error');
    const stopped = new Set(blocking.map((f) => f.file));
    const width = Math.max(0, ...report.migrations.map((m) => m.file.length));
    const out = [`History: ${none ? `none: ${none}` : (report.base ?? 'none')}`, ''];
    if (blocking.length > 0) {
        out.push('Blocked: the runner migrates nothing here, and neither does apply, until the history is repaired (dirty-history, under Problems).', '');
    }
    out.push(`Applied (${applied.length})`);
    if (applied.length === 0)
        out.push(none ? '  none: the database has no history table yet' : '  none');
    for (const m of applied)
        out.push(`  ✓ ${m.file.padEnd(width)}  ${when(m)}${duration(m)}`.trimEnd());
    out.push('', `Pending (${pending.length})`);
    if (pending.length === 0)
        out.push('  none: the database is up to date');
    for (const m of pending)
        out.push(stopped.has(m.file) ? `  ✗ ${m.file.padEnd(width)}  failed: repair it first (below)` : `  • ${m.file}`);
    if (report.findings.length > 0) {
        out.push('', `Problems (${report.findings.length})`);
        for (const f of report.findings) {
            out.push(`  ${f.severity === 'error' ? '✗' : '!'} ${f.rule}  ${f.file}: ${f.message}`);
            if (f.suggestion)
                out.push(`      ${f.suggestion}`);
        }
    }
    out.push('', `${applied.length} applied, ${pending.length} pending, ${report.migrations.length} total`);
    return out.join('\n') + '\n';
}
function when(m) {
    return m.appliedAt ? m.appliedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : 'applied (time not recorded)';
}
function duration(m) {
    return m.executionMs !== undefined ? `  ${m.executionMs} ms` : '';
}


/***/ })

};
