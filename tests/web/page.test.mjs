// SPDX-License-Identifier: MIT
// The clerk's page (build-web/xxgk.html) in headless Chromium — Debian's chromium, driven by
// playwright-core, which downloads no browser — opened from disk with the network cut off:
// reports fed through the file input, findings and marked cells, editing, downloads, the
// language switch, last year's report, keyboard order and labels, the 1366x768 layout, and
// not one request. A screenshot is kept: build-web/xxgk-page.png.
// Run: scripts/web.sh --test (or, after scripts/web.sh and npm ci --prefix tests/web:
// node --test tests/web/page.test.mjs)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import * as xxgk from '../../bindings/js/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = path.resolve(root, process.env.XXGK_WEB_DIR || 'build-web');
const pageFile = path.join(buildDir, 'xxgk.html');
const pageUrl = pathToFileURL(pageFile).href;
const HONGZE_JSON = path.join(root, 'examples/data/hongze-district-2023.json');
const HONGZE_TXT = path.join(root, 'tests/data/real/hongze-district-2023_pdftotext-layout.txt');
// the cells the two findings blame: each total that does not add up (not the cells it adds)
const T4_CELLS = ['review', 'litigation_after_review'].map((row) => `review_litigation.${row}.total`);

let context, page, profile;
const requests = [];
const problems = [];

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.XXGK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    offline: true,
    locale: 'zh-CN', // the clerk's browser
  });
  // Anything but the page's own file is recorded; anything on the network is refused.
  context.on('request', (r) => {
    if (r.url() !== pageUrl && !/^(data|blob):/.test(r.url())) requests.push(r.url());
  });
  await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
  page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(pageUrl);
  await page.waitForSelector('body[data-ready=true]');
});

