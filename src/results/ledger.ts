import { createHash } from 'node:crypto';

export interface LedgerVote {
  entryNumber: number;
  pseudonym: string;
  castAt: Date;
  annulled: boolean;
}

export const LEDGER_HEADER = 'entry_number,voter_pseudonym,cast_at,annulled';

/**
 * The anonymised vote ledger exactly as §2 specifies: UTF-8, LF after every row (header included),
 * cast_at in UTC ISO 8601 with milliseconds and Z, sorted by cast_at then pseudonym.
 */
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

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
