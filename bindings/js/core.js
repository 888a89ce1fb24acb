// SPDX-License-Identifier: MIT
// The xxgk API over an instantiated WebAssembly module (the factory createXxgkModule() of
// build-web/xxgk.js): bind(module) returns the functions that index.js exports and that the
// clerk's page (web/app.js) calls. Only the public C API (include/xxgk.h) is used; every C
// object made here is freed here, or owned by a Report that the caller frees.

const CODE_NAMES = ['XXGK_OK', 'XXGK_EINVAL', 'XXGK_ENOMEM', 'XXGK_EPARSE', 'XXGK_ESCHEMA',
  'XXGK_ERANGE', 'XXGK_ENOTFOUND', 'XXGK_EKIND', 'XXGK_EENCODING', 'XXGK_EIO', 'XXGK_ELIMIT',
  'XXGK_EOVERFLOW', 'XXGK_ETEMPLATE', 'XXGK_EFORMAT', 'XXGK_EAMBIGUOUS', 'XXGK_ESTRICT',
  'XXGK_EEMPTY'];
const SEVERITIES = { 1: 'info', 2: 'warning', 3: 'error' };
const STATES = { 0: 'blank', 1: 'number', 2: 'token', 3: 'unread' };
const KINDS = { 1: 'count', 2: 'signed_count', 3: 'amount' };
// The library's number syntax (a plain decimal): what a cell value text must be to be a number.
const NUMBER_TEXT = /^-?[0-9]+(\.[0-9]+)?$/;

/** A failed library call: the status code and the place in the input. */
export class XxgkError extends Error {
  constructor(code, message, line = 0, column = 0, offset = -1, path = '', messageZh = '', page = 0) {
    super(message || codeName(code));
    this.name = 'XxgkError';
    this.messageZh = messageZh || this.message;
    this.code = code;
    this.codeName = codeName(code);
    this.line = line;
    this.column = column;
    this.page = page;
    this.offset = offset;
    this.path = path;
  }
}

/** The name of a status code ("XXGK_EPARSE"), or "?" for an unknown one. */
export function codeName(code) {
  return code <= 0 && -code < CODE_NAMES.length ? CODE_NAMES[-code] : '?';
}

