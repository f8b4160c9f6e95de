import { Injectable } from '@nestjs/common';
import { ContestsRepository } from './contests.repository';

const TTL_MS = 3_000;

/**
 * Tallies are COUNTs over the votes table's index, cached for a few seconds where live counts are
 * shown, so thousands of ballot views do not each count every vote. Published results use the frozen
 * snapshot instead.
 */
@Injectable()
export class TallyCache {
  private readonly cache = new Map<string, { at: number; counts: Promise<Map<string, number>> }>();

  constructor(private readonly contests: ContestsRepository) {}

  get(contestId: string): Promise<Map<string, number>> {
    const cached = this.cache.get(contestId);
    if (cached && Date.now() - cached.at < TTL_MS) {
      return cached.counts;
    }
    const counts = this.contests.tallies(contestId);
    this.cache.set(contestId, { at: Date.now(), counts });
    counts.catch(() => this.cache.delete(contestId));
    return counts;
  }
}
