// SPDX-License-Identifier: MIT
// The WebAssembly module against the C tests' own data: the reader fixtures
// (tests/data/{json,csv}/{valid,invalid}, the corpus goldens of tests/data/text/corpus, the
// fuzz regressions), the HTML writer's golden pages and the command's golden check, sum and
// diff output — so the page and the npm package cannot drift from the native library.
// Run: scripts/web.sh --test (or node --test tests/web/fixtures.test.mjs after scripts/web.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import * as xxgk from '../../bindings/js/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const data = (...p) => path.join(root, 'tests/data', ...p);
const src = (...p) => path.join(root, ...p);
const read = (p) => fs.readFileSync(p);
const text = (p) => fs.readFileSync(p, 'utf8');
const cases = (dir) => fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort();
// A file as the C tests read it (xxgk_report_read_file: the format from the extension).
const loadFile = (p) => xxgk.load(read(p), { name: p });

// Each case directory of a fixture folder (at least `min` of them), in sorted order.
function forCases(rel, min, fn) {
  const dir = data(rel);
  const names = cases(dir);
  assert.ok(names.length >= min, `${rel}: ${names.length} cases`);
  for (const c of names) fn(c, (...p) => path.join(dir, c, ...p));
}

function readErrorTxt(file) {
  const e = {};
  for (const line of text(file).split('\n')) {
    if (!line) continue;
    const m = /^([a-z]+):(?: (.*))?$/.exec(line);
    assert.ok(m, `${file}: bad line ${line}`);
    e[m[1]] = m[2] ?? '';
  }
  return e;
}

function expectError(what, fn, e) {
  let err;
  try {
    const r = fn();
    r.free();
  } catch (x) {
    err = x;
  }
  assert.ok(err instanceof xxgk.XxgkError, `${what}: read without error`);
  assert.equal(err.codeName, e.code, `${what}: ${err.message}`);
  assert.equal(err.message, e.message, what);
  assert.deepEqual([err.line, err.column, err.offset], [Number(e.line), Number(e.column), Number(e.offset)], what);
  if ('path' in e) assert.equal(err.path, e.path, what);
}

test('JSON fixtures: valid ones write their expected.json, a fixed point', () => {
  forCases('json/valid', 16, (c, file) => {
    const want = text(file('expected.json'));
    const r = xxgk.load(read(file('input.json')), { format: 'json' });
    assert.equal(xxgk.write(r), want, c);
    r.free();
    const r2 = xxgk.load(want, { format: 'json' });
    assert.equal(xxgk.write(r2), want, `${c} (fixed point)`);
    r2.free();
  });
});

test('JSON fixtures: invalid ones fail with the code, place and message of error.txt', () => {
  forCases('json/invalid', 39, (c, file) =>
    expectError(c, () => xxgk.load(read(file('input.json')), { format: 'json' }), readErrorTxt(file('error.txt'))));
});

const csvFormat = (c) => (c.startsWith('wide_') ? 'csv-wide' : 'csv');

test('CSV fixtures: valid ones read (sniffed and forced) to their expected.json', () => {
  forCases('csv/valid', 5, (c, file) => {
    const want = text(file('expected.json'));
    for (const format of ['auto', csvFormat(c)]) {
      const r = xxgk.load(read(file('input.csv')), { format });
      assert.equal(xxgk.write(r), want, `${c} (${format})`);
      r.free();
    }
  });
});

test('CSV fixtures: invalid ones fail with the code, place and message of error.txt', () => {
  forCases('csv/invalid', 30, (c, file) =>
    expectError(c, () => xxgk.load(read(file('input.csv')), { format: csvFormat(c) }), readErrorTxt(file('error.txt'))));
});

