import { answerRange } from './byte-range';

const ETAG = '"abc"';

describe('answerRange', () => {
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=10-', { start: 10, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=95-500', { start: 95, end: 99 }],
    ['bytes=99-99', { start: 99, end: 99 }],
  ])('serves %p of 100 bytes as %p', (header, range) => {
    expect(answerRange(header, 100, ETAG)).toEqual({ kind: 'partial', range });
  });

  it.each(['bytes=100-', 'bytes=100-200', 'bytes=-0'])(
    'refuses %p of 100 bytes as unsatisfiable',
    (header) => {
      expect(answerRange(header, 100, ETAG)).toEqual({ kind: 'unsatisfiable' });
    },
  );

  it('refuses any range of an empty file', () => {
    expect(answerRange('bytes=0-', 0, ETAG)).toEqual({ kind: 'unsatisfiable' });
    expect(answerRange('bytes=-1', 0, ETAG)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([
    undefined,
    'bytes=0-1,5-6',
    'items=0-9',
    'bytes=9-0',
    'bytes=-',
    'bytes=a-b',
    'bytes=0-9999999999999999',
  ])('serves the whole file for %p', (header) => {
    expect(answerRange(header, 100, ETAG)).toEqual({ kind: 'whole' });
  });

  it('honours If-Range only when it names the current ETag', () => {
    expect(answerRange('bytes=0-9', 100, ETAG, ETAG)).toEqual({
      kind: 'partial',
      range: { start: 0, end: 9 },
    });
    expect(answerRange('bytes=0-9', 100, ETAG, '"older"')).toEqual({ kind: 'whole' });
  });
});
