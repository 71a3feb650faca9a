import { describe, expect, it } from 'vitest';
import {
  parseBoolean,
  parseSignInNameCsv,
  parseUserCsv,
  splitList,
  type ParsedUserCsv,
} from '@/server/imports/parse-user-csv';
import { USER_IMPORT_COLUMNS, userImportTemplateCsv } from '@/server/imports/user-import-template';

// The anchor product's template header, character for character.
const ANCHOR_HEADER =
  'User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax,Alternate email address,Address,City,State or Province,ZIP or Postal Code,Country or Region';
const FULL_HEADER = `${ANCHOR_HEADER},Usage Location,Licenses,Groups,Block Sign-In`;

function expectOk(result: ParsedUserCsv) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function expectError(result: { ok: true } | { ok: false; error: { code: string; message: string; line?: number } }) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('USER_IMPORT_COLUMNS and the template', () => {
  it('starts with the anchor header word for word, then the portal columns', () => {
    expect(USER_IMPORT_COLUMNS.map((column) => column.header).join(',')).toBe(FULL_HEADER);
    expect(USER_IMPORT_COLUMNS.map((column) => column.key)).toEqual([
      'signInName', 'firstName', 'lastName', 'displayName', 'jobTitle', 'department', 'officeLocation',
      'officePhone', 'mobilePhone', 'faxNumber', 'alternateEmail', 'streetAddress', 'city', 'stateOrProvince',
      'postalCode', 'countryOrRegion', 'usageLocation', 'licences', 'groups', 'blockSignIn',
    ]);
  });

  it('is a BOM, the header and one example row, with CRLF line endings', () => {
    const csv = userImportTemplateCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(FULL_HEADER);
    expect(lines[2]).toBe('');
    expect(csv.slice(1).replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('round-trips through the parser', () => {
    const result = expectOk(parseUserCsv(userImportTemplateCsv()));
    expect(result.delimiter).toBe(',');
    expect(result.unknownColumns).toEqual([]);
    expect(result.rows).toHaveLength(1);
    const row = result.rows[0];
    expect(row?.line).toBe(2);
    expect(Object.keys(row?.values ?? {}).sort()).toEqual(USER_IMPORT_COLUMNS.map((column) => column.key).sort());
    expect(row?.values.signInName).toBe('chris.green@contoso.example');
    expect(row?.values.displayName).toBe('Chris Green');
    expect(splitList(row?.values.licences)).toHaveLength(2);
    expect(splitList(row?.values.groups)).toEqual(['Sales Team', 'Sales EMEA']);
    expect(parseBoolean(row?.values.blockSignIn)).toBe(false);
    expect(row?.extraCells).toBeUndefined();
  });

  it('round-trips through the parser from bytes too', () => {
    const result = expectOk(parseUserCsv(Buffer.from(userImportTemplateCsv(), 'utf8')));
    expect(result.rows[0]?.values.signInName).toBe('chris.green@contoso.example');
  });
});

describe('parseUserCsv', () => {
  it("accepts the anchor product's file unchanged", () => {
    const csv = `${ANCHOR_HEADER}\r\nchris@contoso.example,Chris,Green,Chris Green,IT Manager,Information Technology,123451,123-555-1211,123-555-6641,123-555-9821,Alternate@contoso.example,1 Microsoft way,Redmond,Wa,98052,United States\r\n`;
    const result = expectOk(parseUserCsv(csv));
    expect(result.unknownColumns).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        values: {
          signInName: 'chris@contoso.example',
          firstName: 'Chris',
          lastName: 'Green',
          displayName: 'Chris Green',
          jobTitle: 'IT Manager',
          department: 'Information Technology',
          officeLocation: '123451',
          officePhone: '123-555-1211',
          mobilePhone: '123-555-6641',
          faxNumber: '123-555-9821',
          alternateEmail: 'Alternate@contoso.example',
          streetAddress: '1 Microsoft way',
          city: 'Redmond',
          stateOrProvince: 'Wa',
          postalCode: '98052',
          countryOrRegion: 'United States',
        },
      },
    ]);
  });

  it('reads UTF-8 with a BOM, as a string or as bytes', () => {
    const text = '\uFEFFUser Name,Display Name\r\nzoë@contoso.example,Zoë Müller\r\n';
    for (const input of [text, Buffer.from(text, 'utf8'), new TextEncoder().encode(text)]) {
      const result = expectOk(parseUserCsv(input));
      expect(result.unknownColumns).toEqual([]);
      expect(result.rows).toEqual([{ line: 2, values: { signInName: 'zoë@contoso.example', displayName: 'Zoë Müller' } }]);
    }
  });

  it('reads UTF-8 without a BOM', () => {
    const result = expectOk(parseUserCsv(Buffer.from('User Name,Display Name\nann@contoso.example,Ann\n', 'utf8')));
    expect(result.rows[0]?.values).toEqual({ signInName: 'ann@contoso.example', displayName: 'Ann' });
  });

  it('refuses bytes that are not UTF-8 (a file saved as ANSI) with a clear message', () => {
    const latin1 = Buffer.from('User Name,Display Name\nzoe@contoso.example,Zo\xe9\n', 'latin1');
    const error = expectError(parseUserCsv(latin1));
    expect(error.code).toBe('NOT_UTF8');
    expect(error.message).toMatch(/UTF-8/);
  });

  it('detects semicolons, and keeps semicolons inside a quoted cell', () => {
    const csv = 'User Name;Display Name;City;Licenses\r\nann@contoso.example;Ann;Redmond, WA;"E3;EMS"\r\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.delimiter).toBe(';');
    expect(result.rows[0]?.values).toEqual({
      signInName: 'ann@contoso.example',
      displayName: 'Ann',
      city: 'Redmond, WA',
      licences: 'E3;EMS',
    });
    expect(splitList(result.rows[0]?.values.licences)).toEqual(['E3', 'EMS']);
  });

  it('decides the delimiter from the header only, outside quotes', () => {
    const csv = 'User Name,Display Name,"Notes; a; b; c"\nann@contoso.example,"a;b;c;d",x\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.delimiter).toBe(',');
    expect(result.unknownColumns).toEqual(['Notes; a; b; c']);
    expect(result.rows[0]?.values.displayName).toBe('a;b;c;d');
  });

  it('honours an Excel "sep=;" first line', () => {
    const result = expectOk(parseUserCsv('sep=;\r\nUser Name;Display Name\r\nann@contoso.example;Ann\r\n'));
    expect(result.delimiter).toBe(';');
    expect(result.rows).toEqual([{ line: 3, values: { signInName: 'ann@contoso.example', displayName: 'Ann' } }]);
  });

  it('reads quoted commas, doubled quotes and line breaks, and numbers the next record by its physical line', () => {
    const csv = [
      'User Name,Display Name,Address,City',
      'ann@contoso.example,"Ann ""AJ"" Jones","1 Main Street,',
      'Suite 2',
      '',
      'Building 7",Redmond',
      'bob@contoso.example,"Smith, Bob",,Seattle',
      '',
    ].join('\r\n');
    const result = expectOk(parseUserCsv(csv));
    expect(result.rows).toEqual([
      {
        line: 2,
        values: {
          signInName: 'ann@contoso.example',
          displayName: 'Ann "AJ" Jones',
          streetAddress: '1 Main Street,\nSuite 2\n\nBuilding 7',
          city: 'Redmond',
        },
      },
      { line: 6, values: { signInName: 'bob@contoso.example', displayName: 'Smith, Bob', city: 'Seattle' } },
    ]);
  });

  it('counts LF-only and CR-only line endings the same way', () => {
    for (const eol of ['\n', '\r']) {
      const csv = ['User Name,Display Name', '"a@x.example","A', 'A"', 'b@x.example,B'].join(eol);
      const result = expectOk(parseUserCsv(csv));
      expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
      expect(result.rows[0]?.values.displayName).toBe('A\nA');
    }
  });

  it('skips blank lines and rows whose every cell is empty, keeping physical line numbers', () => {
    const csv = 'User Name,Display Name\r\n\r\nann@contoso.example,Ann\r\n   \r\n,,\r\n , \r\n\r\nbob@contoso.example,Bob\r\n\r\n\r\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.rows.map((row) => [row.line, row.values.signInName])).toEqual([
      [3, 'ann@contoso.example'],
      [8, 'bob@contoso.example'],
    ]);
  });

  it('tolerates trailing delimiters on the header and the rows', () => {
    const csv = 'User Name,Display Name,,,\r\nann@contoso.example,Ann,,,,,,\r\nbob@contoso.example,Bob\r\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.unknownColumns).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, values: { signInName: 'ann@contoso.example', displayName: 'Ann' } },
      { line: 3, values: { signInName: 'bob@contoso.example', displayName: 'Bob' } },
    ]);
  });

  it('reports non-empty cells beyond the last column (usually an unquoted comma)', () => {
    const csv = 'User Name,Display Name,Address,City\nann@contoso.example,Ann,1 Main Street, Suite 2,Redmond\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.rows[0]?.values.city).toBe('Suite 2');
    expect(result.rows[0]?.extraCells).toEqual(['Redmond']);
  });

  it('trims cells, and matches headers case-insensitively and ignoring whitespace', () => {
    const csv = '  user   NAME ,DISPLAY name,\tblock sign-in ,licences\nann@contoso.example ,  Ann , yes ,"  E3 ; EMS  "\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.unknownColumns).toEqual([]);
    expect(result.rows[0]?.values).toEqual({
      signInName: 'ann@contoso.example',
      displayName: 'Ann',
      blockSignIn: 'yes',
      licences: 'E3 ; EMS',
    });
  });

  it('keeps a stray quote inside an unquoted value', () => {
    const result = expectOk(parseUserCsv('User Name,Display Name\nann@contoso.example,Ann O"Neil\n'));
    expect(result.rows[0]?.values.displayName).toBe('Ann O"Neil');
  });

  it('reports unknown columns once each, without failing', () => {
    const csv = 'User Name,Employee Id,Display Name,Cost Centre,employee  id\nann@contoso.example,42,Ann,CC1,43\n';
    const result = expectOk(parseUserCsv(csv));
    expect(result.unknownColumns).toEqual(['Employee Id', 'Cost Centre']);
    expect(result.rows[0]?.values).toEqual({ signInName: 'ann@contoso.example', displayName: 'Ann' });
  });

  it('names the missing required columns', () => {
    const both = expectError(parseUserCsv('First Name,Last Name\nAnn,Jones\n'));
    expect(both).toMatchObject({ code: 'MISSING_COLUMNS', line: 1 });
    expect(both.message).toContain('"User Name" and "Display Name"');

    const one = expectError(parseUserCsv('User Name,First Name\nann@contoso.example,Ann\n'));
    expect(one.code).toBe('MISSING_COLUMNS');
    expect(one.message).toMatch(/missing the required column "Display Name"\./);
  });

  it('refuses a column given twice', () => {
    const error = expectError(parseUserCsv('User Name,Display Name,user name\na@x.example,A,b@x.example\n'));
    expect(error).toMatchObject({ code: 'DUPLICATE_COLUMN', line: 1 });
    expect(error.message).toContain('"User Name"');
  });

  it('refuses an empty file and a header-only file', () => {
    for (const input of ['', '\uFEFF', '\r\n\r\n', ' , \n', Buffer.alloc(0)]) {
      const error = expectError(parseUserCsv(input));
      expect(error.code).toBe('EMPTY_FILE');
      expect(error.message).toMatch(/no user rows/);
    }
    for (const input of [FULL_HEADER, `${ANCHOR_HEADER}\r\n`, `\uFEFF${FULL_HEADER}\r\n\r\n,,,\r\n`]) {
      const error = expectError(parseUserCsv(input));
      expect(error).toMatchObject({ code: 'NO_ROWS', line: 1 });
      expect(error.message).toMatch(/The file has no user rows/);
    }
  });

  it('refuses an unclosed quote with the line where its record starts', () => {
    const csv = 'User Name,Display Name\r\nann@contoso.example,Ann\r\n\r\n"bob@contoso.example,Bob\r\ncid@contoso.example,Cid\r\n';
    const error = expectError(parseUserCsv(csv));
    expect(error).toMatchObject({ code: 'MALFORMED_CSV', line: 4 });
    expect(error.message).toMatch(/^Line 4: .*quoted value is never closed/);
  });

  it('refuses text after a closing quote with its line', () => {
    const error = expectError(parseUserCsv('User Name,Display Name\na@x.example,A\n"b@x.example"xyz,B\n'));
    expect(error).toMatchObject({ code: 'MALFORMED_CSV', line: 3 });
  });

  describe('row limit', () => {
    const rowsCsv = (count: number) => {
      const row = 'user@contoso.example,User,Example,User Example,,Sales,,,,,,1 Main Street,Redmond,WA,98052,United States,US,E3,Sales,No\r\n';
      return `${FULL_HEADER}\r\n${row.repeat(count)}`;
    };

    it('accepts 50,000 rows', { timeout: 30_000 }, () => {
      const result = expectOk(parseUserCsv(rowsCsv(50_000)));
      expect(result.rows).toHaveLength(50_000);
      expect(result.rows.at(-1)?.line).toBe(50_001);
    });

    it('refuses 50,001 rows with a clear message', { timeout: 30_000 }, () => {
      const error = expectError(parseUserCsv(rowsCsv(50_001)));
      expect(error.code).toBe('TOO_MANY_ROWS');
      expect(error.message).toBe('The file has 50,001 rows; the limit is 50,000. Split it into smaller files.');
    });

    it('takes a smaller limit and counts only rows with content', () => {
      const csv = 'User Name,Display Name\na@x.example,A\n\n,\nb@x.example,B\n';
      expect(parseUserCsv(csv, { maxRows: 2 }).ok).toBe(true);
      const error = expectError(parseUserCsv(`${csv}c@x.example,C\n`, { maxRows: 2 }));
      expect(error.message).toBe('The file has 3 rows; the limit is 2. Split it into smaller files.');
    });
  });
});

