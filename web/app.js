// SPDX-License-Identifier: MIT
// The clerk's page: open (or drop) a report, see it as the official tables — the library's
// HTML writer output, its blamed cells marked — with the findings beside them; fill in or
// correct cells in place (checked again at once); download JSON, wide CSV and the print-ready
// page. web/bundle.mjs inlines this after bindings/js/core.js (bind) and web/strings.js
// (STRINGS), in one module script that follows the module factory createXxgkModule.

/* global createXxgkModule, bind, STRINGS */
const started = performance.now();
const api = bind(await createXxgkModule());
const $ = (id) => document.getElementById(id);
const state = { lang: 'zh', report: null, previous: null, base: '', findings: [], cells: new Map(), sections: [] };
const t = (key, ...args) => {
  const s = STRINGS[state.lang][key];
  return typeof s === 'function' ? s(...args) : s;
};
document.body.dataset.readyMs = (performance.now() - started).toFixed(1);

// Cells the page adds inside the writer's tables: inputs that keep the tables' look.
const TABLE_CSS = `
:host{display:block}
h1{font-size:1.3em;margin:.4em 0 .6em}
td{padding:0}
td input{display:block;width:100%;min-width:3.2em;border:0;margin:0;padding:.3em .2em;background:transparent;
  font:inherit;text-align:center;color:inherit}
td input:focus{outline:3px solid #05c;outline-offset:-3px;background:#fff}
td.error input[aria-invalid=true],td.warning input{font-weight:bold}
td.unread{background:repeating-linear-gradient(135deg,#fff 0 4px,#eceef2 4px 8px)}
`;
const host = $('report');
const shadow = host.attachShadow({ mode: 'open' });

// The status line, kept as words and arguments so that it follows the language switch.
function setStatus(key, args = [], isError = false) {
  state.status = { key, args, isError };
  $('status').textContent = typeof key === 'function' ? key() : t(key, ...args);
  $('status').classList.toggle('error', isError);
}

// A library error in the page's language, with its place.
function errorText(e) {
  if (!(e instanceof Error)) return String(e);
  const msg = state.lang === 'zh' && e.messageZh ? e.messageZh : e.message;
  return e.line ? `${t('place', e.line, e.column)}${state.lang === 'zh' ? '：' : ': '}${msg}` : msg;
}

// ---- language ----
function applyLang() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
  $('lang-zh').setAttribute('aria-pressed', String(state.lang === 'zh'));
  $('lang-en').setAttribute('aria-pressed', String(state.lang === 'en'));
  const sel = $('new-template');
  const chosen = sel.value;
  sel.replaceChildren(...api.templates().reverse().map((tp) => new Option(t('templateOption', tp), tp.id)));
  if (chosen) sel.value = chosen;
  if (state.previous) $('previous-name').textContent = t('previousLoaded', state.previous.name);
  if (state.report) show();
  else $('summary').textContent = t('noReport');
  if (state.status) setStatus(state.status.key, state.status.args, state.status.isError);
}

// ---- checking and showing ----
function check() {
  const opts = state.previous ? { previous: state.previous.report } : {};
  state.findings = api.check(state.report, opts);
}

// The one cell a finding blames (xxgk_finding_subject: the total that does not add up, this
// year's cell of a year-over-year finding), or none.
function namedCell(f) {
  return f.subject || null;
}

function labelOf(path) {
  const cell = state.cells.get(path);
  if (!cell) return path;
  return state.lang === 'zh' ? cell.label : cell.labelEn;
}

