// Reading the bulk-add spreadsheet (domain.md §8) and the bulk delete/restore list.
// This layer only turns a file into rows of trimmed strings, with the physical line
// each row starts on; whether a value is valid (an address, a known licence, …) is
// decided by the row validation that runs on the result.

import { CsvError, parse } from 'csv-parse/sync';
import { REQUIRED_USER_IMPORT_FIELDS, USER_IMPORT_COLUMNS, type FieldKey } from './user-import-template';

export const DEFAULT_MAX_ROWS = 50_000;

export type CsvDelimiter = ',' | ';';

export type CsvFileErrorCode =
  | 'NOT_UTF8'
  | 'EMPTY_FILE'
  | 'NO_ROWS'
  | 'MISSING_COLUMNS'
  | 'DUPLICATE_COLUMN'
  | 'TOO_MANY_ROWS'
  | 'MALFORMED_CSV';

/** What is wrong with the file as a whole; `line` is the physical line (header = 1) when one is to blame. */
export type CsvFileError = { code: CsvFileErrorCode; message: string; line?: number };

export type ParseCsvOptions = { maxRows?: number };

export type ParsedUserRow = {
  /** 1-based physical line where the record starts (a quoted value may span several lines). */
  line: number;
  /** Only the cells that are present and non-empty after trimming. */
  values: Partial<Record<FieldKey, string>>;
  /** Non-empty cells beyond the last header column, usually an unquoted delimiter inside a value. */
  extraCells?: string[];
};

export type ParsedUserCsv =
  | { ok: true; rows: ParsedUserRow[]; unknownColumns: string[]; delimiter: CsvDelimiter }
  | { ok: false; error: CsvFileError };

export type ParsedSignInNameRow = { line: number; signInName: string };

export type ParsedSignInNameCsv =
  | { ok: true; rows: ParsedSignInNameRow[]; delimiter: CsvDelimiter }
  | { ok: false; error: CsvFileError };

type CsvInput = string | Uint8Array | ArrayBuffer;
type CsvRecord = { line: number; cells: string[] };
type ReadResult = { ok: true; delimiter: CsvDelimiter } | { ok: false; error: CsvFileError };

/** Thrown from a record visitor to stop reading; turned into a result, never escapes this module. */
class StopReading extends Error {
  constructor(readonly fileError: CsvFileError) {
    super(fileError.message);
  }
}

const fail = (code: CsvFileErrorCode, message: string, line?: number): { ok: false; error: CsvFileError } => ({
  ok: false,
  error: line === undefined ? { code, message } : { code, message, line },
});

const formatCount = (n: number): string => new Intl.NumberFormat('en-US').format(n);

/** Header text compared case-insensitively, ignoring all whitespace ("user  name " = "User Name"). */
const normaliseHeader = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

// ---------------------------------------------------------------------------------
// Reading records

function decode(input: CsvInput): string | null {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    // fatal: a file saved as ANSI/Windows-1252 or UTF-16 is refused instead of turned into '�'.
    // The decoder drops a UTF-8 BOM by itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return null;
  }
}

/** Comma or semicolon, whichever occurs more often outside quotes on the first line with content. */
function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  let hasContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
      hasContent = true;
    } else if (inQuotes) {
      hasContent = true;
    } else if (ch === ',') {
      commas++;
    } else if (ch === ';') {
      semicolons++;
    } else if (ch === '\n') {
      if (hasContent) break;
      commas = 0;
      semicolons = 0;
    } else if (ch !== undefined && ch.trim() !== '') {
      hasContent = true;
    }
  }
  return semicolons > commas ? ';' : ',';
}

/** The first non-empty physical line after `line` (where the parser was when it failed). */
function nextContentLine(text: string, line: number): number {
  let current = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (current > line && stop > start) return current;
    if (end === -1) break;
    current++;
    start = end + 1;
  }
  return Math.max(line, 1);
}

function countLineBreaks(cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) breaks++;
  }
  return breaks;
}

function describeCsvError(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a quoted value is never closed: a " is missing, so the rest of the file would be read as one value';
  }
  if (error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'text follows a closing " in the same value; write a " inside a quoted value as ""';
  }
  return 'the line is not valid CSV';
}

/**
 * Decodes and parses the whole input, calling `visit` for every record that has at
 * least one non-empty cell, in order, with trimmed cells and the physical line the
 * record starts on. Line endings (CRLF, LF, CR) are normalised to LF first, so a
 * line break inside a quoted value reads as "\n". An Excel `sep=;` first line is
 * honoured and skipped.
 */
