// From a file to the rows the bulk-add rules check: lists, yes/no, and the round trip
// of the portal's own CSVs (an export, an error report) back through the importer.
import { describe, expect, it } from 'vitest';
import { csvLine } from '@/server/exports/csv-writer';
import { USER_EXPORT_HEADER } from '@/server/exports/user-exports';
import { cellsFromJson, columnHeader, toImportRowInput, unneutraliseCell } from '@/server/imports/import-row-input';
import { parseUserCsv } from '@/server/imports/parse-user-csv';
import { USER_IMPORT_COLUMNS } from '@/server/imports/user-import-template';

describe('toImportRowInput', () => {
  it('splits licences and groups on ";" and reads Block Sign-In as yes, no, blank or invalid', () => {
    const row = (blockSignIn?: string) => toImportRowInput({ line: 2, values: { signInName: 'a@x.example', licences: 'E3; Power Apps Premium;e3', groups: 'Sales', blockSignIn } });
    expect(row('Yes')).toMatchObject({ licenceNames: ['E3', 'Power Apps Premium'], groupNames: ['Sales'], blockSignIn: true, extraCells: 0 });
    expect(row('no').blockSignIn).toBe(false);
    expect(row(undefined).blockSignIn).toBeNull();
    expect(row('  ').blockSignIn).toBeNull();
    expect(row('perhaps').blockSignIn).toBe('invalid');
    expect(toImportRowInput({ line: 3, values: {}, extraCells: ['x', 'y'] }).extraCells).toBe(2);
  });

  it('reads back a cell the portal neutralised, and leaves every other value alone', () => {
    expect(unneutraliseCell("'+44 20 7946 0000")).toBe('+44 20 7946 0000');
    expect(unneutraliseCell("'=HYPERLINK(\"x\")")).toBe('=HYPERLINK("x")');
    expect(unneutraliseCell("'-5")).toBe('-5');
    expect(unneutraliseCell("O'Brien")).toBe("O'Brien");
    expect(unneutraliseCell("'quoted'")).toBe("'quoted'");
  });

  it('keeps only known string cells when reading stored values back', () => {
    expect(cellsFromJson({ signInName: 'a@x.example', displayName: 5, other: 'x', groups: 'G' })).toEqual({ signInName: 'a@x.example', groups: 'G' });
    expect(cellsFromJson(null)).toEqual({});
  });

  it('names columns as the template does', () => {
    expect(columnHeader('licences')).toBe('Licenses');
    expect(columnHeader('signInName')).toBe('User Name');
    expect(columnHeader('row')).toBe('Row');
  });
});

describe('the portal’s own CSVs import again', () => {
  it('an export of the users list, with its neutralised cells and extra columns', () => {
    const cells = ['kim@contoso.example', 'Kim', 'Lee', '=Kim Lee', 'Chef', '', '', '+44 20 7946 0000', '', '', '', '', 'London', '', '', '', 'GB', 'Office 365 E3;Power Apps Premium', 'Sales Team', 'No', 'member', 'Global Reader', '2026-01-02T03:04:05.000Z'];
    const file = '\uFEFF' + csvLine(USER_EXPORT_HEADER) + csvLine(cells);
    const parsed = parseUserCsv(file);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.unknownColumns).toEqual(['Kind', 'Admin roles', 'Created (UTC)']);
    const [row] = parsed.rows;
    const input = toImportRowInput(row ?? { line: 0, values: {} });
    expect(input.cells).toMatchObject({ signInName: 'kim@contoso.example', displayName: '=Kim Lee', officePhone: '+44 20 7946 0000', usageLocation: 'GB' });
    expect(input.licenceNames).toEqual(['Office 365 E3', 'Power Apps Premium']);
    expect(input.blockSignIn).toBe(false);
  });

  it('an error report, with its Line, Status and Errors columns before the template’s', () => {
    const header = ['Line', 'Status', 'Errors or result', ...USER_IMPORT_COLUMNS.map((c) => c.header)];
    const values = [3, 'Error', 'Display Name: Enter a display name.', 'kay@contoso.example', 'Kay', '', 'Kay Fixed'];
    const parsed = parseUserCsv('\uFEFF' + csvLine(header) + csvLine(values));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.unknownColumns).toEqual(['Line', 'Status', 'Errors or result']);
    expect(parsed.rows[0]?.values).toEqual({ signInName: 'kay@contoso.example', firstName: 'Kay', displayName: 'Kay Fixed' });
  });
});
