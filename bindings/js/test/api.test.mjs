// SPDX-License-Identifier: MIT
// The npm package's API under node: load, check, write, sum, diff, cells, errors, templates.
// Run from the repository after scripts/web.sh (which puts xxgk_wasm.cjs here): node --test bindings/js/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as xxgk from '../index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const example = (name) => fs.readFileSync(path.join(root, 'examples/data', name));
const HONGZE = 'hongze-district-2023.json';
const KUNDULUN = 'kundulun-xinfang-2023.json';

test('load reads bytes and strings; accessors give the metadata and cells', () => {
  const r = xxgk.load(example(HONGZE));
  assert.equal(r.template, '2021');
  assert.equal(r.year, 2023);
  assert.equal(r.agency, '淮安市洪泽区人民政府');
  assert.equal(r.get('applications.new.total'), 21);
  assert.equal(r.get('proactive.fees.amount'), '7730.28');
  assert.deepEqual(r.cell('applications.new.total'), { state: 'number', text: '21', line: 22, column: 124 });
  const again = xxgk.load(example(HONGZE).toString('utf8'));
  assert.equal(xxgk.write(again), xxgk.write(r));
  r.free();
  again.free();
  r.free(); // a second free is a no-op
  assert.throws(() => r.year, { name: 'XxgkError', codeName: 'XXGK_EINVAL' });
});

test('check finds the two 表四 errors of hongze-district-2023, with their cells', () => {
  const r = xxgk.load(example(HONGZE));
  const f = xxgk.check(r);
  assert.deepEqual(f.map((x) => [x.rule, x.severity, x.expected, x.actual, x.line, x.column]), [
    ['T4.TOTAL', 'error', '11', '0', 64, 72],
    ['T4.TOTAL', 'error', '5', '0', 66, 88],
  ]);
  assert.deepEqual(f[0].cells, ['upheld', 'corrected', 'other', 'pending', 'total']
    .map((c) => `review_litigation.review.${c}`));
  assert.equal(f[1].messageEn, 'table 4, "Administrative litigation" / "Sued after review" / "Total": the total ' +
    'should be 5 (upheld + corrected + other + pending), is 0');
  assert.equal(f[1].message, '表四“行政诉讼”“复议后起诉”“总计”栏：总计应为 5（结果维持、结果纠正、其他结果、尚未审结之和），实为 0');
  r.set('review_litigation.review.total', 11);
  r.set('review_litigation.litigation_after_review.total', '5');
  assert.deepEqual(xxgk.check(r), []);
  r.free();
});

test('check with last year\'s report adds the year-over-year findings', () => {
  const prev = xxgk.load(example(KUNDULUN));
  const r = prev.clone();
  r.year = 2024;
  r.set('applications.carried_over.natural_person', 3);
  r.set('applications.carried_over.total', 3);
  const rules = xxgk.check(r, { previous: prev }).map((f) => f.rule);
  assert.ok(rules.includes('YOY.CARRY'), rules.join());
  assert.ok(!xxgk.check(r).some((f) => f.rule.startsWith('YOY.')));
  r.free();
  prev.free();
});

test('set: numbers, tokens and blanks, never coerced', () => {
  const r = xxgk.newReport();
  assert.equal(r.template, '2021');
  assert.equal(r.year, null);
  r.set('applications.new.natural_person', '-');
  assert.deepEqual(r.cell('applications.new.natural_person').state, 'token');
  r.set('applications.new.natural_person', ' 12');
  assert.equal(r.get('applications.new.natural_person'), ' 12');
  r.set('applications.new.natural_person', '');
  assert.equal(r.get('applications.new.natural_person'), null);
  assert.throws(() => r.set('applications.new.natural_person', 1.5), { codeName: 'XXGK_EKIND' });
  assert.throws(() => r.set('no.such.cell', 1), { codeName: 'XXGK_ENOTFOUND' });
  r.set('applications.new.natural_person', undefined);
  assert.equal(r.get('applications.new.natural_person'), undefined);
  assert.deepEqual(r.cell('applications.new.natural_person'), { state: 'unread', text: '', line: 0, column: 0 });
  r.set('proactive.fees.amount', '0.5');
  assert.equal(r.get('proactive.fees.amount'), '0.5');
  r.setSection('overview', '本年度……');
  assert.equal(r.section('overview'), '本年度……');
  r.free();
  const old = xxgk.newReport('2019');
  assert.equal(old.template, '2019');
  old.free();
});

