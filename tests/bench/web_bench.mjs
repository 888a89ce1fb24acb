// SPDX-License-Identifier: MIT
// The web build's budgets, printed (never a pass/fail): the page's size (<= 1.5 MB), the first
// check of the reference report after the module is loaded (<= 100 ms), and reading+checking
// in wasm against the native figure of xxgk-bench on the same synthetic reports (<= 2x).
//   node tests/bench/web_bench.mjs [BUILD_WEB_DIR [NATIVE_BUILD_DIR]]   (defaults build-web, build)
// Times are this node process's CPU time (as xxgk-bench's are its thread's): a busy machine
// changes them little. The first-check figures are wall-clock too, as a clerk would wait.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.resolve(root, process.argv[2] || 'build-web');
const native = path.resolve(root, process.argv[3] || 'build');
const mb = (n) => (n / 1048576).toFixed(2);

const page = fs.statSync(path.join(web, 'xxgk.html')).size;
console.log(`page size: ${page} bytes (${mb(page)} MB; budget 1.5 MB) ${page <= 1.5 * 1048576 ? 'within' : 'OVER'}`);

// First check: the module instantiated, then the reference report read and checked once.
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = performance.now(), c0 = cpuMs();
const factory = (await import(pathToFileURL(path.join(web, 'xxgk.js')).href)).default;
const { bind } = await import(pathToFileURL(path.join(root, 'bindings/js/core.js')).href);
const M = await factory();
const x = bind(M);
const t1 = performance.now(), c1 = cpuMs();
const ref = fs.readFileSync(path.join(root, 'tests/data/real/kundulun-xinfang-2023.txt'));
const r = x.load(ref, { name: 'kundulun-xinfang-2023.txt' });
const n = x.check(r).length;
r.free();
const t2 = performance.now(), c2 = cpuMs();
console.log(`module load: ${(t1 - t0).toFixed(1)} ms (CPU ${(c1 - c0).toFixed(1)} ms); first check of the reference ` +
  `report (read + check through the binding, ${n} findings): ${(t2 - t1).toFixed(1)} ms after load ` +
  `(CPU ${(c2 - c1).toFixed(1)} ms; budget 100 ms)`);

// The same in the page itself, in headless Chromium, when the browser test's dependencies are
// installed (npm ci --prefix tests/web): module ready after the script starts, then the first
// report read, checked and shown as tables.
const playwright = path.join(root, 'tests/web/node_modules/playwright-core/index.mjs');
if (fs.existsSync(playwright) && fs.existsSync(process.env.XXGK_CHROMIUM || '/usr/bin/chromium')) {
  const { chromium } = await import(pathToFileURL(playwright).href);
  const browser = await chromium.launch({ executablePath: process.env.XXGK_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const loaded = performance.now();
    await tab.goto(pathToFileURL(path.join(web, 'xxgk.html')).href);
    await tab.waitForSelector('body[data-ready=true]');
    const ready = performance.now() - loaded;
    await tab.setInputFiles('#file-report', path.join(root, 'tests/data/real/kundulun-xinfang-2023.txt'));
    await tab.waitForSelector('body[data-first-check-ms]');
    console.log(`in Chromium: page loaded and module ready ${ready.toFixed(0)} ms (module ` +
      `${await tab.getAttribute('body', 'data-ready-ms')} ms); first check of the reference report, read + ` +
      `check + tables shown: ${await tab.getAttribute('body', 'data-first-check-ms')} ms (budget 100 ms)`);
  } finally {
    await browser.close();
  }
}

// Read+check per format on xxgk-bench's own synthetic reports, against its native figures.
const bench = path.join(native, 'xxgk-bench');
if (!fs.existsSync(bench)) {
  console.log(`no ${bench}: build the native tree for the wasm/native comparison`);
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-web-bench-'));
execFileSync(bench, ['--write-json', dir, '--reports', '200']);
const reports = fs.readdirSync(dir).sort().map((f) => x.load(fs.readFileSync(path.join(dir, f))));
fs.rmSync(dir, { recursive: true, force: true });
const nativeFig = JSON.parse(execFileSync(bench, ['--quick', '--json'], { encoding: 'utf8' })).formats;
console.log('read+check, reports per CPU second: the wasm module alone (C calls), through the JS binding\n' +
  '(findings made JS objects), native xxgk-bench; native/wasm (budget <= 2)');
const out = M._malloc(4);
for (const format of ['json', 'csv', 'csv-wide', 'text', 'markdown']) {
  const inputs = reports.map((rep) => new TextEncoder().encode(x.write(rep, { format })));
  const heap = inputs.map((buf) => { const p = M._malloc(buf.length); M.HEAPU8.set(buf, p); return [p, buf.length]; });
  const opts = M._malloc(4);
  M._xxgk_parse_options_new(opts);
  const po = M.HEAPU32[opts >> 2];
  M._xxgk_parse_options_set_format(po, { json: 1, csv: 2, 'csv-wide': 3, text: 4, markdown: 5 }[format]);
  const raw = () => {
    for (const [p, n] of heap) {
      M._xxgk_report_parse(out, p, n, po);
      const rep = M.HEAPU32[out >> 2];
      M._xxgk_check(out, rep, 0);
      M._xxgk_findings_free(M.HEAPU32[out >> 2]);
      M._xxgk_report_free(rep);
    }
  };
  const binding = () => {
    for (const buf of inputs) {
      const rep = x.load(buf, { format });
      x.check(rep);
      rep.free();
    }
  };
  const rate = (fn) => {
    fn(); // warm-up: the JIT tiers up
    let done = 0;
    const start = cpuMs();
    while (cpuMs() - start < 300) {
      fn();
      done += inputs.length;
    }
    return done / ((cpuMs() - start) / 1000);
  };
  const a = rate(raw), b = rate(binding);
  const nat = nativeFig[format]?.read_check_reports_per_s;
  console.log(`  ${format.padEnd(9)} wasm ${a.toFixed(0).padStart(6)}   binding ${b.toFixed(0).padStart(6)}   native ` +
    `${nat ? String(Math.round(nat)).padStart(6) : '   n/a'}   native/wasm ${nat ? (nat / a).toFixed(2) : 'n/a'}`);
  heap.forEach(([p]) => M._free(p));
  M._xxgk_parse_options_free(po);
  M._free(opts);
}
reports.forEach((rep) => rep.free());
