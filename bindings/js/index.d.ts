// SPDX-License-Identifier: MIT
// Types of the xxgk package (index.js): 政府信息公开工作年度报告 read, checked and written by
// the C library compiled to WebAssembly.

/** A format name: "json", "csv" (long), "csv-wide" (tables as printed), "text", "markdown",
 * "html" (writing), "auto" (reading: sniffed). */
export type Format = 'auto' | 'json' | 'csv' | 'csv-wide' | 'text' | 'markdown' | 'html';
export type Severity = 'info' | 'warning' | 'error';
export type Relation = 'equal' | 'at_least' | 'each_nonnegative' | 'none';
/** A cell value as in the JSON document: a number for a count, the decimal text for an amount,
 * the text of a token ("-", "/", "无"), null for a blank, undefined for a cell not read (absent
 * from the source, or not placed by the reader; never blamed on the publisher). */
export type CellValue = number | string | null | undefined;

/** A failed library call: the status code (negative), its name and the place in the input. */
export class XxgkError extends Error {
  readonly name: 'XxgkError';
  readonly code: number;
  /** "XXGK_EPARSE", "XXGK_ESCHEMA"... */
  readonly codeName: string;
  /** 1-based line and column (in characters) of the failure, 0 when there is no place. */
  readonly line: number;
  readonly column: number;
  /** In the text pdftotext made of a PDF (format "pdftext"): the page of the failure, whose
   * line `line` is; 0 for other inputs. */
  readonly page: number;
  /** Byte offset in the (UTF-8) input, -1 when there is none. */
  readonly offset: number;
  /** JSON path ("$.applications.new.total") or cell path, "" when there is none. */
  readonly path: string;
  /** The message in Chinese (`message` is English), as far as the library has one. */
  readonly messageZh: string;
}

export interface Finding {
  /** "T4.TOTAL", "YOY.CARRY", "READ.ORDER", "DIFF.CELL"... */
  rule: string;
  severity: Severity;
  /** The cells involved, by path, in the rule's order. */
  cells: string[];
  /** The one cell the finding blames (the total that does not add up, not the cells it adds; for
   * a year-over-year finding this year's cell), "" when it is about no one cell. */
  subject: string;
  /** Expected and actual value as decimal text, "" when the finding has none. */
  expected: string;
  actual: string;
  /** The message in Chinese and in English, naming the cell as the printed table does, and both
   * numbers (cell paths are in `cells`). */
  message: string;
  messageEn: string;
  /** Where the named cell (or the diagnosed text) was read, 0 when unknown. */
  line: number;
  column: number;
  /** In a PDF's text (format "pdftext"): the page of that place, whose line `line` is; else 0. */
  page: number;
}

export interface Cell {
  state: 'blank' | 'number' | 'token' | 'unread';
  /** A number as canonical decimal text, a token as written, "" for a blank or a cell not read. */
  text: string;
  line: number;
  column: number;
}

/** One report held in WebAssembly memory. Call free() when done (a finalizer is only a
 * fallback); `using` works where the language has it. */
export class Report {
  private constructor();
  /** The template id: "2021" or "2019". */
  readonly template: string;
  /** The report year, null when unknown; set 1949..9999 or null. */
  year: number | null;
  agency: string;
  title: string;
  /** A narrative section's text: "preamble", "overview", "problems", "other". */
  section(code: string): string;
  setSection(code: string, text: string | null): void;
  cell(path: string): Cell;
  get(path: string): CellValue;
  /** null or "" blanks the cell; undefined marks it not read; a number, or a string that is
   * exactly a number ("12", "-4", "7730.28"), sets it; any other string is a token. Throws
   * XxgkError (XXGK_EKIND for a fraction in a count, XXGK_ENOTFOUND for an unknown path). */
  set(path: string, value: CellValue | bigint): void;
  /** What the reader could not place or had to interpret (READ.* findings). */
  readonly diagnostics: Finding[];
  clone(): Report;
  /** The JSON document (as write(report) gives it, parsed). */
  toJSON(): object;
  free(): void;
  [Symbol.dispose](): void;
}

