import {
  MEMBERSHIP_ACTIONS,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TRANSITIONS,
  nextMembershipStatus,
} from './membership-status';

/** Every allowed (status, action) pair; anything not listed here must be refused. */
const ALLOWED: Record<string, string> = {
  'pending/approve': 'approved',
  'pending/refuse': 'refused',
  'approved/remove': 'removed',
};

const PAIRS = MEMBERSHIP_STATUSES.flatMap((status) =>
  MEMBERSHIP_ACTIONS.map((action) => [status, action] as const),
);

describe('representative membership state machine', () => {
  it('covers 4 statuses × 3 actions', () => {
    expect(PAIRS).toHaveLength(12);
  });

  it.each(PAIRS)('%s --%s--> as §1 says', (status, action) => {
    expect(nextMembershipStatus(status, action)).toBe(ALLOWED[`${status}/${action}`]);
  });

  it('requires a reason exactly to refuse', () => {
    expect(MEMBERSHIP_ACTIONS.filter((action) => MEMBERSHIP_TRANSITIONS[action].needsReason)).toEqual([
      'refuse',
    ]);
  });
});
