/**
 * RFC 4180 CSV as spreadsheet and platform exports write it: comma-separated, fields in double
 * quotes where they hold commas, quotes ("" inside) or line breaks, CRLF or LF line ends, an
 * optional UTF-8 byte-order mark. Yields each record with the line it starts on (1-based).
 */
export function* csvRecords(text: string): Generator<{ readonly line: number; readonly fields: string[] }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    for (;;) {
      if (text[i] === '"') {
        // A quoted field: up to the closing quote; "" is a quote.
        i++;
        for (;;) {
          if (i >= text.length) break;
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
      }
      // Unquoted text (or what follows a closing quote) up to the separator or the line's end.
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      if (text[i] === ',') {
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      fields.push(field);
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    yield { line: start, fields };
  }
}