after(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

// In the page: the paths of the cells marked error, and the findings list as text.
const marked = (cls = 'error') => page.evaluate((c) => [...document.getElementById('report').shadowRoot
  .querySelectorAll(`td.${c}`)].map((td) => td.dataset.path), cls);
const findingRules = () => page.$$eval('#finding-list li', (lis) => lis.map((li) => `${li.className} ${li.querySelector('code').textContent}`));

async function open(file, input = '#file-report') {
  const before = await page.textContent('#status');
  await page.setInputFiles(input, file);
  await page.waitForFunction((b) => document.getElementById('status').textContent !== b, before);
}

test('opens from disk in Chinese, offline, ready to take a report', async () => {
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#findings-heading'), '检查结果');
  assert.equal(await page.textContent('#summary'), '尚未打开报告。');
  assert.equal(await page.isDisabled('#download-json'), true);
  assert.equal(await page.isVisible('#meta'), false);
  assert.equal(await page.isVisible('#previous-clear'), false);
  console.log(`# page ${fs.statSync(pageFile).size} bytes; module ready ${await page.getAttribute('body', 'data-ready-ms')} ms after the script started`);
});

test('hongze-district-2023 (JSON): its two 表四 errors, their cells marked', async () => {
  await open(HONGZE_JSON);
  assert.equal(await page.textContent('#summary'), '2 个错误，0 个警告，0 条提示');
  assert.deepEqual(await findingRules(), ['error T4.TOTAL', 'error T4.TOTAL']);
  assert.deepEqual(await marked(), T4_CELLS);
  assert.deepEqual(await marked('warning'), []);
  const msgs = await page.$$eval('#finding-list .msg', (els) => els.map((e) => e.textContent));
  const r = xxgk.load(fs.readFileSync(HONGZE_JSON));
  assert.deepEqual(msgs, xxgk.check(r).map((f) => f.message));
  r.free();
  assert.ok(msgs[0].includes('应为 11') && msgs[1].includes('应为 5'), msgs.join());
  // the named cell is one keystroke away
  await page.click('#finding-list li:nth-child(2) button');
  assert.equal(await page.evaluate(() => document.getElementById('report').shadowRoot.activeElement?.dataset.path),
    'review_litigation.litigation_after_review.total');
  assert.equal(await page.getAttribute('#report td.error input[data-path="review_litigation.review.total"]', 'aria-invalid'), 'true');
  console.log(`# first check (read + check + tables) ${await page.getAttribute('body', 'data-first-check-ms')} ms`);
  await page.screenshot({ path: path.join(buildDir, 'xxgk-page.png') });
});

test('hongze-district-2023 (pdftotext): the same two cells, and the reader\'s notes', async () => {
  await open(HONGZE_TXT);
  assert.deepEqual(await findingRules(), ['error T4.TOTAL', 'error T4.TOTAL', 'info READ.SUBTOTAL']);
  assert.deepEqual(await marked(), T4_CELLS);
  assert.match(await page.textContent('#finding-list li:nth-child(1) .place'), /^第 \d+ 行第 \d+ 列$/);
});

test('cells not read from an excerpt are shown apart, never blamed', async () => {
  // the file ends inside a row of table 三: that row's last cells are not read
  const file = path.join(root, 'tests/data/real/longgang-dept-2024.txt');
  await open(file);
  const r = xxgk.load(fs.readFileSync(file), { name: path.basename(file) });
  const unread = xxgk.template(r.template).cells.filter((c) => r.cell(c.path).state === 'unread').map((c) => c.path);
  r.free();
  const printed = await page.$$eval('#report td[data-path]', (tds) => tds.map((td) => td.dataset.path));
  const shown = await marked('unread');
  assert.deepEqual(shown, printed.filter((p) => unread.includes(p)));
  assert.ok(shown.length >= 1);
  assert.deepEqual((await marked()).filter((p) => unread.includes(p)), []); // none blamed
  assert.match(await page.getAttribute(`#report input[data-path="${shown[0]}"]`, 'title'), /^未读取/);
  assert.equal(await page.$$eval('#report .findings', (els) => els.length), 0); // listed beside, not inside
  await open(HONGZE_TXT);
});

test('editing a cell checks again at once', async () => {
  await page.fill('#report input[data-path="review_litigation.review.total"]', '11');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.getElementById('summary').textContent.startsWith('1 个错误'));
  assert.deepEqual(await marked(), T4_CELLS.slice(1));
  // the tables were rebuilt with the focus where Tab put it: the next cell
  assert.equal(await page.evaluate(() => document.getElementById('report').shadowRoot.activeElement?.dataset.path),
    'review_litigation.litigation_direct.upheld');
  await page.fill('#report input[data-path="review_litigation.litigation_after_review.total"]', '5');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('summary').textContent.startsWith('0 个错误'));
  assert.deepEqual(await marked(), []);
  // the arrows move between rows, in the same column
  await page.focus('#report input[data-path="applications.new.research"]');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.getElementById('report').shadowRoot.activeElement?.dataset.path),
    'applications.carried_over.research');
  const focusedPath = () => page.evaluate(() => document.getElementById('report').shadowRoot.activeElement?.dataset.path);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedPath(), 'applications.new.research');
  await page.keyboard.press('ArrowUp'); // the first row of table 三: up into the last row of table 二
  assert.equal(await focusedPath(), 'proactive.fees.amount');
  // a fraction in a count is refused, never coerced
  await page.fill('#report input[data-path="applications.new.commercial"]', '1.5');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('status').classList.contains('error'));
  assert.equal(await page.inputValue('#report input[data-path="applications.new.commercial"]'), '0');
});