test('corpus texts: the golden cells and the diagnostics of tests/data/text/corpus', () => {
  forCases('text/corpus', 9, (c, file) => {
    const got = loadFile(data('real', `${c}.txt`));
    const want = loadFile(file('expected.json'));
    assert.equal(got.template, want.template, c);
    assert.deepEqual([got.year, got.agency, got.title], [want.year, want.agency, want.title], c);
    for (const { path: p } of xxgk.template(want.template).cells) {
      const a = want.cell(p), b = got.cell(p);
      assert.deepEqual([b.state, b.text], [a.state, a.text], `${c}: ${p}`);
    }
    const diag = got.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.severity}\n`).join('');
    assert.equal(diag, text(file('diagnostics.txt')), `${c} diagnostics`);
    got.free();
    want.free();
  });
});

test('fuzz regressions: each input gives its .expected outcome', () => {
  let n = 0;
  for (const [reader, format] of [['json', 'json'], ['csv', 'csv'], ['csv-wide', 'csv-wide'], ['text', 'text']]) {
    const dir = data(reader, 'regress');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.startsWith('.') || !f.includes('.') || f.endsWith('.expected')) continue;
      const want = text(path.join(dir, f.replace(/\.[^.]*$/, '.expected')));
      let got;
      try {
        const r = xxgk.load(read(path.join(dir, f)), { format });
        xxgk.check(r);
        got = `0\n${xxgk.write(r)}`;
        r.free();
      } catch (e) {
        if (!(e instanceof xxgk.XxgkError)) throw e;
        got = `${e.code}\n${e.message}\n`;
      }
      assert.equal(got, want, `${reader}/regress/${f}`);
      n++;
    }
  }
  assert.ok(n >= 1);
});

test('HTML writer: the golden pages of tests/data/html', () => {
  const goldens = [
    ['kundulun-xinfang-2023', src('examples/data/kundulun-xinfang-2023.json')],
    ['hongze-district-2023', src('examples/data/hongze-district-2023.json')],
    ['unknown-bureau-2019', data('text/corpus/unknown-bureau-mirror-2019tpl_text-in-numeric-cell/expected.json')],
  ];
  for (const [name, file] of goldens) {
    const r = loadFile(file);
    assert.equal(xxgk.write(r, { format: 'html' }), text(data('html', `${name}.html`)), name);
    r.free();
  }
});

// A finding as the command's JSON output shows it: every key, null where there is no value;
// expected and actual as JSON numbers when they are decimal text.
const jsonNumber = (s) => (s === '' ? null : /^-?[0-9]+(\.[0-9]+)?$/.test(s) ? Number(s) : s);
const cliPlace = (x) => ({ line: x.line || null, column: x.column || null });
const cliFinding = (f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, expected: jsonNumber(f.expected),
  actual: jsonNumber(f.actual), message: f.message, message_en: f.messageEn, ...cliPlace(f) });

test('checks: the command\'s golden check.json, findings and errors', () => {
  const golden = JSON.parse(text(data('cli/check.json')));
  let checked = 0;
  for (const file of golden.files) {
    if (!fs.existsSync(src(file.file))) continue; // the golden's missing file: an I/O error, no bytes to read
    assert.deepEqual(asCommand(file.file, read(src(file.file))), [file]);
    checked++;
  }
  assert.equal(checked, 3);
});

test('sum: the command\'s golden sum of the two examples', () => {
  const a = loadFile(src('examples/data/hongze-district-2023.json'));
  const b = loadFile(src('examples/data/kundulun-xinfang-2023.json'));
  const s = xxgk.sum([a, b]);
  assert.equal(xxgk.write(s), text(data('cli/sum-examples.json')));
  [a, b, s].forEach((r) => r.free());
});

test('diff and year over year: the command\'s golden diff-yoy.json', () => {
  const golden = JSON.parse(text(data('cli/diff-yoy.json')));
  const a = loadFile(src(golden.a)), b = loadFile(src(golden.b));
  const diffs = xxgk.diff(a, b).map((f) => ({ rule: f.rule, cell: f.cells[0] ?? '', a: f.expected, b: f.actual,
    message: f.message, message_en: f.messageEn }));
  assert.deepEqual(diffs, golden.differences);
  const own = xxgk.check(b).length;
  assert.deepEqual(xxgk.check(b, { previous: a }).slice(own).map(cliFinding), golden.yoy);
  a.free();
  b.free();
});

// What `xxgk check --format json` prints for a file, made with the wasm module: the command
// reads every file as a sequence of reports (a long CSV may hold many; a bad one does not hide
// the others).
function asCommand(file, bytes) {
  const got = [];
  const unreadable = (id, message, at) => got.push({ file, report: id || null, template: null, year: null,
    agency: null, title: null, errors: 0, warnings: 0, findings: [], error: { message, ...cliPlace(at) } });
  try {
    const reports = xxgk.loadAll(bytes, { name: file });
    if (!reports.length) unreadable(null, '文件中没有报告', {}); // the command's words (zh, its default)
    for (const { id, report, error } of reports) {
      if (error) {
        unreadable(id, error.messageZh, error); // the command's default language: zh
        continue;
      }
      const f = xxgk.check(report).map(cliFinding);
      got.push({ file, report: id || null, template: report.template, year: report.year, agency: report.agency,
        title: report.title, errors: f.filter((x) => x.severity === 'error').length,
        warnings: f.filter((x) => x.severity === 'warning').length, findings: f, error: null });
      report.free();
    }
  } catch (e) {
    if (!(e instanceof xxgk.XxgkError)) throw e;
    unreadable(null, e.messageZh, e);
  }
  return got;
}

// The native command of this checkout (XXGK_CLI, else build/xxgk), or null: the test skips.
function nativeCommand(t) {
  const cli = process.env.XXGK_CLI || src('build/xxgk');
  if (fs.existsSync(cli)) return cli;
  t.skip(`no native command at ${cli} (XXGK_CLI)`);
  return null;
}

// The native command's JSON output for files (paths relative to the repository), by file.
function commandOutput(cli, files) {
  let out;
  try {
    out = execFileSync(cli, ['check', '--format', 'json', '-j', '1', ...files], { cwd: root, encoding: 'utf8',
      maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    out = e.stdout; // 1: some findings are errors; 2: some files cannot be read
  }
  const byFile = new Map();
  for (const entry of JSON.parse(out).files) byFile.set(entry.file, [...(byFile.get(entry.file) || []), entry]);
  return byFile;
}

// Every report-like file of the repository's test data, as the native command checks it and as
// the wasm module does: the same findings, or the same error — whatever readers lib/ holds.
test('native and wasm agree on every file of tests/data and examples/data (xxgk check --format json)', (t) => {
  const cli = nativeCommand(t);
  if (!cli) return;
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const files = [...walk(data()), ...walk(src('examples/data'))]
    .filter((f) => /\.(json|csv|txt|md|html?)$/.test(f)).map((f) => path.relative(root, f)).sort();
  assert.ok(files.length >= 300, `${files.length} files`);
  const byFile = commandOutput(cli, files);
  assert.deepEqual([...byFile.keys()].filter((f) => !files.includes(f)), []);
  for (const file of files) assert.deepEqual(asCommand(file, read(src(file))), byFile.get(file), file);
});

test('native and wasm agree on a long CSV whose middle report is bad', (t) => {
  const cli = nativeCommand(t);
  if (!cli) return;
  const r = loadFile(src('examples/data/hongze-district-2023.json'));
  const middle = xxgk.write(r, { format: 'csv', reportId: 'r2', header: false }).split('\n');
  middle.splice(3, 0, 'r2,no.such.path,1');
  const csv = xxgk.write(r, { format: 'csv', reportId: 'r1' }) + middle.join('\n') +
    xxgk.write(r, { format: 'csv', reportId: 'r3', header: false });
  r.free();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-multi-'));
  try {
    const file = path.join(dir, 'three.csv');
    fs.writeFileSync(file, csv);
    const want = commandOutput(cli, [file]).get(file);
    assert.deepEqual(want.map((e) => [e.report, e.error !== null]), [['r1', false], ['r2', true], ['r3', false]]);
    assert.deepEqual(asCommand(file, Buffer.from(csv)), want);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
