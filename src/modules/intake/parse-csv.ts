/**
 * RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes; lines end in CRLF
 * or LF. Written here rather than taken from a package because the whole need is these forty lines,
 * and a manifest parser must say exactly where a file is broken.
 */
export interface CsvResult {
  /** Records, each an array of fields; a trailing empty line is not a record. */
  records: string[][];
  /** The 1-based line each record starts on, for messages that point into the file. */
  lines: number[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Parses CSV text (the byte-order mark already removed) into records.
 *
 * @example parseCsv('a,b\n"x, y","say ""hi"""\n').records // => [['a','b'], ['x, y', 'say "hi"']]
 */
export function parseCsv(text: string, delimiter = ','): CsvResult {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    // A blank line (one empty unquoted field) is skipped rather than read as a record.
    if (!(record.length === 1 && record[0] === '' && !wasQuoted)) {
      records.push(record);
      lines.push(start);
    }
    record = [];
    field = '';
    wasQuoted = false;
  };
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (i < n && next !== delimiter && next !== '\n' && next !== '\r')
          throw new CsvError('a closing quote must end the field', line);
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new CsvError('a quote inside an unquoted field', line);
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      wasQuoted = false;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) throw new CsvError('a quoted field is never closed', start);
  if (field !== '' || record.length > 0 || wasQuoted) endRecord();
  return { records, lines };
}