function readCsv(input: CsvInput, visit: (record: CsvRecord) => void): ReadResult {
  const decoded = decode(input);
  if (decoded === null) {
    return fail('NOT_UTF8', 'The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)" and upload it again.');
  }
  let text = decoded.replace(/\r\n?/g, '\n');
  let delimiter: CsvDelimiter;
  const hint = /^sep=([,;])[ \t]*(?=\n|$)/i.exec(text);
  if (hint) {
    delimiter = hint[1] === ';' ? ';' : ',';
    text = text.slice(hint[0].length); // keeps the line break, so line numbers stay physical
  } else {
    delimiter = detectDelimiter(text);
  }

  let lastEndLine = 0;
  try {
    parse(text, {
      delimiter,
      relax_column_count: true, // trailing delimiters, short rows
      relax_quotes: true, // a " inside an unquoted value (O"Brien) is kept as text
      skip_empty_lines: true,
      trim: true, // spaces around a quoted value
      on_record: (raw, context) => {
        lastEndLine = context.lines;
        const cells = raw.map((cell) => cell.trim());
        if (cells.every((cell) => cell === '')) return null;
        visit({ line: context.lines - countLineBreaks(raw), cells });
        return null; // nothing is accumulated by the parser
      },
    });
  } catch (error) {
    if (error instanceof StopReading) return { ok: false, error: error.fileError };
    if (error instanceof CsvError) {
      const line = nextContentLine(text, lastEndLine);
      return fail('MALFORMED_CSV', `Line ${line}: ${describeCsvError(error)}.`, line);
    }
    throw error;
  }
  return { ok: true, delimiter };
}

function tooManyRows(count: number, maxRows: number): { ok: false; error: CsvFileError } {
  return fail(
    'TOO_MANY_ROWS',
    `The file has ${formatCount(count)} rows; the limit is ${formatCount(maxRows)}. Split it into smaller files.`,
  );
}

const EMPTY_FILE_MESSAGE = 'The file is empty: it has no header and no user rows.';
const NO_ROWS_MESSAGE = 'The file has no user rows: add at least one user below the header line.';

// ---------------------------------------------------------------------------------
// Bulk add

type UserHeader = { line: number; columns: Array<FieldKey | null>; unknownColumns: string[] };

const USER_HEADER_KEYS: ReadonlyMap<string, FieldKey> = new Map<string, FieldKey>([
  ...USER_IMPORT_COLUMNS.map((column): [string, FieldKey] => [normaliseHeader(column.header), column.key]),
  [normaliseHeader('Licences'), 'licences'],
]);

const headerName = (key: FieldKey): string => USER_IMPORT_COLUMNS.find((column) => column.key === key)?.header ?? key;

function resolveUserHeader(record: CsvRecord): UserHeader {
  const columns: Array<FieldKey | null> = [];
  const unknownColumns: string[] = [];
  const seenUnknown = new Set<string>();
  const seenKeys = new Set<FieldKey>();

  for (const cell of record.cells) {
    const normalised = normaliseHeader(cell);
    const key = USER_HEADER_KEYS.get(normalised) ?? null;
    columns.push(key);
    if (key) {
      if (seenKeys.has(key)) {
        throw new StopReading({
          code: 'DUPLICATE_COLUMN',
          message: `The column "${headerName(key)}" appears more than once in the header line. Keep one and upload the file again.`,
          line: record.line,
        });
      }
      seenKeys.add(key);
    } else if (normalised !== '' && !seenUnknown.has(normalised)) {
      seenUnknown.add(normalised);
      unknownColumns.push(cell);
    }
  }

  const missing = REQUIRED_USER_IMPORT_FIELDS.filter((key) => !seenKeys.has(key)).map(headerName);
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(' and ');
    throw new StopReading({
      code: 'MISSING_COLUMNS',
      message: `The file is missing the required column${missing.length > 1 ? 's' : ''} ${list}. The first line must be the header line of the template.`,
      line: record.line,
    });
  }
  return { line: record.line, columns, unknownColumns };
}

function toUserRow(record: CsvRecord, header: UserHeader): ParsedUserRow {
  const values: Partial<Record<FieldKey, string>> = {};
  const extraCells: string[] = [];
  record.cells.forEach((cell, index) => {
    if (cell === '') return;
    if (index >= header.columns.length) {
      extraCells.push(cell);
      return;
    }
    const key = header.columns[index];
    if (key) values[key] = cell;
  });
  return extraCells.length > 0 ? { line: record.line, values, extraCells } : { line: record.line, values };
}