export interface LoadOptions {
  /** Default: from the extension of `name` (.json .txt .md .html), else sniffed. */
  format?: Format;
  /** Fail (XXGK_ESTRICT) on any reader diagnostic of severity warning or above. */
  strict?: boolean;
  /** Force a template instead of detecting it. */
  template?: string;
  /** Largest input accepted, in bytes (default 64 MiB). */
  maxSize?: number;
  /** The file name: used in messages, and for the format. */
  name?: string;
}

export interface CheckOptions {
  /** Last year's report: adds the year-over-year checks (YOY.*). */
  previous?: Report;
  /** Read blank cells as zero, so that identities with blanks are evaluated. */
  blankAsZero?: boolean;
  /** Include the reader's diagnostics (default true). */
  diagnostics?: boolean;
  /** Similarity (0..100) from which a section counts as copied from last year (default 90). */
  copyThreshold?: number;
}

export interface WriteOptions {
  /** Default "json". */
  format?: Exclude<Format, 'auto'>;
  /** Language of generated words: "zh" (default) or "en". */
  lang?: 'zh' | 'en';
  /** Long CSV: a leading `report` column with this id. */
  reportId?: string;
  /** Long CSV: write the header line (default true). */
  header?: boolean;
  /** Wide CSV: start with a UTF-8 byte order mark, so that a spreadsheet reads the Chinese
   * (default true; the string then starts with U+FEFF). */
  bom?: boolean;
  /** HTML: mark the cells the report's own checks blame, with their messages. */
  highlight?: boolean | Omit<CheckOptions, 'previous'>;
}

export interface TemplateInfo {
  id: string;
  /** The notice that defines it, e.g. "国办公开办函〔2021〕30号". */
  name: string;
  firstYear: number;
}

export interface Template extends TemplateInfo {
  /** The number of printed cells (optional cells follow them in `cells`). */
  cellCount: number;
  cells: { path: string; label: string; labelEn: string; unit: string;
    kind: 'count' | 'signed_count' | 'amount'; optional: boolean }[];
  tables: { code: string; number: string; heading: string; headingEn: string;
    firstCell: number; cellCount: number }[];
  sections: { code: string; heading: string; headingEn: string }[];
  /** Each expansion of a rule. `relation`: "equal" (sum of coefficient * cell = 0), "at_least"
   * (>= 0), "each_nonnegative" (CELL.*: every cell of its kind, no cells listed) or "none" (no
   * relation over cells, none listed: the description says what is compared). */
  rules: { id: string; severity: Severity; description: string; descriptionEn: string; scope: string;
    relation: Relation; cells: { path: string; coefficient: number; previous: boolean }[] }[];
}

/** The C library's version, e.g. "0.1.0". */
export const version: string;
/** Read one report from bytes or text (UTF-8, UTF-16 with a BOM, GB18030). */
export function load(input: string | Uint8Array | ArrayBuffer | ArrayBufferView, options?: LoadOptions): Report;
/** Every report of an input (a long CSV with a `report` column holds many), in order; a report
 * that cannot be read is an entry with its error, and the reports after it are still read.
 * Throws only when the input cannot be opened. */
export function loadAll(input: string | Uint8Array | ArrayBuffer | ArrayBufferView,
  options?: LoadOptions): ({ id: string; report: Report; error?: undefined } |
    { id: string; report?: undefined; error: XxgkError })[];
/** A new report of a template (default: the newest), every cell blank. */
export function newReport(template?: string): Report;
/** The findings of the report's checks (勾稽关系), then the year-over-year ones. */
export function check(report: Report, options?: CheckOptions): Finding[];
export function write(report: Report, options?: WriteOptions): string;
/** The sum of reports of one template (checked arithmetic), a new Report. */
export function sum(reports: Report[]): Report;
/** The differences between two reports (expected: A's value, actual: B's). */
export function diff(a: Report, b: Report): Finding[];
export function templates(): TemplateInfo[];
export function template(id?: string): Template;
/** The name of a status code ("XXGK_EPARSE"). */
export function codeName(code: number): string;
/** The format a file name's extension gives, as the C library reads files. */
export function formatOfName(name: string): Format | undefined;