function renderTables() {
  const focused = shadow.activeElement?.dataset.path;
  const html = api.write(state.report, { format: 'html', lang: state.lang, highlight: true });
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelector('.findings')?.remove(); // the page lists the findings beside the tables
  const style = document.createElement('style');
  style.textContent = doc.querySelector('style').textContent + TABLE_CSS;
  shadow.replaceChildren(style, ...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  markPrevious();
  for (const td of shadow.querySelectorAll('td[data-path]')) {
    const input = document.createElement('input');
    input.value = td.textContent;
    input.dataset.path = td.dataset.path;
    input.setAttribute('aria-label', labelOf(td.dataset.path));
    if (td.title) input.title = td.title;
    if (td.classList.contains('error')) input.setAttribute('aria-invalid', 'true');
    if (state.report.cell(td.dataset.path).state === 'unread') {
      td.classList.add('unread'); // not in the source: never blamed, shown apart from a blank
      input.title = input.title ? `${t('unread')}\n${input.title}` : t('unread');
    }
    td.replaceChildren(input);
  }
  if (focused) shadow.querySelector(`input[data-path="${focused}"]`)?.focus();
}

const msgOf = (f) => (state.lang === 'zh' ? f.message : f.messageEn);

// The writer marks what the report's own checks blame; the year-over-year findings (which need
// last year's report) are marked here the same way: the one cell each blames.
function markPrevious() {
  if (!state.previous) return;
  for (const f of state.findings) {
    if (!f.rule.startsWith('YOY.') || f.severity === 'info') continue;
    const path = namedCell(f);
    const td = path && shadow.querySelector(`td[data-path="${path}"]`);
    if (!td) continue;
    if (f.severity === 'error') td.classList.remove('warning');
    if (!td.classList.contains('error')) td.classList.add(f.severity);
    td.title = td.title ? `${td.title}\n${msgOf(f)}` : msgOf(f);
  }
}

function renderFindings() {
  const count = (s) => state.findings.filter((f) => f.severity === s).length;
  const e = count('error'), w = count('warning'), i = count('info');
  $('summary').textContent = state.findings.length ? t('summary', e, w, i) : t('clean');
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = state.findings.map((f, k) => [f, k]).sort((a, b) => order[a[0].severity] - order[b[0].severity] || a[1] - b[1]);
  $('finding-list').replaceChildren(...sorted.map(([f]) => {
    const li = document.createElement('li');
    li.className = f.severity;
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = t('severity')[f.severity];
    const rule = document.createElement('code');
    rule.textContent = f.rule;
    const msg = document.createElement('div');
    msg.className = 'msg';
    msg.textContent = msgOf(f);
    li.append(sev, rule, msg);
    if (f.line) {
      const place = document.createElement('span');
      place.className = 'place';
      place.textContent = t('place', f.line, f.column);
      li.append(place);
    }
    const cell = namedCell(f);
    if (cell && shadow.querySelector(`input[data-path="${cell}"]`)) {
      const go = document.createElement('button');
      go.type = 'button';
      go.textContent = t('goTo');
      go.dataset.path = cell;
      go.setAttribute('aria-label', `${t('goTo')}: ${labelOf(cell)}`);
      go.addEventListener('click', () => focusCell(cell));
      li.append(go);
    }
    return li;
  }));
  return { e, w };
}

function focusCell(path) {
  const input = shadow.querySelector(`input[data-path="${path}"]`);
  if (!input) return;
  input.scrollIntoView({ block: 'center' });
  input.focus();
}

// The narrative sections as text areas, labelled with the template's headings.
function sectionLabel(sec) {
  return (state.lang === 'zh' ? sec.heading : sec.headingEn) || t('preamble');
}

// Built for each report and language; an edit changes the report from the area's own value,
// so the areas are never rebuilt under the clerk's cursor.
function renderSections() {
  if (state.sectionsShown === state.report && state.sectionsLang === state.lang) return;
  state.sectionsShown = state.report;
  state.sectionsLang = state.lang;
  const fields = state.sections.map((sec) => {
    const label = document.createElement('label');
    label.htmlFor = `section-${sec.code}`;
    label.textContent = sectionLabel(sec);
    const area = document.createElement('textarea');
    area.id = `section-${sec.code}`;
    area.value = state.report.section(sec.code);
    area.addEventListener('change', () => edit(() => state.report.setSection(sec.code, area.value), () => sectionLabel(sec)));
    return [label, area];
  });
  $('section-fields').replaceChildren(...fields.flat());
}

function show() {
  $('empty').hidden = true;
  $('meta').hidden = false;
  $('sections').hidden = false;
  renderSections();
  $('meta-year').value = state.report.year ?? '';
  $('meta-agency').value = state.report.agency;
  $('meta-title').value = state.report.title;
  for (const id of ['download-json', 'download-csv', 'download-html']) $(id).disabled = false;
  renderTables();
  return renderFindings();
}

function setReport(report, base) {
  state.report?.free();
  state.report = report;
  state.base = base;
  const tpl = api.template(report.template);
  state.cells = new Map(tpl.cells.map((c) => [c.path, c]));
  state.sections = tpl.sections;
}

// ---- opening files ----
// A file read as a report (its name gives the format, as the command reads files), or null
// when it cannot be: the status line then says why and where.
async function readReport(file) {
  try {
    return api.load(new Uint8Array(await file.arrayBuffer()), { name: file.name });
  } catch (e) {
    setStatus(() => t('cannotRead', file.name, errorText(e)), [], true);
    return null;
  }
}

async function openReport(file) {
  const t0 = performance.now();
  const report = await readReport(file);
  if (!report) return;
  setReport(report, file.name.replace(/\.[^.]*$/, ''));
  check();
  const { e, w } = show();
  const ms = (performance.now() - t0).toFixed(1);
  if (!document.body.dataset.firstCheckMs) document.body.dataset.firstCheckMs = ms;
  setStatus('loaded', [file.name, e, w, ms]);
}

async function openPrevious(file) {
  const report = await readReport(file);
  if (!report) return;
  state.previous?.report.free();
  state.previous = { report, name: file.name };
  $('previous-name').textContent = t('previousLoaded', file.name);
  $('previous-clear').hidden = false;
  if (state.report) {
    check();
    show();
    setStatus(() => `${t('previousLoaded', file.name)} — ${$('summary').textContent}`);
  }
}

function clearPrevious() {
  state.previous?.report.free();
  state.previous = null;
  $('previous-name').textContent = '';
  $('previous-clear').hidden = true;
  $('file-previous').value = '';
  if (state.report) {
    check();
    show();
  }
  $('file-previous').focus();
}

function newReport() {
  const id = $('new-template').value;
  setReport(api.newReport(id), `xxgk-${id}`);
  check();
  show();
  setStatus('created', [id]);
  $('meta-year').focus();
}

// ---- editing ----
// Apply an edit at once; check and show again in the next task, once the focus has moved on
// (Tab, Enter), so that the tables are rebuilt with the focus where the clerk has put it.
function edit(fn, label) {
  let rejected = null;
  try {
    fn();
  } catch (e) {
    rejected = e;
  }
  setTimeout(() => {
    check();
    const { e, w } = show();
    if (rejected) setStatus(() => t('cellRejected', label(), errorText(rejected)), [], true);
    else setStatus('rechecked', [label(), e, w]);
  });
}

// Up and down arrows move between rows as in a spreadsheet: to the nearest cell of the row
// above or below, by position on screen (the tables' spans make columns irregular).
shadow.addEventListener('keydown', (ev) => {
  if ((ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') || !ev.target.dataset?.path) return;
  const from = ev.target.getBoundingClientRect();
  const x = from.left + from.width / 2, down = ev.key === 'ArrowDown';
  let best = null, bestScore = Infinity;
  for (const input of shadow.querySelectorAll('td input')) {
    const r = input.getBoundingClientRect();
    const dy = down ? r.top - from.bottom : from.top - r.bottom;
    if (dy < -1) continue; // not below (above)
    const score = dy * 1000 + Math.abs(r.left + r.width / 2 - x);
    if (input !== ev.target && score < bestScore) {
      best = input;
      bestScore = score;
    }
  }
  if (!best) return;
  ev.preventDefault();
  best.focus();
  best.select();
});

shadow.addEventListener('change', (ev) => {
  const input = ev.target;
  if (!input.dataset?.path) return;
  edit(() => state.report.set(input.dataset.path, input.value.trim()), () => labelOf(input.dataset.path));
});
$('meta-year').addEventListener('change', (ev) => edit(() => { state.report.year = Number(ev.target.value) || 0; }, () => t('year')));
$('meta-agency').addEventListener('change', (ev) => edit(() => { state.report.agency = ev.target.value; }, () => t('agency')));
$('meta-title').addEventListener('change', (ev) => edit(() => { state.report.title = ev.target.value; }, () => t('reportTitle')));
$('meta').addEventListener('submit', (ev) => ev.preventDefault());

// ---- downloads ----
function download(kind) {
  const name = `${state.base}.${kind === 'json' ? 'json' : kind === 'csv' ? 'csv' : 'html'}`;
  let body, type;
  if (kind === 'json') {
    body = api.write(state.report, { format: 'json' });
    type = 'application/json';
  } else if (kind === 'csv') {
    body = api.write(state.report, { format: 'csv-wide' }); // with a byte order mark: Excel reads UTF-8
    type = 'text/csv;charset=utf-8';
  } else {
    body = api.write(state.report, { format: 'html', lang: state.lang });
    type = 'text/html;charset=utf-8';
  }
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  setStatus('saved', [name]);
}

// ---- wiring ----
$('file-report').addEventListener('change', (ev) => ev.target.files[0] && openReport(ev.target.files[0]));
$('file-previous').addEventListener('change', (ev) => ev.target.files[0] && openPrevious(ev.target.files[0]));
$('previous-clear').addEventListener('click', clearPrevious);
$('new-report').addEventListener('click', newReport);
$('download-json').addEventListener('click', () => download('json'));
$('download-csv').addEventListener('click', () => download('csv'));
$('download-html').addEventListener('click', () => download('html'));
$('lang-zh').addEventListener('click', () => { state.lang = 'zh'; applyLang(); });
$('lang-en').addEventListener('click', () => { state.lang = 'en'; applyLang(); });

// Drop anywhere: on the last-year box it is last year's report, elsewhere the report.
let depth = 0;
document.addEventListener('dragenter', (ev) => { ev.preventDefault(); depth++; document.body.classList.add('dragging'); });
document.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; document.body.classList.remove('dragging'); } });
document.addEventListener('dragover', (ev) => {
  ev.preventDefault();
  $('drop-previous').classList.toggle('over', !!ev.target.closest?.('#drop-previous'));
});
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  depth = 0;
  document.body.classList.remove('dragging');
  $('drop-previous').classList.remove('over');
  const file = ev.dataTransfer?.files?.[0];
  if (!file) return;
  if (ev.target.closest?.('#drop-previous')) openPrevious(file);
  else openReport(file);
});

applyLang();
document.body.dataset.ready = 'true';
