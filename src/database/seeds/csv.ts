import * as fs from 'node:fs';

/** Reads the reference CSVs (UTF-8, header row, comma-separated, no quoting) into rows keyed by header. */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
  const columns = header.split(',').map((column) => column.trim());
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, (cells[i] ?? '').trim()]));
  });
}
