import { isUUID } from 'class-validator';
import { CommonErrors } from '../errors/domain-error';

/** Keyset cursor over (timestamp, id): opaque to clients, stable under inserts. */
export interface TimeCursor {
  at: Date;
  id: string;
}

export function encodeCursor(cursor: TimeCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): TimeCursor {
  const [at = '', id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!id || !isUUID(id) || !isStrictTimestamp(at)) {
    throw invalidCursor();
  }
  return { at: new Date(at), id };
}

export function invalidCursor() {
  return CommonErrors.validation([
    { field: 'cursor', code: 'invalidCursor', message: 'cursor is not valid' },
  ]);
}

/**
 * `2026-12-02T18:22:27.123Z` (ours) or PostgreSQL's `2026-12-02 18:22:27.123456+00`, and only a real
 * calendar instant: `Date.parse` rolls `2024-02-30` over to March 1 where PostgreSQL refuses it.
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

export function isStrictTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}
