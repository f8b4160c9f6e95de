/**
 * CSV for spreadsheets (RFC 4180, CRLF). A cell that a spreadsheet would read as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, so opening a downloaded file
 * never runs what a practice's author typed (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
