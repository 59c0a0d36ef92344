import { csvRecords } from './csv';

const records = (text: string) => [...csvRecords(text)].map(({ line, fields }) => ({ line, fields }));

describe('csvRecords (RFC 4180 as exports write it)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a byte-order mark', () => {
    expect(records('\ufeffa,b\r\n"1,5","say ""hi"""\n"two\nlines",x')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,5', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'x'] },
    ]);
  });

  it('keeps empty fields and a trailing empty field', () => {
    expect(records('a,,c,\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
  });
});