async function download(button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(buildDir, 'downloads', d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

test('downloads: JSON, wide CSV for Excel, the print-ready page — the corrected report', async () => {
  const json = await download('#download-json');
  assert.equal(json.name, 'hongze-district-2023_pdftotext-layout.json');
  const r = xxgk.load(json.text);
  assert.deepEqual([r.get('review_litigation.review.total'), r.get('review_litigation.litigation_after_review.total')], [11, 5]);
  assert.deepEqual(xxgk.check(r, { diagnostics: false }), []);
  const csv = await download('#download-csv');
  assert.equal(csv.name, 'hongze-district-2023_pdftotext-layout.csv');
  assert.ok(csv.text.startsWith('\uFEFFxxgk,1\n'), 'a BOM, then the wide CSV');
  assert.equal(xxgk.write(xxgk.load(csv.text)), xxgk.write(r));
  const html = await download('#download-html');
  assert.equal(html.name, 'hongze-district-2023_pdftotext-layout.html');
  assert.equal(html.text, xxgk.write(r, { format: 'html' }));
  r.free();
});

test('English, and back to Chinese', async () => {
  await page.click('#lang-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('#findings-heading'), 'Findings');
  assert.match(await page.textContent('#summary'), /^0 error\(s\), 0 warning\(s\), 1 note\(s\)$/);
  assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');
  assert.equal(await page.textContent('#status'), 'Downloaded hongze-district-2023_pdftotext-layout.html');
  assert.equal(await page.getAttribute('#report input[data-path="applications.new.total"]', 'aria-label'),
    xxgk.template('2021').cells.find((c) => c.path === 'applications.new.total').labelEn);
  await page.click('#lang-zh');
  assert.equal(await page.textContent('#findings-heading'), '检查结果');
});

test('last year\'s report adds the year-over-year checks and marks their cells', async () => {
  await open(path.join(root, 'tests/data/cli/inputs/kundulun-2024.json'));
  const own = await findingRules();
  const ownMarked = await marked();
  await open(path.join(root, 'examples/data/kundulun-xinfang-2023.json'), '#file-previous');
  const rules = await findingRules();
  assert.ok(rules.includes('error YOY.CARRY'), rules.join());
  assert.ok(!own.some((x) => x.includes('YOY.')));
  // YOY.CARRY marks this year's cell, not the one that stands for last year's figure
  const yoyMarked = await marked();
  assert.deepEqual(yoyMarked.sort(), [...new Set([...ownMarked, 'applications.carried_over.natural_person'])].sort());
  const title = await page.evaluate(() => document.getElementById('report').shadowRoot
    .querySelector('td[data-path="applications.carried_forward.natural_person"]').title);
  assert.ok(!title.includes('YOY') && !title.includes('上年'), title);
  // YOY.IN_FORCE adds three of this year's cells (in force = last year's + issued - repealed): one
  // wrong figure marks the one cell it blames (in force), not the cells it adds
  const ownWarned = await marked('warning');
  await page.fill('#report input[data-path="proactive.normative_documents.issued"]', '2');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.getElementById('finding-list').textContent.includes('YOY.IN_FORCE'));
  assert.deepEqual((await marked('warning')).sort(),
    [...new Set([...ownWarned, 'proactive.normative_documents.in_force'])].sort());
  assert.deepEqual((await marked()).sort(), yoyMarked);
  await page.fill('#report input[data-path="proactive.normative_documents.issued"]', '0');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.getElementById('finding-list').textContent.includes('YOY.IN_FORCE'));
  // last year's 总体情况 pasted as this year's: copied text is a warning
  const prev = xxgk.load(fs.readFileSync(path.join(root, 'examples/data/kundulun-xinfang-2023.json')));
  await page.click('#sections summary');
  assert.equal(await page.textContent('label[for=section-overview]'), '总体情况');
  await page.fill('#section-overview', prev.section('overview'));
  prev.free();
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.getElementById('finding-list').textContent.includes('YOY.COPY'));
  assert.ok((await findingRules()).includes('warning YOY.COPY'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'section-problems');
  await page.click('#previous-clear');
  assert.deepEqual(await findingRules(), own);
});

// Drop a file on an element, as a file manager would.
async function drop(selector, file) {
  const before = await page.textContent('#status');
  const dt = await page.evaluateHandle(({ name, text }) => {
    const d = new DataTransfer();
    d.items.add(new File([text], name, { type: 'application/json' }));
    return d;
  }, { name: path.basename(file), text: fs.readFileSync(file, 'utf8') });
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer: dt });
  await page.waitForFunction((b) => document.getElementById('status').textContent !== b, before);
}

test('drag and drop: on the page the report, on the last-year box last year\'s report', async () => {
  await drop('#report-pane', path.join(root, 'tests/data/cli/inputs/kundulun-2024.json'));
  assert.match(await page.textContent('#status'), /^已读取 kundulun-2024\.json：/);
  await drop('#drop-previous', path.join(root, 'examples/data/kundulun-xinfang-2023.json'));
  assert.equal(await page.textContent('#previous-name'), '上年报告：kundulun-xinfang-2023.json');
  assert.ok((await findingRules()).includes('error YOY.CARRY'));
  assert.equal(await page.evaluate(() => document.body.classList.contains('dragging')), false);
  await page.click('#previous-clear');
});

