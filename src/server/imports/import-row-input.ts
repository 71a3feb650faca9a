// From the parser's rows (and the cells stored with a job's rows) to the domain's
// ImportRowInput: lists split on ';', Block Sign-In read as yes/no.
import type { ImportCells, ImportField, ImportRowInput } from '@/domain/imports/import-rows';
import { IMPORT_FIELDS } from '@/domain/imports/import-rows';
import { parseBoolean, splitList, type ParsedUserRow } from './parse-user-csv';
import { USER_IMPORT_COLUMNS, type FieldKey } from './user-import-template';

// The template's columns and the domain's import fields are the same set of keys.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameKeys: Same<FieldKey, ImportField> = true;
void sameKeys;

const HEADERS: ReadonlyMap<string, string> = new Map(USER_IMPORT_COLUMNS.map((c) => [c.key, c.header]));

/** The column header of an import field ("licences" → "Licenses"); "row" for the row as a whole. */
export const columnHeader = (field: string) => HEADERS.get(field) ?? (field === 'row' ? 'Row' : field);

/**
 * A cell the portal's own exports neutralised ("'+44 20 …", "'=x") reads back as it was:
 * an export can be edited and imported again without every phone number gaining a quote.
 */
export function unneutraliseCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function toImportRowInput(row: Pick<ParsedUserRow, 'line' | 'values' | 'extraCells'>): ImportRowInput {
  const cells: ImportCells = {};
  for (const [key, value] of Object.entries(row.values) as [ImportField, string | undefined][]) if (value !== undefined) cells[key] = unneutraliseCell(value);
  const block = cells.blockSignIn;
  const parsed = block === undefined || block.trim() === '' ? null : parseBoolean(block);
  return {
    line: row.line,
    cells,
    licenceNames: splitList(cells.licences),
    groupNames: splitList(cells.groups),
    blockSignIn: block === undefined || block.trim() === '' ? null : parsed === null ? 'invalid' : parsed,
    extraCells: row.extraCells?.length ?? 0,
  };
}

/** Cells stored as JSON with a job's row, read back (anything that is not a known string cell is dropped). */
export function cellsFromJson(value: unknown): ImportCells {
  const cells: ImportCells = {};
  if (typeof value !== 'object' || value === null) return cells;
  for (const field of IMPORT_FIELDS) {
    const cell = (value as Record<string, unknown>)[field];
    if (typeof cell === 'string') cells[field] = cell;
  }
  return cells;
}
