import { rankNomination, TalliedEntry } from './ranking';

const entry = (number: number, votes: number, reachedAt: string | null): TalliedEntry => ({
  entryId: `e${number}`,
  number,
  nominationId: 'n',
  votes,
  reachedAt: reachedAt ? new Date(reachedAt) : null,
});

describe('rankNomination', () => {
  it('ranks by votes, then by who reached the final count first, then by entry number', () => {
    const ranked = rankNomination(
      [
        entry(1, 5, '2026-05-01T10:00:00.000Z'),
        entry(2, 7, '2026-05-01T09:00:00.000Z'),
        entry(3, 5, '2026-05-01T08:00:00.000Z'),
        entry(4, 0, null),
        entry(5, 0, null),
        entry(6, 5, '2026-05-01T08:00:00.000Z'),
      ],
      3,
    );
    expect(ranked.map((e) => e.number)).toEqual([2, 3, 6, 1, 4, 5]);
    expect(ranked.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ranked.filter((e) => e.winner).map((e) => e.number)).toEqual([2, 3, 6]);
  });

  it('makes everyone a winner when there are fewer entries than winners', () => {
    expect(rankNomination([entry(1, 0, null)], 3).every((e) => e.winner)).toBe(true);
  });
});