/**
 * Parses a bulk-add file (UTF-8 with or without BOM, comma or semicolon). The first
 * line with content is the header; columns are matched to USER_IMPORT_COLUMNS
 * case-insensitively and ignoring whitespace. Unknown columns are reported, not fatal.
 * More than `maxRows` data rows (default 50,000) is refused; rows beyond the limit
 * are only counted, never kept.
 */
export function parseUserCsv(input: CsvInput, options: ParseCsvOptions = {}): ParsedUserCsv {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const state: { header: UserHeader | null; count: number; rows: ParsedUserRow[] } = { header: null, count: 0, rows: [] };

  const read = readCsv(input, (record) => {
    if (!state.header) {
      state.header = resolveUserHeader(record);
      return;
    }
    state.count++;
    if (state.count <= maxRows) state.rows.push(toUserRow(record, state.header));
  });

  if (!read.ok) return read;
  if (!state.header) return fail('EMPTY_FILE', EMPTY_FILE_MESSAGE);
  if (state.count === 0) return fail('NO_ROWS', NO_ROWS_MESSAGE, state.header.line);
  if (state.count > maxRows) return tooManyRows(state.count, maxRows);
  return { ok: true, rows: state.rows, unknownColumns: state.header.unknownColumns, delimiter: read.delimiter };
}

// ---------------------------------------------------------------------------------
// Bulk delete / restore

const SIGN_IN_HEADERS: ReadonlySet<string> = new Set(
  ['User Name', 'Sign-in name', 'Sign in name', 'User principal name'].map(normaliseHeader),
);

/** Which column holds the names, and whether the first record was a header (true) or already a name (false). */
function resolveSignInColumn(record: CsvRecord): { column: number; isHeader: boolean } {
  const named = record.cells.findIndex((cell) => SIGN_IN_HEADERS.has(normaliseHeader(cell)));
  if (named !== -1) return { column: named, isHeader: true };

  const nonEmpty = record.cells.filter((cell) => cell !== '');
  const first = record.cells[0] ?? '';
  if (nonEmpty.length === 1 && first !== '') {
    // A single column: an address on the first line means there is no header at all;
    // anything else ("Email", "Users to delete") is taken as that column's title.
    return { column: 0, isHeader: !first.includes('@') };
  }
  throw new StopReading({
    code: 'MISSING_COLUMNS',
    message: 'The file needs a "User Name" column (or "Sign-in name"), or a single column of sign-in names.',
    line: record.line,
  });
}

/**
 * Parses a bulk delete/restore list: a "User Name" (or "Sign-in name") column among
 * others, or a single column of addresses with or without a title. A row whose name
 * cell is empty while other cells are not is returned with signInName '' so that the
 * caller reports it by line.
 */
export function parseSignInNameCsv(input: CsvInput, options: ParseCsvOptions = {}): ParsedSignInNameCsv {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const state: { column: number | null; seenRecord: boolean; count: number; rows: ParsedSignInNameRow[] } = {
    column: null,
    seenRecord: false,
    count: 0,
    rows: [],
  };

  const read = readCsv(input, (record) => {
    if (state.column === null) {
      state.seenRecord = true;
      const resolved = resolveSignInColumn(record);
      state.column = resolved.column;
      if (resolved.isHeader) return;
    }
    state.count++;
    if (state.count <= maxRows) state.rows.push({ line: record.line, signInName: record.cells[state.column] ?? '' });
  });

  if (!read.ok) return read;
  if (!state.seenRecord) return fail('EMPTY_FILE', EMPTY_FILE_MESSAGE);
  if (state.count === 0) return fail('NO_ROWS', NO_ROWS_MESSAGE);
  if (state.count > maxRows) return tooManyRows(state.count, maxRows);
  return { ok: true, rows: state.rows, delimiter: read.delimiter };
}

// ---------------------------------------------------------------------------------
// Cell helpers

/**
 * A Licenses or Groups cell: items separated by ';' (also in a semicolon file, where
 * the cell must then be quoted), trimmed, empties dropped, duplicates removed
 * case-insensitively (the first spelling is kept).
 */
export function splitList(value: string | null | undefined): string[] {
  if (!value) return [];
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of value.split(';')) {
    const item = part.trim();
    const folded = item.toLowerCase();
    if (item === '' || seen.has(folded)) continue;
    seen.add(folded);
    items.push(item);
  }
  return items;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['yes', 'y', 'true', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['no', 'n', 'false', '0', '']);

/** Block Sign-In: yes/no, y/n, true/false, 1/0 (any case); blank = false; anything else → null (the caller reports it). */
export function parseBoolean(value: string | null | undefined): boolean | null {
  const word = (value ?? '').trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}
