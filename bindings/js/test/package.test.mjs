// SPDX-License-Identifier: MIT
// The package as npm packs it: exactly the files listed, and, laid out in a fresh directory as
// npm installs it, importable by its name, loading its own module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(pkg, '../..');
const meta = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));

test('package.json: MIT, an ES module with types, no dependencies', () => {
  assert.equal(meta.license, 'MIT');
  assert.equal(meta.type, 'module');
  assert.deepEqual(meta.exports['.'], { types: './index.d.ts', default: './index.js' });
  assert.equal(meta.dependencies, undefined);
  for (const f of meta.files) assert.ok(fs.existsSync(path.join(pkg, f)), f);
});

test('npm pack lists the package files and nothing else', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['README.md', 'core.js', 'index.d.ts', 'index.js', 'package.json', 'xxgk_wasm.cjs']);
});

test('installed as packed, it loads its own module and checks a report', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-npm-'));
  try {
    const dest = path.join(dir, 'node_modules/xxgk');
    fs.mkdirSync(dest, { recursive: true });
    for (const f of [...meta.files, 'package.json']) fs.copyFileSync(path.join(pkg, f), path.join(dest, f));
    const script = `import { load, check } from 'xxgk';
      import { readFileSync } from 'node:fs';
      const r = load(readFileSync(${JSON.stringify(path.join(root, 'examples/data/hongze-district-2023.json'))}));
      console.log(check(r).map((f) => f.rule).join(' '));`;
    fs.writeFileSync(path.join(dir, 'main.mjs'), script);
    const out = execFileSync(process.execPath, [path.join(dir, 'main.mjs')], { cwd: dir, encoding: 'utf8' });
    assert.equal(out, 'T4.TOTAL T4.TOTAL\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
