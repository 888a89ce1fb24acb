// SPDX-License-Identifier: MIT
// The npm package's types (bindings/js/index.d.ts) as a TypeScript program would use them:
// tests/web/types.test.mjs checks this file with tsc --strict (it is never run).
import { load, loadAll, newReport, check, write, sum, diff, templates, template, version, codeName, formatOfName,
  XxgkError, Report, type Finding, type CellValue, type Template } from '../../bindings/js/index.js';

const r: Report = load(new Uint8Array([123, 125]), { name: 'a.json', strict: true, template: '2021' });
const v: CellValue = r.get('applications.new.total');
r.set('applications.new.total', typeof v === 'number' ? v + 1 : null);
r.year = 2024;
r.agency = r.title;
const findings: Finding[] = check(r, { previous: newReport('2021'), blankAsZero: true, copyThreshold: 80 });
const errors: number = findings.filter((f) => f.severity === 'error').length;
const html: string = write(r, { format: 'html', lang: 'en', highlight: { diagnostics: false } }) + write(r, { format: 'csv-wide', bom: false });
const total: Report = sum([r, r.clone()]);
const d: Finding[] = diff(r, total);
const t: Template = template(templates()[0].id);
const kinds: string[] = t.cells.map((c) => c.kind);
for (const { id, report, error } of loadAll('path,value\n')) console.log(id, report ? report.year : error.codeName);
try {
  load('{');
} catch (e) {
  if (e instanceof XxgkError) console.log(e.codeName, e.line, e.column, e.offset, e.path, e.messageZh, codeName(e.code));
}
{
  using scoped = newReport();
  scoped.setSection('overview', null);
}
console.log(version, errors, html.length, d.length, kinds, formatOfName('x.md'), r.cell('a').state, r.diagnostics);
// @ts-expect-error: a write format cannot be "auto"
write(r, { format: 'auto' });
// @ts-expect-error: a float is a number, but an object is not a cell value
r.set('applications.new.total', {});
