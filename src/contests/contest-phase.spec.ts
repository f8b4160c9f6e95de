import { contestPhase } from './contest-phase';

const at = (iso: string) => new Date(iso);
const schedule = {
  entriesOpenAt: at('2026-03-01T00:00:00Z'),
  entriesCloseAt: at('2026-04-01T00:00:00Z'),
  votingOpensAt: at('2026-04-15T00:00:00Z'),
  votingClosesAt: at('2026-05-01T00:00:00Z'),
  resultsPublishedAt: null,
};

describe('contestPhase', () => {
  it.each([
    ['2026-02-28T23:59:59.999Z', 'upcoming'],
    ['2026-03-01T00:00:00.000Z', 'accepting_entries'],
    ['2026-03-31T23:59:59.999Z', 'accepting_entries'],
    ['2026-04-01T00:00:00.000Z', 'reviewing'],
    ['2026-04-15T00:00:00.000Z', 'voting'],
    ['2026-04-30T23:59:59.999Z', 'voting'],
    ['2026-05-01T00:00:00.000Z', 'counting'],
    ['2027-01-01T00:00:00.000Z', 'counting'],
  ])('at %s is %s (half-open windows)', (now, phase) => {
    expect(contestPhase(schedule, at(now))).toBe(phase);
  });

  it('is results_published once published, whatever the clock says', () => {
    expect(
      contestPhase(
        { ...schedule, resultsPublishedAt: at('2026-05-02T00:00:00Z') },
        at('2026-05-03T00:00:00Z'),
      ),
    ).toBe('results_published');
  });

  it('goes straight from entries to voting when voting opens as entries close', () => {
    const adjacent = { ...schedule, votingOpensAt: schedule.entriesCloseAt };
    expect(contestPhase(adjacent, at('2026-04-01T00:00:00Z'))).toBe('voting');
  });
});
