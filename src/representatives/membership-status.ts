import { nextStatusIn, TransitionTable } from '../common/decisions/transition-table';

/**
 * A representative membership's life (§1), in one table:
 *   pending ──approve──▶ approved ──remove──▶ removed
 *   pending ──refuse───▶ refused
 */
export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'refused', 'removed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const MEMBERSHIP_ACTIONS = ['approve', 'refuse', 'remove'] as const;
export type MembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];

export const MEMBERSHIP_TRANSITIONS: TransitionTable<MembershipStatus, MembershipAction> = {
  approve: { from: ['pending'], to: 'approved', needsReason: false },
  refuse: { from: ['pending'], to: 'refused', needsReason: true },
  remove: { from: ['approved'], to: 'removed', needsReason: false },
};

export function nextMembershipStatus(
  current: MembershipStatus,
  action: MembershipAction,
): MembershipStatus | undefined {
  return nextStatusIn(MEMBERSHIP_TRANSITIONS, current, action);
}
