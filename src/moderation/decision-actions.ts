import { ENTRY_TRANSITIONS } from '../contests/entry-status';
import { TRANSITIONS } from '../practices/practice-status';
import { MEMBERSHIP_TRANSITIONS } from '../representatives/membership-status';
import { VERIFICATION_TRANSITIONS } from '../verification/verification-status';
import { QueueKind } from './dto/queue.dto';

export interface DecisionAction {
  action: string;
  /** The service refuses it without a reason (the person concerned receives the reason). */
  needsReason: boolean;
}

const actions = <A extends string>(
  table: Record<A, { needsReason: boolean }>,
  names: readonly A[],
): DecisionAction[] => names.map((action) => ({ action, needsReason: table[action].needsReason }));

/**
 * The decisions a moderator makes on each kind of queue item, in the order a form offers them:
 * the one that lets the item through first. Whether a reason is needed comes from each kind's
 * transition table, so the forms can never disagree with the services.
 */
export const DECISION_ACTIONS: Record<QueueKind, DecisionAction[]> = {
  practice: actions(TRANSITIONS, ['approve', 'request_changes', 'reject']),
  entry: actions(ENTRY_TRANSITIONS, ['accept', 'reject']),
  representative: actions(MEMBERSHIP_TRANSITIONS, ['approve', 'refuse']),
  voter_verification: actions(VERIFICATION_TRANSITIONS, ['approve', 'refuse']),
};
