/** Rows as CSV the way RFC 4180 writes it: CRLF after every record, and a field quoted (its quotes doubled) when it holds a comma, a quote or a line break. */
export type CsvCell = string | number | boolean | undefined;

function csvField(cell: CsvCell): string {
  const text = cell === undefined ? "" : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
