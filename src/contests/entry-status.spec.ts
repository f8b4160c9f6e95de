import { ENTRY_ACTIONS, ENTRY_STATUSES, ENTRY_TRANSITIONS, nextEntryStatus } from './entry-status';

/** Every allowed (status, action) pair; anything not listed here must be refused. */
const ALLOWED: Record<string, string> = {
  'pending/accept': 'accepted',
  'pending/reject': 'rejected',
};

const PAIRS = ENTRY_STATUSES.flatMap((status) => ENTRY_ACTIONS.map((action) => [status, action] as const));

describe('contest entry state machine', () => {
  it('covers 3 statuses × 2 actions', () => {
    expect(PAIRS).toHaveLength(6);
  });

  it.each(PAIRS)('%s --%s--> as §2 says', (status, action) => {
    expect(nextEntryStatus(status, action)).toBe(ALLOWED[`${status}/${action}`]);
  });

  it('requires a reason exactly to reject', () => {
    expect(ENTRY_ACTIONS.filter((action) => ENTRY_TRANSITIONS[action].needsReason)).toEqual(['reject']);
  });
});
