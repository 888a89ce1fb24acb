// SPDX-License-Identifier: MIT
// xxgk for JavaScript: read, check and write 政府信息公开工作年度报告 with the C library
// compiled to WebAssembly. The module (xxgk_wasm.cjs, the wasm inlined; scripts/web.sh puts it
// here from the build) is instantiated once, when this file is imported.
import createXxgkModule from './xxgk_wasm.cjs';
import { bind, XxgkError, codeName } from './core.js';

const api = bind(await createXxgkModule());

export const { version, load, loadAll, newReport, check, write, sum, diff, templates, template, formatOfName,
  Report } = api;
export { XxgkError, codeName };
