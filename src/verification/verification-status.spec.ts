import {
  nextVerificationStatus,
  VERIFICATION_ACTIONS,
  VERIFICATION_STATUSES,
  VERIFICATION_TRANSITIONS,
} from './verification-status';

/** Every allowed (status, action) pair; anything not listed here must be refused. */
const ALLOWED: Record<string, string> = {
  'pending/approve': 'approved',
  'pending/refuse': 'refused',
};

const PAIRS = VERIFICATION_STATUSES.flatMap((status) =>
  VERIFICATION_ACTIONS.map((action) => [status, action] as const),
);

describe('voter verification state machine', () => {
  it('covers 3 statuses × 2 actions', () => {
    expect(PAIRS).toHaveLength(6);
  });

  it.each(PAIRS)('%s --%s--> as §4 says', (status, action) => {
    expect(nextVerificationStatus(status, action)).toBe(ALLOWED[`${status}/${action}`]);
  });

  it('requires a reason exactly to refuse', () => {
    expect(VERIFICATION_ACTIONS.filter((action) => VERIFICATION_TRANSITIONS[action].needsReason)).toEqual([
      'refuse',
    ]);
  });
});
