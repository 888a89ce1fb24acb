#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Assemble the clerk's page: web/page.html with web/page.css, the module MODULE.js (its wasm
// already inlined) and, in one module script, bindings/js/core.js, web/strings.js and
// web/app.js — one file that opens from disk and needs nothing else.
// Usage: node web/bundle.mjs MODULE.js OUT.html
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [moduleFile, out] = process.argv.slice(2);
if (!moduleFile || !out) {
  console.error('usage: bundle.mjs MODULE.js OUT.html');
  process.exit(2);
}
const web = path.dirname(fileURLToPath(import.meta.url));
const read = (p) => fs.readFileSync(p, 'utf8');
const page = read(path.join(web, 'page.html'));
const app = [path.join(web, '../bindings/js/core.js'), path.join(web, 'strings.js'), path.join(web, 'app.js')]
  .map(read).join('\n');
const scripts = { [moduleFile]: read(moduleFile), app };
// Inside <script>, "</script" ends the element and "<!--" changes how the rest is parsed.
for (const [name, code] of Object.entries(scripts)) {
  if (/<\/script|<!--/i.test(code)) {
    console.error(`${name}: contains "</script" or "<!--": cannot be inlined`);
    process.exit(1);
  }
}
const parts = page.split(/\/\*STYLE\*\/|<!--SCRIPTS-->/);
if (parts.length !== 3) {
  console.error('web/page.html: expected one /*STYLE*/ and one <!--SCRIPTS--> placeholder');
  process.exit(1);
}
const html = parts[0] + read(path.join(web, 'page.css')) + parts[1] +
  `<script>\n${scripts[moduleFile]}\n</script>\n<script type="module">\n${app}\n</script>` + parts[2];
fs.writeFileSync(out, html);
