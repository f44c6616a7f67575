/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet.
 *
 * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
 * LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`): names and
 * titles come from data files someone else wrote, so such a cell is neutralised as OWASP's "CSV
 * Injection" guidance recommends: a single quote before it (the spreadsheet shows the text, the quote
 * hidden or visible, and runs nothing). Numbers are numbers (a negative coordinate stays `-0.5`).
 * `raw: true` (`--csv-raw`) writes text as it is, for tools that want the bytes.
 */

/** The first characters that make a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/u;

export interface CsvOptions {
  /** Write text cells as they are, without neutralising formulas. */
  readonly raw?: boolean;
}

export function csvField(value: string | number | null, options: CsvOptions = {}): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = options.raw !== true && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}
