/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled. UTF-8 text (Arabic included) is written as is.
 */

/** Options for cells that a spreadsheet will open. */
export interface CsvOptions {
  /**
   * Prefix cells that begin with = + - @ (a formula in a spreadsheet) with an apostrophe, so that
   * an exported name can never run as a formula (CSV injection). Off for machine-to-machine files.
   */
  spreadsheetSafe?: boolean;
}

export function csvCell(value: unknown, options: CsvOptions = {}): string {
  let text =
    value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (options.spreadsheetSafe && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a header line and one line per row; arrays become `a;b` (several nationalities).
 *
 * @example toCsv(['code', 'count'], [['TR', 160]]) // 'code,count\r\nTR,160\r\n'
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: CsvOptions = {},
): string {
  const line = (cells: readonly unknown[]) => cells.map((c) => csvCell(c, options)).join(',');
  return [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}