test('a cell absent from the source is not read: undefined, not blank', () => {
  const doc = JSON.parse(example(HONGZE).toString('utf8'));
  delete doc.applications.new.commercial;
  const r = xxgk.load(JSON.stringify(doc));
  assert.equal(r.get('applications.new.commercial'), undefined);
  assert.equal(r.cell('applications.new.commercial').state, 'unread');
  assert.equal(r.get('applications.new.research'), 0);
  assert.ok(!('commercial' in r.toJSON().applications.new));
  r.free();
});

test('load errors carry the code and the place', () => {
  assert.throws(() => xxgk.load('{"xxgk": 1, "template": "2021", "bogus": 1}'), (e) => {
    assert.equal(e.codeName, 'XXGK_ESCHEMA');
    assert.equal(e.code, -4);
    assert.equal(e.path, '$.bogus');
    assert.deepEqual([e.line, e.column, e.offset], [1, 33, 32]);
    return true;
  });
  assert.throws(() => xxgk.load(''), { codeName: 'XXGK_EEMPTY' });
  assert.throws(() => xxgk.load('a\u0000b', { format: 'text' }),
    { codeName: 'XXGK_EPARSE', message: 'NUL byte in the text', messageZh: '文本中有 NUL 字节' });
  assert.throws(() => xxgk.load(42), TypeError);
});

test('write: every format, and HTML with the blamed cells marked', () => {
  const r = xxgk.load(example(HONGZE));
  for (const format of ['json', 'csv', 'csv-wide', 'text', 'markdown']) {
    const back = xxgk.load(xxgk.write(r, { format }), { format });
    assert.equal(back.get('applications.new.total'), 21, format);
    back.free();
  }
  assert.ok(xxgk.write(r, { format: 'csv-wide' }).startsWith('\uFEFFxxgk,1\n'), 'a BOM for spreadsheets');
  assert.ok(xxgk.write(r, { format: 'csv-wide', bom: false }).startsWith('xxgk,1\n'));
  assert.ok(xxgk.write(r, { format: 'csv' }).startsWith('path,value\n'));
  const plain = xxgk.write(r, { format: 'html' });
  assert.ok(!plain.includes('class="error"'));
  const marked = xxgk.write(r, { format: 'html', highlight: true });
  const cells = [...marked.matchAll(/<td class="error"[^>]*data-path="([^"]+)"/g)].map((m) => m[1]);
  // the cell each finding blames: the total that does not add up, not the cells it adds
  assert.deepEqual(cells, ['review_litigation.review.total', 'review_litigation.litigation_after_review.total']);
  assert.ok(xxgk.write(r, { format: 'html', highlight: true, lang: 'en' }).includes('<h2>Findings</h2>'));
  assert.throws(() => xxgk.write(r, { format: 'pdf' }), { codeName: 'XXGK_ENOTFOUND' });
  r.free();
});

test('the text pdftotext made of a PDF ("pdftext"): findings and errors name the page', () => {
  const pdf = (name) => fs.readFileSync(path.join(root, 'tests/data/pdf', name));
  const r = xxgk.load(pdf('hongze-district-2023.chromium.raw.txt'), { format: 'pdftext' });
  const f = r.diagnostics.find((x) => x.rule === 'READ.SUBTOTAL');
  assert.deepEqual([f.page, f.line, f.column], [2, 30, 1]);
  r.free();
  assert.throws(() => xxgk.load(pdf('ambiguous-label.libreoffice.raw.txt'), { format: 'pdftext' }), (e) => {
    assert.deepEqual([e.codeName, e.page, e.line, e.column], ['XXGK_EAMBIGUOUS', 2, 3, 1]);
    return true;
  });
  assert.throws(() => xxgk.load(pdf('ambiguous-label.libreoffice.raw.txt'), { format: 'text' }), (e) => {
    assert.deepEqual([e.page, e.line], [0, 6]);
    return true;
  });
});