describe('parseSignInNameCsv', () => {
  it('reads a "User Name" column among others', () => {
    const csv = '\uFEFFDisplay Name,User Name\r\nAnn,ann@contoso.example\r\n\r\nBob, bob@contoso.example \r\n';
    expect(parseSignInNameCsv(csv)).toEqual({
      ok: true,
      delimiter: ',',
      rows: [
        { line: 2, signInName: 'ann@contoso.example' },
        { line: 4, signInName: 'bob@contoso.example' },
      ],
    });
  });

  it('reads a "Sign-in name" column in a semicolon file', () => {
    const result = parseSignInNameCsv('sign-in NAME;Reason\nann@contoso.example;left\n');
    expect(result).toEqual({ ok: true, delimiter: ';', rows: [{ line: 2, signInName: 'ann@contoso.example' }] });
  });

  it('reads a single column of addresses without a header', () => {
    const result = parseSignInNameCsv('ann@contoso.example\r\nbob@contoso.example,\r\n\r\n');
    expect(result).toEqual({
      ok: true,
      delimiter: ',',
      rows: [
        { line: 1, signInName: 'ann@contoso.example' },
        { line: 2, signInName: 'bob@contoso.example' },
      ],
    });
  });

  it('takes any other title of a single column as its header', () => {
    const result = parseSignInNameCsv('Users to delete\nann@contoso.example\n');
    expect(result).toEqual({ ok: true, delimiter: ',', rows: [{ line: 2, signInName: 'ann@contoso.example' }] });
  });

  it('returns an empty name for a row that has other cells, so that the caller reports it', () => {
    const result = parseSignInNameCsv('User Name,Note\n,forgot the name\n');
    expect(result).toEqual({ ok: true, delimiter: ',', rows: [{ line: 2, signInName: '' }] });
  });

  it('refuses several columns without a name column, an empty file, a header-only file, too many rows and bad quoting', () => {
    expect(expectError(parseSignInNameCsv('Display Name,Email\nAnn,ann@contoso.example\n')).code).toBe('MISSING_COLUMNS');
    expect(expectError(parseSignInNameCsv('')).code).toBe('EMPTY_FILE');
    expect(expectError(parseSignInNameCsv('User Name\r\n\r\n')).message).toMatch(/no user rows/);
    expect(expectError(parseSignInNameCsv('a@x.example\nb@x.example\n', { maxRows: 1 })).message).toBe(
      'The file has 2 rows; the limit is 1. Split it into smaller files.',
    );
    expect(expectError(parseSignInNameCsv('User Name\na@x.example\n"b@x.example\n'))).toMatchObject({
      code: 'MALFORMED_CSV',
      line: 3,
    });
  });
});

