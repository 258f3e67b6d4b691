export const id = 414;
export const ids = [414];
export const modules = {

/***/ 414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readGolangMigrateUrl: () => (/* binding */ readGolangMigrateUrl)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _sql_quoted_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5498);
// golang-migrate's settings in the database URL, read as its postgres driver reads them (golang-migrate/migrate
// database/postgres/postgres.go, Open and WithConnection): x-migrations-table names its history table, one name in the
// connection's current schema (a `.` in it is part of the name) unless x-migrations-table-quoted is true, when it is
// `"schema"."table"`; x-multi-statement=true makes it cut each file at every `;` (src/discover/multi-statement.ts), reading
// each piece into a buffer of x-multi-statement-max-size bytes. The driver strips every `x-` parameter before it connects
// (FilterCustomQuery), and so does the gate.


/** What the URL's `x-` parameters give the gate, or null without a URL. */
function readGolangMigrateUrl(databaseUrl) {
    // A URL that does not parse is said so where the gate connects.
    const params = databaseUrl && URL.canParse(databaseUrl) ? new URL(databaseUrl).searchParams : null;
    if (!params)
        return null;
    const flag = (name) => {
        const value = params.get(name);
        return value ? parseBool(name, value) : false;
    };
    const table = params.get('x-migrations-table');
    // Open reads the size whether or not x-multi-statement is on, and refuses one that is no number either way.
    const maxSize = size(params.get('x-multi-statement-max-size'));
    const quotedTable = flag('x-migrations-table-quoted');
    return {
        placeholders: {},
        unset: {},
        ...(table ? { historyTable: quotedTable ? quotedName(table) : (0,_sql_quoted_js__WEBPACK_IMPORTED_MODULE_0__/* .quoted */ .T)(table) } : {}),
        // The driver's Run: with it, multistmt.Parse cuts the file at every `;` and runStatement sends each piece on its own.
        ...(flag('x-multi-statement') ? { multiStatement: true, ...(maxSize ? { multiStatementMaxSize: maxSize } : {}) } : {}),
    };
}
/** Go's strconv.ParseBool, which the driver reads its flags with (an empty value leaves a flag off). */
function parseBool(name, value) {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value))
        return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value))
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`The database URL's ${name} must be true or false, as golang-migrate requires; got ${JSON.stringify(value)}`);
}
/** x-multi-statement-max-size as the driver reads it (strconv.Atoi); undefined where it takes its default (unset, 0 or less). */
function size(value) {
    if (!value)
        return undefined;
    // Atoi takes a sign and decimal digits, within a 64-bit int.
    if (!/^[+-]?\d+$/.test(value) || BigInt(value) >= 2n ** 63n || BigInt(value) < -(2n ** 63n)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`The database URL's x-multi-statement-max-size must be a whole number of bytes, as golang-migrate requires; got ${JSON.stringify(value)}`);
    }
    const bytes = Number(value);
    return bytes > 0 ? bytes : undefined;
}
/** `"schema"."table"` or `"table"` as the driver reads a quoted x-migrations-table: the last quoted part, after the first. */
function quotedName(value) {
    const parts = [...value.matchAll(/"(.*?)"/g)].map((m) => m[1]);
    if (!value.startsWith('"') || !value.endsWith('"') || parts.length > 2) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`The database URL's x-migrations-table must be "table" or "schema"."table" when x-migrations-table-quoted is on, as golang-migrate requires; got ${JSON.stringify(value)}`);
    }
    return parts.map(_sql_quoted_js__WEBPACK_IMPORTED_MODULE_0__/* .quoted */ .T).join('.');
}


/***/ })

};
