// CSV output for downloads (user lists, bulk-import results, the import template).
// Every cell goes through neutraliseCell so that a value typed by a user cannot run
// as a formula when an admin opens the file in a spreadsheet (domain.md §8, OWASP
// "CSV Injection"): a cell starting with = + - @ TAB or CR gets a leading quote.

const BOM = '\uFEFF';
const LINE_END = '\r\n';
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTING = /[",\r\n]/;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * The text of a cell, with a leading `'` when it starts with a character a
 * spreadsheet would treat as the start of a formula. Applies to every value,
 * negative numbers ("-5") and phone numbers ("+44 …") included, as the rule says.
 * null/undefined → ''.
 */
export function neutraliseCell(value: unknown): string {
  const text = cellText(value);
  const first = text.charAt(0);
  return FORMULA_TRIGGERS.has(first) ? `'${text}` : text;
}

function quoteCell(text: string): string {
  return NEEDS_QUOTING.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: each value neutralised, quoted when needed, joined with ',', ending with CRLF. */
export function csvLine(values: readonly unknown[]): string {
  return values.map((value) => quoteCell(neutraliseCell(value))).join(',') + LINE_END;
}

/**
 * A web ReadableStream for a route handler's Response: UTF-8 BOM and the header,
 * then one chunk per row, pulled from `rows` only when the consumer asks for more,
 * so a large export never sits in memory. Cancelling the response closes the source
 * iterator (its `finally` blocks run, e.g. a database cursor is released).
 */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly unknown[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<readonly unknown[]> | undefined;

  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        if (!iterator) {
          iterator = rows[Symbol.asyncIterator]();
          controller.enqueue(encoder.encode(BOM + csvLine(header)));
          return;
        }
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(csvLine(next.value)));
      },
      cancel: async () => {
        await iterator?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
