import { ByteRange } from '../storage/file-storage';

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/;

/**
 * What to serve for a `Range` header over `size` bytes (RFC 9110 §14). One byte range is served as
 * asked; several ranges, another unit, a malformed header or an `If-Range` that does not name the
 * current ETag get the whole file, which §14.2 allows a server to send instead. A range that starts
 * past the end is unsatisfiable (416).
 */
export function answerRange(
  header: string | undefined,
  size: number,
  etag: string,
  ifRange?: string,
): RangeAnswer {
  const match = header === undefined ? null : SINGLE_RANGE.exec(header.trim());
  if (!match || (ifRange !== undefined && ifRange !== etag)) {
    return { kind: 'whole' };
  }
  const [, first, last] = match;
  if (first === '' && last === '') {
    return { kind: 'whole' };
  }
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    return length === 0 || size === 0
      ? { kind: 'unsatisfiable' }
      : { kind: 'partial', range: { start: Math.max(size - length, 0), end: size - 1 } };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) {
    return { kind: 'whole' }; // not a valid range-spec: ignored
  }
  if (start >= size) {
    return { kind: 'unsatisfiable' };
  }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', range: { start, end } };
}
