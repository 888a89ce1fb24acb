// SPDX-License-Identifier: MIT
// The npm package's TypeScript declarations compile, strictly, and describe the API as
// tests/web/types.ts uses it (tsc from tests/web's lock file: npm ci --prefix tests/web).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

test('index.d.ts type-checks a program that uses every call (tsc --strict)', () => {
  const tsc = path.join(here, 'node_modules/typescript/bin/tsc');
  let out = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,esnext.disposable,dom',
      path.join(here, 'types.ts')], { encoding: 'utf8' });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  assert.equal(out, '');
});