test('sum and diff', () => {
  const a = xxgk.load(example(HONGZE)), b = xxgk.load(example(KUNDULUN));
  const s = xxgk.sum([a, b]);
  assert.equal(s.get('applications.new.total'), 21);
  assert.equal(s.year, 2023);
  assert.equal(s.agency, '');
  const d = xxgk.diff(a, b);
  assert.deepEqual(d[0], { rule: 'DIFF.META', severity: 'info', cells: ['meta.agency'], subject: 'meta.agency', expected: '淮安市洪泽区人民政府',
    actual: '昆都仑区信访局', message: d[0].message, messageEn: d[0].messageEn, line: 0, column: 0, page: 0 });
  assert.throws(() => xxgk.sum([]), { codeName: 'XXGK_EINVAL' });
  const old = xxgk.newReport('2019');
  assert.throws(() => xxgk.sum([a, old]), { codeName: 'XXGK_ETEMPLATE' });
  [a, b, s, old].forEach((r) => r.free());
});

test('loadAll reads every report of a long CSV with a report column', () => {
  const a = xxgk.load(example(HONGZE));
  const csv = xxgk.write(a, { format: 'csv', reportId: 'hz' }) +
    xxgk.write(a, { format: 'csv', reportId: 'hz2', header: false });
  const all = xxgk.loadAll(csv);
  assert.deepEqual(all.map((x) => x.id), ['hz', 'hz2']);
  assert.equal(all[1].report.get('applications.new.total'), 21);
  all.forEach((x) => x.report.free());
  // a bad report in the middle: an entry with its error, and the report after it is read
  const lines = xxgk.write(a, { format: 'csv', reportId: 'r2', header: false }).split('\n');
  lines.splice(3, 0, 'r2,no.such.path,1');
  const three = xxgk.loadAll(xxgk.write(a, { format: 'csv', reportId: 'r1' }) + lines.join('\n') +
    xxgk.write(a, { format: 'csv', reportId: 'r3', header: false }));
  assert.deepEqual(three.map((x) => [x.id, x.report ? x.report.year : x.error.codeName]),
    [['r1', 2023], ['r2', 'XXGK_ESCHEMA'], ['r3', 2023]]);
  assert.match(three[1].error.message, /no\.such\.path/);
  three.forEach((x) => x.report?.free());
  a.free();
});

test('templates as data', () => {
  assert.deepEqual(xxgk.templates().map((t) => t.id), ['2019', '2021']);
  const t = xxgk.template('2021');
  assert.equal(t.cellCount, 200);
  assert.equal(t.cells[0].path, 'proactive.regulations.issued');
  assert.deepEqual(t.tables.map((x) => x.number), ['二', '三', '四']);
  assert.ok(t.rules.some((x) => x.id === 'T4.TOTAL' && x.relation === 'equal'));
  const relation = (tpl, id) => [...new Set(xxgk.template(tpl).rules.filter((x) => x.id === id).map((x) => x.relation))];
  assert.deepEqual(relation('2019', 'PLAUS.PUBLISHED_TOTAL'), ['at_least']);
  assert.deepEqual(relation('2021', 'CELL.NONNEG'), ['each_nonnegative']);
  assert.deepEqual(relation('2021', 'TEXT.MATCH'), ['none']);
  assert.throws(() => xxgk.template('2030'), { codeName: 'XXGK_ENOTFOUND' });
  assert.match(xxgk.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(['a/report.txt', 'r.md', 'r.htm', 'r.csv', 'dir.json/r'].map(xxgk.formatOfName),
    ['text', 'markdown', 'html', undefined, undefined]);
});

test('messages when the library has no memory to keep them: formatted into a buffer of ours', async () => {
  // xxgk_finding_message gives NULL when its allocation fails: the binding formats the message
  // itself (xxgk_finding_format), never gives null
  const { default: createXxgkModule } = await import('../xxgk_wasm.cjs');
  const { bind } = await import('../core.js');
  const M = await createXxgkModule();
  const noMemory = new Proxy(M, {
    get: (m, key) => (key === '_xxgk_finding_message' || key === '_xxgk_finding_message_en' ? () => 0 : m[key]),
  });
  const api = bind(noMemory), plain = bind(M);
  const r = api.load(example(HONGZE)), p = plain.load(example(HONGZE));
  const got = api.check(r), want = plain.check(p);
  assert.deepEqual(got, want);
  assert.ok(got[0].message.startsWith('表四“行政复议”“总计”栏：'), got[0].message);
  assert.equal(got[0].subject, 'review_litigation.review.total');
  r.free();
  p.free();
});
