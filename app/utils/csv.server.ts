/**
 * The one CSV writer (RFC 4180: every cell quoted, CRLF line ends). A cell that starts with = + - @, a tab
 * or a carriage return gets a leading apostrophe, so a spreadsheet never runs a member's text as a formula
 * (OWASP "CSV injection"). Exports are personal data: never stored by caches.
 */
export type CsvCell = string | number | null | undefined;

const cell = (value: CsvCell) => {
  const text = value === null || value === undefined ? "" : String(value);
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export function toCsv(rows: CsvCell[][]) {
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function csvResponse(rows: CsvCell[][], filename: string) {
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
