import { nextStatusIn, TransitionTable } from '../common/decisions/transition-table';

/**
 * A voter verification request's life (§4), in one table:
 *   pending ──approve──▶ approved
 *   pending ──refuse───▶ refused
 */
export const VERIFICATION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VERIFICATION_ACTIONS = ['approve', 'refuse'] as const;
export type VerificationAction = (typeof VERIFICATION_ACTIONS)[number];

export const VERIFICATION_TRANSITIONS: TransitionTable<VerificationStatus, VerificationAction> = {
  approve: { from: ['pending'], to: 'approved', needsReason: false },
  refuse: { from: ['pending'], to: 'refused', needsReason: true },
};

export function nextVerificationStatus(
  current: VerificationStatus,
  action: VerificationAction,
): VerificationStatus | undefined {
  return nextStatusIn(VERIFICATION_TRANSITIONS, current, action);
}
