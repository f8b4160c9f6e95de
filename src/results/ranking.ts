/** One accepted entry with its counted votes, as the ranking needs it. */
export interface TalliedEntry {
  entryId: string;
  number: number;
  nominationId: string;
  votes: number;
  /** When the entry reached its final count: the latest cast_at among its counted votes (null: none). */
  reachedAt: Date | null;
}

export interface RankedEntry extends TalliedEntry {
  rank: number;
  winner: boolean;
}

/**
 * Ranks one nomination: most votes first; ties broken by the earlier time at which the entry reached
 * its final count, then by the lower entry number (an entry with no votes reached 0 at the start).
 * The top `winnersCount` are winners.
 */
export function rankNomination(entries: TalliedEntry[], winnersCount: number): RankedEntry[] {
  const reached = (e: TalliedEntry) => (e.reachedAt ? e.reachedAt.getTime() : Number.NEGATIVE_INFINITY);
  return [...entries]
    .sort((a, b) => b.votes - a.votes || reached(a) - reached(b) || a.number - b.number)
    .map((entry, index) => ({ ...entry, rank: index + 1, winner: index < winnersCount }));
}
