import { createHash } from 'node:crypto';

export interface LedgerVote {
  entryNumber: number;
  pseudonym: string;
  castAt: Date;
  annulled: boolean;
}

export const LEDGER_HEADER = 'entry_number,voter_pseudonym,cast_at,annulled';

/** About 64 KiB of rows per chunk: few writes, and memory stays a chunk plus one millisecond's votes. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The anonymised vote ledger exactly as §2 specifies: UTF-8, LF after every row (header included),
 * cast_at in UTC ISO 8601 with milliseconds and Z, sorted by cast_at then pseudonym.
 *
 * `batches` must come ordered by cast_at (the database sorts: pseudonyms are HMACs computed here, so
 * only the votes of one millisecond are held back and sorted by pseudonym before they are written).
 * The ledger's cells are entry numbers, hex pseudonyms, timestamps and booleans, none of which can
 * start a spreadsheet formula, so §2's format needs no escaping.
 */
export async function* ledgerChunks(batches: AsyncIterable<LedgerVote[]>): AsyncGenerator<Buffer> {
  let text = `${LEDGER_HEADER}\n`;
  let group: { at: string; rows: LedgerVote[] } = { at: '', rows: [] };
  for await (const batch of batches) {
    for (const vote of batch) {
      const at = vote.castAt.toISOString();
      if (at !== group.at) {
        text += millisecondRows(group.at, group.rows);
        group = { at, rows: [] };
        if (text.length >= CHUNK_CHARS) {
          yield Buffer.from(text, 'utf8');
          text = '';
        }
      }
      group.rows.push(vote);
    }
  }
  yield Buffer.from(text + millisecondRows(group.at, group.rows), 'utf8');
}

/** The votes cast in one millisecond, in pseudonym order. */
function millisecondRows(at: string, votes: LedgerVote[]): string {
  return votes
    .sort((a, b) => compare(a.pseudonym, b.pseudonym))
    .map((v) => `${v.entryNumber},${v.pseudonym},${at},${v.annulled}\n`)
    .join('');
}

/** The whole ledger in memory, for tests and small contests; same bytes as `ledgerChunks`. */
export function buildLedgerCsv(votes: LedgerVote[]): string {
  const rows = votes
    .map((v) => ({ ...v, at: v.castAt.toISOString() }))
    .sort((a, b) => (a.at === b.at ? compare(a.pseudonym, b.pseudonym) : compare(a.at, b.at)));
  return [LEDGER_HEADER, ...rows.map((v) => `${v.entryNumber},${v.pseudonym},${v.at},${v.annulled}`)]
    .map((line) => `${line}\n`)
    .join('');
}

/** SHA-256 hex of the exact bytes served. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

/** Code-point order, independent of any locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a spreadsheet would run as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted when it must be (RFC 4180). A text that a spreadsheet would take for a
 * formula (a practice titled `=HYPERLINK(…)`) is prefixed with `'`, which spreadsheets show as text.
 */
export function csvField(value: string | number | boolean): string {
  const raw = String(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