/** Bind the API to an instantiated module. */
export function bind(M) {
  const str = (p) => (p ? M.UTF8ToString(p) : null);
  const u32 = (p) => M.HEAPU32[p >> 2];
  const registry = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((ptr) => M._xxgk_report_free(ptr)) : null;

  function lastError() {
    const off = M._xxgk_error_offset();
    return new XxgkError(M._xxgk_error_code(), str(M._xxgk_error_message()), M._xxgk_error_line(),
      M._xxgk_error_column(), Number(off), str(M._xxgk_error_path()), str(M._xxgk_error_message_zh()),
      M._xxgk_error_page());
  }
  function ok(rc) {
    if (rc < 0) throw lastError();
    return rc;
  }
  // Run fn with C memory that is freed afterwards: alloc(n) and cstr(s) give pointers.
  function scoped(fn) {
    const ptrs = [];
    const alloc = (n) => {
      const p = M._malloc(Math.max(n, 1));
      if (!p) throw new XxgkError(-2, 'out of memory');
      ptrs.push(p);
      return p;
    };
    const cstr = (s) => {
      if (s === null || s === undefined) return 0;
      const n = M.lengthBytesUTF8(s) + 1;
      const p = alloc(n);
      M.stringToUTF8(s, p, n);
      return p;
    };
    try {
      return fn(alloc, cstr);
    } finally {
      for (const p of ptrs) M._free(p);
    }
  }
  // Call fn(out) with a pointer slot and return the pointer the call stored there.
  function made(fn) {
    return scoped((alloc) => {
      const out = alloc(4);
      M.HEAPU32[out >> 2] = 0;
      ok(fn(out));
      return u32(out);
    });
  }
  function bytesOf(input) {
    if (typeof input === 'string') return new TextEncoder().encode(input);
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError('input must be a string, a Uint8Array or an ArrayBuffer');
  }
  function formatCode(name) {
    return scoped((alloc, cstr) => {
      const out = alloc(4);
      ok(M._xxgk_format_from_name(out, cstr(name)));
      return M.HEAP32[out >> 2];
    });
  }
  /** The format a file name stands for, as xxgk_report_read_file() reads it (.json, .txt, .md,
   * .html/.htm), or undefined: the content decides (.csv: long or wide). */
  function formatOfName(name) {
    if (!name) return undefined;
    const code = scoped((alloc, cstr) => {
      const out = alloc(4);
      ok(M._xxgk_format_from_path(out, cstr(name)));
      return M.HEAP32[out >> 2];
    });
    return code === 0 ? undefined : str(M._xxgk_format_name(code));
  }
  function templatePtr(id) {
    if (id === undefined || id === null) return M._xxgk_template_default();
    const t = scoped((alloc, cstr) => M._xxgk_template_get(cstr(String(id))));
    if (!t) throw new XxgkError(-6, `unknown template "${id}"`);
    return t;
  }

  // ---- findings ----
  // The i-th finding's message in lang (1 Chinese, 2 English). xxgk_finding_message formats and
  // keeps it on the first call and gives NULL when that allocation fails: the message is then
  // formatted into a buffer of ours (xxgk_finding_format allocates nothing).
  function messageOf(f, i, lang) {
    const p = lang === 1 ? M._xxgk_finding_message(f, i) : M._xxgk_finding_message_en(f, i);
    if (p) return M.UTF8ToString(p);
    const n = ok(M._xxgk_finding_format(0, 0, f, i, lang));
    return scoped((alloc) => {
      const buf = alloc(n + 1);
      M._xxgk_finding_format(buf, n + 1, f, i, lang);
      return M.UTF8ToString(buf);
    });
  }
  function findingsOf(f) {
    const list = [];
    const n = M._xxgk_findings_count(f);
    for (let i = 0; i < n; i++) {
      const cells = [];
      const nc = M._xxgk_finding_cell_count(f, i);
      for (let j = 0; j < nc; j++) cells.push(str(M._xxgk_finding_cell(f, i, j)));
      list.push({
        rule: str(M._xxgk_finding_rule(f, i)),
        severity: SEVERITIES[M._xxgk_finding_severity(f, i)],
        cells,
        subject: str(M._xxgk_finding_subject(f, i)) ?? '',
        expected: str(M._xxgk_finding_expected(f, i)),
        actual: str(M._xxgk_finding_actual(f, i)),
        message: messageOf(f, i, 1),
        messageEn: messageOf(f, i, 2),
        line: M._xxgk_finding_line(f, i),
        column: M._xxgk_finding_column(f, i),
        page: M._xxgk_finding_page(f, i),
      });
    }
    return list;
  }
  function checkOptions(o, fn) {
    const co = made((out) => M._xxgk_check_options_new(out));
    try {
      if (o.blankAsZero !== undefined) ok(M._xxgk_check_options_set_blank_as_zero(co, o.blankAsZero ? 1 : 0));
      if (o.diagnostics !== undefined) ok(M._xxgk_check_options_set_diagnostics(co, o.diagnostics ? 1 : 0));
      if (o.copyThreshold !== undefined) ok(M._xxgk_check_options_set_copy_threshold(co, o.copyThreshold));
      return fn(co);
    } finally {
      M._xxgk_check_options_free(co);
    }
  }
  // The C findings of check (then, with a previous report, of check_previous) given to fn.
  function withFindings(report, o, fn) {
    return checkOptions(o, (co) => {
      const lists = [];
      try {
        lists.push(made((out) => M._xxgk_check(out, report._ptr(), co)));
        if (o.previous) lists.push(made((out) => M._xxgk_check_previous(out, report._ptr(), o.previous._ptr(), co)));
        return fn(lists);
      } finally {
        for (const f of lists) M._xxgk_findings_free(f);
      }
    });
  }

  /** One report in wasm memory; free() it when done (a finalizer is only a fallback). */
  class Report {
    constructor(ptr) {
      this._p = ptr;
      this._token = {};
      if (registry) registry.register(this, ptr, this._token);
    }
    _ptr() {
      if (!this._p) throw new XxgkError(-1, 'the report has been freed');
      return this._p;
    }
    free() {
      if (!this._p) return;
      if (registry) registry.unregister(this._token);
      M._xxgk_report_free(this._p);
      this._p = 0;
    }
    get template() { return str(M._xxgk_template_id(M._xxgk_report_template(this._ptr()))); }
    get year() { return M._xxgk_report_year(this._ptr()) || null; }
    set year(y) { ok(M._xxgk_report_set_year(this._ptr(), y || 0)); }
    get agency() { return str(M._xxgk_report_agency(this._ptr())); }
    set agency(s) { scoped((a, cstr) => ok(M._xxgk_report_set_agency(this._ptr(), cstr(s)))); }
    get title() { return str(M._xxgk_report_title(this._ptr())); }
    set title(s) { scoped((a, cstr) => ok(M._xxgk_report_set_title(this._ptr(), cstr(s)))); }
    section(code) {
      const p = scoped((a, cstr) => M._xxgk_report_section(this._ptr(), cstr(code)));
      if (!p) throw new XxgkError(-6, `unknown section "${code}"`);
      return str(p);
    }
    setSection(code, text) {
      scoped((a, cstr) => ok(M._xxgk_report_set_section(this._ptr(), cstr(code), cstr(text))));
    }
    _id(path) {
      return scoped((alloc, cstr) => {
        const out = alloc(4);
        ok(M._xxgk_report_cell_id(out, this._ptr(), cstr(path)));
        return u32(out);
      });
    }
    /** A cell: {state: 'blank'|'number'|'token'|'unread', text, line, column} (text "" when blank
     * or not read). */
    cell(path) {
      const id = this._id(path), r = this._ptr();
      const text = scoped((alloc) => {
        const need = ok(M._xxgk_report_cell_format(0, 0, r, id));
        const buf = alloc(need + 1);
        M._xxgk_report_cell_format(buf, need + 1, r, id);
        return str(buf);
      });
      return { state: STATES[M._xxgk_report_cell_state(r, id)], text,
        line: M._xxgk_report_cell_line(r, id), column: M._xxgk_report_cell_column(r, id) };
    }
    /** A cell's value as in the JSON document: a number for a count, the decimal text for
     * an amount, the text of a token, null for a blank, undefined for a cell not read (absent
     * from the source, or not placed by the reader). */
    get(path) {
      const c = this.cell(path);
      if (c.state === 'unread') return undefined;
      if (c.state === 'blank') return null;
      if (c.state === 'token') return c.text;
      return M._xxgk_template_cell_kind(M._xxgk_report_template(this._p), this._id(path)) === 3
        ? c.text : Number(c.text);
    }
    /** Set a cell: null or "" blanks it; undefined marks it not read; a number, or a string that
     * is exactly a number in the library's syntax ("12", "-4", "7730.28"), sets that number; any
     * other string is a token. Nothing is coerced: 1.5 in a count fails (XXGK_EKIND). */
    set(path, value) {
      const id = this._id(path), r = this._ptr();
      if (value === undefined) {
        ok(M._xxgk_report_cell_set_unread(r, id));
      } else if (value === null || value === '') {
        ok(M._xxgk_report_cell_set_blank(r, id));
      } else if (typeof value === 'number' || typeof value === 'bigint') {
        if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`not a number: ${value}`);
        scoped((a, cstr) => ok(M._xxgk_report_cell_set_number_text(r, id, cstr(String(value)))));
      } else if (typeof value === 'string') {
        scoped((a, cstr) => ok(NUMBER_TEXT.test(value)
          ? M._xxgk_report_cell_set_number_text(r, id, cstr(value))
          : M._xxgk_report_cell_set_token(r, id, cstr(value))));
      } else {
        throw new TypeError('a cell value is null, a number or a string');
      }
    }
    /** What the reader could not place or had to interpret (findings READ.*). */
    get diagnostics() { return findingsOf(M._xxgk_report_diagnostics(this._ptr())); }
    clone() { return new Report(made((out) => M._xxgk_report_clone(out, this._ptr()))); }
    toJSON() { return JSON.parse(write(this, { format: 'json' })); }
  }
  // Resource management where the language has it (`using r = load(...)`).
  if (typeof Symbol.dispose === 'symbol') Report.prototype[Symbol.dispose] = Report.prototype.free;

  function parseOptions(o, fn) {
    const po = made((out) => M._xxgk_parse_options_new(out));
    try {
      scoped((alloc, cstr) => {
        const format = o.format || formatOfName(o.name);
        if (format) ok(M._xxgk_parse_options_set_format(po, formatCode(format)));
        if (o.strict) ok(M._xxgk_parse_options_set_strict(po, 1));
        if (o.template) ok(M._xxgk_parse_options_set_template(po, templatePtr(o.template)));
        if (o.maxSize) ok(M._xxgk_parse_options_set_max_size(po, o.maxSize));
        if (o.name) ok(M._xxgk_parse_options_set_source_name(po, cstr(o.name)));
      });
      return fn(po);
    } finally {
      M._xxgk_parse_options_free(po);
    }
  }
  function withInput(input, fn) {
    const bytes = bytesOf(input);
    return scoped((alloc) => {
      const buf = alloc(bytes.length);
      M.HEAPU8.set(bytes, buf);
      return fn(buf, bytes.length);
    });
  }

  /** Read one report (JSON, CSV long or wide, text, Markdown...; UTF-8, UTF-16 with a BOM or
   * GB18030). Options: format (default: from the extension of `name` as the C library reads a
   * file, else sniffed), strict, template ("2021"), maxSize, name (the file name, for
   * messages). */
  function load(input, options = {}) {
    return parseOptions(options, (po) => withInput(input, (buf, n) =>
      new Report(made((out) => M._xxgk_report_parse(out, buf, n, po)))));
  }

  /** Every report of an input (a long CSV with a `report` column holds many), in input order:
   * [{id, report}], or {id, error} for a report that cannot be read — one bad report does not
   * hide the others (as xxgk_reader_next). Throws only when the input cannot be opened. */
  function loadAll(input, options = {}) {
    return parseOptions(options, (po) => withInput(input, (buf, n) => {
      const rd = made((out) => M._xxgk_reader_open(out, buf, n, po));
      const all = [];
      try {
        for (;;) {
          const [rc, rp] = scoped((alloc) => {
            const out = alloc(4);
            const c = M._xxgk_reader_next(out, rd);
            return [c, c === 0 ? u32(out) : 0];
          });
          if (rc === 1) break;
          const id = str(M._xxgk_reader_report_id(rd));
          all.push(rc < 0 ? { id, error: lastError() } : { id, report: new Report(rp) });
        }
      } catch (e) {
        for (const { report } of all) report?.free();
        throw e;
      } finally {
        M._xxgk_reader_free(rd);
      }
      return all;
    }));
  }

  /** A new empty report of a template (default: the newest): every cell blank. */
  function newReport(template) {
    const t = templatePtr(template);
    return new Report(made((out) => M._xxgk_report_new(out, t)));
  }

  /** The findings of a report's checks (with `previous`, last year's report, the year-over-year
   * checks too), each {rule, severity, cells, expected, actual, message, messageEn, line,
   * column}. Options: previous, blankAsZero, diagnostics (default true), copyThreshold. */
  function check(report, options = {}) {
    return withFindings(report, options, (lists) => lists.flatMap(findingsOf));
  }

  /** Write a report: format "json" (default), "csv", "csv-wide", "text", "markdown", "html";
   * lang "zh"/"en"; reportId and header for long CSV; bom (wide CSV, default true: a UTF-8
   * byte order mark first, for spreadsheets); highlight (HTML): mark the cells that
   * the report's own checks blame (with the check options of `check`). */
  function write(report, options = {}) {
    const wo = made((out) => M._xxgk_write_options_new(out));
    try {
      scoped((alloc, cstr) => {
        ok(M._xxgk_write_options_set_format(wo, formatCode(options.format || 'json')));
        if (options.lang) ok(M._xxgk_write_options_set_lang(wo, cstr(options.lang)));
        if (options.reportId) ok(M._xxgk_write_options_set_report_id(wo, cstr(options.reportId)));
        if (options.header === false) ok(M._xxgk_write_options_set_header(wo, 0));
        if (options.bom !== undefined) ok(M._xxgk_write_options_set_bom(wo, options.bom ? 1 : 0));
      });
      const run = () => scoped((alloc) => {
        const out = alloc(4), len = alloc(4);
        ok(M._xxgk_report_write(out, len, report._ptr(), wo));
        // ignoreBOM: the text as the library wrote it, the wide CSV's byte order mark kept
        const p = u32(out), s = new TextDecoder('utf-8', { ignoreBOM: true }).decode(M.HEAPU8.subarray(p, p + u32(len)));
        M._xxgk_free(p);
        return s;
      });
      if (!options.highlight) return run();
      const o = typeof options.highlight === 'object' ? { ...options.highlight, previous: null } : {};
      return withFindings(report, o, ([f]) => {
        ok(M._xxgk_write_options_set_findings(wo, f));
        return run();
      });
    } finally {
      M._xxgk_write_options_free(wo);
    }
  }

  /** The sum of reports of one template (a region's total), a new Report. */
  function sum(reports) {
    if (!reports.length) throw new XxgkError(-1, 'nothing to add up');
    return scoped((alloc) => {
      const arr = alloc(4 * reports.length);
      reports.forEach((r, i) => { M.HEAPU32[(arr >> 2) + i] = r._ptr(); });
      return new Report(made((out) => M._xxgk_report_sum(out, arr, reports.length)));
    });
  }

  /** The differences between two reports, as findings (DIFF.CELL, DIFF.META, DIFF.SECTION;
   * expected is A's value, actual B's). */
  function diff(a, b) {
    const f = made((out) => M._xxgk_report_diff(out, a._ptr(), b._ptr()));
    try {
      return findingsOf(f);
    } finally {
      M._xxgk_findings_free(f);
    }
  }

  /** The templates compiled in: [{id, name, firstYear}], oldest first. */
  function templates() {
    const all = [];
    for (let i = 0; i < M._xxgk_template_count(); i++) {
      const t = M._xxgk_template_at(i);
      all.push({ id: str(M._xxgk_template_id(t)), name: str(M._xxgk_template_name(t)),
        firstYear: M._xxgk_template_first_year(t) });
    }
    return all;
  }

  /** A template as data: its cells, tables, sections and rules. */
  function template(id) {
    const t = templatePtr(id);
    const cells = [], tables = [], sections = [], rules = [];
    for (let i = 0; i < M._xxgk_template_cell_count_all(t); i++) {
      cells.push({ path: str(M._xxgk_template_cell_path(t, i)), label: str(M._xxgk_template_cell_label(t, i)),
        labelEn: str(M._xxgk_template_cell_label_en(t, i)), unit: str(M._xxgk_template_cell_unit(t, i)),
        kind: KINDS[M._xxgk_template_cell_kind(t, i)],
        optional: (M._xxgk_template_cell_flags(t, i) & 1) !== 0 });
    }
    for (let i = 0; i < M._xxgk_template_table_count(t); i++) {
      tables.push({ code: str(M._xxgk_template_table_code(t, i)), number: str(M._xxgk_template_table_number(t, i)),
        heading: str(M._xxgk_template_table_heading(t, i)), headingEn: str(M._xxgk_template_table_heading_en(t, i)),
        firstCell: M._xxgk_template_table_first_cell(t, i), cellCount: M._xxgk_template_table_cell_count(t, i) });
    }
    for (let i = 0; i < M._xxgk_template_section_count(t); i++) {
      sections.push({ code: str(M._xxgk_template_section_code(t, i)), heading: str(M._xxgk_template_section_heading(t, i)),
        headingEn: str(M._xxgk_template_section_heading_en(t, i)) });
    }
    for (let i = 0; i < M._xxgk_template_rule_count(t); i++) {
      const rc = [];
      for (let j = 0; j < M._xxgk_template_rule_cell_count(t, i); j++) {
        rc.push({ path: str(M._xxgk_template_rule_cell(t, i, j)), coefficient: M._xxgk_template_rule_coefficient(t, i, j),
          previous: M._xxgk_template_rule_cell_previous(t, i, j) === 1 });
      }
      rules.push({ id: str(M._xxgk_template_rule_id(t, i)), severity: SEVERITIES[M._xxgk_template_rule_severity(t, i)],
        description: str(M._xxgk_template_rule_description(t, i)),
        descriptionEn: str(M._xxgk_template_rule_description_en(t, i)), scope: str(M._xxgk_template_rule_scope(t, i)),
        relation: str(M._xxgk_relation_name(M._xxgk_template_rule_relation(t, i))), cells: rc });
    }
    return { id: str(M._xxgk_template_id(t)), name: str(M._xxgk_template_name(t)),
      firstYear: M._xxgk_template_first_year(t), cellCount: M._xxgk_template_cell_count(t),
      cells, tables, sections, rules };
  }

  return { version: str(M._xxgk_version()), load, loadAll, newReport, check, write, sum, diff, templates,
    template, formatOfName, Report };
}
