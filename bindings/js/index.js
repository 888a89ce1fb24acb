// SPDX-License-Identifier: MIT
// xxgk for JavaScript: read, check and write 政府信息公开工作年度报告 with the C library
// compiled to WebAssembly. The module is instantiated once, when this file is imported.
import { bind, XxgkError, codeName } from './core.js';

// The module file: XXGK_WASM (a path, node only: tests run the build tree's build-web/xxgk.js),
// else the copy packed beside this file.
const env = globalThis.process?.env?.XXGK_WASM;
const url = env ? (await import('node:url')).pathToFileURL(env).href : './xxgk_wasm.cjs';
const factory = (await import(url)).default;
const api = bind(await factory());

export const { version, load, loadAll, newReport, check, write, sum, diff, templates, template, formatOfName,
  Report } = api;
export { XxgkError, codeName };