test('new report: the empty template, filled in and checked in the page', async () => {
  await page.selectOption('#new-template', '2019');
  await page.click('#new-report');
  assert.equal(await page.$$eval('#report td[data-path]', (tds) => tds.length), xxgk.template('2019').cellCount);
  assert.deepEqual(await page.$$eval('#report td input', (is) => [...new Set(is.map((i) => i.value))]), ['']);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'meta-year');
  await page.fill('#meta-year', '2020');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('meta-year').value === '2020');
  const csv = await download('#download-csv');
  assert.equal(csv.name, 'xxgk-2019.csv');
  assert.ok(csv.text.startsWith('\uFEFFxxgk,1\n模板,2019\n年度,2020\n'), csv.text.slice(0, 40));
  await page.selectOption('#new-template', '2021');
});

test('every corpus report (GB18030, UTF-16, web pages too) through the file input: the page finds what the package finds', async () => {
  const files = [
    ...fs.readdirSync(path.join(root, 'tests/data/real')).filter((f) => f.endsWith('.txt')).map((f) => path.join(root, 'tests/data/real', f)),
    ...fs.readdirSync(path.join(root, 'examples/data')).filter((f) => f.endsWith('.json')).map((f) => path.join(root, 'examples/data', f)),
    ...fs.readdirSync(path.join(root, 'tests/data/encoding')).map((f) => path.join(root, 'tests/data/encoding', f)),
    // saved web pages, for the HTML reader
    ...['tests/data/html_read', 'tests/data/real/files'].filter((d) => fs.existsSync(path.join(root, d)))
      .flatMap((d) => fs.readdirSync(path.join(root, d)).filter((f) => /\.html?$/.test(f)).map((f) => path.join(root, d, f))),
  ].sort();
  assert.ok(files.length >= 30);
  for (const file of files) {
    await open(file);
    let want;
    try {
      const r = xxgk.load(fs.readFileSync(file), { name: path.basename(file) });
      want = xxgk.check(r).map((f) => `${f.severity} ${f.rule}`).sort();
      r.free();
    } catch (e) {
      assert.ok(e instanceof xxgk.XxgkError);
      // the library's own message, in Chinese, with its place
      const place = e.line ? `第 ${e.line} 行${e.column ? `第 ${e.column} 列` : ''}：` : '';
      assert.equal(await page.textContent('#status'), `无法读取 ${path.basename(file)}：${place}${e.messageZh}`, file);
      continue;
    }
    assert.deepEqual((await findingRules()).sort(), want, file);
  }
});

test('keyboard: focus order and a label on every control', async () => {
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  const order = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
  }
  assert.deepEqual(order, ['skip', 'lang-zh', 'lang-en', 'file-report', 'file-previous', 'new-template', 'new-report']);
  const unlabelled = await page.$$eval('input, select, button', (els) => els.filter((e) => !e.hidden &&
    !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim())).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  await open(HONGZE_JSON);
  const cellsUnlabelled = await page.$$eval('#report td input', (is) => is.filter((i) => !i.getAttribute('aria-label')).length);
  assert.equal(cellsUnlabelled, 0);
  // each cell input is named by the template's label of its cell
  const labels = await page.$$eval('#report td input', (is) => is.map((i) => [i.dataset.path, i.getAttribute('aria-label')]));
  const want = new Map(xxgk.template('2021').cells.map((c) => [c.path, c.label]));
  assert.deepEqual(labels, labels.map(([p]) => [p, want.get(p)]));
  // every printed cell, and the optional ones the report fills (its （六） subtotal)
  const r = xxgk.load(fs.readFileSync(HONGZE_JSON));
  const filledOptional = xxgk.template('2021').cells.filter((c) => c.optional && r.cell(c.path).state !== 'blank');
  r.free();
  assert.equal(labels.length, xxgk.template('2021').cellCount + filledOptional.length);
});

test('fits 1366x768: the findings beside the tables, no sideways scrolling', async () => {
  const aside = await page.locator('#findings').boundingBox();
  const tables = await page.locator('#report-pane').boundingBox();
  assert.ok(aside.x + aside.width <= 1366 && aside.x >= tables.x + tables.width - 1, JSON.stringify({ aside, tables }));
  assert.ok(aside.y + 20 < 768);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1366));
  // printing the page itself prints the tables alone
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await Promise.all(['header', '#findings', '#status', '#report'].map((q) => page.isVisible(q))),
    [false, false, false, true]);
  await page.emulateMedia({ media: 'screen' });
});

test('not one request left the page, and no script error', () => {
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
});
