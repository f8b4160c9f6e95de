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
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const date = new Date(at);
  if (!id || Number.isNaN(date.getTime()) || !isUUID(id)) {
    throw CommonErrors.validation([
      { field: 'cursor', code: 'invalidCursor', message: 'cursor is not valid' },
    ]);
  }
  return { at: date, id };
}