describe('splitList', () => {
  it.each([
    ['E3;EMS', ['E3', 'EMS']],
    ['  E3 ;  EMS ;', ['E3', 'EMS']],
    [';;E3;;', ['E3']],
    ['Sales Team;sales team;SALES TEAM;Sales EMEA', ['Sales Team', 'Sales EMEA']],
    ['Microsoft 365 E3', ['Microsoft 365 E3']],
    ['', []],
    ['  ;  ', []],
  ])('%j → %j', (value, expected) => {
    expect(splitList(value)).toEqual(expected);
  });

  it('treats a missing cell as an empty list', () => {
    expect(splitList(undefined)).toEqual([]);
    expect(splitList(null)).toEqual([]);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['true', true], ['TRUE', true], ['1', true], [' yes ', true],
    ['no', false], ['No', false], ['n', false], ['N', false], ['false', false], ['False', false], ['0', false], ['', false], ['   ', false],
    ['maybe', null], ['2', null], ['blocked', null], ['yes please', null], ['-1', null],
  ] as const)('%j → %j', (value, expected) => {
    expect(parseBoolean(value)).toBe(expected);
  });

  it('treats a missing cell as false', () => {
    expect(parseBoolean(undefined)).toBe(false);
    expect(parseBoolean(null)).toBe(false);
  });
});
