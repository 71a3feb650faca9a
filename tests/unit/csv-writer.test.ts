import { describe, expect, it } from 'vitest';
import { csvLine, csvStream, neutraliseCell } from '@/server/exports/csv-writer';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const decodeKeepingBom = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

async function* fromArray(rows: unknown[][]): AsyncGenerator<unknown[]> {
  for (const row of rows) yield row;
}

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes %j with a single quote', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it('neutralises a plain negative number too, as the rule says', () => {
    expect(neutraliseCell('-5')).toBe("'-5");
    expect(neutraliseCell(-5)).toBe("'-5");
  });

  it('leaves other values alone, including a dangerous character that is not the first', () => {
    expect(neutraliseCell('Jean-Luc')).toBe('Jean-Luc');
    expect(neutraliseCell('ann@contoso.example')).toBe('ann@contoso.example');
    expect(neutraliseCell('1+1=2')).toBe('1+1=2');
    expect(neutraliseCell(' =1+1')).toBe(' =1+1');
    expect(neutraliseCell(42)).toBe('42');
    expect(neutraliseCell(true)).toBe('true');
    expect(neutraliseCell('')).toBe('');
  });

  it('turns null and undefined into an empty cell, and a date into ISO 8601', () => {
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
    expect(neutraliseCell(new Date(Date.UTC(2025, 0, 31, 12, 0, 0)))).toBe('2025-01-31T12:00:00.000Z');
  });
});

describe('csvLine', () => {
  it('joins with commas and ends with CRLF', () => {
    expect(csvLine(['a', 'b', 42])).toBe('a,b,42\r\n');
    expect(csvLine([])).toBe('\r\n');
  });

  it('quotes cells with a comma, a quote or a line break, doubling inner quotes', () => {
    expect(csvLine(['Smith, Bob', 'Ann "AJ" Jones', 'line\nbreak', 'cr\rhere', 'plain', null])).toBe(
      '"Smith, Bob","Ann ""AJ"" Jones","line\nbreak","cr\rhere",plain,\r\n',
    );
  });

  it('neutralises before quoting', () => {
    expect(csvLine(['=HYPERLINK("http://evil.example","x")', '\rfoo', '-5'])).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")","'\rfoo",'-5\r\n`,
    );
  });
});

describe('csvStream', () => {
  it('writes a UTF-8 BOM, the header, then every row', async () => {
    const stream = csvStream(['User Name', 'Display Name'], fromArray([
      ['ann@contoso.example', 'Ann'],
      ['bob@contoso.example', '=cmd|" /C calc"!A0'],
      ['zoë@contoso.example', 'Zoë, Müller'],
    ]));
    const bytes = await readAll(stream);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeKeepingBom(bytes)).toBe(
      '\uFEFFUser Name,Display Name\r\n' +
        'ann@contoso.example,Ann\r\n' +
        `bob@contoso.example,"'=cmd|"" /C calc""!A0"\r\n` +
        'zoë@contoso.example,"Zoë, Müller"\r\n',
    );
  });

  it('writes BOM and header for an empty export', async () => {
    const bytes = await readAll(csvStream(['User Name'], fromArray([])));
    expect(decodeKeepingBom(bytes)).toBe('\uFEFFUser Name\r\n');
  });

  it('pulls rows only as the reader asks, and releases the source when cancelled', async () => {
    let produced = 0;
    let released = false;
    async function* manyRows(): AsyncGenerator<unknown[]> {
      try {
        for (let i = 0; i < 100_000; i++) {
          produced++;
          yield [`user${i}@contoso.example`, i];
        }
      } finally {
        released = true;
      }
    }

    const reader = csvStream(['User Name', 'Number'], manyRows()).getReader();
    const first = await reader.read();
    expect(decodeKeepingBom(first.value ?? new Uint8Array())).toBe('\uFEFFUser Name,Number\r\n');
    const second = await reader.read();
    expect(decodeKeepingBom(second.value ?? new Uint8Array())).toBe('user0@contoso.example,0\r\n');
    await reader.read();
    expect(produced).toBeLessThanOrEqual(5);

    await reader.cancel();
    expect(released).toBe(true);
    expect(produced).toBeLessThanOrEqual(5);
  });

  it('errors the stream when the source fails', async () => {
    async function* failing(): AsyncGenerator<unknown[]> {
      yield ['ok'];
      throw new Error('database went away');
    }
    await expect(readAll(csvStream(['a'], failing()))).rejects.toThrow('database went away');
  });
});
